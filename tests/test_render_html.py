"""HTML report: self-contained, escaped, grouped and sorted, with matrix, highlights, copies."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.models import (
    DocumentSummary,
    FindingKind,
    Severity,
    SharedPassage,
    Span,
    SyndicationLink,
)
from claimdiff.render import render_html
from claimdiff.render.assets import CSS, SCRIPT
from test_render import evidence, finding, quantity, report, side


class _Tags(HTMLParser):
    """Collect every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "p", "span", "form",
    "fieldset", "legend", "label", "input", "select", "option", "button", "section", "h1",
    "h2", "h3", "h4", "div", "table", "thead", "tbody", "tr", "th", "td", "a", "small",
    "br", "i", "article", "dl", "dt", "dd", "code", "ul", "li", "blockquote", "mark", "b",
    "strong", "footer", "script",
}  # fmt: skip


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_render_html_is_self_contained_with_a_policy_matching_its_inline_assets():
    text = render_html(report([finding("f1")]))
    assert text.startswith("<!DOCTYPE html>\n")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    assert policy is not None
    assert f"script-src '{_sha(SCRIPT)}'" in policy.group(1)
    assert f"style-src '{_sha(CSS)}'" in policy.group(1)
    assert "default-src 'none'" in policy.group(1)
    assert f"<script>{SCRIPT}</script>" in text and f"<style>{CSS}</style>" in text
    for tag, attrs in tags(text):
        assert "src" not in attrs, tag
        if tag == "link":
            pytest.fail("external stylesheet")
    assert "http://" not in text and "https://" not in text


def test_render_html_groups_by_topic_and_sorts_by_severity():
    findings = [
        finding("z1", severity=Severity.LOW, topic="alpha"),
        finding("b2", severity=Severity.HIGH, topic="beta"),
        finding("a9", severity=Severity.INFO, topic="beta"),
        finding("a1", severity=Severity.HIGH, topic="gamma"),
    ]
    text = render_html(report(findings))
    topics = re.findall(r'<section class="topic">\n<h2>([^<]+)</h2>', text)
    assert topics == ["beta", "gamma", "alpha"]
    assert re.findall(r'<article id="f-(\w+)"', text) == ["b2", "a9", "a1", "z1"]
    # Matrix rows follow the same order.
    rows = re.findall(r'<tr data-finding="(\w+)"', text)
    assert rows == ["b2", "a9", "a1", "z1"]


def test_render_html_finding_shows_sides_values_sources_and_silence():
    text = render_html(report([finding("f1", silent=["Le Monde"])]))
    assert '<p class="explanation">Outlets disagree on the number.</p>' in text
    assert "<code>[26, 26]</code>" in text and "<code>[35, 35]</code>" in text
    assert "<dt>Sources</dt><dd>1 independent source</dd>" in text
    assert "<strong>Silent:</strong> Le Monde</p>" in text
    assert '<td class="silent">silent</td>' in text
    assert 'data-severity="high" data-kind="numeric_conflict"' in text


def test_render_html_highlights_the_value_and_marks_differing_words():
    sides = [
        side("17", evidence("a", "At least 17 people died on the ferry.", "At least 17 people")),
        side("12", evidence("b", "The coastguard said 12 people died.", "12 people")),
    ]
    text = render_html(report([finding("f1", sides=sides)]))
    assert (
        '<mark><b class="dw">At</b> <b class="dw">least</b> <b class="dw">17</b> people</mark>'
        in (text)
    )
    assert 'said <mark><b class="dw">12</b> people</mark> died.' in text


def test_render_html_word_diff_of_quotes():
    left = "“We will not send troops this year,” the minister said."
    right = "“We will not send troops,” the minister said."
    sides = [
        side("1", evidence("a", left, "We will not send troops this year")),
        side("2", evidence("b", right, "We will not send troops")),
    ]
    text = render_html(report([finding("f1", kind=FindingKind.QUOTE_VARIANT, sides=sides)]))
    assert '<mark>We will not send troops <b class="dw">this</b> <b class="dw">year</b></mark>' in (
        text
    )
    assert "<mark>We will not send troops</mark>" in text


