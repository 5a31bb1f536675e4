"""Event clues: what one document's own text tells about the occasion it reports on.

Events (``events.py``) read, from each document, only what no other document and no
setting changes: the day its lead names, whether its lead looks forward, the dates and
places its sentences name, and how often it uses each term (``signature.py``, before
the corpus weighs them). ``event_clues`` finds them once per document, in the
extraction workers; a store keeps them with the document's cached entry (``store/``),
so a check redoes only what depends on the corpus and the settings: the event window,
the terms' weights, the clustering (issue 7).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cache

from claimdiff.align.signature import term_counts
from claimdiff.lexicon import event_lexicon
from claimdiff.models import Document, Record, Sentence
from claimdiff.normalise.dates import MONTHS, WEEKDAYS, find_dates, looks_forward
from claimdiff.normalise.timelex import happenings

__all__ = [
    "CLUES_VERSION",
    "EventClues",
    "SentenceClues",
    "event_clues",
    "find_dateline",
    "find_place",
    "match_dateline",
]

CLUES_VERSION = 3
"""Kept with each document's clues: bumped when what a clue holds changes meaning, so
that clues kept by a store are found again from the cached sentences."""

_NOT_PLACES = frozenset({*MONTHS, *WEEKDAYS, "The", "A", "An", "This", "That"})
# Every place pattern names its place after "in": a text without one names no place.
_IN_A_NAME = re.compile(r"\b[Ii]n\s+[A-Z]")
# A dateline: the town in capitals, maybe its region or country and the agency, then a
# dash ("PORT AMARA, Selvara —", "KYIV, Ukraine (AP) —", "PARIS (Reuters) -").
_DATELINE = re.compile(
    r"^\s*(?P<town>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3})"
    r"(?:\s*,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?"
    r"(?:\s*\([^()\n]{1,40}\))?\s*[—–-]{1,2}\s+"
)
_MIN_TOWN = 3  # characters: "US — China talks" is no dateline


class SentenceClues(Record):
    """The dates and places one sentence names.

    ``dates`` holds each date mention (``normalise/dates.py``) as its offset in the
    sentence and its first and last day; ``verb_place`` is the place with a meeting
    verb's counting too (``find_place(..., verbs=True)``).
    """

    index: int
    start: int
    dates: list[tuple[int, date, date]]
    place: str | None
    verb_place: str | None


class EventClues(Record):
    """What a document's own text tells about its event (see the module docstring).

    ``lead`` is the day range of the first day its lead sentences name; ``forward``
    whether a lead sentence looks forward; ``sentences`` the sentences naming a date or
    a place, in order; ``terms`` each signature term's count, whether it names something
    anywhere in the document, and how the document most often writes it.
    """

    version: int = CLUES_VERSION
    lead: tuple[date, date] | None
    forward: bool
    sentences: list[SentenceClues]
    terms: dict[str, tuple[int, bool, str]]
    dateline: str | None = None


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
    if _IN_A_NAME.search(text) is None:
        return None
    hits: list[tuple[int, str]] = []
    for pattern in _place_patterns(verbs=verbs):
        for match in pattern.finditer(text):
            name = match.group(1)
            if name.split()[0] not in _NOT_PLACES:
                hits.append((match.start(1), name))
    return min(hits)[1] if hits else None


def match_dateline(text: str) -> re.Match[str] | None:
    """Return the dateline opening a text ("KESSLING, Estmark — "), or None.

    The town is written in capitals, maybe followed by its region or country and the
    agency, then a dash; a town of fewer than three characters is none ("US — China
    talks"). The match's ``town`` group is the town, its end where the lead begins.
    Events read it (``find_dateline``), and so do extractors whose subject the small
    model hangs on the dateline's town (``extract/penalty.py``).
    """
    match = _DATELINE.match(text)
    return match if match is not None and len(match.group("town")) >= _MIN_TOWN else None


def find_dateline(lead: Sequence[str]) -> str | None:
    """Return the town of a lead sentence's dateline when the lead also names it.

    "PELROAND, Rhodan — An aftershock shook Pelroand on Friday" -> "Pelroand". A dateline
    says where the reporter filed from: it is the occasion's place only when the text
    names that town too ("KYIV — Missiles struck Lviv overnight" names no place).
    Returned as the text writes it, so that it matches places other documents name.
    The first sentence opening with a dateline counts (a headline may come before it).
    """
    for position, sentence in enumerate(lead):
        match = match_dateline(sentence)
        if match is None:
            continue
        town = match.group("town")
        words = r"\s+".join(re.escape(w) for w in town.split())
        named = re.compile(rf"(?<![\w'’-])({words})(?![\w'’-])", re.IGNORECASE)
        for text in (sentence[match.end() :], *lead[position + 1 :]):
            for found in named.finditer(text):
                written = found.group(1)
                if written != town and written[0].isupper():
                    return written
        return None
    return None


def event_clues(document: Document, sentences: Sequence[Sentence]) -> EventClues:
    """Return what the document's kept sentences tell about its event."""
    lead = event_lexicon().lead_sentences
    found: list[SentenceClues] = []
    first_day: tuple[date, date] | None = None
    for position, sent in enumerate(sentences):
        mentions = find_dates(sent.text, published=document.published)
        if first_day is None and position < lead:
            days = [m for m in mentions if m.granularity in ("day", "night")]
            if days:
                first_day = (days[0].first, days[0].last)
        # The plain patterns are among the verb patterns: no verb place, no place.
        verb_place = find_place(sent.text, verbs=True)
        place = find_place(sent.text) if verb_place is not None else None
        if mentions or verb_place is not None:
            found.append(
                SentenceClues(
                    index=sent.index,
                    start=sent.span.start,
                    dates=[(m.start, m.first, m.last) for m in mentions],
                    place=place,
                    verb_place=verb_place,
                )
            )
    return EventClues(
        lead=first_day,
        forward=any(looks_forward(s.text) for s in sentences[:lead]),
        sentences=found,
        terms=term_counts(sentences),
        dateline=find_dateline([s.text for s in sentences[:lead]]),
    )
