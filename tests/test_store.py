"""The store: cached sentences and claims round-trip, invalidate, and never lose a file."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import claimdiff.extract as extract_module
import claimdiff.incremental as incremental
import claimdiff.store as store_module
import claimdiff.store.base as store_base
import claimdiff.store.documents as store_documents
from claimdiff.align import ClaimGroup, align_claims, syndication
from claimdiff.align.clues import EventClues, event_clues
from claimdiff.align.independence import index_sources
from claimdiff.cli import app
from claimdiff.compare import blockers
from claimdiff.errors import InputError
from claimdiff.extract import Extracted, segment_and_extract_documents
from claimdiff.findings import Context
from claimdiff.incremental import topic_fingerprint
from claimdiff.ingest import load_documents
from claimdiff.models import (
    Bound,
    Claim,
    ClaimKind,
    Document,
    Event,
    Quantity,
    Sentence,
    Span,
    SyndicationLink,
)
from claimdiff.pipeline import check, run
from claimdiff.segment import segment
from claimdiff.store import STORE_FILE, Store, segment_and_extract
from claimdiff.testing import claims_in_context, make_document

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "fixtures" / "stories" / "dorvale-strike"
TEXT = "About 4,000 workers walked out on Monday, the union said.\n\nTalks resume Friday.\n"

runner = CliRunner()


@pytest.fixture(autouse=True)
def _new_process() -> None:
    """Each test starts as a new process would: nothing read from a store is kept."""
    store_module.forget_parsed()


def _claim(doc_id: str) -> Claim:
    value = Quantity(anchor=4000, low=Bound(value=3000), high=Bound(value=5000), surface="4,000")
    return Claim(
        id=f"{doc_id}-claim",
        doc_id=doc_id,
        kind=ClaimKind.QUANTITY,
        subject="worker",
        subject_text="workers",
        measure="strike",
        measure_cue="walk out",
        value=value,
        event="",
        evidence=Span(doc_id=doc_id, start=0, end=19),
        sentence=Span(doc_id=doc_id, start=0, end=56),
    )


def _entry(
    text: str = TEXT, *, outlet: str | None = None, published: date | None = None
) -> tuple[Document, list[Sentence], list[Claim]]:
    document = make_document("a", text, outlet=outlet, published=published)
    return document, segment(document), [_claim("a")]


def _clues(document: Document, sentences: Sequence[Sentence]) -> dict[str, EventClues]:
    return {document.id: event_clues(document, sentences)}


def _save(store: Store, text: str = TEXT, *, published: date | None = None) -> None:
    document, sentences, claims = _entry(text, published=published)
    store.save([document], {"a": sentences}, {"a": claims})


@pytest.mark.parametrize("published", [None, date(2026, 2, 2)])
def test_store_round_trip(tmp_path: Path, published: date | None) -> None:
    document, sentences, claims = _entry(published=published)
    clues = _clues(document, sentences)
    assert clues["a"].terms and bool(clues["a"].sentences) == (published is not None)
    with Store.at(tmp_path) as store:
        store.save([document], {"a": sentences}, {"a": claims}, clues)
    with Store.at(tmp_path) as store:
        cached = store.cached([document])
    assert cached == {"a": (sentences, claims, clues["a"])}
    assert (tmp_path / STORE_FILE).exists()


@pytest.mark.parametrize(
    "changed",
    [
        (TEXT.replace("4,000", "5,000"), None, date(2026, 2, 2)),
        (TEXT, None, date(2026, 2, 3)),
        (TEXT, "Another Outlet", date(2026, 2, 2)),
    ],
    ids=["text", "published", "metadata"],
)
def test_store_invalidates_a_changed_document(
    tmp_path: Path, changed: tuple[str, str | None, date]
) -> None:
    text, outlet, published = changed
    with Store.at(tmp_path) as store:
        _save(store, published=date(2026, 2, 2))
        document, sentences, claims = _entry(text, outlet=outlet, published=published)
        assert store.cached([document]) == {}
        store.save([document], {"a": sentences}, {"a": claims})
        assert store.documents() == 1  # the stale entry of "a" was replaced
        assert "a" in store.cached([document])


def test_store_invalidates_on_a_new_claimdiff_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document, _, _ = _entry()
    with Store.at(tmp_path) as store:
        _save(store)
        assert "a" in store.cached([document])
        monkeypatch.setattr(store_base, "__version__", "99.0.0")
        assert store.cached([document]) == {}


def test_store_moved_file_still_hits(tmp_path: Path) -> None:
    document, sentences, claims = _entry()
    moved = document.model_copy(update={"source": "elsewhere/a.txt"})
    with Store.at(tmp_path) as store:
        store.save([document], {"a": sentences}, {"a": claims})
        assert "a" in store.cached([moved])


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 40, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["text", "damaged-header"],
)
def test_store_corrupt_file_is_an_input_error_and_is_kept(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / STORE_FILE
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        Store.at(tmp_path)
    assert len(str(error.value).splitlines()) == 1
    assert str(path) in str(error.value)
    assert path.read_bytes() == content


def test_store_damage_found_after_opening_is_an_input_error(tmp_path: Path) -> None:
    documents = [make_document(f"d{n}", f"{TEXT} {'x' * 3000} {n}") for n in range(40)]
    with Store.at(tmp_path) as store:
        store.save(
            documents,
            {d.id: segment(d) for d in documents},
            {d.id: [_claim(d.id)] for d in documents},
        )
    path = tmp_path / STORE_FILE
    data = bytearray(path.read_bytes())
    data[16384:-4096] = b"\xa5" * (len(data) - 16384 - 4096)
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as error, Store.at(tmp_path) as store:
        store.cached(documents)
    assert len(str(error.value).splitlines()) == 1
    assert path.read_bytes() == bytes(data)


def test_store_refuses_a_foreign_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    before = path.read_bytes()
    with pytest.raises(InputError, match="not a claimdiff store"):
        Store.at(tmp_path)
    assert path.read_bytes() == before


def test_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    with Store.at(tmp_path):
        pass
    with sqlite3.connect(tmp_path / STORE_FILE) as connection:
        connection.execute("UPDATE meta SET value = '999' WHERE key = 'schema'")
    with pytest.raises(InputError, match="newer claimdiff"):
        Store.at(tmp_path)


def test_store_needs_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="needs a folder"):
        Store.at(target)


def test_store_uses_wal(tmp_path: Path) -> None:
    with Store.at(tmp_path):
        pass
    with sqlite3.connect(tmp_path / STORE_FILE) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_checkpoints_its_log_rarely_and_on_close(tmp_path: Path) -> None:
    # Issue 7: a check's writes stay in the log (no checkpoint, no sync per check); the
    # last connection to close moves them into the file, which alone then holds them.
    documents = _documents()
    with Store.at(tmp_path) as store:
        pages = store._connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        assert pages == store_base.CHECKPOINT_PAGES
        run(documents, store=store)
        assert (tmp_path / f"{STORE_FILE}-wal").stat().st_size > 0
    assert not (tmp_path / f"{STORE_FILE}-wal").exists()
    with sqlite3.connect(f"file:{tmp_path / STORE_FILE}?mode=ro", uri=True) as connection:
        assert connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(documents)


def test_store_report_is_identical_and_cached_documents_are_not_processed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = check([STORY])
    with Store.at(tmp_path) as store:
        cold = check([STORY], store=store)
        assert store.findings(_documents()) == cold.findings
    calls = _count_extractions(monkeypatch)
    with Store.at(tmp_path) as store:
        warm = check([STORY], store=store)
    assert calls == [0]
    assert plain.model_dump_json() == cold.model_dump_json() == warm.model_dump_json()


def test_store_adding_a_document_processes_only_that_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = _documents()
    with Store.at(tmp_path) as store:
        run(documents[:-1], store=store)
        seen: list[str] = []
        original = segment

        def spying(document: Document) -> list[Sentence]:
            seen.append(document.id)
            return original(document)

        monkeypatch.setattr(extract_module, "segment", spying)
        _, claims, _ = segment_and_extract(documents, store=store)
    assert seen == [documents[-1].id]
    assert {c.doc_id for c in claims} <= {d.id for d in documents}


def test_store_incremental_report_equals_a_fresh_one(tmp_path: Path) -> None:
    documents = _documents()
    with Store.at(tmp_path) as store:
        run(documents[:-1], store=store)
        incremental = run(documents, store=store)
    assert incremental.model_dump_json() == run(documents).model_dump_json()


def _documents() -> list[Document]:
    return load_documents([STORY])[0]


def test_cli_check_with_a_corrupt_store_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    (store_dir / STORE_FILE).write_bytes(b"garbage" * 100)
    out = tmp_path / "out"
    result = runner.invoke(app, ["check", str(STORY), "--store", str(store_dir), "-o", str(out)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("claimdiff: error:")]
    assert len(errors) == 1 and "not a readable claimdiff store" in errors[0]
    assert not out.exists()
    assert (store_dir / STORE_FILE).read_bytes() == b"garbage" * 100


def test_cli_check_with_a_store_writes_the_same_report(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        result = runner.invoke(
            app, ["check", str(STORY), "--store", str(tmp_path / "store"), "-o", str(out), "-q"]
        )
        assert result.exit_code in (0, 1), result.stderr
    assert (first / "report.json").read_bytes() == (second / "report.json").read_bytes()
    assert result.stderr == ""  # quiet: no summary, and no progress bar off a terminal


STORIES = [
    ROOT / "fixtures" / "stories" / name
    for name in ("valmere-levee-breach", "dorvale-strike", "port-amara-trade-summit")
]


def _count_extractions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Return the list each extraction a store asks for appends its document count to."""
    calls: list[int] = []
    original = segment_and_extract_documents

    def counting(documents: Sequence[Document], **options: Any) -> dict[str, Extracted]:
        calls.append(len(documents))
        return original(documents, **options)

    monkeypatch.setattr(store_documents, "segment_and_extract_documents", counting)
    return calls


