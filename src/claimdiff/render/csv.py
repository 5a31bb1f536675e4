"""CSV output: one row per piece of evidence, for fact-checkers' spreadsheets.

Each row is one evidence sentence of one side of one finding, carrying the finding's
columns (id, kind, severity, confidence, topic, event, explanation, silent outlets), the
side's (letter, label, measure, normalised value, independent sources, outlets) and the
evidence's own (outlet, document, character offsets, value text, sentence). Rows follow
the report's order: topics by worst severity, findings by severity, sides, evidence.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, so
such text cells get a leading apostrophe (the usual CSV-injection guard); lines end
with a line feed; there is always a header row.
"""

from __future__ import annotations

import csv
import io

from claimdiff.models import Report
from claimdiff.render.views import side_letter, topics

__all__ = ["COLUMNS", "csv_cell", "render_csv"]

COLUMNS = (
    "finding_id",
    "kind",
    "severity",
    "confidence",
    "topic",
    "event",
    "explanation",
    "side",
    "side_label",
    "measure",
    "normalised_value",
    "independent_sources",
    "side_outlets",
    "outlet",
    "doc_id",
    "evidence_start",
    "evidence_end",
    "evidence",
    "sentence",
    "silent",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """Return a cell's text, with a formula-looking text cell defused."""
    if isinstance(value, bool | int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(report: Report) -> str:
    """Return the report as CSV, one row per evidence sentence."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    events = {event.id: event.label for event in report.events}
    for _, findings in topics(report.findings):
        for finding in findings:
            silent = "; ".join(sorted(finding.silent, key=lambda o: (o.casefold(), o)))
            for index, side in enumerate(finding.sides):
                for evidence in side.evidence:
                    row: tuple[object, ...] = (
                        finding.id,
                        finding.kind.value,
                        finding.severity.value,
                        f"{finding.confidence:.2f}",
                        finding.topic,
                        events.get(finding.event, finding.event),
                        finding.explanation,
                        side_letter(index),
                        side.label,
                        side.measure,
                        side.value.normalised(),
                        side.independent_sources,
                        "; ".join(side.outlets),
                        evidence.outlet,
                        evidence.doc_id,
                        evidence.span.start,
                        evidence.span.end,
                        evidence.text,
                        evidence.sentence_text,
                        silent,
                    )
                    writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()
