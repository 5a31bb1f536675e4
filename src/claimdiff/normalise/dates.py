"""Date mentions: find candidate spans with our own patterns, resolve them to day ranges.

"March 27, 2025" -> 2025-03-27; "in February 2022" -> 2022-02-01..2022-02-28;
"on Thursday" in an article published Friday 2025-09-05 -> 2025-09-04.
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
_MONTH_PREPOSITION = r"(?:in|since|during|by|until|from)\s+"
_MONTH_PATTERN = re.compile(
    rf"\b(?:{_MONTH_PREPOSITION})?{_MONTH}\s+{_YEAR}\b|\b{_MONTH_PREPOSITION}{_MONTH}\b"
)
_YEAR_PATTERN = re.compile(
    rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]rom|[Oo]f)\s+({_YEAR})\b"
)
_WEEKDAY_PATTERN = re.compile(r"\b(?:last\s+)?(" + "|".join(WEEKDAYS) + r")\b")
_RELATIVE_DAYS = {"today": 0, "yesterday": 1, "tonight": 0, "this morning": 0}
_RELATIVE_PATTERN = re.compile(
    r"\b(today|yesterday|tonight|this morning|last (?:week|month|year))\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in text, resolved to an inclusive day range."""

    start: int
    end: int
    first: date
    last: date
    granularity: str


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


def _nearest_year(month: int, day: int, base: date) -> date:
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        last_day = calendar.monthrange(year, month)[1]
        candidates.append(date(year, month, min(day, last_day)))
    # News looks back more often than ahead: a future reading must be three times as close.
    return min(candidates, key=lambda d: ((d - base).days * 3 if d > base else (base - d).days, d))


def find_dates(text: str, *, published: date | None) -> list[DateMention]:
    """Return the date mentions in ``text`` resolved against ``published``."""
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for pattern in _DAY_PATTERNS:
        for match in pattern.finditer(text):
            if not free(match.start(), match.end()):
                continue
            parsed = _parse(match.group(0), published)
            if parsed is None:
                continue
            day = parsed.date()
            if published is not None and not re.search(_YEAR, match.group(0)):
                day = _nearest_year(day.month, day.day, published)
            taken.append((match.start(), match.end()))
            mentions.append(DateMention(match.start(), match.end(), day, day, "day"))
    for match in _MONTH_PATTERN.finditer(text):
        if not free(match.start(), match.end()):
            continue
        parsed = _parse(re.sub(rf"^{_MONTH_PREPOSITION}", "", match.group(0)), published)
        if parsed is None:
            continue
        first = parsed.date().replace(day=1)
        if published is not None and not re.search(_YEAR, match.group(0)):
            first = _nearest_year(first.month, 1, published)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        taken.append((match.start(), match.end()))
        mentions.append(DateMention(match.start(), match.end(), first, last, "month"))
    for match in _YEAR_PATTERN.finditer(text):
        if not free(match.start(), match.end()):
            continue
        year = int(match.group(1))
        taken.append((match.start(), match.end()))
        mentions.append(
            DateMention(match.start(), match.end(), date(year, 1, 1), date(year, 12, 31), "year")
        )
    if published is not None:
        for match in _WEEKDAY_PATTERN.finditer(text):
            if not free(match.start(), match.end()):
                continue
            weekday = WEEKDAYS.index(match.group(1))
            # News convention: a bare weekday is the most recent such day, today included.
            back = (published.weekday() - weekday) % 7
            if match.group(0).lower().startswith("last") and back == 0:
                back = 7
            day = published - timedelta(days=back)
            taken.append((match.start(), match.end()))
            mentions.append(DateMention(match.start(), match.end(), day, day, "day"))
        for match in _RELATIVE_PATTERN.finditer(text):
            if not free(match.start(), match.end()):
                continue
            mentions.append(_relative(match, published))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _relative(match: re.Match[str], published: date) -> DateMention:
    phrase = match.group(1).lower()
    if phrase in _RELATIVE_DAYS:
        day = published - timedelta(days=_RELATIVE_DAYS[phrase])
        return DateMention(match.start(), match.end(), day, day, "day")
    if phrase == "last week":
        monday = published - timedelta(days=published.weekday() + 7)
        return DateMention(match.start(), match.end(), monday, monday + timedelta(days=6), "week")
    if phrase == "last month":
        last = published.replace(day=1) - timedelta(days=1)
        return DateMention(match.start(), match.end(), last.replace(day=1), last, "month")
    year = published.year - 1
    return DateMention(match.start(), match.end(), date(year, 1, 1), date(year, 12, 31), "year")
