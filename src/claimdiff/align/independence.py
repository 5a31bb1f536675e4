"""Independent sources: how many sources stand behind each side of a finding.

Agreement among copies is not corroboration, so a finding counts the *independent
sources* on each side. They are judged among the documents the finding holds (its
evidence) and no others:

- two of its documents are one source when they are of one outlet, or when they share
  copy directly: a ``SyndicationLink`` between the two (``syndication.py``), provided the
  link counts for this finding (``_counts``: not when the two documents report on
  different events, unless a sentence the finding rests on is one of the shared ones);
- the finding's sources are the connected components of those relations among its
  documents only. A chain of links through a document outside the finding joins nothing.

Components over the whole corpus would: stock sentences ("Forecasters said more rain was
expected over the weekend.") link articles of unrelated stories, and on the 1,000-article
benchmark corpus (20,558 links, 19,183 of them between different stories) they made one
group of all 1,000 documents, so every side of every finding counted as one source.

The work per finding is its documents and the links among them: ``Sources`` indexes the
links by document, so counting costs the findings' evidence, not the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from claimdiff.models import Event, Evidence, Finding, FindingKind, Side, Span, SyndicationLink

__all__ = [
    "CONTEXT_KINDS",
    "Sources",
    "apply_independence",
    "independence_notes",
    "independent_sources",
    "index_sources",
    "source_groups",
]

CONTEXT_KINDS = frozenset({FindingKind.DIFFERENT_MEASURE})
"""Kinds whose sides do not disagree: their notes only name the outlets sharing copy."""


@dataclass(frozen=True, slots=True)
class Sources:
    """What independence is judged from: shared copy by document, and who reports on what.

    ``links`` maps a document id to the documents it shares copy with, and the link;
    ``events`` maps a document id to the events it reports on (it is in their ``doc_ids``).
    Empty, every outlet is one source.
    """

    links: Mapping[str, Mapping[str, SyndicationLink]] = field(default_factory=dict)
    events: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def among(self, doc_ids: Collection[str]) -> list[SyndicationLink]:
        """Return the links between two of ``doc_ids``, each once, sorted."""
        wanted = set(doc_ids)
        found: list[SyndicationLink] = []
        for doc_id in sorted(wanted):
            linked = self.links.get(doc_id, {})
            # Whichever is smaller: the document's links, or the documents asked about.
            others = linked.keys() if len(linked) <= len(wanted) else wanted
            found.extend(linked[o] for o in others if o > doc_id and o in wanted and o in linked)
        return sorted(found, key=lambda link: (link.left, link.right))

    def report_on_different_events(self, left: str, right: str) -> bool:
        """Return True when both documents report on events, and on no event in common."""
        ours = self.events.get(left, frozenset())
        theirs = self.events.get(right, frozenset())
        return bool(ours and theirs) and ours.isdisjoint(theirs)


def index_sources(links: Iterable[SyndicationLink], events: Iterable[Event]) -> Sources:
    """Return the corpus's shared copy indexed by document, with the events of each."""
    by_doc: dict[str, dict[str, SyndicationLink]] = defaultdict(dict)
    for link in links:
        by_doc[link.left][link.right] = link
        by_doc[link.right][link.left] = link
    reporting: dict[str, set[str]] = defaultdict(set)
    for event in events:
        for doc_id in event.doc_ids:
            reporting[doc_id].add(event.id)
    return Sources(
        links=dict(by_doc),
        events={doc_id: frozenset(ids) for doc_id, ids in reporting.items()},
    )


def _overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in spans)


def _counts(link: SyndicationLink, sentences: Mapping[str, list[Span]], sources: Sources) -> bool:
    """Return True when the link makes its two documents one source for this finding.

    Copy between two reports of one event is copy of their account of it, whichever
    sentences the shared passages are: a rewritten wire story keeps the wire's figures
    where it edits around them, and when it changes one, the copies standing on different
    sides are pointed out. Two documents that report on no common event (each is listed by
    its own events, ``align/events.py``) were not written from one account of this
    finding's event: what they share is stock phrasing or background. On the 1,000-article
    benchmark every one of the 19,183 links between different stories joins documents with
    no event in common, and every link within a story joins documents with one. Their
    claims here (a date mentioned in passing, a past event recalled) then come from one
    text only when a sentence the finding rests on is itself a shared passage, and then
    that text is one source whatever else the documents report.
    """
    if not sources.report_on_different_events(link.left, link.right):
        return True
    return any(
        _overlaps(passage.left, sentences.get(link.left, ()))
        or _overlaps(passage.right, sentences.get(link.right, ()))
        for passage in link.passages
    )


