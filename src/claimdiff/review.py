"""Editors' decisions on findings: stored in ``DIR/review.sqlite``, keyed by finding id.

A check output folder ``DIR`` holds ``report.json``; ``claimdiff review DIR`` serves it
(``server.py``) and records each decision here. A decision is one of ``Decision``
(confirmed, dismissed, follow up, undecided) with a note; every change is kept in the
history, and each is one SQLite transaction (WAL), so concurrent editors and an
interrupted server never lose or half-write one.

Finding ids are hashes of the finding's kind and claims, so a re-run of ``check`` into
the same folder gives a finding its decision back. When an article joins a decided
finding (its claims only grow), the finding gets a new id: ``reconcile`` then carries the
decision to it, flagged "evidence changed" until an editor decides again, if exactly one
finding of the same kind holds all the old claims, with the old sides kept apart. Any
other decided finding the new report no longer has (claims removed or changed, two
candidates, another kind) keeps its decision, shown as "no longer found" with a snapshot
of what it said and the new findings sharing its claims. Each decision keeps the claim
ids, side by side, of the finding it was made on; the old record is never rewritten.
Each decision and each change of the history names the editor who made it.

``report.json`` and ``review.sqlite`` are validated on opening: a missing folder or
report, a malformed report or a file that is not (or no longer) a review database raise
one-line ``InputError``s naming the file, and the database is never rewritten then.
Each reading of ``report.json`` has a *revision* (a hash of its bytes), by which
``session.Review`` notices that ``check`` rewrote it while the folder is under review.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from claimdiff.decisions import (
    DecisionChange,
    DecisionRecord,
    DecisionRequest,
    FindingSnapshot,
    reconcile,
    related_findings,
)
from claimdiff.errors import InputError
from claimdiff.models import Decision, Report

__all__ = [
    "REPORT_FILE",
    "REVIEW_FILE",
    "Clock",
    "DecisionChange",
    "DecisionRecord",
    "DecisionRequest",
    "DecisionStore",
    "FindingSnapshot",
    "ReportFile",
    "load_report",
    "now",
    "read_decisions",
    "read_report",
    "reconcile",
    "related_findings",
    "report_stat",
    "review_files",
    "review_summary",
]

REPORT_FILE = "report.json"
REVIEW_FILE = "review.sqlite"
SCHEMA_VERSION = 3
"""``PRAGMA user_version`` of the decisions database; older files are migrated on opening
for review (never by ``check`` or ``export``), newer ones refused. 2 added ``carried_from``,
3 the ``editor`` of each decision and change (empty in those made before)."""

APPLICATION_ID = 0x63645256
"""``PRAGMA application_id`` marking a claimdiff review database ("cdRV")."""

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS decision (
        finding_id TEXT PRIMARY KEY,
        decision TEXT NOT NULL,
        note TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        finding TEXT NOT NULL,
        carried_from TEXT,
        editor TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE IF NOT EXISTS decision_change (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        finding_id TEXT NOT NULL,
        decision TEXT NOT NULL,
        note TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        carried_from TEXT,
        editor TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX IF NOT EXISTS decision_change_finding ON decision_change (finding_id, seq)",
    f"PRAGMA application_id = {APPLICATION_ID}",
    f"PRAGMA user_version = {SCHEMA_VERSION}",
)
_TABLES = frozenset({"decision", "decision_change"})
_COLUMNS = {2: "carried_from", 3: "editor"}
"""The column each schema version added to both tables."""
_MIGRATIONS = {
    1: (
        "ALTER TABLE decision ADD COLUMN carried_from TEXT",
        "ALTER TABLE decision_change ADD COLUMN carried_from TEXT",
    ),
    2: (
        "ALTER TABLE decision ADD COLUMN editor TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE decision_change ADD COLUMN editor TEXT NOT NULL DEFAULT ''",
    ),
}
"""Statements taking a database from schema ``key`` to ``key + 1``."""

Clock = Callable[[], datetime]


def now() -> datetime:
    """Return the time a decision is made: now, in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


# --- report -----------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class ReportFile:
    """One reading of ``report.json``: the report, its revision and the file's stat then."""

    report: Report
    revision: str
    """The first 16 hex digits of the SHA-256 of the file's bytes."""
    stat: tuple[int, ...]
    """Device, inode, size and modification and change times (ns), read before the bytes."""


