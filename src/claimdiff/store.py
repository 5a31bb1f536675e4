"""Incremental runs: documents' sentences and claims, and each run's findings, in SQLite.

Segmentation and extraction are per document and are what a check costs, so their
output is cached under the document's key: a hash of its text and metadata (not the
path it was read from), the claimdiff version and the store schema. A changed article,
changed metadata (a ``published`` date moves relative dates) or a new claimdiff version
misses the cache and is processed again; its old entry is replaced. Events, alignment
and comparison read every claim and are recomputed on each run: they are cheap next to
extraction, and a new article may change any of them.

The store is one file, ``DIR/claimdiff.sqlite``, in WAL mode, one transaction per
write. Its schema is versioned (``SCHEMA_VERSION``); a file that is not a store, is
corrupt or was written by a newer schema raises ``InputError`` and is left untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from claimdiff import __version__
from claimdiff.errors import InputError
from claimdiff.extract import extract_documents, finish_claims
from claimdiff.models import Claim, Document, Finding, Report, Sentence, stable_id
from claimdiff.progress import NO_PROGRESS, Progress
from claimdiff.segment import segment

__all__ = [
    "SCHEMA_VERSION",
    "STORE_FILE",
    "Store",
    "document_key",
    "keep_findings",
    "segment_and_extract",
]

SCHEMA_VERSION = 1
"""Bumped whenever the tables change; older stores are migrated, newer ones refused."""

STORE_FILE = "claimdiff.sqlite"
"""The store's file inside the ``--store`` folder."""

MAX_RUNS = 20
"""Findings are kept for this many most recent corpora."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    version TEXT NOT NULL,
    sentences TEXT NOT NULL,
    claims TEXT NOT NULL
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
"""
_TABLES = frozenset({"meta", "documents", "runs", "findings"})
_CHUNK = 500  # keys per SELECT ... IN (...), well under SQLite's variable limit
_SENTENCES = TypeAdapter(list[Sentence])
_CLAIMS = TypeAdapter(list[Claim])

Cached = tuple[list[Sentence], list[Claim]]
"""A document's kept sentences and its claims before the corpus-wide pass."""


def document_key(document: Document) -> str:
    """Return the cache key of a document: its content and metadata, version and schema."""
    content = document.model_dump_json(exclude={"source"})
    return stable_id(__version__, SCHEMA_VERSION, content, length=64)


def corpus_key(documents: Sequence[Document]) -> str:
    """Return the key of a set of documents (the findings of a run are kept under it)."""
    return stable_id(__version__, *sorted(document_key(d) for d in documents), length=64)


