"""Extraction in worker processes gives the same sentences and claims as in one process."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimdiff.extract as extract
from claimdiff.extract import extract_documents, segment_and_extract_documents
from claimdiff.ingest import load_documents
from claimdiff.models import Document
from claimdiff.segment import segment

STORIES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    found, _ = load_documents([STORIES / "kelbria-earthquake", STORIES / "dorvale-strike"])
    return found


def test_workers_segment_and_extract_like_one_process(
    documents: list,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[type-arg]
) -> None:
    serial = segment_and_extract_documents(documents)
    monkeypatch.setattr(extract, "PROCESS_MIN_TEXTS", 1)
    monkeypatch.setattr(extract, "DOCUMENTS_PER_TASK", 2)
    assert extract.pipe_settings(len(documents) * extract.SENTENCES_PER_DOCUMENT)[1] == 2
    parallel = segment_and_extract_documents(documents)
    assert list(parallel) == list(serial) == [d.id for d in documents]
    assert parallel == serial
    assert all(done.claims and done.clues.sentences for done in serial.values())


def test_workers_extract_given_sentences_like_one_process(
    documents: list,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[type-arg]
) -> None:
    sentences = {d.id: segment(d) for d in documents}
    serial = extract_documents(documents, sentences)
    monkeypatch.setattr(extract, "PROCESS_MIN_TEXTS", 1)
    assert extract.pipe_settings(sum(len(s) for s in sentences.values()))[1] == 2
    parallel = extract_documents(documents, sentences)
    assert parallel == serial
