"""Events: which real-world occasion each claim is about.

A document reports on the date its lead names ("on Thursday", "on March 27, 2025"),
else its publication date, at the place its text gives for the occasion ("a summit in
Paris"). A lead that looks forward without a date ("military chiefs are set to gather")
reports on the days just after publication, so an article written before an event and
one written after it report the same event. Documents report one event when their
dates lie within ``event_window_days``, their places do not differ and their content
signatures (``signature.py``) resemble one another: two meetings in one city weeks
apart are two events, and so are two stories published the same day with no place in
their text. A document joins the event it resembles most among those its dates and
place fit (``clusters.py`` has the rules and the settings they read).

A claim whose own sentence dates it elsewhere ("in February 2022", "last month") belongs
to that other date's event: a time claim by the range it gives (and the place its
sentence names for the happening; when an occasion began or ended may lie twice the
window away), other claims by the date nearest them. Durations
measured from a dated start ("three years after the invasion in February 2022") and
timeframes ("by the end of the month") stay with their document's event: their dates
are the start of what is measured or a deadline, not the occasion. A claim joins
another date's event with its document's signature, so two stories' past events ("In
2014, floods killed 36 people", "In 2014, a ferry sank") stay apart too.

An event's id is its dates and place ("2025-09-04-paris"); events that would share one
get the term that sets each apart ("2026-01-05-telmonov", labelled "5 January 2026,
about Telmonov").

What each document's text tells (its dates, places and terms) is found once per
document (``clues.py``: in the extraction workers, and kept by a store); this module
adds what depends on the corpus and the settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from claimdiff.align.clues import EventClues, SentenceClues, event_clues
from claimdiff.align.clusters import Anchor, Cluster, Clusters, gap, identify
from claimdiff.align.signature import weigh
from claimdiff.config import Settings
from claimdiff.lexicon import event_lexicon
from claimdiff.models import Claim, ClaimKind, Document, DurationValue, Event, Sentence, TimeValue

__all__ = ["place_claims", "resolve_events", "with_event"]


def _anchor(published: date | None, clues: EventClues, window: int) -> Anchor:
    lead = event_lexicon().lead_sentences
    first: date | None = published
    last: date | None = published
    if clues.lead is not None:
        first, last = clues.lead
    elif published is not None and clues.forward:
        # Written before the event: it reports on the days that follow publication.
        last = published + timedelta(days=window)
    anchor = Anchor(first=first, last=last, place=None)
    # A sentence dated elsewhere ("the previous meeting, in Manila two years ago") names
    # another occasion's place.
    current = [s for s in clues.sentences if _near(s, anchor, window)]
    lead_place = next((s.verb_place for s in current if s.index < lead + 2 and s.verb_place), None)
    # A later sentence may name another occasion's place ("residents told a public meeting
    # that the hospitals in Varna ..."). A document whose lead names its dateline's town
    # and no occasion place is kept apart from other towns' reports by that dateline
    # (``Clusters._fitting``): a later sentence's place counts only when it is that town.
    later = (s.place for s in current if s.place and clues.dateline in (None, s.place))
    place = lead_place or next(later, None)
    return Anchor(first=first, last=last, place=place, dateline=clues.dateline)


def _near(sent: SentenceClues, anchor: Anchor, window: int) -> bool:
    """Return True unless the sentence names a date away from the anchor's."""
    if anchor.first is None:
        return True
    return all(gap(Anchor(first, last, None), anchor) <= window for _, first, last in sent.dates)


def resolve_events(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    claims: Sequence[Claim],
    *,
    settings: Settings,
    clues: Mapping[str, EventClues] | None = None,
) -> tuple[list[Event], list[Claim]]:
    """Return the events of the corpus and the claims with their event set.

    ``clues`` are the documents' ``event_clues`` when already found (a store keeps them);
    those missing are found from ``sentences``.
    """
    events, ids = place_claims(documents, sentences, claims, settings=settings, clues=clues)
    return events, [
        with_event(claim, event_id) for claim, event_id in zip(claims, ids, strict=True)
    ]


