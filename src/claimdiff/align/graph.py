"""The alignment graph: claims joined across documents by shared keys; components are topics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence

import networkx as nx

from claimdiff.align.blocking import ClaimGroup
from claimdiff.models import Claim

Keys = Callable[[Claim], tuple[Hashable, ...]]
"""A comparator's blocking keys for a claim: none, one, or several (quotation shingles)."""


def _blocks(claims: Sequence[Claim], keys: Sequence[Keys]) -> list[list[str]]:
    """Return the claim ids under each key of each keys function, in claim order."""
    blocks: list[list[str]] = []
    for keys_of in keys:
        # One table per keys function: equal keys of two comparators are different blocks.
        table: dict[Hashable, list[str]] = {}
        for claim in claims:
            for key in keys_of(claim):
                members = table.get(key)
                if members is None:
                    table[key] = [claim.id]
                else:
                    members.append(claim.id)
        blocks.extend(table.values())
    return blocks


def _components(blocks: Sequence[list[str]]) -> list[set[str]]:
    """Return the connected components of the alignment graph, without building it.

    Union-find over each block's members: the same components as
    ``nx.connected_components(build_alignment_graph(...))`` at a fraction of the cost
    (networkx spent most of alignment's time at 1,000 articles, issue 7).
    """
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while (up := parent[node]) != node:
            parent[node] = parent[up]
            node = up
        return node

    for members in blocks:
        first = root(parent.setdefault(members[0], members[0]))
        for member in members[1:]:
            other = root(parent.setdefault(member, member))
            if other != first:
                parent[other] = first
    components: dict[str, set[str]] = defaultdict(set)
    for node in parent:
        components[root(node)].add(node)
    return list(components.values())


def build_alignment_graph(claims: Sequence[Claim], keys: Sequence[Keys]) -> nx.Graph:
    """Return a graph whose nodes are claim ids, joined when they share a blocking key.

    Members of a block are chained in a fixed order rather than joined pairwise, so the
    graph stays linear in the number of claims while its components are the same.
    """
    graph = nx.Graph()
    for members in _blocks(claims, keys):
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
        ClaimGroup(key=None, claims=tuple(by_id[i] for i in members)).cross_document_pairs()
        for members in blocks
    )
    groups: list[ClaimGroup] = []
    for component in _components(blocks):
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
    by_id = {claim.id: claim for claim in claims}
    topics: list[ClaimGroup] = []
    for component in _components(_blocks(claims, keys)):
        members = sorted(
            (by_id[node] for node in component), key=lambda c: (c.doc_id, c.evidence.start, c.id)
        )
        topic = ClaimGroup(key=min(component), claims=tuple(members))
        if len(topic.doc_ids) >= 2:
            topics.append(topic)
    topics.sort(key=lambda t: str(t.key))
    return topics
