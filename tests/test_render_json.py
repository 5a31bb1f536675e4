"""JSON output: written item by item, it is ``model_dump_json(indent=2)`` byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff.models import (
    Bound,
    Claim,
    ClaimKind,
    Quantity,
    QuoteValue,
    Report,
    SharedPassage,
    Span,
    Statistics,
    SyndicationLink,
)
from claimdiff.pipeline import check
from claimdiff.render import render_json

ROOT = Path(__file__).resolve().parents[1]
STORIES = sorted((ROOT / "fixtures" / "stories").iterdir())

_TEXT = st.text(
    alphabet=st.sampled_from(['"', "\\", "\n", "\t", " ", "a", "é", "€", "😀", "[", "]", ":", ","]),
    max_size=12,
)


def _report(texts: list[str], *, links: bool) -> Report:
    claims = [
        Claim(
            id=f"c{n}",
            doc_id="d1",
            kind=ClaimKind.QUANTITY if n % 2 else ClaimKind.QUOTE,
            subject=text,
            subject_text=f'"claims": [],\n  "syndication": []{text}',
            measure="m",
            value=(
                Quantity(anchor=n, low=Bound(value=None), high=Bound(value=n), surface=text)
                if n % 2
                else QuoteValue(text=text, words=text, speaker_name=text or None)
            ),
            event="",
            evidence=Span(doc_id="d1", start=n, end=n + 1),
            sentence=Span(doc_id="d1", start=0, end=99),
        )
        for n, text in enumerate(texts)
    ]
    passage = SharedPassage(
        left=Span(doc_id="d1", start=0, end=5),
        right=Span(doc_id="d2", start=0, end=5),
        left_text=texts[0] if texts else "",
        right_text="\n",
        similarity=0.9,
    )
    syndication = [
        SyndicationLink(
            left="d1", right=f"d{n}", left_outlet="A", right_outlet=text, share=0.5, passages=[]
        )
        if n % 2
        else SyndicationLink(
            left="d1",
            right=f"d{n}",
            left_outlet="A",
            right_outlet="B",
            share=1.0,
            passages=[passage],
        )
        for n, text in enumerate(texts)
    ]
    return Report(
        version="0",
        documents=[],
        events=[],
        claims=claims,
        findings=[],
        statistics=Statistics(
            documents=0,
            sentences=0,
            claims=len(claims),
            candidate_comparisons=0,
            findings=0,
            findings_by_kind={},
            findings_by_severity={},
        ),
        warnings=[text for text in texts if "\n" in text],
        syndication=syndication if links else [],
    )


@given(st.lists(_TEXT, max_size=5), st.booleans())
def test_render_json_is_the_indented_dump_of_the_report(texts: list[str], links: bool) -> None:
    # Issue 7: claims and shared copy are written item by item from kept JSON; strings
    # holding line breaks, quotes and what looks like a top-level field stay intact.
    report = _report(texts, links=links)
    expected = report.model_dump_json(indent=2) + "\n"
    assert render_json(report) == expected  # dumped whole: its items are new
    assert render_json(report) == expected  # the second time from the kept items
    if report.claims:
        # Mostly kept items, some new: each written apart.
        added = report.claims[0].model_copy(update={"id": "new", "subject": '\n"]'})
        mixed = report.model_copy(update={"claims": [*report.claims[::-1], added]})
        assert render_json(mixed) == mixed.model_dump_json(indent=2) + "\n"


@pytest.mark.parametrize("story", STORIES, ids=lambda p: p.name)
def test_render_json_of_a_checked_story_is_the_indented_dump(story: Path) -> None:
    report = check([story])
    assert report.claims
    assert render_json(report) == report.model_dump_json(indent=2) + "\n"