def report_stat(path: Path) -> tuple[int, ...]:
    """Return what says whether a file was rewritten: device, inode, size, times (ns)."""
    info = os.stat(path)
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def load_report(directory: Path) -> Report:
    """Return the report ``claimdiff check -o DIR`` wrote into ``directory``.

    Raises:
        InputError: The folder or its report.json is missing, unreadable or malformed.
    """
    return read_report(directory).report


def read_report(directory: Path) -> ReportFile:
    """Return the report in ``directory`` with its revision (see ``load_report``)."""
    if not directory.exists():
        raise InputError(
            f"{directory}: no such folder; run 'claimdiff check PATH... -o {directory}' first"
        )
    if not directory.is_dir():
        raise InputError(f"{directory}: not a folder; pass the folder 'claimdiff check -o' wrote")
    path = directory / REPORT_FILE
    if not path.is_file():
        raise InputError(
            f"{path}: not found; run 'claimdiff check PATH... -o {directory}' (with json "
            "among the formats) to write it"
        )
    try:
        stat = report_stat(path)
        data = path.read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the report: {_one_line(str(exc))}") from exc
    try:
        report = Report.model_validate_json(text)
    except ValidationError as exc:
        problems = exc.errors()
        first = problems[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(
            f"{path}: not a claimdiff report: {where}: {_one_line(first['msg'])}{more}; "
            f"re-run 'claimdiff check PATH... -o {directory}'"
        ) from exc
    return ReportFile(report, hashlib.sha256(data).hexdigest()[:16], stat)


# --- database ---------------------------------------------------------------------------


def _damaged(path: Path, why: object) -> InputError:
    reason = _one_line(str(why))
    if len(reason) > 120:  # an integrity check lists every bad page; the first one says enough
        reason = reason[:119] + "…"
    return InputError(
        f"{path}: not a readable claimdiff review database ({reason}); "
        "it was left as it is: move it aside to start a new one"
    )


@contextmanager
def _connect(path: Path, *, create: bool) -> Iterator[sqlite3.Connection]:
    """Yield a connection of its own (so threads and processes never share one)."""
    uri = f"{path.resolve().as_uri()}?mode={'rwc' if create else 'rw'}"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=30.0, isolation_level=None)
    except sqlite3.Error as exc:
        raise InputError(f"{path}: cannot open the review database: {exc}") from exc
    with closing(connection):
        try:
            connection.execute("PRAGMA synchronous=FULL")
            yield connection
        except sqlite3.DatabaseError as exc:
            with suppress(sqlite3.Error):  # closing rolls back anyway; keep the first error
                connection.rollback()
            if isinstance(exc, sqlite3.OperationalError):  # locked, read-only, I/O: not damage
                raise InputError(
                    f"{path}: cannot use the review database ({_one_line(str(exc))}); check "
                    "that it is writable and that no other program holds it locked"
                ) from exc
            raise _damaged(path, exc) from exc


def _inspect(connection: sqlite3.Connection, path: Path) -> int:
    """Return the file's schema version, 0 for a new, empty database; raise if not ours."""
    integrity = connection.execute("PRAGMA quick_check").fetchone()[0]
    if integrity != "ok":
        raise _damaged(path, integrity)
    application = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    } - {"sqlite_sequence"}
    if not tables and application == 0 and version == 0:
        return 0
    if application != APPLICATION_ID:
        raise InputError(
            f"{path}: this SQLite file is not a claimdiff review database; it was left as "
            "it is: move it aside to start a new one"
        )
    if version > SCHEMA_VERSION:
        raise InputError(
            f"{path}: review database schema {version} was written by a newer claimdiff "
            f"(this one reads up to {SCHEMA_VERSION}); upgrade claimdiff"
        )
    if not tables >= _TABLES:
        raise _damaged(path, f"missing tables: {', '.join(sorted(_TABLES - tables))}")
    if version < 1:
        raise _damaged(path, "no schema version")
    for table in sorted(_TABLES):
        columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        for added, column in sorted(_COLUMNS.items()):
            if version >= added and column not in columns:
                raise _damaged(path, f"table {table} lacks column {column}")
    return int(version)


