"""Comparison: groups of claims sharing a blocking key -> findings, one comparator per kind."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff.align.blocking import ClaimGroup, group_by
from claimdiff.align.graph import Keys, group_by_keys
from claimdiff.align.syndication import apply_independence
from claimdiff.compare.absence import AbsenceComparator
from claimdiff.compare.base import (
    Comparator,
    Comparison,
    MultiKeyComparator,
    Verdict,
    keys_of,
)
from claimdiff.compare.date import DateComparator
from claimdiff.compare.duration import DurationComparator
from claimdiff.compare.measure import MeasureComparator
from claimdiff.compare.misattribution import MisattributionComparator
from claimdiff.compare.mode import ModeConflictComparator
from claimdiff.compare.quantity import QuantityComparator
from claimdiff.compare.quote_variant import QuoteVariantComparator
from claimdiff.compare.specified import SpecifiedComparator
from claimdiff.compare.status import StatusConflictComparator
from claimdiff.compare.time import TimeComparator
from claimdiff.compare.timeframe import TimeframeComparator
from claimdiff.findings import Context
from claimdiff.models import Finding
from claimdiff.severity import grade_all

COMPARATORS: tuple[Comparator, ...] = (
    QuantityComparator(),
    MeasureComparator(),
    DateComparator(),
    TimeComparator(),
    DurationComparator(),
    TimeframeComparator(),
    SpecifiedComparator(),
    StatusConflictComparator(),
    ModeConflictComparator(),
    AbsenceComparator(),
    QuoteVariantComparator(),
    MisattributionComparator(),
)

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


def blockers() -> list[Keys]:
    """Return every comparator's blocking keys function, for the alignment graph."""
    return [keys_of(comparator) for comparator in COMPARATORS]


def compare_topics(topics: Sequence[ClaimGroup], context: Context) -> Outcome:
    """Run every comparator on the claims of each topic; most serious findings first.

    Every finding then goes through one post-pass, whichever comparator made it: its
    sides' independent sources are counted (``align/syndication.py``) and it is graded
    by the severity model (``severity.py``).
    """
    findings: dict[str, Finding] = {}
    pairs = 0
    for topic in topics:
        for comparator in COMPARATORS:
            handled = [c for c in topic.claims if c.kind in comparator.handles]
            if isinstance(comparator, MultiKeyComparator):
                # Claims sharing any of their keys form one group (misattribution).
                groups, candidates = group_by_keys(handled, comparator.blocks)
                pairs += candidates
            else:
                groups = group_by(handled, comparator.block)
                pairs += sum(group.cross_document_pairs() for group in groups)
            for group in groups:
                for finding in comparator.findings(group, context):
                    findings.setdefault(finding.id, finding)
    claims = {claim.id: claim for topic in topics for claim in topic.claims}
    independent = (apply_independence(f, context.sources) for f in findings.values())
    ordered = grade_all(independent, claims)
    return Outcome(findings=ordered, candidate_comparisons=pairs)
