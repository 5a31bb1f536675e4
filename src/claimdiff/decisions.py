"""Editors' decisions as data, and how they follow their findings across re-runs of check.

A decision is made on one finding, whose id hashes its kind and claims; its
``FindingSnapshot`` keeps what the finding said then, with its claim ids side by side.
On each re-run ``reconcile`` sorts the stored decisions against the new report:

- *applies*: the report still has the finding under its id;
- *carried*: the id is gone and exactly one finding of the same kind holds every old
  claim and at least one more (an article joined a side, or a new side appeared), each
  old side still on one side and the old sides still apart; no other decision lands on
  it and it has none of its own. It shows the decision, flagged "evidence changed",
  until an editor decides on it, which records the decision it took over;
- *superseded*: an editor took the decision over on a later finding (``carried_from``),
  by deciding on a finding it was carried to or by applying it to one sharing its claims;
- *no longer found*: anything else (claims removed or changed, two candidates, another
  kind), kept and shown with the findings sharing its claims, for editors to apply.

Each decision and each change names the editor who made it (``claimdiff review
--editor``); ``validate_editor`` says what a name may be.

Nothing here touches files; ``review.py`` stores the records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from pydantic import Field

from claimdiff.models import Decision, Finding, Record, Report
from claimdiff.render.controls import NOTE_LIMIT, Mark

__all__ = [
    "EDITOR_LIMIT",
    "Carry",
    "DecisionChange",
    "DecisionRecord",
    "DecisionRequest",
    "FindingSnapshot",
    "Reconciliation",
    "reconcile",
    "related_findings",
    "validate_editor",
]

EDITOR_LIMIT = 64
"""Longest editor name (or initials) a decision records, in characters."""


def validate_editor(name: str) -> str:
    """Return an editor's name without surrounding spaces, or raise ``ValueError`` saying why.

    A name is one line of at most ``EDITOR_LIMIT`` printable characters (letters of any
    script, digits, punctuation, spaces), not blank: no tabs, line breaks, control or
    bidirectional formatting characters, which could forge or hide lines of the log.
    """
    text = name.strip()
    if not text:
        raise ValueError("give a name or initials (it is recorded with each decision)")
    if len(text) > EDITOR_LIMIT:
        raise ValueError(f"at most {EDITOR_LIMIT} characters, got {len(text)}")
    bad = next((char for char in text if not char.isprintable()), None)
    if bad is not None:
        raise ValueError(
            f"one line of printable characters; U+{ord(bad):04X} at position "
            f"{text.index(bad) + 1} is not"
        )
    return text


class FindingSnapshot(Record):
    """What a finding said when it was decided, so its decision outlives it."""

    kind: str
    severity: str
    confidence: float
    topic: str
    event: str
    explanation: str
    outlets: list[str]
    claim_ids: list[str]
    sides: list[list[str]] = Field(
        default_factory=list,
        description="Claim ids side by side; empty in decisions made before schema 2.",
    )

    @classmethod
    def of(cls, finding: Finding, report: Report) -> FindingSnapshot:
        """Return the snapshot of ``finding`` (its event by label) in ``report``."""
        events = {event.id: event.label for event in report.events}
        outlets = {o for side in finding.sides for o in side.outlets}
        return cls(
            kind=finding.kind.value,
            severity=finding.severity.value,
            confidence=finding.confidence,
            topic=finding.topic,
            event=events.get(finding.event, finding.event),
            explanation=finding.explanation,
            outlets=sorted(outlets, key=lambda o: (o.casefold(), o)),
            claim_ids=sorted({e.claim_id for side in finding.sides for e in side.evidence}),
            sides=[sorted({e.claim_id for e in side.evidence}) for side in finding.sides],
        )


class DecisionChange(Record):
    """One change of a finding's decision, as the history keeps it."""

    decision: Decision
    note: str
    decided_at: datetime
    carried_from: str | None = Field(
        default=None, description="The finding whose carried decision this change took over."
    )
    editor: str = Field(
        default="", description="Who made the change; empty if no name was given (or before v3)."
    )


class DecisionRecord(Record):
    """The current decision on one finding, with the snapshot taken when it was made."""

    finding_id: str
    decision: Decision
    note: str
    decided_at: datetime
    changes: int = Field(description="How many changes the history holds.")
    finding: FindingSnapshot
    carried_from: str | None = Field(
        default=None,
        description="The earlier finding whose decision an editor took over for this one.",
    )
    editor: str = Field(
        default="", description="Who made the decision; empty if no name was given (or before v3)."
    )

    @property
    def mark(self) -> Mark:
        """Return the decision as the HTML report shows it."""
        return Mark(self.decision, self.note, self.decided_at, editor=self.editor)


