"""Helpers for tests and fixtures: documents from plain strings, claims from one sentence."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from claimdiff.align import resolve_events, syndication
from claimdiff.align.independence import index_sources
from claimdiff.config import Settings
from claimdiff.extract import extract_claims
from claimdiff.findings import Context
from claimdiff.models import Claim, Document, SyndicationLink
from claimdiff.segment import segment_all
from claimdiff.store import segment_and_extract


def make_document(
    doc_id: str, text: str, *, outlet: str | None = None, published: date | None = None
) -> Document:
    """Return a document built from a string, as ingest would."""
    return Document(
        id=doc_id,
        outlet=outlet or doc_id,
        published=published,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        source=f"<{doc_id}>",
    )


def claims_of(*documents: Document, settings: Settings | None = None) -> list[Claim]:
    """Return the claims of some documents with their events resolved."""
    sentences = segment_all(documents)
    claims = extract_claims(documents, sentences)
    _, resolved = resolve_events(documents, sentences, claims, settings=settings or Settings())
    return resolved


class InContext(NamedTuple):
    """Claims with their events resolved, the shared copy found, and what comparing reads."""

    claims: list[Claim]
    links: list[SyndicationLink]
    context: Context


def claims_in_context(documents: Sequence[Document]) -> InContext:
    """Return the claims (events resolved), shared copy and context a comparison reads."""
    sentences, claims, _ = segment_and_extract(documents)
    events, claims = resolve_events(documents, sentences, claims, settings=Settings())
    links = syndication.detect_syndication(documents, sentences)
    context = Context(
        documents={d.id: d for d in documents},
        events={e.id: e for e in events},
        sources=index_sources(links, events),
    )
    return InContext(claims, links, context)


class TickingClock:
    """A clock that ticks one minute per reading, so decision times are known."""

    def __init__(self) -> None:
        self.now = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        """Return the next minute."""
        self.now += timedelta(minutes=1)
        return self.now
