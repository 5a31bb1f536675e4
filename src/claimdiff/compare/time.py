"""Time conflicts: outlets give clock times for one happening that cannot be one moment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import ClassVar

from claimdiff.compare.moments import MomentComparator
from claimdiff.compare.timing import CLOCK, distance, side_label
from claimdiff.models import FindingKind, TimeValue


def _minutes(gap: timedelta) -> str:
    minutes = int(gap.total_seconds() // 60)
    if minutes >= 120:
        return f"about {minutes // 60} hours"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


class TimeComparator(MomentComparator):
    """Same happening at the same event, clock times too far apart to be one moment.

    Contradiction: "the quake struck at 3:40 am" vs "the quake struck at 4:40 am".
    Consistent:    "the crash happened at 13:38" vs "the plane crashed at 1:39 PM";
                   "8:24 a.m. (2304 GMT)" vs "at 23:04 GMT" (one moment, two zones).
    """

    name: ClassVar[str] = "time"
    kind: ClassVar[FindingKind] = FindingKind.TIME_CONFLICT
    noun: ClassVar[str] = "time"

    def judges(self, left: TimeValue, right: TimeValue) -> bool:
        """Pairs of clock times (dated or not)."""
        return left.granularity in CLOCK and right.granularity in CLOCK

    def explain_pair(self, left: TimeValue, right: TimeValue) -> str:
        """Return e.g. "3:40 am (...) vs 4:40 am (...), at least 60 minutes apart"."""
        gap = _minutes(distance(left, right))
        return f"{side_label(left)} vs {side_label(right)}, at least {gap} apart"

    def explain(self, what: str, described: str, values: Sequence[TimeValue]) -> str:
        """Return the finding's sentence with what to check."""
        zones = sorted({v.timezone for v in values if v.timezone})
        note = (
            f" (zones as written: {', '.join(zones)}; converted before comparing)"
            if any(v.offset_minutes is not None for v in values)
            else ""
        )
        gaps = [distance(a, b) for i, a in enumerate(values) for b in values[i + 1 :]]
        return (
            f"Outlets give times for {what} that cannot be the same moment, at least "
            f"{_minutes(max(gaps))} apart: {described}{note}. Check the time and the time "
            "zone the original sources give."
        )
