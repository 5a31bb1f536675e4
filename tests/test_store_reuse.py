"""What a store lets a check skip: sentences read when needed, parsing done once a process,
links kept once, fingerprints and topics carried over; reports stay the cold ones."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

import claimdiff.incremental as incremental
import claimdiff.memo as memo
import claimdiff.store as store_module
import claimdiff.store.base as store_base
import claimdiff.store.documents as store_documents
from claimdiff import __version__
from claimdiff.align import ClaimGroup, align_claims, resolve_events
from claimdiff.align.events import place_claims
from claimdiff.compare import Outcome, blockers
from claimdiff.config import Settings
from claimdiff.findings import Context
from claimdiff.incremental import Fingerprints, placed_claims, same_claims
from claimdiff.ingest import load_documents
from claimdiff.models import Claim, Document
from claimdiff.pipeline import run
from claimdiff.render import RENDERERS
from claimdiff.segment import segment
from claimdiff.store import STORE_FILE, Store, StoredSentences, segment_and_extract
from claimdiff.store.results import REFRESH
from claimdiff.testing import claims_in_context

ROOT = Path(__file__).resolve().parents[1]
STORIES = [
    ROOT / "fixtures" / "stories" / name
    for name in ("valmere-levee-breach", "dorvale-strike", "port-amara-trade-summit")
]
_CLAIM_LIST = TypeAdapter(list[Claim])


@pytest.fixture(autouse=True)
def _new_process() -> None:
    """Each test starts as a new process would: nothing read from a store is kept."""
    store_module.forget_parsed()


def _corpus() -> list[Document]:
    return [d for story in STORIES for d in load_documents([story])[0]]


def _edited(document: Document, note: str) -> Document:
    text = document.text + f"\n\n{note}\n"
    return document.model_copy(
        update={"text": text, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    )


def _select(path: Path, query: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path / STORE_FILE) as connection:
        return connection.execute(query).fetchall()


def test_store_reads_a_cached_documents_sentences_only_when_asked(tmp_path: Path) -> None:
    # Issue 7: a check needs every document's sentence count, and the sentences of only
    # the documents sharing copy with a new one.
    documents = load_documents([STORIES[1]])[0]
    with Store.at(tmp_path) as store:
        segment_and_extract(documents, store=store)
    store_module.forget_parsed()
    with Store.at(tmp_path) as store:
        cached = store.cached(documents)
    for document in documents:
        kept = cached[document.id].sentences
        assert isinstance(kept, StoredSentences) and kept._sentences is None
        assert len(kept) == len(segment(document))
        assert kept._sentences is None  # counted without being read
        assert list(kept) == segment(document) and kept[1:3] == segment(document)[1:3]
    # Sentences the store can no longer read are the document's sentences again.
    with sqlite3.connect(tmp_path / STORE_FILE) as connection:
        connection.execute("UPDATE documents SET sentences = '[{\"not\": 1}]'")
    store_module.forget_parsed()
    with Store.at(tmp_path) as store:
        cached = store.cached(documents)
    assert {d.id: list(cached[d.id].sentences) for d in documents} == {
        d.id: segment(d) for d in documents
    }


class _Counting:
    """A type adapter that counts what it parses."""

    def __init__(self, adapter: TypeAdapter[Any]) -> None:
        self.adapter = adapter
        self.parsed = 0

    def validate_json(self, text: bytes | str) -> Any:
        self.parsed += 1
        return self.adapter.validate_json(text)

    def dump_json(self, value: Any) -> bytes:
        return self.adapter.dump_json(value)


def test_store_parses_an_unchanged_entry_once_a_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = load_documents([STORIES[1]])[0]
    with Store.at(tmp_path) as store:
        segment_and_extract(documents, store=store)
    store_module.forget_parsed()
    counting = _Counting(store_documents._CLAIMS)
    monkeypatch.setattr(store_documents, "_CLAIMS", counting)
    with Store.at(tmp_path) as store:
        first = store.cached(documents)
        assert counting.parsed == len(documents)
        again = store.cached(documents)
    assert counting.parsed == len(documents)  # read again: the claims parsed before
    assert all(
        a is b
        for d in documents
        for a, b in zip(first[d.id].claims, again[d.id].claims, strict=True)
    )
    # An entry whose text changed (another process wrote it) is parsed again.
    changed = documents[0]
    with sqlite3.connect(tmp_path / STORE_FILE) as connection:
        connection.execute("UPDATE documents SET claims = '[]' WHERE doc_id = ?", (changed.id,))
    with Store.at(tmp_path) as store:
        third = store.cached(documents)
    assert third[changed.id].claims == [] and counting.parsed == len(documents) + 1
    # What a check wrote is what the next check in the process reads: nothing to parse.
    store_module.forget_parsed()
    with Store.at(tmp_path / "other") as store:
        segment_and_extract(documents, store=store)
        store.cached(documents)
    assert counting.parsed == len(documents) + 1


def test_store_keeps_each_link_once_and_only_while_a_kept_corpus_holds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_base, "MAX_COPIES", 2)
    corpus = _corpus()
    linked = next(d for d in corpus if d.id == "fl-c")
    with Store.at(tmp_path) as store:
        for n in range(4):
            documents = [_edited(d, f"Note {n}.") if d is linked else d for d in corpus]
            report = run(documents, store=store)
            held = {
                link_id
                for (text,) in _select(tmp_path, "SELECT links FROM copies")
                for link_id in TypeAdapter(list[str]).validate_json(text)
            }
            stored = {row[0] for row in _select(tmp_path, "SELECT id FROM links")}
            assert stored == held  # no link lost, none kept that no corpus holds
            assert len(_select(tmp_path, "SELECT corpus FROM copies")) == min(n + 1, 2)
    assert report.syndication
    assert report.model_dump_json() == run(documents).model_dump_json()


def test_store_keeps_again_the_comparisons_it_lost(tmp_path: Path) -> None:
    # A process remembers outcomes by fingerprint; those the store lost (forgotten or
    # deleted) are kept again, so the next process finds them.
    documents = load_documents([STORIES[1]])[0]
    with Store.at(tmp_path) as store:
        cold = run(documents, store=store)
        kept = _select(tmp_path, "SELECT fingerprint, pairs, findings FROM comparisons")
        assert kept
        with sqlite3.connect(tmp_path / STORE_FILE) as connection:
            connection.execute("DELETE FROM comparisons")
        warm = run(documents, store=store)
    assert sorted(_select(tmp_path, "SELECT fingerprint, pairs, findings FROM comparisons")) == (
        sorted(kept)
    )
    assert warm.model_dump_json() == cold.model_dump_json()


def _straightforward_fingerprint(
    topic: ClaimGroup, context: Context, keys: Mapping[str, str]
) -> str:
    """``topic_fingerprint`` as first written, each part worked out for each topic."""
    digest = hashlib.sha256(f"{__version__}\x1f{store_base.CACHE_VERSION}\x1e".encode())
    digest.update(_CLAIM_LIST.dump_json(list(topic.claims)))
    for doc_id in sorted(topic.doc_ids):
        digest.update(f"\x1e{doc_id}\x1f{keys[doc_id]}".encode())
    for link in context.sources.among(topic.doc_ids):
        apart = context.sources.report_on_different_events(link.left, link.right)
        spans = ",".join(
            f"{p.left.start}-{p.left.end}:{p.right.start}-{p.right.end}" for p in link.passages
        )
        digest.update(f"\x1d{link.left}\x1f{link.right}\x1f{apart:d}\x1f{spans}".encode())
    for event_id in sorted({claim.event for claim in topic.claims}):
        event = context.events.get(event_id)
        if event is None:
            digest.update(f"\x1e{event_id}\x1f-".encode())
            continue
        digest.update(b"\x1e" + event.model_dump_json().encode())
        for doc_id in event.doc_ids:
            document = context.documents.get(doc_id)
            digest.update(f"\x1f{doc_id}\x1f{document.outlet if document else ''}".encode())
    return digest.hexdigest()


def test_incremental_fingerprints_are_the_straightforward_ones() -> None:
    # Issue 7: each event's and link's part is written once, each topic's claims' part
    # kept for the same claims; the fingerprints (and so the kept comparisons) are the
    # ones each part worked out for each topic gives.
    documents = _corpus()
    claims, _, context = claims_in_context(documents)
    keys = {d.id: store_module.document_key(d) for d in documents}
    topics = align_claims(claims, blockers())
    expected = [_straightforward_fingerprint(t, context, keys) for t in topics]
    for _ in range(2):  # the second time with the claims' parts kept
        fingerprint = Fingerprints(context, keys)
        assert [fingerprint(t) for t in topics] == expected
    assert len(set(expected)) == len(topics)


def test_incremental_same_claims_gives_back_the_last_checks_equal_claims(tmp_path: Path) -> None:
    documents = load_documents([STORIES[1]])[0]
    sentences, claims, _ = segment_and_extract(documents)
    with Store.at(tmp_path) as store:
        first = same_claims(documents, claims, store=store)
        copies = [c.model_copy() for c in claims]
        changed = copies[0].model_copy(update={"speaker": "person:someone-else"})
        again = same_claims(documents, [changed, *copies[1:]], store=store)
        assert again[0] is changed
        assert all(a is b for a, b in zip(again[1:], first[1:], strict=True))
        # The same claims of an edited document (another key) are not the last ones.
        edited = [_edited(documents[0], "Correction."), *documents[1:]]
        ours = [i for i, c in enumerate(copies) if c.doc_id == edited[0].id]
        moved = same_claims(edited, copies, store=store)
        assert ours and all(moved[i] is copies[i] for i in ours)
    assert same_claims(documents, copies, store=None) == copies


def test_store_reports_stay_cold_ones_whatever_the_process_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two stores checked in turns in one process (what it keeps read is shared), with
    # articles added, edited and removed: every report is the one a check without a
    # store gives, byte for byte, and a topic an added article leaves alone is not
    # compared again.
    corpus = _corpus()
    edited = _edited(corpus[2], "Correction: an earlier version misstated a figure.")
    steps: list[Sequence[Document]] = [
        corpus[:-2],
        corpus[:-1],
        [edited if d is corpus[2] else d for d in corpus],
        [edited if d is corpus[2] else d for d in corpus[1:]],
    ]
    compared: list[str] = []
    compare_one = incremental.compare_topic
    monkeypatch.setattr(
        incremental,
        "compare_topic",
        lambda topic, context: compared.append(str(topic.key)) or compare_one(topic, context),
    )
    with Store.at(tmp_path / "a") as first, Store.at(tmp_path / "b") as second:
        for n, documents in enumerate(steps):
            compared.clear()
            warm = run(documents, store=first)
            assert warm.model_dump_json() == run(documents).model_dump_json(), n
            assert not n or len(compared) < len(align_claims(warm.claims, blockers())), n
            others = documents[::-1][: len(corpus) - 3]
            warm = run(others, store=second)
            assert warm.model_dump_json() == run(others).model_dump_json(), n


def test_incremental_placed_claims_are_resolve_events_claims_copied_once(tmp_path: Path) -> None:
    # Issue 7: with a store, a claim placed in the same event as by the last check is
    # the claim that check placed (no copy); one whose event moved is copied again.
    documents = load_documents([STORIES[1]])[0]
    sentences, claims, clues = segment_and_extract(documents)
    settings = Settings()
    events, ids = place_claims(documents, sentences, claims, settings=settings, clues=clues)
    expected = resolve_events(documents, sentences, claims, settings=settings)[1]
    assert placed_claims(documents, claims, ids, store=None) == expected
    with Store.at(tmp_path) as store:
        first = placed_claims(documents, claims, ids, store=store)
        assert first == expected and {c.event for c in first} <= {e.id for e in events}
        again = placed_claims(documents, [c.model_copy() for c in claims], ids, store=store)
        assert all(a is b for a, b in zip(again, first, strict=True))  # equal claims
        moved = ["elsewhere", *ids[1:]]
        third = placed_claims(documents, claims, moved, store=store)
        assert third[0].event == "elsewhere" and third[0] == first[0].model_copy(
            update={"event": "elsewhere"}
        )
        assert all(a is b for a, b in zip(third[1:], first[1:], strict=True))
        assert placed_claims(documents, claims, ids, store=store)[0] == first[0]


def _rendered(report: Any) -> tuple[str, str]:
    return RENDERERS["json"](report), RENDERERS["md"](report)


@pytest.mark.parametrize("added_id", ["fl-c", "st-d", "tb-e"])
def test_store_add_joining_an_existing_event_renders_as_a_cold_check(
    tmp_path: Path, added_id: str
) -> None:
    # Issue 7: an article added to a stored corpus joins one of the corpus's events (its
    # documents' weights all move with the corpus; "st-d" names the event's place, which
    # renames it); the JSON and Markdown written after
    # the add, from all the process kept of the checks before (claims placed, terms,
    # speakers, shared copy, rendered parts), are those of a cold check in a process
    # that kept nothing.
    corpus = _corpus()
    added = next(d for d in corpus if d.id == added_id)
    with Store.at(tmp_path) as store:
        before = run([d for d in corpus if d is not added], store=store)
        _rendered(before)
        after = run(corpus, store=store)
        warm = _rendered(after)
    joined = max((e for e in after.events if added.id in e.doc_ids), key=lambda e: len(e.doc_ids))
    others = set(joined.doc_ids) - {added.id}
    assert others and any(others <= set(e.doc_ids) for e in before.events)  # it existed
    memo.forget_all()
    assert _rendered(run(corpus)) == warm


def test_store_forgets_comparisons_unused_for_max_runs_checks_rewriting_few_rows(
    tmp_path: Path,
) -> None:
    # Issue 7: a check marks the last use of the outcomes it used only when that mark is
    # REFRESH checks old (a check rewrote every row, findings and all); an outcome used in
    # the last MAX_RUNS checks is never forgotten, one unused for longer is, at the latest
    # REFRESH checks later.
    always, once = Outcome(findings=[], candidate_comparisons=1), Outcome([], 2)
    with Store.at(tmp_path) as store:
        store.save_comparisons({"always": always, "once": once}, used={"always": always})
        gone = None
        for turn in range(2, 3 * store_base.MAX_RUNS):
            before = dict(_select(tmp_path, "SELECT fingerprint, used FROM comparisons"))
            store.save_comparisons({}, used={"always": always})
            after = dict(_select(tmp_path, "SELECT fingerprint, used FROM comparisons"))
            assert "always" in after and turn - REFRESH <= after["always"] <= turn
            assert after["always"] in (before["always"], turn)  # rewritten when stale only
            if "once" not in after and gone is None:
                gone = turn
        assert gone is not None and store_base.MAX_RUNS < gone <= store_base.MAX_RUNS + REFRESH + 1
        assert store.comparisons(["always", "once"]).keys() >= {"always"}
