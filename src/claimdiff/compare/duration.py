"""Duration conflicts: how long one happening lasted (or has gone on), read two ways."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import ClassVar

from claimdiff.align.blocking import ClaimGroup
from claimdiff.compare.base import Comparison, Verdict, event_label
from claimdiff.compare.timing import (
    WhenKey,
    clashing_sides,
    describe_sides,
    duration_of,
    make_sides,
    when_key,
)
from claimdiff.findings import Context, make_finding
from claimdiff.models import (
    Bound,
    Claim,
    ClaimKind,
    DurationValue,
    Finding,
    FindingKind,
    Severity,
    Side,
)

# Units for reading an interval of seconds back to people, largest first.
_READABLE = (
    ("years", 31556952.0),
    ("months", 2629746.0),
    ("weeks", 604800.0),
    ("days", 86400.0),
    ("hours", 3600.0),
    ("minutes", 60.0),
    ("seconds", 1.0),
)


def measure_phrase(subject: str, measure: str) -> str:
    """Return what a duration measures: "how long the meeting lasted"."""
    if measure == "length":
        return f"how long the {subject} lasted"
    if measure == "term":
        return f"the length of the {subject}"  # "the prison sentence given to Smith"
    if measure == "since":
        return f"how long the {subject} has gone on"
    relation, _, other = measure.partition(" ")
    return f"how long {relation} the {other} the {subject} came"


def readable(value: DurationValue) -> str:
    """Return the interval in one unit people read: "2 to 3 hours", "more than 3.5 years"."""
    finite = [b.value for b in (value.low, value.high) if b.value]
    scale = max(finite, default=1.0)
    name, size = next(((n, s) for n, s in _READABLE if scale >= s), _READABLE[-1])

    def fmt(bound: Bound) -> str:
        return f"{(bound.value or 0.0) / size:.3g}"

    if value.high.value is None:
        return f"more than {fmt(value.low)} {name}"
    if not value.low.value:
        return f"up to {fmt(value.high)} {name}"
    return f"{fmt(value.low)} to {fmt(value.high)} {name}"


def _label(value: DurationValue) -> str:
    return f"{value.surface} ({readable(value)})"


class DurationComparator:
    """Same happening, same measure (length, time since, gap) and event; lengths apart.

    Contradiction: "talks lasted nearly three hours" vs "talks lasted 90 minutes".
    Consistent:    "an hour and a half" vs "90 minutes"; "a three-year-old conflict" vs
                   "more than three and a half years" (3 to 4 years overlaps over 3.5).
    """

    name: ClassVar[str] = "duration"
    kind: ClassVar[FindingKind] = FindingKind.DURATION_CONFLICT
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.DURATION})

    def block(self, claim: Claim) -> Hashable | None:
        """Durations meet when event, happening class and measure agree."""
        return when_key(claim, ClaimKind.DURATION)

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return the verdict on two duration claims."""
        key = self.block(left)
        if key is None or key != self.block(right):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different measures")
        a, b = duration_of(left), duration_of(right)
        if a.overlaps(b):
            return Comparison(
                verdict=Verdict.CONSISTENT,
                explanation=f"{_label(a)} and {_label(b)} overlap",
            )
        return Comparison(verdict=Verdict.CONTRADICTION, explanation=f"{_label(a)} vs {_label(b)}")

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return one finding when the group's lengths cannot all be true."""
        if not isinstance(group.key, WhenKey):
            return []
        key = group.key
        chosen = clashing_sides(
            group.claims,
            label=lambda c: duration_of(c).normalised(),
            clash=lambda a, b: not duration_of(a).overlaps(duration_of(b)),
            agree=lambda a, b: duration_of(a).overlaps(duration_of(b)),
        )
        if not chosen:
            return []
        chosen.sort(key=lambda cs: min(duration_of(c).low.value or 0.0 for c in cs))
        sides = make_sides(
            chosen,
            label=lambda c: _label(duration_of(c)),
            value=duration_of,
            measure=key.measure,
            context=context,
        )
        return [
            make_finding(
                self.kind,
                sides=sides,
                severity=Severity.MEDIUM,
                confidence=0.75,
                topic=f"{measure_phrase(key.subject, key.measure)} "
                f"({event_label(key.event, context)})",
                event=key.event,
                explanation=_explain(key, sides, [duration_of(c) for cs in chosen for c in cs]),
                context=context,
            )
        ]


def _explain(key: WhenKey, sides: Sequence[Side], values: Sequence[DurationValue]) -> str:
    anchors = sorted({v.anchor.isoformat() for v in values if v.anchor is not None})
    note = f"; measured from {', '.join(anchors)}" if anchors else ""
    return (
        f"Outlets disagree on {measure_phrase(key.subject, key.measure)}: "
        f"{describe_sides(sides)}{note}. These lengths cannot all be true, even allowing for "
        "rounding and hedges; check the figure in the original sources."
    )
