"""Attribution pass: claims made inside someone's words carry that speaker.

"“We currently have 26 nations ...,” Macron stated": the count is Macron's, so the
quantity claim gets ``speaker`` set and comparators can say "Macron said 26 in one
outlet" rather than "the outlet says 26". Runs after every extractor; it also merges
spelling variants of one person across documents ("Zelensky", "Zelenskyy") into one
speaker id, on the distinctive token (``normalise/entities.py``).
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from claimdiff.memo import Recent
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


def _people(claims: Iterable[Claim]) -> dict[str, Entity]:
    """Return the person speakers of the quotations, each as its first quotation names it."""
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
    return people


def canonical_speakers(claims: Sequence[Claim]) -> dict[str, str]:
    """Map each person speaker id to one id per person across documents."""
    people = _people(claims)
    return dict(_merged(tuple(people[k] for k in sorted(people))))


def _merged(people: tuple[Entity, ...]) -> dict[str, str]:
    """Return ``merge_people`` of the speakers (each named by id, name and affiliation)."""
    key = tuple((entity.id, entity.name, entity.affiliation) for entity in people)
    found = _MERGED.get(key)
    if found is None:
        found = merge_people(list(people))
        _MERGED.put(key, found)
    return found


_MERGED: Recent[tuple[tuple[str, str, str | None], ...], dict[str, str]] = Recent(limit=16)
"""The merge of the last sets of speakers: a corpus's speakers change only with its
documents' quotations."""


class _Document(NamedTuple):
    """What the pass reads from one document's claims alone, and what it made of them."""

    claims: tuple[Claim, ...]  # as given
    people: dict[str, Entity]  # its quotations' person speakers (``_people``)
    speakers: tuple[str | None, ...]  # each claim's speaker before merging
    merged: tuple[str | None, ...]  # each claim's speaker after merging, when ``result`` made
    result: list[Claim]


MEMO_DOCUMENTS = 1 << 15
"""Documents whose pass a process keeps (a few corpora's)."""

_DOCUMENTS: Recent[tuple[int, int], _Document] = Recent(limit=MEMO_DOCUMENTS)
"""By the identity of a document's first claim and its number of claims.

A store keeps each cached document's claims the same objects from one check to the next
(``memo.py``), and the pass gives a document's claims the same result while the
speakers merged across documents are the same: an added article costs the pass over
its own claims, not the corpus's (issue 7).
"""


def attribute_speakers(claims: Sequence[Claim]) -> list[Claim]:
    """Return the claims with speakers set inside quotations and merged across documents.

    What ``_attributed`` returns, document by document: a document's speakers before
    merging are its own (``_speaker_of``), and a document whose claims and merged
    speakers are those of an earlier call gets that call's claims again.
    """
    runs = [tuple(run) for _, run in itertools.groupby(claims, key=_DOC_ID)]
    if len({run[0].doc_id for run in runs}) != len(runs):
        return _attributed(claims)  # a document's claims are not together
    parts = [_part(run) for run in runs]
    people: dict[str, Entity] = {}
    for part in parts:
        for speaker, entity in part.people.items():
            people.setdefault(speaker, entity)
    canonical = _merged(tuple(people[k] for k in sorted(people)))
    result: list[Claim] = []
    for part in parts:
        merged = tuple(
            None if speaker is None else canonical.get(speaker, speaker)
            for speaker in part.speakers
        )
        if merged != part.merged:
            part = part._replace(
                merged=merged, result=_attributed(part.claims, canonical, part.speakers)
            )
            _DOCUMENTS.put((id(part.claims[0]), len(part.claims)), part)
        result.extend(part.result)
    return result


_DOC_ID = operator.attrgetter("doc_id")


def _part(run: tuple[Claim, ...]) -> _Document:
    """Return what the pass read from one document's claims, as kept when it is."""
    key = (id(run[0]), len(run))
    kept = _DOCUMENTS.get(key)
    if kept is not None and all(map(operator.is_, kept.claims, run)):
        return kept
    part = _Document(run, _people(run), _speakers(run), (), [])
    _DOCUMENTS.put(key, part)
    return part


def _speakers(claims: Sequence[Claim]) -> tuple[str | None, ...]:
    """Return each claim's speaker before merging: its own, or its quotation's."""
    # Indexed by document so that the pass stays linear in the corpus (issue 7).
    speech_of: dict[str, list[_Said]] = {}
    for said in claims:
        if said.kind in SPEECH_KINDS and said.speaker is not None:
            start, end = said.evidence.start, said.evidence.end
            speech_of.setdefault(said.doc_id, []).append(
                _Said(start, end, end - start, said.id, said.speaker)
            )
    return tuple(
        _speaker_of(claim, speech_of.get(claim.doc_id, []))
        if claim.speaker is None and claim.kind not in SPEECH_KINDS
        else claim.speaker
        for claim in claims
    )


def _attributed(
    claims: Sequence[Claim],
    canonical: Mapping[str, str] | None = None,
    speakers: Sequence[str | None] | None = None,
) -> list[Claim]:
    """Return the claims with speakers set and merged (``canonical``: across all claims)."""
    if canonical is None:
        canonical = canonical_speakers([c for c in claims if c.kind in SPEECH_KINDS])
    if speakers is None:
        speakers = _speakers(claims)
    result: list[Claim] = []
    for claim, speaker in zip(claims, speakers, strict=True):
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
