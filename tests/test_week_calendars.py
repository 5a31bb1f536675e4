"""Weeks read from a Sunday: the week it ends (Monday to Sunday) or the one it begins."""

from __future__ import annotations

from datetime import date

import pytest

from claimdiff.models import FindingKind
from claimdiff.normalise.dates import calendar_range, find_dates
from claimdiff.pipeline import run as check_documents
from claimdiff.testing import make_document

SUNDAY = date(2026, 4, 12)
MONDAY = date(2026, 4, 13)


@pytest.mark.parametrize(
    ("day", "step", "first", "last"),
    [
        # From a Sunday: both calendars' weeks.
        (SUNDAY, 0, date(2026, 4, 6), date(2026, 4, 18)),
        (SUNDAY, 1, date(2026, 4, 13), date(2026, 4, 25)),
        (SUNDAY, -1, date(2026, 3, 30), date(2026, 4, 11)),
        # Any other day: Monday to Sunday, as both calendars name that week.
        (MONDAY, 0, date(2026, 4, 13), date(2026, 4, 19)),
        (date(2026, 4, 11), 0, date(2026, 4, 6), date(2026, 4, 12)),
        (date(2026, 4, 8), 1, date(2026, 4, 13), date(2026, 4, 19)),
    ],
)
def test_week_from_a_sunday_is_the_week_it_ends_or_begins(
    day: date, step: int, first: date, last: date
) -> None:
    assert calendar_range(day, "week", step) == (first, last)


def test_weekend_and_earlier_this_week_from_a_sunday_are_unchanged() -> None:
    assert calendar_range(SUNDAY, "weekend", 0) == (date(2026, 4, 11), SUNDAY)
    (earlier,) = find_dates("The talks began earlier this week.", published=SUNDAY)
    assert (earlier.first, earlier.last) == (date(2026, 4, 6), SUNDAY)


def _ferry(doc_id: str, published: date, when: str) -> list[str]:
    return [
        doc_id,
        "VELMAR, Ostria — The ferry service between Velmar and Kessport was suspended on "
        "Saturday after a storm damaged the pier in Velmar, the port authority said. "
        f"The ferry Kestrel left Velmar for repairs {when}, the operator said.",
        published.isoformat(),
    ]


@pytest.mark.parametrize(
    ("sunday_says", "monday_says", "conflict"),
    [
        # Sunday's "this week" may be the days after it.
        ("this week", "this week", False),
        # Sunday's "last week" ends on Saturday 11 April in either calendar.
        ("last week", "this week", True),
    ],
)
def test_weeks_written_on_sunday_and_on_monday(
    sunday_says: str, monday_says: str, conflict: bool
) -> None:
    documents = [
        make_document(d, text, published=date.fromisoformat(day))
        for d, text, day in (
            _ferry("sunday", SUNDAY, sunday_says),
            _ferry("monday", MONDAY, monday_says),
        )
    ]
    report = check_documents(documents)
    dates = [f for f in report.findings if f.kind is FindingKind.DATE_CONFLICT]
    assert bool(dates) is conflict
