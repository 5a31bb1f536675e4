"""Event clusters: documents and dated claims grouped into events, and the events' ids.

An anchor (dates and place) joins the event its dates and place fit and whose centroid
its document's signature (``signature.py``) resembles most, or opens a new one:

- a document needs ``Settings.event_similarity``; when it resembles its best event less
  than ``Settings.story_similarity``, an event of the month around that resembles it
  more (its own story's earlier event, for a follow-up) makes it open its own event;
- an event opened by a follow-up that names no place (``Cluster.follows``: it resembles
  an earlier event of the month that names one by ``story_similarity``) is that story's:
  a document naming a place joins it only with ``story_similarity``;
- a claim dated away from its document's event joins an event where a document of the
  same event already placed a claim (the same story) with ``event_similarity``, any
  other with ``story_similarity``: a date in passing has no rival event to lose to.

Events are indexed by the days their seed covers (by the months for seeds longer than a
month), so a join examines only the events within the window of its own dates, not
every event (issue 7: linear in the corpus).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from claimdiff.align.signature import MIN_TERMS, Centroid, Signature
from claimdiff.models import Event

__all__ = ["UNDATED", "Anchor", "Cluster", "Clusters", "gap", "identify"]

UNDATED = "undated"
_INDEXED_DAYS = 31  # seeds spanning more days (a year, "last month") are indexed by month
_INDEXED_MONTHS = 36  # seeds spanning more months are checked one by one
_FOLLOW_UP_DAYS = 31  # a story's follow-ups come within a month of its earlier events
# Up to this many events in a window, a document is compared with each; beyond (a busy
# desk's day), only with those sharing one of its key terms (signature.KEY_TERMS).
_SCAN_ALL = 256


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where and when something happens: a day range (None when undated) and a place."""

    first: date | None
    last: date | None
    place: str | None
    dateline: str | None = None  # the town a dateline names, when the lead names it too


def gap(a: Anchor, b: Anchor) -> int:
    """Return the days between two dated anchors' ranges (0 when they overlap)."""
    assert a.first is not None and a.last is not None and b.first is not None and b.last is not None
    if a.last < b.first:
        return (b.first - a.last).days
    if b.last < a.first:
        return (a.first - b.last).days
    return 0


def _event_id(anchor: Anchor) -> str:
    if anchor.first is None:
        return UNDATED
    span = anchor.first.isoformat()
    if anchor.last is not None and anchor.last != anchor.first:
        span += f"..{anchor.last.isoformat()}"
    slug = _slug(anchor.place or "")
    return f"{span}-{slug}" if slug else span


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _label(anchor: Anchor) -> str:
    if anchor.first is None:
        return "undated reports"
    when = anchor.first.strftime("%-d %B %Y")
    if anchor.last is not None and anchor.last != anchor.first:
        when = f"{when} to {anchor.last.strftime('%-d %B %Y')}"
    return f"{anchor.place}, {when}" if anchor.place else when


