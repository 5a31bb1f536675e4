"""Markdown output: what a fact-checker pastes into a draft.

Layout: a header with the corpus summary and a documents table; the outlet-by-finding
matrix (what each outlet says on each finding's topic, who is silent); the findings
grouped by topic (topics ordered by their most severe finding, then label; findings by
severity, confidence, then id), each with its sides in a table, each side's independent
sources and outlets sharing copy, and its exact sentences quoted with the value in bold
(at most two per outlet, then "+N more"); the outlets sharing copy; then any warnings
and the run statistics.

Text that comes from articles (titles, outlets, sentences, labels) goes through
``escape``: whitespace is collapsed to one line and Markdown markup is backslash-escaped,
so an article cannot break a table, start a list or heading, or inject HTML.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from claimdiff.memo import IdentityMemo, Recent
from claimdiff.models import Evidence, Finding, Report, Severity, Side, SyndicationLink
from claimdiff.render.views import (
    Cell,
    collapse,
    copy_groups,
    matrix,
    outlets,
    side_copies,
    side_letter,
    topics,
)

__all__ = ["escape", "render_markdown"]

# Characters that can start markup anywhere in a line; backslash first so escapes stay literal.
_ESCAPED = frozenset("\\`*_[]<>|~")
_ESCAPES = str.maketrans({ch: "\\" + ch for ch in _ESCAPED})
# "&amp;" and "&#60;" would render as the character they encode; keep them literal.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Markup that only counts at the start of a block: headings, list bullets, rules.
_BLOCK_MARKER = re.compile(r"(#{1,6}|[-+=])(?=\s|$|[-=])")
_ORDERED_MARKER = re.compile(r"\d{1,9}(?=[.)](\s|$))")
_WHITESPACE = re.compile(r"\s+")
_BACKTICKS = re.compile(r"`+")
_MISSING = "—"


def escape(text: str, *, block: bool = False) -> str:
    """Return ``text`` as literal one-line Markdown.

    Args:
        text: Text from an article or another untrusted source.
        block: True when the text starts a block (a paragraph or quote line), so that
            a leading "#", "-", "+" or "1." is escaped too.
    """
    return _escaped(text, block)


# The texts escaped repeat: outlets, ids and value texts fill every row of the matrix
# (77,562 cells at 1,000 articles). Each is escaped once per report (issue 7); the caches
# are emptied after each report.
_CACHED = 1 << 16

# What a report's parts render to, kept per part: a check with a store keeps its findings
# and links the same objects from one check to the next (``memo.py``), so the Markdown of
# a corpus one article larger writes again only what changed (issue 7). Each kept text
# is what its part renders to with the same inputs (the event's label, the copy groups,
# the matrix's columns), checked by identity of the part.
_MEMO = 1 << 16
_Copies = tuple[tuple[tuple[str, ...], ...], ...]  # each side's copy groups
_FINDINGS: Recent[tuple[int, str, _Copies], tuple[Finding, str]] = Recent(limit=_MEMO)


class _Row(NamedTuple):
    """A finding's row of the matrix: its first cell, and its cells that are not empty."""

    finding: Finding
    head: str  # the first cell
    cells: dict[str, str]  # by outlet (column)


_ROWS: Recent[int, _Row] = Recent(limit=_MEMO)
_GROUPS: Recent[frozenset[tuple[str, str]], list[list[str]]] = Recent(limit=16)
_DOCUMENTS: Recent[tuple[str, str, date | None, str | None], str] = Recent(limit=_MEMO)


@lru_cache(maxsize=_CACHED)
def _escaped(text: str, block: bool) -> str:
    line = _inline(text).strip()
    return _protect_block_start(line) if block else line


def _inline(text: str) -> str:
    """Return ``text`` with whitespace runs collapsed to one space and markup escaped."""
    line = _WHITESPACE.sub(" ", text)
    return _ENTITY.sub(r"\\&", line.translate(_ESCAPES))


