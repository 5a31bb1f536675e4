"""Markdown report: the matrix, independence, shared copy and folded evidence."""

from __future__ import annotations

from claimdiff.models import SharedPassage, Span, SyndicationLink
from claimdiff.render import render_markdown
from test_render import evidence, finding, report, side


def _link(left: str, right: str, left_outlet: str, right_outlet: str) -> SyndicationLink:
    span = Span(doc_id=left, start=0, end=5)
    return SyndicationLink(
        left=left,
        right=right,
        left_outlet=left_outlet,
        right_outlet=right_outlet,
        share=0.75,
        passages=[
            SharedPassage(
                left=span,
                right=span.model_copy(update={"doc_id": right}),
                left_text="x",
                right_text="x",
                similarity=0.9,
            )
        ]
        * 3,
    )


def test_render_markdown_matrix_shows_what_each_outlet_says_and_who_is_silent():
    sample = report([finding("f1", silent=["C"])])
    text = render_markdown(sample)
    assert "## Who says what" in text
    assert "| finding | A | B | C |" in text
    assert (
        "| HIGH numeric_conflict: nations committed (`f1`) "
        "| A “26 nations” | B “35 nations” | *silent* |" in text
    )


def test_render_markdown_names_independent_sources_and_shared_copy():
    a = evidence("a", "Nine people died in the flood.", "Nine people", outlet="Wire")
    b = evidence("b", "Nine people died in the flood.", "Nine people", outlet="Star")
    c = evidence("c", "Fourteen people died, radio said.", "Fourteen people", outlet="Radio")
    one = side("9", a, b).model_copy(update={"independent_sources": 1})
    sample = report([finding("f1", sides=[one, side("14", c)])])
    sample = sample.model_copy(update={"syndication": [_link("a", "b", "Wire", "Star")]})
    text = render_markdown(sample)
    assert "**A: 9** (commitment) · 1 independent source (Star and Wire share copy)" in text
    assert "**B: 14** (commitment) · 1 independent source\n" in text
    assert "## Shared copy\n\n- Star and Wire share copy and count as one source" in text
    assert (
        "- Wire (`a`) and Star (`b`): 3 near-duplicate sentences, 75% of the shorter article"
        in (text)
    )


def test_render_markdown_shows_at_most_two_sentences_per_outlet():
    many = [evidence("a", f"Count {n}: 26 nations joined.", "26 nations") for n in range(5)]
    sides = [side("26", *many), side("35", evidence("b", "35 nations", "35 nations"))]
    text = render_markdown(report([finding("f1", sides=sides)]))
    assert text.count("> Count ") == 2
    assert "+3 more (3 from A); every sentence is in the CSV." in text


def test_render_markdown_without_shared_copy_has_no_section():
    assert "## Shared copy" not in render_markdown(report([finding("f1")]))


def test_render_markdown_parts_kept_from_an_earlier_report_render_as_anew():
    # Issue 7: a report's findings, matrix rows, documents and links are kept rendered
    # per part; a report sharing those parts with an earlier one (as a check with a
    # store does) but another column, event label, copy or set of findings renders as
    # the same report made of new parts does.
    b = evidence("b", "Thirty nations came, Star said.", "Thirty nations", outlet="B")
    c = evidence("c", "Thirty nations came, Radio said.", "Thirty nations", outlet="C")
    two = finding(
        "f2",
        topic="nations attending",
        sides=[
            side("30", b, c),
            side("26", evidence("a", "Leaders said 26 nations came.", "26 nations")),
        ],
    )
    links = [_link("a", "b", "A", "B")]
    base = report([finding("f1", silent=["C"]), two]).model_copy(update={"syndication": links})
    render_markdown(base)
    newcomer = base.documents[0].model_copy(update={"id": "d", "outlet": "D", "title": "D"})
    event = base.events[0].model_copy(update={"label": "Paris talks"})
    variants = [
        base,
        base.model_copy(update={"documents": [*base.documents, newcomer]}),
        base.model_copy(update={"events": [event]}),
        base.model_copy(update={"syndication": [*links, _link("b", "c", "B", "C")]}),
        base.model_copy(update={"findings": [two]}),
    ]
    for variant in variants:
        assert render_markdown(variant) == render_markdown(variant.model_copy(deep=True))
    assert "(B and C share copy)" in render_markdown(variants[3])
    assert "Paris talks" in render_markdown(variants[2])
