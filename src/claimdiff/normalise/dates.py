"""Date mentions: find candidate spans with our own patterns, resolve them to day ranges.

"March 27, 2025" -> 2025-03-27; "in February 2022" -> 2022-02-01..2022-02-28;
"on Thursday" in an article published Friday 2025-09-05 -> 2025-09-04; "last month" ->
August 2025; "nearly three weeks ago" -> 2025-08-15..2025-08-22. In a sentence that
looks forward ("leaders will meet on Thursday") a bare weekday is the next one.
dateparser reads only the candidate spans, never raw text (it would read "We" as
Wednesday and "may" as May).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

import dateparser

from claimdiff.lexicon import phrase_alternatives
from claimdiff.normalise.durations import find_durations
from claimdiff.normalise.timelex import times

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"  # noqa: E501
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"

# Ordered: the first pattern that matches a stretch of text wins.
_DAY_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
)
_MONTH_PREPOSITION = r"(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]rom|[Ll]ate|[Ee]arly)\s+"
_MONTH_PATTERN = re.compile(
    rf"\b(?:{_MONTH_PREPOSITION})?{_MONTH}\s+{_YEAR}\b|\b{_MONTH_PREPOSITION}{_MONTH}\b"
)
_YEAR_PATTERN = re.compile(
    rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]rom|[Oo]f)\s+({_YEAR})\b"
)
_WEEKDAY_PATTERN = re.compile(r"\b(?:([Ll]ast|[Nn]ext)\s+)?(" + "|".join(WEEKDAYS) + r")\b")
_AGO = re.compile(r"^\s+ago\b")
_HAS_YEAR = re.compile(_YEAR)
_LEADING_PREPOSITION = re.compile(rf"^{_MONTH_PREPOSITION}")
_CLAUSE_BREAK = re.compile(r"[,;:(—–]")
_SPACES = re.compile(r"\s+")
_WEEKDAY_JOIN = re.compile(r",?\s*(?:the\s+)?")

# What every date pattern needs: a month (the day and month patterns) or four digits (a
# year, an ISO date); read against a publication date, a weekday or "ago" too, else the
# first word of a relative phrase.
_ABSOLUTE_HINT = re.compile("|".join([r"\d{4}", *(month[:3] for month in MONTHS)]))
_RELATIVE_HINT = re.compile("|".join(["ago", *WEEKDAYS]))
# The characters besides ASCII letters that a case-blind pattern reads as one
# ("\u0130", dotless "\u0131", long "\u017f"; the Kelvin sign lower-cases to "k").
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in text, resolved to an inclusive day range.

    ``relative`` marks dates read against the publication date ("on Thursday").
    """

    start: int
    end: int
    first: date
    last: date
    granularity: str
    relative: bool = False


@cache
def _parse(text: str, base: date | None) -> datetime | None:
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["month"],
        "STRICT_PARSING": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    result: datetime | None = dateparser.parse(text, languages=["en"], settings=settings)
    return result


@cache
def _future_pattern() -> re.Pattern[str]:
    alternatives = phrase_alternatives(times().future_cues)
    return re.compile(rf"(?:\b|(?<=\w))(?:{alternatives})\b", re.IGNORECASE)


def looks_forward(text: str) -> bool:
    """Return True when a text speaks of the future ("will meet", "is due to")."""
    return _future_pattern().search(text) is not None


def _forward_at(text: str, start: int) -> bool:
    """Return True when the clause leading up to ``start`` looks forward.

    "Leaders will meet in Paris on Thursday" looks forward at "Thursday"; "Ministers
    gathered on Friday to agree how cuts will be phased in" does not: the cue follows.
    """
    before = text[max(0, start - 80) : start]
    clause = _CLAUSE_BREAK.split(before)[-1]
    return looks_forward(clause)


def _nearest_year(month: int, day: int, base: date, *, future: bool = False) -> date:
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        last_day = calendar.monthrange(year, month)[1]
        candidates.append(date(year, month, min(day, last_day)))

    # News looks back more often than ahead (a sentence with future cues, the other way
    # round): a reading in the unexpected direction must be three times as close.
    def cost(candidate: date) -> tuple[int, date]:
        unexpected = candidate < base if future else candidate > base
        return (abs((candidate - base).days) * (3 if unexpected else 1), candidate)

    return min(candidates, key=cost)


def find_dates(
    text: str, *, published: date | None, future: bool | None = None
) -> list[DateMention]:
    """Return the date mentions in ``text`` resolved against ``published``.

    Args:
        text: A sentence (or any short text).
        published: The publication date relative dates are read against.
        future: Read bare weekdays and year-less days forward; None decides for each
            mention from the future cues of its clause ("will meet on Thursday").
    """
    if not _may_name_a_date(text, relative=published is not None):
        return []  # most sentences name no date: the patterns need not run (issue 7)
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(mention: DateMention) -> None:
        taken.append((mention.start, mention.end))
        mentions.append(mention)

    for pattern in _DAY_PATTERNS:
        for match in pattern.finditer(text):
            if not free(match.start(), match.end()):
                continue
            parsed = _parse(match.group(0), published)
            if parsed is None:
                continue
            day = parsed.date()
            if published is not None and not _HAS_YEAR.search(match.group(0)):
                ahead = _forward_at(text, match.start()) if future is None else future
                day = _nearest_year(day.month, day.day, published, future=ahead)
            add(DateMention(match.start(), match.end(), day, day, "day"))
    for match in _MONTH_PATTERN.finditer(text):
        if not free(match.start(), match.end()):
            continue
        parsed = _parse(_LEADING_PREPOSITION.sub("", match.group(0)), published)
        if parsed is None:
            continue
        first = parsed.date().replace(day=1)
        if published is not None and not _HAS_YEAR.search(match.group(0)):
            ahead = _forward_at(text, match.start()) if future is None else future
            first = _nearest_year(first.month, 1, published, future=ahead)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        add(DateMention(match.start(), match.end(), first, last, "month"))
    for match in _YEAR_PATTERN.finditer(text):
        if free(match.start(), match.end()):
            year = int(match.group(1))
            add(
                DateMention(
                    match.start(), match.end(), date(year, 1, 1), date(year, 12, 31), "year"
                )
            )
    if published is not None:
        for mention in _relative_mentions(text, published, future=future):
            if free(mention.start, mention.end):
                add(mention)
    mentions.sort(key=lambda m: (m.start, m.end))
    return _merge_weekdays(text, mentions)


