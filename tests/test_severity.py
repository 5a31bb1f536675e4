"""The severity model: kind, gap, hedges, attribution and independent sources."""

from __future__ import annotations

from datetime import datetime

import pytest

from claimdiff.models import (
    Bound,
    Claim,
    ClaimKind,
    Evidence,
    Finding,
    FindingKind,
    Quantity,
    Severity,
    Side,
    Span,
    TimeValue,
)
from claimdiff.severity import (
    ATTRIBUTION_NOTE,
    ATTRIBUTION_PENALTY,
    CORROBORATION_BONUS,
    KIND_GRADES,
    grade,
    grade_all,
)


def q(anchor, low=None, high=None, hedge=None, *, low_inclusive=True, high_inclusive=True):
    return Quantity(
        anchor=anchor,
        low=Bound(value=anchor if low is None and hedge is None else low, inclusive=low_inclusive),
        high=Bound(
            value=anchor if high is None and hedge is None else high, inclusive=high_inclusive
        ),
        hedge=hedge,
        surface=f"{hedge or ''} {anchor}".strip(),
    )


FIRM = {n: q(n) for n in (12, 32, 41, 100, 105)}
ABOUT_30 = q(30, 25.5, 34.5, "about")
AT_LEAST_17 = q(17, 17, None, "at least")
FEWER_THAN_2500 = q(2500, 0, 2500, "fewer than", high_inclusive=False)
ABOUT_4000 = q(4000, 3000, 5000, "about")
DOZENS = q(24, 24, 100, "dozens of", high_inclusive=False)


def ev(doc: str, claim_id: str | None = None) -> Evidence:
    return Evidence(
        claim_id=claim_id or f"c-{doc}",
        doc_id=doc,
        outlet=doc.upper(),
        span=Span(doc_id=doc, start=0, end=2),
        text="xx",
        sentence=Span(doc_id=doc, start=0, end=2),
        sentence_text="xx",
    )


def sd(value, *docs: str, sources: int | None = None) -> Side:
    return Side(
        label=str(value.label()) if hasattr(value, "label") else "x",
        measure="killed",
        value=value,
        outlets=sorted(d.upper() for d in docs),
        independent_sources=len(docs) if sources is None else sources,
        evidence=[ev(d) for d in docs],
    )


def make(kind: FindingKind, *sides: Side, severity=Severity.HIGH, confidence=0.5) -> Finding:
    return Finding(
        id="f",
        kind=kind,
        severity=severity,
        confidence=confidence,
        topic="t",
        event="e",
        explanation="Outlets disagree.",
        sides=list(sides),
        silent=[],
    )


def claim(doc: str, speaker: str | None) -> Claim:
    return Claim(
        id=f"c-{doc}",
        doc_id=doc,
        kind=ClaimKind.QUANTITY,
        subject="person",
        subject_text="people",
        measure="killed",
        value=FIRM[12],
        event="e",
        speaker=speaker,
        evidence=Span(doc_id=doc, start=0, end=2),
        sentence=Span(doc_id=doc, start=0, end=2),
    )


def test_severity_every_finding_kind_has_a_grade():
    assert set(KIND_GRADES) == set(FindingKind)
    for row in KIND_GRADES.values():
        assert 0.0 <= row.confidence <= 1.0
    assert KIND_GRADES[FindingKind.DIFFERENT_MEASURE].severity is Severity.INFO


@pytest.mark.parametrize(
    ("left", "right", "severity", "confidence"),
    [
        (FIRM[32], FIRM[41], Severity.HIGH, 0.9),  # firm, 22% apart
        (FIRM[100], FIRM[105], Severity.MEDIUM, 0.8),  # firm, 5% apart
        (ABOUT_30, q(40), Severity.MEDIUM, 0.75),  # hedged, 14% apart
        (q(50, 45, 50, "nearly", high_inclusive=False), q(51), Severity.LOW, 0.6),  # hedged, 2%
        (AT_LEAST_17, FIRM[12], Severity.MEDIUM, 0.75),  # a bound is not vague
        (FEWER_THAN_2500, ABOUT_4000, Severity.MEDIUM, 0.75),
        (DOZENS, FIRM[12], Severity.LOW, 0.5),  # vague plural
    ],
)
def test_severity_counts_graded_by_gap_and_hedges(left, right, severity, confidence):
    graded = grade(make(FindingKind.NUMERIC_CONFLICT, sd(left, "a"), sd(right, "b")), {})
    assert (graded.severity, graded.confidence) == (severity, confidence)
    swapped = grade(make(FindingKind.NUMERIC_CONFLICT, sd(right, "b"), sd(left, "a")), {})
    assert (swapped.severity, swapped.confidence) == (severity, confidence)


def test_severity_finding_takes_its_most_serious_clash():
    finding = make(
        FindingKind.NUMERIC_CONFLICT, sd(FIRM[12], "a"), sd(AT_LEAST_17, "b"), sd(q(19), "c")
    )
    assert grade(finding, {}).severity is Severity.HIGH  # 12 vs 19, both firm


def test_severity_different_measure_is_always_info():
    finding = make(FindingKind.DIFFERENT_MEASURE, sd(FIRM[32], "a"), sd(FIRM[41], "b"))
    graded = grade(finding, {})
    assert (graded.severity, graded.confidence) == (Severity.INFO, 0.8)


