"""Events: which real-world occasion each claim is about.

A document reports on the date its lead names ("on Thursday", "on March 27, 2025"),
else its publication date, at the place its text gives for the occasion ("a summit in
Paris"). Documents whose dates lie within ``event_window_days`` and whose places do not
differ report one event. A claim whose own sentence dates it elsewhere ("in February
2022", "last month") belongs to that other date's event.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from claimdiff.config import Settings
from claimdiff.lexicon import event_lexicon
from claimdiff.models import Claim, Document, Event, Sentence
from claimdiff.normalise.dates import MONTHS, WEEKDAYS, DateMention, find_dates

UNDATED = "undated"
_NOT_PLACES = frozenset({*MONTHS, *WEEKDAYS, "The", "A", "An", "This", "That"})


@dataclass(frozen=True, slots=True)
class _Anchor:
    first: date | None
    last: date | None
    place: str | None


@cache
def _place_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = "|".join(sorted(event_lexicon().nouns, key=len, reverse=True))
    place = r"((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})"
    after = re.compile(rf"\b(?:{nouns})\b[^.;:]{{0,80}}?\bin\s+{place}")
    before = re.compile(rf"\b[Ii]n\s+{place},?[^.;:]{{0,40}}?\b(?:{nouns})\b")
    return after, before


def find_place(text: str) -> str | None:
    """Return the place an occasion is said to happen in ("a summit in Paris" -> Paris)."""
    hits: list[tuple[int, str]] = []
    for pattern in _place_patterns():
        for match in pattern.finditer(text):
            name = match.group(1)
            if name.split()[0] not in _NOT_PLACES:
                hits.append((match.start(1), name))
    return min(hits)[1] if hits else None


def _anchor(document: Document, sentences: Sequence[Sentence]) -> _Anchor:
    lead = event_lexicon().lead_sentences
    first: date | None = document.published
    last: date | None = document.published
    for sent in sentences[:lead]:
        days = [
            m for m in find_dates(sent.text, published=document.published) if m.granularity == "day"
        ]
        if days:
            first, last = days[0].first, days[0].last
            break
    lead_place = next((p for s in sentences[: lead + 2] if (p := find_place(s.text))), None)
    place = lead_place or next((p for s in sentences if (p := find_place(s.text))), None)
    return _Anchor(first=first, last=last, place=place)


def _gap(a: _Anchor, b: _Anchor) -> int:
    assert a.first is not None and a.last is not None and b.first is not None and b.last is not None
    if a.last < b.first:
        return (b.first - a.last).days
    if b.last < a.first:
        return (a.first - b.last).days
    return 0


def _event_id(anchor: _Anchor) -> str:
    if anchor.first is None:
        return UNDATED
    span = anchor.first.isoformat()
    if anchor.last is not None and anchor.last != anchor.first:
        span += f"..{anchor.last.isoformat()}"
    slug = re.sub(r"[^a-z0-9]+", "-", (anchor.place or "").lower()).strip("-")
    return f"{span}-{slug}" if slug else span


def _label(anchor: _Anchor) -> str:
    if anchor.first is None:
        return "undated reports"
    when = anchor.first.strftime("%-d %B %Y")
    if anchor.last is not None and anchor.last != anchor.first:
        when = f"{when} to {anchor.last.strftime('%-d %B %Y')}"
    return f"{anchor.place}, {when}" if anchor.place else when


class _Clusters:
    """Greedy grouping of anchors into events; callers feed them in date order."""

    def __init__(self, window: int) -> None:
        self.window = window
        self.members: list[tuple[_Anchor, list[str]]] = []

    def join(self, anchor: _Anchor, doc_id: str) -> _Anchor:
        for seed, doc_ids in self.members:
            if self._same(seed, anchor):
                if doc_id not in doc_ids:
                    doc_ids.append(doc_id)
                return seed
        self.members.append((anchor, [doc_id]))
        return anchor

    def _same(self, a: _Anchor, b: _Anchor) -> bool:
        if a.first is None or b.first is None:
            return a.first is None and b.first is None
        if a.place and b.place and a.place != b.place:
            return False
        return _gap(a, b) <= self.window


def resolve_events(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    claims: Sequence[Claim],
    *,
    settings: Settings,
) -> tuple[list[Event], list[Claim]]:
    """Return the events of the corpus and the claims with their event set."""
    anchors = {doc.id: _anchor(doc, sentences.get(doc.id, ())) for doc in documents}
    clusters = _Clusters(settings.event_window_days)
    ordered = sorted(documents, key=lambda d: (anchors[d.id].first or date.max, d.id))
    seed_of = {doc.id: clusters.join(anchors[doc.id], doc.id) for doc in ordered}
    by_id = {doc.id: doc for doc in documents}
    sentence_text = {
        (s.doc_id, s.span.start): s.text for doc_sents in sentences.values() for s in doc_sents
    }
    resolved: list[Claim] = []
    for claim in claims:
        seed = seed_of[claim.doc_id]
        own = _claim_anchor(claim, by_id[claim.doc_id], sentence_text, seed, settings)
        if own is not None:
            seed = clusters.join(own, claim.doc_id)
        resolved.append(claim.model_copy(update={"event": _event_id(seed)}))
    events = [
        Event(
            id=_event_id(seed),
            label=_label(seed),
            start=seed.first,
            end=seed.last,
            place=seed.place,
            doc_ids=sorted(doc_ids),
        )
        for seed, doc_ids in clusters.members
    ]
    events.sort(key=lambda e: (e.start or date.max, e.id))
    return events, resolved


def _claim_anchor(
    claim: Claim,
    document: Document,
    sentence_text: Mapping[tuple[str, int], str],
    seed: _Anchor,
    settings: Settings,
) -> _Anchor | None:
    """Return another event's anchor when the claim's sentence dates it away from ``seed``."""
    if seed.first is None:
        return None
    text = sentence_text.get((claim.doc_id, claim.sentence.start), "")
    offset = claim.evidence.start - claim.sentence.start
    mentions: list[DateMention] = find_dates(text, published=document.published)
    if not mentions:
        return None
    nearest = min(mentions, key=lambda m: (abs(m.start - offset), m.start))
    own = _Anchor(first=nearest.first, last=nearest.last, place=find_place(text))
    if _gap(own, seed) <= settings.event_window_days:
        return None
    return own
