"""Severity and confidence: one model grades every finding, whichever comparator made it.

``severity`` says how much a finding matters to an editor; ``confidence`` (0 to 1) how
sure claimdiff is that the outlets really disagree. The model runs as a post-pass over
all findings (``compare_topics``), so every comparator is graded the same way:

1. **Kind.** ``KIND_GRADES`` gives each finding kind its starting grade: a conflict of
   counts, dates or statuses starts ``high``; wording differences (``quote_variant``) and
   specified-vs-unspecified start ``low``; ``different_measure`` is always ``info``
   (context, not a disagreement). A grade is never raised above its kind's start.
2. **Gap and hedges** (interval kinds: counts, durations). Over every pair of sides whose
   intervals cannot overlap, the relative gap is the distance between the intervals over
   the larger value, and the looseness is the worse of the two sides' wording: 0 firm
   ("32"), 1 hedged or one-sided ("about 30", "at least 17", "fewer than 2,500"; the gap
   is measured from the bound, so a bound is not vague), 2 vague (the hedge lexicon's
   ``[vague]`` plurals such as "dozens of", or no bound at all).
   The finding takes its most serious pair:

   ============  ===================  ===================
   looseness     gap >= ``SMALL_GAP``  gap < ``SMALL_GAP``
   ============  ===================  ===================
   0 firm        high, 0.90           medium, 0.80
   1 hedged      medium, 0.75         low, 0.60
   2 vague       low, 0.50            low, 0.50
   ============  ===================  ===================

3. **Gap** (time kinds: dates, times). Ranges at least one unit of the coarser
   granularity apart keep the kind's grade; closer ones drop one step and 0.1 confidence.
4. **Attribution.** When every side consists of statements attributed to speakers
   (``Claim.speaker`` set) and no speaker is on two sides, the outlets report a dispute
   between speakers rather than contradict each other: the explanation says so and
   confidence drops by ``ATTRIBUTION_PENALTY``. The severity stays: conflicting official
   figures still have to be resolved, and most figures in news are attributed, so a
   step down would hide real conflicts. Quote kinds, which are about speakers, are
   exempt.
5. **Independent sources.** When every side rests on at least two independent sources
   (copies of one wire story count once, see ``align/independence.py``), the dispute is
   corroborated on both sides: confidence + ``CORROBORATION_BONUS``.

Confidence is clamped to [0.05, 0.95] and rounded to two decimals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from claimdiff.lexicon import hedges
from claimdiff.models import (
    Bound,
    Claim,
    DurationValue,
    Finding,
    FindingKind,
    Quantity,
    Severity,
    Side,
    TimeValue,
    Value,
)

__all__ = [
    "ATTRIBUTION_PENALTY",
    "CORROBORATION_BONUS",
    "KIND_GRADES",
    "SMALL_GAP",
    "Grading",
    "KindGrade",
    "grade",
    "grade_all",
    "sort_key",
]

SMALL_GAP = 0.1
"""Relative gap below which two firm figures are a medium, not a high, finding."""
CORROBORATION_BONUS = 0.05
"""Confidence added when every side has at least two independent sources."""
ATTRIBUTION_PENALTY = 0.1
"""Confidence taken when every side is a different speaker's statement."""
ATTRIBUTION_NOTE = (
    "Each side is attributed to a different speaker: the outlets report a dispute "
    "rather than contradict each other."
)


class Grading:
    """How a kind's grade is refined: by nothing, by interval gap, or by time gap."""

    FIXED = "fixed"
    INTERVAL = "interval"
    TIME = "time"


@dataclass(frozen=True, slots=True)
class KindGrade:
    """The starting grade of a finding kind and how it is refined."""

    severity: Severity
    confidence: float
    grading: str = Grading.FIXED
    speakers: bool = False
    """True for kinds about who said what; the attribution step does not apply."""


