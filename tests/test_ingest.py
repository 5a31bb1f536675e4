import hashlib
import os
from datetime import date
from pathlib import Path

import pytest

from claimdiff.config import Settings
from claimdiff.errors import InputError
from claimdiff.ingest import load_documents, meant_key
from claimdiff.models import Document

ROOT = Path(__file__).parents[1]
INPUTS = ROOT / "fixtures" / "inputs"
GOOD = INPUTS / "good"
BAD = INPUTS / "bad"
SHARED = ROOT.parent / "shared"


def load_one(path: Path, settings: Settings | None = None) -> tuple[Document, list[str]]:
    documents, warnings = load_documents([path], settings=settings)
    assert len(documents) == 1
    return documents[0], warnings


def problems_of(paths: list[Path], settings: Settings | None = None) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_documents(paths, settings=settings)
    return str(caught.value).splitlines()


def test_ingest_reads_plain_text() -> None:
    document, warnings = load_one(GOOD / "plain.txt")
    raw = (GOOD / "plain.txt").read_text(encoding="utf-8")
    assert (document.id, document.outlet) == ("plain", "plain")
    assert (document.url, document.title, document.published) == (None, None, None)
    assert document.text == raw
    assert document.sha256 == hashlib.sha256(raw.encode("utf-8")).hexdigest()
    assert document.source == str(GOOD / "plain.txt")
    assert warnings == [
        f"{GOOD / 'plain.txt'}: no 'published' date; relative dates will not be resolved"
    ]


def test_ingest_keeps_text_exact() -> None:
    document, _ = load_one(GOOD / "crlf.txt")
    assert document.text == (GOOD / "crlf.txt").read_bytes().decode("utf-8")
    assert document.text.startswith("  Leaders") and "\r\n\r\n" in document.text


def test_ingest_reads_markdown_front_matter() -> None:
    document, warnings = load_one(GOOD / "front-matter.md")
    assert document.id == "paris-summit"
    assert document.outlet == "Example Wire"
    assert document.url == "https://wire.example.org/paris-summit"
    assert document.title == "Leaders meet in Paris"
    assert document.published == date(2025, 9, 4)
    assert document.text.startswith("# Leaders meet in Paris\n\nLeaders from around 30")
    assert "---" not in document.text
    assert document.extra == {"author": "Jane Doe"}
    assert warnings == []  # a key of the user's own is kept, and needs no warning


def test_ingest_reads_markdown_without_front_matter() -> None:
    document, _ = load_one(GOOD / "no-front-matter.md")
    assert document.id == "no-front-matter"
    assert document.text == (GOOD / "no-front-matter.md").read_text(encoding="utf-8")


def test_ingest_reads_html_with_trafilatura() -> None:
    document, warnings = load_one(GOOD / "article.html")
    assert document.id == "article"
    assert document.outlet == "Example Times"
    assert document.title == "Leaders agree on Ukraine force"
    assert document.url == "https://news.example.org/world/ukraine-force"
    assert document.published == date(2025, 9, 4)
    assert "Twenty-six nations committed on Thursday" in document.text
    assert "Home" not in document.text and "Copyright" not in document.text
    assert warnings == []


def test_ingest_reads_json_list() -> None:
    documents, _ = load_documents([GOOD / "records.json"])
    assert [d.id for d in documents] == ["wire-1", "wire-2"]
    first, second = documents
    assert first.source == f"{GOOD / 'records.json'}#wire-1"
    assert (first.outlet, first.published) == ("Wire One", date(2025, 9, 4))
    assert second.published == date(2025, 9, 5)  # date part of an ISO datetime
    assert (second.url, second.title) == ("https://two.example.org/a", "Paris talks")


def test_ingest_reads_json_object() -> None:
    document, warnings = load_one(GOOD / "single.json")
    assert (document.id, document.outlet) == ("solo", "Solo News")
    assert document.extra == {"section": "World"}
    assert warnings == []


def test_ingest_reads_jsonl_with_line_sources() -> None:
    documents, _ = load_documents([GOOD / "records.jsonl"])
    assert [(d.id, d.source) for d in documents] == [
        ("line-1", f"{GOOD / 'records.jsonl'}:1"),
        ("line-2", f"{GOOD / 'records.jsonl'}:3"),
    ]


def test_ingest_reads_folder_of_supported_files() -> None:
    documents, warnings = load_documents([GOOD / "folder"])
    assert [d.id for d in documents] == ["a-second", "b-first"]
    assert all("notes" not in d.source and "gold" not in d.source for d in documents)
    # read in name order: a-second.md before b-first.txt
    assert "a-second.md" in warnings[0] and "b-first.txt" in warnings[1]