def _protect_block_start(line: str) -> str:
    """Escape a leading marker that would turn ``line`` into a heading, list or rule."""
    if _BLOCK_MARKER.match(line):
        return "\\" + line
    ordered = _ORDERED_MARKER.match(line)
    if ordered:
        return line[: ordered.end()] + "\\" + line[ordered.end() :]
    return line


def _code(text: str, *, in_table: bool = False) -> str:
    """Return ``text`` as an inline code span (ids, intervals)."""
    return _code_span(text, in_table)


@lru_cache(maxsize=_CACHED)
def _code_span(text: str, in_table: bool) -> str:
    line = _WHITESPACE.sub(" ", text).strip()
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(line)), default=0) + 1)
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    span = f"{fence}{pad}{line}{pad}{fence}"
    # GFM splits table rows on "|" before parsing code spans, so escape it even there.
    return span.replace("|", "\\|") if in_table else span


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], *, numeric: int = 0) -> str:
    """Return a Markdown table; the last ``numeric`` columns are right-aligned."""
    header = list(header)
    align = ["---"] * (len(header) - numeric) + ["---:"] * numeric
    lines = [_row(header), _row(align)]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _date(value: date | None) -> str:
    return value.isoformat() if value else _MISSING


def _severity_counts(counts: dict[str, int]) -> str:
    """Return "1 high, 2 info" in severity order, skipping zeros ("" when none)."""
    parts = [f"{counts[s.value]} {s.value}" for s in Severity if counts.get(s.value)]
    return ", ".join(parts)


def _highlighted_sentence(evidence: Evidence) -> str:
    """Return the evidence sentence as one escaped line with the value span in bold.

    Span and sentence offsets index the same document text, so the value sits at
    ``span.start - sentence.start`` inside ``sentence_text``. When the offsets do not
    agree with the stored value text, the value text is looked up in the sentence.
    """
    sentence = evidence.sentence_text
    start = evidence.span.start - evidence.sentence.start
    end = evidence.span.end - evidence.sentence.start
    in_range = 0 <= start < end <= len(sentence)
    if not in_range or (evidence.text and sentence[start:end] != evidence.text):
        found = sentence.find(evidence.text) if evidence.text else -1
        if found >= 0:
            start, end = found, found + len(evidence.text)
        elif not in_range:
            return escape(sentence, block=True)
    value = sentence[start:end]
    core = value.strip()
    if not core:
        return escape(sentence, block=True)
    before = sentence[:start] + value[: len(value) - len(value.lstrip())]
    after = value[len(value.rstrip()) :] + sentence[end:]
    # Escape each part on its own so the offsets hold, keeping the spaces around the value.
    line = f"{_inline(before)}**{_inline(core)}**{_inline(after)}".strip()
    return _protect_block_start(line)


def _header(report: Report) -> list[str]:
    stats = report.statistics
    outlets = len({doc.outlet for doc in report.documents})
    severities = _severity_counts(stats.findings_by_severity)
    findings = _plural(stats.findings, "finding") + (f" ({severities})" if severities else "")
    summary = (
        f"{_plural(stats.documents, 'document')} from {_plural(outlets, 'outlet')} · "
        f"{_plural(stats.claims, 'claim')} · {findings}"
    )
    documents = sorted(
        report.documents,
        key=lambda doc: (doc.published is None, doc.published or date.min, doc.outlet, doc.id),
    )
    header = ["id", "outlet", "published", "title"]
    lines = [_row(header), _row(["---"] * len(header))]
    for doc in documents:
        shown = (doc.id, doc.outlet, doc.published, doc.title)
        line = _DOCUMENTS.get(shown)
        if line is None:
            line = _row(
                [
                    _code(doc.id, in_table=True),
                    escape(doc.outlet),
                    _date(doc.published),
                    escape(doc.title) if doc.title else _MISSING,
                ]
            )
            _DOCUMENTS.put(shown, line)
        lines.append(line)
    return ["# claimdiff report", summary, "## Documents", "\n".join(lines)]


