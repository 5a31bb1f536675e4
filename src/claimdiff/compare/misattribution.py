"""Misattribution: the same words put in different mouths by different outlets.

Contradiction: “We will not trade land for peace,” said the defence minister (outlet A)
               vs the same words from the prime minister (outlet B).
Consistent:    the same words from one speaker, or from a spokesman and the government
               he speaks for ("a spokesman for the German government" and Germany).
Not comparable: different words.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from functools import lru_cache
from typing import ClassVar, NamedTuple

from claimdiff.align.blocking import ClaimGroup
from claimdiff.compare.base import (
    Comparison,
    Verdict,
    event_label,
    linked_groups,
    sharing_pairs,
)
from claimdiff.compare.quote_variant import quote_of
from claimdiff.compare.wording import align, minhash_keys
from claimdiff.findings import Context, make_finding, make_side
from claimdiff.models import Claim, ClaimKind, Finding, FindingKind, QuoteValue, Severity

# Near-identical: this share of the shorter quotation's words, and this many words at least.
COVERAGE = 0.8
MIN_WORDS = 5
MIN_CONTENT = 3


class ShingleKey(NamedTuple):
    """Quotations at one event sharing one min-hash shingle of their words."""

    event: str
    seed: int
    shingle: str


@lru_cache(maxsize=1 << 16)
def _shingle_keys(event: str, words: str) -> tuple[ShingleKey, ...]:
    """Return the keys of a quotation at an event (memoised: outlets repeat quotations)."""
    return tuple(
        ShingleKey(event, seed, shingle) for seed, shingle in enumerate(minhash_keys(words))
    )


def near_identical(left: str, right: str) -> bool:
    """Return True when two quotations are the same words, or nearly."""
    alignment, _ = align(left, right)
    return (
        len(alignment.shorter) >= MIN_WORDS
        and alignment.coverage >= COVERAGE
        and alignment.content_matched >= MIN_CONTENT
        and len(alignment.window) <= len(alignment.shorter) + 2
    )


def compatible(left: QuoteValue, right: QuoteValue) -> bool:
    """Return True when two speakers may both be right.

    They are one speaker, or one acts for the other (a spokesperson and the government
    or ministry they speak for). One name is one speaker whatever kind of entity the
    model took it for in each outlet ("Ruben Grieg told reporters" read as a place in
    one, a person in another): the ids differ only in their kind.
    """
    if left.speaker == right.speaker:
        return True
    if left.speaker and right.speaker and _named(left.speaker) == _named(right.speaker):
        return True
    return left.affiliation == right.speaker or right.affiliation == left.speaker


def _named(speaker: str) -> str:
    """Return the name part of an entity id ("country:ruben-grieg" -> "ruben-grieg")."""
    return speaker.partition(":")[2] or speaker


class MisattributionComparator:
    """Same event, the same words (or nearly), incompatible speakers in different outlets.

    Contradiction: one quotation attributed to the defence minister and to the premier.
    Consistent:    one quotation attributed to a spokesman and to his government.
    """

    name: ClassVar[str] = "misattribution"
    kind: ClassVar[FindingKind] = FindingKind.MISATTRIBUTION
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.QUOTE})

    def blocks(self, claim: Claim) -> tuple[Hashable, ...]:
        """Attributed quotations meet under a few min-hash shingles of their words."""
        value = claim.value
        if not claim.event or not isinstance(value, QuoteValue) or value.speaker is None:
            return ()
        return _shingle_keys(claim.event, value.words)

    def block(self, claim: Claim) -> Hashable | None:
        """Return the first shingle key (grouping uses every key, see ``blocks``)."""
        keys = self.blocks(claim)
        return keys[0] if keys else None

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return the verdict on two quotations."""
        if not set(self.blocks(left)) & set(self.blocks(right)):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different words")
        a, b = quote_of(left), quote_of(right)
        if not near_identical(a.words, b.words):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different words")
        if compatible(a, b):
            return Comparison(
                verdict=Verdict.CONSISTENT,
                explanation=f"both attribute {a.label()} to {a.speaker_name}",
            )
        return Comparison(
            verdict=Verdict.CONTRADICTION,
            explanation=f"{a.label()} is attributed to {a.speaker_name} and to {b.speaker_name}",
        )

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return one finding per quotation the group's outlets attribute to different people."""
        found = []
        for cluster in _clusters(group.claims, self.blocks):
            speakers = _speaker_sides(cluster)
            if len(speakers) < 2 or len({c.doc_id for side in speakers for c in side}) < 2:
                continue
            found.append(_finding(self.kind, speakers, context))
        return found


def _clusters(
    claims: Sequence[Claim], keys_of: Callable[[Claim], tuple[Hashable, ...]]
) -> list[list[Claim]]:
    """Group near-identical quotations (compared only when they share a shingle key)."""
    groups = linked_groups(
        claims,
        sharing_pairs([keys_of(claim) for claim in claims]),
        lambda left, right: near_identical(quote_of(left).words, quote_of(right).words),
    )
    return [group for group in groups if len(group) >= 2]


def _speaker_sides(cluster: Sequence[Claim]) -> list[list[Claim]]:
    """Split a quotation's claims by speaker, keeping compatible speakers together."""
    sides: list[list[Claim]] = []
    for claim in sorted(cluster, key=lambda c: (quote_of(c).speaker or "", c.doc_id, c.id)):
        home = next((s for s in sides if compatible(quote_of(s[0]), quote_of(claim))), None)
        if home is None:
            sides.append([claim])
        else:
            home.append(claim)
    return sides


def _finding(kind: FindingKind, speakers: list[list[Claim]], context: Context) -> Finding:
    sides = [
        make_side(
            claims,
            label=f"{quote_of(claims[0]).speaker_name}: {quote_of(claims[0]).label()}",
            measure="quote",
            value=quote_of(claims[0]),
            context=context,
        )
        for claims in speakers
    ]
    said = "; ".join(
        f"to {quote_of(claims[0]).speaker_name} by {', '.join(side.outlets)}"
        for claims, side in zip(speakers, sides, strict=True)
    )
    event = speakers[0][0].event
    first = quote_of(speakers[0][0])
    return make_finding(
        kind,
        sides=sides,
        severity=Severity.HIGH,
        confidence=0.75,
        topic=f"who said “{_opening(first.text)}” ({event_label(event, context)})",
        event=event,
        explanation=f"{_same(speakers)} words, {first.label()}, are attributed {said}.",
        context=context,
    )


def _opening(text: str, words: int = 8) -> str:
    """Return the first words of a quotation, with an ellipsis when it goes on."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _same(speakers: Sequence[Sequence[Claim]]) -> str:
    """Return "The same" when every side quotes the words alike, else "Nearly the same"."""
    words = {quote_of(c).words for side in speakers for c in side}
    return "The same" if len(words) == 1 else "Nearly the same"