@pytest.mark.parametrize("given", ["folder", "manifest"])
def test_ingest_reads_manifest(given: str) -> None:
    path = GOOD / "manifest" if given == "folder" else GOOD / "manifest" / "corpus.toml"
    documents, warnings = load_documents([path])
    a, b = documents
    assert [a.id, b.id] == ["a", "b"]  # unlisted.txt is not read
    assert (a.outlet, a.published) == ("Outlet A", date(2025, 9, 4))
    assert (b.outlet, b.url) == ("Outlet B", "https://b.example.org/story")  # manifest wins
    assert b.title == "Title from front matter"  # file metadata kept when not overridden
    assert b.published == date(2025, 9, 5)
    assert a.extra == {"date_basis": "text says Thursday"}
    assert b.extra == {"publshed": "2025-09-06"}
    # a key of the user's own is kept quietly; a misspelt known key is named, with the fix
    assert warnings == [
        f"{GOOD / 'manifest' / 'b.md'}: metadata key 'publshed' is not read, "
        "did you mean 'published'? (kept as extra)"
    ]


@pytest.mark.parametrize(
    ("key", "meant"),
    [
        ("publshed", "published"),
        ("Published", "published"),
        ("titel", "title"),
        ("uri", "url"),
        ("outlets", "outlet"),
        ("ID", "id"),
        ("date", "published"),
        ("headline", "title"),
        ("source", "outlet"),
        ("author", None),
        ("section", None),
        ("date_basis", None),
        ("ids", None),
        ("notes", None),
    ],
)
def test_ingest_names_the_key_an_unknown_one_was_meant_as(key: str, meant: str | None) -> None:
    assert meant_key(key) == meant


def test_ingest_warns_about_a_misspelt_key_but_keeps_it(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\ndate: 2025-09-04\nauthor: Jane Doe\n---\nLeaders met.\n")
    documents, warnings = load_documents([article])
    assert documents[0].extra == {"date": "2025-09-04", "author": "Jane Doe"}
    assert documents[0].published is None  # claimdiff does not guess: it says what it read
    assert warnings == [
        f"{article}: metadata key 'date' is not read, did you mean 'published'? (kept as extra); "
        "no 'published' date; relative dates will not be resolved"
    ]


def test_ingest_strips_utf8_bom() -> None:
    document, _ = load_one(GOOD / "bom.txt")
    assert document.text == "Leaders met in Paris on Thursday.\n"


@pytest.mark.parametrize(
    ("name", "encoding", "expected"),
    [("cp1252.txt", "cp1252", "“coalition of the willing”"), ("latin1.txt", "latin-1", "Café")],
)
def test_ingest_falls_back_to_legacy_encoding_with_warning(
    name: str, encoding: str, expected: str
) -> None:
    document, warnings = load_one(GOOD / name)
    assert expected in document.text
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{GOOD / name}: decoded as {encoding}, not UTF-8")


def test_ingest_decodes_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Leaders met in Paris.\n".encode("utf-16"))
    document, warnings = load_one(path)
    assert document.text == "Leaders met in Paris.\n"
    assert "decoded as utf-16" in warnings[0]


def test_ingest_sorts_documents_by_id() -> None:
    documents, _ = load_documents(
        [GOOD / "records.jsonl", GOOD / "plain.txt", GOOD / "single.json"]
    )
    assert [d.id for d in documents] == ["line-1", "line-2", "plain", "solo"]


def test_ingest_warns_once_per_document() -> None:
    documents, warnings = load_documents([GOOD / "latin1.txt", GOOD / "front-matter.md"])
    assert len(warnings) <= len(documents)
    assert all("\n" not in warning for warning in warnings)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty document"),
        ("whitespace.txt", "empty document"),
        ("front-matter-only.md", "empty document"),
        ("binary.txt", "binary file, not text"),
        ("control.txt", "binary file, not text"),
        ("malformed.json", "invalid JSON at line 3, column 14"),
        ("malformed.jsonl", "malformed.jsonl:2: invalid JSON"),
        ("unclosed-front-matter.md", "front matter opened with '---' on line 1 is never closed"),
        ("bad-front-matter-line.md", "front matter line 3 is not 'key: value'"),
        ("bad-date.md", "'published' is not a date (\"12/04\"); use ISO 8601 (YYYY-MM-DD)"),
        ("no-text.html", "no article text found"),
        ("unsupported.csv", "unsupported file type '.csv'; use one of .htm, .html, .json"),
        ("malformed-manifest", "invalid TOML (Illegal character"),
        ("empty-manifest", "no [[document]] tables"),
        ("duplicate-ids.jsonl", "duplicate document id 'same'"),
        ("missing.txt", "no such file"),
    ],
)
def test_ingest_rejects_bad_input(name: str, message: str) -> None:
    problems = problems_of([BAD / name])
    assert any(message in problem for problem in problems), problems
    assert all(problem.startswith(str(BAD / name)) for problem in problems), problems


