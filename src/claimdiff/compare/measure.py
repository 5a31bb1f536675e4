"""Different measures: counts of the same thing at the same event that count different acts."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import ClassVar

from claimdiff.align.blocking import ClaimGroup, TopicKey, topic_key
from claimdiff.compare.base import Comparison, Verdict, quantity_of
from claimdiff.compare.groups import Cell, cell_phrase, cell_topic, cells, separation
from claimdiff.findings import Context, make_finding, make_side, measure_phrase
from claimdiff.models import Claim, ClaimKind, Finding, FindingKind, Quantity, Severity


class MeasureComparator:
    """Same subject and event, different predicate classes: shown together, not a conflict.

    Contradiction: none; "26 nations committed" vs "35 nations are members" is
                   `different_measure`, explained so the editor sees what each counts.
    Consistent:    "26 nations committed" vs "Twenty-six nations agreed".
    """

    name: ClassVar[str] = "measure"
    kind: ClassVar[FindingKind] = FindingKind.DIFFERENT_MEASURE
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.QUANTITY})

    def block(self, claim: Claim) -> Hashable | None:
        """Counts meet when event, counted class and measure family agree."""
        return topic_key(claim)

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return DIFFERENT_MEASURE when two counts of one subject count different acts."""
        if self.block(left) is None or self.block(left) != self.block(right):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different topics")
        apart = separation(left, right)
        if apart is not None:
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation=apart)
        if left.measure == right.measure:
            return Comparison(verdict=Verdict.CONSISTENT, explanation="same measure")
        return Comparison(
            verdict=Verdict.DIFFERENT_MEASURE,
            explanation=(
                f"{quantity_of(left).label()} {measure_phrase(left.subject, left.measure)}; "
                f"{quantity_of(right).label()} {measure_phrase(right.subject, right.measure)}"
            ),
        )

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return a finding per cell whose outlets count two or more different acts.

        Counts of different groups or by different agents are in different cells and
        never shown together (``compare/groups.py``).
        """
        if not isinstance(group.key, TopicKey):
            return []
        found: list[Finding] = []
        for cell, claims in cells(group.claims):
            found.extend(self._cell_findings(group.key, cell, claims, context))
        return found

    def _cell_findings(
        self, key: TopicKey, cell: Cell, members: Sequence[Claim], context: Context
    ) -> list[Finding]:
        split: dict[str, list[Claim]] = {}
        for claim in members:
            split.setdefault(claim.measure, []).append(claim)
        if len(split) < 2 or len({c.doc_id for c in members}) < 2:
            return []
        subject = key.subject
        sides = []
        for measure, claims in sorted(split.items()):
            value = narrowest([quantity_of(c) for c in claims])
            sides.append(
                make_side(
                    claims,
                    label=f"{_values_label(claims)} {cell_phrase(cell, members, subject, measure)}",
                    measure=measure,
                    value=value,
                    context=context,
                )
            )
        sides.sort(key=lambda side: (quantity_of_side(side.value), side.measure))
        described = "; ".join(f"{side.label} ({', '.join(side.outlets)})" for side in sides)
        explanation = (
            "These figures count different things, so they do not contradict each other: "
            f"{described}."
        )
        return [
            make_finding(
                self.kind,
                sides=sides,
                severity=Severity.INFO,
                confidence=0.8,
                topic=cell_topic(cell, members, subject, key.event, context),
                event=key.event,
                explanation=explanation,
                context=context,
            )
        ]


def quantity_of_side(value: object) -> float:
    """Return the anchor a side is sorted by."""
    return value.anchor if isinstance(value, Quantity) else 0.0


def narrowest(values: Sequence[Quantity]) -> Quantity:
    """Return the most precise of some values (ties: the most frequent, then smallest)."""
    counts: dict[str, int] = {}
    for value in values:
        counts[value.interval()] = counts.get(value.interval(), 0) + 1

    def width(value: Quantity) -> float:
        if value.low.value is None or value.high.value is None:
            return float("inf")
        return value.high.value - value.low.value

    return min(values, key=lambda v: (width(v), -counts[v.interval()], v.anchor, v.label()))


def _values_label(claims: Sequence[Claim]) -> str:
    """Return "26" when a measure's claims agree, "12 / 19 / at least 17" when they do not."""
    values = list({quantity_of(c).interval(): quantity_of(c) for c in claims}.values())
    if all(a.overlaps(b) for a in values for b in values):
        return narrowest(values).label()
    ordered = sorted(values, key=lambda v: (v.anchor, v.interval()))
    return " / ".join(v.label() for v in ordered)
