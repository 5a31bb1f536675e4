"""Blocking keys: only claims sharing a key are ever compared, which keeps alignment linear.

Each comparator declares its key function (`Comparator.block`); the functions for each
claim kind live here so that the keys of all kinds can be read side by side.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from claimdiff.lexicon import measures
from claimdiff.models import Claim, ClaimKind

Blocker = Callable[[Claim], Hashable | None]


class TopicKey(NamedTuple):
    """Counts of the same thing at the same event: (event, kind, subject, family).

    The measure family keeps deaths apart from commitments even when both count
    "members"; within a family, different measures meet as `different_measure`.
    """

    event: str
    kind: str
    subject: str
    family: str


class MeasureKey(NamedTuple):
    """Counts of the same measure: a topic key plus the predicate class."""

    topic: TopicKey
    measure: str


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims sharing one blocking key, from at least two documents."""

    key: Hashable
    claims: tuple[Claim, ...]

    @property
    def doc_ids(self) -> frozenset[str]:
        """Return the documents that speak in this group."""
        return frozenset(c.doc_id for c in self.claims)

    def cross_document_pairs(self) -> int:
        """Count the pairs of claims from different documents the group puts together."""
        per_doc: dict[str, int] = defaultdict(int)
        for claim in self.claims:
            per_doc[claim.doc_id] += 1
        total = sum(per_doc.values())
        return (total * total - sum(n * n for n in per_doc.values())) // 2


def topic_key(claim: Claim) -> TopicKey | None:
    """Return the key under which a count meets the counts it may be shown with."""
    if claim.kind is not ClaimKind.QUANTITY or not claim.event:
        return None
    family = measures().classes[claim.measure].family
    return TopicKey(claim.event, claim.kind.value, claim.subject, family)


def measure_key(claim: Claim) -> MeasureKey | None:
    """Return the key under which a count's value may conflict with another's."""
    topic = topic_key(claim)
    return None if topic is None else MeasureKey(topic, claim.measure)


def group_by(claims: Iterable[Claim], key: Blocker) -> list[ClaimGroup]:
    """Return the groups of claims sharing a key that at least two documents speak to."""
    blocks: dict[Hashable, list[Claim]] = defaultdict(list)
    for claim in claims:
        block = key(claim)
        if block is not None:
            blocks[block].append(claim)
    groups = [
        ClaimGroup(key=block, claims=tuple(sorted(members, key=_claim_order)))
        for block, members in blocks.items()
    ]
    groups = [g for g in groups if len(g.doc_ids) >= 2]
    groups.sort(key=lambda g: g.claims[0].id)
    return groups


def _claim_order(claim: Claim) -> tuple[str, int, str]:
    return (claim.doc_id, claim.evidence.start, claim.id)


class StatusKey(NamedTuple):
    """Status claims about one actor and one undertaking at one event."""

    event: str
    actor: str
    undertaking: str


class ModeKey(NamedTuple):
    """Mode claims about one actor at one event.

    A person is keyed by the first letters of the surname so that spelling variants
    across outlets ("Zelensky", "Zelenskyy") meet; the comparator then keeps apart
    different people whose surnames merely begin alike.
    """

    event: str
    actor: str


class AbsenceKey(NamedTuple):
    """Absence and report claims about one thing by one actor at one event."""

    event: str
    what: str
    actor: str


def status_key(claim: Claim) -> StatusKey | None:
    """Return the key under which status claims meet: (event, actor, undertaking)."""
    if claim.kind is not ClaimKind.STATUS or not claim.event:
        return None
    return StatusKey(claim.event, claim.subject, claim.measure)


def mode_key(claim: Claim) -> ModeKey | None:
    """Return the key under which mode claims meet: (event, actor)."""
    if claim.kind is not ClaimKind.MODE or not claim.event:
        return None
    actor = claim.subject
    if actor.startswith("person:"):
        surname = actor.removeprefix("person:").rsplit("-", 1)[-1]
        actor = f"person:{surname[:4]}"
    return ModeKey(claim.event, actor)


def absence_key(claim: Claim) -> AbsenceKey | None:
    """Return the key under which absences meet reports: (event, thing, actor)."""
    if claim.kind is not ClaimKind.ABSENCE or not claim.event:
        return None
    return AbsenceKey(claim.event, claim.measure, claim.subject)
