"""The alignment graph: claims joined across documents by shared keys; components are topics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence

import networkx as nx

from claimdiff.align.blocking import ClaimGroup
from claimdiff.memo import forget_at_exit
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
    """Return topics (connected components) that at least two documents speak to.

    The topics of ``_topics``, worked out again only where claims changed since the
    call with the same keys functions whose claims were most like these (``_Alignment``;
    a desk checks a story, then the whole corpus, in turns).
    """
    functions = tuple(keys)
    alignments = _ALIGNMENTS.pop(functions, [])
    _ALIGNMENTS[functions] = alignments  # the most recently used last
    while len(_ALIGNMENTS) > MAX_KEY_SETS:
        del _ALIGNMENTS[next(iter(_ALIGNMENTS))]
    # Updating costs about the claims that left or came; working out, all the claims.
    changes = [alignment.changes(claims) for alignment in alignments]
    if changes and 2 * min(changes) < len(claims):
        alignment = alignments.pop(changes.index(min(changes)))
    else:
        alignment = _Alignment(functions)
    alignments.append(alignment)
    del alignments[:-MAX_ALIGNMENTS]
    return alignment.update(claims)


def _topics(claims: Sequence[Claim], keys: Sequence[Keys]) -> list[ClaimGroup]:
    """Return the topics of the claims, all worked out (``align_claims``, plainly)."""
    by_id = {claim.id: claim for claim in claims}
    topics = [_topic(component, by_id) for component in _components(_blocks(claims, keys))]
    return sorted((t for t in topics if t is not None), key=lambda t: str(t.key))


def _topic(component: Collection[str], by_id: Mapping[str, Claim]) -> ClaimGroup | None:
    """Return a component's claims as a topic, or None unless two documents speak in it."""
    members = sorted(
        (by_id[n] for n in component), key=lambda c: (c.doc_id, c.evidence.start, c.id)
    )
    topic = ClaimGroup(key=min(component), claims=tuple(members))
    return topic if len(topic.doc_ids) >= 2 else None


MAX_ALIGNMENTS = 4
"""Alignments kept for each set of keys functions (``align_claims``): the last ones."""

MAX_KEY_SETS = 4
"""Sets of keys functions whose alignments are kept."""

_Block = tuple[int, Hashable]
"""A block: the position of a keys function, and one of its keys."""


class _Alignment:
    """An alignment under one set of keys functions, updated where claims changed.

    A claim's keys depend only on the claim, and checks with a store keep claims the
    same objects from one check to the next (``incremental.same_claims``): adding an
    article changes the components its claims join, and no other. So the claims that
    left or came (an id whose claim is another object left and came) are taken out of
    or put in their blocks, and the components are worked out again among the claims
    of the components they touch; the other topics are the last update's. Working out
    every claim's keys and components was alignment's time when adding an article to a
    stored corpus (issue 7). The topics are ``_topics``'s either way (tested).
    """

    def __init__(self, keys: tuple[Keys, ...]) -> None:
        self._keys = keys
        self._reset()

    def _reset(self) -> None:
        self._claims: dict[str, Claim] = {}
        self._blocks_of: dict[str, list[_Block]] = {}
        self._blocks: dict[_Block, dict[str, None]] = {}
        self._component: dict[str, int] = {}
        self._members: dict[int, list[str]] = {}
        self._topics: dict[int, ClaimGroup] = {}
        self._numbers = 0

    def changes(self, claims: Sequence[Claim]) -> int:
        """Return how many claims would leave or come to make ``claims`` this alignment's."""
        held = self._claims
        shared = sum(held.get(claim.id) is claim for claim in claims)
        return len(held) + len(claims) - 2 * shared

    def update(self, claims: Sequence[Claim]) -> list[ClaimGroup]:
        """Return the topics of ``claims``, updating the last update's."""
        by_id = {claim.id: claim for claim in claims}
        if len(by_id) < len(claims):
            self._reset()  # two claims under one id (a node is an id): worked out plainly
            return _topics(claims, self._keys)
        last = self._claims
        gone = [i for i, claim in last.items() if by_id.get(i) is not claim]
        came = [i for i, claim in by_id.items() if last.get(i) is not claim]
        if 2 * (len(gone) + len(came)) > len(by_id) + len(last):
            self._reset()  # most claims changed: all worked out again
            return self._build(by_id)
        touched = {self._component.pop(i) for i in gone}
        for i in gone:
            del last[i]
            for block in self._blocks_of.pop(i):
                members = self._blocks[block]
                del members[i]
                if not members:
                    del self._blocks[block]
        for i in came:
            found = self._blocks_of[i] = list(
                dict.fromkeys(
                    (n, key) for n, keys_of in enumerate(self._keys) for key in keys_of(by_id[i])
                )
            )
            touched.update(self._component[j] for b in found for j in self._blocks.get(b, ()))
        for i in came:
            last[i] = by_id[i]
            for block in self._blocks_of[i]:
                self._blocks.setdefault(block, {})[i] = None
        again = {*came, *(j for n in touched for j in self._members.pop(n, ()) if j in last)}
        for n in touched:
            self._topics.pop(n, None)
        blocks = dict.fromkeys(block for i in again for block in self._blocks_of[i])
        for component in _components([list(self._blocks[block]) for block in blocks]):
            self._add(component, by_id)
        for i in again - self._component.keys():
            self._add({i}, by_id)  # in no block: a component of its own, never a topic
        return sorted(self._topics.values(), key=lambda t: str(t.key))

    def _build(self, by_id: Mapping[str, Claim]) -> list[ClaimGroup]:
        """Return the topics of a fresh alignment, built one keys function at a time."""
        blocks_of: dict[str, list[_Block]] = {i: [] for i in by_id}
        blocks = self._blocks
        for n, keys_of in enumerate(self._keys):
            for i, claim in by_id.items():
                for key in keys_of(claim):
                    members = blocks.get((n, key))
                    if members is None:
                        blocks[(n, key)] = {i: None}
                    elif i in members:
                        continue  # a key given twice
                    else:
                        members[i] = None
                    blocks_of[i].append((n, key))
        self._claims.update(by_id)
        self._blocks_of = blocks_of
        for component in _components([list(members) for members in blocks.values()]):
            self._add(component, by_id)
        for i in by_id.keys() - self._component.keys():
            self._add({i}, by_id)  # in no block: a component of its own, never a topic
        return sorted(self._topics.values(), key=lambda t: str(t.key))

    def _add(self, component: set[str], by_id: Mapping[str, Claim]) -> None:
        number = self._numbers = self._numbers + 1
        self._members[number] = list(component)
        for i in component:
            self._component[i] = number
        topic = _topic(component, by_id)
        if topic is not None:
            self._topics[number] = topic


_ALIGNMENTS: dict[tuple[Keys, ...], list[_Alignment]] = {}
forget_at_exit(_ALIGNMENTS.clear)
