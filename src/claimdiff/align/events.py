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
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import cache

from claimdiff.align.clusters import Anchor, Cluster, Clusters, gap, identify
from claimdiff.align.signature import document_signatures
from claimdiff.config import Settings
from claimdiff.lexicon import event_lexicon
from claimdiff.models import Claim, ClaimKind, Document, DurationValue, Event, Sentence, TimeValue
from claimdiff.normalise.dates import MONTHS, WEEKDAYS, DateMention, find_dates, looks_forward
from claimdiff.normalise.timelex import happenings

_NOT_PLACES = frozenset({*MONTHS, *WEEKDAYS, "The", "A", "An", "This", "That"})


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


def _anchor(document: Document, sentences: Sequence[Sentence], window: int) -> Anchor:
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
    anchor = Anchor(first=first, last=last, place=None)
    # A sentence dated elsewhere ("the previous meeting, in Manila two years ago") names
    # another occasion's place.
    current = [s for s in sentences if _near(s.text, anchor, document.published, window)]
    lead_place = next(
        (p for s in current if s.index < lead + 2 and (p := find_place(s.text, verbs=True))),
        None,
    )
    place = lead_place or next((p for s in current if (p := find_place(s.text))), None)
    return Anchor(first=first, last=last, place=place)


def _near(text: str, anchor: Anchor, published: date | None, window: int) -> bool:
    """Return True unless the text names a date away from the anchor's."""
    if anchor.first is None:
        return True
    for mention in find_dates(text, published=published):
        if gap(Anchor(mention.first, mention.last, None), anchor) > window:
            return False
    return True


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
    signatures = document_signatures({doc.id: sentences.get(doc.id, ()) for doc in documents})
    clusters = Clusters(
        window,
        similarity=settings.event_similarity,
        story_similarity=settings.story_similarity,
    )
    ordered = sorted(documents, key=lambda d: (anchors[d.id].first or date.max, d.id))
    home = {doc.id: clusters.join(anchors[doc.id], doc.id, signatures[doc.id]) for doc in ordered}
    by_id = {doc.id: doc for doc in documents}
    sentence_text = {
        (s.doc_id, s.span.start): s.text for doc_sents in sentences.values() for s in doc_sents
    }
    placed: list[tuple[Claim, Cluster]] = []
    for claim in claims:
        cluster = home[claim.doc_id]
        own = _claim_anchor(claim, by_id[claim.doc_id], sentence_text, cluster.seed, settings)
        if own is not None:
            # A date in passing ("the summit held on March 12") does not make a document
            # report on that other event: its outlet is not listed as silent there.
            passing = claim.kind in (ClaimKind.TIME, ClaimKind.DURATION)
            signature = signatures[claim.doc_id]
            cluster = clusters.join(
                own, claim.doc_id, signature, home=home[claim.doc_id], member=not passing
            )
        placed.append((claim, cluster))
    events = identify(clusters.members, signatures)
    resolved = [
        claim.model_copy(update={"event": events[cluster.index].id}) for claim, cluster in placed
    ]
    events.sort(key=lambda e: (e.start or date.max, e.id))
    return events, resolved


_SAID_NOW = frozenset({ClaimKind.TIMEFRAME, ClaimKind.QUOTE, ClaimKind.STATEMENT})


def _claim_anchor(
    claim: Claim,
    document: Document,
    sentence_text: Mapping[tuple[str, int], str],
    seed: Anchor,
    settings: Settings,
) -> Anchor | None:
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
        own = Anchor(first=value.start.date(), last=last, place=find_place(text, verbs=True))
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
        own = Anchor(first=nearest.first, last=nearest.last, place=find_place(text))
    if gap(own, seed) <= window:
        return None
    return own