def _corpus() -> list[Document]:
    return [d for story in STORIES for d in load_documents([story])[0]]


def _edited(document: Document, old: str, new: str) -> Document:
    assert old in document.text
    text = document.text.replace(old, new, 1)
    return document.model_copy(
        update={"text": text, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    )


@pytest.mark.parametrize("stock", [None, 2], ids=["default", "low-stock-limit"])
def test_store_incremental_reports_equal_cold_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stock: int | None
) -> None:
    # Issue 7: a corpus checked into a store, then an article added, one changed and one
    # removed; each report is byte for byte the report of a check without a store, and
    # each step searched only the changed articles' copy and compared only the topics
    # they touch. A low stock-phrase limit makes shingles cross it both ways.
    if stock is not None:
        monkeypatch.setattr(syndication, "MAX_POSTING", stock)
    corpus = _corpus()
    added = next(d for d in corpus if d.id == "fl-c")
    changed = _edited(next(d for d in corpus if d.id == "fl-b"), "Nine", "Eleven")
    steps = {
        "base": [d for d in corpus if d.id != added.id],
        "add": corpus,
        "change": [changed if d.id == changed.id else d for d in corpus],
        "remove": [changed if d.id == changed.id else d for d in corpus if d.id != "fl-d"],
    }
    searched: list[int] = []
    compared: list[str] = []
    detect, compare_one = incremental.detect_syndication, incremental.compare_topic
    monkeypatch.setattr(
        incremental,
        "detect_syndication",
        lambda documents, sentences: (
            searched.append(len(documents)) or detect(documents, sentences)
        ),
    )
    monkeypatch.setattr(
        incremental,
        "compare_topic",
        lambda topic, context: compared.append(str(topic.key)) or compare_one(topic, context),
    )
    with Store.at(tmp_path) as store:
        for step, documents in steps.items():
            searched.clear()
            compared.clear()
            warm = run(documents, store=store)
            assert searched == ([len(documents)] if step == "base" else []), step
            topics = align_claims(warm.claims, blockers())
            assert compared if step == "base" else len(compared) < len(topics), step
            assert warm.model_dump_json() == run(documents).model_dump_json(), step


