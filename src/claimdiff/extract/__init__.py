"""Extraction: parsed sentences -> claims, one extractor per claim kind."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from claimdiff.extract.absence import AbsenceExtractor
from claimdiff.extract.attribution import attribute_speakers
from claimdiff.extract.base import DocumentExtractor, Extractor, ParsedSentence
from claimdiff.extract.duration import DurationExtractor
from claimdiff.extract.mode import ModeExtractor
from claimdiff.extract.participation import StatusExtractor
from claimdiff.extract.quantity import QuantityExtractor
from claimdiff.extract.quote import QuoteExtractor
from claimdiff.extract.statement import StatementExtractor
from claimdiff.extract.time import TimeExtractor
from claimdiff.extract.timeframe import TimeframeExtractor
from claimdiff.models import Claim, Document, Sentence
from claimdiff.nlp import load_model
from claimdiff.normalise.mentions import document_people, label_people
from claimdiff.progress import NO_PROGRESS, Progress

EXTRACTORS: tuple[Extractor, ...] = (
    QuantityExtractor(),
    TimeExtractor(),
    DurationExtractor(),
    TimeframeExtractor(),
    StatusExtractor(),
    ModeExtractor(),
    AbsenceExtractor(),
)

DOCUMENT_EXTRACTORS: tuple[DocumentExtractor, ...] = (QuoteExtractor(), StatementExtractor())

__all__ = [
    "DOCUMENT_EXTRACTORS",
    "EXTRACTORS",
    "DocumentExtractor",
    "Extractor",
    "ParsedSentence",
    "extract_claims",
    "extract_documents",
    "finish_claims",
    "pipe_settings",
]


PIPE_BATCH_SIZE = 64
"""Texts per ``nlp.pipe`` batch: small enough that two processes share the work evenly."""

PIPE_PROCESSES = 2
"""Worker processes ``nlp.pipe`` may use on large inputs (the 2 cores of a laptop)."""

PROCESS_MIN_TEXTS = 2_000
"""Below this many texts, starting worker processes costs more than it saves."""


def pipe_settings(texts: int) -> tuple[int, int]:
    """Return the ``nlp.pipe`` batch size and process count for parsing ``texts`` texts."""
    cores = os.cpu_count() or 1
    processes = min(PIPE_PROCESSES, cores) if texts >= PROCESS_MIN_TEXTS else 1
    return PIPE_BATCH_SIZE, processes


def extract_claims(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    progress: Progress = NO_PROGRESS,
) -> list[Claim]:
    """Run every extractor over the sentences that may hold its claims.

    Only candidate sentences go through the statistical model; the rest cost nothing.
    Sentence extractors read one parsed sentence; document extractors (quotations,
    reported speech) read a whole document with the parses of the sentences they
    selected. Names a document introduces with an office are labelled PERSON in every
    parse first, and a last pass gives claims inside someone's words that speaker.
    """
    return finish_claims(extract_documents(documents, sentences, progress=progress))


def extract_documents(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    progress: Progress = NO_PROGRESS,
) -> dict[str, list[Claim]]:
    """Return each document's claims before the corpus-wide pass (what a store caches).

    Parses stream document by document: only one document's parses are held at a time.
    """
    plan: list[tuple[Document, list[tuple[Sentence, list[Extractor]]]]] = []
    for document in documents:
        kept = sentences.get(document.id, ())
        selected = {i for ex in DOCUMENT_EXTRACTORS for i in ex.select(kept)}
        candidates = []
        for sent in kept:
            wanting = [ex for ex in EXTRACTORS if ex.wants(sent)]
            if wanting or sent.index in selected:
                candidates.append((sent, wanting))
        plan.append((document, candidates))
    total = sum(len(candidates) for _, candidates in plan)
    batch_size, processes = pipe_settings(total)
    texts = (sent.text for _, candidates in plan for sent, _ in candidates)
    progress.stage("extracting", total=total)
    if not total:  # nothing to parse (every document came from a store): skip the model
        return _extract_all(plan, sentences, iter(()), progress)
    docs = load_model().pipe(texts, batch_size=batch_size, n_process=processes)
    try:
        return _extract_all(plan, sentences, docs, progress)
    finally:
        docs.close()  # an error in an extractor must not leave parser workers running


def _extract_all(
    plan: Sequence[tuple[Document, Sequence[tuple[Sentence, Sequence[Extractor]]]]],
    sentences: Mapping[str, Sequence[Sentence]],
    docs: Iterator[Any],
    progress: Progress,
) -> dict[str, list[Claim]]:
    """Run the extractors of each document on its parses, one document at a time."""
    claims: dict[str, list[Claim]] = {}
    for document, candidates in plan:
        kept = sentences.get(document.id, ())
        people = document_people(kept)
        found: list[Claim] = []
        parses: dict[int, ParsedSentence] = {}
        for sent, wanting in candidates:
            doc = next(docs)
            label_people(doc, people, sent.span.start)
            parsed = ParsedSentence(document=document, sent=sent, doc=doc)
            parses[sent.index] = parsed
            for extractor in wanting:
                found.extend(extractor.extract(parsed))
        for document_extractor in DOCUMENT_EXTRACTORS:
            found.extend(document_extractor.extract_document(document, kept, parses))
        claims[document.id] = found
        progress.advance(len(candidates))
    return claims


def finish_claims(claims: Mapping[str, Sequence[Claim]]) -> list[Claim]:
    """Run the corpus-wide pass (speakers merged across documents) and sort the claims."""
    ordered = attribute_speakers([c for doc_id in claims for c in claims[doc_id]])
    ordered.sort(key=lambda c: (c.doc_id, c.evidence.start, c.evidence.end, c.kind))
    return ordered