@dataclass(slots=True)
class Cluster:
    """One event: the anchor that opened it, the documents' anchors and its documents.

    ``contributors`` are the documents that placed a claim or themselves in it, their
    signatures summed in ``centroid``; ``homes`` the indexes of those documents' own
    events (looked up, never iterated). Anchors are added with ``add_anchor``, which
    keeps the count of their places.
    """

    index: int
    seed: Anchor
    anchors: list[Anchor] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    contributors: dict[str, None] = field(default_factory=dict)  # ordered, no repeats
    centroid: Centroid = field(default_factory=Centroid)
    homes: set[int] = field(default_factory=set)
    places: Counter[str] = field(default_factory=Counter)
    follows: bool = False  # opened, naming no place, by a follow-up of a placed event
    _place: str | None = None
    datelines: set[str] = field(default_factory=set)

    def add_anchor(self, anchor: Anchor) -> None:
        """Add a document's anchor (the event's place may change)."""
        self.anchors.append(anchor)
        if anchor.dateline:
            self.datelines.add(anchor.dateline)
        if anchor.place:
            self.places[anchor.place] += 1
            places = self.places
            self._place = min(places, key=lambda p: (-places[p], p))

    def place(self) -> str | None:
        """Return the place most members name (ties: alphabetical), if any."""
        return self._place

    def anchor(self) -> Anchor:
        """Return the event's anchor: the dates most documents give, and its place.

        A document that misdates the event ("on Tuesday" among four "on Wednesday") joins
        it without renaming it.
        """
        dates = Counter((a.first, a.last) for a in self.anchors)
        first, last = min(dates, key=lambda d: (-dates[d], d[0] or date.max, d[1] or date.max))
        return Anchor(first=first, last=last, place=self.place())

    def add(self, doc_id: str, signature: Signature, home: int) -> None:
        """Count a document's signature in the centroid once, and its own event."""
        self.homes.add(home)
        if doc_id not in self.contributors:
            self.contributors[doc_id] = None
            self.centroid.add(signature.weights, square=signature.square)


