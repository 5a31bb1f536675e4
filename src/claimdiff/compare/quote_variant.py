"""Quote variants: one speaker's statement quoted in different words by different outlets.

Contradiction: Macron quoted as "preventing any new significant aggression" in one
               outlet and "to prevent any new major aggression" in another.
Consistent:    the same words, or a fragment quoted word for word from the longer
               quotation another outlet gives.
Not comparable: two quotations by one speaker about different things.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import ClassVar, NamedTuple

from claimdiff.align.blocking import ClaimGroup
from claimdiff.compare.base import (
    Comparison,
    Verdict,
    event_label,
    linked_groups,
    sharing_pairs,
)
from claimdiff.compare.wording import (
    align,
    describe_changes,
    negation_changed,
    same_statement,
    shingles,
)
from claimdiff.findings import Context, make_finding, make_side
from claimdiff.models import Claim, ClaimKind, Finding, FindingKind, QuoteValue, Severity


class SpeakerKey(NamedTuple):
    """Direct quotations by one speaker at one event."""

    event: str
    speaker: str


def quote_of(claim: Claim) -> QuoteValue:
    """Return a quote claim's value (quote comparators only see such claims)."""
    if not isinstance(claim.value, QuoteValue):
        raise TypeError(f"claim {claim.id} is a {claim.kind} claim, not a quotation")
    return claim.value


def contains(longer: str, shorter: str) -> bool:
    """Return True when ``shorter``'s words appear in ``longer`` in a row, word for word."""
    return f" {shorter} " in f" {longer} "


def wording_changes(left: str, right: str) -> list[tuple[str, str]]:
    """Return the word changes from ``left`` to ``right`` where they line up."""
    alignment, left_shorter = align(left, right)
    changes = alignment.changes()
    return changes if left_shorter else [(after, before) for before, after in changes]


def _speaker_name(claims: Sequence[Claim]) -> str:
    names = sorted({quote_of(c).speaker_name or "" for c in claims} - {""})
    return names[0] if names else "the speaker"


class QuoteVariantComparator:
    """Same speaker and event; quotations of one statement whose words differ.

    Contradiction: "preventing any new significant aggression" vs "to prevent any new
                   major aggression" (both Macron).
    Consistent:    "We do not need unanimity" vs "We do not need unanimity to achieve it".
    """

    name: ClassVar[str] = "quote_variant"
    kind: ClassVar[FindingKind] = FindingKind.QUOTE_VARIANT
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.QUOTE})

    def block(self, claim: Claim) -> Hashable | None:
        """Direct quotations meet when event and speaker agree."""
        value = claim.value
        if not claim.event or not isinstance(value, QuoteValue) or not value.direct:
            return None
        return None if claim.speaker is None else SpeakerKey(claim.event, claim.speaker)

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return the verdict on two quotations."""
        if self.block(left) is None or self.block(left) != self.block(right):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different speakers")
        a, b = quote_of(left), quote_of(right)
        if not same_statement(a.words, b.words):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different statements")
        if contains(a.words, b.words) or contains(b.words, a.words):
            return Comparison(verdict=Verdict.CONSISTENT, explanation="the same words")
        changes = wording_changes(a.words, b.words)
        return Comparison(
            verdict=Verdict.CONTRADICTION,
            explanation=f"{a.label()} vs {b.label()}: {describe_changes(changes)}",
        )

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return one finding per statement the group's outlets quote in different words."""
        if not isinstance(group.key, SpeakerKey):
            return []
        found = []
        for statement in _statements(group.claims):
            sides = _renderings(statement)
            docs = [{c.doc_id for c in side} for side in sides]
            if len(sides) < 2 or len(set().union(*docs)) < 2:
                continue
            found.append(self._finding(group.key, sides, context))
        return found

    def _finding(self, key: SpeakerKey, renderings: list[list[Claim]], context: Context) -> Finding:
        speaker = _speaker_name([c for side in renderings for c in side])
        sides = [
            make_side(
                claims,
                label=quote_of(claims[0]).label(),
                measure="quote",
                value=quote_of(claims[0]),
                context=context,
            )
            for claims in renderings
        ]
        first = quote_of(renderings[0][0])
        diffs = []
        flips = False
        for claims, side in zip(renderings[1:], sides[1:], strict=True):
            changes = wording_changes(first.words, quote_of(claims[0]).words)
            flips = flips or negation_changed(changes)
            diffs.append(f"{', '.join(side.outlets)}: {describe_changes(changes)}")
        quoted = "; ".join(f"{', '.join(s.outlets)} {s.label}" for s in sides)
        explanation = (
            f"{speaker} is quoted in {len(sides)} wordings of one statement ({quoted}); "
            f"against {', '.join(sides[0].outlets)} the words differ ({'; '.join(diffs)})."
        )
        return make_finding(
            self.kind,
            sides=sides,
            severity=Severity.MEDIUM if flips else Severity.LOW,
            confidence=0.7,
            topic=f"words of {speaker} ({event_label(key.event, context)})",
            event=key.event,
            explanation=explanation,
            context=context,
        )


def candidate_pairs(claims: Sequence[Claim]) -> list[tuple[int, int]]:
    """Return the index pairs of quotations sharing a content-word shingle, in order.

    One statement quoted twice shares at least one pair of adjacent content words, so
    only such pairs are aligned: a prolific speaker's quotations stay near-linear.
    """
    return sharing_pairs([shingles(quote_of(claim).words) for claim in claims])


def _statements(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Group one speaker's quotations into statements: chains of same-statement pairs."""
    return linked_groups(
        claims,
        candidate_pairs(claims),
        lambda left, right: same_statement(quote_of(left).words, quote_of(right).words),
    )


def _renderings(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Split a statement's quotations into renderings.

    A word-for-word fragment joins the one rendering holding it: quoting less is not
    quoting differently. A fragment several renderings hold (the words they share) is a
    witness for none of them and is left out: the finding never shows an outlet beside
    words it did not print.
    """
    ordered = sorted(claims, key=lambda c: (-len(quote_of(c).words.split()), c.doc_id, c.id))
    sides: list[list[Claim]] = []
    for claim in ordered:
        words = quote_of(claim).words
        # Longest first: a later, shorter quotation can never hold an earlier one.
        homes = [s for s in sides if contains(quote_of(s[0]).words, words)]
        if not homes:
            sides.append([claim])
        elif len(homes) == 1:
            homes[0].append(claim)
    return sides
