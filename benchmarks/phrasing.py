"""Number phrases a newspaper writes, each true of a given figure.

``number_phrase(243, "nearly")`` -> ("nearly 250", interval); the generator uses the
interval to plant figures that are compatible (all true of one count) or disjoint.
"""

from __future__ import annotations

import math

CONFLICT_FORMS = ("exact", "at_least", "more_than", "nearly", "about")
"""Forms with a lower bound near the figure: a planted low figure clashes with all."""
FORMS = (*CONFLICT_FORMS, "some", "up_to", "dozens")
"""Every form an outlet may use for a figure nobody disputes."""

_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(value: int) -> str:
    """Return a number in words below 100, else with digits and thousands commas."""
    if value < 20:
        return _NUMBER_WORDS[value]
    if value < 100:
        tens, unit = divmod(value, 10)
        return _TENS[tens] + (f"-{_NUMBER_WORDS[unit]}" if unit else "")
    return f"{value:,}"


def figure(value: int) -> str:
    """Return a number as a newspaper writes it: words below ten, digits above."""
    return spell(value) if value < 10 else f"{value:,}"


def _nice_below(value: int, *, strict: bool) -> int:
    for step in (1000, 500, 100, 50, 10, 5):
        candidate = (value - 1 if strict else value) // step * step
        if candidate >= 0.75 * value and candidate > 0:
            return candidate
    return value - 1 if strict else value


def _nice_above(value: int) -> int:
    for step in (1000, 500, 100, 50, 10, 5):
        candidate = -(-(value + 1) // step) * step
        if candidate - max(1.0, 0.1 * candidate) <= value:
            return candidate
    return value + 1


def _round_near(value: int) -> int:
    for step in (1000, 100, 10, 5):
        candidate = round(value / step) * step
        if candidate > 0 and abs(candidate - value) <= 0.05 * candidate:
            return candidate
    return value


def number_phrase(value: int, form: str) -> tuple[str, tuple[float, float]]:
    """Return a hedged phrase true of ``value`` and the interval it stands for."""
    if form == "at_least":
        anchor = _nice_below(value, strict=False)
        return f"at least {figure(anchor)}", (anchor, math.inf)
    if form == "more_than":
        anchor = _nice_below(value, strict=True)
        return f"more than {figure(anchor)}", (anchor + 0.5, math.inf)
    if form == "nearly":
        anchor = _nice_above(value)
        return f"nearly {figure(anchor)}", (anchor - max(1.0, 0.1 * anchor), anchor - 0.5)
    if form in ("about", "some"):
        anchor = _round_near(value)
        band = max(1.0, 0.05 * anchor)
        return f"{form} {figure(anchor)}", (anchor - band, anchor + band)
    if form == "up_to":
        anchor = _nice_above(value)
        return f"up to {figure(anchor)}", (0, anchor)
    if form == "dozens" and 24 <= value < 100:
        return "dozens of", (24, 100)
    return figure(value), (value, value)