def test_severity_never_raises_a_kind_above_its_start():
    finding = make(FindingKind.QUOTE_VARIANT, sd(FIRM[32], "a"), sd(FIRM[41], "b"))
    assert grade(finding, {}).severity is Severity.LOW


def test_severity_speakers_disputing_lowers_confidence_and_is_said():
    finding = make(FindingKind.NUMERIC_CONFLICT, sd(FIRM[32], "a"), sd(FIRM[41], "b"))
    claims = {"c-a": claim("a", "org:union"), "c-b": claim("b", "org:company")}
    graded = grade(finding, claims)
    assert graded.severity is Severity.HIGH
    assert graded.confidence == round(0.9 - ATTRIBUTION_PENALTY, 2)
    assert graded.explanation == f"Outlets disagree. {ATTRIBUTION_NOTE}"


@pytest.mark.parametrize(
    "speakers",
    [
        ("person:mayor", "person:mayor"),  # outlets misreport one speaker: still high
        ("person:mayor", None),  # one side is the outlet's own assertion
        (None, None),
    ],
)
def test_severity_attribution_keeps_grade_otherwise(speakers):
    finding = make(FindingKind.NUMERIC_CONFLICT, sd(FIRM[32], "a"), sd(FIRM[41], "b"))
    claims = {"c-a": claim("a", speakers[0]), "c-b": claim("b", speakers[1])}
    graded = grade(finding, claims)
    assert (graded.severity, graded.confidence) == (Severity.HIGH, 0.9)
    assert ATTRIBUTION_NOTE not in graded.explanation


def test_severity_quote_kinds_are_exempt_from_the_speaker_step():
    finding = make(FindingKind.MISATTRIBUTION, sd(FIRM[32], "a"), sd(FIRM[41], "b"))
    claims = {"c-a": claim("a", "person:x"), "c-b": claim("b", "person:y")}
    graded = grade(finding, claims)
    assert (graded.severity, graded.confidence) == (Severity.HIGH, 0.75)
    assert ATTRIBUTION_NOTE not in graded.explanation


@pytest.mark.parametrize(
    ("sources", "bonus"),
    [((2, 2), CORROBORATION_BONUS), ((2, 1), 0.0), ((1, 1), 0.0)],
)
def test_severity_independent_sources_on_every_side_raise_confidence(sources, bonus):
    finding = make(
        FindingKind.NUMERIC_CONFLICT,
        sd(FIRM[32], "a", "c", sources=sources[0]),
        sd(FIRM[41], "b", "d", sources=sources[1]),
    )
    assert grade(finding, {}).confidence == round(0.9 + bonus, 2)


def _time(start: str, end: str, granularity: str, offset: int | None = None) -> TimeValue:
    return TimeValue(
        start=datetime.fromisoformat(start),
        end=datetime.fromisoformat(end),
        granularity=granularity,
        offset_minutes=offset,
        surface=start,
    )


@pytest.mark.parametrize(
    ("kind", "left", "right", "severity"),
    [
        (
            FindingKind.DATE_CONFLICT,
            _time("2026-03-03T00:00", "2026-03-03T23:59", "day"),
            _time("2026-03-05T00:00", "2026-03-05T23:59", "day"),
            Severity.HIGH,
        ),
        (
            FindingKind.TIME_CONFLICT,
            _time("2026-03-03T15:00", "2026-03-03T15:00", "minute"),
            _time("2026-03-03T15:20", "2026-03-03T15:20", "hour"),
            Severity.LOW,
        ),
        (
            FindingKind.TIME_CONFLICT,
            _time("2026-03-03T09:00", "2026-03-03T10:00", "hour"),
            _time("2026-03-03T15:00", "2026-03-03T16:00", "hour"),
            Severity.MEDIUM,
        ),
        (
            FindingKind.TIME_CONFLICT,  # 15:00 at UTC+2 and 13:00 UTC are one hour
            _time("2026-03-03T15:00", "2026-03-03T16:00", "hour", offset=120),
            _time("2026-03-03T13:00", "2026-03-03T14:00", "hour", offset=0),
            Severity.LOW,
        ),
    ],
)
def test_severity_time_gap_against_granularity(kind, left, right, severity):
    finding = make(kind, sd(left, "a"), sd(right, "b"))
    assert grade(finding, {}).severity is severity


def test_severity_is_idempotent_and_sorts_most_serious_first():
    high = make(FindingKind.NUMERIC_CONFLICT, sd(FIRM[32], "a"), sd(FIRM[41], "b"))
    info = make(FindingKind.DIFFERENT_MEASURE, sd(FIRM[32], "a"), sd(FIRM[41], "b"))
    low = make(FindingKind.NUMERIC_CONFLICT, sd(DOZENS, "a"), sd(FIRM[12], "b"))
    info = info.model_copy(update={"id": "a-info"})
    low = low.model_copy(update={"id": "b-low"})
    claims = {"c-a": claim("a", "x"), "c-b": claim("b", "y")}
    once = grade_all([info, low, high], claims)
    assert [f.severity for f in once] == [Severity.HIGH, Severity.LOW, Severity.INFO]
    assert [f.confidence for f in once] == [0.8, 0.4, 0.8]
    assert grade_all(once, claims) == once
