"""Events: which real-world occasion each claim is about.

A document reports on the date its lead names ("on Thursday", "on March 27, 2025"),
else its publication date, at the place its text gives for the occasion ("a summit in
Paris"). A lead that looks forward without a date ("military chiefs are set to gather")
reports on the days just after publication, so an article written before an event and
one written after it report the same event. Documents whose dates lie within
``event_window_days`` and whose places do not differ report one event; two meetings in
one city weeks apart are two events.

A claim whose own sentence dates it elsewhere ("in February 2022", "last month") belongs
to that other date's event: a time claim by the range it gives (and the place its
sentence names for the happening; when an occasion began or ended may lie twice the
window away), other claims by the date nearest them. Durations
measured from a dated start ("three years after the invasion in February 2022") and
timeframes ("by the end of the month") stay with their document's event: their dates
are the start of what is measured or a deadline, not the occasion.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from claimdiff.config import Settings
from claimdiff.lexicon import event_lexicon
from claimdiff.models import Claim, ClaimKind, Document, DurationValue, Event, Sentence, TimeValue
from claimdiff.normalise.dates import MONTHS, WEEKDAYS, DateMention, find_dates, looks_forward
from claimdiff.normalise.timelex import happenings

UNDATED = "undated"
_INDEXED_DAYS = 31  # seeds spanning more days (a year, "last month") are checked one by one
_NOT_PLACES = frozenset({*MONTHS, *WEEKDAYS, "The", "A", "An", "This", "That"})


@dataclass(frozen=True, slots=True)
class _Anchor:
    first: date | None
    last: date | None
    place: str | None


@cache
def _place_patterns(*, verbs: bool = False) -> tuple[re.Pattern[str], ...]:
    nouns = "|".join(sorted(event_lexicon().nouns, key=len, reverse=True))
    place = r"((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})"
    # The occasion noun may be capitalised in a name ("the Ocean Climate Conference in Lisvik").
    after = re.compile(rf"\b(?i:{nouns})\b[^.;:]{{0,80}}?\bin\s+{place}")
    before = re.compile(rf"\b[Ii]n\s+{place},?[^.;:]{{0,40}}?\b(?i:{nouns})\b")
    if not verbs:
        return after, before
    # "met with Putin in Alaska", "engaged with Trump in Alaska": a meeting verb's place.
    forms = sorted(happenings().place_verbs, key=len, reverse=True)
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    verb = re.compile(rf"\b(?:{alternatives})\b[^.;:,]{{0,60}}?\bin\s+{place}")
    return after, before, verb


def find_place(text: str, *, verbs: bool = False) -> str | None:
    """Return the place an occasion is said to happen in ("a summit in Paris" -> Paris).

    With ``verbs``, a meeting verb's place counts too ("met Putin in Alaska").
    """
    hits: list[tuple[int, str]] = []
    for pattern in _place_patterns(verbs=verbs):
        for match in pattern.finditer(text):
            name = match.group(1)
            if name.split()[0] not in _NOT_PLACES:
                hits.append((match.start(1), name))
    return min(hits)[1] if hits else None


def _anchor(document: Document, sentences: Sequence[Sentence], window: int) -> _Anchor:
    lead = event_lexicon().lead_sentences
    first: date | None = document.published
    last: date | None = document.published
    dated = False
    for sent in sentences[:lead]:
        days = [
            m
            for m in find_dates(sent.text, published=document.published)
            if m.granularity in ("day", "night")
        ]
        if days:
            first, last, dated = days[0].first, days[0].last, True
            break
    if (
        not dated
        and document.published is not None
        and any(looks_forward(s.text) for s in sentences[:lead])
    ):
        # Written before the event: it reports on the days that follow publication.
        last = document.published + timedelta(days=window)
    anchor = _Anchor(first=first, last=last, place=None)
    # A sentence dated elsewhere ("the previous meeting, in Manila two years ago") names
    # another occasion's place.
    current = [s for s in sentences if _near(s.text, anchor, document.published, window)]
    lead_place = next(
        (p for s in current if s.index < lead + 2 and (p := find_place(s.text, verbs=True))),
        None,
    )
    place = lead_place or next((p for s in current if (p := find_place(s.text))), None)
    return _Anchor(first=first, last=last, place=place)


def _near(text: str, anchor: _Anchor, published: date | None, window: int) -> bool:
    """Return True unless the text names a date away from the anchor's."""
    if anchor.first is None:
        return True
    for mention in find_dates(text, published=published):
        if _gap(_Anchor(mention.first, mention.last, None), anchor) > window:
            return False
    return True


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


@dataclass(slots=True)
class _Cluster:
    """One event: the anchor that opened it, the documents' anchors and its documents."""

    seed: _Anchor
    anchors: list[_Anchor]
    doc_ids: list[str]

    def place(self) -> str | None:
        """Return the place most members name (ties: alphabetical), if any."""
        places = Counter(a.place for a in self.anchors if a.place)
        return min(places, key=lambda p: (-places[p], p)) if places else None

    def anchor(self) -> _Anchor:
        """Return the event's anchor: the dates most documents give, and its place.

        A document that misdates the event ("on Tuesday" among four "on Wednesday") joins
        it without renaming it.
        """
        dates = Counter((a.first, a.last) for a in self.anchors)
        first, last = min(dates, key=lambda d: (-dates[d], d[0] or date.max, d[1] or date.max))
        return _Anchor(first=first, last=last, place=self.place())