class Clusters:
    """Greedy grouping of anchors into events; callers feed documents in date order."""

    def __init__(self, window: int, *, similarity: float, story_similarity: float) -> None:
        self.window = window
        self.similarity = similarity
        self.story_similarity = story_similarity
        self.members: list[Cluster] = []
        self._undated: list[int] = []
        self._long: list[int] = []
        self._by_day: dict[date, list[int]] = {}
        self._days: list[date] = []  # the keys of _by_day, in order
        self._by_month: dict[tuple[int, int], list[int]] = {}
        self._months: list[tuple[int, int]] = []  # the keys of _by_month, in order
        # A key term -> the events holding it, made when a window is first busy: until
        # then only each contribution (a signature to an event) is listed.
        self._by_key: dict[str, dict[int, None]] | None = None
        self._contributions: list[tuple[Signature, int]] = []

    def join(
        self,
        anchor: Anchor,
        doc_id: str,
        signature: Signature,
        *,
        home: Cluster | None = None,
        member: bool = True,
    ) -> Cluster:
        """Add an anchor to the event it fits and resembles most, or open a new event.

        Without ``home`` the anchor is a document's: it names the event. A document that
        resembles its best event less than ``story_similarity`` joins it only if no event
        of the month around resembles it more (``_rivalled``).

        With ``home`` the anchor is a claim's, dated away from its document's event
        ``home``: it only places the claim (and names a new event that no document
        reports on). An event where a document of the same ``home`` already placed a
        claim is of the same story and wins; any other must resemble the document by
        ``story_similarity``, since a date in passing has no rival event to lose to.
        With ``member`` False the document is not listed as reporting on an event it
        only dates in passing.
        """
        candidates = self._candidates(anchor)
        keyed = self._keyed(signature) if len(candidates) > _SCAN_ALL else None
        fitting = self._fitting(candidates, anchor)
        if home is None:
            # A follow-up's event that names no place is its story's (``follows``): a
            # document naming a place joins it only at ``story_similarity``. Else the
            # first article of a new story of its days, with no event of its own yet,
            # joins it on the words every story of its kind shares.
            open_to = [c for c in fitting if not (anchor.place and c.follows and not c.place())]
            chosen, score = self._best(open_to, signature, keyed, self.similarity)
            guarded = [c for c in fitting if anchor.place and c.follows and not c.place()]
            other, other_score = self._best(guarded, signature, keyed, self.story_similarity)
            if other is not None and (chosen is None or other_score > score):
                chosen, score = other, other_score
        else:
            # An event of the same story wins over any other: the others are compared
            # only when none of those fits.
            chosen, score = self._best(
                [c for c in fitting if home.index in c.homes], signature, None, self.similarity
            )
            if chosen is None:
                chosen, score = self._best(
                    [c for c in fitting if home.index not in c.homes],
                    signature,
                    keyed,
                    self.story_similarity,
                )
        if (
            chosen is not None
            and home is None
            and score < self.story_similarity
            and _telling(chosen, signature)
            and self._rivalled(anchor, signature, chosen, score)
        ):
            chosen = None
        if chosen is None:
            chosen = Cluster(index=len(self.members), seed=anchor)
            chosen.follows = (
                home is None and anchor.place is None and self._follows(anchor, signature)
            )
            self._index(chosen.index, anchor)
            self.members.append(chosen)
            member = True
            chosen.add_anchor(anchor)
        elif home is None:
            chosen.add_anchor(anchor)
        if member and doc_id not in chosen.doc_ids:
            chosen.doc_ids.append(doc_id)
        if doc_id not in chosen.contributors:
            if self._by_key is None:
                self._contributions.append((signature, chosen.index))
            else:
                _file(self._by_key, signature, chosen.index)
        chosen.add(doc_id, signature, (home or chosen).index)
        return chosen

    @staticmethod
    def _best(
        clusters: Sequence[Cluster], signature: Signature, keyed: set[int] | None, bar: float
    ) -> tuple[Cluster | None, float]:
        """Return the first event resembling the signature most by ``bar``, and its score.

        An event or a signature with too few terms to judge (``_telling``) needs no
        score; with ``keyed`` (a busy window) only the events in it are compared.
        """
        chosen: Cluster | None = None
        best = -1.0
        for cluster in clusters:
            telling = _telling(cluster, signature)
            if keyed is not None and cluster.index not in keyed and telling:
                continue  # a busy window: only events sharing a key term are compared
            score = cluster.centroid.similarity(signature.weights)
            if (score >= bar or not telling) and (chosen is None or score > best):
                chosen, best = cluster, score
        return chosen, best

    def _keyed(self, signature: Signature) -> set[int]:
        """Return the events holding one of the signature's key terms."""
        if self._by_key is None:
            self._by_key = {}
            for contributed, index in self._contributions:
                _file(self._by_key, contributed, index)
            self._contributions.clear()
        found: set[int] = set()
        for key in signature.keys:
            found.update(self._by_key.get(key, ()))
        return found

    def _rivalled(
        self, anchor: Anchor, signature: Signature, chosen: Cluster | None, score: float
    ) -> bool:
        """Return True when another event of the month around resembles the document more.

        A follow-up article ("an aftershock hit the town two weeks after the quake")
        resembles its own story's earlier event more than another story's event of its
        day; it opens its own event rather than joining that one on a weak resemblance.
        """
        return any(
            self.members[index] is not chosen
            and self.members[index].centroid.similarity(signature.weights) > score
            for index in self._month_around(anchor, signature)
        )

    def _month_around(self, anchor: Anchor, signature: Signature) -> list[int]:
        """Return the events of the month around a dated anchor, in creation order.

        A story's follow-ups come within it; in a busy window only the events sharing one
        of the signature's key terms are returned.
        """
        if anchor.first is None:
            return []
        first = anchor.first - timedelta(days=_FOLLOW_UP_DAYS)
        last = (anchor.last or anchor.first) + timedelta(days=_FOLLOW_UP_DAYS)
        found = self._between(first, last)
        if len(found) > _SCAN_ALL:
            found &= self._keyed(signature)
        return sorted(found)

    def _follows(self, anchor: Anchor, signature: Signature) -> bool:
        """Return True when the document follows up an earlier event that names a place.

        An event of the month around with a place puts it on its story when it resembles
        that event by ``story_similarity`` (a follow-up resembles its story's earlier event
        by 0.34 or more, config.py).
        """
        return any(
            self.members[index].place() is not None
            and _telling(self.members[index], signature)
            and self.members[index].centroid.similarity(signature.weights) >= self.story_similarity
            for index in self._month_around(anchor, signature)
        )

    def _index(self, index: int, seed: Anchor) -> None:
        if seed.first is None or seed.last is None:
            self._undated.append(index)
            return
        days = (seed.last - seed.first).days
        if days <= _INDEXED_DAYS:
            for offset in range(days + 1):
                day = seed.first + timedelta(days=offset)
                if day not in self._by_day:
                    self._by_day[day] = []
                    bisect.insort(self._days, day)
                self._by_day[day].append(index)
            return
        if _month_count(seed.first, seed.last) > _INDEXED_MONTHS:
            self._long.append(index)
            return
        for month in _months(seed.first, seed.last):
            if month not in self._by_month:
                self._by_month[month] = []
                bisect.insort(self._months, month)
            self._by_month[month].append(index)

    def _candidates(self, anchor: Anchor) -> list[int]:
        """Return, in creation order, every event whose seed may lie within the window."""
        if anchor.first is None:
            return self._undated
        first = anchor.first - timedelta(days=self.window)
        last = (anchor.last or anchor.first) + timedelta(days=self.window)
        found = self._between(first, last)
        found.update(self._long)
        # Only the indexed months are visited: a claim dated "in the 1990s" spans ten years.
        start = bisect.bisect_left(self._months, (first.year, first.month))
        end = bisect.bisect_right(self._months, (last.year, last.month), lo=start)
        for month in self._months[start:end]:
            found.update(self._by_month[month])
        return sorted(found)

    def _between(self, first: date, last: date) -> set[int]:
        """Return the events indexed by a day from ``first`` to ``last``.

        Only the indexed days are visited: a claim dated "in 2014" spans a year.
        """
        found: set[int] = set()
        start = bisect.bisect_left(self._days, first)
        end = bisect.bisect_right(self._days, last, lo=start)
        for day in self._days[start:end]:
            found.update(self._by_day[day])
        return found

    def _fitting(self, candidates: Sequence[int], anchor: Anchor) -> list[Cluster]:
        """Return the events among ``candidates`` (indexes) whose seed the anchor fits.

        The seed's dates lie within ``window`` days of the anchor's (both undated, or
        both dated), their places do not differ, and a dateline the anchor names is the
        event's when the event has datelines and no place in common with the anchor.
        """
        members = self.members
        if anchor.first is None:
            return [c for c in map(members.__getitem__, candidates) if c.seed.first is None]
        assert anchor.last is not None  # a dated anchor has both days
        place, dateline = anchor.place, anchor.dateline
        # gap(seed, anchor) <= window, as two comparisons of days.
        earliest = anchor.first - timedelta(days=self.window)
        latest = anchor.last + timedelta(days=self.window)
        fitting: list[Cluster] = []
        for cluster in map(members.__getitem__, candidates):
            seed = cluster.seed
            if seed.first is None or seed.last is None:
                continue
            held = cluster.place()
            if held and place:
                if held != place:
                    continue
            elif dateline and cluster.datelines and dateline not in cluster.datelines:
                # Filed from another town the lead names, with no occasion place in
                # common ("PELROAND — An aftershock shook Pelroand" is not the quake
                # in Dunpeek).
                continue
            if earliest <= seed.last and seed.first <= latest:
                fitting.append(cluster)
        return fitting


