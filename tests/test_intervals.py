"""Interval logic: properties that must hold for every number and hedge."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimdiff.lexicon import hedges
from claimdiff.models import Bound, Quantity
from claimdiff.normalise.numbers import interval_for

RULES = sorted(set(hedges().phrases.values()))
values = st.integers(min_value=1, max_value=10_000_000).map(float)
rules = st.sampled_from([None, *RULES])


def quantity(value: float, rule: str | None) -> Quantity:
    low, high = interval_for(value, rule)  # type: ignore[arg-type]
    return Quantity(anchor=value, low=low, high=high, hedge=rule, surface=str(value))


@given(values, rules, values, rules)
def test_intervals_overlap_is_symmetric(a: float, ra: str | None, b: float, rb: str | None) -> None:
    left, right = quantity(a, ra), quantity(b, rb)
    assert left.overlaps(right) == right.overlaps(left)


@given(values, rules)
def test_intervals_value_is_compatible_with_itself(value: float, rule: str | None) -> None:
    q = quantity(value, rule)
    assert q.overlaps(q)


@given(values, st.sampled_from(["approx", "at_least", "at_most"]))
def test_intervals_inclusive_hedges_contain_their_anchor(value: float, rule: str) -> None:
    assert quantity(value, rule).overlaps(quantity(value, None))


@given(values, st.sampled_from(["above", "below", "near_below", "near_above"]))
def test_intervals_strict_hedges_exclude_their_anchor(value: float, rule: str) -> None:
    # "more than 30" is not 30; "nearly 30" is not 30.
    assert not quantity(value, rule).overlaps(quantity(value, None))


@given(values, values)
def test_intervals_exact_values_overlap_only_when_equal(a: float, b: float) -> None:
    assert quantity(a, None).overlaps(quantity(b, None)) == (a == b)


@given(values)
def test_intervals_rounder_numbers_get_wider_bands(value: float) -> None:
    q = quantity(value, "approx")
    assert q.low.value is not None and q.high.value is not None
    assert q.low.value <= value <= q.high.value


def test_intervals_unbounded_ends_render_open() -> None:
    q = Quantity(
        anchor=24, low=Bound(value=24, inclusive=False), high=Bound(value=None), surface="x"
    )
    assert q.interval() == "(24, inf)"
