"""Alignment: events first, then topics joined by blocking keys in a networkx graph."""

from __future__ import annotations

from claimdiff.align.events import resolve_events
from claimdiff.align.graph import ClaimGroup, align_claims, build_alignment_graph

__all__ = ["ClaimGroup", "align_claims", "build_alignment_graph", "resolve_events"]
