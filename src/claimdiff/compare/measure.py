"""Different measures: counts of the same thing at the same event that count different acts."""

from __future__ import annotations

from typing import ClassVar

from claimdiff.align.graph import ClaimGroup
from claimdiff.compare.base import Comparison, Verdict
from claimdiff.findings import (
    Context,
    make_finding,
    make_side,
    measure_phrase,
    narrowest,
    topic_label,
)
from claimdiff.models import Claim, Finding, FindingKind, Severity


class MeasureComparator:
    """Same subject and event, different predicate classes: shown together, not a conflict.

    Contradiction: none; "26 nations committed" vs "35 nations are members" is
                   `different_measure`, explained so the editor sees what each counts.
    Consistent:    "26 nations committed" vs "Twenty-six nations agreed".
    """

    name: ClassVar[str] = "measure"
    kind: ClassVar[FindingKind] = FindingKind.DIFFERENT_MEASURE

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return DIFFERENT_MEASURE when two counts of one subject count different acts."""
        if (left.event, left.subject) != (right.event, right.subject):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different topics")
        if left.measure == right.measure:
            return Comparison(verdict=Verdict.CONSISTENT, explanation="same measure")
        return Comparison(
            verdict=Verdict.DIFFERENT_MEASURE,
            explanation=(
                f"{left.value.label()} {measure_phrase(left.subject, left.measure)}; "
                f"{right.value.label()} {measure_phrase(right.subject, right.measure)}"
            ),
        )

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return one finding per topic whose outlets count two or more different acts."""
        split = group.by_measure()
        if len(split) < 2:
            return []
        subject = group.key.subject
        sides = []
        for measure, claims in split.items():
            value = narrowest(claims)
            sides.append(
                make_side(
                    claims,
                    label=f"{_values_label(claims)} {measure_phrase(subject, measure)}",
                    measure=measure,
                    value=value,
                    context=context,
                )
            )
        sides.sort(key=lambda side: (side.value.anchor, side.measure))
        described = "; ".join(f"{side.label} ({', '.join(side.outlets)})" for side in sides)
        explanation = (
            f"These figures count different things, so they do not contradict each other: "
            f"{described}."
        )
        return [
            make_finding(
                self.kind,
                sides=sides,
                severity=Severity.INFO,
                confidence=0.8,
                topic=topic_label(subject, group.key.event, context),
                event=group.key.event,
                explanation=explanation,
                context=context,
            )
        ]


def _values_label(claims: list[Claim]) -> str:
    """Return "26" when a measure's claims agree, "12 / 19 / at least 17" when they do not."""
    values = {c.value.interval(): c.value for c in claims}.values()
    agreeing = all(a.overlaps(b) for a in values for b in values)
    if agreeing:
        return narrowest(claims).label()
    ordered = sorted(values, key=lambda v: (v.anchor, v.interval()))
    return " / ".join(v.label() for v in ordered)
