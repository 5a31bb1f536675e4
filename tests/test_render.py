"""Renderers: JSON contract, committed schema, and the Markdown a fact-checker reads."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff.models import (
    Bound,
    DocumentSummary,
    Event,
    Evidence,
    Finding,
    FindingKind,
    Quantity,
    Report,
    Severity,
    Side,
    Span,
    Statistics,
)
from claimdiff.render import FILENAMES, RENDERERS, render_json, render_markdown, report_schema
from claimdiff.render.markdown import escape

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "reports" / "schema.json"


# --- builders -------------------------------------------------------------------------


def quantity(anchor: float, low: float | None = None, high: float | None = None, hedge=None):
    return Quantity(
        anchor=anchor,
        low=Bound(value=anchor if low is None else low),
        high=Bound(value=anchor if high is None else high),
        hedge=hedge,
        surface=str(anchor),
    )


def evidence(doc_id: str, sentence: str, value: str, *, outlet: str | None = None, at: int = 40):
    """Evidence whose value is the first occurrence of ``value`` in ``sentence``."""
    offset = sentence.index(value)
    return Evidence(
        claim_id=f"claim-{doc_id}-{offset}",
        doc_id=doc_id,
        outlet=outlet or doc_id.upper(),
        span=Span(doc_id=doc_id, start=at + offset, end=at + offset + len(value)),
        text=value,
        sentence=Span(doc_id=doc_id, start=at, end=at + len(sentence)),
        sentence_text=sentence,
    )


def side(label: str, *evidences: Evidence, value: Quantity | None = None, measure="commitment"):
    return Side(
        label=label,
        measure=measure,
        value=value or (quantity(float(label)) if label.isdigit() else quantity(30, 27, 33)),
        outlets=sorted({e.outlet for e in evidences}),
        independent_sources=len({e.outlet for e in evidences}),
        evidence=list(evidences),
    )


def finding(
    finding_id: str,
    *,
    severity: Severity = Severity.HIGH,
    kind: FindingKind = FindingKind.NUMERIC_CONFLICT,
    topic: str = "nations committed",
    sides: list[Side] | None = None,
    silent: list[str] | None = None,
    explanation: str = "Outlets disagree on the number.",
):
    return Finding(
        id=finding_id,
        kind=kind,
        severity=severity,
        confidence=0.8,
        topic=topic,
        event="paris",
        explanation=explanation,
        sides=sides
        or [
            side("26", evidence("a", "Leaders said 26 nations committed.", "26 nations")),
            side("35", evidence("b", "In all 35 nations committed.", "35 nations")),
        ],
        silent=silent or [],
    )


def report(findings: list[Finding], *, warnings: list[str] | None = None, documents=None):
    by_severity: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for item in findings:
        by_severity[item.severity.value] = by_severity.get(item.severity.value, 0) + 1
        by_kind[item.kind.value] = by_kind.get(item.kind.value, 0) + 1
    documents = documents or [
        DocumentSummary(
            id=doc_id,
            outlet=doc_id.upper(),
            url=None,
            title=f"Story {doc_id}",
            published=date(2025, 3, 27),
            sha256="0" * 64,
            chars=200,
            sentences=4,
            claims=2,
        )
        for doc_id in ("a", "b")
    ]
    return Report(
        version="0.1.0",
        documents=documents,
        events=[
            Event(
                id="paris",
                label="Paris summit",
                start=date(2025, 3, 27),
                end=date(2025, 3, 27),
                place="Paris",
                doc_ids=["a", "b"],
            )
        ],
        claims=[],
        findings=findings,
        statistics=Statistics(
            documents=len(documents),
            sentences=8,
            claims=4,
            candidate_comparisons=3,
            findings=len(findings),
            findings_by_kind=by_kind,
            findings_by_severity=by_severity,
        ),
        warnings=warnings or [],
    )


def table_rows(markdown: str) -> list[list[str]]:
    """Return each table's rows split on unescaped pipes, grouped per table."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


def cells(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row)) - 2


# --- registry and JSON ----------------------------------------------------------------


def test_render_registry_has_a_filename_for_every_format():
    assert set(RENDERERS) == set(FILENAMES) == {"json", "md", "html", "csv"}
    assert {name.split(".")[-1] for name in FILENAMES.values()} == {"json", "md", "html", "csv"}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_render_output_is_deterministic_and_ends_with_one_newline(fmt):
    sample = report([finding("f1"), finding("f2", severity=Severity.INFO)])
    text = RENDERERS[fmt](sample)
    assert text == RENDERERS[fmt](sample.model_copy(deep=True))
    assert text.endswith("\n") and not text.endswith("\n\n")


@pytest.mark.parametrize("findings", [[], [finding("f1")]])
def test_render_json_round_trips(findings):
    sample = report(findings)
    assert Report.model_validate_json(render_json(sample)) == sample


def test_render_schema_matches_committed_file():
    # Regenerate with: claimdiff schema > reports/schema.json
    assert SCHEMA_PATH.read_text(encoding="utf-8") == report_schema()


# --- Markdown structure ---------------------------------------------------------------


@pytest.mark.parametrize("sample", [report([])])
def test_render_markdown_says_plainly_when_there_are_no_findings(sample):
    text = render_markdown(sample)
    assert "## Findings\n\nNo findings:" in text
    assert "###" not in text
    assert "## Statistics" in text