def _side_table(sides: list[Side]) -> str:
    return _table(
        ["side", "value", "measure", "interval", "outlets", "independent sources"],
        (
            [
                side_letter(index),
                escape(side.label),
                escape(side.measure),
                _code(side.value.normalised(), in_table=True),
                escape(", ".join(side.outlets)),
                str(side.independent_sources),
            ]
            for index, side in enumerate(sides)
        ),
        numeric=1,
    )


def _sources(side: Side, groups: list[list[str]]) -> str:
    sources = _plural(side.independent_sources, "independent source")
    copies = side_copies(side, groups)
    if copies:
        shared = "; ".join(_names(group) + " share copy" for group in copies)
        sources += f" ({escape(shared)})"
    return sources


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _finding(finding: Finding, event: str, groups: list[list[str]]) -> list[str]:
    blocks = [
        f"### {finding.severity.value.upper()} · {finding.kind.value} · {escape(finding.topic)}",
        escape(finding.explanation, block=True),
        _side_table(finding.sides),
    ]
    for index, side in enumerate(finding.sides):
        blocks.append(
            f"**{side_letter(index)}: {escape(side.label)}** ({escape(side.measure)}) · "
            + _sources(side, groups)
        )
        shown, hidden = collapse(side.evidence)
        for evidence in shown:
            blocks.append(f"{escape(evidence.outlet, block=True)} · {_code(evidence.doc_id)}")
            blocks.append("> " + _highlighted_sentence(evidence))
        if hidden:
            more = ", ".join(f"{n} from {escape(o)}" for o, n in sorted(hidden.items()))
            blocks.append(f"+{sum(hidden.values())} more ({more}); every sentence is in the CSV.")
    if finding.silent:
        blocks.append("Silent: " + escape(", ".join(sorted(finding.silent, key=str.casefold))))
    blocks.append(
        f"Event: {escape(event)} · confidence {finding.confidence:.2f} · id {_code(finding.id)}"
    )
    return blocks


def _findings(report: Report, groups: list[list[str]]) -> list[str]:
    if not report.findings:
        return [
            "## Findings",
            "No findings: claimdiff found no disagreement between the outlets on the "
            f"{_plural(report.statistics.claims, 'claim')} it extracted.",
        ]
    event_labels = {event.id: event.label for event in report.events}
    blocks: list[str] = _matrix(report)
    for topic, findings in topics(report.findings):
        blocks.append(f"## Topic: {escape(topic)}")
        for finding in findings:
            label = event_labels.get(finding.event, finding.event)
            # A finding's text reads the copy groups only through its sides' outlets.
            copies = tuple(tuple(map(tuple, side_copies(side, groups))) for side in finding.sides)
            key = (id(finding), label, copies)
            kept = _FINDINGS.get(key)
            if kept is None or kept[0] is not finding:
                kept = (finding, "\n\n".join(_finding(finding, label, groups)))
                _FINDINGS.put(key, kept)
            blocks.append(kept[1])
    return blocks


def _cell(cell: Cell) -> str:
    if cell.status == "silent":
        return "*silent*"
    if cell.status == "absent":
        return _MISSING
    parts = []
    for index, texts in cell.sides:
        quoted = ", ".join(f"“{escape(text)}”" for text in texts[:2])
        more = f" +{len(texts) - 2}" if len(texts) > 2 else ""
        parts.append(f"{side_letter(index)} {quoted}{more}")
    return "; ".join(parts)


