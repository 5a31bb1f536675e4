"""Absence vs report: one outlet says something did not happen, another reports it happening.

The report must fall in the window the absence speaks for: not before the event ("prior
to the talks" is no reaction to them), and not after the absence was written ("has yet to
impose sanctions" on Monday is not contradicted by sanctions imposed on Wednesday). A
report with neither a date nor a place relative to the event is never used. When the
absence names what the reaction would be to ("no reaction to the pledge"), the report
must be about the same thing.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import ClassVar

from claimdiff.align.blocking import AbsenceKey, ClaimGroup, absence_key
from claimdiff.compare.base import Comparison, Verdict, event_label
from claimdiff.compare.participants import absence_of, quoted, says
from claimdiff.findings import Context, make_finding, make_side
from claimdiff.models import AbsenceValue, Claim, ClaimKind, Finding, FindingKind, Severity


def contradicts(
    absence: AbsenceValue, report: AbsenceValue, *, event_start: date | None = None
) -> tuple[bool, str]:
    """Return whether a report falls in the window of an absence, and why (not)."""
    if report.timing == "before":
        return False, "the report is placed before the event"
    if report.first is not None:
        if event_start is not None and report.last is not None and report.last < event_start:
            return False, "the report is dated before the event"
        if absence.as_of is not None and report.first > absence.as_of:
            return False, "it happened after the absence was reported"
    elif report.timing is None:
        return False, "the report gives no time"
    elif absence.as_of is not None and report.as_of is not None and report.as_of > absence.as_of:
        return False, "the report was published after the absence was"
    if absence.about and report.about and not set(absence.about) & set(report.about):
        return False, "the report is about something else"
    return True, "the report falls within the window the absence speaks for"


def _when(report: AbsenceValue) -> str:
    """Return "on 4 September 2025" or "after the event" for a report."""
    if report.first is not None:
        if report.last is not None and report.last != report.first:
            return f"between {_day(report.first)} and {_day(report.last)}"
        return f"on {_day(report.first)}"
    return f"{report.timing} the event" if report.timing else "in the same window"


def _day(value: date) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"


class AbsenceComparator:
    """An outlet's "did not happen (yet)" against another's report of it happening.

    Contradiction: "There has been no immediate official reaction from Moscow" vs "On
                   Thursday, the Kremlin denounced the plan".
    Consistent:    "Moscow has yet to respond" (Monday) vs "Moscow responded on Wednesday".
    """

    name: ClassVar[str] = "absence_vs_report"
    kind: ClassVar[FindingKind] = FindingKind.ABSENCE_VS_REPORT
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.ABSENCE})

    def block(self, claim: Claim) -> Hashable | None:
        """Absences and reports meet on (event, thing, actor)."""
        return absence_key(claim)

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return CONTRADICTION when one says it did not happen and the other dates it."""
        if self.block(left) is None or self.block(left) != self.block(right):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different topics")
        a, b = absence_of(left), absence_of(right)
        if a.occurred == b.occurred:
            return Comparison(verdict=Verdict.CONSISTENT, explanation="both say the same")
        absence, report = (a, b) if not a.occurred else (b, a)
        clash, why = contradicts(absence, report)
        verdict = Verdict.CONTRADICTION if clash else Verdict.CONSISTENT
        return Comparison(
            verdict=verdict, explanation=f"{absence.label()} vs {report.label()}: {why}"
        )

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return a finding when a report falls in the window of another outlet's absence."""
        if not isinstance(group.key, AbsenceKey):
            return []
        key = group.key
        event = context.events.get(key.event)
        start = event.start if event is not None else None
        absences = [c for c in group.claims if not absence_of(c).occurred]
        reports = [c for c in group.claims if absence_of(c).occurred]
        denied: dict[str, Claim] = {}
        reported: dict[str, Claim] = {}
        for absence in absences:
            for report in reports:
                if report.doc_id == absence.doc_id:
                    continue
                clash, _ = contradicts(absence_of(absence), absence_of(report), event_start=start)
                if clash:
                    denied[absence.id] = absence
                    reported[report.id] = report
        if not denied:
            return []
        left = sorted(denied.values(), key=lambda c: (c.doc_id, c.evidence.start))
        right = sorted(reported.values(), key=lambda c: (c.doc_id, c.evidence.start))
        first = absence_of(left[0])
        sides = [
            make_side(left, label=first.label(), measure=key.what, value=first, context=context),
            make_side(
                right,
                label=f"{first.label_text} reported",
                measure=key.what,
                value=absence_of(right[0]),
                context=context,
            ),
        ]
        actor = first.actor_name or key.actor
        when = "; ".join(sorted({_when(absence_of(c)) for c in right}))
        shown = {d.doc_id for d in right}
        ignored = [c for c in reports if c.id not in reported and c.doc_id not in shown]
        note = (
            f"; {says(ignored, context, 'report')} one outside that window, which is not counted"
            if ignored
            else ""
        )
        explanation = (
            f"{says(left, context)} there was no {first.label_text} from {actor} "
            f"({quoted(left, context)}), but {says(right, context, 'report')} one {when} "
            f"({quoted(right, context)}){note}: check whether it came before the first "
            "outlet went to press."
        )
        return [
            make_finding(
                self.kind,
                sides=sides,
                severity=Severity.MEDIUM,
                confidence=0.7,
                topic=f"{first.label_text} from {actor} ({event_label(key.event, context)})",
                event=key.event,
                explanation=explanation,
                context=context,
            )
        ]
