"""What comparators share: verdicts, the pairwise comparison and the protocol."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, Protocol

from claimdiff.align.graph import ClaimGroup
from claimdiff.findings import Context
from claimdiff.models import Claim, Finding, FindingKind, Record


class Verdict(StrEnum):
    """How two claims relate."""

    CONTRADICTION = "contradiction"
    CONSISTENT = "consistent"
    DIFFERENT_MEASURE = "different_measure"
    NOT_COMPARABLE = "not_comparable"


class Comparison(Record):
    """A verdict on two claims and the sentence an editor reads."""

    verdict: Verdict
    explanation: str


class Comparator(Protocol):
    """Turns one topic group into findings; ``relate`` judges a single pair."""

    name: ClassVar[str]
    kind: ClassVar[FindingKind]

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return the verdict on two claims."""
        ...

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return the findings of one topic group."""
        ...
