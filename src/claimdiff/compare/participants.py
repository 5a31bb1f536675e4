"""What the status, mode and absence comparators share: value access, labels, wording."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claimdiff.extract.cues import participation_lexicon
from claimdiff.findings import Context
from claimdiff.models import AbsenceValue, Claim, ModeValue, StatusValue

# Statuses that say where an actor stands; "unspecified" says nobody knows yet.
IN = frozenset({"committed", "willing", "conditional"})
OUT = frozenset({"declined", "excluded"})
# Definite answers to "what is X's part?": what `specified_vs_unspecified` sets against
# "remains unclear". A willingness or a condition leaves the form open, so does not.
DEFINITE = frozenset({"committed", "supporting", "declined", "excluded"})


def status_of(claim: Claim) -> StatusValue:
    """Return a status claim's value."""
    if not isinstance(claim.value, StatusValue):
        raise TypeError(f"claim {claim.id} is a {claim.kind} claim, not a status")
    return claim.value


def mode_of(claim: Claim) -> ModeValue:
    """Return a mode claim's value."""
    if not isinstance(claim.value, ModeValue):
        raise TypeError(f"claim {claim.id} is a {claim.kind} claim, not a mode")
    return claim.value


def absence_of(claim: Claim) -> AbsenceValue:
    """Return an absence (or report) claim's value."""
    if not isinstance(claim.value, AbsenceValue):
        raise TypeError(f"claim {claim.id} is a {claim.kind} claim, not an absence")
    return claim.value


def quoted(claims: Sequence[Claim], context: Context, *, limit: int = 2) -> str:
    """Return evidence texts of some claims in quotation marks, one per document first."""
    ordered = sorted(claims, key=lambda c: (c.doc_id, c.evidence.start))
    firsts: dict[str, Claim] = {}
    for claim in ordered:
        firsts.setdefault(claim.doc_id, claim)
    picked = [*firsts.values(), *(c for c in ordered if c not in firsts.values())]
    texts: list[str] = []
    for claim in picked:
        text = " ".join(claim.evidence.text(context.documents[claim.doc_id]).split())
        if text not in texts:
            texts.append(text)
    return ", ".join(f"“{t}”" for t in texts[:limit])


def status_phrase(value: StatusValue) -> str:
    """Return "supporting (backstop)", "declined": a status as a reader says it."""
    return f"{value.status} ({value.role})" if value.role else value.status


def mode_phrase(mode: str | None) -> str:
    """Return "by video", "in person", "remotely" for a mode."""
    return {
        "video": "by video",
        "phone": "by phone",
        "remote": "remotely (virtually)",
        "in_person": "in person",
        "written": "in writing",
    }.get(mode or "", "in an unstated way")


def timing_phrase(timing: str | None) -> str:
    """Return "during the event", "after it" for a timing."""
    return {"before": "before the event", "during": "during the event", "after": "after it"}.get(
        timing or "", "at an unstated time"
    )


def says(claims: Iterable[Claim], context: Context, verb: str = "say") -> str:
    """Return "unknown-001 says" or "unknown-001 and unknown-003 say" (last word inflected)."""
    names = sorted({context.outlet(c.doc_id) for c in claims})
    who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    words = verb.split()
    if len(names) == 1:
        words[-1] += "es" if words[-1].endswith(("s", "sh", "ch")) else "s"
    return f"{who} {' '.join(words)}"


def undertaking_phrase(undertaking: str) -> str:
    """Return " in troop deployment" for a class, "" for the default (participation)."""
    lexicon = participation_lexicon().undertakings
    if undertaking == lexicon.default:
        return ""
    spec = lexicon.classes.get(undertaking)
    return f" in {spec.label if spec is not None else undertaking}"