def _link(left: str, right: str) -> SyndicationLink:
    left, right = sorted((left, right))
    return SyndicationLink(
        left=left, right=right, left_outlet=left, right_outlet=right, share=0.5, passages=[]
    )


def test_store_topic_fingerprint_covers_what_a_comparison_reads() -> None:
    # A topic read back from the store must be one whose comparison would not change:
    # its claims, its documents, the shared copy among them (a finding's sources are
    # counted among its own documents), its events and who reports on them.
    documents = _corpus()
    claims, links, context = claims_in_context(documents)
    events = list(context.events.values())
    topic = next(
        t
        for t in align_claims(claims, blockers())
        if set(context.events[t.claims[0].event].doc_ids) - t.doc_ids
        and context.sources.among(t.doc_ids)
    )
    keys = {d.id: store_module.document_key(d) for d in documents}
    base = topic_fingerprint(topic, context, keys)
    doc_id = sorted(topic.doc_ids)[0]
    event = context.events[topic.claims[0].event]
    outsider = next(d for d in documents if d.id not in event.doc_ids)
    member = context.documents[next(d for d in event.doc_ids if d not in topic.doc_ids)]
    inside = context.sources.among(topic.doc_ids)[0]
    elsewhere = event.model_copy(update={"id": "elsewhere", "doc_ids": [inside.left]})

    def sources(links: Sequence[SyndicationLink], events: Sequence[Event] = events) -> Context:
        return replace(context, sources=index_sources(links, events))

    unchanged = [
        # Copy shared with a document outside the topic never joins two of its documents.
        sources([*links, _link(doc_id, outsider.id), _link(member.id, doc_id)]),
        sources(links, [*events, elsewhere.model_copy(update={"doc_ids": [outsider.id]})]),
        replace(
            context, documents={**context.documents, outsider.id: _edited(outsider, " ", "  ")}
        ),
    ]
    moved = [
        e.model_copy(update={"doc_ids": [d for d in e.doc_ids if d != inside.left]}) for e in events
    ]
    changed = [
        sources([link for link in links if link != inside]),
        sources(
            [
                link.model_copy(update={"passages": link.passages[1:]}) if link == inside else link
                for link in links
            ]
        ),
        # Two linked documents of the topic now report on different events (only the
        # sources say so here: the topic's events are as they were).
        sources(links, [*moved, elsewhere]),
        replace(
            context, events={**context.events, event.id: event.model_copy(update={"label": "x"})}
        ),
    ]
    # An outlet reporting on the event but not on the topic decides who is silent.
    renamed = member.model_copy(update={"outlet": "Renamed Outlet"})
    changed.append(replace(context, documents={**context.documents, member.id: renamed}))
    assert [topic_fingerprint(topic, c, keys) == base for c in unchanged] == [True] * 3
    assert [topic_fingerprint(topic, c, keys) != base for c in changed] == [True] * 5
    assert topic_fingerprint(topic, context, {**keys, doc_id: "another-key"}) != base
    moved_claim = topic.claims[0].model_copy(update={"speaker": "person:someone-else"})
    other = ClaimGroup(key=topic.key, claims=(moved_claim, *topic.claims[1:]))
    assert topic_fingerprint(other, context, keys) != base


