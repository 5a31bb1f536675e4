"""Numeric conflicts: the same measure at the same event, values that cannot both be true."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from claimdiff.align.graph import ClaimGroup
from claimdiff.compare.base import Comparison, Verdict
from claimdiff.findings import Context, make_finding, make_side, measure_phrase, topic_label
from claimdiff.lexicon import hedges
from claimdiff.models import Claim, Finding, FindingKind, Quantity, Severity, Side

# Relative gap below which two firm figures are a medium, not a high, finding.
SMALL_GAP = 0.1


def _gap(left: Quantity, right: Quantity) -> float:
    """Return the distance between two disjoint intervals relative to the larger anchor."""
    if (
        left.high.value is not None
        and right.low.value is not None
        and left.high.value <= right.low.value
    ):
        distance = right.low.value - left.high.value
    elif right.high.value is not None and left.low.value is not None:
        distance = left.low.value - right.high.value
    else:
        distance = 0.0
    scale = max(abs(left.anchor), abs(right.anchor), 1.0)
    return max(distance, 0.0) / scale


def _looseness(value: Quantity) -> int:
    """Return 0 for a firm figure, 1 for a hedged one, 2 for a vague or open-ended one."""
    if value.hedge is None:
        return 0
    if value.hedge in hedges().vague or value.high.value is None or value.low.value in (None, 0.0):
        return 2
    return 1


class QuantityComparator:
    """Same subject, measure and event; intervals that cannot overlap.

    Contradiction: "42 people were injured" vs "Sixty people were hurt".
    Consistent:    "over two dozen nations committed" vs "26 nations committed".
    """

    name: ClassVar[str] = "quantity"
    kind: ClassVar[FindingKind] = FindingKind.NUMERIC_CONFLICT

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return the verdict on two quantity claims."""
        if (left.event, left.subject) != (right.event, right.subject):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different topics")
        if left.measure != right.measure:
            return Comparison(
                verdict=Verdict.DIFFERENT_MEASURE,
                explanation=(
                    f"{left.value.label()} {measure_phrase(left.subject, left.measure)} and "
                    f"{right.value.label()} {measure_phrase(right.subject, right.measure)} "
                    "count different things"
                ),
            )
        if left.value.overlaps(right.value):
            return Comparison(
                verdict=Verdict.CONSISTENT,
                explanation=(
                    f"{left.value.label()} {left.value.interval()} and {right.value.label()} "
                    f"{right.value.interval()} overlap"
                ),
            )
        return Comparison(
            verdict=Verdict.CONTRADICTION,
            explanation=(
                f"{left.value.label()} vs {right.value.label()} "
                f"{measure_phrase(left.subject, left.measure)}, "
                f"{_gap(left.value, right.value):.0%} apart"
            ),
        )

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return one finding per measure whose values conflict across outlets."""
        found: list[Finding] = []
        for measure, claims in group.by_measure().items():
            finding = self._conflict(group, measure, claims, context)
            if finding is not None:
                found.append(finding)
        return found

    def _conflict(
        self, group: ClaimGroup, measure: str, claims: Sequence[Claim], context: Context
    ) -> Finding | None:
        values: dict[str, list[Claim]] = {}
        for claim in claims:
            values.setdefault(claim.value.interval(), []).append(claim)
        groups = sorted(
            values.values(), key=lambda cs: (cs[0].value.anchor, cs[0].value.interval())
        )
        clashing: set[int] = set()
        for i, left in enumerate(groups):
            for j in range(i + 1, len(groups)):
                right = groups[j]
                docs = {c.doc_id for c in left} | {c.doc_id for c in right}
                if len(docs) >= 2 and not left[0].value.overlaps(right[0].value):
                    clashing.update((i, j))
        if not clashing:
            return None
        # Values compatible with every other value support no side and are left out.
        chosen = [groups[i] for i in sorted(clashing)]
        phrase = measure_phrase(group.key.subject, measure)
        sides = [
            make_side(
                cs,
                label=f"{cs[0].value.label()} {phrase}",
                measure=measure,
                value=cs[0].value,
                context=context,
            )
            for cs in chosen
        ]
        subject = group.key.subject
        values_list = [cs[0].value for cs in chosen]
        # The finding is as serious as its most serious clash: "32" vs "41" is high even
        # when a third outlet's "at least 40" is loose.
        severity, confidence = min(
            (
                _grade(_gap(a, b), max(_looseness(a), _looseness(b)))
                for a in values_list
                for b in values_list
                if not a.overlaps(b)
            ),
            key=lambda graded: (graded[0].rank, -graded[1]),
        )
        return make_finding(
            self.kind,
            sides=sides,
            severity=severity,
            confidence=confidence,
            topic=topic_label(subject, group.key.event, context),
            event=group.key.event,
            explanation=_explain(subject, measure, sides),
            context=context,
        )


def _grade(gap: float, looseness: int) -> tuple[Severity, float]:
    """Severity and confidence from the size of the gap and the looseness of the wording."""
    if looseness == 0:
        return (Severity.HIGH, 0.9) if gap >= SMALL_GAP else (Severity.MEDIUM, 0.8)
    if looseness == 1:
        return (Severity.MEDIUM, 0.75) if gap >= SMALL_GAP else (Severity.LOW, 0.6)
    return Severity.LOW, 0.5


def _explain(subject: str, measure: str, sides: Sequence[Side]) -> str:
    phrase = measure_phrase(subject, measure)
    parts = [f"{side.value.label()} ({', '.join(side.outlets)})" for side in sides]
    return (
        f"Outlets disagree on how many {phrase}: {' vs '.join(parts)}; "
        "these figures cannot all be true."
    )
