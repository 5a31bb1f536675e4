"""Entities on demand: a parse gets its entities only when asked, and exactly those.

Extraction parses without the entity recogniser and runs it on the sentences whose
entities an extractor reads (``nlp.py``). Claims must not depend on that: the tests
compare every claim with those of the full pipeline (entities set on every parse).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

import claimdiff.extract as extract
from claimdiff.extract import extract_documents
from claimdiff.extract.base import ParsedSentence
from claimdiff.ingest import load_documents
from claimdiff.models import Document
from claimdiff.nlp import (
    defer_entities,
    entities,
    entity_label,
    load_model,
    parse,
    provisional,
    recognise,
)
from claimdiff.segment import segment
from claimdiff.testing import make_document

STORIES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"
TEXT = "Ruben Grieg, the provincial governor, said on Monday that 40 people had died in Kelbria."


def _pending(text: str = TEXT) -> object:
    doc = next(parse([text], batch_size=1))
    defer_entities(doc)
    return doc


def test_a_deferred_parse_gets_the_entities_of_the_full_pipeline() -> None:
    full = load_model()(TEXT)
    doc = _pending()
    assert not doc.ents  # type: ignore[attr-defined]
    assert [(e.text, e.label_) for e in entities(doc).ents] == [
        (e.text, e.label_) for e in full.ents
    ]
    assert full.ents  # the sentence does name people, dates and places


def test_reading_one_label_sets_them_all_once() -> None:
    calls: list[object] = []
    doc = next(parse([TEXT], batch_size=1))
    defer_entities(doc, calls.append)
    full = load_model()(TEXT)
    assert [entity_label(t) for t in doc] == [t.ent_type_ for t in full]
    assert calls == [doc]  # ``then`` ran once, after the recogniser


def test_provisional_reads_record_the_parse_and_run_nothing() -> None:
    doc = _pending()
    with provisional() as asked:
        assert entity_label(doc[0]) == ""  # type: ignore[index]
        assert entities(doc) is doc
    assert asked == [doc, doc]
    assert not doc.ents  # type: ignore[attr-defined]
    recognise(asked)
    full = load_model()(TEXT)
    assert [entity_label(t) for t in doc] == [t.ent_type_ for t in full]  # type: ignore[attr-defined]


def test_recognise_skips_parses_already_set_and_keeps_labels_set_after() -> None:
    doc = next(parse([TEXT], batch_size=1))

    def label_first_word(parsed: object) -> None:
        span = parsed.char_span(0, 5, label="ORG")  # type: ignore[attr-defined]
        parsed.set_ents([span], default="unmodified")  # type: ignore[attr-defined]

    defer_entities(doc, label_first_word)
    recognise([doc, doc])
    assert entity_label(doc[0]) == "ORG"  # type: ignore[index]
    recognise([doc])  # nothing pending: the label set after the recogniser stays
    assert entity_label(doc[0]) == "ORG"  # type: ignore[index]


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    found, _ = load_documents(
        [
            STORIES / "same-day-fire-and-crash",
            STORIES / "dorvale-strike",
            STORIES / "kelbria-earthquake",
        ]
    )
    return found


def test_claims_are_those_of_the_full_pipeline(
    documents: list[Document],
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[type-arg]
) -> None:
    sentences = {d.id: segment(d) for d in documents}
    on_demand = extract_documents(documents, sentences)
    asked: list[object] = []

    def eager(texts: object, *, batch_size: int) -> object:
        for doc in load_model().pipe(texts, batch_size=batch_size):
            asked.append(doc)
            yield doc

    monkeypatch.setattr(extract, "parse", eager)
    monkeypatch.setattr(extract, "defer_entities", lambda doc, then=None: then and then(doc))
    full = extract_documents(documents, sentences)
    assert asked  # the full pipeline did run
    assert on_demand == full
    assert sum(len(claims) for claims in full.values()) > 100


def _parsed(text: str) -> ParsedSentence:
    document = make_document("d", text)
    sent = segment(document)[0]
    return ParsedSentence(document=document, sent=sent, doc=next(parse([sent.text], batch_size=1)))


@pytest.mark.parametrize(
    ("text", "may"),
    [
        ("Charles de Gaulle spoke in Paris.", True),
        ("The crowd cheered when Ana Abara arrived.", True),
        ("The United Nations sent aid.", True),
        ("Officials said the bridge would reopen.", False),
        ("Rescuers worked through the night, officials said.", False),
        # A function word opening the sentence is capitalised, never part of a name.
        ("On Tuesday officials said the bridge would reopen.", False),
        ("“Whether Rescuers stay is unclear,” he said.", False),
    ],
)
def test_only_sentences_with_capitalised_words_close_together_can_introduce_people(
    text: str, may: bool
) -> None:
    from claimdiff.extract.speakers import _may_name_people

    assert _may_name_people(_parsed(text), lambda offset: False) is may


def test_words_settled_already_cannot_introduce_people() -> None:
    from claimdiff.extract.speakers import _may_name_people

    parsed = _parsed("“We met Ana Abara there,” the mayor said.")
    start = parsed.sent.text.index("Ana")
    assert _may_name_people(parsed, lambda offset: False) is True
    assert _may_name_people(parsed, lambda offset: start <= offset < start + 9) is False


def test_speakers_whose_labels_are_read_get_them_in_one_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import claimdiff.nlp as nlp

    batches: list[int] = []
    recognise_all = nlp.recognise

    def counting(docs: Iterable[Any]) -> None:
        pending = list({id(d): d for d in docs if nlp._PENDING in d.user_data}.values())
        if pending:
            batches.append(len(pending))
        recognise_all(pending)

    monkeypatch.setattr(nlp, "recognise", counting)
    import claimdiff.extract.speakers as speakers

    monkeypatch.setattr(speakers, "recognise", counting)

    def batches_for(text: str) -> list[int]:
        batches.clear()
        document = make_document("d", text)
        extract_documents([document], {"d": segment(document)})
        return list(batches)

    # Capitalised common nouns opening a sentence: their labels decide whether they name
    # someone, so they are read, in one batch.
    assert batches_for("Hospitals said the wards were full. Schools said they would close.") == [2]
    # Words for people or offices are no one's name, and proper names the entity table
    # knows need no label: no recogniser at all.
    assert (
        batches_for(
            "Officials said the bridge would close. Residents said they were worried. "
            "Mayors said repairs would take weeks."
        )
        == []
    )
    assert batches_for("Russia said the talks would go on. Ukraine said it would wait.") == []
