"""Comparison: topic groups -> findings, one comparator per finding kind."""

from __future__ import annotations

from collections.abc import Sequence

from claimdiff.align.graph import ClaimGroup
from claimdiff.compare.base import Comparator, Comparison, Verdict
from claimdiff.compare.measure import MeasureComparator
from claimdiff.compare.quantity import QuantityComparator
from claimdiff.findings import Context, severity_rank
from claimdiff.models import Finding

COMPARATORS: tuple[Comparator, ...] = (QuantityComparator(), MeasureComparator())

__all__ = ["COMPARATORS", "Comparator", "Comparison", "Context", "Verdict", "compare_groups"]


def compare_groups(groups: Sequence[ClaimGroup], context: Context) -> list[Finding]:
    """Run every comparator over every topic group; most serious findings first."""
    findings = [
        f
        for group in groups
        for comparator in COMPARATORS
        for f in comparator.findings(group, context)
    ]
    findings.sort(key=severity_rank)
    return findings
