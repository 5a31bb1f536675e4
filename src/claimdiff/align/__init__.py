"""Alignment: events first, then topics joined by blocking keys in a networkx graph."""

from __future__ import annotations

from claimdiff.align.blocking import Blocker, ClaimGroup, group_by
from claimdiff.align.events import resolve_events
from claimdiff.align.graph import align_claims, build_alignment_graph

__all__ = [
    "Blocker",
    "ClaimGroup",
    "align_claims",
    "build_alignment_graph",
    "group_by",
    "resolve_events",
]