def _may_name_a_date(text: str, *, relative: bool) -> bool:
    """Return False only when no pattern of ``find_dates`` can match in ``text``.

    With ``relative``, relative phrases count: each holds its first word (whatever the
    case: the text is folded as the case-blind pattern reads it).
    """
    if _ABSOLUTE_HINT.search(text) is not None:
        return True
    if not relative:
        return False
    if _RELATIVE_HINT.search(text) is not None:
        return True
    words = _relative_words()
    if words is None:
        return _relative_pattern().search(text) is not None
    folded = (text if text.isascii() else text.translate(_FOLD)).lower()
    return any(word in folded for word in words)


@cache
def _relative_words() -> tuple[str, ...] | None:
    """Return the first words of the relative phrases (None unless all are ASCII)."""
    words = sorted({phrase.split()[0].lower() for phrase in times().relative})
    return tuple(words) if all(word.isascii() for word in words) else None


def _merge_weekdays(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Read "Monday 2 February 2026" and "Tuesday, March 3" as the written date."""
    merged: list[DateMention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.relative
            and not mention.relative
            and mention.granularity == "day"
            and _WEEKDAY_PATTERN.fullmatch(text[previous.start : previous.end])
            and _WEEKDAY_JOIN.fullmatch(text[previous.end : mention.start])
        ):
            merged[-1] = DateMention(
                previous.start, mention.end, mention.first, mention.last, "day"
            )
            continue
        merged.append(mention)
    return merged


def _relative_mentions(text: str, published: date, *, future: bool | None) -> list[DateMention]:
    found: list[DateMention] = []
    for match in _relative_pattern().finditer(text):
        # Folded as the pattern read it: "TH\u0130S WEEK" is "this week", not a KeyError.
        phrase = _SPACES.sub(" ", match.group(0).translate(_FOLD).lower())
        unit, step = times().relative[phrase]
        first, last = calendar_range(published, unit, step)
        if phrase.startswith("earlier"):
            last = min(last, published)
        found.append(DateMention(match.start(), match.end(), first, last, unit, relative=True))
    for match in _WEEKDAY_PATTERN.finditer(text):
        weekday = WEEKDAYS.index(match.group(2))
        modifier = (match.group(1) or "").lower()
        forward = _forward_at(text, match.start()) if future is None else future
        if modifier == "next" or (forward and not modifier):
            days = (weekday - published.weekday()) % 7
            day = published + timedelta(days=days or (7 if modifier else 0))
        else:
            # News convention: a bare weekday is the most recent such day, today included.
            back = (published.weekday() - weekday) % 7
            if modifier == "last" and back == 0:
                back = 7
            day = published - timedelta(days=back)
        found.append(DateMention(match.start(), match.end(), day, day, "day", relative=True))
    # Only "<duration> ago" makes a date; most sentences have none, and finding durations
    # is the costly part (issue 7).
    durations = find_durations(text) if "ago" in text else []
    for duration in durations:
        ago = _AGO.match(text[duration.end :])
        if ago is None or duration.high.value is None or duration.age or duration.compound:
            continue
        low = timedelta(seconds=duration.low.value or 0.0)
        high = timedelta(seconds=duration.high.value)
        first, last = published - high, published - low
        found.append(
            DateMention(duration.start, duration.end + ago.end(), first, last, "day", relative=True)
        )
    return found


@cache
def _relative_pattern() -> re.Pattern[str]:
    alternatives = phrase_alternatives(times().relative)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def calendar_range(day: date, unit: str, step: int) -> tuple[date, date]:
    """Return the inclusive days of the calendar ``unit`` ``step`` units from ``day``'s.

    ``calendar_range(2025-09-05, "month", -1)`` is August 2025; weeks run Monday to Sunday;
    a "night" is the evening of that day (its early hours fall on the next day).

    From a Sunday, a week may also run Sunday to Saturday (as North American calendars
    have it): "this week" written on Sunday 2026-04-12 is the week it ends or the week it
    begins, 2026-04-06..2026-04-18, "next week" 2026-04-13..2026-04-25. On other days the
    two calendars name the same week (they differ only on which Sunday belongs to it).
    """
    if unit in ("day", "night"):
        first = day + timedelta(days=step)
        return first, first
    if unit in ("week", "weekend"):
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=6)
        sunday_start = 6 if day.weekday() == 6 else 0  # the Sunday-to-Saturday week, too
        return monday, monday + timedelta(days=6 + sunday_start)
    if unit == "month":
        index = day.year * 12 + day.month - 1 + step
        year, month = divmod(index, 12)
        first = date(year, month + 1, 1)
        return first, first.replace(day=calendar.monthrange(year, month + 1)[1])
    year = day.year + step
    return date(year, 1, 1), date(year, 12, 31)