def _as_schema(path: Path, schema: int) -> None:
    """Turn a store into one an older claimdiff wrote: schema 3 kept no sentence counts
    and each corpus's links in one JSON list, 2 no clues either, 1 only documents and
    findings."""
    with sqlite3.connect(path / STORE_FILE) as connection:
        columns = "key, doc_id, sha256, version, sentences, claims" + (
            ", clues" if schema >= 3 else ""
        )
        connection.executescript(
            f"CREATE TABLE old AS SELECT {columns} FROM documents; DROP TABLE documents; "
            "ALTER TABLE old RENAME TO documents;"
        )
        links = dict(connection.execute("SELECT id, link FROM links").fetchall())
        for corpus, held in connection.execute("SELECT corpus, links FROM copies").fetchall():
            text = "[" + ",".join(links[link_id] for link_id in json.loads(held)) + "]"
            connection.execute("UPDATE copies SET links = ? WHERE corpus = ?", (text, corpus))
        connection.execute("DROP TABLE links")
        if schema == 1:
            for table in ("indexed", "postings", "copies", "comparisons"):
                connection.execute(f"DROP TABLE {table}")
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(schema),))


def _schema_of(path: Path) -> tuple[str, set[str], set[str]]:
    with sqlite3.connect(path / STORE_FILE) as connection:
        schema = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        columns = {row[1] for row in connection.execute("PRAGMA table_info(documents)")}
    return schema, tables, columns


