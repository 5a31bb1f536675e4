"""Incremental checks: shared copy and comparisons updated from what a store kept.

With ``--store``, a check reads back what did not change (``store.py``) and computes
the rest; whatever the store holds, the report is the one a check without a store gives,
byte for byte (tests check it on added, changed and removed articles).

- **Documents** already checked are not segmented or extracted again.
- **Shared copy**: a corpus that differs from a kept one in at most
  ``MAX_CHANGED_SHARE`` of its documents is updated from its links: only the added and
  changed documents' sentences are searched, and two unchanged documents are compared
  again only when a phrase they share crossed the stock-phrase limit
  (``align/syndication.py``, ``update_links``).
- **Comparisons**: each topic's outcome is kept under a fingerprint of everything
  ``compare_topic`` reads: the topic's claims as they are after speakers and events, its
  documents' keys, the shared copy among its documents (independent sources are counted
  among a finding's own documents, ``align/independence.py``), its events and the
  outlets reporting on them. A topic an added article leaves alone keeps its
  fingerprint, and is read back.

Speakers merged across documents, events and alignment read every claim and run in full
on every check; events read each document's dates, places and terms from its cached
clues (``align/clues.py``), and only weigh and group them again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from pydantic import TypeAdapter

from claimdiff import __version__
from claimdiff.align.blocking import ClaimGroup
from claimdiff.align.syndication import detect_syndication, update_links
from claimdiff.compare import Outcome, compare_topic, compare_topics
from claimdiff.findings import Context
from claimdiff.models import Claim, Document, Sentence, SyndicationLink
from claimdiff.store import CACHE_VERSION, MAX_CHANGED_SHARE, Store

__all__ = ["MAX_CHANGED_SHARE", "compare", "syndicate", "topic_fingerprint"]


def syndicate(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    store: Store | None,
) -> list[SyndicationLink]:
    """Return the documents sharing copy, updating a kept corpus's links when one is near.

    The same links as ``detect_syndication``; with a store, a corpus a few documents away
    from a kept one costs the search of those documents only.
    """
    if store is None:
        return detect_syndication(documents, sentences)
    keys = store.keys(documents)
    store.index(documents, sentences, keys)
    nearest = store.previous_links(keys)
    if nearest is not None and nearest[0] == keys:
        store.touch_links(keys)
        return nearest[1]
    links: list[SyndicationLink] | None = None
    if nearest is not None:
        before, previous = nearest
        gone = {doc_id: key for doc_id, key in before.items() if keys.get(doc_id) != key}
        postings = store.postings(keys, before.values())
        shingles = store.shingles(gone.values())
        if postings is not None and len(shingles) == len(gone):
            links = update_links(
                previous,
                documents,
                sentences,
                added={doc_id for doc_id, key in keys.items() if before.get(doc_id) != key},
                removed={doc_id: shingles[key] for doc_id, key in gone.items()},
                postings=postings,
            )
    if links is None:
        links = detect_syndication(documents, sentences)
    store.save_links(keys, links)
    return links


def compare(topics: Sequence[ClaimGroup], context: Context, *, store: Store | None) -> Outcome:
    """Compare every topic, reading back the outcome of topics compared before.

    The same outcome as ``compare_topics``: a topic is read back only when its
    fingerprint (``topic_fingerprint``) is the one it had when it was compared.
    """
    if store is None:
        return compare_topics(topics, context)
    keys = store.keys(context.documents.values())
    prints = {topic.key: topic_fingerprint(topic, context, keys) for topic in topics}
    known = store.comparisons(prints.values())
    fresh: dict[str, Outcome] = {}

    def compare_or_read(topic: ClaimGroup, context: Context) -> Outcome:
        fingerprint = prints[topic.key]
        outcome = known.get(fingerprint) or fresh.get(fingerprint)
        if outcome is None:
            outcome = fresh[fingerprint] = compare_topic(topic, context)
        return outcome

    outcome = compare_topics(topics, context, compare=compare_or_read)
    store.save_comparisons(fresh, used=prints.values())
    return outcome


_CLAIM_LIST = TypeAdapter(list[Claim])


def topic_fingerprint(topic: ClaimGroup, context: Context, keys: Mapping[str, str]) -> str:
    """Return a hash of everything a topic's comparison reads (``compare_topic``).

    Its claims as they are after speakers and events; for each of its documents the key
    (text and metadata, the outlet among them); each link between two of its documents
    (independent sources are judged among a finding's documents and the links between
    them, ``align/independence.py``), with where its shared passages are and whether the
    two documents report on different events; each of its events, with the outlets of the
    documents reporting on it (they decide who is silent).
    """
    digest = hashlib.sha256(f"{__version__}\x1f{CACHE_VERSION}\x1e".encode())
    digest.update(_CLAIM_LIST.dump_json(list(topic.claims)))
    for doc_id in sorted(topic.doc_ids):
        digest.update(f"\x1e{doc_id}\x1f{keys[doc_id]}".encode())
    for link in context.sources.among(topic.doc_ids):
        apart = context.sources.report_on_different_events(link.left, link.right)
        spans = ",".join(
            f"{p.left.start}-{p.left.end}:{p.right.start}-{p.right.end}" for p in link.passages
        )
        digest.update(f"\x1d{link.left}\x1f{link.right}\x1f{apart:d}\x1f{spans}".encode())
    for event_id in sorted({claim.event for claim in topic.claims}):
        event = context.events.get(event_id)
        if event is None:
            digest.update(f"\x1e{event_id}\x1f-".encode())
            continue
        digest.update(b"\x1e" + event.model_dump_json().encode())
        for doc_id in event.doc_ids:
            document = context.documents.get(doc_id)
            digest.update(f"\x1f{doc_id}\x1f{document.outlet if document else ''}".encode())
    return digest.hexdigest()
