"""JSON output: the ``Report`` model dumped as is, and its JSON schema."""

from __future__ import annotations

import json

from claimdiff.models import Report


def render_json(report: Report) -> str:
    """Return the report as indented JSON, the machine-readable contract."""
    return report.model_dump_json(indent=2) + "\n"


def report_schema() -> str:
    """Return the JSON schema of ``Report`` (committed as ``reports/schema.json``)."""
    return json.dumps(Report.model_json_schema(), indent=2, sort_keys=True) + "\n"
