"""The logic date and time conflicts share: one happening, ranges that cannot meet.

``DateComparator`` (``compare/date.py``) and ``TimeComparator`` (``compare/time.py``)
differ only in which pairs they judge (whole days, or clock times) and how they explain
a clash, so both build on ``MomentComparator``.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import ClassVar

from claimdiff.align.blocking import ClaimGroup
from claimdiff.compare.base import Comparison, Verdict, event_label
from claimdiff.compare.timing import (
    WhenKey,
    actors_matter,
    compatible,
    describe_sides,
    make_sides,
    same_people,
    side_label,
    time_of,
    verdict_sides,
    when_key,
)
from claimdiff.findings import Context, make_finding
from claimdiff.models import Claim, ClaimKind, Finding, FindingKind, Severity, TimeValue


def happening_name(subject: str, measure: str) -> str:
    """Return how findings name a dated happening: "the meeting", "the start of the war"."""
    if measure == "began":
        return f"the start of the {subject}"
    if measure == "ended":
        return f"the end of the {subject}"
    return f"the {subject}"


class MomentComparator:
    """Dates or times of one happening at one event that cannot describe one moment."""

    name: ClassVar[str] = "moment"
    kind: ClassVar[FindingKind] = FindingKind.DATE_CONFLICT
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.TIME})
    noun: ClassVar[str] = "date"

    def block(self, claim: Claim) -> Hashable | None:
        """Dates meet when event, happening class and role (began, ended) agree."""
        return when_key(claim, ClaimKind.TIME)

    def judges(self, left: TimeValue, right: TimeValue) -> bool:
        """Return True for the pairs this comparator is responsible for."""
        raise NotImplementedError

    def explain_pair(self, left: TimeValue, right: TimeValue) -> str:
        """Return the sentence for one clashing pair."""
        raise NotImplementedError

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return the verdict on two time claims."""
        key = self.block(left)
        if key is None or key != self.block(right):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different happenings")
        a, b = time_of(left), time_of(right)
        if not self.judges(a, b):
            return Comparison(
                verdict=Verdict.NOT_COMPARABLE, explanation=f"not a pair of {self.noun}s"
            )
        if actors_matter(left.subject) and not same_people(a.actors, b.actors):
            return Comparison(
                verdict=Verdict.NOT_COMPARABLE,
                explanation=f"different participants: {', '.join(a.actors)} / "
                f"{', '.join(b.actors)}",
            )
        if compatible(a, b):
            return Comparison(
                verdict=Verdict.CONSISTENT,
                explanation=f"{side_label(a)} and {side_label(b)} can be one {self.noun}",
            )
        return Comparison(verdict=Verdict.CONTRADICTION, explanation=self.explain_pair(a, b))

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return one finding when the group's outlets give clashing values."""
        if not isinstance(group.key, WhenKey):
            return []
        key = group.key
        chosen = verdict_sides(
            group.claims, label=lambda c: time_of(c).normalised(), relate=self.relate
        )
        if not chosen:
            return []
        what = happening_name(key.subject, key.measure)
        sides = make_sides(
            chosen,
            label=lambda c: side_label(time_of(c)),
            value=time_of,
            measure=key.measure,
            context=context,
        )
        described = describe_sides(sides)
        return [
            make_finding(
                self.kind,
                sides=sides,
                severity=Severity.MEDIUM,
                confidence=0.8,
                topic=f"{self.noun} of {what} ({event_label(key.event, context)})",
                event=key.event,
                explanation=self.explain(what, described, [time_of(c[0]) for c in chosen]),
                context=context,
            )
        ]

    def explain(self, what: str, described: str, values: Sequence[TimeValue]) -> str:
        """Return the finding's sentence: what clashes and what an editor should check."""
        raise NotImplementedError
