"""Extraction: parsed sentences -> claims, one extractor per claim kind."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from typing import Any, NamedTuple

from claimdiff.align.clues import EventClues, event_clues
from claimdiff.extract.absence import AbsenceExtractor
from claimdiff.extract.attribution import attribute_speakers
from claimdiff.extract.base import DocumentExtractor, Extractor, ParsedSentence
from claimdiff.extract.defendants import DefendantExtractor
from claimdiff.extract.duration import DurationExtractor
from claimdiff.extract.mode import ModeExtractor
from claimdiff.extract.participation import StatusExtractor
from claimdiff.extract.quantity import QuantityExtractor
from claimdiff.extract.quote import QuoteExtractor
from claimdiff.extract.statement import StatementExtractor
from claimdiff.extract.time import TimeExtractor
from claimdiff.extract.timeframe import TimeframeExtractor
from claimdiff.models import Claim, Document, Sentence
from claimdiff.nlp import defer_entities, load_model, parse, provisional, recognise
from claimdiff.normalise.mentions import document_people, label_people
from claimdiff.progress import NO_PROGRESS, Progress
from claimdiff.segment import segment

EXTRACTORS: tuple[Extractor, ...] = (
    QuantityExtractor(),
    TimeExtractor(),
    DurationExtractor(),
    TimeframeExtractor(),
    StatusExtractor(),
    ModeExtractor(),
    AbsenceExtractor(),
)

DOCUMENT_EXTRACTORS: tuple[DocumentExtractor, ...] = (
    QuoteExtractor(),
    StatementExtractor(),
    DefendantExtractor(),
)

__all__ = [
    "DOCUMENT_EXTRACTORS",
    "EXTRACTORS",
    "DocumentExtractor",
    "Extracted",
    "Extractor",
    "ParsedSentence",
    "extract_claims",
    "extract_documents",
    "finish_claims",
    "pipe_settings",
    "segment_and_extract_documents",
]


class Extracted(NamedTuple):
    """What one document alone gives: kept sentences, claims and event clues.

    The claims are those before the corpus-wide pass; the clues are what the document
    tells about its event (``align/clues.py``).
    """

    sentences: list[Sentence]
    claims: list[Claim]
    clues: EventClues


PIPE_BATCH_SIZE = 64
"""Texts per ``nlp.pipe`` batch (the parse of a sentence does not depend on its batch)."""

PIPE_PROCESSES = 2
"""Processes extraction may use on large inputs (the 2 cores of a laptop)."""

PROCESS_MIN_TEXTS = 2_000
"""Below this many texts to parse, starting worker processes costs more than it saves."""

SENTENCES_PER_DOCUMENT = 40
"""A news article's kept sentences, about: how many texts documents not yet segmented
will give, to choose the process count before segmenting (a benchmark article keeps 43,
the seed articles 46)."""

DOCUMENTS_PER_TASK = 8
"""Documents a worker process parses and extracts per task."""


def pipe_settings(texts: int) -> tuple[int, int]:
    """Return the batch size and process count for parsing ``texts`` texts."""
    parallel = texts >= PROCESS_MIN_TEXTS and "fork" in multiprocessing.get_all_start_methods()
    processes = min(PIPE_PROCESSES, os.cpu_count() or 1) if parallel else 1
    return PIPE_BATCH_SIZE, processes


def extract_claims(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    progress: Progress = NO_PROGRESS,
) -> list[Claim]:
    """Run every extractor over the sentences that may hold its claims.

    Only candidate sentences go through the statistical model; the rest cost nothing,
    and the entity recogniser runs only on the sentences whose entities an extractor
    reads (``nlp.py``). Sentence extractors read one parsed sentence; document
    extractors (quotations, reported speech) read a whole document with the parses of
    the sentences they selected. Names a document introduces with an office are
    labelled PERSON in every parse whose entities are read, and a last pass gives claims
    inside someone's words that speaker.
    """
    return finish_claims(extract_documents(documents, sentences, progress=progress))


def extract_documents(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    progress: Progress = NO_PROGRESS,
) -> dict[str, list[Claim]]:
    """Return each document's claims before the corpus-wide pass (what a store caches).

    Extraction is a map over documents: on large inputs, worker processes each parse
    and extract a share of the documents; otherwise parses stream through one process,
    holding one document's parses at a time. Both give the same claims.
    """
    progress.stage("extracting", total=len(documents))
    _, processes = pipe_settings(sum(len(sentences.get(d.id, ())) for d in documents))
    if processes > 1:
        tasks: list[_Task] = [
            [(d, list(sentences.get(d.id, ()))) for d in documents[i : i + DOCUMENTS_PER_TASK]]
            for i in range(0, len(documents), DOCUMENTS_PER_TASK)
        ]
        found = _in_processes(tasks, processes, progress)
        return {doc_id: done.claims for doc_id, done in found.items()}
    return _extract_serial(_plan(documents, sentences), sentences, progress)


def segment_and_extract_documents(
    documents: Sequence[Document], *, progress: Progress = NO_PROGRESS
) -> dict[str, Extracted]:
    """Return each document's kept sentences, claims before the corpus-wide pass and clues.

    Segmentation and event clues are per document too, so on large inputs the workers
    find them for their own share (in the calling process they would run alone while
    both cores wait).
    """
    progress.stage("extracting", total=len(documents))
    _, processes = pipe_settings(len(documents) * SENTENCES_PER_DOCUMENT)
    if processes > 1:
        tasks: list[_Task] = [
            [(d, None) for d in documents[i : i + DOCUMENTS_PER_TASK]]
            for i in range(0, len(documents), DOCUMENTS_PER_TASK)
        ]
        return _in_processes(tasks, processes, progress)
    sentences = {document.id: segment(document) for document in documents}
    claims = _extract_serial(_plan(documents, sentences), sentences, progress)
    return {
        d.id: Extracted(sentences[d.id], claims[d.id], event_clues(d, sentences[d.id]))
        for d in documents
    }


_Plan = list[tuple[Document, list[tuple[Sentence, list[Extractor]]]]]


def _plan(documents: Sequence[Document], sentences: Mapping[str, Sequence[Sentence]]) -> _Plan:
    """Return, per document, the sentences to parse and the extractors that want each."""
    plan: _Plan = []
    for document in documents:
        kept = sentences.get(document.id, ())
        selected = {i for ex in DOCUMENT_EXTRACTORS for i in ex.select(kept)}
        candidates = []
        for sent in kept:
            wanting = [ex for ex in EXTRACTORS if ex.wants(sent)]
            if wanting or sent.index in selected:
                candidates.append((sent, wanting))
        plan.append((document, candidates))
    return plan


def _extract_serial(
    plan: _Plan, sentences: Mapping[str, Sequence[Sentence]], progress: Progress
) -> dict[str, list[Claim]]:
    texts = [sent.text for _, candidates in plan for sent, _ in candidates]
    if not texts:  # nothing to parse (every document came from a store): skip the model
        return _extract_all(plan, sentences, iter(()), progress)
    docs = parse(texts, batch_size=PIPE_BATCH_SIZE)
    try:
        return _extract_all(plan, sentences, docs, progress)
    finally:
        docs.close()


_Task = list[tuple[Document, list[Sentence] | None]]
"""A worker's share: documents with their kept sentences, or None to segment them."""


