"""Event clusters: the indexes and shortcuts of issue 7 choose what a plain scan chooses."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimdiff.align.clusters as clusters_module
from claimdiff.align.clusters import Anchor, Cluster, Clusters, _characteristic, _telling, gap
from claimdiff.align.signature import Centroid, Signature

TERMS = [f"t{i:02d}" for i in range(40)]
PLACES = [None, "Lisvik", "Manila"]
DATELINES = [None, None, "Lisvik", "Bravik"]


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(math.fsum(w * w for w in weights.values()))
    return {key: w / norm for key, w in sorted(weights.items())}


_signatures = st.dictionaries(
    st.sampled_from(TERMS), st.floats(min_value=0.01, max_value=1.0), min_size=1, max_size=30
).map(lambda weights: Signature(weights=_unit(weights), keys=tuple(sorted(weights)[:3])))


@st.composite
def _anchors(draw: st.DrawFn) -> Anchor:
    if draw(st.integers(0, 9)) == 0:
        return Anchor(first=None, last=None, place=draw(st.sampled_from(PLACES)))
    first = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 12)))
    # Mostly days; sometimes a month or a year ("in 2014", "last month").
    span = draw(st.sampled_from([0, 0, 0, 1, 2, 30, 364, 1500]))
    return Anchor(
        first=first,
        last=first + timedelta(days=span),
        place=draw(st.sampled_from(PLACES)),
        dateline=draw(st.sampled_from(DATELINES)),
    )


def _plain_choice(
    clusters: Clusters, anchor: Anchor, signature: Signature, home: Cluster | None
) -> Cluster | None:
    """Return the event a join chooses, by the single scan claimdiff made before issue 7."""
    window = clusters.window
    fitting = []
    for cluster in clusters.members:  # every event, not only the indexed candidates
        seed = cluster.seed
        if seed.first is None or anchor.first is None:
            fits = seed.first is None and anchor.first is None
        else:
            places = Counter(a.place for a in cluster.anchors if a.place)
            place = min(places, key=lambda p: (-places[p], p)) if places else None
            datelines = {a.dateline for a in cluster.anchors if a.dateline}
            fits = not (place and anchor.place and place != anchor.place)
            fits = fits and not (
                anchor.dateline
                and datelines
                and anchor.dateline not in datelines
                and not (place and place == anchor.place)
            )
            fits = fits and gap(seed, anchor) <= window
        if fits:
            fitting.append(cluster)
    busy = len(clusters._candidates(anchor)) > clusters_module._SCAN_ALL
    keyed = clusters._keyed(signature) if busy else None
    chosen: Cluster | None = None
    best = (False, -1.0)
    for cluster in fitting:
        linked = home is None or home.index in cluster.homes
        telling = _telling(cluster, signature)
        if keyed is not None and cluster.index not in keyed and not (home and linked) and telling:
            continue
        bar = clusters.similarity if linked else clusters.story_similarity
        score = cluster.centroid.similarity(signature.weights)
        if (score >= bar or not telling) and (linked, score) > best:
            chosen, best = cluster, (linked, score)
    if (
        chosen is not None
        and home is None
        and best[1] < clusters.story_similarity
        and _telling(chosen, signature)
        and clusters._rivalled(anchor, signature, chosen, best[1])
    ):
        return None
    return chosen


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(_anchors(), _signatures, st.integers(-1, 5)), min_size=1, max_size=40),
    st.booleans(),
)
def test_clusters_join_chooses_what_a_plain_scan_chooses(
    joins: list[tuple[Anchor, Signature, int]], busy: bool
) -> None:
    # Candidates by day index (a bisected range, however long the anchor), the cached
    # place, and a claim's own story's events compared before any other: the event a
    # join picks is the one a scan of every event picks. "busy" makes every window busy
    # (only events sharing a key term compared, as beyond _SCAN_ALL events).
    with pytest.MonkeyPatch.context() as patch:
        if busy:
            patch.setattr(clusters_module, "_SCAN_ALL", 2)
        clusters = Clusters(3, similarity=0.15, story_similarity=0.3)
        homes: list[tuple[str, Cluster]] = []
        for number, (anchor, signature, claim_of) in enumerate(joins):
            # A claim (of an earlier document) when claim_of points at one, else a document.
            home = homes[claim_of] if 0 <= claim_of < len(homes) else None
            doc_id = home[0] if home is not None else f"d{number}"
            expected = _plain_choice(clusters, anchor, signature, home and home[1])
            known = len(clusters.members)
            chosen = clusters.join(anchor, doc_id, signature, home=home and home[1])
            if expected is None:
                assert chosen.index == known  # a new event
            else:
                assert chosen is expected
            if home is None:
                homes.append((doc_id, chosen))


@given(st.lists(st.sampled_from(PLACES), max_size=12))
def test_clusters_place_is_the_commonest_of_its_anchors(places: list[str | None]) -> None:
    cluster = Cluster(index=0, seed=Anchor(None, None, None))
    for place in places:
        cluster.add_anchor(Anchor(None, None, place))
        named = Counter(p for p in places[: len(cluster.anchors)] if p)
        assert cluster.place() == (min(named, key=lambda p: (-named[p], p)) if named else None)


def _plain_characteristic(group: list[Cluster]) -> list[str | None]:
    """Return each event's most characteristic term as claimdiff did before issue 7."""
    top: dict[str, list[tuple[float, int]]] = {}
    for position, cluster in enumerate(group):
        for key in cluster.centroid.total:
            pairs = top.setdefault(key, [])
            pairs.append((cluster.centroid.mean(key), position))
            pairs.sort(reverse=True)
            del pairs[2:]
    chosen: list[str | None] = []
    for position, cluster in enumerate(group):
        best: tuple[float, int, str] | None = None
        for key in cluster.centroid.total:
            rival = next((mean for mean, p in top[key] if p != position), 0.0)
            candidate = (-(cluster.centroid.mean(key) - rival), -key.count(" "), key)
            if best is None or candidate < best:
                best = candidate
        chosen.append(best[2] if best is not None else None)
    return chosen


@given(st.lists(st.lists(_signatures, max_size=4), min_size=1, max_size=6))
def test_clusters_characteristic_term_is_the_plain_one(groups: list[list[Signature]]) -> None:
    events = []
    for index, members in enumerate(groups):
        cluster = Cluster(index=index, seed=Anchor(None, None, None), centroid=Centroid())
        for number, signature in enumerate(members):
            cluster.add(f"d{index}-{number}", signature, index)
        events.append(cluster)
    assert _characteristic(events) == _plain_characteristic(events)
