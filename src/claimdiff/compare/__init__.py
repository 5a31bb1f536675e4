"""Comparison: groups of claims sharing a blocking key -> findings, one comparator per kind."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from claimdiff.align.blocking import ClaimGroup, group_by
from claimdiff.align.graph import Keys, group_by_keys
from claimdiff.align.independence import apply_independence
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
from claimdiff.severity import grade, sort_key

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
    "compare_topic",
    "compare_topics",
]


@dataclass(frozen=True, slots=True)
class Outcome:
    """The findings of a run (or a topic) and how many claim pairs comparators were given."""

    findings: list[Finding]
    candidate_comparisons: int


@cache
def blockers() -> tuple[Keys, ...]:
    """Return every comparator's blocking keys function, for the alignment graph.

    The same functions on every call: alignment keeps each claim's keys under them.
    """
    return tuple(keys_of(comparator) for comparator in COMPARATORS)


def compare_topics(
    topics: Sequence[ClaimGroup],
    context: Context,
    *,
    compare: Callable[[ClaimGroup, Context], Outcome] | None = None,
) -> Outcome:
    """Run every comparator on the claims of each topic; most serious findings first.

    ``compare`` replaces ``compare_topic`` for each topic (a store answers for topics it
    compared before); the findings are the same either way.
    """
    outcomes = [(compare or compare_topic)(topic, context) for topic in topics]
    findings: dict[str, Finding] = {}
    for outcome in outcomes:
        for finding in outcome.findings:
            findings.setdefault(finding.id, finding)
    return Outcome(
        findings=sorted(findings.values(), key=sort_key),
        candidate_comparisons=sum(outcome.candidate_comparisons for outcome in outcomes),
    )


def compare_topic(topic: ClaimGroup, context: Context) -> Outcome:
    """Run every comparator on the claims of one topic; findings in the order made.

    Every finding then goes through one post-pass, whichever comparator made it: its
    sides' independent sources are counted (``align/independence.py``) and it is graded
    by the severity model (``severity.py``). A topic's findings depend only on its
    claims and on the documents, events and sources of the context they name.
    """
    findings: dict[str, Finding] = {}
    pairs = 0
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
    claims = {claim.id: claim for claim in topic.claims}
    graded = [grade(apply_independence(f, context.sources), claims) for f in findings.values()]
    return Outcome(findings=graded, candidate_comparisons=pairs)
