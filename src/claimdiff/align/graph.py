"""The alignment graph: claims joined across documents by shared keys; components are topics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from claimdiff.align.blocking import TopicKey, is_comparable, measure_key, topic_key
from claimdiff.models import Claim


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """One topic: claims about the same subject at the same event, from several documents."""

    key: TopicKey
    claims: tuple[Claim, ...]

    @property
    def doc_ids(self) -> frozenset[str]:
        """Return the documents that speak to this topic."""
        return frozenset(c.doc_id for c in self.claims)

    def by_measure(self) -> dict[str, list[Claim]]:
        """Return the claims split by what they count, measures in sorted order."""
        split: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.claims:
            split[claim.measure].append(claim)
        return dict(sorted(split.items()))


def build_alignment_graph(claims: Sequence[Claim]) -> nx.Graph:
    """Return a graph whose nodes are claim ids, joined when they share a blocking key.

    Members of a block are chained in a fixed order rather than joined pairwise, so the
    graph stays linear in the number of claims while its components are the same.
    """
    graph = nx.Graph()
    blocks: dict[object, list[str]] = defaultdict(list)
    for claim in claims:
        if not is_comparable(claim):
            continue
        graph.add_node(claim.id)
        blocks[measure_key(claim)].append(claim.id)
        blocks[topic_key(claim)].append(claim.id)
    for members in blocks.values():
        nx.add_path(graph, sorted(members))
    return graph


def align_claims(claims: Sequence[Claim]) -> list[ClaimGroup]:
    """Return topics that at least two documents speak to, in a stable order."""
    graph = build_alignment_graph(claims)
    by_id = {claim.id: claim for claim in claims}
    groups: list[ClaimGroup] = []
    for component in nx.connected_components(graph):
        members = sorted(
            (by_id[node] for node in component),
            key=lambda c: (c.doc_id, c.evidence.start, c.id),
        )
        group = ClaimGroup(key=topic_key(members[0]), claims=tuple(members))
        if len(group.doc_ids) >= 2:
            groups.append(group)
    groups.sort(key=lambda g: g.key)
    return groups
