"""Timeframe conflicts: one speaker's one undertaking, reported with different horizons."""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from claimdiff.align.blocking import ClaimGroup
from claimdiff.compare.base import Comparison, Verdict, event_label
from claimdiff.compare.timing import (
    TimeframeKey,
    describe_sides,
    make_sides,
    same_people,
    side_label,
    speaker_name,
    time_of,
    timeframe_key,
    verdict_sides,
)
from claimdiff.findings import Context, make_finding
from claimdiff.models import Claim, ClaimKind, Finding, FindingKind, Severity, TimeValue


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _overlap(left: TimeValue, right: TimeValue) -> bool:
    return left.start < right.end and right.start < left.end


class TimeframeComparator:
    """Same speaker, same undertaking, same event; forward windows that cannot overlap.

    Contradiction: "support will be finalized in the coming days, Macron said" vs
                   "Macron said support would be finalized in the coming weeks".
    Consistent:    "in the coming days" vs "by the end of the month" (published 4 September).
    """

    name: ClassVar[str] = "timeframe"
    kind: ClassVar[FindingKind] = FindingKind.TIMEFRAME_CONFLICT
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.TIMEFRAME})

    def block(self, claim: Claim) -> Hashable | None:
        """Timeframes meet when event, speaker and undertaking agree."""
        return timeframe_key(claim)

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return the verdict on two timeframe claims."""
        key = self.block(left)
        if key is None or key != self.block(right):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different statements")
        a, b = time_of(left), time_of(right)
        if _fold(a.surface) == _fold(b.surface):
            # One wording ("by the end of the week") read from two publication dates
            # gives two windows; the outlets still report the same words.
            return Comparison(
                verdict=Verdict.CONSISTENT, explanation=f"the same words: {a.surface!r}"
            )
        if not same_people(a.actors, b.actors):
            return Comparison(
                verdict=Verdict.NOT_COMPARABLE,
                explanation=f"different things undertaken: {', '.join(a.actors)} / "
                f"{', '.join(b.actors)}",
            )
        if _overlap(a, b):
            return Comparison(
                verdict=Verdict.CONSISTENT,
                explanation=f"{side_label(a)} and {side_label(b)} overlap",
            )
        return Comparison(
            verdict=Verdict.CONTRADICTION, explanation=f"{side_label(a)} vs {side_label(b)}"
        )

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return one finding when the group's windows cannot all be true."""
        if not isinstance(group.key, TimeframeKey):
            return []
        key = group.key
        chosen = verdict_sides(
            group.claims, label=lambda c: time_of(c).normalised(), relate=self.relate
        )
        if not chosen:
            return []
        sides = make_sides(
            chosen,
            label=lambda c: side_label(time_of(c)),
            value=time_of,
            measure="timeframe",
            context=context,
        )
        what = chosen[0][0].subject_text
        who = speaker_name(key.speaker) if key.speaker else "The outlets"
        described = describe_sides(sides)
        verb = "is reported with" if key.speaker else "give"
        explanation = (
            f"{who} {verb} different timeframes for when '{what}' will happen: {described}. "
            "These windows do not overlap; check the original statement's wording."
        )
        speaker = f" by {speaker_name(key.speaker)}" if key.speaker else ""
        return [
            make_finding(
                self.kind,
                sides=sides,
                severity=Severity.MEDIUM,
                confidence=0.7,
                topic=f"timeframe for '{what}'{speaker} ({event_label(key.event, context)})",
                event=key.event,
                explanation=explanation,
                context=context,
            )
        ]
