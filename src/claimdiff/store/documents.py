"""Cached documents: each document's sentences, claims and event clues, under its key."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple, overload

from pydantic import TypeAdapter, ValidationError

from claimdiff import __version__
from claimdiff.align.clues import CLUES_VERSION, EventClues, event_clues
from claimdiff.extract import Extracted, finish_claims, segment_and_extract_documents
from claimdiff.memo import TextMemo
from claimdiff.models import Claim, Document, Sentence
from claimdiff.progress import NO_PROGRESS, Progress
from claimdiff.segment import segment
from claimdiff.store.base import StoreFile, paused_gc

__all__ = [
    "MEMO_DOCUMENTS",
    "Cached",
    "DocumentEntries",
    "Extraction",
    "StoredSentences",
    "segment_and_extract",
]

MEMO_DOCUMENTS = 20_000
"""Cached documents a process keeps parsed (the most recently read or written)."""

_SENTENCES = TypeAdapter(list[Sentence])
_CLAIMS = TypeAdapter(list[Claim])
_CLUES = TypeAdapter(EventClues)

_PARSED: TextMemo[tuple[list[Claim], EventClues | None]] = TextMemo(limit=MEMO_DOCUMENTS)
"""Claims and clues read or written in this process, by document key, while their JSON
in the store is the same.

Parsing every cached document's claims and clues was 0.5 s of adding an article to a
stored 1,000-article corpus (issue 7); what a check reads back again is the same objects,
so what later stages derived from them is found again too (``memo.py``).
"""

_PARSED_SENTENCES: TextMemo[list[Sentence]] = TextMemo(limit=MEMO_DOCUMENTS)
"""Sentences read or written in this process, by document key, while their JSON is the
same (shared copy reads those of the documents sharing phrases with a new one)."""


class StoredSentences(Sequence[Sentence]):
    """A cached document's sentences, parsed from the store's JSON when first read.

    Their number is kept apart: a check needs the sentences of only the unchanged
    documents sharing copy with a new one, but every document's count. Sentences the
    store can no longer read are the document's sentences again (``segment``).
    """

    __slots__ = ("_count", "_document", "_key", "_sentences", "_text")

    def __init__(self, text: bytes, count: int, document: Document, key: str) -> None:
        self._text = text
        self._count = count
        self._document = document
        self._key = key
        self._sentences: list[Sentence] | None = None

    def _read(self) -> list[Sentence]:
        if self._sentences is None:
            found = _PARSED_SENTENCES.get(self._key, self._text)
            if found is None:
                try:
                    found = _SENTENCES.validate_json(self._text)
                except ValidationError:
                    found = segment(self._document)
                else:
                    _PARSED_SENTENCES.put(self._key, found, self._text)
            self._sentences = found
        return self._sentences

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Sentence: ...

    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...

    def __getitem__(self, index: int | slice) -> Sentence | list[Sentence]:
        return self._read()[index]

    def __iter__(self) -> Iterator[Sentence]:
        return iter(self._read())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to lists, which do not hash


class Cached(NamedTuple):
    """A document's cached entry: its ``Extracted`` parts, clues None when not kept."""

    sentences: Sequence[Sentence]
    claims: list[Claim]
    clues: EventClues | None


class Extraction(NamedTuple):
    """What ``segment_and_extract`` returns: sentences, claims and clues.

    Sentences and clues are by document id; the claims are all documents' claims after
    the corpus-wide pass.
    """

    sentences: dict[str, Sequence[Sentence]]
    claims: list[Claim]
    clues: dict[str, EventClues]


class DocumentEntries(StoreFile):
    """The store's cached documents."""

    def cached(self, documents: Sequence[Document]) -> dict[str, Cached]:
        """Return the cached entries of the documents the store holds.

        An entry's clues are None when it has none of this ``CLUES_VERSION``.
        """
        by_key = {key: doc_id for doc_id, key in self.keys(documents).items()}
        by_id = {document.id: document for document in documents}
        with self._guard(), paused_gc():
            return self._read(by_key, by_id)

    def _read(self, by_key: Mapping[str, str], by_id: Mapping[str, Document]) -> dict[str, Cached]:
        found: dict[str, Cached] = {}
        # As bytes: the JSON is parsed from them, or recognised by their digest.
        query = (
            "SELECT key, sentence_count, CAST(sentences AS BLOB), CAST(claims AS BLOB), "
            "CAST(clues AS BLOB) FROM documents WHERE key IN ({marks})"
        )
        for key, count, sentences, claims, clues in self._select(query, by_key):
            key, doc_id = str(key), by_key[str(key)]
            if not isinstance(sentences, bytes) or not isinstance(claims, bytes):
                continue  # not JSON text: a miss, the document is processed again
            if clues is not None and not isinstance(clues, bytes):
                continue
            parsed = _PARSED.get(key, claims, clues)
            try:
                if parsed is None:
                    parsed = _CLAIMS.validate_json(claims), _read_clues(clues)
                    _PARSED.put(key, parsed, claims, clues)
                if isinstance(count, int):
                    kept: Sequence[Sentence] = StoredSentences(sentences, count, by_id[doc_id], key)
                else:  # not counted (unreadable when migrated): read now, a miss if unreadable
                    kept = _SENTENCES.validate_json(sentences)
            except ValidationError:
                continue  # an unreadable entry is a miss: the document is processed again
            found[doc_id] = Cached(kept, list(parsed[0]), parsed[1])
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
        rows = []
        for d in documents:
            kept, made = list(sentences.get(d.id, ())), list(claims.get(d.id, ()))
            texts = (
                _SENTENCES.dump_json(kept),
                _CLAIMS.dump_json(made),
                _CLUES.dump_json(found[d.id]) if d.id in found else None,
            )
            # What the next check in this process reads back is what was written.
            _PARSED_SENTENCES.put(keys[d.id], kept, texts[0])
            _PARSED.put(keys[d.id], (made, found.get(d.id)), *texts[1:])
            rows.append(
                (
                    keys[d.id],
                    d.id,
                    d.sha256,
                    __version__,
                    *(None if text is None else text.decode("utf-8") for text in texts),
                    len(kept),
                )
            )
        with self._transaction():
            self._connection.executemany(
                "DELETE FROM documents WHERE doc_id = ? AND key != ?",
                [(row[1], row[0]) for row in rows],
            )
            self._connection.executemany(
                "INSERT OR REPLACE INTO documents "
                "(key, doc_id, sha256, version, sentences, claims, clues, sentence_count) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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


def segment_and_extract(
    documents: Sequence[Document],
    *,
    store: DocumentEntries | None = None,
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


def _read_clues(text: bytes | None) -> EventClues | None:
    """Return clues kept as JSON, or None when absent, unreadable or of another version."""
    if text is None:
        return None
    try:
        clues = _CLUES.validate_json(text)
    except ValidationError:
        return None
    return clues if clues.version == CLUES_VERSION else None


def forget_parsed() -> None:
    """Forget what this process keeps of what it read or wrote (tests: a new process)."""
    _PARSED.clear()
    _PARSED_SENTENCES.clear()
