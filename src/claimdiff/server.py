"""The review server: the HTML report with decision controls and a JSON API, on 127.0.0.1.

Routes:

- ``GET /`` the report page, rendered with the current decisions and a page token: the
  per-run secret and the revision of the report the page shows (``SECRET.REVISION``);
- ``GET /api/decisions`` every stored decision, the decisions carried to findings with
  new evidence (``carried``: finding id, the id it was decided under, claims added), the
  ids no longer found (neither in the report nor carried nor taken over), the ``editor``
  decisions are recorded as and the ``report`` revision;
- ``GET /api/status`` only the last three (and ``report_changed``), which the page asks
  for on loading and whenever it regains focus;
- ``POST /api/decisions`` one decision ``{"finding_id", "decision", "note"}``, recorded
  in the editor's name; on a finding showing a carried decision it takes that decision
  over, and with ``"carried_from"`` it applies the decision on a finding no longer found
  that shares claims with it; either way the record says where it came from.

Every request first stats ``report.json`` and reloads it when ``claimdiff check`` has
rewritten it, so the page and the decisions follow the new report. Every JSON answer to
a request bearing a page token says whether the report changed since that page was
rendered (``report_changed``); the page then asks to be reloaded. A decision on a finding
the new report no longer has is refused with 409 (404 for an id never seen by the page),
and nothing is stored.

The server listens on 127.0.0.1 only, and refuses (403) any request whose ``Host`` is not
this server (DNS rebinding), and any POST that comes from another origin (``Origin``,
``Sec-Fetch-Site``) or lacks the token embedded in the page (``X-Claimdiff-Token``, which
also makes every cross-site POST need a preflight this server never grants). A POST must
be ``application/json`` (415) of at most ``MAX_BODY`` bytes (413). Pages carry
``frame-ancestors 'none'`` so they cannot be framed, and nothing is cached.
"""

from __future__ import annotations

import json
import secrets
import signal
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import cast
from urllib.parse import urlsplit

from pydantic import ValidationError

from claimdiff.errors import CheckerError
from claimdiff.render.html import render_html
from claimdiff.review import REPORT_FILE, DecisionRequest, reconcile, review_summary
from claimdiff.session import DecisionConflict, NotInReport, Review

__all__ = ["HOST", "MAX_BODY", "TOKEN_HEADER", "ReviewServer", "serve_until_interrupted"]

HOST = "127.0.0.1"
MAX_BODY = 32 * 1024
"""Largest request body accepted, in bytes (a note of 4,000 characters fits easily)."""

TOKEN_HEADER = "X-Claimdiff-Token"
_DRAIN = 1024 * 1024  # a refused body up to this size is read, so the reply is not reset
_API = "/api/decisions"
_STATUS = "/api/status"
_PAGE_POLICY = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_API_POLICY = "default-src 'none'; frame-ancestors 'none'"


