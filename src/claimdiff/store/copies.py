"""Shared copy in the store: each document's shingles, and the links of recent corpora."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence

from pydantic import TypeAdapter, ValidationError

from claimdiff.align import syndication
from claimdiff.align.syndication import Postings, document_shingles
from claimdiff.memo import IdentityMemo, Recent
from claimdiff.models import Document, Sentence, SyndicationLink, stable_id
from claimdiff.store import base
from claimdiff.store.base import StoreFile, corpus_key, paused_gc

__all__ = ["MEMO_LINKS", "Copies", "link_entry"]

_LINKS = TypeAdapter(list[SyndicationLink])
_IDS = TypeAdapter(list[str])
_KEYS = TypeAdapter(dict[str, str])
_INDEXED = "SELECT key FROM indexed WHERE key IN ({marks})"

MEMO_LINKS = 1 << 18
"""Links a process keeps parsed, by link id (a few corpora's)."""


def link_entry(link: SyndicationLink) -> tuple[str, str]:
    """Return a link's id in the store (a hash of its JSON) and its JSON."""
    text = link.model_dump_json()
    return stable_id(text, length=32), text


_entry: IdentityMemo[SyndicationLink, tuple[str, str]] = IdentityMemo(link_entry)
"""Each link's id and JSON, kept per link: a corpus's links are mostly its previous
corpus's, and were written again in full on every check (issue 7)."""

_PARSED: Recent[str, SyndicationLink] = Recent(limit=MEMO_LINKS)
"""Links read or written in this process, by id (the id is a hash of what was parsed).

Reading a 1,000-article corpus's 20,000 links back was 0.5 s of adding an article to
it, and writing them 0.3 s (issue 7); a kept corpus's links are now a list of ids, a
link kept once for every corpus holding it, and the links read again are the same
objects.
"""


_CORPORA: Recent[str, tuple[object, list[SyndicationLink]]] = Recent(limit=8)
"""The links of kept corpora read or written in this process, by corpus key, with the
list of their ids as the store holds it: read again while the store holds the same list
(reading 20,000 links by id was most of finding a kept corpus's links, issue 7)."""

_HELD: Recent[str, tuple[str, set[str]]] = Recent(limit=8)
"""The ids of each kept corpus's links, by corpus key, with the list they were read from."""


def _remember(link_id: str, link: SyndicationLink, text: str) -> None:
    _PARSED.put(link_id, link)
    _entry.put(link, (link_id, text))


class Copies(StoreFile):
    """The store's shingles and shared copy."""

    def _migrate(self, schema: int | None) -> None:
        """Keep the links of corpora kept by schema 2 and 3 (in one JSON list) link by link."""
        super()._migrate(schema)
        if schema is None or schema >= 4:
            return
        rows = self._connection.execute("SELECT corpus, links FROM copies").fetchall()
        for corpus, held in rows:
            try:
                links = _LINKS.validate_json(held)
            except ValidationError:
                self._connection.execute("DELETE FROM copies WHERE corpus = ?", (corpus,))
                continue  # an unreadable entry is a miss: copies are searched again
            entries = [link_entry(link) for link in links]
            self._connection.executemany(
                "INSERT OR IGNORE INTO links (id, link) VALUES (?, ?)", entries
            )
            self._connection.execute(
                "UPDATE copies SET links = ? WHERE corpus = ?",
                (json.dumps([link_id for link_id, _ in entries]), corpus),
            )

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

        None when no kept corpus differs in at most ``MAX_CHANGED_SHARE`` of the
        documents, or its links cannot be read.
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
            if best is None or best[0] > len(keys) * base.MAX_CHANGED_SHARE:
                return None
            row = self._connection.execute(
                "SELECT links FROM copies WHERE corpus = ?", (best[1],)
            ).fetchone()
            kept = _CORPORA.get(best[1])
            if kept is not None and kept[0] == row[0]:
                return best[2], list(kept[1])
            try:
                ids = _IDS.validate_json(row[0])
            except ValidationError:
                return None
            with paused_gc():
                found = self._links(ids)
        if found is None:
            return None
        _CORPORA.put(best[1], (row[0], found))
        return best[2], list(found)

    def _links(self, ids: Sequence[str]) -> list[SyndicationLink] | None:
        """Return the links of these ids, or None when one is missing or unreadable."""
        found = {link_id: _PARSED.get(link_id) for link_id in ids}
        missing = {link_id for link_id, link in found.items() if link is None}
        query = "SELECT id, link FROM links WHERE id IN ({marks})"
        rows = [(str(link_id), str(text)) for link_id, text in self._select(query, missing)]
        try:  # as one list: parsing each link apart cost half as much again
            parsed = _LINKS.validate_json("[" + ",".join(text for _, text in rows) + "]")
        except ValidationError:
            return None
        if len(parsed) != len(rows):
            return None  # a row that is not one link: copies are searched again
        for (link_id, text), link in zip(rows, parsed, strict=True):
            _remember(link_id, link, text)
            found[link_id] = link
        links: list[SyndicationLink] = []
        for link_id in ids:
            held = found[link_id]
            if held is None:
                return None  # the store lost it: copies are searched again
            links.append(held)
        return links

    def save_links(
        self, keys: Mapping[str, str], links: Sequence[SyndicationLink], *, updated: bool = False
    ) -> None:
        """Keep a corpus's links (the latest ``MAX_COPIES``), forget unused links and shingles.

        ``updated``: the links were updated from a kept corpus's (``previous_links``), so
        the links a kept corpus holds are not written again; links searched afresh are
        all written (which mends a store that lost some).
        """
        corpus = corpus_key(keys.values())
        with paused_gc():
            entries = _entry.map(links)
        ids = [link_id for link_id, _ in entries]
        text = json.dumps(ids)
        with self._transaction():
            held = {
                str(kept): _ids_of(str(kept), str(ids_held))
                for kept, ids_held in self._connection.execute("SELECT corpus, links FROM copies")
            }
            present = set().union(*held.values()) if updated else set()
            written = [
                (link, entry)
                for link, entry in zip(links, entries, strict=True)
                if entry[0] not in present
            ]
            self._connection.executemany(
                "INSERT OR IGNORE INTO links (id, link) VALUES (?, ?)",
                [entry for _, entry in written],
            )
            seq = self._connection.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM copies")
            self._connection.execute(
                "INSERT OR REPLACE INTO copies VALUES (?, ?, ?, ?)",
                (corpus, seq.fetchone()[0], json.dumps(dict(sorted(keys.items()))), text),
            )
            self._connection.execute(
                "DELETE FROM copies WHERE corpus NOT IN "
                "(SELECT corpus FROM copies ORDER BY seq DESC LIMIT ?)",
                (base.MAX_COPIES,),
            )
            kept = {str(row[0]) for row in self._connection.execute("SELECT corpus FROM copies")}
            self._forget_links(held, kept - {corpus}, ids)
            self._forget_shingles()
        with paused_gc():
            # What the next check in this process reads back is what was written: the
            # links a kept corpus held were read (``previous_links``) or written before.
            for link, (link_id, _) in written:
                if _PARSED.get(link_id) is None:
                    _PARSED.put(link_id, link)
            _CORPORA.put(corpus, (text, list(links)))

    def touch_links(self, keys: Mapping[str, str]) -> None:
        """Mark a kept corpus's links as the latest (checked again unchanged)."""
        with self._transaction():
            self._connection.execute(
                "UPDATE copies SET seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM copies) "
                "WHERE corpus = ?",
                (corpus_key(keys.values()),),
            )

    def _forget_links(
        self, held: Mapping[str, set[str]], kept: Collection[str], ids: Collection[str]
    ) -> None:
        """Drop the links only corpora no longer kept held (``held``: each corpus's ids)."""
        gone = [found for corpus, found in held.items() if corpus not in kept]
        if not gone:
            return
        unused = set().union(*gone) - set(ids)
        for corpus in kept:
            unused -= held[corpus]
        ordered = sorted(unused)
        for start in range(0, len(ordered), base.CHUNK):
            chunk = ordered[start : start + base.CHUNK]
            marks = ",".join("?" * len(chunk))
            self._connection.execute(f"DELETE FROM links WHERE id IN ({marks})", chunk)

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
        for start in range(0, len(orphans), base.CHUNK):
            chunk = orphans[start : start + base.CHUNK]
            marks = ",".join("?" * len(chunk))
            self._connection.execute(f"DELETE FROM postings WHERE number IN ({marks})", chunk)
            self._connection.execute(f"DELETE FROM indexed WHERE number IN ({marks})", chunk)


def _ids_of(corpus: str, held: str) -> set[str]:
    """Return the link ids a kept corpus holds (none when unreadable)."""
    kept = _HELD.get(corpus)
    if kept is not None and kept[0] == held:
        return kept[1]
    try:
        found = set(_IDS.validate_json(held))
    except ValidationError:
        return set()
    _HELD.put(corpus, (held, found))
    return found


class _Postings:
    """The store's shingles over two corpora (their numbers in temporary tables)."""

    def __init__(self, store: Copies, current: Mapping[int, str], sizes: Mapping[str, int]) -> None:
        self._store = store
        self._current = current
        self._sizes = sizes

    def sizes(self, doc_ids: Collection[str]) -> dict[str, int]:
        """Return how many eligible sentences (with shingles) each current document has."""
        return {doc_id: self._sizes[doc_id] for doc_id in doc_ids}

    def counts(self, shingles: Collection[str]) -> dict[str, tuple[int, int]]:
        """Return how many sentences hold each shingle: before, and now.

        Counts stop at ``MAX_POSTING + 1``: past the stock-phrase limit the number does
        not matter, and counting every sentence of the corpus holding a stock phrase
        was most of the search of an added article (issue 7).
        """
        found = dict.fromkeys(shingles, (0, 0))
        held = (
            "(SELECT COUNT(*) FROM (SELECT 1 FROM postings AS p "
            "JOIN temp.{corpus} AS c ON c.number = p.number "
            "WHERE p.shingle = s.shingle LIMIT ?))"
        )
        ordered = sorted(shingles)
        cap = syndication.MAX_POSTING + 1
        with self._store._guard():
            for start in range(0, len(ordered), base.CHUNK):
                chunk = ordered[start : start + base.CHUNK]
                query = (
                    f"WITH s(shingle) AS (VALUES {','.join(['(?)'] * len(chunk))}) "
                    f"SELECT s.shingle, {held.format(corpus='corpus_before')}, "
                    f"{held.format(corpus='corpus_now')} FROM s"
                )
                rows = self._store._connection.execute(query, [*chunk, cap, cap])
                for shingle, before, now in rows:
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


def forget_parsed() -> None:
    """Forget what this process keeps of what it read or wrote (tests: a new process)."""
    _PARSED.clear()
    _entry.clear()
    _CORPORA.clear()
    _HELD.clear()
