"""The review server: page, API and checks, a report rewritten while served, the command."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimdiff.cli import app
from claimdiff.decisions import DecisionRequest
from claimdiff.models import Decision, Report
from claimdiff.render import render_html
from claimdiff.review import (
    REVIEW_FILE,
    FindingSnapshot,
    load_report,
    read_decisions,
    read_report,
)
from claimdiff.server import MAX_BODY, TOKEN_HEADER, ReviewServer
from claimdiff.session import DecisionConflict, Review
from claimdiff.testing import TickingClock

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "reports" / "examples" / "kelbria-earthquake.json"
OLD = "0123456789abcdef"
"""The id of a finding decided on an earlier run."""

runner = CliRunner()


def _review(folder: Path, *, editor: str = "") -> Review:
    return Review.load(folder, clock=TickingClock(), editor=editor)


def _ids(folder: Path) -> list[str]:
    return [finding.id for finding in load_report(folder).findings]


def _rewrite(folder: Path, report: Report) -> None:
    """Write report.json as check does: a new file renamed over the old one."""
    temporary = folder / "report.json.tmp"
    temporary.write_text(report.model_dump_json(indent=2), encoding="utf-8")
    os.replace(temporary, folder / "report.json")


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

    def page_token(self) -> str:
        """Return the token of the page as served now."""
        page = self.request("GET", "/")[1].decode("utf-8")
        return page.split('name="claimdiff-review-token" content="', 1)[1].split('"', 1)[0]

    def listed(self, token: str | None = None) -> Any:
        """Return GET /api/decisions, asked by the page with ``token`` if given."""
        headers = {TOKEN_HEADER: token} if token else {}
        status, data = self.request("GET", "/api/decisions", headers=headers)
        assert status == 200, data
        return json.loads(data)

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


@contextmanager
def _serving(review: Review, log: list[str] | None = None) -> Iterator[ReviewServer]:
    instance = ReviewServer(review, port=0, log=None if log is None else log.append)
    thread = threading.Thread(target=instance.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield instance
    finally:
        instance.shutdown()
        thread.join()
        instance.server_close()


EDITOR = "Ada R."


@pytest.fixture
def server(folder: Path) -> Iterator[ReviewServer]:
    with _serving(_review(folder, editor=EDITOR)) as instance:
        yield instance


@pytest.fixture
def client(server: ReviewServer) -> Client:
    return Client(server)


def test_review_server_serves_the_page_with_token_and_controls(client, server, folder):
    status, page = client.request("GET", "/")
    assert status == 200
    text = page.decode("utf-8")
    revision = read_report(folder).revision
    assert f'<meta name="claimdiff-review-token" content="{server.token}.{revision}">' in text
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
    assert record["editor"] == EDITOR and record["report_changed"] is False
    saved = read_decisions(folder / REVIEW_FILE)[0][finding_id]
    assert (saved.decision, saved.note, saved.editor) == (Decision.FOLLOW_UP, note, EDITOR)

    page = client.request("GET", "/")[1].decode("utf-8")
    escaped = "&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
    assert escaped in page
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert f'data-finding="{finding_id}"' in page and 'data-decision="follow_up"' in page
    assert f'<span class="who">by {EDITOR}</span>' in page

    listed = client.listed()
    assert [d["finding_id"] for d in listed["decisions"]] == [finding_id]
    assert listed["editor"] == EDITOR and listed["report_changed"] is False


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({TOKEN_HEADER: ""}, 403),
        ({TOKEN_HEADER: "not-the-token"}, 403),
        ({TOKEN_HEADER: f"not-the-token.{'0' * 16}"}, 403),
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
        "wrong-token-with-revision",
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
        ({"finding_id": "FIRST", "decision": "confirmed", "editor": "Mallory"}, 400),
        ({"finding_id": "FIRST", "decision": "confirmed", "carried_from": ""}, 400),
        ({"finding_id": "FIRST", "decision": "confirmed", "note": "x" * 4001}, 400),
        (["not", "an", "object"], 400),
    ],
    ids=[
        "unknown-finding",
        "bad-decision",
        "extra-key",
        "editor-is-the-server's",
        "empty-carried-from",
        "long-note",
        "not-an-object",
    ],
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


# --- taking decisions over: carried, or applied from a finding no longer found ----------


def _carry(review: Review) -> tuple[str, int]:
    """Decide a finding under an older id, as if made before its third side appeared.

    Return the finding and how many claims that side holds.
    """
    report = review.report
    finding = next(f for f in report.findings if len(f.sides) >= 3)
    snapshot = FindingSnapshot.of(finding, report)
    sides = snapshot.sides[:-1]
    claims = sorted(claim for side in sides for claim in side)
    old = snapshot.model_copy(update={"sides": sides, "claim_ids": claims})
    review.store.decide(OLD, old, Decision.CONFIRMED, "Checked.", editor="Bo")
    return finding.id, len(snapshot.sides[-1])


def _orphan(review: Review) -> tuple[str, list[str]]:
    """Decide the first finding under an older id with the same claims: no longer found.

    Return the finding and every finding sharing its claims (so offered "Apply to").
    """
    report = review.report
    finding = report.findings[0]
    snapshot = FindingSnapshot.of(finding, report)
    review.store.decide(OLD, snapshot, Decision.CONFIRMED, "Both ministries agree", editor="Bo")
    claims = set(snapshot.claim_ids)
    related = [
        f.id for f in report.findings if claims & {e.claim_id for s in f.sides for e in s.evidence}
    ]
    return finding.id, related


def test_review_server_lists_and_takes_over_carried_decisions(client, server):
    new, added = _carry(server.review)
    listed = client.listed()
    assert listed["carried"] == [{"finding_id": new, "carried_from": OLD, "claims_added": added}]
    assert listed["no_longer_found"] == []
    status, record = client.post({"finding_id": new, "decision": "confirmed", "note": "Checked."})
    assert status == 200 and record["carried_from"] == OLD and record["editor"] == EDITOR
    listed = client.listed()
    assert listed["carried"] == [] and listed["no_longer_found"] == []
    records, history = read_decisions(server.review.directory / REVIEW_FILE)
    (change,) = history[new]
    assert (change.carried_from, change.editor) == (OLD, EDITOR)
    assert records[OLD].editor == "Bo", "the old record keeps who made it"


def _export_rows(folder: Path) -> dict[str, dict[str, str]]:
    result = runner.invoke(app, ["export", str(folder), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return {row["finding_id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}


def test_review_server_apply_records_where_the_decision_came_from(client, server, folder):
    target, related = _orphan(server.review)
    other = next(fid for fid in related if fid != target)
    assert client.listed()["no_longer_found"] == [OLD]
    page = client.request("GET", "/")[1].decode("utf-8")
    assert f'data-orphan="{OLD}"' in page and f'data-carry-to="{target}"' in page

    payload = {
        "finding_id": target,
        "decision": "confirmed",
        "note": "Both ministries agree",
        "carried_from": OLD,
    }
    status, record = client.post(payload)
    assert status == 200, record
    assert (record["carried_from"], record["editor"]) == (OLD, EDITOR)
    records, history = read_decisions(folder / REVIEW_FILE)
    assert records[target].carried_from == OLD
    (change,) = history[target]
    assert (change.decision, change.carried_from, change.editor) == (
        Decision.CONFIRMED,
        OLD,
        EDITOR,
    )
    assert records[OLD].editor == "Bo" and len(history[OLD]) == 1, "the old record is kept"

    # Taken over, as a confirmed carried decision is: no longer offered, and the log says where.
    assert client.listed()["no_longer_found"] == []
    assert f'data-orphan="{OLD}"' not in client.request("GET", "/")[1].decode("utf-8")
    rows = _export_rows(folder)
    assert (rows[target]["carried_from"], rows[target]["editor"]) == (OLD, EDITOR)
    gone = rows[OLD]
    assert (gone["found"], gone["carried_to"], gone["editor"]) == ("no", target, "Bo")

    # The same click again changes nothing; applying it elsewhere now is a conflict.
    assert client.post(payload)[0] == 200
    assert len(read_decisions(folder / REVIEW_FILE)[1][target]) == 1
    status, data = client.post({**payload, "finding_id": other})
    assert status == 409 and "reload the page" in str(data["error"])
    assert other not in read_decisions(folder / REVIEW_FILE)[0]


@pytest.mark.parametrize(
    "source",
    ["never-decided", "applies", "shares-no-claims"],
)
def test_review_server_refuses_to_apply_what_cannot_be_applied(client, server, folder, source):
    target, _ = _orphan(server.review)
    ids = _ids(folder)
    if source == "never-decided":
        carried_from = "f" * 16
    elif source == "applies":  # a decision on a finding of this report is no orphan
        assert client.post({"finding_id": ids[1], "decision": "dismissed"})[0] == 200
        carried_from = ids[1]
    else:
        carried_from = OLD
        report = load_report(folder)
        claims = {e.claim_id for s in report.findings[0].sides for e in s.evidence}
        target = next(
            f.id
            for f in report.findings
            if not claims & {e.claim_id for s in f.sides for e in s.evidence}
        )
    before = read_decisions(folder / REVIEW_FILE)
    payload = {"finding_id": target, "decision": "confirmed", "carried_from": carried_from}
    status, data = client.post(payload)
    assert status == 409 and carried_from in str(data["error"])
    assert data["report_changed"] is False
    assert read_decisions(folder / REVIEW_FILE) == before


def test_two_pages_applying_one_old_decision_at_once_cannot_both_succeed(
    server, folder, monkeypatch
):
    target, related = _orphan(server.review)
    other = next(fid for fid in related if fid != target)
    import claimdiff.session as session

    # Both pages read the decisions before either saves: the race two tabs can run.
    both_read = threading.Barrier(2)
    reconcile = session.reconcile

    def reading_together(*args: Any) -> Any:
        found = reconcile(*args)
        # Broken when the other page is kept waiting for the store: it reads after this one.
        with suppress(threading.BrokenBarrierError):
            both_read.wait(timeout=2)
        return found

    monkeypatch.setattr(session, "reconcile", reading_together)
    outcomes: dict[str, str] = {}

    def apply(finding_id: str, editor: str) -> None:
        request = DecisionRequest(
            finding_id=finding_id, decision=Decision.CONFIRMED, carried_from=OLD
        )
        try:
            _review(folder, editor=editor).decide(request)
            outcomes[finding_id] = "saved"
        except DecisionConflict:
            outcomes[finding_id] = "conflict"

    pages = [
        threading.Thread(target=apply, args=(target, "Ana")),
        threading.Thread(target=apply, args=(other, "Bo")),
    ]
    for page in pages:
        page.start()
    for page in pages:
        page.join(timeout=60)
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    records, _ = read_decisions(folder / REVIEW_FILE)
    carried = [fid for fid, record in records.items() if record.carried_from == OLD]
    assert carried == [fid for fid, outcome in outcomes.items() if outcome == "saved"]


# --- report.json rewritten while the page is open ---------------------------------------


def test_review_server_follows_a_rewritten_report_and_tells_the_page(folder):
    log: list[str] = []
    with _serving(_review(folder, editor=EDITOR), log) as server:
        client = Client(server)
        ids = _ids(folder)
        old_token = client.page_token()
        assert old_token == f"{server.token}.{read_report(folder).revision}"
        for finding_id in ids[:2]:
            status, record = client.post(
                {"finding_id": finding_id, "decision": "confirmed"}, {TOKEN_HEADER: old_token}
            )
            assert status == 200 and record["report_changed"] is False
        assert client.listed(old_token)["report_changed"] is False

        # check re-runs into the folder: the first finding is gone, the rest are kept.
        report = load_report(folder)
        _rewrite(folder, report.model_copy(update={"findings": report.findings[1:]}))
        revision = read_report(folder).revision
        status, data = client.request("GET", "/api/status", headers={TOKEN_HEADER: old_token})
        assert status == 200
        assert json.loads(data) == {"editor": EDITOR, "report": revision, "report_changed": True}
        listed = client.listed(old_token)
        assert (listed["report_changed"], listed["report"]) == (True, revision)
        assert listed["no_longer_found"] == [ids[0]], "decisions reconciled with the new report"
        assert [line for line in log if "changed" in line] == [
            f"review: report.json changed; reloaded it ({len(report.findings) - 1} findings); "
            "pages loaded before show a reload notice"
        ]
        assert "1 no longer found" in log[log.index(next(x for x in log if "changed" in x)) + 1]

        # The old page decides on the finding that is gone: refused, nothing stored.
        before = read_decisions(folder / REVIEW_FILE)
        status, data = client.post(
            {"finding_id": ids[0], "decision": "dismissed"}, {TOKEN_HEADER: old_token}
        )
        assert status == 409 and data["report_changed"] is True
        assert f"finding {ids[0]} is not in report.json any more" in str(data["error"])
        assert "reload the page" in str(data["error"])
        assert read_decisions(folder / REVIEW_FILE) == before
        # On a finding the new report still has, the decision is kept, and the page told.
        status, record = client.post(
            {"finding_id": ids[2], "decision": "follow_up"}, {TOKEN_HEADER: old_token}
        )
        assert status == 200 and record["report_changed"] is True
        assert read_decisions(folder / REVIEW_FILE)[0][ids[2]].decision is Decision.FOLLOW_UP

        # A reloaded page shows the new report, its token says so, and the id is unknown.
        new_token = client.page_token()
        assert new_token == f"{server.token}.{revision}"
        page = client.request("GET", "/")[1].decode("utf-8")
        assert f'data-review-for="{ids[0]}"' not in page and f'data-orphan="{ids[0]}"' in page
        assert client.listed(new_token)["report_changed"] is False
        status, data = client.post(
            {"finding_id": ids[0], "decision": "dismissed"}, {TOKEN_HEADER: new_token}
        )
        assert status == 404 and data["report_changed"] is False


def test_review_server_same_report_written_again_is_no_change(client, server, folder):
    token = client.page_token()
    copy = folder / "copy.json"
    shutil.copyfile(folder / "report.json", copy)
    os.replace(copy, folder / "report.json")  # a re-run that wrote the same report
    assert client.listed(token)["report_changed"] is False
    assert client.page_token() == token


def test_review_server_broken_report_refuses_decisions_until_fixed(client, server, folder):
    good = (folder / "report.json").read_bytes()
    (folder / "report.json").write_text('{"findings": 3}', encoding="utf-8")
    finding_id = server.review.report.findings[0].id
    status, data = client.post({"finding_id": finding_id, "decision": "confirmed"})
    assert status == 500 and "report.json: not a claimdiff report" in str(data["error"])
    assert client.request("GET", "/")[0] == 500
    assert read_decisions(folder / REVIEW_FILE)[0] == {}
    (folder / "report.json").write_bytes(good)
    assert client.post({"finding_id": finding_id, "decision": "confirmed"})[0] == 200


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


@pytest.mark.parametrize(
    ("args", "env", "who"),
    [
        (["--editor", "  Ada R. "], {}, "Ada R."),
        ([], {"CLAIMDIFF_EDITOR": "Zoë K"}, "Zoë K"),
        (["--editor", "Ada R."], {"CLAIMDIFF_EDITOR": "Zoë K"}, "Ada R."),
        ([], {}, None),
    ],
    ids=["option", "environment", "option-first", "nobody"],
)
def test_review_command_names_the_editor(folder, monkeypatch, args, env, who):
    served: list[Review] = []

    def serve(server: ReviewServer) -> None:
        served.append(server.review)
        server.server_close()

    monkeypatch.delenv("CLAIMDIFF_EDITOR", raising=False)
    monkeypatch.setattr("claimdiff.server.serve_until_interrupted", serve)
    result = runner.invoke(app, ["review", str(folder), "--port", "0", *args], env=env)
    assert result.exit_code == 0, result.output
    (review,) = served
    assert review.editor == (who or "")
    lines = result.stderr.splitlines()
    warnings = [line for line in lines if line.startswith("claimdiff: warning: ")]
    if who is None:
        assert warnings == [
            "claimdiff: warning: no --editor given (nor CLAIMDIFF_EDITOR): decisions are "
            "recorded without a name; pass --editor NAME to sign them"
        ]
        assert "report.json; decisions are saved" in lines[0]
    else:
        assert warnings == [] and f"report.json as {who}; decisions are saved" in lines[0]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "give a name or initials"),
        ("   ", "give a name or initials"),
        ("Ada\nR.", "U+000A"),
        ("Ada\tR.", "U+0009"),
        ("\u202eAda", "U+202E"),
        ("A" * 65, "at most 64 characters"),
    ],
    ids=["empty", "blank", "two-lines", "tab", "bidi-override", "too-long"],
)
def test_review_command_bad_editor_is_one_line_and_exit_2(folder, name, why):
    result = runner.invoke(app, ["review", str(folder), "--port", "0", "--editor", name])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("claimdiff: error: ") and "--editor" in result.stderr
    assert why in result.stderr
    assert not (folder / REVIEW_FILE).exists()