def test_ingest_reports_each_bad_record() -> None:
    problems = problems_of([BAD / "missing-fields.jsonl"])
    path = BAD / "missing-fields.jsonl"
    assert problems == [
        f"{path}:2: record has no 'id'; add it",
        f"{path}:3: record has no 'text'; add it",
        f'{path}:4: expected a JSON object, got list; write {{"id": ..., "text": ...}}',
    ]


def test_ingest_rejects_manifest_path_escape() -> None:
    problems = problems_of([BAD / "escape-manifest"])
    manifest = BAD / "escape-manifest" / "corpus.toml"
    assert problems == [
        f"{manifest}: document 2 path '../escape-outside.txt' is outside the manifest's folder; "
        "move the file next to the manifest and give a relative path",
        f"{manifest}: document 3 path '/etc/hostname' is outside the manifest's folder; "
        "move the file next to the manifest and give a relative path",
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_ingest_rejects_manifest_symlink_escape(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside the corpus.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "link.txt").symlink_to(outside)
    (corpus / "corpus.toml").write_text('[[document]]\npath = "link.txt"\n', encoding="utf-8")
    problems = problems_of([corpus])
    assert len(problems) == 1
    assert "document 1 path 'link.txt' is outside the manifest's folder" in problems[0]


def test_ingest_rejects_manifest_missing_file(tmp_path: Path) -> None:
    (tmp_path / "corpus.toml").write_text('[[document]]\npath = "gone.txt"\n', encoding="utf-8")
    problems = problems_of([tmp_path / "corpus.toml"])
    assert problems == [
        f"{tmp_path / 'gone.txt'}: no such file (listed in {tmp_path / 'corpus.toml'}); fix 'path'"
    ]


def test_ingest_rejects_duplicate_ids_across_files(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "story.txt").write_text("First.\n", encoding="utf-8")
    (tmp_path / "two" / "story.txt").write_text("Second.\n", encoding="utf-8")
    problems = problems_of([tmp_path / "one", tmp_path / "two"])
    assert problems == [
        f"{tmp_path / 'two' / 'story.txt'}: duplicate document id 'story' "
        f"(also in {tmp_path / 'one' / 'story.txt'}); give each document a unique id"
    ]


def test_ingest_rejects_too_large_document() -> None:
    problems = problems_of([GOOD / "plain.txt"], settings=Settings(max_document_chars=20))
    assert len(problems) == 1
    assert problems[0].startswith(f"{GOOD / 'plain.txt'}: too large")
    assert "max_document_chars" in problems[0]


def test_ingest_collects_every_problem_before_raising() -> None:
    problems = problems_of([BAD / "empty.txt", GOOD / "plain.txt", BAD / "bad-date.md"])
    assert [problem.split(":")[0] for problem in problems] == [
        str(BAD / "empty.txt"),
        str(BAD / "bad-date.md"),
    ]


def test_ingest_reads_same_file_once(tmp_path: Path) -> None:
    documents, warnings = load_documents([GOOD / "plain.txt", GOOD / "plain.txt"])
    assert len(documents) == 1
    assert any("given more than once" in warning for warning in warnings)


def test_ingest_reads_seed_corpus() -> None:
    seeds = SHARED / "corpus" / "seeds"
    if not SHARED.is_dir():
        pytest.skip("shared/ (the seed corpus) is not next to the repository")
    documents, warnings = load_documents([seeds])
    assert [d.id for d in documents] == ["000", "001", "002", "003", "004"]
    assert documents[2].outlet == "GlobalPost"
    assert documents[0].published == date(2025, 3, 28)
    assert all(d.extra.keys() == {"date_basis"} for d in documents)
    assert warnings == []  # date_basis is the manifest's own key, not a misspelling
    for document in documents:
        raw = Path(document.source).read_bytes().decode("utf-8")
        assert document.text == raw
