"""Editors' decisions: the store, re-runs of check, the export and bad input.

The server and the command are in test_review_server.py, editor names and schema 3 in
test_review_editor.py, the page in a browser in test_browser.py.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimdiff.cli import app
from claimdiff.errors import InputError
from claimdiff.models import Decision, Finding, FindingKind, Report
from claimdiff.render import render_html
from claimdiff.review import (
    REVIEW_FILE,
    DecisionRequest,
    DecisionStore,
    FindingSnapshot,
    load_report,
    read_decisions,
    reconcile,
    review_summary,
)
from claimdiff.session import NotInReport, Review
from claimdiff.testing import TickingClock

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "reports" / "examples" / "kelbria-earthquake.json"
CLI_STORY = ROOT / "fixtures" / "cli"

runner = CliRunner()


def _review(folder: Path) -> Review:
    return Review.load(folder, clock=TickingClock())


def _ids(folder: Path) -> list[str]:
    return [finding.id for finding in load_report(folder).findings]


# --- the store --------------------------------------------------------------------------


def test_review_decisions_round_trip_with_history(folder):
    review = _review(folder)
    first, second = _ids(folder)[:2]
    review.decide(DecisionRequest(finding_id=first, decision=Decision.CONFIRMED))
    review.decide(
        DecisionRequest(finding_id=first, decision=Decision.FOLLOW_UP, note="Call the agency.")
    )
    review.decide(DecisionRequest(finding_id=second, decision=Decision.DISMISSED, note="  same  "))
    # Saving the same decision and note again is not a change.
    review.decide(DecisionRequest(finding_id=second, decision=Decision.DISMISSED, note="same"))

    records, history = read_decisions(folder / REVIEW_FILE)
    assert sorted(records) == sorted([first, second])
    assert records[first].decision is Decision.FOLLOW_UP
    assert records[first].note == "Call the agency."
    assert records[first].changes == 2
    assert records[first].decided_at == datetime(2026, 4, 10, 9, 2, tzinfo=UTC)
    assert [c.decision for c in history[first]] == [Decision.CONFIRMED, Decision.FOLLOW_UP]
    assert records[second].note == "same" and records[second].changes == 1
    finding = load_report(folder).findings[0]
    assert records[first].finding.explanation == finding.explanation
    assert records[first].finding.claim_ids == sorted(
        {e.claim_id for side in finding.sides for e in side.evidence}
    )


def test_review_database_is_wal_and_marked_as_ours(folder):
    _review(folder)
    with sqlite3.connect(folder / REVIEW_FILE) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA application_id").fetchone()[0] != 0
    connection.close()


def test_review_unknown_finding_is_refused(folder):
    with pytest.raises(NotInReport):
        _review(folder).decide(DecisionRequest(finding_id="nope", decision=Decision.CONFIRMED))


@pytest.mark.parametrize("stores", [1, 2], ids=["one-store", "two-stores"])
def test_review_concurrent_decisions_are_all_kept(folder, stores):
    report = load_report(folder)
    snapshot = FindingSnapshot.of(report.findings[0], report)
    ids = _ids(folder)
    DecisionStore.open(folder / REVIEW_FILE)
    handles = [DecisionStore(folder / REVIEW_FILE) for _ in range(stores)]
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        store = handles[worker % stores]
        try:
            for step in range(10):
                choice = list(Decision)[(worker + step) % 4]
                store.decide(ids[step % len(ids)], snapshot, choice, f"worker {worker} step {step}")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    records, history = read_decisions(folder / REVIEW_FILE)
    assert sum(len(changes) for changes in history.values()) == 60
    for finding_id, record in records.items():
        last = history[finding_id][-1]
        assert (record.decision, record.note) == (last.decision, last.note)
        assert record.changes == len(history[finding_id])


# --- re-running check -------------------------------------------------------------------


def _check(paths: list[Path], out: Path, *extra: str):
    result = runner.invoke(
        app, ["check", *map(str, paths), "-o", str(out), "--fail-on", "never", *extra]
    )
    assert result.exit_code == 0, result.output
    return result


def _review_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("claimdiff: review:")]


def test_review_decisions_survive_a_rerun_of_check(tmp_path):
    out = tmp_path / "out"
    first = _check([CLI_STORY], out)
    assert _review_lines(first) == []
    assert not (out / REVIEW_FILE).exists(), "check never creates the decisions database"
    before = {name: (out / name).read_bytes() for name in ("report.json", "report.md")}
    (finding,) = load_report(out).findings
    _review(out).decide(
        DecisionRequest(finding_id=finding.id, decision=Decision.CONFIRMED, note="Both sourced.")
    )

    again = _check([CLI_STORY], out)
    assert {name: (out / name).read_bytes() for name in before} == before
    assert _review_lines(again) == [
        "claimdiff: review: 1 decision applies, 0 carried to findings with new evidence, "
        f"0 no longer found ({out / REVIEW_FILE})"
    ]
    assert _review_lines(_check([CLI_STORY], out, "--quiet")) == []
    view = _review(out).view("t")
    assert view.mark(finding.id).decision is Decision.CONFIRMED
    assert view.orphans == []


def _story(folder: Path, **articles: str) -> Path:
    folder.mkdir(exist_ok=True)
    for path in folder.iterdir():
        path.unlink()
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


A = "Twenty-six nations committed to the force on Thursday."
B = "In all 35 nations committed to the force on Thursday."
C = "Diplomats said 35 nations committed to the force on Thursday."


def test_review_decisions_of_findings_no_longer_found_are_kept_and_reported(tmp_path):
    story, out = tmp_path / "story", tmp_path / "out"
    _check([_story(story, a=A, b=B, c=C)], out)
    (old,) = load_report(out).findings
    _review(out).decide(
        DecisionRequest(finding_id=old.id, decision=Decision.DISMISSED, note="Different counts.")
    )

    # The third outlet withdraws its article: claims removed, so a new finding id that is
    # not carried; the old decision stays, with a button to apply it.
    result = _check([_story(story, a=A, b=B)], out)
    assert _review_lines(result) == [
        "claimdiff: review: 0 decisions apply, 0 carried to findings with new evidence, "
        f"1 no longer found ({out / REVIEW_FILE})"
    ]
    (new,) = load_report(out).findings
    assert new.id != old.id
    view = _review(out).view("t")
    (orphan,) = view.orphans
    assert orphan.finding_id == old.id and orphan.mark.note == "Different counts."
    assert orphan.related == (new.id,)
    assert view.mark(new.id).decision is Decision.UNDECIDED
    page = render_html(load_report(out), review=view)
    assert 'id="orphans"' in page and f'data-orphan="{old.id}"' in page
    assert f'data-carry-to="{new.id}" data-choice="dismissed"' in page
    assert 'data-carried-from="' not in page

    # The article is back: the old finding comes back with its decision.
    result = _check([_story(story, a=A, b=B, c=C)], out)
    assert "1 decision applies" in _review_lines(result)[0]
    assert _review(out).view("t").mark(old.id).decision is Decision.DISMISSED


# --- carrying decisions to findings that gained evidence --------------------------------

STORY = ROOT / "fixtures" / "stories" / "kelbria-earthquake"
JOINER = (
    "Rescue teams in the Telmora valley were still searching collapsed homes on Wednesday, a "
    "day after Tuesday's earthquake, and the interior ministry said 32 people were killed.\n"
)
"""A sixth article that repeats one side's figure (eq-b's 32 killed)."""


def _copy_story(dest: Path) -> None:
    """Copy the story, The Valley Post's later toll lowered from 41 to 29.

    A toll that rose between days is no conflict (``compare/quantity.py``): 41, said two
    days after the quake, would be on no side. A later report giving fewer still is, so
    the decided finding keeps three sides, one per article.
    """
    shutil.copytree(STORY, dest)
    article = dest / "eq-c_valley-post.txt"
    text = article.read_text(encoding="utf-8")
    assert text.count("41 people") == 1
    article.write_text(text.replace("41 people", "29 people"), encoding="utf-8")


def _docs(finding: Finding) -> set[str]:
    return {e.doc_id for side in finding.sides for e in side.evidence}


def _claims(finding: Finding) -> set[str]:
    return {e.claim_id for side in finding.sides for e in side.evidence}


def _killed(report: Report) -> Finding:
    """The decided finding: killed at least 40 (eq-a) vs 32 (eq-b) vs 29 (eq-c)."""
    (finding,) = (
        f
        for f in report.findings
        if f.kind is FindingKind.NUMERIC_CONFLICT and {"eq-a", "eq-b"} <= _docs(f)
    )
    assert _docs(finding) == {"eq-a", "eq-b", "eq-c"}, "the story's planted conflict changed"
    return finding


def _join(story: Path) -> None:
    (story / "eq-f_harbour-gazette.txt").write_text(JOINER, encoding="utf-8")
    with (story / "corpus.toml").open("a", encoding="utf-8") as manifest:
        manifest.write(
            '\n[[document]]\nid = "eq-f"\npath = "eq-f_harbour-gazette.txt"\n'
            'outlet = "Harbour Gazette"\npublished = "2026-03-04"\n'
        )


def _withdraw(story: Path) -> None:
    (story / "eq-c_valley-post.txt").unlink()
    manifest = story / "corpus.toml"
    head, *blocks = manifest.read_text(encoding="utf-8").split("[[document]]")
    kept = [block for block in blocks if 'id = "eq-c"' not in block]
    manifest.write_text("[[document]]".join([head, *kept]), encoding="utf-8")


def _edit(story: Path) -> None:
    article = story / "eq-c_valley-post.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text("Updated on Friday with new figures.\n\n" + text, encoding="utf-8")


class Rerun:
    """A story checked, two findings decided, then an article added and checked again."""

    def __init__(self, root: Path) -> None:
        self.story, self.decided, self.out = root / "story", root / "decided", root / "out"
        _copy_story(self.story)
        _check([self.story], self.decided)
        report = load_report(self.decided)
        self.old = _killed(report)
        self.kept = next(f for f in report.findings if not _docs(f) & {"eq-a", "eq-b", "eq-c"})
        review = _review(self.decided)
        review.decide(
            DecisionRequest(finding_id=self.old.id, decision=Decision.CONFIRMED, note="Checked.")
        )
        review.decide(DecisionRequest(finding_id=self.kept.id, decision=Decision.DISMISSED))
        shutil.copytree(self.decided, self.out)
        _join(self.story)
        self.lines = _review_lines(_check([self.story], self.out))
        self.new = _killed_with_joiner(load_report(self.out))

    def copy(self, tmp_path: Path, *, decided: bool = False) -> Path:
        """Return a copy of the output folder after (or, if ``decided``, before) the re-run."""
        return Path(shutil.copytree(self.decided if decided else self.out, tmp_path / "copy"))


def _killed_with_joiner(report: Report) -> Finding:
    (finding,) = (
        f
        for f in report.findings
        if f.kind is FindingKind.NUMERIC_CONFLICT and {"eq-a", "eq-f"} <= _docs(f)
    )
    return finding


@pytest.fixture(scope="module")
def rerun(tmp_path_factory: pytest.TempPathFactory) -> Rerun:
    return Rerun(tmp_path_factory.mktemp("rerun"))


def test_review_rerun_with_an_article_joining_a_side_carries_the_decision(rerun, tmp_path):
    assert rerun.lines == [
        "claimdiff: review: 1 decision applies, 1 carried to a finding with new evidence, "
        f"0 no longer found ({rerun.out / REVIEW_FILE})"
    ]
    assert rerun.new.id != rerun.old.id
    assert _claims(rerun.new) > _claims(rerun.old) and len(_claims(rerun.new)) == 4
    out = rerun.copy(tmp_path)
    view = _review(out).view("t")
    mark = view.mark(rerun.new.id)
    assert (mark.decision, mark.note) == (Decision.CONFIRMED, "Checked.")
    assert (mark.carried_from, mark.claims_added) == (rerun.old.id, 1)
    assert view.mark(rerun.kept.id).decision is Decision.DISMISSED
    assert view.mark(rerun.kept.id).carried_from is None
    assert view.orphans == []
    # The different-measure overview also gained the claim, but nobody had decided it.
    assert set(view.marks) == {rerun.new.id, rerun.kept.id}

    page = render_html(load_report(out), review=view)
    assert f'data-review-for="{rerun.new.id}" data-carried-from="{rerun.old.id}"' in page
    assert (
        f'Carried from <a href="#f-{rerun.old.id}"><code>{rerun.old.id}</code></a>: evidence '
        "changed since the decision (1 claim added)."
    ) in page
    assert page.count('class="reconfirm"') == 1 and 'id="orphans"' not in page
    # The old record and its history are kept as they were; nothing was written.
    records, history = read_decisions(out / REVIEW_FILE)
    assert set(records) == {rerun.old.id, rerun.kept.id}
    assert records[rerun.old.id].finding.claim_ids == sorted(_claims(rerun.old))
    assert [c.decision for c in history[rerun.old.id]] == [Decision.CONFIRMED]


@pytest.mark.parametrize(
    ("choice", "note"),
    [(Decision.CONFIRMED, "Checked."), (Decision.FOLLOW_UP, "Ask the new outlet.")],
    ids=["confirm-again", "decide-otherwise"],
)
def test_review_deciding_a_carried_finding_clears_the_flag(rerun, tmp_path, choice, note):
    out = rerun.copy(tmp_path)
    review = _review(out)
    record = review.decide(DecisionRequest(finding_id=rerun.new.id, decision=choice, note=note))
    assert record.carried_from == rerun.old.id
    assert record.finding.claim_ids == sorted(_claims(rerun.new)), "claims it was made on"
    view = review.view("t")
    assert view.mark(rerun.new.id) == record.mark and record.mark.carried_from is None
    assert view.orphans == []
    page = render_html(review.report, review=view)
    assert 'data-carried-from="' not in page and "Carried from" not in page

    records, history = read_decisions(out / REVIEW_FILE)
    (change,) = history[rerun.new.id]
    assert (change.decision, change.carried_from) == (choice, rerun.old.id)
    assert [c.decision for c in history[rerun.old.id]] == [Decision.CONFIRMED]
    assert records[rerun.old.id].note == "Checked.", "the old record stays as it was"
    state = reconcile(review.report, records)
    assert dict(state.superseded) == {rerun.old.id: rerun.new.id}
    assert state.carried_to(rerun.old.id) == rerun.new.id
    assert review_summary(out, review.report) == (
        "review: 2 decisions apply, 0 carried to findings with new evidence, "
        f"0 no longer found ({out / REVIEW_FILE})"
    )
    # Later decisions on it keep where it came from; only the taking over is marked.
    again = review.decide(DecisionRequest(finding_id=rerun.new.id, decision=Decision.DISMISSED))
    assert again.carried_from == rerun.old.id
    assert read_decisions(out / REVIEW_FILE)[1][rerun.new.id][-1].carried_from is None


@pytest.mark.parametrize("change", [_withdraw, _edit], ids=["withdrawn", "edited"])
def test_review_claims_removed_or_changed_are_not_carried(rerun, tmp_path, change):
    story, out = tmp_path / "story", rerun.copy(tmp_path, decided=True)
    _copy_story(story)
    change(story)
    lines = _review_lines(_check([story], out))
    assert lines == [
        "claimdiff: review: 1 decision applies, 0 carried to findings with new evidence, "
        f"1 no longer found ({out / REVIEW_FILE})"
    ]
    report = load_report(out)
    view = _review(out).view("t")
    (orphan,) = view.orphans
    assert orphan.finding_id == rerun.old.id
    successor = next(f for f in report.findings if f.id in orphan.related)
    assert successor.kind is FindingKind.NUMERIC_CONFLICT
    assert not _claims(successor) >= _claims(rerun.old)
    assert all(mark.carried_from is None for mark in view.marks.values())
    page = render_html(report, review=view)
    assert f'data-carry-to="{successor.id}" data-choice="confirmed"' in page
    assert 'data-carried-from="' not in page


def _two_candidates(report: Report, rerun: Rerun, out: Path) -> Report:
    twin = rerun.new.model_copy(deep=True)
    side = twin.sides[0]
    extra = side.evidence[0].model_copy(update={"claim_id": "0" * 16})
    sides = [side.model_copy(update={"evidence": [*side.evidence, extra]}), *twin.sides[1:]]
    twin = twin.model_copy(update={"id": "f" * 16, "sides": sides})
    return report.model_copy(update={"findings": [*report.findings, twin]})


def _other_kind(report: Report, rerun: Rerun, out: Path) -> Report:
    return _replace(report, rerun.new, kind=FindingKind.DATE_CONFLICT)


def _sides_merged(report: Report, rerun: Rerun, out: Path) -> Report:
    first, second, *rest = rerun.new.sides
    merged = first.model_copy(update={"evidence": [*first.evidence, *second.evidence]})
    return _replace(report, rerun.new, sides=[merged, *rest])


def _two_decisions(report: Report, rerun: Rerun, out: Path) -> Report:
    snapshot = read_decisions(out / REVIEW_FILE)[0][rerun.old.id].finding
    part = sorted(_claims(rerun.old))[1:]
    sides = [[c for c in side if c in part] for side in snapshot.sides]
    smaller = snapshot.model_copy(update={"claim_ids": part, "sides": [s for s in sides if s]})
    DecisionStore(out / REVIEW_FILE).decide("e" * 16, smaller, Decision.FOLLOW_UP, "")
    return report


def _cleared(report: Report, rerun: Rerun, out: Path) -> Report:
    snapshot = read_decisions(out / REVIEW_FILE)[0][rerun.old.id].finding
    DecisionStore(out / REVIEW_FILE).decide(rerun.old.id, snapshot, Decision.UNDECIDED, "")
    return report


def _replace(report: Report, finding: Finding, **update: object) -> Report:
    changed = finding.model_copy(update=update)
    findings = [changed if f.id == finding.id else f for f in report.findings]
    return report.model_copy(update={"findings": findings})


@pytest.mark.parametrize(
    "tamper",
    [_two_candidates, _other_kind, _sides_merged, _two_decisions, _cleared],
    ids=["two-candidates", "other-kind", "sides-merged", "two-decisions-one-finding", "cleared"],
)
def test_review_ambiguous_or_doubtful_matches_are_not_carried(rerun, tmp_path, tamper):
    out = rerun.copy(tmp_path)
    report = tamper(load_report(out), rerun, out)
    (out / "report.json").write_text(report.model_dump_json(indent=2), encoding="utf-8")
    view = _review(out).view("t")
    assert view.mark(rerun.new.id).decision is Decision.UNDECIDED
    assert all(mark.carried_from is None for mark in view.marks.values())
    assert rerun.old.id in [orphan.finding_id for orphan in view.orphans]
    assert ", 0 carried to findings with new evidence, " in str(review_summary(out, report))


def _export(out: Path, fmt: str) -> str:
    result = runner.invoke(app, ["export", str(out), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_review_export_shows_carried_from(rerun, tmp_path):
    out = rerun.copy(tmp_path)
    rows = {row["finding_id"]: row for row in csv.DictReader(io.StringIO(_export(out, "csv")))}
    new, old = rows[rerun.new.id], rows[rerun.old.id]
    assert (new["found"], new["decision"], new["note"]) == ("yes", "confirmed", "Checked.")
    assert (new["carried_from"], new["claims_added"], new["carried_to"]) == (rerun.old.id, "1", "")
    assert (old["found"], old["decision"], old["carried_to"]) == ("no", "confirmed", rerun.new.id)
    assert rows[rerun.kept.id]["carried_from"] == "" and rows[rerun.kept.id]["claims_added"] == ""
    log = json.loads(_export(out, "json"))
    assert (log["counts"]["carried"], log["counts"]["no_longer_found"]) == (1, 0)
    assert (log["counts"]["confirmed"], log["counts"]["dismissed"]) == (1, 1)

    _review(out).decide(
        DecisionRequest(finding_id=rerun.new.id, decision=Decision.CONFIRMED, note="Checked.")
    )
    rows = {row["finding_id"]: row for row in csv.DictReader(io.StringIO(_export(out, "csv")))}
    new = rows[rerun.new.id]
    assert (new["carried_from"], new["claims_added"], new["changes"]) == (rerun.old.id, "", "1")
    assert rows[rerun.old.id]["carried_to"] == rerun.new.id
    log = json.loads(_export(out, "json"))
    assert (log["counts"]["carried"], log["counts"]["no_longer_found"]) == (0, 0)
    entry = next(row for row in log["findings"] if row["finding_id"] == rerun.new.id)
    assert [h["carried_from"] for h in entry["history"]] == [rerun.old.id]


_SCHEMA_1 = (
    "CREATE TABLE decision (finding_id TEXT PRIMARY KEY, decision TEXT NOT NULL, "
    "note TEXT NOT NULL, decided_at TEXT NOT NULL, finding TEXT NOT NULL)",
    "CREATE TABLE decision_change (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
    "finding_id TEXT NOT NULL, decision TEXT NOT NULL, note TEXT NOT NULL, "
    "decided_at TEXT NOT NULL)",
    "CREATE INDEX decision_change_finding ON decision_change (finding_id, seq)",
    "PRAGMA application_id = 1667519062",
    "PRAGMA user_version = 1",
)
"""The schema of the first claimdiff review databases, as they were written."""


def _schema_1(path: Path, finding_id: str, snapshot: FindingSnapshot) -> None:
    data = snapshot.model_dump_json(exclude={"sides"})  # schema 1 snapshots had no sides
    with sqlite3.connect(path) as connection:
        for statement in _SCHEMA_1:
            connection.execute(statement)
        for when, note in (
            ("2026-04-10T09:01:00+00:00", "First"),
            ("2026-04-10T09:02:00+00:00", "Checked."),
        ):
            connection.execute(
                "INSERT INTO decision_change (finding_id, decision, note, decided_at) "
                "VALUES (?, 'confirmed', ?, ?)",
                (finding_id, note, when),
            )
        connection.execute(
            "INSERT INTO decision VALUES (?, 'confirmed', 'Checked.', ?, ?)",
            (finding_id, "2026-04-10T09:02:00+00:00", data),
        )
    connection.close()


def test_review_schema_1_database_is_read_as_is_and_migrated_for_review(rerun, tmp_path):
    out = rerun.copy(tmp_path)
    path = out / REVIEW_FILE
    path.unlink()
    snapshot = FindingSnapshot.of(rerun.old, load_report(rerun.decided))
    _schema_1(path, rerun.old.id, snapshot)
    before = path.read_bytes()

    # check's line and export read it as it is, never writing it.
    records, history = read_decisions(path)
    assert records[rerun.old.id].finding.sides == [] and records[rerun.old.id].changes == 2
    assert [c.note for c in history[rerun.old.id]] == ["First", "Checked."]
    assert review_summary(out, load_report(out)) == (
        "review: 0 decisions apply, 1 carried to a finding with new evidence, "
        f"0 no longer found ({path})"
    )
    assert f"{rerun.new.id},yes,confirmed,Checked." in _export(out, "csv")
    assert path.read_bytes() == before

    review = _review(out)  # opening for review migrates it, keeping every decision
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 3
        for table in ("decision", "decision_change"):
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            assert columns[-2:] == ["carried_from", "editor"]
    connection.close()
    assert read_decisions(path) == (records, history)
    assert review.view("t").mark(rerun.new.id).carried_from == rerun.old.id
    record = review.decide(
        DecisionRequest(finding_id=rerun.new.id, decision=Decision.CONFIRMED, note="Checked.")
    )
    assert record.carried_from == rerun.old.id and len(record.finding.sides) == 3
    assert _review(out).view("t").mark(rerun.new.id).carried_from is None


def test_review_damaged_database_never_fails_check(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / REVIEW_FILE).write_bytes(b"not a database at all" * 100)
    result = _check([CLI_STORY], out)
    warnings = [line for line in result.stderr.splitlines() if REVIEW_FILE in line]
    assert len(warnings) == 1 and warnings[0].startswith("claimdiff: warning: ")
    assert (out / REVIEW_FILE).read_bytes() == b"not a database at all" * 100


# --- export -----------------------------------------------------------------------------


def _decide_two(folder: Path) -> list[str]:
    review = _review(folder)
    ids = _ids(folder)
    review.decide(DecisionRequest(finding_id=ids[0], decision=Decision.CONFIRMED, note="=1+1"))
    review.decide(DecisionRequest(finding_id=ids[1], decision=Decision.FOLLOW_UP, note="Ring"))
    review.decide(DecisionRequest(finding_id=ids[1], decision=Decision.FOLLOW_UP, note="Rang"))
    return ids


def test_review_export_csv_has_every_finding_with_its_decision(folder, tmp_path):
    ids = _decide_two(folder)
    result = runner.invoke(app, ["export", str(folder), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["finding_id"] for row in rows] == ids
    assert rows[0]["decision"] == "confirmed"
    assert rows[0]["note"] == "'=1+1", "a formula-looking note is defused"
    assert rows[0]["decided_at"] == "2026-04-10T09:01:00Z"
    assert (rows[1]["decision"], rows[1]["note"], rows[1]["changes"]) == ("follow_up", "Rang", "2")
    assert all(row["found"] == "yes" for row in rows)
    assert {row["decision"] for row in rows[2:]} == {"undecided"}
    assert {row["decided_at"] for row in rows[2:]} == {""}
    assert rows[0]["explanation"] == load_report(folder).findings[0].explanation

    target = tmp_path / "log.csv"
    written = runner.invoke(app, ["export", str(folder), "-o", str(target)])
    assert written.exit_code == 0
    assert target.read_text(encoding="utf-8") == result.stdout


def test_review_export_json_has_history_and_orphans(folder):
    ids = _decide_two(folder)
    report = load_report(folder)
    # The report loses its first finding (as if an article changed).
    trimmed = report.model_copy(update={"findings": report.findings[1:]})
    (folder / "report.json").write_text(trimmed.model_dump_json(indent=2), encoding="utf-8")
    result = runner.invoke(app, ["export", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    log = json.loads(result.stdout)
    assert log["counts"] == {
        "undecided": len(ids) - 2,
        "confirmed": 0,
        "dismissed": 0,
        "follow_up": 1,
        "carried": 0,
        "no_longer_found": 1,
    }
    rows = {row["finding_id"]: row for row in log["findings"]}
    assert rows[ids[0]]["found"] is False and rows[ids[0]]["note"] == "=1+1"
    assert log["findings"][-1]["finding_id"] == ids[0], "findings no longer found come last"
    assert [h["note"] for h in rows[ids[1]]["history"]] == ["Ring", "Rang"]
    assert rows[ids[2]]["history"] == [] and rows[ids[2]]["decided_at"] is None


def test_review_export_never_overwrites_the_report(folder):
    result = runner.invoke(app, ["export", str(folder), "-o", str(folder / "report.json")])
    assert result.exit_code == 2
    assert load_report(folder).findings


# --- bad input --------------------------------------------------------------------------


def _args(command: str, folder: Path) -> list[str]:
    # A bad folder or database stops `review` before it listens, so it returns at once.
    return [command, str(folder), *(["--port", "0"] if command == "review" else [])]


def _bad(tmp_path: Path, case: str) -> Path:
    out = tmp_path / "out"
    if case == "missing-folder":
        return out
    out.mkdir()
    if case == "not-json":
        (out / "report.json").write_text("{not json", encoding="utf-8")
    elif case == "wrong-shape":
        (out / "report.json").write_text('{"findings": 3}', encoding="utf-8")
    return out


@pytest.mark.parametrize("command", ["review", "export"])
@pytest.mark.parametrize(
    ("case", "named"),
    [
        ("missing-folder", "out: no such folder"),
        ("no-report", "report.json: not found"),
        ("not-json", "report.json: not a claimdiff report"),
        ("wrong-shape", "report.json: not a claimdiff report"),
    ],
)
def test_review_bad_folder_is_one_line_and_exit_2(tmp_path, command, case, named):
    out = _bad(tmp_path, case)
    result = runner.invoke(app, _args(command, out))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("claimdiff: error: ") and named in result.stderr
    assert not (out / REVIEW_FILE).exists()


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.execute("INSERT INTO notes VALUES ('mine')")
    connection.close()


def _truncated(path: Path, folder: Path) -> None:
    store = DecisionStore.open(path)
    report = load_report(folder)
    snapshot = FindingSnapshot.of(report.findings[0], report)
    for index in range(200):
        store.decide(report.findings[0].id, snapshot, Decision.CONFIRMED, "x" * 500 + str(index))
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\xff" * 4096 + data[len(data) // 2 + 4096 :])


@pytest.mark.parametrize("command", ["review", "export"])
@pytest.mark.parametrize("damage", ["garbage", "foreign", "corrupt-pages", "newer"])
def test_review_damaged_database_is_one_line_exit_2_and_untouched(folder, command, damage):
    path = folder / REVIEW_FILE
    if damage == "garbage":
        path.write_bytes(b"SQLite? no." * 50)
    elif damage == "foreign":
        _foreign(path)
    elif damage == "corrupt-pages":
        _truncated(path, folder)
    else:
        DecisionStore.open(path)
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA user_version = 99")
        connection.close()
    for leftover in (folder / f"{REVIEW_FILE}-wal", folder / f"{REVIEW_FILE}-shm"):
        leftover.unlink(missing_ok=True)
    before = path.read_bytes()
    result = runner.invoke(app, _args(command, folder))
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"claimdiff: error: {path}: ")
    assert path.read_bytes() == before


def test_review_empty_database_file_is_initialised(folder):
    (folder / REVIEW_FILE).write_bytes(b"")
    review = _review(folder)
    review.decide(DecisionRequest(finding_id=_ids(folder)[0], decision=Decision.CONFIRMED))
    assert len(read_decisions(folder / REVIEW_FILE)[0]) == 1


def test_review_load_report_reads_what_check_writes(folder):
    report = load_report(folder)
    assert report == Report.model_validate_json(EXAMPLE.read_text(encoding="utf-8"))
    with pytest.raises(InputError):
        load_report(folder / "report.json")
