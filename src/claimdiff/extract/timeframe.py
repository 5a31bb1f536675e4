"""Timeframe claims: when something is said to be going to happen.

Claim:     "He said ... US support for the plan will be finalized in the coming days"
           -> finalize, within [0, 10) days of publication; "repairs would be completed
           by the end of the month" -> complete, until the month's last day.
Not claim: "in the coming days" with nothing to undertake; "soon" (too vague).

Who said it is set by the attribution pass (``extract/attribution.py``) from the
quotation or reported statement holding the claim ("he" resolved to Macron).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any, ClassVar

from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.happenings import (
    attachment,
    is_reporting,
    looks_ahead,
    tokens_between,
    verb_phrase,
)
from claimdiff.models import Claim, ClaimKind, Sentence, Span, TimeValue, stable_id
from claimdiff.normalise.dates import MONTHS, WEEKDAYS, calendar_range, find_dates
from claimdiff.normalise.durations import find_durations
from claimdiff.normalise.timelex import timeframes

_EMPTY_HEADS = frozenset({"be", "have", "do", "get"})
_UNITS = r"(?P<unit>day|week|month|year)"
_DEADLINES = (
    re.compile(rf"\b(?:by|before)\s+the\s+(?:end|close)\s+of\s+(?:the|this)\s+{_UNITS}\b", re.I),
    re.compile(r"\b(?:by|before)\s+the\s+(?:end|close)\s+of\s+(?:the\s+day|today)\b", re.I),
    re.compile(rf"\blater\s+(?:today|this\s+(?:morning|afternoon|evening|{_UNITS}))\b", re.I),
)
_BY_DATE = re.compile(
    r"\b(?:by|before|no\s+later\s+than)\s+(?=(?:" + "|".join((*WEEKDAYS, *MONTHS)) + r"|\d))"
)


@cache
def _horizon_pattern() -> re.Pattern[str]:
    lexicon = timeframes()
    leads = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(lexicon.lead_ins, key=len, reverse=True)
    )
    words = sorted({w for h in lexicon.horizons.values() for w in h.words}, key=len, reverse=True)
    alternatives = "|".join(words)
    return re.compile(
        rf"\b(?:(?P<lead>{leads})\s+(?P<word>{alternatives})\b"
        rf"|in\s+the\s+(?P<ahead>{alternatives})\s+ahead\b)",
        re.IGNORECASE,
    )


def _horizon(word: str, lead: str) -> tuple[float, float]:
    for horizon in timeframes().horizons.values():
        if word in horizon.words:
            return horizon.coming if lead == "coming" else horizon.within
    raise KeyError(word)


@dataclass(frozen=True, slots=True)
class Window:
    """A forward expression: offsets in the text and the days it allows, ``[first, last)``.

    ``forward`` is True for wording that only ever looks ahead ("in the coming days");
    "within an hour" or "by Friday" look ahead only in a future or modal clause.
    """

    start: int
    end: int
    first: date
    last: date
    forward: bool


def find_timeframes(text: str, published: date) -> list[Window]:
    """Return each forward expression of ``text`` as a window of days from ``published``."""
    found: list[Window] = []
    for match in _horizon_pattern().finditer(text):
        word = (match.group("word") or match.group("ahead")).lower()
        lead_phrase = re.sub(r"\s+", " ", (match.group("lead") or "in the coming").lower())
        kind = timeframes().lead_ins.get(lead_phrase, "coming")
        low, high = _horizon(word, kind)
        first, last = published + timedelta(days=low), published + timedelta(days=high)
        found.append(Window(match.start(), match.end(), first, last, kind == "coming"))
    for duration in find_durations(text):
        before = text[max(0, duration.start - 20) : duration.start].lower()
        lead = re.search(r"\b(within|in\s+the\s+next)\s+$", before)
        if lead is None or duration.vague or duration.hedge is not None:
            continue
        # "Within two weeks" bounds the wait by the length as written, not its rounding.
        last = published + timedelta(seconds=duration.seconds) + timedelta(days=1)
        start = duration.start - len(before) + lead.start()
        found.append(Window(start, duration.end, published, last, "next" in lead.group(1)))
    for pattern in _DEADLINES:
        for match in pattern.finditer(text):
            unit = (match.groupdict().get("unit") or "day").lower()
            last = calendar_range(published, unit, 0)[1] + timedelta(days=1)
            later = match.group(0).lower().startswith("later")
            found.append(Window(match.start(), match.end(), published, last, later))
    for match in _BY_DATE.finditer(text):
        dates = [
            d
            for d in find_dates(text[match.end() :], published=published, future=True)
            if d.start == 0
        ]
        if dates and dates[0].last >= published:
            end = match.end() + dates[0].end
            last = dates[0].last + timedelta(days=1)
            found.append(Window(match.start(), end, published, last, False))
    taken: list[Window] = []
    for window in sorted(found, key=lambda w: (w.start, -w.end)):
        if all(window.start >= t.end or window.end <= t.start for t in taken):
            taken.append(window)
    return taken


class TimeframeExtractor:
    """Forward time expressions attached to what is undertaken and who said it.

    Claim:     "US support will be finalized in the coming days, he said" -> finalize,
               [publication, +10 days).
    Not claim: "In the coming days the weather will improve" has no undertaking we can
               attribute and is kept only when it hangs on a verb.
    """

    name: ClassVar[str] = "timeframe"
    kind: ClassVar[ClaimKind] = ClaimKind.TIMEFRAME

    def wants(self, sent: Sentence) -> bool:
        """Return True when the sentence has a forward phrase."""
        text = sent.text.lower()
        return any(w in text for w in ("coming", "within", "next", "ahead", "later", "by "))

    def extract(self, parsed: ParsedSentence) -> list[Claim]:
        """Return the timeframe claims of one sentence."""
        published = parsed.document.published
        if published is None:
            return []
        claims: list[Claim] = []
        for window in find_timeframes(parsed.sent.text, published):
            head = attachment(tokens_between(parsed.doc, window.start, window.end))
            if head is None or str(head.lemma_).lower() in _EMPTY_HEADS:
                continue
            if head.pos_ in ("VERB", "AUX") and is_reporting(head) and not looks_ahead(head):
                continue
            if not (window.forward or looks_ahead(head)):
                continue  # "the attempt ended within an hour" looks back
            claims.append(
                self._claim(parsed, head, window.start, window.end, window.first, window.last)
            )
        return claims

    def _claim(
        self, parsed: ParsedSentence, head: Any, start: int, end: int, first: date, last: date
    ) -> Claim:
        document = parsed.document
        evidence = Span(doc_id=document.id, start=parsed.absolute(start), end=parsed.absolute(end))
        undertaking = _undertaking(head)
        objects = sorted(
            str(c.lemma_).lower()
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.pos_ in ("NOUN", "PROPN")
        )
        value = TimeValue(
            start=datetime.combine(first, time()),
            end=datetime.combine(last, time()),
            granularity="day",
            relative=True,
            actors=objects,
            surface=parsed.sent.text[start:end],
        )
        return Claim(
            id=stable_id(document.id, self.name, evidence.start, evidence.end),
            doc_id=document.id,
            kind=self.kind,
            subject=undertaking,
            subject_text=verb_phrase(head) if head.pos_ in ("VERB", "AUX") else str(head.text),
            measure="timeframe",
            measure_cue=str(head.lemma_).lower(),
            value=value,
            event="",
            evidence=evidence,
            sentence=parsed.sent.span,
        )


def _undertaking(head: Any) -> str:
    """Return the undertaking's key: the verb lemma with its particle, spelling folded.

    "finalise" and "finalize" are one key ("-ize" is folded to "-ise"; the key is only
    matched, never shown).
    """
    lemma = re.sub(r"iz(?=[aei])", "is", str(head.lemma_).lower())
    particles = [str(c.text).lower() for c in head.children if c.dep_ == "prt"]
    return " ".join([lemma, *particles])