class _Clusters:
    """Greedy grouping of anchors into events; callers feed them in date order.

    Events are indexed by the days their seed covers, so a join examines only the events
    within the window of its own dates, not every event (issue 7: linear in the corpus).
    """

    def __init__(self, window: int) -> None:
        self.window = window
        self.members: list[_Cluster] = []
        self._undated: list[int] = []
        self._long: list[int] = []
        self._by_day: dict[date, list[int]] = {}

    def join(
        self, anchor: _Anchor, doc_id: str, *, document: bool = False, member: bool = True
    ) -> _Cluster:
        """Add an anchor to the first event it fits, or open a new event with it.

        Document anchors name the event; a claim's anchor only places the claim (and
        names a new event that no document reports on). With ``member`` False the
        document is not listed as reporting on an event it only dates in passing.
        """
        for index in self._candidates(anchor):
            cluster = self.members[index]
            if self._same(cluster, anchor):
                if member and doc_id not in cluster.doc_ids:
                    cluster.doc_ids.append(doc_id)
                if document:
                    cluster.anchors.append(anchor)
                return cluster
        cluster = _Cluster(seed=anchor, anchors=[anchor], doc_ids=[doc_id])
        self._index(len(self.members), anchor)
        self.members.append(cluster)
        return cluster

    def _index(self, index: int, seed: _Anchor) -> None:
        if seed.first is None or seed.last is None:
            self._undated.append(index)
        elif (seed.last - seed.first).days > _INDEXED_DAYS:
            self._long.append(index)
        else:
            for offset in range((seed.last - seed.first).days + 1):
                self._by_day.setdefault(seed.first + timedelta(days=offset), []).append(index)

    def _candidates(self, anchor: _Anchor) -> list[int]:
        """Return, in creation order, every event whose seed may lie within the window."""
        if anchor.first is None:
            return self._undated
        last = anchor.last or anchor.first
        found = set(self._long)
        for offset in range((last - anchor.first).days + 2 * self.window + 1):
            day = anchor.first + timedelta(days=offset - self.window)
            found.update(self._by_day.get(day, ()))
        return sorted(found)

    def _same(self, cluster: _Cluster, anchor: _Anchor) -> bool:
        seed = cluster.seed
        if seed.first is None or anchor.first is None:
            return seed.first is None and anchor.first is None
        place = cluster.place()
        if place and anchor.place and place != anchor.place:
            return False
        return _gap(seed, anchor) <= self.window


def resolve_events(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    claims: Sequence[Claim],
    *,
    settings: Settings,
) -> tuple[list[Event], list[Claim]]:
    """Return the events of the corpus and the claims with their event set."""
    window = settings.event_window_days
    anchors = {doc.id: _anchor(doc, sentences.get(doc.id, ()), window) for doc in documents}
    clusters = _Clusters(window)
    ordered = sorted(documents, key=lambda d: (anchors[d.id].first or date.max, d.id))
    home = {doc.id: clusters.join(anchors[doc.id], doc.id, document=True) for doc in ordered}
    by_id = {doc.id: doc for doc in documents}
    sentence_text = {
        (s.doc_id, s.span.start): s.text for doc_sents in sentences.values() for s in doc_sents
    }
    placed: list[tuple[Claim, _Cluster]] = []
    for claim in claims:
        cluster = home[claim.doc_id]
        own = _claim_anchor(claim, by_id[claim.doc_id], sentence_text, cluster.seed, settings)
        if own is not None:
            # A date in passing ("the summit held on March 12") does not make a document
            # report on that other event: its outlet is not listed as silent there.
            passing = claim.kind in (ClaimKind.TIME, ClaimKind.DURATION)
            cluster = clusters.join(own, claim.doc_id, member=not passing)
        placed.append((claim, cluster))
    resolved = [
        claim.model_copy(update={"event": _event_id(cluster.anchor())}) for claim, cluster in placed
    ]
    events: list[Event] = []
    for cluster in clusters.members:
        anchor = cluster.anchor()
        events.append(
            Event(
                id=_event_id(anchor),
                label=_label(anchor),
                start=anchor.first,
                end=anchor.last,
                place=anchor.place,
                doc_ids=sorted(cluster.doc_ids),
            )
        )
    events.sort(key=lambda e: (e.start or date.max, e.id))
    return events, resolved


_SAID_NOW = frozenset({ClaimKind.TIMEFRAME, ClaimKind.QUOTE, ClaimKind.STATEMENT})


def _claim_anchor(
    claim: Claim,
    document: Document,
    sentence_text: Mapping[tuple[str, int], str],
    seed: _Anchor,
    settings: Settings,
) -> _Anchor | None:
    """Return another event's anchor when the claim's sentence dates it away from ``seed``."""
    # Quoted and reported words belong to the event they were said at, whatever dates
    # they mention ("a ferry by next week"; issue 3).
    if seed.first is None or claim.kind in _SAID_NOW:
        return None
    value = claim.value
    if isinstance(value, DurationValue) and (value.anchor is not None or claim.measure == "since"):
        return None
    text = sentence_text.get((claim.doc_id, claim.sentence.start), "")
    window = settings.event_window_days
    if isinstance(value, TimeValue):
        if not value.dated:
            return None
        last = (value.end - timedelta(microseconds=1)).date()
        own = _Anchor(first=value.start.date(), last=last, place=find_place(text, verbs=True))
        if claim.measure in ("began", "ended"):
            # A conference that runs until Friday: its start or end may lie further from
            # the day a document reports on than the event window.
            window *= 2
    else:
        offset = claim.evidence.start - claim.sentence.start
        mentions: list[DateMention] = find_dates(text, published=document.published)
        if not mentions:
            return None
        nearest = min(mentions, key=lambda m: (abs(m.start - offset), m.start))
        own = _Anchor(first=nearest.first, last=nearest.last, place=find_place(text))
    if _gap(own, seed) <= window:
        return None
    return own