class ReviewServer(ThreadingHTTPServer):
    """An HTTP server for one report folder under review, bound to 127.0.0.1."""

    daemon_threads = True

    def __init__(
        self,
        review: Review,
        *,
        port: int = 0,
        token: str | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        """Bind to ``127.0.0.1:port`` (0: any free port); raises ``OSError`` if taken."""
        self.review = review
        self.token = token or secrets.token_urlsafe(32)
        self.log = log or (lambda message: None)
        super().__init__((HOST, port), _Handler)
        self.port = int(self.server_address[1])
        self.hosts = frozenset({f"{HOST}:{self.port}", f"localhost:{self.port}"})

    @property
    def url(self) -> str:
        """Return the address editors open."""
        return f"http://{HOST}:{self.port}/"


class _Handler(BaseHTTPRequestHandler):
    server_version = "claimdiff"
    sys_version = ""
    timeout = 30  # seconds a silent connection may hold a thread

    @property
    def app(self) -> ReviewServer:
        return cast(ReviewServer, self.server)

    def log_message(self, format: str, *args: object) -> None:
        """Keep no access log: the server reports decisions, not requests."""

    # --- responses ------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str, policy: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", policy)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: object) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8", _API_POLICY)

    def _refuse(self, status: HTTPStatus, message: str) -> None:
        self._drain()
        self.close_connection = True
        self._json(status, {"error": message})

    def _drain(self) -> None:
        """Read a small refused body, so closing does not reset the connection."""
        length = self.headers.get("Content-Length", "")
        if self.command == "POST" and length.isdigit() and 0 < int(length) <= _DRAIN:
            self.rfile.read(int(length))

    # --- checks ---------------------------------------------------------------------

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        if host in self.app.hosts:
            return True
        self._refuse(HTTPStatus.FORBIDDEN, f"Host must be {HOST}:{self.app.port}")
        return False

    def _same_origin(self) -> bool:
        origin = self.headers.get("Origin")
        host = (self.headers.get("Host") or "").strip().lower()
        if origin is not None and origin.lower() != f"http://{host}":
            self._refuse(HTTPStatus.FORBIDDEN, "cross-origin request refused")
            return False
        site = self.headers.get("Sec-Fetch-Site")
        if site is not None and site != "same-origin":
            self._refuse(HTTPStatus.FORBIDDEN, "cross-site request refused")
            return False
        if self._shown() is None:
            self._refuse(HTTPStatus.FORBIDDEN, f"missing or wrong {TOKEN_HEADER}; reload the page")
            return False
        return True

    def _shown(self) -> str | None:
        """Return the revision the requesting page shows ('' if unsaid); None without the secret."""
        secret, _, revision = self.headers.get(TOKEN_HEADER, "").partition(".")
        if not secrets.compare_digest(secret.encode("utf-8"), self.app.token.encode("utf-8")):
            return None
        return revision

    def _changed(self) -> bool:
        """Return whether the report changed since the requesting page was rendered."""
        shown = self._shown()
        return bool(shown) and shown != self.app.review.file.revision

    def _refresh(self) -> None:
        """Reload report.json if check rewrote it, and say so on the console."""
        review = self.app.review
        if review.refresh():
            count = len(review.report.findings)
            self.app.log(
                f"review: {REPORT_FILE} changed; reloaded it ({count} finding"
                f"{'' if count == 1 else 's'}); pages loaded before show a reload notice"
            )
            self.app.log(review_summary(review.directory, review.report) or "review: no decisions")

    def _body(self) -> bytes | None:
        if self.headers.get_content_type() != "application/json" or (
            self.headers.get_content_charset("utf-8").lower() not in ("utf-8", "utf8")
        ):
            self._refuse(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json (UTF-8)")
            return None
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") is not None or length is None:
            self.close_connection = True
            self._json(HTTPStatus.LENGTH_REQUIRED, {"error": "Content-Length required"})
            return None
        if not length.isdigit():
            self.close_connection = True
            self._json(HTTPStatus.BAD_REQUEST, {"error": "bad Content-Length"})
            return None
        if int(length) > MAX_BODY:
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"body over {MAX_BODY} bytes")
            return None
        return self.rfile.read(int(length))

    # --- routes ---------------------------------------------------------------------

    def do_GET(self) -> None:
        """Serve the page or the decisions."""
        if not self._host_ok():
            return
        path = urlsplit(self.path).path
        if path not in ("/", "/index.html", _API, _STATUS):
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            return
        try:
            self._refresh()
            review = self.app.review
            file = review.file  # one reading for the whole answer
            shown = self._shown()
            status = {
                "editor": review.editor,
                "report": file.revision,
                "report_changed": bool(shown) and shown != file.revision,
            }
            if path == _STATUS:
                self._json(HTTPStatus.OK, status)
                return
            if path != _API:
                view = review.view(f"{self.app.token}.{file.revision}", file=file)
                page = render_html(file.report, review=view).encode("utf-8")
                self._send(HTTPStatus.OK, page, "text/html; charset=utf-8", _PAGE_POLICY)
                return
            records = review.store.decisions()
            state = reconcile(file.report, records)
            carried = [
                {
                    "finding_id": finding.id,
                    "carried_from": state.carried[finding.id].record.finding_id,
                    "claims_added": state.carried[finding.id].claims_added,
                }
                for finding in file.report.findings
                if finding.id in state.carried
            ]
            self._json(
                HTTPStatus.OK,
                {
                    "decisions": [r.model_dump(mode="json") for r in records.values()],
                    "carried": carried,
                    "no_longer_found": list(state.gone),
                    **status,
                },
            )
        except CheckerError as exc:
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": str(exc)})

    def do_POST(self) -> None:
        """Record one decision."""
        if not self._host_ok():
            return
        if urlsplit(self.path).path != _API:
            self._refuse(HTTPStatus.NOT_FOUND, "not found")
            return
        if not self._same_origin():
            return
        body = self._body()
        if body is None:
            return
        try:
            request = DecisionRequest.model_validate_json(body)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
                for e in exc.errors()[:3]
            )
            self._json(HTTPStatus.BAD_REQUEST, {"error": problems})
            return
        try:
            self._refresh()
            record = self.app.review.decide(request, shown=self._shown() or None)
        except NotInReport:
            error = "no such finding in this report"
            self._json(HTTPStatus.NOT_FOUND, {"error": error, "report_changed": self._changed()})
            return
        except DecisionConflict as exc:
            self._json(HTTPStatus.CONFLICT, {"error": str(exc), "report_changed": self._changed()})
            return
        except CheckerError as exc:
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": str(exc)})
            return
        by = f" by {record.editor}" if record.editor else ""
        self.app.log(f"review: {record.finding_id} marked {record.decision.value}{by}")
        answer = record.model_dump(mode="json") | {"report_changed": self._changed()}
        self._json(HTTPStatus.OK, answer)

    def _not_allowed(self) -> None:
        self._drain()
        self.close_connection = True
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, POST")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve_until_interrupted(server: ReviewServer) -> None:
    """Serve until Ctrl-C (or SIGTERM), then stop listening; decisions are already saved."""
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        server.server_close()
