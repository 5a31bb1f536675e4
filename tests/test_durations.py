"""Durations and timeframes: written lengths as intervals, and their interval logic."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff.extract.timeframe import find_timeframes
from claimdiff.lexicon import hedges
from claimdiff.models import ClaimKind, DurationValue, FindingKind, Report
from claimdiff.normalise.durations import find_durations, hedged_interval, plain_interval
from claimdiff.normalise.timelex import durations
from claimdiff.pipeline import run as check_documents
from claimdiff.testing import make_document

UNITS = sorted(durations().units)
RULED = sorted(p for p, rule in hedges().phrases.items() if rule)
HOUR = 3600.0
YEAR = float(durations().units["year"].seconds)


def _value(amount: float, unit: str, hedge: str | None) -> DurationValue:
    low, high = hedged_interval(amount, unit, hedge)
    return DurationValue(low=low, high=high, hedge=hedge, unit=unit, surface="x")


amounts = st.integers(min_value=1, max_value=500).map(float)
units = st.sampled_from(UNITS)
hedge_phrases = st.one_of(st.none(), st.sampled_from(RULED))


@given(amounts, units, hedge_phrases, amounts, units, hedge_phrases)
def test_durations_overlap_is_symmetric(
    a: float, ua: str, ha: str | None, b: float, ub: str, hb: str | None
) -> None:
    left, right = _value(a, ua, ha), _value(b, ub, hb)
    assert left.overlaps(right) == right.overlaps(left)


@given(amounts, units, hedge_phrases)
def test_durations_value_is_compatible_with_itself(
    amount: float, unit: str, hedge: str | None
) -> None:
    value = _value(amount, unit, hedge)
    assert value.overlaps(value)


@given(
    amounts,
    units,
    st.sampled_from([p for p in RULED if hedges().phrases[p] in ("approx", "at_least", "at_most")]),
)
def test_durations_inclusive_hedges_contain_their_anchor(
    amount: float, unit: str, hedge: str
) -> None:
    written = _value(amount, unit, hedge)
    seconds = amount * durations().units[unit].seconds
    assert written.low.value is not None and written.low.value <= seconds
    assert written.high.value is None or seconds <= written.high.value


@given(
    amounts, units, st.sampled_from([p for p in RULED if hedges().phrases[p] in ("above", "below")])
)
def test_durations_strict_hedges_exclude_their_anchor(amount: float, unit: str, hedge: str) -> None:
    # "more than three hours" is not three hours exactly.
    seconds = amount * durations().units[unit].seconds
    value = _value(amount, unit, hedge)
    point = DurationValue(
        low=plain_interval(amount, unit)[0].model_copy(update={"value": seconds}),
        high=plain_interval(amount, unit)[0].model_copy(update={"value": seconds}),
        unit=unit,
        surface="x",
    )
    assert not value.overlaps(point)


@given(amounts, units)
def test_durations_plain_count_contains_the_written_length(amount: float, unit: str) -> None:
    low, high = plain_interval(amount, unit)
    seconds = amount * durations().units[unit].seconds
    assert low.value is not None and high.value is not None
    assert low.value <= seconds <= high.value


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("talks lasted nearly three hours", "nearly three hours", 2 * HOUR, 3 * HOUR),
        ("2 hours 45 minutes", "2 hours 45 minutes", 164.5 * 60, 166 * 60),
        ("a three-year-old conflict", "three-year-old", 3 * YEAR, 4 * YEAR),
        ("an hour and a half", "an hour and a half", 1.375 * HOUR, 1.75 * HOUR),
        ("half an hour", "half an hour", 0.375 * HOUR, 0.75 * HOUR),
        ("between two and three hours", "two and three hours", 2 * HOUR, 3.5 * HOUR),
        ("more than three and a half years", "more than three and a half years", 3.5 * YEAR, None),
    ],
)
def test_durations_found_as_intervals(
    text: str, surface: str, low: float, high: float | None
) -> None:
    (mention,) = find_durations(text)
    assert mention.surface == surface
    assert mention.low.value == pytest.approx(low)
    assert (mention.high.value is None and high is None) or mention.high.value == pytest.approx(
        high
    )


@pytest.mark.parametrize(
    "text", ["winds of 90 kilometres an hour", "less than $4 a month", "in 2019, 1,200 workers"]
)
def test_durations_rates_and_counts_are_not_lengths(text: str) -> None:
    assert find_durations(text) == []


def test_durations_ninety_minutes_is_an_hour_and_a_half_not_two_hours() -> None:
    def value(text: str) -> DurationValue:
        (mention,) = find_durations(text)
        return DurationValue(low=mention.low, high=mention.high, unit=mention.unit, surface=text)

    ninety = value("90 minutes")
    assert ninety.overlaps(value("an hour and a half"))
    assert not ninety.overlaps(value("two hours"))


def test_durations_coming_days_and_coming_weeks_do_not_overlap() -> None:
    published = date(2026, 5, 14)
    (days,) = find_timeframes("It will be signed in the coming days.", published)
    (weeks,) = find_timeframes("It will be signed in the coming weeks.", published)
    (month,) = find_timeframes("It will be signed by the end of the month.", published)
    assert days.last <= weeks.first
    assert days.first < month.last and month.first < days.last
    assert weeks.first < month.last


def _apart(report: Report, left: str, right: str) -> bool:
    """Return True when some finding shows ``left`` and ``right`` on different sides."""
    for finding in report.findings:
        sides = [{e.text for e in side.evidence} for side in finding.sides]
        for i, a in enumerate(sides):
            for b in sides[i + 1 :]:
                if (left in a and right in b) or (right in a and left in b):
                    return True
    return False


@pytest.fixture(scope="module")
def strike() -> Report:
    wednesday, thursday = date(2026, 5, 13), date(2026, 5, 14)
    return check_documents(
        [
            make_document(
                "a",
                "PORT HALVER, Estmark — Dock workers at Port Halver will strike for 48 hours "
                "from Friday, the dockers' union said on Wednesday. The port authority said "
                "ships would be diverted.",
                published=wednesday,
            ),
            make_document(
                "b",
                "PORT HALVER, Estmark — Dock workers in Port Halver will stage a 24-hour "
                "strike from Friday in a dispute over pay, union officials said. The port "
                "authority said ships would be diverted.",
                published=wednesday,
            ),
            make_document(
                "c",
                "PORT HALVER, Estmark — Port Halver's dockers will hold a two-day strike from "
                "Friday, the union confirmed on Thursday. The port authority said it "
                "regretted the decision.",
                published=thursday,
            ),
        ]
    )


def test_durations_strike_for_48_hours_versus_24_hour_strike_is_flagged(strike: Report) -> None:
    (finding,) = [f for f in strike.findings if f.kind is FindingKind.DURATION_CONFLICT]
    assert finding.topic.startswith("how long the strike lasted")
    assert _apart(strike, "48 hours", "24-hour")


def test_durations_strike_for_48_hours_is_a_two_day_strike(strike: Report) -> None:
    assert not _apart(strike, "48 hours", "two-day")


def test_durations_strike_start_read_forward_agrees(strike: Report) -> None:
    # "will stage a strike from Friday" and "will hold a strike from Friday" are the
    # coming Friday in both articles, not the one before the Wednesday preview.
    starts = {
        c.value.label(): c.value.normalised()
        for c in strike.claims
        if c.kind is ClaimKind.TIME and c.subject == "strike"
    }
    assert starts and set(starts.values()) == {"2026-05-15"}
    assert not [f for f in strike.findings if f.kind is FindingKind.DATE_CONFLICT]


def test_durations_outlet_giving_both_lengths_sets_no_side_against_another() -> None:
    # One article tells of two strikes (nurses, junior doctors); another names one of them
    # with the same length: nobody disagrees.
    monday = date(2026, 5, 12)
    both = make_document(
        "a",
        "ARDELL, Estmark — Nurses at Ardell General Hospital struck for 24 hours on Monday. "
        "Junior doctors at the hospital walked out for three days on Monday.",
        published=monday,
    )
    one = make_document(
        "b",
        "ARDELL, Estmark — Nurses at Ardell General Hospital staged a 24-hour strike on "
        "Monday over staffing levels.",
        published=monday,
    )
    report = check_documents([both, one])
    lengths = sorted(c.value.label() for c in report.claims if c.kind is ClaimKind.DURATION)
    assert lengths == ["24 hours", "24-hour", "three days"]
    assert not [f for f in report.findings if f.kind is FindingKind.DURATION_CONFLICT]
