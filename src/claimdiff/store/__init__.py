"""The store: what a check computed, kept in SQLite so the next check redoes less.

What is kept, and under which key:

- **Documents**: each document's kept sentences (and their count: a check reads a
  cached document's sentences only when shared copy needs them), its claims before the
  corpus-wide pass and its event clues (``align/clues.py``), under the document's key:
  a hash of its text and metadata (not the path it was read from), the claimdiff
  version and ``CACHE_VERSION``. A changed article, changed metadata (a ``published`` date moves
  relative dates) or a new claimdiff version misses the cache and is processed again;
  its old entry is replaced. Clues an entry lacks (kept by schema 2) or holds in another
  ``CLUES_VERSION`` are found again from its cached sentences and kept.
- **Shingles** of each document's sentences (``align/syndication.py``), so that the
  sentences sharing a phrase with a new article are found without reading the corpus.
- **Shared copy** (the syndication links) of the last ``MAX_COPIES`` corpora.
- **Comparisons**: each topic's findings, under a fingerprint of what they depend on.
- **Findings** of the last ``MAX_RUNS`` corpora.

``incremental.py`` says how a check reuses them; a process keeps what it read parsed
while the store holds the same (``memo.py``). The store is one file,
``DIR/claimdiff.sqlite``, in WAL mode, one transaction per write. Its schema is
versioned (``SCHEMA_VERSION``): an older store is migrated (the cached documents are
kept), and a file that is not a store, is corrupt or was written by a newer schema
raises ``InputError`` and is left untouched.
"""

from __future__ import annotations

from claimdiff.store import copies, documents, results
from claimdiff.store.base import (
    CACHE_VERSION,
    MAX_CHANGED_SHARE,
    MAX_COPIES,
    MAX_RUNS,
    SCHEMA_VERSION,
    STORE_FILE,
    document_key,
    paused_gc,
)
from claimdiff.store.copies import Copies
from claimdiff.store.documents import (
    Cached,
    DocumentEntries,
    Extraction,
    StoredSentences,
    segment_and_extract,
)
from claimdiff.store.results import Results, keep_findings

__all__ = [
    "CACHE_VERSION",
    "MAX_CHANGED_SHARE",
    "MAX_COPIES",
    "MAX_RUNS",
    "SCHEMA_VERSION",
    "STORE_FILE",
    "Cached",
    "Extraction",
    "Store",
    "StoredSentences",
    "document_key",
    "forget_parsed",
    "keep_findings",
    "paused_gc",
    "segment_and_extract",
]


class Store(DocumentEntries, Copies, Results):
    """A claimdiff store: documents, shingles, shared copy, comparisons and findings.

    Each part of the store is one class over the same file (``base.StoreFile``):
    ``documents.py``, ``copies.py`` and ``results.py``.
    """


def forget_parsed() -> None:
    """Forget what this process keeps of what it read from stores, as a new one would."""
    documents.forget_parsed()
    copies.forget_parsed()
    results.forget_parsed()