KIND_GRADES: Mapping[FindingKind, KindGrade] = {
    FindingKind.NUMERIC_CONFLICT: KindGrade(Severity.HIGH, 0.9, Grading.INTERVAL),
    FindingKind.DURATION_CONFLICT: KindGrade(Severity.HIGH, 0.85, Grading.INTERVAL),
    FindingKind.DATE_CONFLICT: KindGrade(Severity.HIGH, 0.85, Grading.TIME),
    FindingKind.TIME_CONFLICT: KindGrade(Severity.MEDIUM, 0.8, Grading.TIME),
    FindingKind.TIMEFRAME_CONFLICT: KindGrade(Severity.MEDIUM, 0.7),
    FindingKind.STATUS_CONFLICT: KindGrade(Severity.HIGH, 0.8),
    FindingKind.MODE_CONFLICT: KindGrade(Severity.MEDIUM, 0.75),
    FindingKind.ABSENCE_VS_REPORT: KindGrade(Severity.MEDIUM, 0.7),
    FindingKind.MISATTRIBUTION: KindGrade(Severity.HIGH, 0.75, speakers=True),
    FindingKind.QUOTE_VARIANT: KindGrade(Severity.LOW, 0.7, speakers=True),
    FindingKind.SPECIFIED_VS_UNSPECIFIED: KindGrade(Severity.LOW, 0.7),
    FindingKind.DIFFERENT_MEASURE: KindGrade(Severity.INFO, 0.8),
}

# (looseness, big gap?) -> grade; see the table in the module docstring.
_INTERVAL_GRADES: Mapping[tuple[int, bool], tuple[Severity, float]] = {
    (0, True): (Severity.HIGH, 0.9),
    (0, False): (Severity.MEDIUM, 0.8),
    (1, True): (Severity.MEDIUM, 0.75),
    (1, False): (Severity.LOW, 0.6),
    (2, True): (Severity.LOW, 0.5),
    (2, False): (Severity.LOW, 0.5),
}

_GRANULARITY = {
    "second": timedelta(seconds=1),
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "part_of_day": timedelta(hours=6),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
    "month": timedelta(days=28),
    "year": timedelta(days=365),
}


def _step_down(severity: Severity) -> Severity:
    """Return the next less serious severity, never below ``low`` (``info`` stays)."""
    if severity is Severity.INFO:
        return severity
    order = list(Severity)
    return order[min(order.index(severity) + 1, order.index(Severity.LOW))]


def _cap(severity: Severity, ceiling: Severity) -> Severity:
    """Return the less serious of two severities."""
    return severity if severity.rank >= ceiling.rank else ceiling


@dataclass(frozen=True, slots=True)
class _Interval:
    low: Bound
    high: Bound
    scale: float
    looseness: int


def _interval(value: Value) -> _Interval | None:
    """Return a count's or duration's interval, scale and looseness (None for others)."""
    if isinstance(value, Quantity):
        scale = abs(value.anchor)
    elif isinstance(value, DurationValue):
        finite = [abs(b.value) for b in (value.low, value.high) if b.value is not None]
        scale = max(finite, default=0.0)
    else:
        return None
    hedge = value.hedge
    if hedge is None:
        looseness = 0
    elif hedge in hedges().vague or (value.low.value is None and value.high.value is None):
        looseness = 2
    else:
        looseness = 1
    return _Interval(value.low, value.high, scale, looseness)


def _below(low: Bound, high: Bound) -> bool:
    if low.value is None or high.value is None:
        return True
    if math.isclose(low.value, high.value):
        return low.inclusive and high.inclusive
    return low.value < high.value


def _disjoint(a: _Interval, b: _Interval) -> bool:
    return not (_below(a.low, b.high) and _below(b.low, a.high))


def _gap(a: _Interval, b: _Interval) -> float:
    """Return the distance between two disjoint intervals relative to the larger value."""
    if a.high.value is not None and b.low.value is not None and a.high.value <= b.low.value:
        distance = b.low.value - a.high.value
    elif b.high.value is not None and a.low.value is not None:
        distance = a.low.value - b.high.value
    else:
        distance = 0.0
    return max(distance, 0.0) / max(a.scale, b.scale, 1.0)


