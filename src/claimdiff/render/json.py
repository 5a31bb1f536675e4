"""JSON output: the ``Report`` model dumped as is, and its JSON schema."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TypeVar

from pydantic import BaseModel

from claimdiff.memo import IdentityMemo, paused_gc
from claimdiff.models import Claim, Report, SyndicationLink

M = TypeVar("M", bound=BaseModel)

_ITEM = ",\n    "
"""What comes before each item of a top-level list of the report but the first."""


def _item(item: BaseModel) -> str:
    """Return ``_ITEM`` and an item's JSON as it reads inside a top-level list.

    JSON text holds no raw line break inside a string (JSON escapes it), so indenting
    every line break indents exactly the item's lines.
    """
    return _ITEM + item.model_dump_json(indent=2).replace("\n", "\n    ")


_claim_json: IdentityMemo[Claim, str] = IdentityMemo(_item)
_link_json: IdentityMemo[SyndicationLink, str] = IdentityMemo(_item)


def render_json(report: Report) -> str:
    """Return the report as indented JSON, the machine-readable contract.

    The text of ``report.model_dump_json(indent=2)``, byte for byte: the claims and the
    shared copy (most of a corpus's report) are written item by item, each item's JSON
    kept per object (``memo.py``), so that a check with a store writes again only the
    claims and links it has not written before (issue 7). A report whose items are
    mostly new is dumped whole, and its items' JSON kept from the dump.
    """
    with paused_gc():  # what the memos keep lives on: no collection to scan for it
        return _render(report)


def _render(report: Report) -> str:
    known = sum(map(_claim_json.known, report.claims)) + sum(
        map(_link_json.known, report.syndication)
    )
    if 2 * known < len(report.claims) + len(report.syndication):
        text = report.model_dump_json(indent=2)
        _keep(text, "claims", report.claims, _claim_json)
        _keep(text, "syndication", report.syndication, _link_json)
        return text + "\n"
    rest = report.model_copy(update={"claims": [], "syndication": []})
    text = rest.model_dump_json(indent=2)
    before, after = _split(text, "claims", ",")
    middle, end = _split(after, "syndication", "")
    parts = [before]
    _extend(parts, report.claims, _claim_json)
    parts.append(middle)
    _extend(parts, report.syndication, _link_json)
    parts.append(end)
    parts.append("\n")
    return "".join(parts)


def _keep(text: str, field: str, items: Sequence[M], memo: IdentityMemo[M, str]) -> None:
    """Keep each item's JSON (as ``_item`` writes it) from the report's JSON text."""
    if not items:
        return
    # A top-level list's items start on lines of four spaces and "{"; their own lines
    # are indented further, and JSON strings hold no raw line break.
    start = text.index(f'\n  "{field}": [\n    ') + len(f'\n  "{field}": [\n    ')
    end = text.index("\n  ]", start)
    pieces = text[start:end].split(",\n    {")
    if len(pieces) != len(items):
        return  # not the expected layout: the items are written apart next time
    pieces[0] = pieces[0][1:]  # each piece but the first lost its "{" to the split
    memo.put_many(items, [_ITEM + "{" + piece for piece in pieces])


def _split(text: str, field: str, comma: str) -> tuple[str, str]:
    """Return the text up to a top-level field's empty list, and after it."""
    # Only a top-level field's line starts with a line break and two spaces then a quote.
    name = f'\n  "{field}": '
    before, found, after = text.partition(f"{name}[]{comma}\n")
    if not found:
        raise ValueError(f"no top-level empty {field!r} in the report's JSON")
    return before + name, f"{comma}\n{after}"


def _extend(parts: list[str], items: Sequence[M], written: Callable[[M], str]) -> None:
    """Add a top-level list's JSON to ``parts``, from each item's memoised JSON."""
    if not items:
        parts.append("[]")
        return
    parts.append("[\n    ")
    parts.append(written(items[0])[len(_ITEM) :])
    parts.extend(map(written, items[1:]))
    parts.append("\n  ]")


def report_schema() -> str:
    """Return the JSON schema of ``Report`` (committed as ``reports/schema.json``)."""
    return json.dumps(Report.model_json_schema(), indent=2, sort_keys=True) + "\n"
