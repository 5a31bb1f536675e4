"""The alignment graph: claims joined across documents by shared keys; components are topics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence

import networkx as nx

from claimdiff.align.blocking import Blocker, ClaimGroup
from claimdiff.models import Claim


def build_alignment_graph(claims: Sequence[Claim], blockers: Sequence[Blocker]) -> nx.Graph:
    """Return a graph whose nodes are claim ids, joined when they share a blocking key.

    Members of a block are chained in a fixed order rather than joined pairwise, so the
    graph stays linear in the number of claims while its components are the same.
    """
    graph = nx.Graph()
    blocks: dict[tuple[int, Hashable], list[str]] = defaultdict(list)
    for claim in claims:
        for index, blocker in enumerate(blockers):
            key = blocker(claim)
            if key is not None:
                graph.add_node(claim.id)
                blocks[(index, key)].append(claim.id)
    for members in blocks.values():
        nx.add_path(graph, sorted(members))
    return graph


def align_claims(claims: Sequence[Claim], blockers: Sequence[Blocker]) -> list[ClaimGroup]:
    """Return topics (connected components) that at least two documents speak to."""
    graph = build_alignment_graph(claims, blockers)
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
