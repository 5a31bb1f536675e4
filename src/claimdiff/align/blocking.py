"""Blocking keys: only claims sharing a key are ever compared, which keeps alignment linear."""

from __future__ import annotations

from typing import NamedTuple

from claimdiff.lexicon import measures
from claimdiff.models import Claim, ClaimKind


class TopicKey(NamedTuple):
    """Claims about the same thing at the same event: (event, kind, subject, family).

    The measure family keeps deaths apart from commitments even when both count
    "members"; within a family, different measures meet as `different_measure`.
    """

    event: str
    kind: str
    subject: str
    family: str


class MeasureKey(NamedTuple):
    """Claims that count the same measure: a topic key plus the predicate class."""

    topic: TopicKey
    measure: str


def topic_key(claim: Claim) -> TopicKey:
    """Return the key under which a claim meets the claims it may be shown with."""
    return TopicKey(
        claim.event, claim.kind, claim.subject, measures().classes[claim.measure].family
    )


def measure_key(claim: Claim) -> MeasureKey:
    """Return the key under which a claim's value may conflict with another's."""
    return MeasureKey(topic_key(claim), claim.measure)


def is_comparable(claim: Claim) -> bool:
    """Return True for claims that may take part in a comparison."""
    return claim.kind is ClaimKind.QUANTITY and bool(claim.event)
