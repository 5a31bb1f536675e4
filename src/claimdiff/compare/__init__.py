"""Comparison: groups of claims sharing a blocking key -> findings, one comparator per kind."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff.align.blocking import Blocker, ClaimGroup, group_by
from claimdiff.compare.base import Comparator, Comparison, Verdict
from claimdiff.compare.measure import MeasureComparator
from claimdiff.compare.quantity import QuantityComparator
from claimdiff.findings import Context, severity_rank
from claimdiff.models import Finding

COMPARATORS: tuple[Comparator, ...] = (QuantityComparator(), MeasureComparator())

__all__ = [
    "COMPARATORS",
    "Comparator",
    "Comparison",
    "Outcome",
    "Verdict",
    "blockers",
    "compare_topics",
]


@dataclass(frozen=True, slots=True)
class Outcome:
    """The findings of a run and how many claim pairs were put before comparators."""

    findings: list[Finding]
    candidate_comparisons: int


def blockers() -> list[Blocker]:
    """Return every comparator's blocking key function, for the alignment graph."""
    return [comparator.block for comparator in COMPARATORS]


def compare_topics(topics: Sequence[ClaimGroup], context: Context) -> Outcome:
    """Run every comparator on the claims of each topic; most serious findings first."""
    findings: dict[str, Finding] = {}
    pairs = 0
    for topic in topics:
        for comparator in COMPARATORS:
            handled = [c for c in topic.claims if c.kind in comparator.handles]
            for group in group_by(handled, comparator.block):
                pairs += group.cross_document_pairs()
                for finding in comparator.findings(group, context):
                    findings.setdefault(finding.id, finding)
    ordered = sorted(findings.values(), key=severity_rank)
    return Outcome(findings=ordered, candidate_comparisons=pairs)
