"""The alignment graph: topics are the connected components of claims sharing a key."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff.align.blocking import ClaimGroup
from claimdiff.align.graph import (
    Keys,
    _topics,
    align_claims,
    build_alignment_graph,
    group_by_keys,
)
from claimdiff.models import Bound, Claim, ClaimKind, Quantity, Span

_VALUE = Quantity(anchor=4, low=Bound(value=4), high=Bound(value=4), surface="4")


def _claim(index: int, doc_id: str) -> Claim:
    return Claim(
        id=f"c{index:03d}",
        doc_id=doc_id,
        kind=ClaimKind.QUANTITY,
        subject="worker",
        subject_text="workers",
        measure="strike",
        value=_VALUE,
        event="e",
        evidence=Span(doc_id=doc_id, start=index, end=index + 1),
        sentence=Span(doc_id=doc_id, start=0, end=100),
    )


def _keys_of(table: dict[str, tuple[str, ...]]) -> Keys:
    return lambda claim: table[claim.id]


def _by_components(claims: list[Claim], keys: list[dict[str, tuple[str, ...]]]) -> list[ClaimGroup]:
    """Topics as first computed: networkx components of the alignment graph."""
    graph = build_alignment_graph(claims, [_keys_of(k) for k in keys])
    by_id = {claim.id: claim for claim in claims}
    topics = []
    for component in nx.connected_components(graph):
        members = sorted(
            (by_id[n] for n in component), key=lambda c: (c.doc_id, c.evidence.start, c.id)
        )
        topic = ClaimGroup(key=min(component), claims=tuple(members))
        if len(topic.doc_ids) >= 2:
            topics.append(topic)
    return sorted(topics, key=lambda t: str(t.key))


_KEYS = st.lists(st.sampled_from("abcdefgh"), max_size=3).map(tuple)


@st.composite
def _corpora(draw: st.DrawFn) -> tuple[list[Claim], list[dict[str, tuple[str, ...]]]]:
    docs = draw(st.lists(st.sampled_from(["d1", "d2", "d3", "d4"]), min_size=1, max_size=25))
    claims = [_claim(index, doc_id) for index, doc_id in enumerate(docs)]
    comparators = draw(st.integers(min_value=1, max_value=3))
    keys = [{claim.id: draw(_KEYS) for claim in claims} for _ in range(comparators)]
    return claims, keys


@given(_corpora())
def test_graph_topics_are_the_networkx_components(
    corpus: tuple[list[Claim], list[dict[str, tuple[str, ...]]]],
) -> None:
    # issue 7: topics come from a union-find over the blocks, not a networkx graph.
    claims, keys = corpus
    topics = align_claims(claims, [_keys_of(k) for k in keys])
    assert topics == _by_components(claims, keys)


@given(_corpora())
def test_graph_group_by_keys_groups_are_the_networkx_components(
    corpus: tuple[list[Claim], list[dict[str, tuple[str, ...]]]],
) -> None:
    claims, keys = corpus
    groups, pairs = group_by_keys(claims, _keys_of(keys[0]))
    assert groups == _by_components(claims, keys[:1])
    blocks: dict[Hashable, list[Claim]] = {}
    for claim in claims:
        for key in keys[0][claim.id]:
            blocks.setdefault(key, []).append(claim)
    assert pairs == sum(
        1
        for members in blocks.values()
        for i, left in enumerate(members)
        for right in members[i + 1 :]
        if left.doc_id != right.doc_id
    )


@pytest.mark.parametrize(
    ("keys", "topics"),
    [
        # c0-c1 share "a", c1-c2 share "b": one chain; c3 is alone under "c".
        (
            {"c000": ("a",), "c001": ("a", "b"), "c002": ("b",), "c003": ("c",)},
            [["c000", "c001", "c002"]],
        ),
        # Claims of one document sharing a key are no topic.
        ({"c000": (), "c001": (), "c002": ("a",), "c003": ("a",)}, []),
    ],
)
def test_graph_topics_join_chains_across_documents(
    keys: dict[str, tuple[str, ...]], topics: list[list[str]]
) -> None:
    claims = [_claim(0, "d1"), _claim(1, "d2"), _claim(2, "d3"), _claim(3, "d3")]
    found = align_claims(claims, [_keys_of(keys)])
    assert [[c.id for c in topic.claims] for topic in found] == topics


def _written(index: int, doc_id: str, subject: str, measure: str) -> Claim:
    """A claim whose keys are written in it: its subject's and measure's letters."""
    return _claim(index, doc_id).model_copy(update={"subject": subject, "measure": measure})


_SUBJECT_KEYS: Keys = lambda claim: tuple(claim.subject)  # noqa: E731
_MEASURE_KEYS: Keys = lambda claim: tuple(claim.measure)  # noqa: E731
_CLAIM_ARGS = st.tuples(
    st.integers(min_value=0, max_value=30),
    st.sampled_from(["d1", "d2", "d3", "d4"]),
    st.text(alphabet="abcdef", max_size=3),
    st.text(alphabet="abc", max_size=2),
)


@given(
    st.lists(_CLAIM_ARGS, max_size=25),
    st.lists(st.lists(_CLAIM_ARGS, max_size=5), max_size=6),
    st.randoms(),
)
def test_graph_topics_updated_from_the_last_call_are_worked_out_topics(
    first: list[tuple[int, str, str, str]],
    steps: list[list[tuple[int, str, str, str]]],
    random: Any,
) -> None:
    # Issue 7: align_claims updates the last call's topics where claims changed (claims
    # kept the same objects, others come, go or change under their id); the topics are
    # those of the claims worked out from scratch.
    keys = [_SUBJECT_KEYS, _MEASURE_KEYS]
    kept: dict[int, Claim] = {}
    for step in [first, *steps]:
        fresh = {index: _written(index, *rest) for index, *rest in step}
        # Most claims stay the objects they were, as a store keeps them.
        current = {**{i: c for i, c in kept.items() if random.random() < 0.9}, **fresh}
        claims = sorted(current.values(), key=lambda c: c.id)
        if step and random.random() < 0.2:
            claims.append(claims[0].model_copy(update={"subject": "f"}))  # one id, two claims
        topics = align_claims(claims, keys)
        assert topics == _topics(claims, keys)
        if len({c.id for c in claims}) == len(claims):
            assert topics == _by_components(
                claims,
                [
                    {c.id: tuple(c.subject) for c in claims},
                    {c.id: tuple(c.measure) for c in claims},
                ],
            )
        kept = current


def test_graph_topics_an_added_claim_leaves_alone_are_kept() -> None:
    keys = [_SUBJECT_KEYS, _MEASURE_KEYS]
    claims = [_written(i, f"d{i % 5}", "abcdef"[i % 6], "") for i in range(30)]
    before = align_claims(claims, keys)
    added = _written(30, "d9", "a", "")
    after = align_claims([*claims, added], keys)
    assert after == _topics([*claims, added], keys)
    joined = [t for t in after if added in t.claims]
    assert len(joined) == 1 and len(after) == len(before) == 6
    assert [t for t in after if t is not joined[0]] == [
        t for t in before if t.claims[0].subject != "a"
    ]
    assert all(any(t is b for b in before) for t in after if t is not joined[0])