def test_render_markdown_orders_topics_by_worst_finding_then_label():
    findings = [
        finding("z1", severity=Severity.LOW, topic="alpha"),
        finding("b2", severity=Severity.HIGH, topic="beta"),
        finding("a9", severity=Severity.INFO, topic="beta"),
        finding("a1", severity=Severity.HIGH, topic="gamma"),
        finding("c3", severity=Severity.HIGH, topic="beta"),
    ]
    text = render_markdown(report(findings))
    topics = re.findall(r"^## Topic: (.+)$", text, flags=re.M)
    assert topics == ["beta", "gamma", "alpha"]
    ids = re.findall(r"id `(\w+)`$", text, flags=re.M)
    assert ids == ["b2", "c3", "a9", "a1", "z1"]


def test_render_markdown_finding_heading_table_and_evidence():
    text = render_markdown(report([finding("f1", silent=["Le Monde", "guardian"])]))
    assert "### HIGH · numeric_conflict · nations committed" in text
    assert "| A | 26 | commitment | `[26, 26]` | A | 1 |" in text
    assert "> Leaders said **26 nations** committed." in text
    assert "A · `a`" in text
    assert "Silent: guardian, Le Monde" in text
    assert "Event: Paris summit · confidence 0.80 · id `f1`" in text


def test_render_markdown_omits_silent_line_when_nobody_is_silent():
    assert "Silent:" not in render_markdown(report([finding("f1")]))


def test_render_markdown_lists_documents_chronologically_with_missing_values_marked():
    documents = [
        DocumentSummary(
            id=doc_id,
            outlet=outlet,
            url=None,
            title=title,
            published=published,
            sha256="0" * 64,
            chars=1,
            sentences=1,
            claims=0,
        )
        for doc_id, outlet, title, published in [
            ("late", "AP", "Late story", date(2025, 3, 28)),
            ("undated", "BBC", None, None),
            ("early", "Reuters", "Early story", date(2025, 3, 27)),
        ]
    ]
    text = render_markdown(report([], documents=documents))
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert rows == [
        "| `early` | Reuters | 2025-03-27 | Early story |",
        "| `late` | AP | 2025-03-28 | Late story |",
        "| `undated` | BBC | — | — |",
    ]


def test_render_markdown_lists_warnings_and_statistics():
    text = render_markdown(report([finding("f1")], warnings=["a.md: unknown key 'publshed'"]))
    assert "## Warnings\n\n- a.md: unknown key 'publshed'" in text
    assert "- by severity: 1 high" in text
    assert "- by kind: numeric_conflict 1" in text
    assert text.endswith("Generated by claimdiff 0.1.0.\n")


# --- highlighting and escaping --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "expected"),
    [
        ("Some 26 nations agreed.", "26", "> Some **26** nations agreed."),
        ("26 nations agreed.", "26 nations", "> **26 nations** agreed."),
        ("They said 26.", "26.", "> They said **26.**"),
        ("Line one\nand 26 more.", "26", "> Line one and **26** more."),
        ("Claim | 26 *nations*", "26", r"> Claim \| **26** \*nations\*"),
    ],
)
def test_render_markdown_bolds_the_value_span(sentence, value, expected):
    sides = [side("26", evidence("a", sentence, value)), side("35", evidence("b", "35 x", "35"))]
    assert expected + "\n" in render_markdown(report([finding("f1", sides=sides)]))


def test_render_markdown_falls_back_to_the_value_text_when_offsets_disagree():
    good = evidence("a", "Officials counted 26 nations.", "26")
    shifted = good.model_copy(update={"span": Span(doc_id="a", start=0, end=2)})
    sides = [side("26", shifted), side("35", evidence("b", "35 x", "35"))]
    assert "> Officials counted **26** nations.\n" in render_markdown(
        report([finding("f1", sides=sides)])
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", r"a \| b"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("[click](http://x)", r"\[click\](http://x)"),
        ("snake_case *bold* `code`", r"snake\_case \*bold\* \`code\`"),
        ("back\\slash", "back\\\\slash"),
        ("&lt;b&gt; & co", r"\&lt;b\&gt; & co"),
        ("two\nlines", "two lines"),
    ],
)
def test_render_escape_neutralises_markup(text, expected):
    assert escape(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Breaking", r"\# Breaking"),
        ("- item", r"\- item"),
        ("1. first", r"1\. first"),
        ("2025 was long", "2025 was long"),
        ("---", r"\---"),
    ],
)
def test_render_escape_block_start(text, expected):
    assert escape(text, block=True) == expected


@given(st.text())
def test_render_escape_leaves_no_unescaped_markup(text):
    escaped = escape(text)
    assert "\n" not in escaped
    assert not re.search(r"[`*_\[\]<>|~]", re.sub(r"\\.", "", escaped))


@given(title=st.text(), outlet=st.text(min_size=1), sentence=st.text(min_size=1))
def test_render_markdown_tables_keep_their_columns_whatever_the_article_says(
    title, outlet, sentence
):
    documents = [
        DocumentSummary(
            id="a",
            outlet=outlet,
            url=None,
            title=title,
            published=None,
            sha256="0" * 64,
            chars=1,
            sentences=1,
            claims=1,
        )
    ]
    value = sentence[: max(1, len(sentence) // 2)]
    sides = [
        side("26", evidence("a", sentence, value, outlet=outlet)),
        side("35", evidence("b", "35 x", "35", outlet=outlet)),
    ]
    text = render_markdown(report([finding("f1", sides=sides)], documents=documents))
    for table in table_rows(text):
        assert len({cells(row) for row in table}) == 1, table
    assert "<" not in re.sub(r"\\.", "", text)