def test_store_migrates_a_schema_1_store_and_keeps_its_documents(tmp_path: Path) -> None:
    document, sentences, claims = _entry()
    with Store.at(tmp_path) as store:
        store.save([document], {"a": sentences}, {"a": claims})
    _as_schema(tmp_path, 1)  # as claimdiff 0.x wrote it
    with Store.at(tmp_path) as store:
        assert store.cached([document]) == {"a": (sentences, claims, None)}
        report = run([document], store=store)
        assert store.cached([document]) == {
            "a": (sentences, claims, *_clues(document, sentences).values())
        }
    assert [claim.id for claim in report.claims] == ["a-claim"]  # read back, not extracted
    schema, tables, columns = _schema_of(tmp_path)
    assert schema == str(store_module.SCHEMA_VERSION)
    assert {"indexed", "postings", "copies", "comparisons"} <= tables
    assert "clues" in columns


def test_store_migrates_a_schema_2_store_and_finds_the_clues_it_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Schema 2 kept sentences and claims but no event clues: its documents are read back
    # without being extracted again, their clues found from the cached sentences and
    # kept, and the report is the one a check without a store gives.
    documents = _documents()
    with Store.at(tmp_path) as store:
        run(documents, store=store)
    _as_schema(tmp_path, 2)
    calls = _count_extractions(monkeypatch)
    with Store.at(tmp_path) as store:
        assert all(entry.clues is None for entry in store.cached(documents).values())
        warm = run(documents, store=store)
        cached = store.cached(documents)
    assert calls == [0]
    assert warm.model_dump_json() == run(documents).model_dump_json()
    assert _schema_of(tmp_path)[0] == str(store_module.SCHEMA_VERSION)
    fresh = segment_and_extract_documents(documents)
    assert {doc_id: entry.clues for doc_id, entry in cached.items()} == {
        doc_id: done.clues for doc_id, done in fresh.items()
    }


@pytest.mark.parametrize(
    "clues",
    ['{"version": 0, "lead": null, "forward": false, "sentences": [], "terms": {}}', '{"not": 1}'],
    ids=["another-version", "unreadable"],
)
def test_store_clues_of_another_version_are_found_again(tmp_path: Path, clues: str) -> None:
    # Clues the store holds in another CLUES_VERSION (or cannot read) are never used:
    # they are found again from the cached sentences, and kept.
    documents = _documents()
    with Store.at(tmp_path) as store:
        cold = run(documents, store=store)
    with sqlite3.connect(tmp_path / STORE_FILE) as connection:
        connection.execute("UPDATE documents SET clues = ?", (clues,))
    with Store.at(tmp_path) as store:
        assert all(entry.clues is None for entry in store.cached(documents).values())
        assert run(documents, store=store).model_dump_json() == cold.model_dump_json()
        cached = store.cached(documents)
    sentences = {doc_id: entry.sentences for doc_id, entry in cached.items()}
    assert {doc_id: entry.clues for doc_id, entry in cached.items()} == {
        d.id: event_clues(d, sentences[d.id]) for d in documents
    }