def _migrate(connection: sqlite3.Connection) -> None:
    """Bring an older database up to ``SCHEMA_VERSION`` in one transaction."""
    connection.execute("BEGIN IMMEDIATE")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    while version < SCHEMA_VERSION:  # another process may have migrated it meanwhile
        for statement in _MIGRATIONS[version]:
            connection.execute(statement)
        version += 1
    connection.execute(f"PRAGMA user_version = {version}")
    connection.execute("COMMIT")


def _record(row: sqlite3.Row | tuple[object, ...], path: Path) -> DecisionRecord:
    finding_id, decision, note, decided_at, finding, changes, carried_from, editor = row
    try:
        return DecisionRecord(
            finding_id=str(finding_id),
            decision=Decision(str(decision)),
            note=str(note),
            decided_at=datetime.fromisoformat(str(decided_at)),
            changes=int(str(changes)),
            finding=FindingSnapshot.model_validate_json(str(finding)),
            carried_from=None if carried_from is None else str(carried_from),
            editor=str(editor),
        )
    except (ValueError, ValidationError) as exc:
        raise _damaged(path, f"decision on {finding_id}: {exc}") from exc


def _added(version: int, prefix: str = "") -> str:
    """Return the columns later schemas added, as ``version`` has them (older: defaults)."""
    carried = f"{prefix}carried_from" if version >= 2 else "NULL"
    editor = f"{prefix}editor" if version >= 3 else "''"
    return f"{carried}, {editor}"


def _select(version: int = SCHEMA_VERSION) -> str:
    """Return the query of current decisions (older files are read as they are)."""
    return (
        "SELECT d.finding_id, d.decision, d.note, d.decided_at, d.finding, "
        "(SELECT COUNT(*) FROM decision_change c WHERE c.finding_id = d.finding_id), "
        f"{_added(version, 'd.')} FROM decision d"
    )


def _read(
    connection: sqlite3.Connection, path: Path, version: int = SCHEMA_VERSION
) -> dict[str, DecisionRecord]:
    rows = connection.execute(_select(version) + " ORDER BY d.finding_id").fetchall()
    return {record.finding_id: record for record in (_record(row, path) for row in rows)}


def _history(
    connection: sqlite3.Connection, path: Path, version: int = SCHEMA_VERSION
) -> dict[str, list[DecisionChange]]:
    history: dict[str, list[DecisionChange]] = defaultdict(list)
    for finding_id, decision, note, decided_at, carried_from, editor in connection.execute(
        f"SELECT finding_id, decision, note, decided_at, {_added(version)} "
        "FROM decision_change ORDER BY seq"
    ):
        try:
            change = DecisionChange(
                decision=Decision(decision),
                note=note,
                decided_at=datetime.fromisoformat(decided_at),
                carried_from=carried_from,
                editor=editor,
            )
        except (ValueError, ValidationError) as exc:
            raise _damaged(path, f"history of {finding_id}: {exc}") from exc
        history[finding_id].append(change)
    return dict(history)


def read_decisions(
    path: Path,
) -> tuple[dict[str, DecisionRecord], dict[str, list[DecisionChange]]]:
    """Return the decisions and their histories in ``path``; none if it does not exist.

    Raises:
        InputError: The file is not a claimdiff review database, or is damaged.
    """
    if not path.exists():
        return {}, {}
    with _connect(path, create=False) as connection:
        version = _inspect(connection, path)
        if version == 0:
            return {}, {}
        return _read(connection, path, version), _history(connection, path, version)


