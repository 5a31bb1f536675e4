"""HTML output: one self-contained page an editor works through in a browser.

Layout: a summary; filters by severity, kind and outlet (shown only when the inline
script runs: without it every finding is on the page); the outlet-by-topic matrix (what
each outlet says on each finding's topic, who is silent); the findings grouped by topic,
each with its sides side by side, every sentence with the value highlighted and the words
that differ from the other side marked; the outlets sharing copy; the documents; the run
statistics. No external assets, no timestamps; print CSS unfolds everything.

Every string from a report goes through ``html.escape``: article text, titles, outlet
names and labels appear as text, never as markup. The Content-Security-Policy allows only
the inline stylesheet and script (by hash), so even markup that slipped through could not
run.

Given a ``ReviewView`` (only ``claimdiff review`` passes one), the page also carries the
review controls of ``render/controls.py``; without it the output is the static report.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from html import escape
from urllib.parse import urlsplit

from claimdiff.models import Evidence, Finding, FindingKind, Report, Severity, Side
from claimdiff.render.assets import CSS, SCRIPT
from claimdiff.render.controls import (
    REVIEW_CSS,
    REVIEW_SCRIPT,
    TOKEN_META,
    ReviewView,
    decision_filter,
    orphans_section,
    review_banner,
    review_box,
)
from claimdiff.render.views import (
    EVIDENCE_PER_OUTLET,
    Cell,
    copy_groups,
    kind_label,
    matrix,
    outlets,
    references,
    sentence_parts,
    side_copies,
    side_letter,
    topics,
)

__all__ = ["render_html"]


@lru_cache(maxsize=1 << 16)
def _e(text: str) -> str:
    # Memoised: outlets, ids and shared sentences repeat across the matrix and the
    # copies (97,244 passage texts, 13,120 distinct, at 1,000 articles; issue 7).
    # ``render_html`` empties the cache once a page is made.
    return escape(text, quote=True)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _badge(severity: Severity) -> str:
    return f'<span class="badge sev-{severity.value}">{severity.value}</span>'


def _column_ids(report: Report) -> dict[str, str]:
    """Return a short id per outlet for ``data-outlets`` (names never enter attributes)."""
    return {name: f"o{index}" for index, name in enumerate(outlets(report))}


def _finding_outlets(finding: Finding, ids: dict[str, str]) -> str:
    names = {o for side in finding.sides for o in side.outlets}
    return " ".join(sorted(ids[o] for o in names if o in ids))


def _data(finding: Finding, ids: dict[str, str], review: ReviewView | None = None) -> str:
    decision = f' data-decision="{review.mark(finding.id).decision.value}"' if review else ""
    return (
        f' data-finding="{_e(finding.id)}" data-severity="{finding.severity.value}"'
        f' data-kind="{finding.kind.value}" data-outlets="{_finding_outlets(finding, ids)}"'
        f"{decision}"
    )


def _head(report: Report, review: ReviewView | None = None) -> str:
    count = len(report.findings)
    title = f"claimdiff report: {_plural(count, 'finding')}"
    if review is None:
        policy = (
            f"default-src 'none'; style-src {_hash(CSS)}; script-src {_hash(SCRIPT)}; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        )
        served = ""
    else:
        # Served for review: one more stylesheet and script, and fetches to the server only.
        policy = (
            f"default-src 'none'; style-src {_hash(CSS)} {_hash(REVIEW_CSS)}; "
            f"script-src {_hash(SCRIPT)} {_hash(REVIEW_SCRIPT)}; connect-src 'self'; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        )
        served = (
            f'<meta name="{TOKEN_META}" content="{_e(review.token)}">\n'
            '<link rel="icon" href="data:,">\n'
            f"<style>{REVIEW_CSS}</style>\n"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="claimdiff">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n{served}</head>\n"
    )


def _summary(report: Report, review: ReviewView | None = None) -> str:
    stats = report.statistics
    chips = "".join(
        f'<span class="badge sev-{s.value}">{stats.findings_by_severity.get(s.value, 0)} '
        f"{s.value}</span>"
        for s in Severity
    )
    lede = (
        f"{_plural(stats.documents, 'document')} from "
        f"{_plural(len({d.outlet for d in report.documents}), 'outlet')} · "
        f"{_plural(stats.claims, 'claim')} · {_plural(stats.findings, 'finding')}"
    )
    banner = review_banner() if review else ""
    return (
        "<header>\n<h1>claimdiff report</h1>\n"
        f'<p class="lede">{_e(lede)}</p>\n<p class="chips">{chips}</p>\n{banner}</header>\n'
    )


def _filters(report: Report, ids: dict[str, str], review: ReviewView | None = None) -> str:
    severities = Counter(f.severity for f in report.findings)
    kinds = Counter(f.kind for f in report.findings)
    severity_boxes = "".join(
        f'<label><input type="checkbox" name="severity" value="{s.value}" checked> '
        f"{s.value} ({severities[s]})</label>"
        for s in Severity
        if severities[s]
    )
    kind_boxes = "".join(
        f'<label><input type="checkbox" name="kind" value="{k.value}" checked> '
        f"{_e(kind_label(k.value))} ({kinds[k]})</label>"
        for k in FindingKind
        if kinds[k]
    )
    options = "".join(f'<option value="{ids[o]}">{_e(o)}</option>' for o in ids)
    decisions = decision_filter([review.mark(f.id) for f in report.findings]) if review else ""
    return (
        '<form id="filters" class="filters" hidden aria-label="Filters">\n'
        f"<fieldset><legend>Severity</legend>{severity_boxes}</fieldset>\n"
        f"<fieldset><legend>Kind</legend>{kind_boxes}</fieldset>\n{decisions}"
        '<label>Outlet <select name="outlet"><option value="">all outlets</option>'
        f"{options}</select></label>\n"
        '<span class="count"><span id="filter-count" aria-live="polite"></span> '
        '<button type="reset">Show all</button></span>\n</form>\n'
    )


MATRIX_TEXTS = 2
"""Distinct value texts shown per outlet and side in a matrix cell."""


def _cell(cell: Cell) -> str:
    if cell.status == "silent":
        return '<td class="silent">silent</td>'
    if cell.status == "absent":
        return '<td class="absent" title="no article on this event">—</td>'
    lines = []
    for index, texts in cell.sides:
        quoted = ", ".join(f"“{_e(text)}”" for text in texts[:MATRIX_TEXTS])
        if len(texts) > MATRIX_TEXTS:
            quoted += f" +{len(texts) - MATRIX_TEXTS} more"
        lines.append(
            f'<span class="tag"><span class="letter s{index % 4}">{_e(side_letter(index))}'
            f"</span>{quoted}</span>"
        )
    return f'<td class="says">{"<br>".join(lines)}</td>'


def _matrix(report: Report, ids: dict[str, str], review: ReviewView | None = None) -> str:
    columns, rows = matrix(report)
    head = "".join(f'<th scope="col">{_e(o)}</th>' for o in columns)
    body = []
    for row in rows:
        finding = row.finding
        first = (
            f'<th scope="row">{_badge(finding.severity)} <a href="#f-{_e(finding.id)}">'
            f"{_e(finding.topic)}</a><br><small>{_e(kind_label(finding.kind.value))}</small></th>"
        )
        cells = "".join(_cell(cell) for cell in row.cells)
        body.append(f"<tr{_data(finding, ids, review)}>{first}{cells}</tr>")
    return (
        '<section id="matrix" aria-labelledby="matrix-title">\n'
        '<h2 id="matrix-title">Who says what</h2>\n'
        '<p class="note">One row per finding; a letter is the side an outlet supports. '
        "<i>silent</i>: the outlet reports on the event but says nothing on this topic; "
        "—: no article on this event.</p>\n"
        '<div class="scroll"><table class="matrix">\n'
        f'<thead><tr><th scope="col">Finding</th>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(body) + "\n</tbody></table></div>\n"
        '<p id="matrix-empty" class="note" hidden>No finding matches the filters.</p>\n'
        "</section>\n"
    )


def _sentence(evidence: Evidence, refs: Sequence[str]) -> str:
    out: list[str] = []
    in_value = False
    for part in sentence_parts(evidence, refs):
        if part.kind != "plain" and not in_value:
            out.append("<mark>")
            in_value = True
        elif part.kind == "plain" and in_value:
            out.append("</mark>")
            in_value = False
        text = _e(part.text)
        out.append(f'<b class="dw">{text}</b>' if part.kind == "diff" else text)
    if in_value:
        out.append("</mark>")
    return "".join(out)


def _evidence_list(side: Side, refs: Sequence[str]) -> str:
    seen: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    items = []
    for evidence in side.evidence:
        seen[evidence.outlet] += 1
        extra = seen[evidence.outlet] > EVIDENCE_PER_OUTLET
        hidden[evidence.outlet] += extra
        items.append(
            f"<li{' class=extra' if extra else ''}><blockquote>{_sentence(evidence, refs)}"
            f'</blockquote><p class="cite">{_e(evidence.outlet)} · '
            f"<code>{_e(evidence.doc_id)}</code></p></li>"
        )
    extra_count = sum(hidden.values())
    attrs = f' data-extra="{extra_count}"' if extra_count else ""
    html = f'<ul class="evidence"{attrs}>' + "".join(items) + "</ul>"
    if extra_count:
        detail = ", ".join(f"{n} from {o}" for o, n in sorted(hidden.items()) if n)
        html += (
            f'<button type="button" class="more" hidden>Show '
            f"{_plural(extra_count, 'more sentence')} ({_e(detail)})</button>"
        )
    return html


def _side(finding: Finding, index: int, side: Side, groups: Sequence[Sequence[str]]) -> str:
    letter = side_letter(index)
    sources = _plural(side.independent_sources, "independent source")
    copies = side_copies(side, groups)
    if copies:
        sources += " · " + "; ".join(f"{_names(group)} share copy" for group in copies)
    facts = (
        f"<dt>Value</dt><dd><code>{_e(side.value.normalised())}</code></dd>"
        f"<dt>Measure</dt><dd>{_e(side.measure)}</dd>"
        f"<dt>Outlets</dt><dd>{_e(', '.join(side.outlets))}</dd>"
        f"<dt>Sources</dt><dd>{_e(sources)}</dd>"
    )
    return (
        f'<section class="side s{index % 4}" aria-label="Side {_e(letter)}">'
        f'<h4><span class="letter">{_e(letter)}</span><span>{_e(side.label)}</span></h4>'
        f'<dl class="facts">{facts}</dl>'
        f"{_evidence_list(side, references(finding, index))}</section>"
    )


def _finding(
    finding: Finding,
    events: dict[str, str],
    ids: dict[str, str],
    groups: Sequence[Sequence[str]],
    review: ReviewView | None = None,
) -> str:
    sides = "\n".join(_side(finding, i, side, groups) for i, side in enumerate(finding.sides))
    silent = sorted(finding.silent, key=lambda o: (o.casefold(), o))
    silent_line = (
        f'<p class="silent-line"><strong>Silent:</strong> {_e(", ".join(silent))}</p>'
        if silent
        else ""
    )
    event = events.get(finding.event, finding.event)
    controls = review_box(finding.id, review.mark(finding.id)) if review else ""
    return (
        f'<article id="f-{_e(finding.id)}" class="finding level-{finding.severity.value}"'
        f"{_data(finding, ids, review)}>\n"
        f'<div class="finding-head">{_badge(finding.severity)}'
        f'<span class="kind">{_e(kind_label(finding.kind.value))}</span>'
        f'<span class="conf">confidence {finding.confidence:.2f}</span>'
        f'<a class="fid" href="#f-{_e(finding.id)}">{_e(finding.id)}</a></div>\n'
        f'<p class="explanation">{_e(finding.explanation)}</p>\n'
        f'<div class="sides">\n{sides}\n</div>\n{silent_line}'
        f'<p class="meta">Event: {_e(event)}</p>\n{controls}</article>\n'
    )


def _findings(
    report: Report, ids: dict[str, str], groups: list[list[str]], review: ReviewView | None
) -> str:
    if not report.findings:
        return (
            '<section id="findings"><h2>Findings</h2><p>No findings: claimdiff found no '
            f"disagreement between the outlets on the {_plural(report.statistics.claims, 'claim')}"
            " it extracted.</p></section>\n"
        )
    events = {event.id: event.label for event in report.events}
    parts = ['<section id="findings" aria-label="Findings">\n']
    for topic, findings in topics(report.findings):
        parts.append(f'<section class="topic">\n<h2>{_e(topic)}</h2>\n')
        parts.extend(_finding(f, events, ids, groups, review) for f in findings)
        parts.append("</section>\n")
    parts.append("</section>\n")
    return "".join(parts)


def _syndication(report: Report, groups: list[list[str]]) -> str:
    if not report.syndication:
        return ""
    summary = "".join(f"<li>{_e(_names(group))}</li>" for group in groups)
    rows = []
    for link in report.syndication:
        rows.append(
            f"<h3>{_e(link.left_outlet)} <code>{_e(link.left)}</code> and "
            f"{_e(link.right_outlet)} <code>{_e(link.right)}</code></h3>"
            f'<p class="note">{_plural(len(link.passages), "near-duplicate sentence")}, '
            f"{link.share:.0%} of the shorter article.</p>"
        )
        cells = "".join(
            f"<tr><td>{_e(p.left_text)}</td><td>{_e(p.right_text)}</td>"
            f"<td>{p.similarity:.0%}</td></tr>"
            for p in link.passages
        )
        rows.append(
            '<div class="scroll"><table class="passages"><thead><tr>'
            f"<th>{_e(link.left_outlet)}</th><th>{_e(link.right_outlet)}</th><th>similar</th>"
            f"</tr></thead><tbody>{cells}</tbody></table></div>"
        )
    return (
        '<section id="copies"><h2>Shared copy</h2>\n<p>These outlets run the same text '
        "(wire copy, syndication or a rewrite) and count as one source:</p>\n"
        f"<ul>{summary}</ul>\n" + "\n".join(rows) + "\n</section>\n"
    )


def _link(url: str | None, text: str) -> str:
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(text)}</a>'
    return _e(text)


def _documents(report: Report) -> str:
    documents = sorted(
        report.documents,
        key=lambda d: (d.published is None, d.published or date.min, d.outlet, d.id),
    )
    rows = "".join(
        f"<tr><td>{_e(d.outlet)}</td><td><code>{_e(d.id)}</code></td>"
        f"<td>{d.published.isoformat() if d.published else '—'}</td>"
        f"<td>{_link(d.url, d.title or d.url or '—')}</td><td>{d.claims}</td></tr>"
        for d in documents
    )
    return (
        '<section id="documents"><h2>Documents</h2>\n<div class="scroll"><table><thead><tr>'
        "<th>Outlet</th><th>id</th><th>Published</th><th>Title</th><th>Claims</th>"
        f"</tr></thead><tbody>{rows}</tbody></table></div>\n</section>\n"
    )


def _footer(report: Report) -> str:
    stats = report.statistics
    warnings = ""
    if report.warnings:
        items = "".join(f"<li>{_e(w)}</li>" for w in report.warnings)
        warnings = f'<section id="warnings"><h2>Warnings</h2><ul>{items}</ul></section>\n'
    facts: Iterable[tuple[str, object]] = (
        ("documents", stats.documents),
        ("sentences", stats.sentences),
        ("claims", stats.claims),
        ("candidate comparisons", stats.candidate_comparisons),
        ("findings", stats.findings),
    )
    listed = " · ".join(f"{name}: {value}" for name, value in facts)
    return (
        f"{warnings}<footer><p>{_e(listed)}</p>"
        f"<p>Generated by {_e(report.tool)} {_e(report.version)}.</p></footer>\n"
    )


def render_html(report: Report, *, review: ReviewView | None = None) -> str:
    """Return the report as one self-contained HTML page (with review controls if given)."""
    try:
        return _page(report, review)
    finally:
        _e.cache_clear()


def _page(report: Report, review: ReviewView | None) -> str:
    ids = _column_ids(report)
    body = [_summary(report, review)]
    if report.findings:
        body.append(_filters(report, ids, review))
        body.append(_matrix(report, ids, review))
    groups = copy_groups(report.syndication)
    body.append(_findings(report, ids, groups, review))
    if review is not None:
        body.append(orphans_section(review.orphans))
    body.extend([_syndication(report, groups), _documents(report), _footer(report)])
    scripts = f"<script>{SCRIPT}</script>\n"
    if review is not None:
        scripts += f"<script>{REVIEW_SCRIPT}</script>\n"
    return (
        _head(report, review)
        + "<body>\n<main>\n"
        + "".join(body)
        + f"</main>\n{scripts}</body>\n</html>\n"
    )
