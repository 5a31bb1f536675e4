"""Incremental checks: shared copy and comparisons updated from what a store kept.

With ``--store``, a check reads back what did not change (``store/``) and computes
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

Events run in full on every check: an added document moves every term's weight (the
corpus's document frequencies), so every document is weighed and grouped again; each
document's dates, places and terms come from its cached clues (``align/clues.py``).

Within a process, checks with a store also reuse what earlier checks made (``memo.py``):
what the store read is kept parsed while it holds the same text; speakers are merged
document by document, a document whose claims and merged speakers are those of an
earlier check getting that check's claims (``extract/attribution.py``); a document's
sorted terms are kept for its clues (``align/signature.py``); a claim placed in the
same event as by an earlier check, or equal to one of its claims, is that check's claim
(``placed_claims``, ``same_claims``), and so alignment updates the topics an added
article touches (``align/graph.py``), and fingerprints, shared copy and the JSON and
Markdown reports are written from what was kept for unchanged claims, findings and
links (issue 7).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from pydantic import TypeAdapter

from claimdiff import __version__
from claimdiff.align.blocking import ClaimGroup
from claimdiff.align.events import with_event
from claimdiff.align.syndication import detect_syndication, update_links
from claimdiff.compare import Outcome, compare_topic, compare_topics
from claimdiff.findings import Context
from claimdiff.memo import Recent
from claimdiff.models import Claim, Document, Sentence, SyndicationLink
from claimdiff.store import CACHE_VERSION, MAX_CHANGED_SHARE, Store

__all__ = [
    "MAX_CHANGED_SHARE",
    "Fingerprints",
    "compare",
    "placed_claims",
    "same_claims",
    "syndicate",
    "topic_fingerprint",
]


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
    if links is not None:
        store.save_links(keys, links, updated=True)
        return links
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
    fingerprint = Fingerprints(context, keys)
    prints = {topic.key: fingerprint(topic) for topic in topics}
    known = store.comparisons(prints.values())
    fresh: dict[str, Outcome] = {}

    def compare_or_read(topic: ClaimGroup, context: Context) -> Outcome:
        fingerprint = prints[topic.key]
        outcome = known.get(fingerprint) or fresh.get(fingerprint)
        if outcome is None:
            outcome = fresh[fingerprint] = compare_topic(topic, context)
        return outcome

    outcome = compare_topics(topics, context, compare=compare_or_read)
    outcomes = {**known, **fresh}
    store.save_comparisons(fresh, used={f: outcomes[f] for f in prints.values()})
    return outcome


def _equal(left: Claim, right: Claim) -> bool:
    """Return ``left == right`` (for records, whose fields are all their attributes)."""
    return type(left) is type(right) and left.__dict__ == right.__dict__


MEMO_CLAIMS = 1 << 17
"""Placed claims a process keeps (a few corpora's)."""

_PLACED: Recent[tuple[str, str], tuple[Claim, str, Claim]] = Recent(limit=MEMO_CLAIMS)
"""By document key and claim id: the claim as extracted, its event and the claim placed."""


def placed_claims(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    events: Sequence[str],
    *,
    store: Store | None,
) -> list[Claim]:
    """Return the claims, each with its event set, as ``resolve_events`` returns them.

    With a store, a claim of the same document in the same version (its key) that a
    recent check with a store placed in the same event is the claim that check placed:
    neither copied again (a copy of every claim was a fifth of the events' time of an
    add to a stored 1,000-article corpus, issue 7) nor derived from again by later
    stages (topics, fingerprints, JSON; ``memo.py``). A claim placed anew that equals
    the one placed before is that one too. The claims are equal either way.
    """
    if store is None:
        return [with_event(claim, event) for claim, event in zip(claims, events, strict=True)]
    keys = store.keys(documents)
    kept = _PLACED
    current = kept.current()  # looked up first: most claims were placed by the last check
    result: list[Claim] = []
    for claim, event in zip(claims, events, strict=True):
        key = (keys[claim.doc_id], claim.id)
        before = current.get(key) or kept.get(key)
        if (
            before is not None
            and before[1] == event
            and (before[0] is claim or _equal(before[0], claim))
        ):
            result.append(before[2])
            continue
        placed = with_event(claim, event)
        if before is not None and before[2] is not placed and _equal(before[2], placed):
            placed = before[2]
        kept.put(key, (claim, event, placed))
        result.append(placed)
    return result


def same_claims(
    documents: Sequence[Document], claims: Sequence[Claim], *, store: Store | None
) -> list[Claim]:
    """Return the claims, each equal to one of an earlier check's given back as that one.

    ``placed_claims`` with each claim's own event: with a store, a claim equal to one of
    a recent check with a store, of the same document in the same version (its key), is
    that claim. The claims are equal either way.
    """
    return placed_claims(documents, claims, [claim.event for claim in claims], store=store)


def topic_fingerprint(topic: ClaimGroup, context: Context, keys: Mapping[str, str]) -> str:
    """Return a hash of everything a topic's comparison reads (``compare_topic``).

    Its claims as they are after speakers and events; for each of its documents the key
    (text and metadata, the outlet among them); each link between two of its documents
    (independent sources are judged among a finding's documents and the links between
    them, ``align/independence.py``), with where its shared passages are and whether the
    two documents report on different events; each of its events, with the outlets of the
    documents reporting on it (they decide who is silent).
    """
    return Fingerprints(context, keys)(topic)


class _Claims(NamedTuple):
    """What a topic's fingerprint reads from its claims alone (``Fingerprints``)."""

    claims: tuple[Claim, ...]  # kept: the key of a part is their identities
    digest: hashlib._Hash  # the hash of the fingerprint's start and the claims' JSON
    doc_ids: list[str]
    events: list[str]


_CLAIM_LIST = TypeAdapter(list[Claim])

MEMO_TOPICS = 1 << 16
"""Topics whose claims' part of the fingerprint a process keeps (a few corpora's)."""

_CLAIMS_PARTS: Recent[tuple[int, ...], _Claims] = Recent(limit=MEMO_TOPICS)
"""The claims' parts of recent fingerprints, by the claims' identities."""


class Fingerprints:
    """``topic_fingerprint`` of many topics of one context, each event and link read once.

    An event's part of a fingerprint lists the outlets of every document reporting on it,
    and most topics of a large event are small: writing it for each topic again was most
    of the fingerprints' time (issue 7). What a topic's claims alone give is kept for
    the same claims (a store keeps claims the same objects, ``same_claims``).
    """

    def __init__(self, context: Context, keys: Mapping[str, str]) -> None:
        self._context = context
        self._keys = keys
        self._events: dict[str, bytes] = {}
        self._links: dict[tuple[str, str], bytes] = {}

    def __call__(self, topic: ClaimGroup) -> str:
        """Return the fingerprint of one topic."""
        identities = tuple(map(id, topic.claims))
        part = _CLAIMS_PARTS.get(identities)
        if part is None:
            part = _claims_part(topic.claims)
            _CLAIMS_PARTS.put(identities, part)
        digest = part.digest.copy()
        keys = self._keys
        digest.update(
            "".join(f"\x1e{doc_id}\x1f{keys[doc_id]}" for doc_id in part.doc_ids).encode()
        )
        for link in self._context.sources.among(part.doc_ids):
            digest.update(self._link(link))
        for event_id in part.events:
            digest.update(self._event(event_id))
        return digest.hexdigest()

    def _link(self, link: SyndicationLink) -> bytes:
        pair = (link.left, link.right)
        part = self._links.get(pair)
        if part is None:
            apart = self._context.sources.report_on_different_events(link.left, link.right)
            spans = ",".join(
                f"{p.left.start}-{p.left.end}:{p.right.start}-{p.right.end}" for p in link.passages
            )
            part = f"\x1d{link.left}\x1f{link.right}\x1f{apart:d}\x1f{spans}".encode()
            self._links[pair] = part
        return part

    def _event(self, event_id: str) -> bytes:
        part = self._events.get(event_id)
        if part is None:
            event = self._context.events.get(event_id)
            if event is None:
                part = f"\x1e{event_id}\x1f-".encode()
            else:
                documents = self._context.documents
                outlets = "".join(
                    f"\x1f{doc_id}\x1f{documents[doc_id].outlet if doc_id in documents else ''}"
                    for doc_id in event.doc_ids
                )
                part = b"\x1e" + event.model_dump_json().encode() + outlets.encode()
            self._events[event_id] = part
        return part


def _claims_part(claims: tuple[Claim, ...]) -> _Claims:
    digest = hashlib.sha256(f"{__version__}\x1f{CACHE_VERSION}\x1e".encode())
    digest.update(_CLAIM_LIST.dump_json(list(claims)))
    doc_ids = sorted({claim.doc_id for claim in claims})
    return _Claims(claims, digest, doc_ids, sorted({claim.event for claim in claims}))