def _interval_grade(sides: Sequence[Side]) -> tuple[Severity, float] | None:
    intervals = [i for side in sides if (i := _interval(side.value)) is not None]
    grades = [
        _INTERVAL_GRADES[(max(a.looseness, b.looseness), _gap(a, b) >= SMALL_GAP)]
        for n, a in enumerate(intervals)
        for b in intervals[n + 1 :]
        if _disjoint(a, b)
    ]
    if not grades:
        return None
    return min(grades, key=lambda g: (g[0].rank, -g[1]))


def _utc_shift(value: TimeValue) -> timedelta:
    """Return what to subtract from a wall-clock time to compare it in UTC (0 if unknown)."""
    return timedelta(minutes=value.offset_minutes or 0)


def _time_close(sides: Sequence[Side]) -> bool:
    """Return True when every pair of time ranges is less than one granularity unit apart."""
    times = [side.value for side in sides if isinstance(side.value, TimeValue)]
    if len(times) < 2:
        return False
    for n, a in enumerate(times):
        for b in times[n + 1 :]:
            unit = max(
                _GRANULARITY.get(a.granularity, timedelta(days=1)),
                _GRANULARITY.get(b.granularity, timedelta(days=1)),
            )
            shift_a, shift_b = _utc_shift(a), _utc_shift(b)
            gap = max(
                (b.start - shift_b) - (a.end - shift_a),
                (a.start - shift_a) - (b.end - shift_b),
                timedelta(0),
            )
            if gap >= unit:
                return False
    return True


def _speakers(side: Side, claims: Mapping[str, Claim]) -> set[str] | None:
    """Return the speakers of a side, or None when any claim is the outlet's own."""
    speakers: set[str] = set()
    for evidence in side.evidence:
        claim = claims.get(evidence.claim_id)
        if claim is None or claim.speaker is None:
            return None
        speakers.add(claim.speaker)
    return speakers


def _speaker_dispute(sides: Sequence[Side], claims: Mapping[str, Claim]) -> bool:
    per_side = [_speakers(side, claims) for side in sides]
    if any(s is None for s in per_side):
        return False
    seen: set[str] = set()
    for speakers in per_side:
        if speakers is None or speakers & seen:
            return False
        seen |= speakers
    return True


def grade(finding: Finding, claims: Mapping[str, Claim]) -> Finding:
    """Return ``finding`` with the model's severity and confidence (see the module doc).

    Args:
        finding: A finding as a comparator made it.
        claims: The run's claims by id, to read who each side's claims are attributed to.
    """
    kind = KIND_GRADES.get(finding.kind)
    if kind is None:  # a kind without a row keeps its comparator's grade (a test forbids it)
        return finding
    severity, confidence = kind.severity, kind.confidence
    explanation = finding.explanation
    if kind.grading == Grading.INTERVAL:
        graded = _interval_grade(finding.sides)
        if graded is not None:
            severity, confidence = _cap(graded[0], kind.severity), graded[1]
    elif kind.grading == Grading.TIME and _time_close(finding.sides):
        severity, confidence = _step_down(severity), confidence - 0.1
    if severity is not Severity.INFO:
        if not kind.speakers and _speaker_dispute(finding.sides, claims):
            confidence -= ATTRIBUTION_PENALTY
            if ATTRIBUTION_NOTE not in explanation:
                explanation = f"{explanation} {ATTRIBUTION_NOTE}"
        if all(side.independent_sources >= 2 for side in finding.sides):
            confidence += CORROBORATION_BONUS
    confidence = round(min(max(confidence, 0.05), 0.95), 2)
    return finding.model_copy(
        update={"severity": severity, "confidence": confidence, "explanation": explanation}
    )


def sort_key(finding: Finding) -> tuple[int, float, str, str]:
    """Sort key putting the most serious, most confident findings first."""
    return (finding.severity.rank, -finding.confidence, finding.topic, finding.id)


def grade_all(findings: Iterable[Finding], claims: Mapping[str, Claim]) -> list[Finding]:
    """Return every finding graded, most serious and most confident first."""
    return sorted((grade(f, claims) for f in findings), key=sort_key)
