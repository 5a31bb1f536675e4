"""Editors' decisions: the store, re-runs of check, the export, the server and bad input."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimdiff.cli import app
from claimdiff.errors import InputError
from claimdiff.models import Decision, Report
from claimdiff.render import render_html
from claimdiff.review import (
    REVIEW_FILE,
    DecisionRequest,
    DecisionStore,
    FindingSnapshot,
    Review,
    load_report,
    read_decisions,
)
from claimdiff.server import MAX_BODY, TOKEN_HEADER, ReviewServer

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "reports" / "examples" / "kelbria-earthquake.json"
CLI_STORY = ROOT / "fixtures" / "cli"

runner = CliRunner()


class Clock:
    """A clock that ticks one minute per reading, so decision times are known."""

    def __init__(self) -> None:
        self.now = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A check output folder holding a committed example report."""
    directory = tmp_path / "out"
    directory.mkdir()
    shutil.copyfile(EXAMPLE, directory / "report.json")
    return directory


def _review(folder: Path) -> Review:
    return Review.open(folder, clock=Clock())


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
    with pytest.raises(KeyError):
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
        "claimdiff: review: 1 decision applies to the new findings; 0 decided findings are "
        f"no longer found ({out / REVIEW_FILE})"
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
    _check([_story(story, a=A, b=B)], out)
    (old,) = load_report(out).findings
    _review(out).decide(
        DecisionRequest(finding_id=old.id, decision=Decision.DISMISSED, note="Different counts.")
    )

    # A third outlet joins side B: new claims, so a new finding id; the old decision stays.
    result = _check([_story(story, a=A, b=B, c=C)], out)
    assert _review_lines(result) == [
        "claimdiff: review: 0 decisions apply to the new findings; 1 decided finding is "
        f"no longer found ({out / REVIEW_FILE})"
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

    # The article goes again: the old finding comes back with its decision.
    result = _check([_story(story, a=A, b=B)], out)
    assert "1 decision applies" in _review_lines(result)[0]
    assert _review(out).view("t").mark(old.id).decision is Decision.DISMISSED


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


# --- the server -------------------------------------------------------------------------


class Client:
    """Plain HTTP requests to the test server, any headers allowed."""

    def __init__(self, server: ReviewServer) -> None:
        self.server = server
        self.host = f"127.0.0.1:{server.port}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def post(
        self, payload: object, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, object]]:
        """POST a decision as the page does; ``headers`` override (an empty value drops one)."""
        body = json.dumps(payload).encode("utf-8")
        sent = {
            "Content-Type": "application/json",
            TOKEN_HEADER: self.server.token,
            "Origin": f"http://{self.host}",
            "Sec-Fetch-Site": "same-origin",
        }
        sent.update(headers or {})
        sent = {k: v for k, v in sent.items() if v}
        status, data = self.request("POST", "/api/decisions", body, sent)
        return status, json.loads(data) if data else {}


