"""The store: what a check computed, kept in SQLite so the next check redoes less.

What is kept, and under which key:

- **Documents**: each document's kept sentences, its claims before the corpus-wide pass
  and its event clues (``align/clues.py``), under the document's key: a hash of its text
  and metadata (not the path it was read from), the claimdiff version and
  ``CACHE_VERSION``. A changed article, changed metadata (a ``published`` date moves
  relative dates) or a new claimdiff version misses the cache and is processed again;
  its old entry is replaced. Clues an entry lacks (kept by schema 2) or holds in another
  ``CLUES_VERSION`` are found again from its cached sentences and kept.
- **Shingles** of each document's sentences (``align/syndication.py``), so that the
  sentences sharing a phrase with a new article are found without reading the corpus.
- **Shared copy** (the syndication links) of the last ``MAX_COPIES`` corpora.
- **Comparisons**: each topic's findings, under a fingerprint of what they depend on.
- **Findings** of the last ``MAX_RUNS`` corpora.

``incremental.py`` says how a check reuses them. The store is one file,
``DIR/claimdiff.sqlite``, in WAL mode, one transaction per write. Its schema is
versioned (``SCHEMA_VERSION``): an older store is migrated (the cached documents are
kept), and a file that is not a store, is corrupt or was written by a newer schema
raises ``InputError`` and is left untouched.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from pydantic import TypeAdapter, ValidationError

from claimdiff import __version__
from claimdiff.align.clues import CLUES_VERSION, EventClues, event_clues
from claimdiff.align.syndication import Postings, document_shingles
from claimdiff.compare import Outcome
from claimdiff.errors import InputError
from claimdiff.extract import Extracted, finish_claims, segment_and_extract_documents
from claimdiff.models import (
    Claim,
    Document,
    Finding,
    Report,
    Sentence,
    SyndicationLink,
    stable_id,
)
from claimdiff.progress import NO_PROGRESS, Progress

__all__ = [
    "CACHE_VERSION",
    "SCHEMA_VERSION",
    "STORE_FILE",
    "Cached",
    "Extraction",
    "Store",
    "document_key",
    "keep_findings",
    "paused_gc",
    "segment_and_extract",
]

SCHEMA_VERSION = 3
"""Bumped whenever the tables change; older stores are migrated, newer ones refused.

Schema 1 held documents and findings; 2 adds shingles, shared copy and comparisons; 3
adds each document's event clues.
"""

CACHE_VERSION = 2
"""Part of every document key: bumped when a cached document entry changes meaning."""

STORE_FILE = "claimdiff.sqlite"
"""The store's file inside the ``--store`` folder."""

MAX_RUNS = 20
"""Findings are kept for this many most recent corpora, comparisons for as many checks."""

MAX_COPIES = 4
"""Shared copy is kept for this many most recent corpora (a story and the whole desk)."""

MAX_CHANGED_SHARE = 0.5
"""A corpus is updated from a kept one when at most this share of its documents differ."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    version TEXT NOT NULL,
    sentences TEXT NOT NULL,
    claims TEXT NOT NULL,
    clues TEXT
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
CREATE TABLE IF NOT EXISTS comparisons (
    fingerprint TEXT PRIMARY KEY,
    pairs INTEGER NOT NULL,
    findings TEXT NOT NULL,
    used INTEGER NOT NULL
);
"""
_TABLES = frozenset(
    {"meta", "documents", "runs", "findings", "indexed", "postings", "copies", "comparisons"}
)
_CHUNK = 500  # keys per SELECT ... IN (...), well under SQLite's variable limit
_SENTENCES = TypeAdapter(list[Sentence])
_CLAIMS = TypeAdapter(list[Claim])
_CLUES = TypeAdapter(EventClues)
_FINDINGS = TypeAdapter(list[Finding])
_LINKS = TypeAdapter(list[SyndicationLink])
_KEYS = TypeAdapter(dict[str, str])
_INDEXED = "SELECT key FROM indexed WHERE key IN ({marks})"


class Cached(NamedTuple):
    """A document's cached entry: its ``Extracted`` parts, clues None when not kept."""

    sentences: list[Sentence]
    claims: list[Claim]
    clues: EventClues | None


