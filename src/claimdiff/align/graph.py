"""The alignment graph: claims joined across documents by shared keys; components are topics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence

import networkx as nx

from claimdiff.align.blocking import ClaimGroup
from claimdiff.models import Claim

Keys = Callable[[Claim], tuple[Hashable, ...]]
"""A comparator's blocking keys for a claim: none, one, or several (quotation shingles)."""


def _blocks(claims: Sequence[Claim], keys: Sequence[Keys]) -> dict[tuple[int, Hashable], list[str]]:
    blocks: dict[tuple[int, Hashable], list[str]] = defaultdict(list)
    for claim in claims:
        for index, keys_of in enumerate(keys):
            for key in keys_of(claim):
                blocks[(index, key)].append(claim.id)
    return blocks


def build_alignment_graph(claims: Sequence[Claim], keys: Sequence[Keys]) -> nx.Graph:
    """Return a graph whose nodes are claim ids, joined when they share a blocking key.

    Members of a block are chained in a fixed order rather than joined pairwise, so the
    graph stays linear in the number of claims while its components are the same.
    """
    graph = nx.Graph()
    for members in _blocks(claims, keys).values():
        graph.add_nodes_from(members)
        nx.add_path(graph, sorted(members))
    return graph


def group_by_keys(claims: Sequence[Claim], keys: Keys) -> tuple[list[ClaimGroup], int]:
    """Return the groups of claims joined by any shared key, and the candidate pairs.

    Groups are connected components (at least two documents each); the pair count is
    what the keys put together: cross-document pairs within each key's block.
    """
    blocks = _blocks(claims, [keys])
    by_id = {claim.id: claim for claim in claims}
    pairs = sum(
        ClaimGroup(key=key, claims=tuple(by_id[i] for i in members)).cross_document_pairs()
        for key, members in blocks.items()
    )
    graph = build_alignment_graph(claims, [keys])
    groups: list[ClaimGroup] = []
    for component in nx.connected_components(graph):
        members = sorted(
            (by_id[n] for n in component), key=lambda c: (c.doc_id, c.evidence.start, c.id)
        )
        group = ClaimGroup(key=min(component), claims=tuple(members))
        if len(group.doc_ids) >= 2:
            groups.append(group)
    groups.sort(key=lambda g: str(g.key))
    return groups, pairs


def align_claims(claims: Sequence[Claim], keys: Sequence[Keys]) -> list[ClaimGroup]:
    """Return topics (connected components) that at least two documents speak to."""
    graph = build_alignment_graph(claims, keys)
    by_id = {claim.id: claim for claim in claims}
    topics: list[ClaimGroup] = []
    for component in nx.connected_components(graph):
        members = sorted(
            (by_id[node] for node in component), key=lambda c: (c.doc_id, c.evidence.start, c.id)
        )
        topic = ClaimGroup(key=min(component), claims=tuple(members))
        if len(topic.doc_ids) >= 2:
            topics.append(topic)
    topics.sort(key=lambda t: str(t.key))
    return topics
