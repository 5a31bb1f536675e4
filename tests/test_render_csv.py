"""CSV report: one row per side evidence, same order as the report, safe in spreadsheets."""

from __future__ import annotations

import csv
import io

import pytest

from claimdiff.models import Severity
from claimdiff.render import render_csv
from claimdiff.render.csv import COLUMNS
from test_render import evidence, finding, report, side


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_render_csv_header_only_without_findings():
    text = render_csv(report([]))
    assert text == ",".join(COLUMNS) + "\n"


def test_render_csv_one_row_per_evidence_with_finding_and_side_columns():
    sides = [
        side(
            "26",
            evidence("a", "Leaders said 26 nations committed.", "26 nations"),
            evidence("c", "Some 26 nations\ncommitted.", "26 nations", outlet="C"),
        ),
        side("35", evidence("b", "In all 35 nations committed.", "35 nations")),
    ]
    text = render_csv(report([finding("f1", sides=sides, silent=["Le Monde", "AP"])]))
    table = rows(text)
    assert len(table) == 3
    first = table[0]
    assert first["finding_id"] == "f1"
    assert first["kind"] == "numeric_conflict" and first["severity"] == "high"
    assert first["confidence"] == "0.80"
    assert first["event"] == "Paris summit"
    assert first["side"] == "A" and first["normalised_value"] == "[26, 26]"
    assert first["independent_sources"] == "2"
    assert first["side_outlets"] == "A; C"
    assert first["evidence"] == "26 nations"
    assert first["sentence"] == "Leaders said 26 nations committed."
    assert first["silent"] == "AP; Le Monde"
    assert int(first["evidence_end"]) - int(first["evidence_start"]) == len("26 nations")
    # Exact sentence text survives, line breaks included.
    assert table[1]["sentence"] == "Some 26 nations\ncommitted."
    assert [r["side"] for r in table] == ["A", "A", "B"]


def test_render_csv_follows_report_order():
    findings = [
        finding("z1", severity=Severity.LOW, topic="alpha"),
        finding("b2", severity=Severity.HIGH, topic="beta"),
    ]
    ids = [r["finding_id"] for r in rows(render_csv(report(findings)))]
    assert ids == ["b2", "b2", "z1", "z1"]


@pytest.mark.parametrize(
    ("sentence", "stored"),
    [
        ('=HYPERLINK("http://x","26")', '\'=HYPERLINK("http://x","26")'),
        ("+26 nations", "'+26 nations"),
        ("@SUM(26)", "'@SUM(26)"),
        ("-26 nations", "'-26 nations"),
        ("Some 26 nations", "Some 26 nations"),
    ],
)
def test_render_csv_defuses_formulas(sentence, stored):
    sides = [side("26", evidence("a", sentence, "26")), side("35", evidence("b", "35 x", "35"))]
    table = rows(render_csv(report([finding("f1", sides=sides)])))
    assert table[0]["sentence"] == stored
