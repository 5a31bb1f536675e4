"""Specified vs unspecified: one outlet gives an actor's status or role, another says it is open.

An outlet that never mentions the actor says nothing: it is listed as silent, never as a
side. An outlet that both gives a role and calls details open ("will act as a backstop",
"support will be finalised in the coming days") stands with the role it gives.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from claimdiff.align.blocking import ClaimGroup, StatusKey, status_key
from claimdiff.compare.base import Comparison, Verdict, event_label
from claimdiff.compare.participants import (
    DEFINITE,
    quoted,
    says,
    status_of,
    status_phrase,
    undertaking_phrase,
)
from claimdiff.findings import Context, make_finding, make_side
from claimdiff.models import Claim, ClaimKind, Finding, FindingKind, Severity, Side


class SpecifiedComparator:
    """A definite status or role against an explicit "open" or "unclear".

    Contradiction: "Trump was willing to offer US support as a backstop" vs "the level of
                   U.S. participation remains ambiguous".
    Consistent:    "the US has been clear about its readiness to participate" vs "the
                   specifics of American involvement are still unclear" (a willingness
                   leaves the form open).
    """

    name: ClassVar[str] = "specified_vs_unspecified"
    kind: ClassVar[FindingKind] = FindingKind.SPECIFIED_VS_UNSPECIFIED
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.STATUS})

    def block(self, claim: Claim) -> Hashable | None:
        """Status claims meet on (event, actor, undertaking)."""
        return status_key(claim)

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return CONTRADICTION when one claim is definite and the other unspecified."""
        if self.block(left) is None or self.block(left) != self.block(right):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different topics")
        a, b = status_of(left), status_of(right)
        if {a.status, b.status} & {"unspecified"} and len({a.status, b.status}) == 2:
            given = a if a.status != "unspecified" else b
            if given.status in DEFINITE:
                return Comparison(
                    verdict=Verdict.CONTRADICTION,
                    explanation=(
                        f"one gives {given.actor_name} a definite part "
                        f"({status_phrase(given)}), the other says it is still open"
                    ),
                )
            return Comparison(
                verdict=Verdict.CONSISTENT,
                explanation=f"{status_phrase(given)} leaves the form of taking part open",
            )
        return Comparison(verdict=Verdict.CONSISTENT, explanation="both say the same kind of thing")

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return a finding when some outlets give a definite part and others call it open."""
        if not isinstance(group.key, StatusKey):
            return []
        definite: dict[str, list[Claim]] = {}
        open_: dict[str, list[Claim]] = {}
        for claim in group.claims:
            status = status_of(claim).status
            if status in DEFINITE:
                definite.setdefault(claim.doc_id, []).append(claim)
            elif status == "unspecified":
                open_.setdefault(claim.doc_id, []).append(claim)
        # An outlet that gives a part stands with it, whatever details it calls open.
        unspecified = [c for doc, cs in sorted(open_.items()) if doc not in definite for c in cs]
        if not definite or not unspecified:
            return []
        by_value: dict[str, list[Claim]] = {}
        for claims in definite.values():
            for claim in claims:
                by_value.setdefault(status_of(claim).normalised(), []).append(claim)
        sides: list[Side] = []
        for _, claims in sorted(by_value.items()):
            value = status_of(claims[0])
            sides.append(
                make_side(
                    claims,
                    label=status_phrase(value),
                    measure=value.undertaking,
                    value=value,
                    context=context,
                )
            )
        first = status_of(unspecified[0])
        sides.append(
            make_side(
                unspecified,
                label="unspecified",
                measure=first.undertaking,
                value=first,
                context=context,
            )
        )
        key = group.key
        actor = first.actor_name
        given = "; ".join(
            f"{says(cs, context, 'give')} {actor} a definite part"
            f"{undertaking_phrase(key.undertaking)}: {status_phrase(status_of(cs[0]))}"
            for _, cs in sorted(by_value.items())
        )
        also_open = [c for doc, cs in sorted(open_.items()) if doc in definite for c in cs]
        note = f"; {says(also_open, context, 'also call')} some details open" if also_open else ""
        explanation = (
            f"{given}, while {says(unspecified, context)} it is still open "
            f"({quoted(unspecified, context)}){note}: check whether the part was settled "
            "or is only reported by some."
        )
        return [
            make_finding(
                self.kind,
                sides=sides,
                severity=Severity.LOW,
                confidence=0.7,
                topic=f"part of {actor}{undertaking_phrase(key.undertaking)} "
                f"({event_label(key.event, context)})",
                event=key.event,
                explanation=explanation,
                context=context,
            )
        ]