class Extraction(NamedTuple):
    """What ``segment_and_extract`` returns: sentences, claims and clues.

    Sentences and clues are by document id; the claims are all documents' claims after
    the corpus-wide pass.
    """

    sentences: dict[str, list[Sentence]]
    claims: list[Claim]
    clues: dict[str, EventClues]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many long-lived objects are made.

    Reading a store back, and the stages after extraction, create hundreds of thousands
    of objects and no cycles; each collection the allocations trigger scans everything
    alive. Reading 20,000 syndication links back took 1.6 s with the collector running
    and 0.4 s without (issue 7).

    What the pause made lives on, so it joins the oldest generation when the collector
    resumes (``gc.freeze`` then ``gc.unfreeze``: two list moves), which only full
    collections scan; left in the youngest, the next three collections scanned all of
    it, one generation after another: 1.2 s of adding an article to a stored
    1,000-article corpus. Cycles among it are still collected, by a full collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def document_key(document: Document) -> str:
    """Return the cache key of a document: its content and metadata, and both versions."""
    content = document.model_dump_json(exclude={"source"})
    return stable_id(__version__, CACHE_VERSION, content, length=64)


def _corpus_key(keys: Iterable[str]) -> str:
    return stable_id(__version__, *sorted(keys), length=64)


class Store:
    """A claimdiff store: documents, shingles, shared copy, comparisons and findings."""

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
        if schema is None or schema < SCHEMA_VERSION or not tables >= _TABLES:
            # A new store, or an older schema: its tables are kept and the new ones added.
            with self._transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._connection.execute(statement)
                columns = {
                    row[1] for row in self._connection.execute("PRAGMA table_info(documents)")
                }
                if "clues" not in columns:  # schema 1 and 2: clues are found on reading
                    self._connection.execute("ALTER TABLE documents ADD COLUMN clues TEXT")
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
        """Return the cached entries of the documents the store holds.

        An entry's clues are None when it has none of this ``CLUES_VERSION``.
        """
        by_key = {key: doc_id for doc_id, key in self.keys(documents).items()}
        with self._guard(), paused_gc():
            return self._read(by_key)

    def _read(self, by_key: Mapping[str, str]) -> dict[str, Cached]:
        found: dict[str, Cached] = {}
        keys = sorted(by_key)
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._connection.execute(
                f"SELECT key, sentences, claims, clues FROM documents WHERE key IN ({marks})",
                chunk,
            )
            for key, sentences, claims, clues in rows:
                try:
                    found[by_key[key]] = Cached(
                        _SENTENCES.validate_json(sentences),
                        _CLAIMS.validate_json(claims),
                        _read_clues(clues),
                    )
                except ValidationError:
                    continue  # an unreadable entry is a miss: the document is processed again
        return found

    def save(
        self,
        documents: Sequence[Document],
        sentences: Mapping[str, Sequence[Sentence]],
        claims: Mapping[str, Sequence[Claim]],
        clues: Mapping[str, EventClues] | None = None,
    ) -> None:
        """Cache the sentences, claims and clues of ``documents``, replacing old entries."""
        if not documents:
            return
        keys = self.keys(documents)
        found = clues or {}
        rows = [
            (
                keys[d.id],
                d.id,
                d.sha256,
                __version__,
                _SENTENCES.dump_json(list(sentences.get(d.id, ()))).decode("utf-8"),
                _CLAIMS.dump_json(list(claims.get(d.id, ()))).decode("utf-8"),
                _CLUES.dump_json(found[d.id]).decode("utf-8") if d.id in found else None,
            )
            for d in documents
        ]
        with self._transaction():
            self._connection.executemany(
                "DELETE FROM documents WHERE doc_id = ? AND key != ?",
                [(row[1], row[0]) for row in rows],
            )
            self._connection.executemany(
                "INSERT OR REPLACE INTO documents "
                "(key, doc_id, sha256, version, sentences, claims, clues) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def save_clues(self, documents: Sequence[Document], clues: Mapping[str, EventClues]) -> None:
        """Keep the clues of documents the store holds (entries that lacked them)."""
        keys = self.keys(documents)
        rows = [
            (_CLUES.dump_json(clues[d.id]).decode("utf-8"), keys[d.id])
            for d in documents
            if d.id in clues
        ]
        if not rows:
            return
        with self._transaction():
            self._connection.executemany("UPDATE documents SET clues = ? WHERE key = ?", rows)

    def save_findings(self, documents: Sequence[Document], findings: Sequence[Finding]) -> None:
        """Keep the findings of a run under its corpus key (the latest runs only)."""
        corpus = _corpus_key(self.keys(documents).values())
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
        corpus = _corpus_key(self.keys(documents).values())
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

    def _select(self, query: str, values: Collection[str | int]) -> Iterator[tuple[object, ...]]:
        """Yield the rows of ``query`` (``{marks}`` in it) for ``values``, in chunks."""
        ordered = sorted(values, key=str)
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            yield from self._connection.execute(query.format(marks=marks), chunk)

    def index(
        self,
        documents: Sequence[Document],
        sentences: Mapping[str, Sequence[Sentence]],
        keys: Mapping[str, str],
    ) -> None:
        """Record the shingles of the documents whose shingles the store lacks."""
        with self._guard():
            known = {row[0] for row in self._select(_INDEXED, keys.values())}
        missing = [d for d in documents if keys[d.id] not in known]
        if not missing:
            return
        rows: list[tuple[str, int, int]] = []
        with self._transaction():
            # Again inside the transaction: another check may have recorded them meanwhile.
            known = {row[0] for row in self._select(_INDEXED, [keys[d.id] for d in missing])}
            for document in (d for d in missing if keys[d.id] not in known):
                found = document_shingles(sentences.get(document.id, ()))
                number = self._connection.execute(
                    "INSERT INTO indexed (key, sentences) VALUES (?, ?)",
                    (keys[document.id], len(found)),
                ).lastrowid
                assert number is not None  # an INSERT into a rowid table always sets it
                rows.extend((s, number, start) for start, held in found for s in held)
            rows.sort()  # in key order, the b-tree's pages fill one after another
            self._connection.executemany("INSERT INTO postings VALUES (?, ?, ?)", rows)

    def shingles(self, keys: Collection[str]) -> dict[str, set[str]]:
        """Return the recorded shingles of documents by key (a scan: for a few documents)."""
        with self._guard():
            query = "SELECT number, key FROM indexed WHERE key IN ({marks})"
            numbers = {int(str(number)): str(key) for number, key in self._select(query, keys)}
            found: dict[str, set[str]] = {key: set() for key in numbers.values()}
            query = "SELECT number, shingle FROM postings WHERE number IN ({marks})"
            for number, shingle in self._select(query, numbers.keys()):
                found[numbers[int(str(number))]].add(str(shingle))
        return found

    def postings(self, now: Mapping[str, str], before: Collection[str]) -> Postings | None:
        """Return where shingles are in the current corpus (document id -> key) and before.

        None when the shingles of a document of either corpus are not recorded.
        """
        numbers: dict[str, int] = {}
        sizes: dict[str, int] = {}
        with self._guard():
            query = "SELECT key, number, sentences FROM indexed WHERE key IN ({marks})"
            for key, number, count in self._select(query, {*now.values(), *before}):
                numbers[str(key)] = int(str(number))
                sizes[str(key)] = int(str(count))
            if not {*now.values(), *before} <= numbers.keys():
                return None
            for table, members in (("corpus_now", now.values()), ("corpus_before", before)):
                self._connection.execute(f"DROP TABLE IF EXISTS temp.{table}")
                self._connection.execute(f"CREATE TEMP TABLE {table} (number INTEGER PRIMARY KEY)")
                self._connection.executemany(
                    f"INSERT INTO temp.{table} VALUES (?)", [(numbers[k],) for k in members]
                )
        current = {numbers[key]: doc_id for doc_id, key in now.items()}
        return _Postings(self, current, {doc_id: sizes[key] for doc_id, key in now.items()})

    def previous_links(
        self, keys: Mapping[str, str]
    ) -> tuple[dict[str, str], list[SyndicationLink]] | None:
        """Return the kept corpus (document id -> key) nearest to ``keys``, and its links.

        None when no kept corpus differs in at most ``MAX_CHANGED_SHARE`` of the documents.
        """
        current = set(keys.items())
        best: tuple[int, str, dict[str, str]] | None = None
        query = "SELECT corpus, documents FROM copies ORDER BY seq DESC"
        with self._guard():
            for corpus, documents in self._connection.execute(query).fetchall():
                try:
                    before = _KEYS.validate_json(documents)
                except ValidationError:
                    continue  # an unreadable entry is a miss: copies are searched again
                changed = {doc_id for doc_id, _ in current ^ set(before.items())}
                if best is None or len(changed) < best[0]:
                    best = (len(changed), corpus, before)
            if best is None or best[0] > len(keys) * MAX_CHANGED_SHARE:
                return None
            row = self._connection.execute(
                "SELECT links FROM copies WHERE corpus = ?", (best[1],)
            ).fetchone()
        try:
            with paused_gc():
                return best[2], _LINKS.validate_json(row[0])
        except ValidationError:
            return None

    def save_links(self, keys: Mapping[str, str], links: Sequence[SyndicationLink]) -> None:
        """Keep a corpus's links (the latest ``MAX_COPIES``), and forget unused shingles."""
        corpus = _corpus_key(keys.values())
        with self._transaction():
            seq = self._connection.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM copies")
            self._connection.execute(
                "INSERT OR REPLACE INTO copies VALUES (?, ?, ?, ?)",
                (
                    corpus,
                    seq.fetchone()[0],
                    json.dumps(dict(sorted(keys.items()))),
                    _LINKS.dump_json(list(links)).decode("utf-8"),
                ),
            )
            self._connection.execute(
                "DELETE FROM copies WHERE corpus NOT IN "
                "(SELECT corpus FROM copies ORDER BY seq DESC LIMIT ?)",
                (MAX_COPIES,),
            )
            self._forget_shingles()

    def touch_links(self, keys: Mapping[str, str]) -> None:
        """Mark a kept corpus's links as the latest (checked again unchanged)."""
        with self._transaction():
            self._connection.execute(
                "UPDATE copies SET seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM copies) "
                "WHERE corpus = ?",
                (_corpus_key(keys.values()),),
            )

    def _forget_shingles(self) -> None:
        """Drop the shingles of documents neither cached nor part of a kept corpus."""
        kept: set[str] = set()
        for (documents,) in self._connection.execute("SELECT documents FROM copies"):
            kept.update(_KEYS.validate_json(documents).values())
        orphans = [
            number
            for number, key in self._connection.execute(
                "SELECT number, key FROM indexed WHERE key NOT IN (SELECT key FROM documents)"
            )
            if key not in kept
        ]
        for start in range(0, len(orphans), _CHUNK):
            chunk = orphans[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            self._connection.execute(f"DELETE FROM postings WHERE number IN ({marks})", chunk)
            self._connection.execute(f"DELETE FROM indexed WHERE number IN ({marks})", chunk)

    def comparisons(self, fingerprints: Collection[str]) -> dict[str, Outcome]:
        """Return the outcomes of the topics compared before, by fingerprint."""
        found: dict[str, Outcome] = {}
        query = (
            "SELECT fingerprint, pairs, findings FROM comparisons WHERE fingerprint IN ({marks})"
        )
        with self._guard(), paused_gc():
            for fingerprint, pairs, findings in self._select(query, set(fingerprints)):
                try:
                    outcome = Outcome(
                        findings=_FINDINGS.validate_json(str(findings)),
                        candidate_comparisons=int(str(pairs)),
                    )
                except ValidationError:
                    continue  # an unreadable entry is a miss: the topic is compared again
                found[str(fingerprint)] = outcome
        return found

    def save_comparisons(self, outcomes: Mapping[str, Outcome], used: Collection[str]) -> None:
        """Keep new topics' outcomes; forget those no check used in the last ``MAX_RUNS``."""
        with self._transaction():
            row = self._connection.execute("SELECT value FROM meta WHERE key = 'round'").fetchone()
            turn = int(row[0]) + 1 if row else 1
            self._connection.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('round', ?)", (str(turn),)
            )
            self._connection.executemany(
                "INSERT OR REPLACE INTO comparisons VALUES (?, ?, ?, ?)",
                [
                    (
                        fingerprint,
                        outcome.candidate_comparisons,
                        _FINDINGS.dump_json(outcome.findings).decode("utf-8"),
                        turn,
                    )
                    for fingerprint, outcome in sorted(outcomes.items())
                ],
            )
            self._connection.executemany(
                "UPDATE comparisons SET used = ? WHERE fingerprint = ?",
                [(turn, fingerprint) for fingerprint in sorted(set(used))],
            )
            self._connection.execute("DELETE FROM comparisons WHERE used <= ?", (turn - MAX_RUNS,))


class _Postings:
    """The store's shingles over two corpora (their numbers in temporary tables)."""

    def __init__(self, store: Store, current: Mapping[int, str], sizes: Mapping[str, int]) -> None:
        self._store = store
        self._current = current
        self._sizes = sizes

    def sizes(self, doc_ids: Collection[str]) -> dict[str, int]:
        """Return how many eligible sentences (with shingles) each current document has."""
        return {doc_id: self._sizes[doc_id] for doc_id in doc_ids}

    def counts(self, shingles: Collection[str]) -> dict[str, tuple[int, int]]:
        """Return how many sentences hold each shingle: before, and now."""
        found = dict.fromkeys(shingles, (0, 0))
        query = (
            "SELECT p.shingle, COUNT(b.number), COUNT(n.number) FROM postings AS p "
            "LEFT JOIN temp.corpus_before AS b ON b.number = p.number "
            "LEFT JOIN temp.corpus_now AS n ON n.number = p.number "
            "WHERE p.shingle IN ({marks}) GROUP BY p.shingle"
        )
        with self._store._guard():
            for shingle, before, now in self._store._select(query, shingles):
                found[str(shingle)] = (int(str(before)), int(str(now)))
        return found

    def holders(self, shingles: Collection[str]) -> dict[str, list[tuple[str, int]]]:
        """Return the sentences (document id, start) of the current corpus holding each."""
        found: dict[str, list[tuple[str, int]]] = {s: [] for s in shingles}
        query = (
            "SELECT p.shingle, p.number, p.start FROM postings AS p "
            "JOIN temp.corpus_now AS n ON n.number = p.number WHERE p.shingle IN ({marks})"
        )
        with self._store._guard():
            for shingle, number, start in self._store._select(query, shingles):
                found[str(shingle)].append((self._current[int(str(number))], int(str(start))))
        return found


def segment_and_extract(
    documents: Sequence[Document],
    *,
    store: Store | None = None,
    progress: Progress = NO_PROGRESS,
) -> Extraction:
    """Segment and extract every document and find its clues, reading and filling the store.

    The store keeps each document's claims before the corpus-wide pass (speakers are
    merged across documents), which runs on every call; so the result is the same with
    or without a store.
    """
    cached = store.cached(documents) if store is not None else {}
    fresh = [d for d in documents if d.id not in cached]
    done: dict[str, Extracted | Cached] = {
        **segment_and_extract_documents(fresh, progress=progress),
        **cached,
    }
    # Entries kept without clues (by an older store) get them from their cached sentences.
    lacking = [d for d in documents if done[d.id].clues is None]
    clues = {
        d.id: kept
        if (kept := done[d.id].clues) is not None
        else event_clues(d, done[d.id].sentences)
        for d in documents
    }
    if store is not None:
        store.save(
            fresh,
            {d.id: done[d.id].sentences for d in fresh},
            {d.id: done[d.id].claims for d in fresh},
            clues,
        )
        store.save_clues(lacking, clues)
    ordered = {d.id: done[d.id].claims for d in sorted(documents, key=lambda d: d.id)}
    with paused_gc():
        return Extraction(
            {d.id: done[d.id].sentences for d in documents}, finish_claims(ordered), clues
        )


def _read_clues(text: str | None) -> EventClues | None:
    """Return clues kept as JSON, or None when absent, unreadable or of another version."""
    if text is None:
        return None
    try:
        clues = _CLUES.validate_json(text)
    except ValidationError:
        return None
    return clues if clues.version == CLUES_VERSION else None


def keep_findings(report: Report, documents: Sequence[Document], *, store: Store | None) -> None:
    """Keep a run's findings in the store (nothing without a store)."""
    if store is not None:
        store.save_findings(documents, report.findings)
