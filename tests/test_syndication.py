"""Syndication: near-duplicate passages across outlets and independent sources per side."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdiff import check
from claimdiff.align import syndication
from claimdiff.align.independence import (
    Sources,
    apply_independence,
    independence_notes,
    index_sources,
    source_groups,
)
from claimdiff.align.syndication import (
    detect_syndication,
    document_shingles,
    reduce_sentence,
    update_links,
)
from claimdiff.models import (
    Event,
    Evidence,
    Finding,
    FindingKind,
    Quantity,
    Severity,
    SharedPassage,
    Side,
    Span,
    SyndicationLink,
)
from claimdiff.pipeline import run
from claimdiff.segment import segment_all
from claimdiff.testing import make_document

ROOT = Path(__file__).resolve().parents[1]
WIRE_STORY = ROOT / "fixtures" / "stories" / "valmere-levee-breach"

WIRE = [
    "Nine people were killed when a levee on the Oskel River gave way after two days of rain.",
    "Emergency crews evacuated about 2,000 residents from the riverside districts overnight.",
    "Rescue boats pulled 64 people from flooded homes and cars before the water rose again.",
    "Army engineers were trying to close a wide gap in the embankment before more rain.",
]
EDITED = [
    "Nine people died when a levee on the Oskel River gave way after two days of rain.",
    "Emergency crews evacuated about 2,000 residents from riverside districts overnight.",
    "Rescue boats pulled 64 people from flooded homes and cars before the water rose.",
    "The paper's own offices on Quay Street were left without power for the night.",
]
OWN = [
    "Fourteen people have died in Valmere after the river broke through a levee on Wednesday.",
    "Our reporter saw firefighters carrying residents through waist-deep water to lorries.",
    "Some 1,800 people spent the night in shelters at the sports centre and two schools.",
]


def docs(*texts: tuple[str, str, list[str]]):
    documents = [
        make_document(doc_id, "\n\n".join(paragraphs), outlet=outlet)
        for doc_id, outlet, paragraphs in texts
    ]
    return documents, segment_all(documents)


def test_syndication_links_light_edits_of_one_text_and_not_own_reporting():
    documents, sentences = docs(("a", "Wire", WIRE), ("b", "Star", EDITED), ("c", "Radio", OWN))
    links = detect_syndication(documents, sentences)
    assert [(link.left, link.right) for link in links] == [("a", "b")]
    link = links[0]
    assert (link.left_outlet, link.right_outlet) == ("Wire", "Star")
    assert len(link.passages) == 3
    assert link.share == 0.75  # 3 of the 4 sentences of the shorter article
    for passage in link.passages:
        text = {d.id: d.text for d in documents}
        assert text["a"][passage.left.start : passage.left.end] == passage.left_text
        assert text["b"][passage.right.start : passage.right.end] == passage.right_text
        assert 0.8 <= passage.similarity <= 1.0


def test_syndication_one_shared_sentence_between_long_articles_is_not_copy():
    shared = WIRE[0]
    documents, sentences = docs(
        ("a", "Wire", [shared, *OWN]),
        ("b", "Star", [shared, *EDITED[1:]]),
    )
    assert detect_syndication(documents, sentences) == []


def test_syndication_ignores_the_same_quote_reported_independently():
    quote = (
        "“We were told the levee would hold for one more winter and we believed them,” "
        "the governor said."
    )
    documents, sentences = docs(
        ("a", "Wire", [quote, WIRE[0], WIRE[1]]),
        ("b", "Star", [quote.replace("the governor said", "said Marthen"), *OWN[:2]]),
    )
    assert reduce_sentence(quote) == ["the", "governor", "said"]
    assert detect_syndication(documents, sentences) == []


def test_syndication_ignores_documents_of_one_outlet():
    documents, sentences = docs(("a", "Wire", WIRE), ("b", "Wire", WIRE))
    assert detect_syndication(documents, sentences) == []


def test_syndication_blocking_skips_stock_phrases(monkeypatch):
    # With a posting limit of 1 every shingle is "stock": no candidate pair at all.
    monkeypatch.setattr(syndication, "MAX_POSTING", 1)
    documents, sentences = docs(("a", "Wire", WIRE), ("b", "Star", WIRE))
    assert detect_syndication(documents, sentences) == []


def test_syndication_blocking_is_near_linear():
    # 60 outlets, each with its own sentences plus one stock phrase everyone uses: the
    # candidate pairs stay proportional to the copies, never all sentence pairs.
    stock = "The regional civil protection office said in a short statement on the day."
    texts = [
        (f"d{n:02}", f"Outlet {n}", [stock, f"Outlet {n} counted {n} boats on river {n} at dawn."])
        for n in range(60)
    ]
    documents, sentences = docs(*texts)
    entries = syndication._entries(documents, sentences)
    assert len(entries) == 120
    assert syndication._candidates(entries) == []  # the stock phrase is in 60 > 50 sentences


def test_syndication_source_groups_join_copies_and_same_outlet():
    documents, sentences = docs(
        ("a", "Wire", WIRE), ("b", "Star", EDITED), ("c", "Radio", OWN), ("d", "Radio", OWN[:1])
    )
    sources = index_sources(detect_syndication(documents, sentences), [])
    evidence = [_evidence(d.id, d.outlet) for d in documents]
    assert source_groups(evidence, sources) == {"a": "a", "b": "a", "c": "c", "d": "c"}


def _evidence(doc: str, outlet: str, sentence: tuple[int, int] = (0, 4)) -> Evidence:
    span = Span(doc_id=doc, start=sentence[0], end=sentence[0] + 4)
    return Evidence(
        claim_id=f"c-{doc}",
        doc_id=doc,
        outlet=outlet,
        span=span,
        text="Nine",
        sentence=Span(doc_id=doc, start=sentence[0], end=sentence[1]),
        sentence_text="Nine",
    )


def _side(
    label: str, anchor: float, *items: tuple[str, str], sentence: tuple[int, int] = (0, 4)
) -> Side:
    evidence = [_evidence(doc, outlet, sentence) for doc, outlet in items]
    return Side(
        label=label,
        measure="killed",
        value=Quantity(
            anchor=anchor,
            low={"value": anchor},
            high={"value": anchor},
            surface=str(anchor),
        ),
        outlets=sorted({outlet for _, outlet in items}),
        independent_sources=len(items),
        evidence=evidence,
    )


def _finding(kind: FindingKind, *sides: Side) -> Finding:
    return Finding(
        id="f",
        kind=kind,
        severity=Severity.HIGH,
        confidence=0.9,
        topic="t",
        event="e",
        explanation="Outlets disagree.",
        sides=list(sides),
        silent=[],
    )


def _link(left: str, right: str, *passages: tuple[int, int]) -> SyndicationLink:
    """A link between two documents whose shared sentences start at the given offsets."""
    shared = [
        SharedPassage(
            left=Span(doc_id=left, start=at, end=at + 40),
            right=Span(doc_id=right, start=other, end=other + 40),
            left_text="x",
            right_text="x",
            similarity=0.9,
        )
        for at, other in passages
    ]
    return SyndicationLink(
        left=left, right=right, left_outlet=left, right_outlet=right, share=0.5, passages=shared
    )


def _event(event_id: str, *doc_ids: str) -> Event:
    return Event(id=event_id, label=event_id, start=None, end=None, doc_ids=list(doc_ids))


# a-b and b-c share copy (a and c only through b); d is on its own.
SOURCES = index_sources([_link("a", "b"), _link("b", "c")], [])


def test_syndication_apply_independence_counts_copies_once_and_says_so():
    finding = _finding(
        FindingKind.NUMERIC_CONFLICT,
        _side("9 killed", 9, ("a", "Wire"), ("b", "Star"), ("c", "Gazette")),
        _side("14 killed", 14, ("d", "Radio")),
    )
    result = apply_independence(finding, SOURCES)
    assert [side.independent_sources for side in result.sides] == [1, 1]
    assert result.explanation == (
        "Outlets disagree. Gazette, Star and Wire share copy and count as one source: "
        "“9 killed” rests on 1 independent source, not 3."
    )
    assert apply_independence(result, SOURCES) == result


def test_syndication_copies_on_opposite_sides_are_pointed_out():
    finding = _finding(
        FindingKind.NUMERIC_CONFLICT,
        _side("9 killed", 9, ("a", "Wire")),
        _side("11 killed", 11, ("b", "Star"), ("d", "Radio")),
    )
    groups = source_groups((e for side in finding.sides for e in side.evidence), SOURCES)
    notes = independence_notes(apply_independence(finding, SOURCES).sides, groups)
    assert notes == [
        "Star and Wire share copy and count as one source.",
        "Copies of one text stand on different sides here (Star and Wire): "
        "one of them edited or updated the shared text.",
    ]


def test_syndication_context_findings_only_name_the_copies():
    finding = _finding(
        FindingKind.DIFFERENT_MEASURE,
        _side("9 killed", 9, ("a", "Wire"), ("b", "Star")),
        _side("40 injured", 40, ("a", "Wire"), ("d", "Radio")),
    )
    result = apply_independence(finding, SOURCES)
    assert (
        result.explanation == "Outlets disagree. Star and Wire share copy and count as one source."
    )


def test_syndication_without_sources_each_outlet_is_one_source():
    finding = _finding(
        FindingKind.NUMERIC_CONFLICT,
        _side("9 killed", 9, ("a", "Wire"), ("b", "Star")),
        _side("14 killed", 14, ("d", "Radio")),
    )
    result = apply_independence(finding, Sources())
    assert [side.independent_sources for side in result.sides] == [2, 1]
    assert result.explanation == "Outlets disagree."


def test_syndication_a_chain_through_a_document_outside_the_finding_joins_nothing():
    # a-b and b-c share copy, but b is not in the finding: a and c are two sources
    # (stock sentences link unrelated articles; a chain of them proves nothing).
    finding = _finding(
        FindingKind.NUMERIC_CONFLICT,
        _side("9 killed", 9, ("a", "Wire"), ("c", "Gazette")),
        _side("14 killed", 14, ("d", "Radio")),
    )
    result = apply_independence(finding, SOURCES)
    assert [side.independent_sources for side in result.sides] == [2, 1]
    assert result.explanation == "Outlets disagree."
    # With b in the finding (on the other side) the three are one text.
    finding = _finding(
        FindingKind.NUMERIC_CONFLICT,
        _side("9 killed", 9, ("a", "Wire"), ("c", "Gazette")),
        _side("14 killed", 14, ("b", "Star"), ("d", "Radio")),
    )
    result = apply_independence(finding, SOURCES)
    assert [side.independent_sources for side in result.sides] == [1, 2]
    assert "Gazette, Star and Wire share copy and count as one source" in result.explanation
    assert "Copies of one text stand on different sides here" in result.explanation


@pytest.mark.parametrize(
    ("events", "passages", "one_source"),
    [
        ([], [(100, 100)], True),  # no events known: the link counts
        ([_event("e", "a", "b")], [(100, 100)], True),  # one event: copy of its account
        ([_event("e", "a"), _event("e2", "a", "b")], [(100, 100)], True),  # one in common
        ([_event("e", "a"), _event("e2", "b")], [(100, 100)], False),  # stock or background
        ([_event("e", "a"), _event("e2", "b")], [(0, 100)], True),  # a's claim is copy
        ([_event("e", "a"), _event("e2", "b")], [(100, 0)], True),  # so is b's
    ],
    ids=["unknown", "same", "common", "different", "claim-copied-left", "claim-copied-right"],
)
def test_syndication_copy_between_documents_of_different_events_counts_through_claims(
    events, passages, one_source
):
    # A link between documents reporting on no common event counts only when one of the
    # finding's sentences (each claim's sentence is [0, 40) here) is a shared passage.
    finding = _finding(
        FindingKind.NUMERIC_CONFLICT,
        _side("9 killed", 9, ("a", "Wire"), ("b", "Star"), sentence=(0, 40)),
        _side("14 killed", 14, ("d", "Radio"), sentence=(0, 40)),
    )
    sources = index_sources([_link("a", "b", *passages)], events)
    result = apply_independence(finding, sources)
    assert result.sides[0].independent_sources == (1 if one_source else 2)


def test_syndication_sources_list_the_links_among_some_documents_only():
    links = [_link("a", "b"), _link("a", "z"), _link("b", "c"), _link("c", "d")]
    sources = index_sources(reversed(links), [_event("e", "a", "b"), _event("f", "c")])
    assert [(k.left, k.right) for k in sources.among({"d", "c", "b"})] == [("b", "c"), ("c", "d")]
    assert sources.among({"a"}) == [] and Sources().among({"a", "b"}) == []
    assert not sources.report_on_different_events("a", "b")
    assert sources.report_on_different_events("b", "c")
    assert not sources.report_on_different_events("c", "d")  # d: no event known


@settings(max_examples=80, deadline=None)
@given(
    outlets=st.lists(st.integers(0, 4), min_size=1, max_size=9),
    edges=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), max_size=20),
    chosen=st.sets(st.integers(0, 8), min_size=1),
)
def test_syndication_source_groups_are_components_among_the_findings_documents(
    outlets, edges, chosen
):
    # Groups are the connected components of "same outlet" and "a link between the two"
    # on the finding's documents only: never through a document outside it.
    names = [f"d{n}" for n in range(len(outlets))]
    links = {
        tuple(sorted((names[i], names[j])))
        for i, j in edges
        if i < len(names) and j < len(names) and i != j
    }
    sources = index_sources([_link(left, right) for left, right in sorted(links)], [])
    inside = sorted(names[n] for n in chosen if n < len(names)) or names[:1]
    graph = nx.Graph()
    graph.add_nodes_from(inside)
    graph.add_edges_from((a, b) for a, b in links if a in inside and b in inside)
    graph.add_edges_from(
        (a, b)
        for a in inside
        for b in inside
        if a < b and outlets[names.index(a)] == outlets[names.index(b)]
    )
    expected = {d: min(c) for c in nx.connected_components(graph) for d in c}
    evidence = [_evidence(d, f"Outlet {outlets[names.index(d)]}") for d in inside]
    assert source_groups(evidence, sources) == expected


@pytest.fixture(scope="module")
def wire_report():
    return check([WIRE_STORY])


def test_syndication_wire_story_counts_three_copies_as_one_source(wire_report):
    pairs = {(link.left, link.right) for link in wire_report.syndication}
    assert pairs == {("fl-a", "fl-b"), ("fl-a", "fl-c"), ("fl-b", "fl-c")}
    conflicts = [f for f in wire_report.findings if f.kind is FindingKind.NUMERIC_CONFLICT]
    assert len(conflicts) == 1
    wire_side, radio_side = conflicts[0].sides
    assert len(wire_side.outlets) == 3 and wire_side.independent_sources == 1
    assert radio_side.outlets == ["Oskel Valley Radio"] and radio_side.independent_sources == 1
    assert "share copy and count as one source" in conflicts[0].explanation
    # No corroboration bonus: the three copies are one source.
    assert conflicts[0].confidence == 0.9


# Sentences that share phrases with each other (stock phrases, light edits), so that
# random corpora have copies, near misses and shingles on both sides of the posting limit.
POOL = [
    *WIRE,
    *EDITED,
    *OWN,
    "The regional civil protection office said in a short statement on the day.",
    "The regional civil protection office said the levee on the Oskel River gave way.",
    "Emergency crews said in a short statement that the water rose again overnight.",
]


def _corpus(picks: list[tuple[int, list[int]]], prefix: str = "d"):
    texts = [
        (f"{prefix}{n}", f"Outlet {outlet}", [POOL[i] for i in sentences])
        for n, (outlet, sentences) in enumerate(picks)
    ]
    return docs(*texts)


class _Postings:
    """Postings over two in-memory corpora, as a store keeps them."""

    def __init__(self, before, before_sentences, documents, sentences):
        self.before = Counter()
        for document in before:
            for _, shingles in document_shingles(before_sentences[document.id]):
                self.before.update(shingles)
        self.now = defaultdict(list)
        for document in documents:
            for start, shingles in document_shingles(sentences[document.id]):
                for shingle in shingles:
                    self.now[shingle].append((document.id, start))

    def counts(self, shingles):
        return {s: (self.before[s], len(self.now.get(s, ()))) for s in shingles}

    def holders(self, shingles):
        return {s: list(self.now.get(s, ())) for s in shingles}

    def sizes(self, doc_ids):
        return {
            d: len({start for held in self.now.values() for i, start in held if i == d})
            for d in doc_ids
        }


document_picks = st.lists(
    st.tuples(st.integers(0, 3), st.lists(st.integers(0, len(POOL) - 1), min_size=1, max_size=5)),
    min_size=1,
    max_size=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=document_picks,
    after=document_picks,
    keep=st.lists(st.booleans(), min_size=8, max_size=8),
    limit=st.integers(2, 6),
)
def test_syndication_update_equals_a_fresh_search(before, after, keep, limit):
    # The previous corpus, and the current one: some documents kept as they were, some
    # removed, some changed (same id, other text) and some new; a low posting limit makes
    # shingles cross it both ways (issue 7: a store updates the links it kept).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(syndication, "MAX_POSTING", limit)
        old_documents, old_sentences = _corpus(before)
        kept = [d for d, k in zip(old_documents, keep, strict=False) if k]
        new_documents, new_sentences = _corpus(after)
        new_documents = [d for d in new_documents if d.id not in {k.id for k in kept}]
        documents = sorted([*kept, *new_documents], key=lambda d: d.id)
        unchanged = {d.id for d in kept}
        sentences = {
            d.id: (old_sentences if d.id in unchanged else new_sentences)[d.id] for d in documents
        }
        added = {d.id for d in documents} - unchanged
        removed = {
            d.id: {s for _, shingles in document_shingles(old_sentences[d.id]) for s in shingles}
            for d in old_documents
            if d.id not in unchanged
        }
        previous = detect_syndication(old_documents, old_sentences)
        updated = update_links(
            previous,
            documents,
            sentences,
            added=added,
            removed=removed,
            postings=_Postings(old_documents, old_sentences, documents, sentences),
        )
        assert updated == detect_syndication(documents, sentences)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=document_picks, added=document_picks, limit=st.integers(2, 4))
def test_syndication_update_when_added_documents_make_shared_phrases_stock(before, added, limit):
    # Issue 7: articles only added (a desk's usual update): phrases shared by linked
    # documents become stock phrases, so those links lose passages (counted again
    # passage by passage) or go; the links are those a fresh search finds.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(syndication, "MAX_POSTING", limit)
        old_documents, old_sentences = _corpus(before)
        extra, extra_sentences = _corpus(added, prefix="n")
        documents = [*old_documents, *extra]
        sentences = {**old_sentences, **extra_sentences}
        updated = update_links(
            detect_syndication(old_documents, old_sentences),
            documents,
            sentences,
            added={d.id for d in extra},
            removed={},
            postings=_Postings(old_documents, old_sentences, documents, sentences),
        )
        assert updated == detect_syndication(documents, sentences)


# Stock sentences: an unrelated article (about a bridge) shares two with each of two levee
# reports that share nothing with each other.
STOCK = [
    "Forecasters said more rain was expected over the weekend across the whole region.",
    "Readers can send photographs and videos to the newsroom through the usual channels.",
    "The regional transport authority advised drivers to avoid all unnecessary journeys.",
    "Local libraries and community halls have extended their opening hours this week.",
]


def test_syndication_stock_sentences_of_an_unrelated_article_leave_reports_independent():
    documents, _ = docs(
        ("a", "Star", [WIRE[0], STOCK[0], STOCK[1], WIRE[3]]),
        ("b", "Courier", ["The Sund bridge stays closed to lorries, the council said.", *STOCK]),
        ("c", "Gazette", [OWN[1], EDITED[3], STOCK[2], STOCK[3], EDITED[0]]),
        ("d", "Radio", OWN[:1]),
    )
    report = run(documents)
    assert {(link.left, link.right) for link in report.syndication} == {("a", "b"), ("b", "c")}
    conflict = next(f for f in report.findings if f.kind is FindingKind.NUMERIC_CONFLICT)
    assert [(side.outlets, side.independent_sources) for side in conflict.sides] == [
        (["Gazette", "Star"], 2),
        (["Radio"], 1),
    ]
    assert "share copy" not in conflict.explanation