class DecisionStore:
    """The decisions database of one report folder; every method opens its own connection."""

    def __init__(self, path: Path, *, clock: Clock = now) -> None:
        self.path = path
        self._clock = clock

    @classmethod
    def open(cls, path: Path, *, clock: Clock = now) -> DecisionStore:
        """Open ``path``, creating the database if the file is new or empty.

        An older database is migrated to ``SCHEMA_VERSION`` in one transaction.

        Raises:
            InputError: The file is not a claimdiff review database, is damaged, was
                written by a newer claimdiff, or cannot be created.
        """
        with _connect(path, create=True) as connection:
            version = _inspect(connection, path)
            if version == 0:
                connection.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA:
                    connection.execute(statement)
                connection.execute("COMMIT")
            elif version < SCHEMA_VERSION:
                _migrate(connection)
            connection.execute("PRAGMA journal_mode=WAL")
        return cls(path, clock=clock)

    def decide(
        self,
        finding_id: str,
        snapshot: FindingSnapshot,
        decision: Decision,
        note: str,
        *,
        carried_from: str | None | Callable[[dict[str, DecisionRecord]], str | None] = None,
        editor: str = "",
    ) -> DecisionRecord:
        """Record a decision by ``editor`` in one transaction, keeping the change in the history.

        ``carried_from`` names the finding whose decision this one takes over (carried to
        this finding, or applied to it from a finding no longer found); a record keeps
        the first it was given, and the change says it took it over. Given as a function
        of the current decisions, it is called inside the transaction, with the decisions
        as they are then: what it checks (and may refuse by raising) cannot change before
        the decision is saved, whoever else decides at the same time. Saving the decision
        and note a finding already has changes nothing (the record keeps who made it),
        unless it takes over a decision the record does not name yet.
        """
        decided_at = self._clock().astimezone(UTC).isoformat()
        with _connect(self.path, create=False) as connection:
            connection.execute("BEGIN IMMEDIATE")
            if callable(carried_from):
                carried_from = carried_from(_read(connection, self.path))
            current = connection.execute(
                "SELECT decision, note, carried_from FROM decision WHERE finding_id = ?",
                (finding_id,),
            ).fetchone()
            changed = current is None or tuple(current[:2]) != (decision.value, note)
            if changed or (carried_from is not None and current[2] is None):
                connection.execute(
                    "INSERT INTO decision_change (finding_id, decision, note, decided_at, "
                    "carried_from, editor) VALUES (?, ?, ?, ?, ?, ?)",
                    (finding_id, decision.value, note, decided_at, carried_from, editor),
                )
                connection.execute(
                    "INSERT INTO decision (finding_id, decision, note, decided_at, finding, "
                    "carried_from, editor) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (finding_id) DO UPDATE "
                    "SET decision = excluded.decision, note = excluded.note, "
                    "decided_at = excluded.decided_at, finding = excluded.finding, "
                    "carried_from = COALESCE(decision.carried_from, excluded.carried_from), "
                    "editor = excluded.editor",
                    (
                        finding_id,
                        decision.value,
                        note,
                        decided_at,
                        snapshot.model_dump_json(),
                        carried_from,
                        editor,
                    ),
                )
            query = _select() + " WHERE d.finding_id = ?"
            row = connection.execute(query, (finding_id,)).fetchone()
            connection.execute("COMMIT")
        return _record(row, self.path)

    def decisions(self) -> dict[str, DecisionRecord]:
        """Return every current decision by finding id."""
        with _connect(self.path, create=False) as connection:
            return _read(connection, self.path)

    def history(self) -> dict[str, list[DecisionChange]]:
        """Return every finding's changes, oldest first."""
        with _connect(self.path, create=False) as connection:
            return _history(connection, self.path)


def review_files(directory: Path, *, clock: Clock = now) -> tuple[ReportFile, DecisionStore]:
    """Read ``directory/report.json`` and open (creating or migrating) its decisions database.

    Raises:
        InputError: The folder, its report or its decisions database is unusable.
    """
    file = read_report(directory)
    return file, DecisionStore.open(directory / REVIEW_FILE, clock=clock)


# --- check's line -----------------------------------------------------------------------


def review_summary(directory: Path, report: Report) -> str | None:
    """Return how many stored decisions apply to ``report``, are carried or gone, for ``check``.

    None when the folder has no decisions database. Raises ``InputError`` if it is damaged.
    Decisions an editor took over on a later finding are counted there, not again.
    """
    path = directory / REVIEW_FILE
    if not path.exists():
        return None
    records, _ = read_decisions(path)
    state = reconcile(report, records)
    applied, carried = len(state.applied), len(state.carried)
    decisions = f"{applied} decision" + (" applies" if applied == 1 else "s apply")
    target = "a finding" if carried == 1 else "findings"
    return (
        f"review: {decisions}, {carried} carried to {target} with new evidence, "
        f"{len(state.gone)} no longer found ({path})"
    )
