"""Numeric conflicts: the same measure at the same event, values that cannot both be true."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import ClassVar

from claimdiff.align.blocking import ClaimGroup, MeasureKey, measure_key
from claimdiff.compare.base import Comparison, Verdict, quantity_of
from claimdiff.compare.groups import Cell, cell_phrase, cell_topic, cells, separation
from claimdiff.findings import Context, make_finding, make_side, measure_phrase
from claimdiff.lexicon import hedges
from claimdiff.models import Claim, ClaimKind, Finding, FindingKind, Quantity, Severity, Side

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
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.QUANTITY})

    def block(self, claim: Claim) -> Hashable | None:
        """Counts meet when event, counted class and measure agree."""
        return measure_key(claim)

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return the verdict on two quantity claims."""
        if (left.event, left.subject) != (right.event, right.subject):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different topics")
        apart = separation(left, right)
        if apart is not None:
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation=apart)
        if left.measure != right.measure:
            return Comparison(
                verdict=Verdict.DIFFERENT_MEASURE,
                explanation=(
                    f"{quantity_of(left).label()} {measure_phrase(left.subject, left.measure)} "
                    f"and {quantity_of(right).label()} "
                    f"{measure_phrase(right.subject, right.measure)} "
                    "count different things"
                ),
            )
        a, b = quantity_of(left), quantity_of(right)
        if a.overlaps(b):
            return Comparison(
                verdict=Verdict.CONSISTENT,
                explanation=f"{a.label()} {a.interval()} and {b.label()} {b.interval()} overlap",
            )
        ((cell, claims),) = cells([left, right])
        return Comparison(
            verdict=Verdict.CONTRADICTION,
            explanation=(
                f"{a.label()} vs {b.label()} "
                f"{cell_phrase(cell, claims, left.subject, left.measure)}, {_gap(a, b):.0%} apart"
            ),
        )

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return a finding per cell of the group whose values conflict across outlets.

        Counts of different groups or by different agents are in different cells and
        never compared (``compare/groups.py``).
        """
        if not isinstance(group.key, MeasureKey):
            return []
        found: list[Finding] = []
        for cell, claims in cells(group.claims):
            found.extend(self._cell_findings(group.key, cell, claims, context))
        return found

    def _cell_findings(
        self, key: MeasureKey, cell: Cell, claims: Sequence[Claim], context: Context
    ) -> list[Finding]:
        topic, measure = key
        values: dict[str, list[Claim]] = {}
        for claim in claims:
            values.setdefault(quantity_of(claim).interval(), []).append(claim)
        groups = sorted(values.values(), key=lambda cs: _order(quantity_of(cs[0])))
        clashing: set[int] = set()
        for i, left in enumerate(groups):
            for j in range(i + 1, len(groups)):
                right = groups[j]
                docs = {c.doc_id for c in left} | {c.doc_id for c in right}
                if len(docs) >= 2 and not quantity_of(left[0]).overlaps(quantity_of(right[0])):
                    clashing.update((i, j))
        if not clashing:
            return []
        # Values compatible with every other value support no side and are left out.
        chosen = [groups[i] for i in sorted(clashing)]
        values_list = [quantity_of(cs[0]) for cs in chosen]
        phrase = cell_phrase(cell, claims, topic.subject, measure)
        sides = [
            make_side(
                cs, label=f"{value.label()} {phrase}", measure=measure, value=value, context=context
            )
            for cs, value in zip(chosen, values_list, strict=True)
        ]
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
        return [
            make_finding(
                self.kind,
                sides=sides,
                severity=severity,
                confidence=confidence,
                topic=cell_topic(cell, claims, topic.subject, topic.event, context),
                event=topic.event,
                explanation=_explain(phrase, values_list, sides),
                context=context,
            )
        ]


def _order(value: Quantity) -> tuple[float, str]:
    return (value.anchor, value.interval())


def _grade(gap: float, looseness: int) -> tuple[Severity, float]:
    """Severity and confidence from the size of the gap and the looseness of the wording."""
    if looseness == 0:
        return (Severity.HIGH, 0.9) if gap >= SMALL_GAP else (Severity.MEDIUM, 0.8)
    if looseness == 1:
        return (Severity.MEDIUM, 0.75) if gap >= SMALL_GAP else (Severity.LOW, 0.6)
    return Severity.LOW, 0.5


def _explain(phrase: str, values: Sequence[Quantity], sides: Sequence[Side]) -> str:
    parts = [
        f"{value.label()} ({', '.join(side.outlets)})"
        for value, side in zip(values, sides, strict=True)
    ]
    return (
        f"Outlets disagree on how many {phrase}: {' vs '.join(parts)}; "
        "these figures cannot all be true."
    )
