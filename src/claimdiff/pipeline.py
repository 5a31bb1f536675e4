"""The pipeline: ingest -> segment -> extract -> events -> align -> compare -> report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from claimdiff import __version__
from claimdiff.align import align_claims
from claimdiff.align.events import place_claims
from claimdiff.align.independence import index_sources
from claimdiff.compare import blockers
from claimdiff.config import Settings
from claimdiff.findings import Context
from claimdiff.incremental import compare, placed_claims, syndicate
from claimdiff.ingest import load_documents
from claimdiff.models import (
    Claim,
    Document,
    DocumentSummary,
    Event,
    Finding,
    FindingKind,
    Report,
    Sentence,
    Severity,
    Statistics,
    SyndicationLink,
)
from claimdiff.progress import NO_PROGRESS, Progress
from claimdiff.store import Store, keep_findings, paused_gc, segment_and_extract

__all__ = ["check", "run"]


def check(
    paths: Sequence[str | Path],
    *,
    settings: Settings | None = None,
    store: Store | None = None,
    progress: Progress = NO_PROGRESS,
) -> Report:
    """Read the articles at ``paths`` and return the report of where they disagree.

    With a ``store``, documents already checked are not segmented or extracted again,
    and shared copy and topics that did not change are read back (``incremental.py``).
    """
    settings = settings or Settings()
    documents, warnings = load_documents(paths, settings=settings)
    return run(documents, settings=settings, warnings=warnings, store=store, progress=progress)


def run(
    documents: Sequence[Document],
    *,
    settings: Settings | None = None,
    warnings: Sequence[str] = (),
    store: Store | None = None,
    progress: Progress = NO_PROGRESS,
) -> Report:
    """Run every stage after ingest on already-loaded documents."""
    settings = settings or Settings()
    sentences, claims, clues = segment_and_extract(documents, store=store, progress=progress)
    progress.stage("comparing")
    with paused_gc():
        events, placed = place_claims(documents, sentences, claims, settings=settings, clues=clues)
        del clues  # only events read them (about 34 MB per 1,000 documents)
        claims = placed_claims(documents, claims, placed, store=store)
        return _compare(documents, sentences, events, claims, warnings, store)


def _compare(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    events: Sequence[Event],
    claims: Sequence[Claim],
    warnings: Sequence[str],
    store: Store | None,
) -> Report:
    """Run the stages after events: alignment, shared copy, comparison."""
    topics = align_claims(claims, blockers())
    links = syndicate(documents, sentences, store=store)
    context = Context(
        documents={d.id: d for d in documents},
        events={e.id: e for e in events},
        sources=index_sources(links, events),
    )
    outcome = compare(topics, context, store=store)
    report = build_report(
        documents,
        sentences,
        events,
        claims,
        outcome.findings,
        warnings,
        candidate_comparisons=outcome.candidate_comparisons,
        syndication=links,
    )
    keep_findings(report, documents, store=store)
    return report


def build_report(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    events: Sequence[Event],
    claims: Sequence[Claim],
    findings: Sequence[Finding],
    warnings: Sequence[str],
    *,
    candidate_comparisons: int,
    syndication: Sequence[SyndicationLink] = (),
) -> Report:
    """Assemble the report; everything in it is sorted, nothing depends on the clock."""
    per_doc = Counter(c.doc_id for c in claims)
    summaries = [
        DocumentSummary(
            id=d.id,
            outlet=d.outlet,
            url=d.url,
            title=d.title,
            published=d.published,
            sha256=d.sha256,
            chars=len(d.text),
            sentences=len(sentences.get(d.id, ())),
            claims=per_doc[d.id],
        )
        for d in sorted(documents, key=lambda d: d.id)
    ]
    by_kind = Counter(f.kind.value for f in findings)
    by_severity = Counter(f.severity.value for f in findings)
    statistics = Statistics(
        documents=len(documents),
        sentences=sum(len(s) for s in sentences.values()),
        claims=len(claims),
        candidate_comparisons=candidate_comparisons,
        findings=len(findings),
        findings_by_kind={k.value: by_kind[k.value] for k in FindingKind},
        findings_by_severity={s.value: by_severity[s.value] for s in Severity},
    )
    return Report(
        version=__version__,
        documents=summaries,
        events=list(events),
        claims=list(claims),
        findings=list(findings),
        statistics=statistics,
        warnings=list(warnings),
        syndication=list(syndication),
    )
