"""Read articles from files, folders and ``corpus.toml`` manifests into ``Document``s.

Supported inputs: ``.txt``; ``.md`` with optional ``key: value`` front matter between
``---`` lines; ``.html``/``.htm`` (main text and metadata through trafilatura, no
network); ``.json`` (one object or a list) and ``.jsonl`` (one object per line); a
folder (its supported files, or its ``corpus.toml``); a ``corpus.toml`` manifest.

Every problem is collected and raised once as an ``InputError`` with one line per
problem ("PATH: what is wrong; fix"). The text is kept exactly as decoded (only a
leading byte order mark is removed) so that spans index into it.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from rapidfuzz.distance import DamerauLevenshtein

from claimdiff.config import Settings
from claimdiff.errors import InputError
from claimdiff.models import Document

__all__ = ["MANIFEST_NAME", "SUPPORTED_SUFFIXES", "load_documents"]

MANIFEST_NAME = "corpus.toml"
"""A folder holding this file is read through it instead of by listing."""

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm", ".json", ".jsonl"})
"""File suffixes read as articles (a ``.toml`` file given directly is a manifest)."""

METADATA_KEYS: tuple[str, ...] = ("id", "outlet", "url", "title", "published")
"""Metadata keys claimdiff knows; any other key is kept in ``Document.extra``."""

METADATA_ALIASES: Mapping[str, str] = {
    "date": "published",
    "pubdate": "published",
    "publication_date": "published",
    "published_at": "published",
    "publisher": "outlet",
    "source": "outlet",
    "site": "outlet",
    "site_name": "outlet",
    "headline": "title",
    "link": "url",
}
"""Other tools' names for the keys claimdiff reads: a manifest using one of them meant the
key claimdiff reads, so a warning names that key (claimdiff does not guess and read it)."""

MAX_KEY_TYPOS = 2
"""A key this many edits (Damerau-Levenshtein) from a known one, and at most a third of its
length, is taken for a misspelling of it and warned about; other keys (``author``,
``section``, a newsroom's own notes) are kept as extra metadata quietly."""

_SUPPORTED_HINT = "use one of .htm, .html, .json, .jsonl, .md, .txt, or a corpus.toml manifest"
_DATE_HINT = "use ISO 8601 (YYYY-MM-DD)"
_SNIFF_BYTES = 8192
# Unicode category Cc (U+0000-U+001F, U+007F-U+009F) except tab, newlines and form feeds.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_FRONT_MATTER_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:(?:\s+(.*)|)$")


@dataclass
class _Record:
    """One article as read from a file, before validation into a ``Document``."""

    source: str
    text: str
    meta: dict[str, object] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Collector:
    """Problems and warnings gathered while reading; problems are raised together."""

    settings: Settings
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seen_files: set[Path] = field(default_factory=set)


def load_documents(
    paths: Sequence[str | Path], *, settings: Settings | None = None
) -> tuple[list[Document], list[str]]:
    """Read every path into documents sorted by id, plus one-line warnings.

    Raises:
        InputError: carrying every problem found, one "PATH: problem; fix" per line.
    """
    collector = _Collector(settings=settings or Settings())
    records: list[_Record] = []
    for path in paths:
        records.extend(_read_path(Path(path), collector))
    documents: list[Document] = []
    first_source: dict[str, str] = {}
    for record in records:
        document = _to_document(record, collector)
        if document is None:
            continue
        if document.id in first_source:
            collector.problems.append(
                f"{record.source}: duplicate document id '{document.id}' (also in "
                f"{first_source[document.id]}); give each document a unique id"
            )
            continue
        first_source[document.id] = record.source
        documents.append(document)
    if not paths:
        collector.problems.append("no input paths given; pass article files or a folder")
    if collector.problems:
        raise InputError.collect(collector.problems)
    return sorted(documents, key=lambda document: document.id), collector.warnings


def _read_path(path: Path, collector: _Collector) -> list[_Record]:
    """Dispatch one user-given path to the reader for its kind."""
    if not path.exists():
        collector.problems.append(f"{path}: no such file; check the path")
        return []
    if path.is_dir():
        manifest = path / MANIFEST_NAME
        if manifest.is_file():
            return _read_manifest(manifest, collector)
        files = sorted(
            child
            for child in path.iterdir()
            if child.is_file()
            and child.suffix.lower() in SUPPORTED_SUFFIXES
            and not child.name.startswith(".")
        )
        if not files:
            collector.problems.append(
                f"{path}: folder holds no articles; add files ({_SUPPORTED_HINT})"
            )
        return [record for child in files for record in _read_file(child, collector)]
    if path.suffix.lower() == ".toml":
        return _read_manifest(path, collector)
    return _read_file(path, collector)


def _read_file(path: Path, collector: _Collector) -> list[_Record]:
    """Read one article file (any supported format) into records."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "(none)"
        collector.problems.append(f"{path}: unsupported file type '{shown}'; {_SUPPORTED_HINT}")
        return []
    resolved = path.resolve()
    if resolved in collector.seen_files:
        collector.warnings.append(f"{path}: given more than once; read once")
        return []
    collector.seen_files.add(resolved)
    limit = collector.settings.max_document_chars
    # A UTF-8 character is at most 4 bytes; HTML markup may outweigh its text many times.
    byte_limit = limit * (16 if suffix in {".html", ".htm"} else 4)
    if suffix not in {".json", ".jsonl"} and path.stat().st_size > byte_limit:
        collector.problems.append(_too_large(str(path), path.stat().st_size, limit, unit="bytes"))
        return []
    try:
        data = path.read_bytes()
    except OSError as error:
        collector.problems.append(f"{path}: cannot read ({error.strerror}); check permissions")
        return []
    decoded = _decode(data)
    if isinstance(decoded, _Problem):
        collector.problems.append(f"{path}: {decoded.message}")
        return []
    text, encoding = decoded
    notes = [f"decoded as {encoding}, not UTF-8"] if encoding else []
    if suffix == ".txt":
        records = [_Record(source=str(path), text=text, meta={"id": path.stem})]
    elif suffix == ".md":
        records = _parse_markdown(path, text, collector)
    elif suffix in {".html", ".htm"}:
        records = _parse_html(path, text, collector)
    elif suffix == ".json":
        records = _parse_json(path, text, collector)
    else:
        records = _parse_jsonl(path, text, collector)
    for record in records:
        record.notes[:0] = notes
    return records


@dataclass(frozen=True)
class _Problem:
    """A decoding failure, turned into a message by the caller."""

    message: str


def _decode(data: bytes) -> tuple[str, str | None] | _Problem:
    """Decode bytes as UTF-8, else cp1252, else latin-1; return the text and fallback used."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return _Problem("binary file, not text; pass the article as text")
    if b"\x00" in data[:_SNIFF_BYTES]:
        return _Problem("binary file, not text; pass the article as text")
    data = data.removeprefix(codecs.BOM_UTF8)
    fallback: str | None = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text, fallback = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, fallback = data.decode("latin-1"), "latin-1"
    sample = text[:_SNIFF_BYTES]
    controls = len(_CONTROLS.findall(sample))
    if sample and controls > len(sample) * 0.1:
        return _Problem("binary file, not text; pass the article as text")
    return text, fallback


def _parse_markdown(path: Path, text: str, collector: _Collector) -> list[_Record]:
    """Split optional ``---`` front matter from a Markdown body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return [_Record(source=str(path), text=text, meta={"id": path.stem})]
    closing = next((n for n in range(1, len(lines)) if lines[n].strip() == "---"), None)
    if closing is None:
        collector.problems.append(
            f"{path}: front matter opened with '---' on line 1 is never closed; "
            "add a closing '---' line"
        )
        return []
    values: dict[str, object] = {}
    current: str | None = None
    ok = True
    for number, raw in enumerate(lines[1:closing], start=2):
        line = raw.rstrip("\r\n")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if current is not None and (line[:1].isspace() or stripped.startswith("- ")):
            # An indented or list line continues the previous key (YAML lists, folded text).
            item = _unquote(stripped.removeprefix("- ").strip())
            previous = str(values[current] or "")
            values[current] = f"{previous}, {item}" if previous else item
            continue
        match = _FRONT_MATTER_KEY.match(stripped)
        if match is None:
            collector.problems.append(
                f"{path}: front matter line {number} is not 'key: value' (\"{stripped}\"); "
                "fix or remove the line"
            )
            ok = False
            continue
        key, value = match.group(1), _unquote((match.group(2) or "").strip())
        if key in values:
            collector.problems.append(
                f"{path}: front matter key '{key}' given twice (line {number}); keep one"
            )
            ok = False
        values[key] = value
        current = key
    if not ok:
        return []
    body = "".join(lines[closing + 1 :])
    meta, extra = _split_metadata(values)
    meta.setdefault("id", path.stem)
    record = _Record(source=str(path), text=body, meta=meta, extra=extra)
    return [record]


def _unquote(value: str) -> str:
    """Remove one pair of matching surrounding quotes from a front matter value."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace('\\"', '"').replace("\\\\", "\\") if value[0] == '"' else inner
    return value


def _parse_html(path: Path, text: str, collector: _Collector) -> list[_Record]:
    """Extract the main text and metadata of an HTML page with trafilatura."""
    import trafilatura  # deferred: trafilatura is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(
        text,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not isinstance(body, str) or not body.strip():
        collector.problems.append(
            f"{path}: no article text found; check the page holds the article itself "
            "(not an index, login or consent page)"
        )
        return []
    meta: dict[str, object] = {"id": path.stem}
    for key, attribute in (("title", "title"), ("published", "date"), ("outlet", "sitename")):
        value = getattr(extracted, attribute, None)
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    url = getattr(extracted, "url", None)
    if isinstance(url, str) and url.strip():
        meta["url"] = url.strip()
    return [_Record(source=str(path), text=body, meta=meta)]


def _parse_json(path: Path, text: str, collector: _Collector) -> list[_Record]:
    """Read one JSON object or a list of objects, each an article record."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        collector.problems.append(
            f"{path}: invalid JSON at line {error.lineno}, column {error.colno} "
            f"({error.msg}); fix the syntax"
        )
        return []
    items = data if isinstance(data, list) else [data]
    records: list[_Record] = []
    for number, item in enumerate(items, start=1):
        where = f"{path} (record {number})" if isinstance(data, list) else str(path)
        record = _json_record(item, where, collector)
        if record is not None:
            record.source = f"{path}#{record.meta['id']}"
            records.append(record)
    return records


def _parse_jsonl(path: Path, text: str, collector: _Collector) -> list[_Record]:
    """Read one JSON object per non-blank line."""
    records: list[_Record] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            collector.problems.append(
                f"{path}:{number}: invalid JSON at column {error.colno} ({error.msg}); "
                "each line must be one JSON object"
            )
            continue
        record = _json_record(item, f"{path}:{number}", collector)
        if record is not None:
            records.append(record)
    return records


def _json_record(item: object, where: str, collector: _Collector) -> _Record | None:
    """Check one JSON object has ``id`` and ``text``; its source defaults to ``where``."""
    if not isinstance(item, dict):
        collector.problems.append(
            f"{where}: expected a JSON object, got {type(item).__name__}; "
            'write {"id": ..., "text": ...}'
        )
        return None
    ident, body = item.get("id"), item.get("text")
    missing = [key for key, value in (("id", ident), ("text", body)) if value in (None, "")]
    if missing:
        names = " and ".join(f"'{key}'" for key in missing)
        collector.problems.append(f"{where}: record has no {names}; add it")
        return None
    if not isinstance(body, str):
        collector.problems.append(f"{where}: 'text' must be a string; quote the article text")
        return None
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        collector.problems.append(f"{where}: 'id' must be a string; quote it")
        return None
    meta, extra = _split_metadata({key: value for key, value in item.items() if key != "text"})
    meta["id"] = str(ident)
    return _Record(source=where, text=body, meta=meta, extra=extra)


def _read_manifest(manifest: Path, collector: _Collector) -> list[_Record]:
    """Read a ``corpus.toml`` manifest: each ``[[document]]`` names a file and metadata."""
    if not manifest.is_file():
        collector.problems.append(f"{manifest}: no such file; check the path")
        return []
    try:
        data = tomllib.loads(manifest.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        collector.problems.append(f"{manifest}: manifest is not UTF-8; save it as UTF-8")
        return []
    except tomllib.TOMLDecodeError as error:
        collector.problems.append(f"{manifest}: invalid TOML ({error}); fix the syntax")
        return []
    entries = data.get("document")
    if not isinstance(entries, list) or not entries:
        collector.problems.append(
            f"{manifest}: no [[document]] tables; add one per article with at least 'path'"
        )
        return []
    others = sorted(key for key in data if key != "document")
    if others:
        collector.warnings.append(f"{manifest}: ignored top-level keys: {', '.join(others)}")
    folder = manifest.parent
    records: list[_Record] = []
    for number, entry in enumerate(entries, start=1):
        records.extend(_manifest_entry(manifest, folder, number, entry, collector))
    return records


def _manifest_entry(
    manifest: Path, folder: Path, number: int, entry: object, collector: _Collector
) -> list[_Record]:
    """Read the file one manifest entry names and lay the entry's metadata over it."""
    where = f"{manifest}: document {number}"
    if not isinstance(entry, dict):
        collector.problems.append(f"{where} is not a table; write it as [[document]]")
        return []
    raw_path = entry.get("path")
    if not isinstance(raw_path, str) or not raw_path.strip():
        collector.problems.append(f"{where} has no 'path'; add the article file's path")
        return []
    relative = Path(raw_path)
    target = folder / relative
    outside = relative.is_absolute() or ".." in relative.parts
    if not outside and target.exists():
        outside = not target.resolve().is_relative_to(folder.resolve())
    if outside:
        collector.problems.append(
            f"{where} path '{raw_path}' is outside the manifest's folder; "
            "move the file next to the manifest and give a relative path"
        )
        return []
    if not target.exists():
        collector.problems.append(f"{target}: no such file (listed in {manifest}); fix 'path'")
        return []
    if target.is_dir():
        collector.problems.append(f"{where} path '{raw_path}' is a folder; list its files")
        return []
    records = _read_file(target, collector)
    meta, extra = _split_metadata({key: value for key, value in entry.items() if key != "path"})
    if "id" in meta and len(records) > 1:
        collector.problems.append(
            f"{where} gives an id for '{raw_path}', which holds {len(records)} records; "
            "drop 'id' or split the file"
        )
        return []
    for record in records:
        record.meta.update(meta)
        record.extra.update(extra)
    return records


def _split_metadata(values: Mapping[str, object]) -> tuple[dict[str, object], dict[str, str]]:
    """Separate known metadata keys from the user's own (kept as strings)."""
    meta = {key: value for key, value in values.items() if key in METADATA_KEYS}
    extra = {key: _as_text(value) for key, value in values.items() if key not in METADATA_KEYS}
    return meta, extra


def meant_key(key: str) -> str | None:
    """Return the known metadata key an unknown ``key`` is likely meant as, or None.

    ``"publshed"`` and ``"Title"`` are misspellings of ``published`` and ``title``;
    ``"date"`` is another tool's name for ``published``; ``"date_basis"`` is the user's own.
    """
    folded = key.strip().lower().replace("-", "_")
    if folded in METADATA_ALIASES:
        return METADATA_ALIASES[folded]
    for known in METADATA_KEYS:
        edits = DamerauLevenshtein.distance(folded, known)
        if edits <= min(MAX_KEY_TYPOS, len(known) // 3):
            return known
    return None


def _as_text(value: object) -> str:
    """Render an extra metadata value as a string (JSON for lists and tables)."""
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | dict | bool | None):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _to_document(record: _Record, collector: _Collector) -> Document | None:
    """Validate one record into a ``Document``; add its problems and its warning line."""
    where = record.source
    problems: list[str] = []
    limit = collector.settings.max_document_chars
    if not record.text.strip():
        problems.append(f"{where}: empty document; remove it or add the article text")
    elif len(record.text) > limit:
        problems.append(_too_large(where, len(record.text), limit, unit="characters"))
    ident = _optional_text(record.meta.get("id"))
    if not ident or any(char in ident for char in "\r\n\t"):
        problems.append(f"{where}: 'id' ({ident!r}) must be a non-empty one-line name; fix it")
    fields: dict[str, str | None] = {}
    for key in ("outlet", "url", "title"):
        value = record.meta.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"{where}: '{key}' must be a string; quote it")
        fields[key] = _optional_text(value)
    parsed = _parse_published(record.meta.get("published"))
    published: date | None = None
    if isinstance(parsed, _Problem):
        problems.append(f"{where}: {parsed.message}")
    else:
        published = parsed
    if problems or ident is None:
        collector.problems.extend(problems)
        return None
    document = Document(
        id=ident,
        outlet=fields["outlet"] or ident,
        url=fields["url"],
        title=fields["title"],
        published=published,
        text=record.text,
        sha256=hashlib.sha256(record.text.encode("utf-8")).hexdigest(),
        source=record.source,
        extra=record.extra,
    )
    notes = list(record.notes)
    notes.extend(
        f"metadata key '{key}' is not read, did you mean '{meant}'? (kept as extra)"
        for key in sorted(record.extra)
        if (meant := meant_key(key)) is not None
    )
    if published is None:
        notes.append("no 'published' date; relative dates will not be resolved")
    if notes:
        collector.warnings.append(f"{where}: {'; '.join(notes)}")
    return document


def _optional_text(value: object) -> str | None:
    """Return a string value stripped, or None for missing and empty values."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _parse_published(value: object) -> date | None | _Problem:
    """Parse an ISO 8601 date or datetime (keeping its date); None when absent."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ].+)?", text):
        try:  # the shape is right; fromisoformat still rejects e.g. 2025-02-30
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    return _Problem(f"'published' is not a date (\"{text}\"); {_DATE_HINT}")


def _too_large(where: str, size: int, limit: int, *, unit: str) -> str:
    """Return the message for an input over ``max_document_chars``."""
    return (
        f"{where}: too large ({size:,} {unit}, limit {limit:,} characters); "
        "split it or raise max_document_chars"
    )
