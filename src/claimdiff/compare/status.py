"""Status conflicts: outlets put the same actor in and out of the same undertaking.

In (committed, willing, conditional), out (declined, excluded) and undecided cannot be
true of one actor, undertaking and event at once. A supporting role is compatible with
every status (a country that declines troops may still offer monitoring), and declined
and excluded agree that the actor is out. An outlet that reports both sides itself
(a change of mind) sets no side against another outlet.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from claimdiff.align.blocking import ClaimGroup, StatusKey, status_key
from claimdiff.compare.base import Comparison, Verdict, event_label, outlets
from claimdiff.compare.participants import (
    IN,
    OUT,
    status_of,
    undertaking_phrase,
)
from claimdiff.findings import Context, make_finding, make_side
from claimdiff.models import Claim, ClaimKind, Finding, FindingKind, Severity


def stance(status: str) -> str | None:
    """Return "in", "out", "undecided" or None (no stance: supporting, unspecified)."""
    if status in IN:
        return "in"
    if status in OUT:
        return "out"
    return "undecided" if status == "undecided" else None


_STANCE_WORDS = {"in": "taking part", "out": "not taking part", "undecided": "undecided"}


class StatusConflictComparator:
    """Incompatible statuses for one actor, undertaking and event.

    Contradiction: "Italy would not deploy troops" vs "Italy has committed troops".
    Consistent:    "Italy would not deploy troops" vs "Italy could assist in monitoring".
    """

    name: ClassVar[str] = "status_conflict"
    kind: ClassVar[FindingKind] = FindingKind.STATUS_CONFLICT
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.STATUS})

    def block(self, claim: Claim) -> Hashable | None:
        """Status claims meet on (event, actor, undertaking)."""
        return status_key(claim)

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return CONTRADICTION when the two statuses put the actor in and out."""
        if self.block(left) is None or self.block(left) != self.block(right):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different topics")
        a, b = status_of(left), status_of(right)
        sa, sb = stance(a.status), stance(b.status)
        if sa is None or sb is None or sa == sb:
            return Comparison(
                verdict=Verdict.CONSISTENT,
                explanation=f"{a.status} and {b.status} can both hold for {a.actor_name}",
            )
        return Comparison(
            verdict=Verdict.CONTRADICTION,
            explanation=f"{a.actor_name}: {a.status} vs {b.status} for {a.undertaking}",
        )

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return a finding when outlets disagree on whether the actor takes part."""
        if not isinstance(group.key, StatusKey):
            return []
        per_doc: dict[str, set[str]] = {}
        by_stance: dict[str, list[Claim]] = {}
        for claim in group.claims:
            found = stance(status_of(claim).status)
            if found is not None:
                per_doc.setdefault(claim.doc_id, set()).add(found)
                by_stance.setdefault(found, []).append(claim)
        clashing: set[str] = set()
        docs = sorted(per_doc)
        for i, left in enumerate(docs):
            for right in docs[i + 1 :]:
                for a in per_doc[left] - per_doc[right]:
                    for b in per_doc[right] - per_doc[left]:
                        clashing.update((a, b))
        if len(clashing) < 2:
            return []
        sides = []
        for name in sorted(clashing):
            claims = by_stance[name]
            value = status_of(claims[0])
            statuses = sorted({status_of(c).status for c in claims})
            sides.append(
                make_side(
                    claims,
                    label=f"{_STANCE_WORDS[name]} ({', '.join(statuses)})",
                    measure=value.undertaking,
                    value=value,
                    context=context,
                )
            )
        key = group.key
        actor = status_of(group.claims[0]).actor_name
        described = " vs ".join(
            f"{_STANCE_WORDS[name]} ({outlets(by_stance[name], context)})"
            for name in sorted(clashing)
        )
        what = undertaking_phrase(key.undertaking)
        explanation = (
            f"Outlets disagree on whether {actor} takes part{what}: "
            f"{described}; both cannot hold at this event, so check the original statement."
        )
        severity = Severity.HIGH if {"in", "out"} <= clashing else Severity.MEDIUM
        return [
            make_finding(
                self.kind,
                sides=sides,
                severity=severity,
                confidence=0.8 if severity is Severity.HIGH else 0.65,
                topic=f"whether {actor} takes part{what} ({event_label(key.event, context)})",
                event=key.event,
                explanation=explanation,
                context=context,
            )
        ]