@pytest.fixture
def server(folder: Path) -> Iterator[ReviewServer]:
    instance = ReviewServer(_review(folder), port=0)
    thread = threading.Thread(target=instance.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield instance
    finally:
        instance.shutdown()
        thread.join()
        instance.server_close()


@pytest.fixture
def client(server: ReviewServer) -> Client:
    return Client(server)


def test_review_server_serves_the_page_with_token_and_controls(client, server, folder):
    status, page = client.request("GET", "/")
    assert status == 200
    text = page.decode("utf-8")
    assert f'<meta name="claimdiff-review-token" content="{server.token}">' in text
    assert "connect-src 'self'" in text
    assert text.count('class="review" data-review-for=') == len(_ids(folder))
    assert 'name="decision" value="follow_up"' in text
    static = render_html(load_report(folder))
    assert "claimdiff-review-token" not in static and "connect-src" not in static
    assert static == EXAMPLE.with_suffix(".html").read_text(encoding="utf-8")


def test_review_server_valid_post_is_saved_and_note_escaped_in_page(client, folder):
    finding_id = _ids(folder)[0]
    note = '</textarea><script>alert("x")</script> & <b>bold</b>'
    status, record = client.post({"finding_id": finding_id, "decision": "follow_up", "note": note})
    assert status == 200, record
    assert record["decision"] == "follow_up" and record["note"] == note
    saved = read_decisions(folder / REVIEW_FILE)[0][finding_id]
    assert (saved.decision, saved.note) == (Decision.FOLLOW_UP, note)

    page = client.request("GET", "/")[1].decode("utf-8")
    escaped = "&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
    assert escaped in page
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert f'data-finding="{finding_id}"' in page and 'data-decision="follow_up"' in page

    status, listed = client.request("GET", "/api/decisions")
    assert status == 200
    assert [d["finding_id"] for d in json.loads(listed)["decisions"]] == [finding_id]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({TOKEN_HEADER: ""}, 403),
        ({TOKEN_HEADER: "not-the-token"}, 403),
        ({"Origin": "http://evil.example"}, 403),
        ({"Origin": "null"}, 403),
        ({"Sec-Fetch-Site": "cross-site"}, 403),
        ({"Host": "evil.example"}, 403),
        ({"Content-Type": "text/plain"}, 415),
        ({"Content-Type": "application/x-www-form-urlencoded"}, 415),
    ],
    ids=[
        "no-token",
        "wrong-token",
        "foreign-origin",
        "null-origin",
        "cross-site",
        "foreign-host",
        "text-plain",
        "form",
    ],
)
def test_review_server_refuses_unsafe_posts(client, folder, headers, status):
    payload = {"finding_id": _ids(folder)[0], "decision": "confirmed"}
    got, data = client.post(payload, headers)
    assert got == status and "error" in data
    assert read_decisions(folder / REVIEW_FILE)[0] == {}


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"finding_id": "nope", "decision": "confirmed"}, 404),
        ({"finding_id": "FIRST", "decision": "maybe"}, 400),
        ({"finding_id": "FIRST", "decision": "confirmed", "extra": 1}, 400),
        ({"finding_id": "FIRST", "decision": "confirmed", "note": "x" * 4001}, 400),
        (["not", "an", "object"], 400),
    ],
    ids=["unknown-finding", "bad-decision", "extra-key", "long-note", "not-an-object"],
)
def test_review_server_refuses_bad_decisions(client, folder, payload, status):
    if isinstance(payload, dict) and payload.get("finding_id") == "FIRST":
        payload["finding_id"] = _ids(folder)[0]
    got, data = client.post(payload)
    assert got == status and "error" in data
    assert read_decisions(folder / REVIEW_FILE)[0] == {}


def test_review_server_refuses_oversized_body(client, server, folder):
    note = "x" * (MAX_BODY + 1)
    body = json.dumps({"finding_id": _ids(folder)[0], "decision": "confirmed", "note": note})
    headers = {
        "Content-Type": "application/json",
        TOKEN_HEADER: server.token,
        "Host": client.host,
    }
    status, data = client.request("POST", "/api/decisions", body.encode(), headers)
    assert status == 413 and b"error" in data
    assert read_decisions(folder / REVIEW_FILE)[0] == {}


def test_review_server_other_methods_and_paths(client):
    assert client.request("GET", "/nothing-here")[0] == 404
    assert client.request("PUT", "/api/decisions", b"{}")[0] == 405
    assert client.request("OPTIONS", "/api/decisions")[0] == 405
    assert client.request("GET", "/", headers={"Host": "attacker.example:80"})[0] == 403


def test_review_server_concurrent_posts_are_all_saved(client, folder):
    ids = _ids(folder)
    statuses: list[int] = []

    def work(worker: int) -> None:
        for step in range(5):
            note = f"worker {worker} step {step}"
            finding_id = ids[(worker + step) % len(ids)]
            statuses.append(
                client.post({"finding_id": finding_id, "decision": "confirmed", "note": note})[0]
            )

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 20
    _, history = read_decisions(folder / REVIEW_FILE)
    assert sum(len(changes) for changes in history.values()) == 20


# --- the command ------------------------------------------------------------------------


def test_review_command_serves_and_stops_cleanly_on_ctrl_c(folder):
    process = subprocess.Popen(
        [sys.executable, "-m", "claimdiff", "review", str(folder), "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        port = int(url.rsplit(":", 1)[1].rstrip("/"))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/")
        response = connection.getresponse()
        assert response.status == 200 and b"claimdiff-review-token" in response.read()
        connection.close()
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, stderr
    assert "review stopped" in stderr.splitlines()[-1]
    assert (folder / REVIEW_FILE).exists()


def test_review_command_port_in_use_is_exit_2(folder):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["review", str(folder), "--port", str(port)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "--port 0" in result.stderr