class DecisionRequest(Record):
    """A decision as the review page posts it."""

    finding_id: str = Field(min_length=1, max_length=128)
    decision: Decision
    note: str = Field(default="", max_length=NOTE_LIMIT)
    carried_from: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        description="A decision on a finding no longer found that this one applies.",
    )


def _claims(finding: Finding) -> frozenset[str]:
    return frozenset(e.claim_id for side in finding.sides for e in side.evidence)


def related_findings(record: DecisionRecord, report: Report) -> tuple[str, ...]:
    """Return the findings of ``report`` that share claims with a decided finding."""
    claims = set(record.finding.claim_ids)
    return tuple(finding.id for finding in report.findings if claims & _claims(finding))


@dataclass(frozen=True, slots=True)
class Carry:
    """A decision carried from a finding no longer found to the one that grew from it."""

    finding_id: str
    record: DecisionRecord
    claims_added: int

    @property
    def mark(self) -> Mark:
        """Return the carried decision as the HTML report shows it, flagged."""
        record = self.record
        return Mark(
            record.decision,
            record.note,
            record.decided_at,
            carried_from=record.finding_id,
            claims_added=self.claims_added,
            editor=record.editor,
        )


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The stored decisions sorted against one report (each mapping in a stable order)."""

    applied: Mapping[str, DecisionRecord]
    """Decisions whose finding the report has, by finding id."""
    carried: Mapping[str, Carry]
    """Decisions carried to a finding with new evidence, by the new finding's id."""
    superseded: Mapping[str, str]
    """Decisions an editor took over on a later finding: old id to the later one."""
    gone: Mapping[str, DecisionRecord]
    """Decisions on findings no longer found, neither carried nor taken over."""

    def carried_to(self, finding_id: str) -> str | None:
        """Return where the decision on ``finding_id`` went (carried or taken over)."""
        carried = (c.finding_id for c in self.carried.values() if c.record.finding_id == finding_id)
        return next(carried, None) or self.superseded.get(finding_id)


def _sides_kept(snapshot: FindingSnapshot, finding: Finding) -> bool:
    """Return whether each old side lies on one side of ``finding``, old sides apart."""
    side_of: dict[str, int] = {}
    for index, side in enumerate(finding.sides):
        for evidence in side.evidence:
            side_of.setdefault(evidence.claim_id, index)
    if not snapshot.sides:  # decided before schema 2: the old claims must still disagree
        return len({side_of.get(claim, -1) for claim in snapshot.claim_ids}) >= 2
    landed = [{side_of.get(claim, -1) for claim in side} for side in snapshot.sides]
    kept = all(len(sides) == 1 for sides in landed) and -1 not in set().union(*landed)
    return kept and len(set().union(*landed)) == len(landed)


def reconcile(report: Report, records: Mapping[str, DecisionRecord]) -> Reconciliation:
    """Return which stored decisions apply to ``report``, are carried, or are gone."""
    claims = {finding.id: _claims(finding) for finding in report.findings}
    ordered = sorted(records.items())
    applied = {fid: record for fid, record in ordered if fid in claims}
    superseded: dict[str, str] = {}
    for fid, record in ordered:
        old = record.carried_from
        if old is not None and old in records and old not in claims:
            superseded.setdefault(old, fid)
    holders: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        for claim in claims[finding.id]:  # each list in report order
            holders[claim].append(finding)
    landing: dict[str, list[DecisionRecord]] = defaultdict(list)
    for fid, record in ordered:
        old_claims = set(record.finding.claim_ids)
        # An undecided (cleared) record carries nothing worth a flag.
        if fid in claims or fid in superseded or record.decision is Decision.UNDECIDED:
            continue
        if not old_claims:
            continue
        candidates = [
            finding
            for finding in holders.get(min(old_claims), ())
            if finding.kind.value == record.finding.kind and old_claims < claims[finding.id]
        ]
        if len(candidates) == 1 and _sides_kept(record.finding, candidates[0]):
            landing[candidates[0].id].append(record)
    carried = {
        target: Carry(target, found[0], len(claims[target]) - len(found[0].finding.claim_ids))
        for target, found in landing.items()
        if len(found) == 1 and target not in records
    }
    sources = {carry.record.finding_id for carry in carried.values()}
    gone = {
        fid: record
        for fid, record in ordered
        if fid not in claims and fid not in superseded and fid not in sources
    }
    return Reconciliation(applied, carried, superseded, gone)