def with_event(claim: Claim, event_id: str) -> Claim:
    """Return the claim with its event set (the claim itself when it already has it)."""
    return claim if claim.event == event_id else claim.model_copy(update={"event": event_id})


def place_claims(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    claims: Sequence[Claim],
    *,
    settings: Settings,
    clues: Mapping[str, EventClues] | None = None,
) -> tuple[list[Event], list[str]]:
    """Return the events of the corpus and the id of each claim's event, in order.

    What ``resolve_events`` sets on the claims; a store sets it on the claims of an
    earlier check again instead of copying every claim (``incremental.placed_claims``).
    """
    window = settings.event_window_days
    known = clues or {}
    found = {
        doc.id: given
        if (given := known.get(doc.id)) is not None
        else event_clues(doc, sentences.get(doc.id, ()))
        for doc in documents
    }
    anchors = {doc.id: _anchor(doc.published, found[doc.id], window) for doc in documents}
    signatures = weigh({doc.id: found[doc.id].terms for doc in documents})
    clusters = Clusters(
        window,
        similarity=settings.event_similarity,
        story_similarity=settings.story_similarity,
    )
    ordered = sorted(documents, key=lambda d: (anchors[d.id].first or date.max, d.id))
    home = {doc.id: clusters.join(anchors[doc.id], doc.id, signatures[doc.id]) for doc in ordered}
    by_start: dict[str, dict[int, SentenceClues]] = {}
    placed: list[Cluster] = []
    for claim in claims:
        cluster = home[claim.doc_id]
        own = _claim_anchor(claim, found[claim.doc_id], by_start, cluster.seed, settings)
        if own is not None:
            # A date in passing ("the summit held on March 12") does not make a document
            # report on that other event: its outlet is not listed as silent there.
            passing = claim.kind in (ClaimKind.TIME, ClaimKind.DURATION)
            signature = signatures[claim.doc_id]
            cluster = clusters.join(
                own, claim.doc_id, signature, home=home[claim.doc_id], member=not passing
            )
        placed.append(cluster)
    events = identify(clusters.members, signatures)
    ids = [events[cluster.index].id for cluster in placed]
    events.sort(key=lambda e: (e.start or date.max, e.id))
    return events, ids


_SAID_NOW = frozenset({ClaimKind.TIMEFRAME, ClaimKind.QUOTE, ClaimKind.STATEMENT})


def _claim_anchor(
    claim: Claim,
    clues: EventClues,
    by_start: dict[str, dict[int, SentenceClues]],
    seed: Anchor,
    settings: Settings,
) -> Anchor | None:
    """Return another event's anchor when the claim's sentence dates it away from ``seed``.

    ``by_start`` indexes documents' sentence clues by where the sentence starts, filled
    on first use.
    """
    # Quoted and reported words belong to the event they were said at, whatever dates
    # they mention ("a ferry by next week"; issue 3).
    if seed.first is None or claim.kind in _SAID_NOW:
        return None
    value = claim.value
    if isinstance(value, DurationValue) and (value.anchor is not None or claim.measure == "since"):
        return None
    index = by_start.get(claim.doc_id)
    if index is None:
        index = by_start[claim.doc_id] = {s.start: s for s in clues.sentences}
    # A sentence without clues names no date and no place.
    sent = index.get(claim.sentence.start)
    window = settings.event_window_days
    if isinstance(value, TimeValue):
        if not value.dated:
            return None
        last = (value.end - timedelta(microseconds=1)).date()
        place = sent.verb_place if sent is not None else None
        own = Anchor(first=value.start.date(), last=last, place=place)
        if claim.measure in ("began", "ended"):
            # A conference that runs until Friday: its start or end may lie further from
            # the day a document reports on than the event window.
            window *= 2
    else:
        if sent is None or not sent.dates:
            return None
        offset = claim.evidence.start - claim.sentence.start
        _, first, last = min(sent.dates, key=lambda d: (abs(d[0] - offset), d[0]))
        own = Anchor(first=first, last=last, place=sent.place)
    if gap(own, seed) <= window:
        return None
    return own