def source_groups(evidence: Iterable[Evidence], sources: Sources) -> dict[str, str]:
    """Map each document of ``evidence`` to its source: the smallest document id of its group.

    A group is a connected component, among these documents only, of "same outlet" and
    "shares copy directly" (a link between the two that counts, ``_counts``).
    """
    outlets: dict[str, str] = {}
    sentences: dict[str, list[Span]] = defaultdict(list)
    for item in evidence:
        outlets[item.doc_id] = item.outlet
        sentences[item.doc_id].append(item.sentence)
    parent = {doc_id: doc_id for doc_id in outlets}

    def find(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    def union(a: str, b: str) -> None:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)

    first_of_outlet: dict[str, str] = {}
    for doc_id in sorted(outlets):
        union(first_of_outlet.setdefault(outlets[doc_id], doc_id), doc_id)
    for link in sources.among(outlets):
        if _counts(link, sentences, sources):
            union(link.left, link.right)
    return {doc_id: find(doc_id) for doc_id in sorted(parent)}


def _source(doc_id: str, outlet: str, groups: Mapping[str, str]) -> str:
    return groups.get(doc_id, f"outlet:{outlet}")


def independent_sources(side: Side, groups: Mapping[str, str]) -> int:
    """Return how many independent sources stand behind a side (outlets if none known).

    ``groups`` is ``source_groups`` of the finding's evidence.
    """
    return len({_source(e.doc_id, e.outlet, groups) for e in side.evidence}) or len(side.outlets)


def _names(names: Iterable[str]) -> str:
    ordered = sorted(set(names), key=lambda n: (n.casefold(), n))
    if len(ordered) <= 1:
        return "".join(ordered)
    return ", ".join(ordered[:-1]) + " and " + ordered[-1]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def independence_notes(
    sides: Sequence[Side], groups: Mapping[str, str], *, conflicting: bool = True
) -> list[str]:
    """Return the sentences that tell an editor where copies stand behind a finding.

    One sentence per group of outlets sharing copy (``groups`` is ``source_groups`` of
    the finding's evidence), naming the sides it shrinks; for a conflicting finding,
    another when copies of one text stand on different sides.
    """
    members: dict[str, set[str]] = defaultdict(set)
    on_sides: dict[str, set[int]] = defaultdict(set)
    for index, side in enumerate(sides):
        for evidence in side.evidence:
            key = _source(evidence.doc_id, evidence.outlet, groups)
            members[key].add(evidence.outlet)
            on_sides[key].add(index)
    notes: list[str] = []
    for key in sorted((k for k, o in members.items() if len(o) > 1), key=lambda k: min(members[k])):
        shrunk = [
            f"“{side.label}” rests on {_plural(side.independent_sources, 'independent source')}"
            f", not {len(side.outlets)}"
            for index, side in enumerate(sides)
            if index in on_sides[key] and side.independent_sources < len(side.outlets)
        ]
        note = f"{_names(members[key])} share copy and count as one source"
        if conflicting and shrunk:
            note += ": " + "; ".join(shrunk)
        notes.append(note + ".")
        if conflicting and len(on_sides[key]) > 1:
            notes.append(
                f"Copies of one text stand on different sides here ({_names(members[key])}): "
                "one of them edited or updated the shared text."
            )
    return notes


def apply_independence(finding: Finding, sources: Sources) -> Finding:
    """Return ``finding`` with each side's independent sources counted and copies noted."""
    groups = source_groups((e for side in finding.sides for e in side.evidence), sources)
    sides = [
        side.model_copy(update={"independent_sources": independent_sources(side, groups)})
        for side in finding.sides
    ]
    explanation = finding.explanation
    conflicting = finding.kind not in CONTEXT_KINDS
    for note in independence_notes(sides, groups, conflicting=conflicting):
        if note not in explanation:
            explanation = f"{explanation} {note}"
    return finding.model_copy(update={"sides": sides, "explanation": explanation})
