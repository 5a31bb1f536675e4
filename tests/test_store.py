"""The store: cached sentences and claims round-trip, invalidate, and never lose a file."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import claimdiff.store as store_module
from claimdiff.cli import app
from claimdiff.errors import InputError
from claimdiff.extract import extract_documents
from claimdiff.ingest import load_documents
from claimdiff.models import Bound, Claim, ClaimKind, Document, Quantity, Sentence, Span
from claimdiff.pipeline import check, run
from claimdiff.segment import segment
from claimdiff.store import STORE_FILE, Store, segment_and_extract
from claimdiff.testing import make_document

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "fixtures" / "stories" / "dorvale-strike"
TEXT = "About 4,000 workers walked out on Monday, the union said.\n\nTalks resume Friday.\n"

runner = CliRunner()


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


def _save(store: Store, text: str = TEXT, *, published: date | None = None) -> None:
    document, sentences, claims = _entry(text, published=published)
    store.save([document], {"a": sentences}, {"a": claims})


@pytest.mark.parametrize("published", [None, date(2026, 2, 2)])
def test_store_round_trip(tmp_path: Path, published: date | None) -> None:
    document, sentences, claims = _entry(published=published)
    with Store.at(tmp_path) as store:
        store.save([document], {"a": sentences}, {"a": claims})
    with Store.at(tmp_path) as store:
        cached = store.cached([document])
    assert cached == {"a": (sentences, claims)}
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
        monkeypatch.setattr(store_module, "__version__", "99.0.0")
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


def test_store_report_is_identical_and_cached_documents_are_not_processed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = check([STORY])
    with Store.at(tmp_path) as store:
        cold = check([STORY], store=store)
        assert store.findings(_documents()) == cold.findings
    calls: list[int] = []
    original = extract_documents

    def counting(
        documents: Sequence[Document], sentences: Mapping[str, Sequence[Sentence]], **options: Any
    ) -> dict[str, list[Claim]]:
        calls.append(len(documents))
        return original(documents, sentences, **options)

    monkeypatch.setattr(store_module, "extract_documents", counting)
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

        monkeypatch.setattr(store_module, "segment", spying)
        _, claims = segment_and_extract(documents, store=store)
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