def _matrix(report: Report) -> list[str]:
    columns = outlets(report)
    ordered = [finding for _, findings in topics(report.findings) for finding in findings]
    rows: dict[int, _Row] = {}
    for finding in ordered:
        kept = _ROWS.get(id(finding))
        if kept is not None and kept.finding is finding:
            rows[id(finding)] = kept
    missing = [finding for finding in ordered if id(finding) not in rows]
    if missing:
        # A row's cells read its finding and their column alone: the rows not kept are
        # made from the report holding only their findings, whose columns are the
        # report's unless a finding names an outlet no document has.
        part = report.model_copy(update={"findings": missing})
        made_columns, made = matrix(part)
        if made_columns != columns:
            made_columns, made = matrix(report)
        shown = set(made_columns)
        for row in made:
            kept = _Row(
                row.finding,
                f"{row.finding.severity.value.upper()} {row.finding.kind.value}: "
                f"{escape(row.finding.topic)} ({_code(row.finding.id, in_table=True)})",
                {
                    outlet: _cell(cell)
                    for outlet, cell in zip(made_columns, row.cells, strict=True)
                    if cell.status != "absent"
                },
            )
            if _named(row.finding) <= shown:  # else an outlet not shown could be later
                _ROWS.put(id(row.finding), kept)
            rows[id(row.finding)] = kept
    header = ["finding", *(escape(o) for o in columns)]
    absent = itertools.repeat(_MISSING)
    table = "\n".join(
        [
            _row(header),
            _row(["---"] * len(header)),
            *(
                _row(itertools.chain((row.head,), map(row.cells.get, columns, absent)))
                for row in map(rows.__getitem__, map(id, ordered))
            ),
        ]
    )
    legend = (
        "What each outlet says on each finding's topic; the letter is its side. "
        f"*silent*: reports on the event, says nothing on the topic; {_MISSING}: no article "
        "on the event."
    )
    return ["## Who says what", legend, table]


def _named(finding: Finding) -> set[str]:
    """Return the outlets a finding's row can show a value or silence for."""
    return {e.outlet for side in finding.sides for e in side.evidence} | set(finding.silent)


def _syndication(report: Report, groups: list[list[str]]) -> list[str]:
    if not report.syndication:
        return []
    shared = "\n".join(
        "- " + escape(_names(group), block=True) + " share copy and count as one source"
        for group in groups
    )
    links = "\n".join(_link_line.map(report.syndication))
    return ["## Shared copy", shared, links]


def _link_text(link: SyndicationLink) -> str:
    return (
        f"- {escape(link.left_outlet, block=True)} ({_code(link.left)}) and "
        f"{escape(link.right_outlet)} ({_code(link.right)}): "
        f"{_plural(len(link.passages), 'near-duplicate sentence')}, "
        f"{link.share:.0%} of the shorter article"
    )


_link_line: IdentityMemo[SyndicationLink, str] = IdentityMemo(_link_text, limit=_MEMO << 2)
"""Each link's line (a 1,000-article corpus has about 20,000 links)."""


def _footer(report: Report) -> list[str]:
    blocks: list[str] = []
    if report.warnings:
        blocks.append("## Warnings")
        blocks.append("\n".join("- " + escape(warning, block=True) for warning in report.warnings))
    stats = report.statistics
    by_kind = ", ".join(
        f"{kind} {count}" for kind, count in sorted(stats.findings_by_kind.items()) if count
    )
    lines = [
        f"- documents: {stats.documents}",
        f"- sentences: {stats.sentences}",
        f"- claims: {stats.claims}",
        f"- candidate comparisons: {stats.candidate_comparisons}",
        f"- findings: {stats.findings}",
        f"- by severity: {_severity_counts(stats.findings_by_severity) or 'none'}",
        f"- by kind: {by_kind or 'none'}",
    ]
    blocks.append("## Statistics")
    blocks.append("\n".join(lines))
    blocks.append(f"Generated by {escape(report.tool)} {escape(report.version)}.")
    return blocks


def render_markdown(report: Report) -> str:
    """Return the report as Markdown for a fact-checker's draft."""
    try:
        return _document(report)
    finally:
        _escaped.cache_clear()
        _code_span.cache_clear()


def _document(report: Report) -> str:
    # The groups read only which outlets share copy.
    pairs = frozenset(
        (link.left_outlet, link.right_outlet)
        for link in report.syndication
        if link.left_outlet != link.right_outlet
    )
    groups = _GROUPS.get(pairs)
    if groups is None:
        groups = copy_groups(report.syndication)
        _GROUPS.put(pairs, groups)
    blocks = [
        *_header(report),
        *_findings(report, groups),
        *_syndication(report, groups),
        *_footer(report),
    ]
    return "\n\n".join(blocks) + "\n"
