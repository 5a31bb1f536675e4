"""The store's file: opening, schema and migration, transactions, and document keys."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from claimdiff import __version__
from claimdiff.errors import InputError
from claimdiff.memo import paused_gc
from claimdiff.models import Document, stable_id

__all__ = [
    "CACHE_VERSION",
    "CHECKPOINT_PAGES",
    "CHUNK",
    "MAX_CHANGED_SHARE",
    "MAX_COPIES",
    "MAX_RUNS",
    "SCHEMA_VERSION",
    "STORE_FILE",
    "StoreFile",
    "corpus_key",
    "document_key",
    "paused_gc",
]

SCHEMA_VERSION = 4
"""Bumped whenever the tables change; older stores are migrated, newer ones refused.

Schema 1 held documents and findings; 2 adds shingles, shared copy and comparisons; 3
adds each document's event clues; 4 each document's sentence count (so that a check
reads a cached document's sentences only when it needs them), and keeps each link of
shared copy once, a kept corpus holding the ids of its links.
"""

CACHE_VERSION = 7
"""Part of every document key: bumped when a cached document entry changes meaning."""

STORE_FILE = "claimdiff.sqlite"
"""The store's file inside the ``--store`` folder."""

MAX_RUNS = 20
"""Findings are kept for this many most recent corpora, comparisons for as many checks."""

MAX_COPIES = 4
"""Shared copy is kept for this many most recent corpora (a story and the whole desk)."""

MAX_CHANGED_SHARE = 0.5
"""A corpus is updated from a kept one when at most this share of its documents differ."""

CHECKPOINT_PAGES = 16_384
"""Pages (of 4 KB) the write-ahead log holds before a commit moves them into the file.

A checkpoint copies the log into the database file and syncs both; at SQLite's default
(1,000 pages) adding an article to a stored 1,000-article corpus, which logs about 6 MB
(the new document's shingles alone touch 2.3 MB of the postings index), checkpointed on
every add: 0.15 s of waiting for the disk (issue 7). The last connection to close
checkpoints whatever is left, so a check from the command line still leaves one file.
A process that crashes loses no committed check: SQLite replays the log on the next open.
"""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    version TEXT NOT NULL,
    sentences TEXT NOT NULL,
    claims TEXT NOT NULL,
    clues TEXT,
    sentence_count INTEGER
);
CREATE INDEX IF NOT EXISTS documents_doc_id ON documents (doc_id);
CREATE TABLE IF NOT EXISTS runs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    corpus TEXT NOT NULL UNIQUE,
    version TEXT NOT NULL,
    documents INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS findings (
    corpus TEXT NOT NULL,
    id TEXT NOT NULL,
    finding TEXT NOT NULL,
    PRIMARY KEY (corpus, id)
);
CREATE TABLE IF NOT EXISTS indexed (
    number INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    sentences INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS postings (
    shingle TEXT NOT NULL,
    number INTEGER NOT NULL,
    start INTEGER NOT NULL,
    PRIMARY KEY (shingle, number, start)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS copies (
    corpus TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    documents TEXT NOT NULL,
    links TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS links (
    number INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    link TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS comparisons (
    fingerprint TEXT PRIMARY KEY,
    pairs INTEGER NOT NULL,
    findings TEXT NOT NULL,
    used INTEGER NOT NULL
);
"""
_TABLES = frozenset(
    {
        "meta",
        "documents",
        "runs",
        "findings",
        "indexed",
        "postings",
        "copies",
        "links",
        "comparisons",
    }
)
_ADDED_COLUMNS = (("clues", "TEXT"), ("sentence_count", "INTEGER"))
"""Columns of ``documents`` that older schemas lack, added on migration (in order)."""
CHUNK = 500  # keys per SELECT ... IN (...), well under SQLite's variable limit


def document_key(document: Document) -> str:
    """Return the cache key of a document: its content and metadata, and both versions."""
    content = document.model_dump_json(exclude={"source"})
    return stable_id(__version__, CACHE_VERSION, content, length=64)


def corpus_key(keys: Iterable[str]) -> str:
    """Return the key of a corpus: its documents' keys, in any order."""
    return stable_id(__version__, *sorted(keys), length=64)


class StoreFile:
    """The store's SQLite file: opening, schema, transactions and document keys."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self.path = path
        self._keys: dict[int, tuple[Document, str, str]] = {}

    def keys(self, documents: Iterable[Document]) -> dict[str, str]:
        """Return the key of each document by id (each document is hashed once per store)."""
        found: dict[str, str] = {}
        for document in documents:
            known = self._keys.get(id(document))
            if known is None or known[0] is not document or known[1] != __version__:
                known = (document, __version__, document_key(document))
                self._keys[id(document)] = known
            found[document.id] = known[2]
        return found

    @classmethod
    def at(cls, directory: str | Path) -> Self:
        """Open (or create) the store in ``directory``.

        Raises:
            InputError: The folder cannot be created, or its store file is not a
                claimdiff store, is corrupt, or was written by a newer claimdiff.
        """
        folder = Path(directory)
        path = folder / STORE_FILE
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{folder}: --store needs a folder, not a file; pass a folder")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=30.0, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"{path}: cannot open the store: {exc}; check the folder") from exc
        store = cls(connection, path)
        try:
            store._prepare()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise InputError(
                f"{path}: not a readable claimdiff store ({exc}); "
                "move the file aside or pass another --store folder"
            ) from exc
        except InputError:
            connection.close()
            raise
        return store

    def _prepare(self) -> None:
        """Check the file is a store of a schema we read, then create what is missing."""
        tables = {
            row[0]
            for row in self._connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        } - {"sqlite_sequence"}
        if tables and "meta" not in tables:
            raise InputError(
                f"{self.path}: this SQLite file is not a claimdiff store; "
                "move it aside or pass another --store folder"
            )
        schema = None
        if "meta" in tables:
            row = self._connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            schema = int(row[0]) if row and str(row[0]).isdigit() else None
            if schema is None:
                raise InputError(f"{self.path}: store has no schema version; it is damaged")
            if schema > SCHEMA_VERSION:
                raise InputError(
                    f"{self.path}: store schema {schema} was written by a newer claimdiff "
                    f"(this one reads up to {SCHEMA_VERSION}); upgrade or pass another --store"
                )
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute("PRAGMA synchronous=NORMAL")
        self._connection.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
        if schema is None or schema < SCHEMA_VERSION or not tables >= _TABLES:
            # A new store, or an older schema: its tables are kept and the new ones added.
            with self._transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._connection.execute(statement)
                self._migrate(schema)
                self._connection.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)",
                    (str(SCHEMA_VERSION),),
                )

    def _migrate(self, schema: int | None) -> None:
        """Bring the tables of a store of an older ``schema`` (None: a new one) up to date.

        Documents: schemas 1 and 2 kept no clues (they are found on reading); schema 3
        and older no sentence counts (each is the length of the cached sentences). Each
        part of the store adds what its tables need.
        """
        columns = {row[1] for row in self._connection.execute("PRAGMA table_info(documents)")}
        for column, kind in _ADDED_COLUMNS:
            if column not in columns:
                self._connection.execute(f"ALTER TABLE documents ADD COLUMN {column} {kind}")
        rows = self._connection.execute(
            "SELECT key, sentences FROM documents WHERE sentence_count IS NULL"
        ).fetchall()
        counts = [(_count(sentences), key) for key, sentences in rows]
        self._connection.executemany(
            "UPDATE documents SET sentence_count = ? WHERE key = ?", counts
        )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._guard():
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Report damage found after opening (a bad page) as one line; nothing is written."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"{self.path}: the store is damaged ({exc}); "
                "move the file aside or pass another --store folder"
            ) from exc

    def _select(self, query: str, values: Collection[str | int]) -> Iterator[tuple[object, ...]]:
        """Yield the rows of ``query`` (``{marks}`` in it) for ``values``, in chunks."""
        ordered = sorted(values, key=str)
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            yield from self._connection.execute(query.format(marks=marks), chunk)

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed into the file)."""
        self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def documents(self) -> int:
        """Return how many document entries the store holds."""
        return int(self._connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0])


def _count(sentences: object) -> int | None:
    """Return how many sentences a cached JSON list holds (None when unreadable)."""
    try:
        found = json.loads(str(sentences))
    except ValueError:
        return None
    return len(found) if isinstance(found, list) else None