def _file(by_key: dict[str, dict[int, None]], signature: Signature, index: int) -> None:
    """Index an event under the key terms of a signature it holds."""
    for key in signature.keys:
        by_key.setdefault(key, {})[index] = None


def _telling(cluster: Cluster, signature: Signature) -> bool:
    """Return True when both the document and the event hold enough terms to judge.

    A document with fewer than ``MIN_TERMS`` content terms (a headline, a one-line
    brief), or an event with as few, tells no story apart: its dates and place decide
    alone, as if resemblance were not measured, and it still joins the event it
    resembles most.
    """
    return len(signature.weights) >= MIN_TERMS and len(cluster.centroid.total) >= MIN_TERMS


def _month_count(first: date, last: date) -> int:
    """Return how many months ``_months`` returns."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _months(first: date, last: date) -> list[tuple[int, int]]:
    """Return the (year, month) pairs from ``first`` to ``last``."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def identify(clusters: Sequence[Cluster], signatures: Mapping[str, Signature]) -> list[Event]:
    """Return the clusters as events, in order, with unique ids and readable labels.

    Events that would share an id (one date and no place, or one place: two stories of
    one day) each get the term that sets them apart most, as their documents write it
    ("2026-01-05-telmonov", "5 January 2026, about Telmonov"); should even that be
    shared, a number, in the order of their first documents. An event alone on its date
    and place keeps the plain id.
    """
    anchors = [cluster.anchor() for cluster in clusters]
    ids = [_event_id(anchor) for anchor in anchors]
    labels = [_label(anchor) for anchor in anchors]
    groups: dict[str, list[int]] = {}
    for index, event_id in enumerate(ids):
        groups.setdefault(event_id, []).append(index)
    taken = {event_id for event_id, indexes in groups.items() if len(indexes) == 1}
    for event_id, indexes in sorted(groups.items()):
        if len(indexes) == 1:
            continue
        keys = _characteristic([clusters[i] for i in indexes])
        for index, key in sorted(
            zip(indexes, keys, strict=True), key=lambda pair: min(clusters[pair[0]].contributors)
        ):
            surface = _surface(key, clusters[index], signatures) if key else ""
            stem = f"{event_id}-{_slug(surface) or 'event'}"
            unique, number = stem, 2
            while unique in taken:
                unique, number = f"{stem}-{number}", number + 1
            taken.add(unique)
            ids[index] = unique
            if surface:
                labels[index] = f"{labels[index]}, about {surface}"
    return [
        Event(
            id=event_id,
            label=label,
            start=anchor.first,
            end=anchor.last,
            place=anchor.place,
            doc_ids=sorted(cluster.doc_ids),
        )
        for cluster, anchor, event_id, label in zip(clusters, anchors, ids, labels, strict=True)
    ]


