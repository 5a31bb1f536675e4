"""Moments: dates with their clock time, part of the day and time zone, as ranges.

"at 11:20 pm on Saturday" -> [Sat 23:20, Sat 23:21); "8:24 a.m. (2304 GMT)" -> 08:24
local time at an offset of +9:20 (read from the pair); "late on Saturday" -> [Sat 12:00, Sun 07:00);
"13:38" alone -> a clock time on an unknown day. Ranges are half-open, in the wall
clock of the stated zone; ``offset`` (minutes east of UTC) is None when unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from claimdiff.lexicon import phrase_alternatives
from claimdiff.normalise.dates import DateMention, find_dates
from claimdiff.normalise.timelex import times

# The day an undated clock time is placed on when the document has no date either.
NO_DATE = date(2000, 1, 1)

# "a.m." keeps its last dot; in "11:20 pm." the dot ends the sentence.
_AMPM = r"(?:(?P<ap>[aApP])\.\s?[mM]\.?|(?P<ap2>[aApP])[mM]\b)"
_CLOCK_PATTERNS = (
    re.compile(rf"(?<![\w:.,])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*{_AMPM}"),
    re.compile(r"(?<![\w:.,])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])"),
    re.compile(r"(?<![\w:.,])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?=\s*(?:GMT|UTC)\b)"),
    re.compile(r"\b(?P<word>noon|midday|midnight)\b", re.IGNORECASE),
)
_JOIN = re.compile(r"^(?:\s*(?:,|on|at|of|the|\(|\))\s*)*$", re.IGNORECASE)
_PAIR = re.compile(r"^\s*\(\s*$")


@dataclass(frozen=True, slots=True)
class ClockMention:
    """A clock time written in text, with the zone written after it."""

    start: int
    end: int
    minutes: int  # minutes after midnight; 1440 for "midnight" (the end of the day)
    granularity: str  # minute, hour
    zone: str | None
    offset: int | None


@dataclass(frozen=True, slots=True)
class Moment:
    """A date, time or both, as the half-open range ``[first, last)``; offsets into text."""

    start: int
    end: int
    first: datetime
    last: datetime
    granularity: str  # minute, hour, part_of_day, day, week, month, year
    zone: str | None = None
    offset: int | None = None
    relative: bool = False
    dated: bool = True
    hedge: str | None = None


@cache
def _zone_pattern() -> re.Pattern[str]:
    lexicon = times()
    names = sorted(
        [*(z.upper() for z in lexicon.zones), *lexicon.local_markers, *lexicon.unknown_zones],
        key=len,
        reverse=True,
    )
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"^\s*(?:\(\s*)?(?P<zone>{alternatives})\b\)?")


def find_clock_times(text: str) -> list[ClockMention]:
    """Return the clock times in ``text`` ("13:38", "1:39 PM", "2304 GMT", "noon")."""
    found: list[ClockMention] = []
    for pattern in _CLOCK_PATTERNS:
        for match in pattern.finditer(text):
            if any(c.start < match.end() and match.start() < c.end for c in found):
                continue
            groups = match.groupdict()
            if groups.get("word"):
                word = groups["word"].lower()
                minutes, granularity = (1440 if word == "midnight" else 720), "hour"
            else:
                hour, minute = int(groups["h"]), int(groups.get("m") or 0)
                meridiem = groups.get("ap") or groups.get("ap2")
                if meridiem:
                    hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
                minutes = hour * 60 + minute
                granularity = "minute" if groups.get("m") else "hour"
            end = match.end()
            zone, offset = None, None
            zone_match = _zone_pattern().match(text[end:])
            if zone_match is not None:
                zone = zone_match.group("zone")
                offset = times().zones.get(zone.lower())
                end += zone_match.end()
            found.append(ClockMention(match.start(), end, minutes, granularity, zone, offset))
    found.sort(key=lambda c: c.start)
    return found


@cache
def _part_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    parts = "|".join(sorted((re.escape(p) for p in times().parts_of_day), key=len, reverse=True))
    before = re.compile(rf"\b(?:on\s+the\s+)?(?P<part>{parts})(?:\s+(?:on|of))?\s*$", re.I)
    after = re.compile(rf"^\s+(?P<part>{parts})\b", re.IGNORECASE)
    return before, after


@cache
def _hedge_pattern() -> re.Pattern[str]:
    alternatives = phrase_alternatives(times().clock_hedges)
    return re.compile(rf"(?<![\w])(?P<hedge>{alternatives})\s+$", re.IGNORECASE)


def find_moments(text: str, *, published: date | None, future: bool | None = None) -> list[Moment]:
    """Return the dates and times of ``text``, a clock time joined to its date."""
    dates = find_dates(text, published=published, future=future)
    clocks = _paired(text, find_clock_times(text))
    moments: list[Moment] = []
    used: set[int] = set()
    for clock in clocks:
        day = next(
            (
                (index, mention)
                for index, mention in enumerate(dates)
                if mention.granularity in ("day", "night") and _adjacent(text, clock, mention)
            ),
            None,
        )
        if day is not None:
            used.add(day[0])
        moments.append(_clock_moment(text, clock, day[1] if day else None, published))
    for index, mention in enumerate(dates):
        if index not in used:
            moments.append(_date_moment(text, mention))
    moments.sort(key=lambda m: (m.start, m.end))
    return moments


def _paired(text: str, clocks: list[ClockMention]) -> list[ClockMention]:
    """Join "8:24 a.m. (2304 GMT)" into one local time whose offset the pair gives."""
    joined: list[ClockMention] = []
    index = 0
    while index < len(clocks):
        local = clocks[index]
        other = clocks[index + 1] if index + 1 < len(clocks) else None
        if (
            other is not None
            and local.offset is None
            and other.offset is not None
            and _PAIR.match(text[local.end : other.start])
        ):
            offset = (local.minutes - other.minutes - other.offset) % 1440
            if offset > times().max_offset:
                offset -= 1440
            end = other.end + (1 if text[other.end : other.end + 1] == ")" else 0)
            sign = "+" if offset >= 0 else "-"
            zone = f"local time, UTC{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
            joined.append(
                ClockMention(local.start, end, local.minutes, local.granularity, zone, offset)
            )
            index += 2
            continue
        joined.append(local)
        index += 1
    return joined


def _adjacent(text: str, clock: ClockMention, mention: DateMention) -> bool:
    if clock.end <= mention.start:
        between = text[clock.end : mention.start]
    elif mention.end <= clock.start:
        between = text[mention.end : clock.start]
    else:
        return False
    return len(between) <= 12 and _JOIN.match(between) is not None


def _clock_moment(
    text: str, clock: ClockMention, mention: DateMention | None, published: date | None
) -> Moment:
    day = mention.first if mention is not None else (published or NO_DATE)
    at = datetime.combine(day, time()) + timedelta(minutes=clock.minutes)
    first, last = at, at + timedelta(minutes=1)
    start = min(clock.start, mention.start) if mention else clock.start
    end = max(clock.end, mention.end) if mention else clock.end
    hedge_match = _hedge_pattern().search(text, max(0, start - 20), start)
    hedge = None
    if hedge_match is not None:
        hedge = re.sub(r"\s+", " ", hedge_match.group("hedge").lower())
        before, after = times().clock_hedges[hedge]
        first, last = first - timedelta(minutes=before), last + timedelta(minutes=after)
        start = hedge_match.start()
    zone = clock.zone
    if zone is not None and zone.lower() in times().local_markers:
        zone = "local time"
    return Moment(
        start=start,
        end=end,
        first=first,
        last=last,
        granularity=clock.granularity,
        zone=zone,
        offset=clock.offset,
        relative=mention.relative if mention else False,
        dated=mention is not None,
        hedge=hedge,
    )


def _date_moment(text: str, mention: DateMention) -> Moment:
    first = datetime.combine(mention.first, time())
    last = datetime.combine(mention.last, time()) + timedelta(days=1)
    start, end, granularity = mention.start, mention.end, mention.granularity
    before_pattern, after_pattern = _part_patterns()
    part = None
    if granularity == "night":
        part = "night"
    elif granularity == "day":
        after = after_pattern.match(text[end:])
        before = before_pattern.search(text, max(0, start - 30), start)
        if after is not None:
            part, end = after.group("part").lower(), end + after.end()
        elif before is not None:
            part, start = before.group("part").lower(), before.start()
    if part is not None:
        low, high = times().parts_of_day[part]
        day = datetime.combine(mention.first, time())
        first, last = day + timedelta(hours=low), day + timedelta(hours=high)
        granularity = "part_of_day"
    return Moment(
        start=start,
        end=end,
        first=first,
        last=last,
        granularity="day" if granularity == "night" else granularity,
        relative=mention.relative,
    )
