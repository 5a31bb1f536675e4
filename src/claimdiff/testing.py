"""Helpers for tests and fixtures: documents from plain strings, claims from one sentence."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from claimdiff.align import resolve_events
from claimdiff.config import Settings
from claimdiff.extract import extract_claims
from claimdiff.models import Claim, Document
from claimdiff.segment import segment_all


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


class TickingClock:
    """A clock that ticks one minute per reading, so decision times are known."""

    def __init__(self) -> None:
        self.now = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        """Return the next minute."""
        self.now += timedelta(minutes=1)
        return self.now