def _characteristic(group: Sequence[Cluster]) -> list[str | None]:
    """Return, for each event of a group, the term that sets it apart most from the others.

    A term's margin is its mean weight in the event's signatures less its largest mean
    weight in another event of the group (ties: the longer name, then alphabetical).
    Linear in the terms: each term keeps only its two largest means.
    """
    means = [cluster.centroid.means() for cluster in group]
    # Each term's largest mean and the event holding it, and its second largest mean.
    top: dict[str, tuple[float, int, float]] = {}
    for position, held in enumerate(means):
        for key, mean in held.items():
            known = top.get(key)
            if known is None:
                top[key] = (mean, position, 0.0)
            elif mean > known[0]:
                top[key] = (mean, position, known[0])
            elif mean > known[2]:
                top[key] = (known[0], known[1], mean)
    # A term an event holds the largest mean of has a margin of 0 or more, any other
    # term one of 0 or less: when one of the event's own terms has a positive margin,
    # the chosen term is among its own terms.
    own: dict[int, list[str]] = {}
    for key, (_, holder, _) in top.items():
        own.setdefault(holder, []).append(key)
    chosen: list[str | None] = []
    for position, held in enumerate(means):
        mine = own.get(position, [])
        keys = mine if any(top[k][0] - top[k][2] > 0.0 for k in mine) else held
        best: tuple[float, int, str] | None = None
        for key in keys:
            mean = held[key]
            first, holder, second = top[key]
            rival = second if holder == position else first
            candidate = (-(mean - rival), -key.count(" "), key)
            if best is None or candidate < best:
                best = candidate
        chosen.append(best[2] if best is not None else None)
    return chosen


def _surface(key: str, cluster: Cluster, signatures: Mapping[str, Signature]) -> str:
    """Return how the event's documents most often write a term (ties: alphabetical)."""
    forms = Counter(
        form
        for doc_id in cluster.contributors
        if (form := signatures[doc_id].surface.get(key)) is not None
    )
    return min(forms, key=lambda f: (-forms[f], f)) if forms else key