class Store:
    """A claimdiff store: cached sentences and claims per document, findings per corpus."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self.path = path

    @classmethod
    def at(cls, directory: str | Path) -> Store:
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
        if schema is None or not tables >= _TABLES:
            with self._transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._connection.execute(statement)
                self._connection.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)",
                    (str(SCHEMA_VERSION),),
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

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed into the file)."""
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cached(self, documents: Sequence[Document]) -> dict[str, Cached]:
        """Return the cached sentences and claims of the documents the store holds."""
        by_key = {document_key(d): d.id for d in documents}
        with self._guard():
            return self._read(by_key)

    def _read(self, by_key: Mapping[str, str]) -> dict[str, Cached]:
        found: dict[str, Cached] = {}
        keys = sorted(by_key)
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._connection.execute(
                f"SELECT key, sentences, claims FROM documents WHERE key IN ({marks})", chunk
            )
            for key, sentences, claims in rows:
                try:
                    found[by_key[key]] = (
                        _SENTENCES.validate_json(sentences),
                        _CLAIMS.validate_json(claims),
                    )
                except ValidationError:
                    continue  # an unreadable entry is a miss: the document is processed again
        return found

    def save(
        self,
        documents: Sequence[Document],
        sentences: Mapping[str, Sequence[Sentence]],
        claims: Mapping[str, Sequence[Claim]],
    ) -> None:
        """Cache the sentences and claims of ``documents``, replacing their old entries."""
        if not documents:
            return
        rows = [
            (
                document_key(d),
                d.id,
                d.sha256,
                __version__,
                _SENTENCES.dump_json(list(sentences.get(d.id, ()))).decode("utf-8"),
                _CLAIMS.dump_json(list(claims.get(d.id, ()))).decode("utf-8"),
            )
            for d in documents
        ]
        with self._transaction():
            self._connection.executemany(
                "DELETE FROM documents WHERE doc_id = ? AND key != ?",
                [(row[1], row[0]) for row in rows],
            )
            self._connection.executemany(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?)", rows
            )

    def save_findings(self, documents: Sequence[Document], findings: Sequence[Finding]) -> None:
        """Keep the findings of a run under its corpus key (the latest runs only)."""
        corpus = corpus_key(documents)
        with self._transaction():
            self._connection.execute("DELETE FROM runs WHERE corpus = ?", (corpus,))
            self._connection.execute("DELETE FROM findings WHERE corpus = ?", (corpus,))
            self._connection.execute(
                "INSERT INTO runs (corpus, version, documents) VALUES (?, ?, ?)",
                (corpus, __version__, len(documents)),
            )
            self._connection.executemany(
                "INSERT INTO findings VALUES (?, ?, ?)",
                [(corpus, f.id, f.model_dump_json()) for f in findings],
            )
            self._connection.execute(
                "DELETE FROM findings WHERE corpus NOT IN "
                "(SELECT corpus FROM runs ORDER BY seq DESC LIMIT ?)",
                (MAX_RUNS,),
            )
            self._connection.execute(
                "DELETE FROM runs WHERE seq NOT IN "
                "(SELECT seq FROM runs ORDER BY seq DESC LIMIT ?)",
                (MAX_RUNS,),
            )

    def findings(self, documents: Sequence[Document]) -> list[Finding] | None:
        """Return the findings last kept for exactly these documents, or None."""
        corpus = corpus_key(documents)
        with self._guard():
            if not self._connection.execute(
                "SELECT 1 FROM runs WHERE corpus = ?", (corpus,)
            ).fetchone():
                return None
            rows = self._connection.execute(
                "SELECT finding FROM findings WHERE corpus = ? ORDER BY id", (corpus,)
            ).fetchall()
        return [Finding.model_validate_json(row[0]) for row in rows]

    def documents(self) -> int:
        """Return how many document entries the store holds."""
        return int(self._connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0])


def segment_and_extract(
    documents: Sequence[Document],
    *,
    store: Store | None = None,
    progress: Progress = NO_PROGRESS,
) -> tuple[dict[str, list[Sentence]], list[Claim]]:
    """Segment and extract every document, reading and filling the store when given.

    The store keeps each document's claims before the corpus-wide pass (speakers are
    merged across documents), which runs on every call; so the result is the same with
    or without a store.
    """
    cached = store.cached(documents) if store is not None else {}
    fresh = [d for d in documents if d.id not in cached]
    progress.stage("reading", total=len(fresh))
    sentences: dict[str, list[Sentence]] = {}
    for document in fresh:
        sentences[document.id] = segment(document)
        progress.advance()
    claims = extract_documents(fresh, sentences, progress=progress)
    if store is not None:
        store.save(fresh, sentences, claims)
    for doc_id, (doc_sentences, doc_claims) in cached.items():
        sentences[doc_id] = doc_sentences
        claims[doc_id] = doc_claims
    ordered = {d.id: claims[d.id] for d in sorted(documents, key=lambda d: d.id)}
    return {d.id: sentences[d.id] for d in documents}, finish_claims(ordered)


def keep_findings(report: Report, documents: Sequence[Document], *, store: Store | None) -> None:
    """Keep a run's findings in the store (nothing without a store)."""
    if store is not None:
        store.save_findings(documents, report.findings)
