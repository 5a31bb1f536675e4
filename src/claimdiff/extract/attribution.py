"""Attribution pass: claims made inside someone's words carry that speaker.

"“We currently have 26 nations ...,” Macron stated": the count is Macron's, so the
quantity claim gets ``speaker`` set and comparators can say "Macron said 26 in one
outlet" rather than "the outlet says 26". Runs after every extractor; it also merges
spelling variants of one person across documents ("Zelensky", "Zelenskyy") into one
speaker id, on the distinctive token (``normalise/entities.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from claimdiff.models import Claim, ClaimKind, Entity, EntityKind, QuoteValue
from claimdiff.normalise.entities import merge_people

SPEECH_KINDS = frozenset({ClaimKind.QUOTE, ClaimKind.STATEMENT})


def _speaker_of(claim: Claim, speech: Sequence[Claim]) -> str | None:
    """Return the speaker of the narrowest quotation or statement holding the claim."""
    holders = [
        s
        for s in speech
        if s.doc_id == claim.doc_id
        and s.speaker is not None
        and s.evidence.start <= claim.evidence.start
        and claim.evidence.end <= s.evidence.end
    ]
    if not holders:
        return None
    narrowest = min(holders, key=lambda s: (s.evidence.end - s.evidence.start, s.id))
    return narrowest.speaker


def canonical_speakers(claims: Sequence[Claim]) -> dict[str, str]:
    """Map each person speaker id to one id per person across documents."""
    people: dict[str, Entity] = {}
    for claim in claims:
        value = claim.value
        if isinstance(value, QuoteValue) and value.speaker and value.speaker.startswith("person:"):
            people.setdefault(
                value.speaker,
                Entity(
                    id=value.speaker,
                    name=value.speaker_name or value.speaker.removeprefix("person:"),
                    kind=EntityKind.PERSON,
                    affiliation=value.affiliation,
                ),
            )
    return merge_people([people[k] for k in sorted(people)])


def attribute_speakers(claims: Sequence[Claim]) -> list[Claim]:
    """Return the claims with speakers set inside quotations and merged across documents."""
    speech = [c for c in claims if c.kind in SPEECH_KINDS]
    canonical = canonical_speakers(speech)
    # Indexed by document so that the pass stays linear in the corpus (issue 7).
    speech_of: dict[str, list[Claim]] = {}
    for said in speech:
        speech_of.setdefault(said.doc_id, []).append(said)
    result: list[Claim] = []
    for claim in claims:
        speaker = claim.speaker
        if speaker is None and claim.kind not in SPEECH_KINDS:
            speaker = _speaker_of(claim, speech_of.get(claim.doc_id, []))
        if speaker is None:
            result.append(claim)
            continue
        speaker = canonical.get(speaker, speaker)
        update: dict[str, object] = {"speaker": speaker}
        if isinstance(claim.value, QuoteValue):
            update["value"] = claim.value.model_copy(update={"speaker": speaker})
            update["subject"] = speaker
        result.append(claim.model_copy(update=update))
    return result
