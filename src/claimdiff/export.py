"""The decision log ``claimdiff export`` writes: every finding with its decision, as CSV or JSON.

Rows are the report's findings in report order, each with its current decision (or
undecided), note, time, the editor who made it, number of changes and, in JSON, its
whole history (each change with its editor); a finding
showing a decision carried from an earlier finding (``review.reconcile``) has that
decision, ``carried_from`` and the number of claims added since, until an editor
decides on it (then ``carried_from`` stays and ``claims_added`` is empty). Then come the
decided findings the report no longer has, described by the snapshot taken when they
were decided, with ``carried_to`` where their decision went and the findings of the
report that share their claims. Unlike the report, the log holds times: it records what
editors did and when.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from pydantic import Field

from claimdiff import __version__
from claimdiff.models import Decision, Record, Report
from claimdiff.render.csv import csv_cell
from claimdiff.review import (
    REVIEW_FILE,
    DecisionChange,
    DecisionRecord,
    FindingSnapshot,
    load_report,
    read_decisions,
    reconcile,
    related_findings,
)

__all__ = [
    "EXPORTERS",
    "EXPORT_COLUMNS",
    "ReviewLog",
    "ReviewedFinding",
    "export_csv",
    "export_decisions",
    "export_json",
    "reviewed_findings",
]


class ReviewedFinding(Record):
    """One line of the decision log ``claimdiff export`` writes."""

    finding_id: str
    found: bool = Field(description="False when report.json no longer has this finding.")
    decision: Decision
    note: str
    decided_at: datetime | None
    editor: str = Field(description="Who made the decision; empty when no name was recorded.")
    changes: int
    kind: str
    severity: str
    confidence: float
    topic: str
    event: str
    explanation: str
    outlets: list[str]
    related: list[str] = Field(
        description="For findings no longer found: findings of the report sharing claims."
    )
    carried_from: str | None = Field(
        default=None, description="The earlier finding whose decision this one carries."
    )
    claims_added: int | None = Field(
        default=None,
        description="Claims gained since the carried decision; None once an editor decided.",
    )
    carried_to: str | None = Field(
        default=None, description="For findings no longer found: where their decision went."
    )
    history: list[DecisionChange]


class ReviewLog(Record):
    """The decision log: every finding of the report and every decision ever recorded."""

    tool: str = "claimdiff"
    version: str
    counts: dict[str, int]
    findings: list[ReviewedFinding]


EXPORT_COLUMNS = (
    "finding_id",
    "found",
    "decision",
    "note",
    "decided_at",
    "editor",
    "changes",
    "severity",
    "kind",
    "confidence",
    "topic",
    "event",
    "explanation",
    "outlets",
    "related_findings",
    "carried_from",
    "claims_added",
    "carried_to",
)


def reviewed_findings(
    report: Report,
    records: Mapping[str, DecisionRecord],
    history: Mapping[str, Sequence[DecisionChange]],
) -> ReviewLog:
    """Return the decision log: the report's findings in order, then those no longer found."""
    state = reconcile(report, records)
    rows: list[ReviewedFinding] = []
    ids = set()
    for finding in report.findings:
        ids.add(finding.id)
        snapshot = FindingSnapshot.of(finding, report)
        carry = state.carried.get(finding.id)
        if carry is None:
            record = records.get(finding.id)
            rows.append(_row(finding.id, True, snapshot, record, history, ()))
            continue
        row = _row(finding.id, True, snapshot, carry.record, history, ())
        extra = {"carried_from": carry.record.finding_id, "claims_added": carry.claims_added}
        rows.append(row.model_copy(update=extra))
    for finding_id, record in sorted(records.items()):
        if finding_id not in ids:
            related = related_findings(record, report)
            row = _row(finding_id, False, record.finding, record, history, related)
            rows.append(row.model_copy(update={"carried_to": state.carried_to(finding_id)}))
    counts = {
        choice.value: sum(r.found and r.decision is choice for r in rows) for choice in Decision
    }
    counts["carried"] = len(state.carried)
    counts["no_longer_found"] = len(state.gone)
    return ReviewLog(version=__version__, counts=counts, findings=rows)


def _row(
    finding_id: str,
    found: bool,
    snapshot: FindingSnapshot,
    record: DecisionRecord | None,
    history: Mapping[str, Sequence[DecisionChange]],
    related: Sequence[str],
) -> ReviewedFinding:
    return ReviewedFinding(
        finding_id=finding_id,
        found=found,
        decision=record.decision if record else Decision.UNDECIDED,
        note=record.note if record else "",
        decided_at=record.decided_at if record else None,
        editor=record.editor if record else "",
        changes=record.changes if record else 0,
        kind=snapshot.kind,
        severity=snapshot.severity,
        confidence=snapshot.confidence,
        topic=snapshot.topic,
        event=snapshot.event,
        explanation=snapshot.explanation,
        outlets=snapshot.outlets,
        related=list(related),
        carried_from=record.carried_from if record else None,
        history=list(history.get(record.finding_id if record else finding_id, ())),
    )


def export_json(log: ReviewLog) -> str:
    """Return the decision log as indented JSON."""
    return log.model_dump_json(indent=2) + "\n"


def export_csv(log: ReviewLog) -> str:
    """Return the decision log as CSV, one row per finding (formula-looking cells defused)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in log.findings:
        cells: tuple[object, ...] = (
            row.finding_id,
            "yes" if row.found else "no",
            row.decision.value,
            row.note,
            row.decided_at.isoformat().replace("+00:00", "Z") if row.decided_at else "",
            row.editor,
            row.changes,
            row.severity,
            row.kind,
            f"{row.confidence:.2f}",
            row.topic,
            row.event,
            row.explanation,
            "; ".join(row.outlets),
            "; ".join(row.related),
            row.carried_from or "",
            "" if row.claims_added is None else row.claims_added,
            row.carried_to or "",
        )
        writer.writerow([csv_cell(value) for value in cells])
    return buffer.getvalue()


EXPORTERS: dict[str, Callable[[ReviewLog], str]] = {"csv": export_csv, "json": export_json}
"""Export formats of ``claimdiff export``."""


def export_decisions(directory: Path, fmt: str) -> str:
    """Return the decision log of ``directory`` in ``fmt`` (never writes the database)."""
    report = load_report(directory)
    records, history = read_decisions(directory / REVIEW_FILE)
    return EXPORTERS[fmt](reviewed_findings(report, records, history))
