"""What comparators share: verdicts, the pairwise comparison and the protocol."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from enum import StrEnum
from typing import ClassVar, Protocol, runtime_checkable

from claimdiff.align.blocking import ClaimGroup
from claimdiff.findings import Context
from claimdiff.models import Claim, ClaimKind, Finding, FindingKind, Quantity, Record


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
    """Turns groups of claims sharing its blocking key into findings.

    ``block`` returns the key under which a claim meets the claims it may be compared
    with (None: never compared); ``findings`` reads one such group; ``relate`` judges a
    single pair and is what the fixture cases exercise.
    """

    name: ClassVar[str]
    kind: ClassVar[FindingKind]
    handles: ClassVar[frozenset[ClaimKind]]

    def block(self, claim: Claim) -> Hashable | None:
        """Return the claim's blocking key for this comparator."""
        ...

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return the verdict on two claims."""
        ...

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return the findings of one group."""
        ...


@runtime_checkable
class MultiKeyComparator(Comparator, Protocol):
    """A comparator whose claims meet under several keys at once.

    Near-identical quotations are found through a few shingles of their words, any of
    which they may share (``misattribution``). ``blocks`` returns every key of a claim;
    claims sharing any key form one group, and ``block`` is not used for grouping.
    """

    def blocks(self, claim: Claim) -> tuple[Hashable, ...]:
        """Return every blocking key of the claim (empty: never compared)."""
        ...


def keys_of(comparator: Comparator) -> Callable[[Claim], tuple[Hashable, ...]]:
    """Return a function giving a claim's blocking keys (none, one or several)."""
    if isinstance(comparator, MultiKeyComparator):
        return comparator.blocks

    def single(claim: Claim) -> tuple[Hashable, ...]:
        key = comparator.block(claim)
        return () if key is None else (key,)

    return single


def quantity_of(claim: Claim) -> Quantity:
    """Return a quantity claim's value (comparators of counts only see such claims)."""
    if not isinstance(claim.value, Quantity):
        raise TypeError(f"claim {claim.id} is a {claim.kind} claim, not a count")
    return claim.value


def event_label(event: str, context: Context) -> str:
    """Return the readable label of an event id ("Paris, 4 September 2025")."""
    return context.events[event].label if event in context.events else event


def outlets(claims: Iterable[Claim], context: Context) -> str:
    """Return "GlobalPost, unknown-001": the outlets of some claims, sorted."""
    return ", ".join(sorted({context.outlet(c.doc_id) for c in claims}))


def sharing_pairs(keys: Sequence[Iterable[Hashable]]) -> list[tuple[int, int]]:
    """Return the index pairs of items that share at least one key, in order."""
    index: dict[Hashable, list[int]] = {}
    for i, item_keys in enumerate(keys):
        for key in item_keys:
            index.setdefault(key, []).append(i)
    return sorted({(a, b) for members in index.values() for a in members for b in members if a < b})


def linked_groups(
    claims: Sequence[Claim],
    pairs: Iterable[tuple[int, int]],
    linked: Callable[[Claim, Claim], bool],
) -> list[list[Claim]]:
    """Return claims chained by ``linked`` pairs from different documents, in claim order.

    Only the candidate ``pairs`` (indexes into ``claims``) are tried; a claim linked to
    nothing forms a group of its own.
    """
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        left, right = claims[i], claims[j]
        if left.doc_id != right.doc_id and linked(left, right):
            parent[root(j)] = root(i)
    groups: dict[int, list[Claim]] = {}
    for i, claim in enumerate(claims):
        groups.setdefault(root(i), []).append(claim)
    return [groups[k] for k in sorted(groups)]