def test_store_cached_clues_equal_fresh_ones(tmp_path: Path) -> None:
    # What events read from the store is what they would find in the documents: the
    # clues kept by a cold check (found in the extraction workers) read back equal.
    documents = _corpus()
    with Store.at(tmp_path) as store:
        segment_and_extract(documents, store=store)
    with Store.at(tmp_path) as store:
        cached = store.cached(documents)
    assert len(cached) == len(documents)
    for document in documents:
        entry = cached[document.id]
        assert entry.clues == event_clues(document, segment(document)), document.id
        assert entry.sentences == segment(document)


@pytest.mark.parametrize("table", ["copies", "comparisons"])
def test_store_unreadable_cached_results_are_computed_again(tmp_path: Path, table: str) -> None:
    documents = _documents()
    with Store.at(tmp_path) as store:
        cold = run(documents, store=store)
    column = {"copies": "links", "comparisons": "findings"}[table]
    with sqlite3.connect(tmp_path / STORE_FILE) as connection:
        connection.execute(f'UPDATE {table} SET {column} = \'[{{"not": "this"}}]\'')
    store_module.forget_parsed()  # as a new process: what this one read is not kept
    with Store.at(tmp_path) as store:
        assert run(documents, store=store).model_dump_json() == cold.model_dump_json()


def test_store_forgets_the_shingles_of_replaced_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A corrected article replaces its old entry; its old shingles stay only while a kept
    # corpus needs them to be updated from.
    monkeypatch.setattr(store_base, "MAX_COPIES", 2)
    documents = _documents()
    first = documents[0]
    with Store.at(tmp_path) as store:
        for n in range(4):
            note = f"\n\nCorrection {n}: an earlier version of this article misstated a figure.\n"
            edited = _edited(first, first.text, first.text + note)
            report = run([edited, *documents[1:]], store=store)
        assert report.model_dump_json() == run([edited, *documents[1:]]).model_dump_json()
        assert store.documents() == len(documents)
    with sqlite3.connect(tmp_path / STORE_FILE) as connection:
        indexed = connection.execute("SELECT COUNT(*) FROM indexed").fetchone()[0]
        numbers = connection.execute("SELECT COUNT(DISTINCT number) FROM postings").fetchone()[0]
    assert indexed == numbers == len(documents) + 1  # the last two versions of the first


def _select(path: Path, query: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path / STORE_FILE) as connection:
        return connection.execute(query).fetchall()


def test_store_migrates_a_schema_3_store_counting_sentences_and_keeping_links_once(
    tmp_path: Path,
) -> None:
    corpus = _corpus()
    base, added = corpus[:-1], corpus
    with Store.at(tmp_path) as store:
        run(base, store=store)
    links = _select(tmp_path, "SELECT id, link FROM links")
    assert links
    _as_schema(tmp_path, 3)
    store_module.forget_parsed()
    with Store.at(tmp_path) as store:
        counts = dict(_select(tmp_path, "SELECT doc_id, sentence_count FROM documents"))
        assert counts == {d.id: len(segment(d)) for d in base}
        assert sorted(_select(tmp_path, "SELECT id, link FROM links")) == sorted(links)
        previous = store.previous_links(store.keys(base))
        assert previous is not None
        sentences = {d.id: segment(d) for d in base}
        assert previous[1] == syndication.detect_syndication(base, sentences)
        warm = run(added, store=store)
    assert _select(tmp_path, "SELECT value FROM meta WHERE key = 'schema'") == [
        (str(store_module.SCHEMA_VERSION),)
    ]
    assert warm.model_dump_json() == run(added).model_dump_json()