def _in_processes(tasks: list[_Task], processes: int, progress: Progress) -> dict[str, Extracted]:
    load_model()  # loaded once here; forked workers share it
    found: dict[str, Extracted] = {}
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for done in pool.imap(_task, tasks):
            found.update(done)
            progress.advance(len(done))
    return found


def _task(task: _Task) -> dict[str, Extracted]:
    """Segment (when asked), parse, extract and find the clues of a worker's share."""
    documents = [document for document, _ in task]
    sentences = {d.id: kept if kept is not None else segment(d) for d, kept in task}
    claims = _extract_serial(_plan(documents, sentences), sentences, NO_PROGRESS)
    return {
        d.id: Extracted(sentences[d.id], claims[d.id], event_clues(d, sentences[d.id]))
        for d in documents
    }


def _extract_all(
    plan: _Plan,
    sentences: Mapping[str, Sequence[Sentence]],
    docs: Iterator[Any],
    progress: Progress,
) -> dict[str, list[Claim]]:
    """Run the extractors of each document on its parses, one document at a time."""
    claims: dict[str, list[Claim]] = {}
    for document, candidates in plan:
        kept = sentences.get(document.id, ())
        people = document_people(kept)
        parses: dict[int, ParsedSentence] = {}
        for sent, _ in candidates:
            doc = next(docs)
            defer_entities(doc, partial(label_people, people=people, offset=sent.span.start))
            parses[sent.index] = ParsedSentence(document=document, sent=sent, doc=doc)
        found = _sentence_claims(candidates, parses)
        for document_extractor in DOCUMENT_EXTRACTORS:
            found.extend(document_extractor.extract_document(document, kept, parses))
        claims[document.id] = found
        progress.advance()
    return claims


def _sentence_claims(
    candidates: Sequence[tuple[Sentence, list[Extractor]]], parses: Mapping[int, ParsedSentence]
) -> list[Claim]:
    """Return the claims of a document's sentence extractors, in sentence order.

    They run provisionally first (``nlp.provisional``): the sentences whose entities an
    extractor asked for get them in one batch, and just those extractors run again.
    """
    found: list[list[Claim]] = []
    again: list[tuple[int, Extractor, ParsedSentence]] = []
    with provisional() as asked:
        for sent, wanting in candidates:
            parsed = parses[sent.index]
            for extractor in wanting:
                before = len(asked)
                found.append(extractor.extract(parsed))
                if len(asked) > before:
                    again.append((len(found) - 1, extractor, parsed))
    recognise(asked)
    for slot, extractor, parsed in again:
        found[slot] = extractor.extract(parsed)
    return [claim for claims in found for claim in claims]


def finish_claims(claims: Mapping[str, Sequence[Claim]]) -> list[Claim]:
    """Run the corpus-wide pass (speakers merged across documents) and sort the claims."""
    ordered = attribute_speakers([c for doc_id in claims for c in claims[doc_id]])
    ordered.sort(key=lambda c: (c.doc_id, c.evidence.start, c.evidence.end, c.kind))
    return ordered
