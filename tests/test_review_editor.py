"""Who decided: editor names on decisions and history, schema 3, the page and the export."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimdiff.cli import app
from claimdiff.decisions import EDITOR_LIMIT, validate_editor
from claimdiff.errors import InputError
from claimdiff.models import Decision
from claimdiff.render import render_html
from claimdiff.review import (
    REVIEW_FILE,
    DecisionRequest,
    FindingSnapshot,
    load_report,
    read_decisions,
    review_summary,
)
from claimdiff.session import Review
from claimdiff.testing import TickingClock

runner = CliRunner()


def _review(folder: Path, editor: str) -> Review:
    return Review.load(folder, clock=TickingClock(), editor=editor)


def _ids(folder: Path) -> list[str]:
    return [finding.id for finding in load_report(folder).findings]


def _export(folder: Path, fmt: str) -> str:
    result = runner.invoke(app, ["export", str(folder), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


# --- names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("AB", "AB"),
        ("  Zoë Kowalska\n", "Zoë Kowalska"),
        ("María-José O'Neill", "María-José O'Neill"),
        ("李雷", "李雷"),
        ("x" * EDITOR_LIMIT, "x" * EDITOR_LIMIT),
    ],
    ids=["initials", "padded", "punctuation", "cjk", "longest"],
)
def test_review_editor_names_accepted(name, kept):
    assert validate_editor(name) == kept


@pytest.mark.parametrize(
    "name",
    ["", " \t ", "Ada\nR.", "Ada\rR.", "Ada\x00", "\u202eAda", "Ada\u00a0R.", "x" * 65],
    ids=["empty", "blank", "newline", "return", "nul", "bidi", "nbsp", "too-long"],
)
def test_review_editor_names_refused(folder, name):
    with pytest.raises(ValueError):
        validate_editor(name)
    if name:  # '' means "nobody named" to Review.load
        with pytest.raises(InputError, match="editor name"):
            _review(folder, name)
        assert not (folder / REVIEW_FILE).exists()


# --- the store and its history ----------------------------------------------------------


def test_review_history_keeps_who_changed_what(folder):
    first, second = _ids(folder)[:2]
    _review(folder, "Ada").decide(DecisionRequest(finding_id=first, decision=Decision.CONFIRMED))
    _review(folder, "Bo").decide(
        DecisionRequest(finding_id=first, decision=Decision.DISMISSED, note="Same figure.")
    )
    # Saving what is already there changes nothing: the record keeps who made it.
    _review(folder, "Cy").decide(
        DecisionRequest(finding_id=first, decision=Decision.DISMISSED, note="Same figure.")
    )
    _review(folder, "").decide(DecisionRequest(finding_id=second, decision=Decision.FOLLOW_UP))

    records, history = read_decisions(folder / REVIEW_FILE)
    assert (records[first].decision, records[first].editor) == (Decision.DISMISSED, "Bo")
    assert [(c.decision, c.editor) for c in history[first]] == [
        (Decision.CONFIRMED, "Ada"),
        (Decision.DISMISSED, "Bo"),
    ]
    assert records[second].editor == "" and history[second][0].editor == ""

    log = json.loads(_export(folder, "json"))
    rows = {row["finding_id"]: row for row in log["findings"]}
    assert rows[first]["editor"] == "Bo"
    assert [h["editor"] for h in rows[first]["history"]] == ["Ada", "Bo"]
    assert rows[second]["editor"] == ""
    assert {row["editor"] for row in log["findings"][2:]} == {""}, "undecided: nobody"


# --- schema 2 -> 3 ----------------------------------------------------------------------

_SCHEMA_2 = (
    "CREATE TABLE decision (finding_id TEXT PRIMARY KEY, decision TEXT NOT NULL, "
    "note TEXT NOT NULL, decided_at TEXT NOT NULL, finding TEXT NOT NULL, carried_from TEXT)",
    "CREATE TABLE decision_change (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
    "finding_id TEXT NOT NULL, decision TEXT NOT NULL, note TEXT NOT NULL, "
    "decided_at TEXT NOT NULL, carried_from TEXT)",
    "CREATE INDEX decision_change_finding ON decision_change (finding_id, seq)",
    "PRAGMA application_id = 1667519062",
    "PRAGMA user_version = 2",
)
"""The schema of the second claimdiff review databases, as they were written."""


def _schema_2(path: Path, folder: Path) -> list[str]:
    report = load_report(folder)
    ids = [finding.id for finding in report.findings[:2]]
    with sqlite3.connect(path) as connection:
        for statement in _SCHEMA_2:
            connection.execute(statement)
        changes = [
            (ids[0], "confirmed", "", "2026-04-10T09:01:00+00:00", None),
            (ids[0], "follow_up", "Ring them.", "2026-04-10T09:02:00+00:00", None),
            (ids[1], "dismissed", "", "2026-04-10T09:03:00+00:00", "0123456789abcdef"),
        ]
        connection.executemany(
            "INSERT INTO decision_change (finding_id, decision, note, decided_at, carried_from) "
            "VALUES (?, ?, ?, ?, ?)",
            changes,
        )
        for finding, (finding_id, decision, note, decided_at, carried_from) in zip(
            report.findings[:2], changes[1:], strict=True
        ):
            connection.execute(
                "INSERT INTO decision VALUES (?, ?, ?, ?, ?, ?)",
                (
                    finding_id,
                    decision,
                    note,
                    decided_at,
                    FindingSnapshot.of(finding, report).model_dump_json(),
                    carried_from,
                ),
            )
    connection.close()
    return ids


def test_review_schema_2_database_is_read_as_is_and_migrated_for_review(folder):
    path = folder / REVIEW_FILE
    first, second = _schema_2(path, folder)
    before = path.read_bytes()

    # check's line and export read it as it is (no names then), never writing it.
    records, history = read_decisions(path)
    assert (records[first].decision, records[first].changes) == (Decision.FOLLOW_UP, 2)
    assert records[second].carried_from == "0123456789abcdef"
    assert {r.editor for r in records.values()} == {""}
    assert {c.editor for changes in history.values() for c in changes} == {""}
    assert "2 decisions apply" in str(review_summary(folder, load_report(folder)))
    rows = list(csv.DictReader(io.StringIO(_export(folder, "csv"))))
    assert (rows[0]["decision"], rows[0]["editor"]) == ("follow_up", "")
    assert path.read_bytes() == before

    review = _review(folder, "Ada")  # opening for review migrates it, keeping every decision
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 3
        for table in ("decision", "decision_change"):
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            assert columns[-2:] == ["carried_from", "editor"]
    connection.close()
    assert read_decisions(path) == (records, history)
    review.decide(DecisionRequest(finding_id=first, decision=Decision.CONFIRMED, note="Rang."))
    migrated = records
    records, history = read_decisions(path)
    assert records[first].editor == "Ada"
    assert [(c.decision.value, c.editor) for c in history[first]] == [
        ("confirmed", ""),
        ("follow_up", ""),
        ("confirmed", "Ada"),
    ]
    assert records[second] == migrated[second], "other records untouched"
    assert _review(folder, "Bo").view("t").mark(first).editor == "Ada"


def test_review_schema_3_without_editor_column_is_damaged(folder):
    path = folder / REVIEW_FILE
    _schema_2(path, folder)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 3")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match="lacks column editor"):
        read_decisions(path)
    with pytest.raises(InputError, match="lacks column editor"):
        _review(folder, "Ada")
    assert path.read_bytes() == before


# --- the page and the export ------------------------------------------------------------

HOSTILE = '<img src=x onerror="alert(1)">&Co'
ESCAPED = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;Co"


def test_review_editor_name_is_escaped_on_the_page(folder):
    review = _review(folder, HOSTILE)
    first, second = _ids(folder)[:2]
    review.decide(DecisionRequest(finding_id=first, decision=Decision.CONFIRMED))
    review.decide(DecisionRequest(finding_id=second, decision=Decision.DISMISSED))
    page = render_html(review.report, review=review.view("t"))
    assert page.count(f'<span class="who">by {ESCAPED}</span>') == 2
    assert '<span class="who"></span>' in page, "undecided findings name nobody"
    assert "<img" not in page and 'onerror="' not in page

    # The second finding is no longer found: its row in that table names the editor too.
    report = review.report
    trimmed = report.model_copy(update={"findings": [f for f in report.findings if f.id != second]})
    (folder / "report.json").write_text(trimmed.model_dump_json(indent=2), encoding="utf-8")
    review = _review(folder, "Bo")
    page = render_html(review.report, review=review.view("t"))
    assert f'data-orphan="{second}"' in page
    assert f"<br><small>by {ESCAPED}</small></td>" in page
    assert "<img" not in page


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://evil.example","x")', "+AB", "-AB", "@SUM(A1)"],
    ids=["equals", "plus", "minus", "at"],
)
def test_review_export_defuses_a_formula_looking_editor(folder, name):
    first = _ids(folder)[0]
    _review(folder, name).decide(DecisionRequest(finding_id=first, decision=Decision.CONFIRMED))
    text = _export(folder, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    header = text.splitlines()[0].split(",")
    assert header[header.index("decided_at") + 1] == "editor"
    assert rows[0]["editor"] == "'" + name
    log = json.loads(_export(folder, "json"))
    assert log["findings"][0]["editor"] == name, "JSON keeps the name as it is"
    assert log["findings"][0]["history"][0]["editor"] == name