def test_render_html_identical_wording_marks_no_words():
    sides = [
        side("1", evidence("a", "He said: we stay.", "we stay")),
        side("2", evidence("b", "She said: we stay.", "we stay")),
    ]
    text = render_html(report([finding("f1", kind=FindingKind.MISATTRIBUTION, sides=sides)]))
    assert 'class="dw"' not in text


def test_render_html_folds_more_than_two_sentences_per_outlet():
    many = [evidence("a", f"Count {n}: 26 nations joined.", "26 nations") for n in range(5)]
    sides = [side("26", *many), side("35", evidence("b", "35 nations", "35 nations"))]
    text = render_html(report([finding("f1", sides=sides)]))
    assert text.count("<li class=extra>") == 3
    assert 'data-extra="3"' in text
    assert "Show 3 more sentences (3 from A)</button>" in text


def test_render_html_lists_shared_copy_and_names_it_on_sides():
    a = evidence("a", "Nine people died in the flood.", "Nine people", outlet="Wire")
    b = evidence("b", "Nine people died in the flood.", "Nine people", outlet="Star")
    c = evidence("c", "Fourteen people died, radio said.", "Fourteen people", outlet="Radio")
    one = side("9", a, b).model_copy(update={"independent_sources": 1})
    sample = report([finding("f1", sides=[one, side("14", c)])])
    link = SyndicationLink(
        left="a",
        right="b",
        left_outlet="Wire",
        right_outlet="Star",
        share=1.0,
        passages=[
            SharedPassage(
                left=Span(doc_id="a", start=0, end=30),
                right=Span(doc_id="b", start=0, end=30),
                left_text="Nine <b>people</b> died.",
                right_text="Nine people died.",
                similarity=0.97,
            )
        ],
    )
    text = render_html(sample.model_copy(update={"syndication": [link]}))
    assert "<dd>1 independent source · Star and Wire share copy</dd>" in text
    assert '<section id="copies"><h2>Shared copy</h2>' in text
    assert "<td>Nine &lt;b&gt;people&lt;/b&gt; died.</td>" in text
    assert "1 near-duplicate sentence, 100% of the shorter article." in text


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a?b=1&c=2", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        (None, False),
    ],
)
def test_render_html_links_only_web_urls(url, linked):
    documents = [
        DocumentSummary(
            id="a",
            outlet="A",
            url=url,
            title="T",
            published=None,
            sha256="0" * 64,
            chars=1,
            sentences=1,
            claims=1,
        )
    ]
    text = render_html(report([], documents=documents))
    hrefs = [attrs.get("href") for tag, attrs in tags(text) if tag == "a"]
    assert hrefs == (["https://example.org/a?b=1&c=2"] if linked else [])


def test_render_html_without_findings_says_so_and_has_no_filters():
    text = render_html(report([]))
    assert "No findings:" in text
    assert (
        'id="filters"' not in text and "matrix" not in text.split("<body>")[1].split("<script>")[0]
    )


markup = st.sampled_from(
    ["<script>x()</script>", '<img src=x onerror="y()">', "</textarea>", "&amp;", '"', "'", "<"]
)
hostile = st.lists(st.one_of(st.text(), markup), max_size=4).map("".join)


@settings(max_examples=60, deadline=None)
@given(outlet=hostile, sentence=hostile, title=hostile, topic=hostile, warning=hostile)
def test_render_html_escapes_everything_from_articles(outlet, sentence, title, topic, warning):
    sentence = sentence or "x"
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
        side("26", evidence("a", sentence, value, outlet=outlet), value=quantity(26)),
        side("35", evidence("b", "35 x", "35", outlet=outlet)),
    ]
    sample = report(
        [finding("f1", sides=sides, topic=topic, silent=[outlet])],
        documents=documents,
        warnings=[warning],
    )
    text = render_html(sample)
    found = tags(text)
    assert {tag for tag, _ in found} <= ALLOWED_TAGS
    assert [tag for tag, _ in found].count("script") == 1
    for _, attrs in found:
        assert not any(name.startswith("on") for name in attrs)
