"""Numbers in text: find number expressions, read their value, turn hedges into intervals.

"Twenty-six" -> 26; "over two dozen" -> (24, inf); "nearly 30" -> [27, 30);
"around 30" -> [25.5, 34.5]; "dozens of" -> [24, 100).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimdiff.lexicon import HedgeRule, hedges, number_words, phrase_alternatives
from claimdiff.models import Bound, Quantity

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@cache
def _number_pattern() -> re.Pattern[str]:
    words = number_words()
    vocab = sorted({*words.units, *words.multipliers}, key=len, reverse=True)
    word = "(?:" + "|".join(vocab) + ")"
    first = "(?:" + "|".join(sorted(words.units, key=len, reverse=True)) + ")"
    half = r"and\s+a\s+half"
    scale = r"(?:dozen|hundred|thousand|million|billion)"
    word_seq = rf"{first}(?:(?:-|\s+)(?:and\s+)?(?:{half}|{word}))*"
    digits = rf"(?:{_DIGITS})(?:\s+(?:{half}|{scale}))*"
    article = rf"an?\s+(?:{scale})(?:\s+{half})?"
    expr = rf"(?<![\w$€£¥.,])(?<![A-Za-z]-)(?:{digits}|{article}|{word_seq})(?![\w%])"
    return re.compile(expr, re.IGNORECASE)


@cache
def _hedge_pattern() -> re.Pattern[str]:
    lexicon = hedges()
    alternatives = phrase_alternatives({*lexicon.phrases, *lexicon.vague})
    return re.compile(rf"(?<![\w])(?:{alternatives})\s+$", re.IGNORECASE)


@cache
def _vague_pattern() -> re.Pattern[str]:
    alternatives = phrase_alternatives(hedges().vague)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?=\s)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number expression found in text: offsets are relative to that text."""

    start: int
    end: int
    value: float
    hedge: str | None
    hedge_start: int
    surface: str
    vague: tuple[float, float] | None = None
    closed: bool = False  # a written range ("20 to 30") includes its upper end


def parse_number(text: str) -> float | None:
    """Return the value of a number expression ("Twenty-six", "1,200", "two dozen")."""
    cleaned = text.strip().lower()
    if re.fullmatch(_DIGITS, cleaned):
        return float(cleaned.replace(",", ""))
    words = number_words()
    tokens = re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", cleaned)
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for index, token in enumerate(tokens):
        if token[0].isdigit():
            current += float(token.replace(",", ""))
            seen = True
        elif token in words.units:
            current += words.units[token]
            seen = True
        elif token in ("a", "an"):
            nxt = tokens[index + 1] if index + 1 < len(tokens) else ""
            if nxt == "half":
                continue
            if nxt not in words.multipliers:
                return None
            current = max(current, 1.0) if not seen else current
        elif token == "and":
            continue
        elif token == "half":
            current += 0.5
            seen = True
        elif token == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif token == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif token in words.multipliers:
            total += (current or 1.0) * words.multipliers[token]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def find_numbers(text: str) -> list[NumberMatch]:
    """Find every number expression in ``text`` with the hedge written before it."""
    found: list[NumberMatch] = []
    for match in _vague_pattern().finditer(text):
        phrase = re.sub(r"\s+", " ", match.group(0).lower())
        low, high = hedges().vague[phrase]
        found.append(
            NumberMatch(
                start=match.start(),
                end=match.end(),
                value=low,
                hedge=phrase,
                hedge_start=match.start(),
                surface=match.group(0),
                vague=(low, high),
            )
        )
    for match in _number_pattern().finditer(text):
        value = parse_number(match.group(0))
        if value is None:
            continue
        hedge_match = _hedge_pattern().search(text, max(0, match.start() - 40), match.start())
        hedge = None
        hedge_start = match.start()
        if hedge_match is not None:
            hedge = re.sub(r"\s+", " ", hedge_match.group(0).strip().lower())
            hedge_start = hedge_match.start()
            if hedge in hedges().vague:
                # "dozens of 30" is not a thing; a vague phrase never hedges a number.
                hedge, hedge_start = None, match.start()
        found.append(
            NumberMatch(
                start=match.start(),
                end=match.end(),
                value=value,
                hedge=hedge,
                hedge_start=hedge_start,
                surface=match.group(0),
            )
        )
    found.sort(key=lambda m: (m.start, m.end))
    return _merge_ranges(text, found)


_RANGE_JOIN = re.compile(r"^\s*(?:to|-|–|or)\s*$|^\s*and\s*$")
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)


def _merge_ranges(text: str, found: list[NumberMatch]) -> list[NumberMatch]:
    """Join "between 20 and 30", "20 to 30", "20-30" into one ranged match."""
    merged: list[NumberMatch] = []
    index = 0
    while index < len(found):
        left = found[index]
        right = found[index + 1] if index + 1 < len(found) else None
        if right is not None and left.vague is None and right.vague is None:
            joint = text[left.end : right.start]
            needs_between = joint.strip() == "and"
            between = _BETWEEN.search(text, max(0, left.start - 12), left.start)
            if (
                _RANGE_JOIN.match(joint)
                and (between is not None or not needs_between)
                and left.value < right.value
            ):
                start = between.start() if between is not None else left.hedge_start
                merged.append(
                    NumberMatch(
                        start=left.start,
                        end=right.end,
                        value=left.value,
                        hedge=None,
                        hedge_start=start,
                        surface=text[left.start : right.end],
                        vague=(left.value, right.value),
                        closed=True,
                    )
                )
                index += 2
                continue
        merged.append(left)
        index += 1
    return merged


def approx_band(value: float) -> float:
    """Return the half-width of "about ``value``": rounder numbers get wider bands."""
    bands = hedges().approx
    fraction = bands.default
    if float(value).is_integer() and value != 0:
        for multiple, row_fraction in bands.rows:
            if int(value) % multiple == 0:
                fraction = row_fraction
                break
    return max(bands.min_abs, abs(value) * fraction)


def to_quantity(number: NumberMatch) -> Quantity:
    """Turn a found number and its hedge into an interval."""
    if number.vague is not None:
        first, last = number.vague
        return Quantity(
            anchor=first,
            low=Bound(value=first),
            high=Bound(value=last, inclusive=number.closed),
            hedge=number.hedge,
            surface=number.surface,
        )
    rule: HedgeRule | None = hedges().phrases.get(number.hedge) if number.hedge else None
    low, high = interval_for(number.value, rule)
    return Quantity(
        anchor=number.value, low=low, high=high, hedge=number.hedge, surface=number.surface
    )


def interval_for(value: float, rule: HedgeRule | None) -> tuple[Bound, Bound]:
    """Return the (low, high) bounds a hedge rule gives a written number."""
    near = max(1.0, value * hedges().near_below_fraction)
    match rule:
        case None:
            return Bound(value=value), Bound(value=value)
        case "above":
            return Bound(value=value, inclusive=False), Bound(value=None)
        case "at_least":
            return Bound(value=value), Bound(value=None)
        case "below":
            return Bound(value=0.0), Bound(value=value, inclusive=False)
        case "at_most":
            return Bound(value=0.0), Bound(value=value)
        case "near_below":
            return Bound(value=max(0.0, value - near)), Bound(value=value, inclusive=False)
        case "near_above":
            return Bound(value=value, inclusive=False), Bound(value=value + near)
        case "approx":
            band = approx_band(value)
            return Bound(value=max(0.0, value - band)), Bound(value=value + band)
