"""Date conflicts: outlets give days for one happening that cannot be the same day."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from claimdiff.compare.moments import MomentComparator
from claimdiff.compare.timing import CLOCK, distance, side_label
from claimdiff.models import FindingKind, TimeValue


class DateComparator(MomentComparator):
    """Same happening at the same event, days (or weeks, months) that cannot overlap.

    Contradiction: "the summit was held on Thursday" vs "the summit on Wednesday".
    Consistent:    "Trump met Putin in Alaska last month" vs "nearly three weeks after
                   Trump met Putin in Alaska"; "30 July" (local) vs "29 July, 2304 GMT".
    """

    name: ClassVar[str] = "date"
    kind: ClassVar[FindingKind] = FindingKind.DATE_CONFLICT
    noun: ClassVar[str] = "date"

    def judges(self, left: TimeValue, right: TimeValue) -> bool:
        """Dated values of which at least one is a whole day or longer."""
        both_dated = left.dated and right.dated
        return both_dated and not (left.granularity in CLOCK and right.granularity in CLOCK)

    def explain_pair(self, left: TimeValue, right: TimeValue) -> str:
        """Return e.g. "Thursday (2025-09-04) vs Wednesday (2025-09-03), 1 day apart"."""
        days = distance(left, right).days
        apart = f"{days} day{'s' if days != 1 else ''} apart" if days else "less than a day apart"
        return f"{side_label(left)} vs {side_label(right)}, {apart}"

    def explain(self, what: str, described: str, values: Sequence[TimeValue]) -> str:
        """Return the finding's sentence with what to check."""
        notes = []
        relative = sorted({f"'{v.surface}'" for v in values if v.relative})
        if relative:
            notes.append(
                f"{', '.join(relative)} {'was' if len(relative) == 1 else 'were'} read from "
                "the publication date, so check the article dates first"
            )
        if any(v.offset_minutes is not None for v in values):
            notes.append("time zones were taken into account")
        note = f" ({'; '.join(notes)})" if notes else ""
        return (
            f"Outlets give dates for {what} that cannot be the same day: {described}{note}. "
            "Check which day the original sources give."
        )
