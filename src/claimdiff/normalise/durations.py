"""Durations in text: lengths of time as intervals of seconds, hedges and rounding included.

"nearly three hours" -> [2 h, 3 h); "2 hours 45 minutes" -> [2 h 44.5 min, 2 h 46 min);
"a three-year-old conflict" -> [3 y, 4 y); "more than three and a half years" ->
(3.5 y, inf); "an hour and a half" = "90 minutes" (both about 5,400 s).
Numbers and hedges are read by ``normalise/numbers.py``; units, rounding and vague
lengths ("hours after") come from ``data/durations.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from claimdiff.lexicon import HedgeRule, hedges, phrase_alternatives
from claimdiff.models import Bound, DurationValue
from claimdiff.normalise.numbers import NumberMatch, find_numbers, interval_for, parse_number
from claimdiff.normalise.timelex import durations, unit_index


@dataclass(frozen=True, slots=True)
class DurationMention:
    """A length of time written in text; offsets are relative to that text.

    ``start`` includes the hedge; ``low``/``high`` are seconds; ``seconds`` is the length
    as written, before rounding and hedges (0 for vague lengths). ``age`` marks
    "N-year-old", ``compound`` "a 90-minute meeting", ``vague`` a bare plural ("hours").
    """

    start: int
    end: int
    low: Bound
    high: Bound
    hedge: str | None
    unit: str
    surface: str
    seconds: float = 0.0
    age: bool = False
    compound: bool = False
    vague: bool = False


@cache
def _unit_alternatives() -> str:
    return "|".join(sorted((re.escape(w) for w in unit_index()), key=len, reverse=True))


@cache
def _after_number() -> re.Pattern[str]:
    units = _unit_alternatives()
    return re.compile(
        rf"^(?P<sep>\s+|-)(?P<unit>{units})\b(?P<old>-old\b|\s+old\b)?(?P<hyphen>-(?=[a-z]))?",
        re.IGNORECASE,
    )


@cache
def _article_pattern() -> re.Pattern[str]:
    units = _unit_alternatives()
    return re.compile(
        rf"\b(?P<half>half\s+)?(?P<article>an?)\s+(?P<unit>{units})\b"
        r"(?P<andhalf>\s+and\s+a\s+half\b)?",
        re.IGNORECASE,
    )


@cache
def _vague_pattern() -> re.Pattern[str]:
    alternatives = phrase_alternatives(durations().vague)
    return re.compile(rf"(?<![\w-])(?:{alternatives})\b", re.IGNORECASE)


@cache
def _hedge_before() -> re.Pattern[str]:
    alternatives = phrase_alternatives(hedges().phrases)
    return re.compile(rf"(?<![\w])(?:{alternatives})\s+$", re.IGNORECASE)


_MORE = re.compile(r"^\s*(?:,\s*|and\s+)?")
_AND_HALF = re.compile(r"^\s+and\s+a\s+half\b", re.IGNORECASE)
# "90 kilometres an hour", "$4 a month", "twice a week": a rate, not a length.
_RATE_BEFORE = re.compile(r"(?:\d\S*|\bper|\btimes|\bonce|\btwice)(?:\s+[a-z]+)?\s*$", re.I)


def _seconds(unit: str) -> float:
    return float(durations().units[unit].seconds)


def plain_interval(value: float, unit: str, *, half: bool = False) -> tuple[Bound, Bound]:
    """Return the interval in seconds of an unhedged ``value`` written in ``unit``."""
    below, above = durations().units[unit].slack
    step = _seconds(unit) * (0.5 if half else 1.0)
    total = value * _seconds(unit)
    low = Bound(value=max(0.0, total - below * step))
    high = Bound(value=total + above * step, inclusive=above == 0)
    return low, high


def hedged_interval(value: float, unit: str, hedge: str | None) -> tuple[Bound, Bound]:
    """Return the interval in seconds of ``value`` units with the hedge written before it."""
    rule: HedgeRule | None = hedges().phrases.get(hedge) if hedge else None
    if rule is None:
        return plain_interval(value, unit, half=not float(value).is_integer())
    low, high = interval_for(value, rule)
    scale = _seconds(unit)
    return (
        Bound(value=None if low.value is None else low.value * scale, inclusive=low.inclusive),
        Bound(value=None if high.value is None else high.value * scale, inclusive=high.inclusive),
    )


def find_durations(text: str) -> list[DurationMention]:
    """Find every written length of time in ``text`` (numbers, articles, vague plurals)."""
    found: list[DurationMention] = []
    for number in find_numbers(text):
        if any(m.start <= number.start < m.end for m in found):
            continue  # the "45 minutes" of "2 hours 45 minutes"
        mention = _numbered(text, _split_range(number))
        if mention is not None:
            found.append(mention)
    for match in _article_pattern().finditer(text):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        if _RATE_BEFORE.search(text[max(0, match.start() - 25) : match.start()]):
            continue
        unit = unit_index()[match.group("unit").lower()]
        value = 0.5 if match.group("half") else 1.0
        value += 0.5 if match.group("andhalf") else 0.0
        found.append(_mention(text, match.start(), match.end(), value, unit))
    for match in _vague_pattern().finditer(text):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        phrase = re.sub(r"\s+", " ", match.group(0).lower())
        unit, low, high = durations().vague[phrase]
        scale = _seconds(unit)
        found.append(
            DurationMention(
                start=match.start(),
                end=match.end(),
                low=Bound(value=low * scale),
                high=Bound(value=high * scale, inclusive=False),
                hedge=phrase,
                unit=unit,
                surface=match.group(0),
                vague=True,
            )
        )
    found.sort(key=lambda m: (m.start, m.end))
    return found


def _split_range(number: NumberMatch) -> NumberMatch:
    """Read "two and three" (a range after "between") as 2 to 3, not as 5."""
    parts = re.split(r"\s+and\s+", number.surface)
    if len(parts) != 2 or number.vague is not None or parts[1].lower().startswith("a "):
        return number
    low, high = parse_number(parts[0]), parse_number(parts[1])
    if low is None or high is None or not 0 < low < high < 20:
        return number
    return replace(number, value=low, vague=(low, high), closed=True)


def _numbered(text: str, number: NumberMatch) -> DurationMention | None:
    """Return the duration a number starts ("three hours", "2 hours 45 minutes"), if any."""
    if number.vague is not None and not number.closed:
        return None  # "dozens of hours" is not a length anyone checks
    match = _after_number().match(text[number.end :])
    if match is None:
        return None
    unit = unit_index()[match.group("unit").lower()]
    end = number.end + match.end()
    age = match.group("old") is not None
    compound = match.group("hyphen") is not None or (match.group("sep") == "-" and not age)
    if number.closed and number.vague is not None:
        low_value, high_value = number.vague
        scale = _seconds(unit)
        return DurationMention(
            start=number.hedge_start,
            end=end,
            low=Bound(value=low_value * scale),
            high=plain_interval(high_value, unit)[1],
            hedge=None,
            unit=unit,
            surface=text[number.hedge_start : end],
            seconds=high_value * scale,
            compound=compound,
        )
    value = number.value * _seconds(unit)
    smallest = unit
    half = not float(number.value).is_integer()
    if not age and not compound:
        if (tail := _AND_HALF.match(text[end:])) is not None:
            value += 0.5 * _seconds(unit)
            end += tail.end()
            half = True
        value, smallest, end = _composite(text, end, value, smallest)
    amount = value / _seconds(smallest)
    if number.hedge is None:
        low, high = plain_interval(amount, smallest, half=half)
    else:
        low, high = hedged_interval(amount, smallest, number.hedge)
    return DurationMention(
        start=number.hedge_start,
        end=end,
        low=low,
        high=high,
        hedge=number.hedge,
        unit=smallest,
        surface=text[number.hedge_start : end],
        seconds=value,
        age=age,
        compound=compound,
    )


def _composite(text: str, end: int, value: float, unit: str) -> tuple[float, str, int]:
    """Add the smaller units that follow: "2 hours 45 minutes", "one hour and 20 minutes"."""
    while True:
        joint = _MORE.match(text[end:])
        rest_start = end + (joint.end() if joint else 0)
        following = [n for n in find_numbers(text[rest_start : rest_start + 40]) if n.start == 0]
        if not following or following[0].hedge is not None:
            return value, unit, end
        number = following[0]
        match = _after_number().match(text[rest_start + number.end :])
        if match is None or match.group("old") or match.group("sep") == "-":
            return value, unit, end
        smaller = unit_index()[match.group("unit").lower()]
        if _seconds(smaller) >= _seconds(unit):
            return value, unit, end
        value += number.value * _seconds(smaller)
        unit = smaller
        end = rest_start + number.end + match.end()


def _mention(text: str, start: int, end: int, value: float, unit: str) -> DurationMention:
    hedge_match = _hedge_before().search(text, max(0, start - 30), start)
    hedge = None
    if hedge_match is not None:
        hedge = re.sub(r"\s+", " ", hedge_match.group(0).strip().lower())
        start = hedge_match.start()
    low, high = hedged_interval(value, unit, hedge)
    return DurationMention(
        start=start,
        end=end,
        low=low,
        high=high,
        hedge=hedge,
        unit=unit,
        surface=text[start:end],
        seconds=value * _seconds(unit),
    )


def to_duration_value(mention: DurationMention, *, surface: str) -> DurationValue:
    """Return the claim value of a found duration (``surface`` as the document has it)."""
    return DurationValue(
        low=mention.low, high=mention.high, hedge=mention.hedge, unit=mention.unit, surface=surface
    )
