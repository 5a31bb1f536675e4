"""Attribution pass: claims made inside someone's words carry that speaker.

"“We currently have 26 nations ...,” Macron stated": the count is Macron's, so the
quantity claim gets ``speaker`` set and comparators can say "Macron said 26 in one
outlet" rather than "the outlet says 26". Runs after every extractor; it also merges
spelling variants of one person across documents ("Zelensky", "Zelenskyy") into one
speaker id, on the distinctive token (``normalise/entities.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from claimdiff.models import Claim, ClaimKind, Entity, EntityKind, QuoteValue
from claimdiff.normalise.entities import merge_people

SPEECH_KINDS = frozenset({ClaimKind.QUOTE, ClaimKind.STATEMENT})


class _Said(NamedTuple):
    """An attributed quotation or statement: where it sits and who said it."""

    start: int
    end: int
    width: int
    id: str
    speaker: str


def _speaker_of(claim: Claim, speech: Sequence[_Said]) -> str | None:
    """Return the speaker of the narrowest quotation or statement holding the claim."""
    start, end = claim.evidence.start, claim.evidence.end
    holders = [s for s in speech if s.start <= start and end <= s.end]
    if not holders:
        return None
    return min(holders, key=lambda s: (s.width, s.id)).speaker


def canonical_speakers(claims: Sequence[Claim]) -> dict[str, str]:
    """Map each person speaker id to one id per person across documents."""
    people: dict[str, Entity] = {}
    for claim in claims:
        value = claim.value
        if (
            isinstance(value, QuoteValue)
            and value.speaker
            and value.speaker not in people
            and value.speaker.startswith("person:")
        ):
            people[value.speaker] = Entity(
                id=value.speaker,
                name=value.speaker_name or value.speaker.removeprefix("person:"),
                kind=EntityKind.PERSON,
                affiliation=value.affiliation,
            )
    return merge_people([people[k] for k in sorted(people)])


def attribute_speakers(claims: Sequence[Claim]) -> list[Claim]:
    """Return the claims with speakers set inside quotations and merged across documents."""
    speech = [c for c in claims if c.kind in SPEECH_KINDS]
    canonical = canonical_speakers(speech)
    # Indexed by document so that the pass stays linear in the corpus (issue 7).
    speech_of: dict[str, list[_Said]] = {}
    for said in speech:
        if said.speaker is not None:
            start, end = said.evidence.start, said.evidence.end
            speech_of.setdefault(said.doc_id, []).append(
                _Said(start, end, end - start, said.id, said.speaker)
            )
    result: list[Claim] = []
    for claim in claims:
        speaker = claim.speaker
        if speaker is None and claim.kind not in SPEECH_KINDS:
            speaker = _speaker_of(claim, speech_of.get(claim.doc_id, []))
        if speaker is None:
            result.append(claim)
            continue
        speaker = canonical.get(speaker, speaker)
        value = claim.value
        if isinstance(value, QuoteValue):
            current = value.speaker == speaker and claim.subject == speaker
        else:
            current = True
        if claim.speaker == speaker and current:
            # Already attributed to its canonical speaker (most quotations and statements):
            # a copy would be an equal claim, and copies were most of this pass (issue 7).
            result.append(claim)
            continue
        update: dict[str, object] = {"speaker": speaker}
        if isinstance(value, QuoteValue):
            update["value"] = value.model_copy(update={"speaker": speaker})
            update["subject"] = speaker
        result.append(claim.model_copy(update=update))
    return result
