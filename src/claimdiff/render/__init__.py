"""Renderers: plain functions from a ``Report`` to the text of one output format.

Every renderer reads the same ``Report`` and is deterministic: no timestamps, stable
ordering, one trailing newline. JSON is the contract; the others are views of it.
"""

from __future__ import annotations

from collections.abc import Callable

from claimdiff.models import Report
from claimdiff.render.csv import render_csv
from claimdiff.render.html import render_html
from claimdiff.render.json import render_json, report_schema
from claimdiff.render.markdown import render_markdown

__all__ = [
    "FILENAMES",
    "RENDERERS",
    "Renderer",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "report_schema",
]

Renderer = Callable[[Report], str]

RENDERERS: dict[str, Renderer] = {
    "json": render_json,
    "md": render_markdown,
    "html": render_html,
    "csv": render_csv,
}

FILENAMES: dict[str, str] = {
    "json": "report.json",
    "md": "report.md",
    "html": "report.html",
    "csv": "report.csv",
}
