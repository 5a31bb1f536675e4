"""Building findings: evidence from spans, sides from claims, stable ids, silent outlets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from claimdiff.align.independence import Sources, independent_sources, source_groups
from claimdiff.lexicon import measures, nouns
from claimdiff.models import (
    Claim,
    Document,
    Event,
    Evidence,
    Finding,
    FindingKind,
    Severity,
    Side,
    Value,
    stable_id,
)


@dataclass(frozen=True, slots=True)
class Context:
    """What comparators may look up: documents and events by id, and sources.

    ``sources`` holds the shared copy between documents and the events each reports on,
    from which a finding's independent sources are counted among its own documents
    (``align/independence.py``). When it is empty, each outlet counts as one source.
    """

    documents: Mapping[str, Document]
    events: Mapping[str, Event]
    sources: Sources = field(default_factory=Sources)

    def outlet(self, doc_id: str) -> str:
        """Return the outlet name of a document."""
        return self.documents[doc_id].outlet


def evidence_for(claim: Claim, context: Context) -> Evidence:
    """Return a claim's evidence with its text read from the document through its spans."""
    document = context.documents[claim.doc_id]
    return Evidence(
        claim_id=claim.id,
        doc_id=claim.doc_id,
        outlet=document.outlet,
        span=claim.evidence,
        text=claim.evidence.text(document),
        sentence=claim.sentence,
        sentence_text=claim.sentence.text(document),
    )


def outlets_of(claims: Iterable[Claim], context: Context) -> list[str]:
    """Return the distinct outlets of some claims, sorted."""
    return sorted({context.outlet(c.doc_id) for c in claims})


def make_side(
    claims: Sequence[Claim], *, label: str, measure: str, value: Value, context: Context
) -> Side:
    """Return one side of a finding: claims that support one value."""
    ordered = sorted(claims, key=lambda c: (c.doc_id, c.evidence.start))
    evidence = [evidence_for(c, context) for c in ordered]
    side = Side(
        label=label,
        measure=measure,
        value=value,
        outlets=outlets_of(ordered, context),
        independent_sources=0,
        evidence=evidence,
    )
    # Copies of one text (wire copy, syndication) and one outlet's documents are one
    # source; counted here among the side's documents, then again among the finding's
    # (``apply_independence``, after every comparator).
    count = independent_sources(side, source_groups(evidence, context.sources))
    return side.model_copy(update={"independent_sources": count})


def make_finding(
    kind: FindingKind,
    *,
    sides: Sequence[Side],
    severity: Severity,
    confidence: float,
    topic: str,
    event: str,
    explanation: str,
    context: Context,
) -> Finding:
    """Return a finding with a stable id and the event's silent outlets."""
    claim_ids = sorted(e.claim_id for side in sides for e in side.evidence)
    speaking = {e.doc_id for side in sides for e in side.evidence}
    return Finding(
        id=stable_id(kind, *claim_ids),
        kind=kind,
        severity=severity,
        confidence=round(confidence, 2),
        topic=topic,
        event=event,
        explanation=explanation,
        sides=list(sides),
        silent=silent_outlets(event, speaking, context),
    )


def silent_outlets(event: str, speaking: Iterable[str], context: Context) -> list[str]:
    """Return the outlets reporting on ``event`` whose documents say nothing on the topic."""
    said = set(speaking)
    members = context.events[event].doc_ids if event in context.events else []
    spoken = {context.outlet(doc_id) for doc_id in said}
    return sorted({context.outlet(d) for d in members if d not in said} - spoken)


def plural(subject: str) -> str:
    """Return how findings name a counted class in the plural ("nations", "people")."""
    return nouns().plural(subject)


def measure_phrase(subject: str, measure: str) -> str:
    """Return "nations committed", "people were killed": a count's meaning in words."""
    return f"{plural(subject)} {measures().classes[measure].verb}"


def topic_label(subject: str, event: str, context: Context) -> str:
    """Return the readable label of a topic: "number of nations (Paris, 4 September 2025)"."""
    label = context.events[event].label if event in context.events else event
    return f"number of {plural(subject)} ({label})"


def severity_rank(finding: Finding) -> tuple[int, float, str, str]:
    """Sort key putting the most serious, most confident findings first."""
    return (finding.severity.rank, -finding.confidence, finding.topic, finding.id)
