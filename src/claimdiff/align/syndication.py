"""Syndication: near-duplicate passages across outlets, the documents that share copy.

Wire copy, syndicated articles and one outlet rewriting another repeat the same sentences
with light edits. Agreement among copies is not corroboration: ``independence.py`` counts
the *independent sources* on each side of a finding from the links found here.

Method, near-linear in the number of sentences:

1. Each kept sentence is reduced to its words outside direct quotations (lower case,
   punctuation dropped). Two outlets quoting the same speaker independently share the
   quote, not the copy; sentences with fewer than ``MIN_WORDS`` words left are skipped.
2. Blocking: every sentence is indexed by its word ``SHINGLE``-grams. A shingle found in
   more than ``MAX_POSTING`` sentences is a stock phrase and ignored, so each shingle
   yields at most ``MAX_POSTING**2`` pairs. Only sentences of different outlets sharing
   at least ``MIN_SHARED`` shingles become candidates (never all pairs).
3. Verification: a candidate pair is a shared passage when ``rapidfuzz.fuzz.ratio`` of
   the two reduced sentences is at least ``MIN_RATIO``.
4. Two documents share copy (a ``SyndicationLink``) when they have at least
   ``MIN_PASSAGES`` shared passages, or when the passages make up at least ``MIN_SHARE``
   of the shorter document's eligible sentences.

``update_links`` gives the same links from a previous corpus's links when a few documents
were added, changed or removed (``--store``): only the sentences of the new documents are
searched, and two unchanged documents are compared again only when a shingle they share
crossed the ``MAX_POSTING`` limit (the new documents made a phrase stock, or the removed
ones made it rare again).
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from claimdiff.memo import IdentityMemo
from claimdiff.models import Document, Sentence, SharedPassage, Span, SyndicationLink

__all__ = [
    "MIN_PASSAGES",
    "MIN_RATIO",
    "Postings",
    "detect_syndication",
    "document_shingles",
    "reduce_sentence",
    "update_links",
]

MIN_WORDS = 8
"""Words outside quotes a sentence needs: datelines and "he said" prove no copying."""
SHINGLE = 3
"""Length of the word n-grams sentences are blocked on."""
MAX_POSTING = 50
"""A shingle in more sentences than this is a stock phrase, not evidence of copying."""
MIN_SHARED = 2
"""Shingles a candidate pair must share before rapidfuzz compares it."""
MIN_RATIO = 80.0
"""``fuzz.ratio`` (0-100) from which two reduced sentences are one passage."""
MIN_PASSAGES = 2
"""Shared passages that make two documents share copy."""
MIN_SHARE = 0.5
"""...or this fraction of the shorter document's eligible sentences."""

# Direct quotations in straight or curly double quotes, or guillemets.
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Entry:
    """One eligible sentence: where it is and its reduced words."""

    doc_id: str
    outlet: str
    span: Span
    text: str
    reduced: str
    shingles: frozenset[str]


def reduce_sentence(text: str) -> list[str]:
    """Return the lower-case words of ``text`` outside direct quotations."""
    outside = _QUOTED.sub(" ", unicodedata.normalize("NFKC", text))
    return _WORD.findall(outside.casefold())


class Postings(Protocol):
    """Where shingles are, in the previous and the current corpus (a store keeps them)."""

    def counts(self, shingles: Collection[str]) -> Mapping[str, tuple[int, int]]:
        """Return how many sentences hold each shingle: before, and now.

        A count past ``MAX_POSTING`` may be given as any larger number (a stock phrase).
        """
        ...

    def holders(self, shingles: Collection[str]) -> Mapping[str, Sequence[tuple[str, int]]]:
        """Return the sentences (document id, start) of the current corpus holding each."""
        ...

    def sizes(self, doc_ids: Collection[str]) -> Mapping[str, int]:
        """Return how many eligible sentences (with shingles) each current document has."""
        ...


_Position = tuple[str, int]  # a sentence: its document id and start offset
_Pair = tuple[str, str]  # two documents, the smaller id first


def _document_entries(doc_id: str, outlet: str, sentences: Iterable[Sentence]) -> list[_Entry]:
    entries: list[_Entry] = []
    for sent in sentences:
        words = reduce_sentence(sent.text)
        if len(words) < MIN_WORDS:
            continue
        shingles = frozenset(
            " ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)
        )
        entries.append(
            _Entry(
                doc_id=doc_id,
                outlet=outlet,
                span=sent.span,
                text=sent.text,
                reduced=" ".join(words),
                shingles=shingles,
            )
        )
    return entries


class _Compared(Protocol):
    """What verifying a candidate pair reads of a sentence (``_verify``)."""

    @property
    def doc_id(self) -> str: ...
    @property
    def span(self) -> Span: ...
    @property
    def text(self) -> str: ...
    @property
    def reduced(self) -> str: ...


class _Reduced(NamedTuple):
    """An eligible sentence as a candidate pair is verified: its words, not its shingles."""

    doc_id: str
    span: Span
    text: str
    reduced: str


def _reduced(sent: Sentence) -> str | None:
    """Return a sentence's reduced words, None when it is not eligible (``_Entry``)."""
    words = reduce_sentence(sent.text)
    return " ".join(words) if len(words) >= MIN_WORDS else None


_REDUCED: IdentityMemo[Sentence, str | None] = IdentityMemo(_reduced, limit=1 << 16)
"""The reduced words of sentences an update verified (a store keeps them the same
objects): an article sharing stock phrases with a thousand others is verified against
the same sentences of theirs on every check (issue 7)."""


def _entries(
    documents: Sequence[Document], sentences: Mapping[str, Sequence[Sentence]]
) -> list[_Entry]:
    entries: list[_Entry] = []
    for document in sorted(documents, key=lambda d: d.id):
        entries.extend(
            _document_entries(document.id, document.outlet, sentences.get(document.id, ()))
        )
    return entries


def document_shingles(sentences: Iterable[Sentence]) -> list[tuple[int, frozenset[str]]]:
    """Return the start and the shingles of each of a document's eligible sentences."""
    return [(entry.span.start, entry.shingles) for entry in _document_entries("", "", sentences)]


def _candidates(entries: Sequence[_Entry]) -> list[tuple[int, int]]:
    """Return index pairs of sentences from different outlets sharing enough shingles.

    The pairs of every posting are made and counted as arrays (a posting of ``m``
    sentences gives ``m * (m - 1) / 2`` pairs, up to about a million on 1,000 articles of
    wire-heavy news: counted one by one in Python they cost seconds).
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        for shingle in entry.shingles:
            postings[shingle].append(index)
    by_size: dict[int, list[list[int]]] = defaultdict(list)
    for members in postings.values():
        if 2 <= len(members) <= MAX_POSTING:
            by_size[len(members)].append(members)  # indices ascending: left < right
    codes: dict[str, int] = {}
    outlets = np.array([codes.setdefault(e.outlet, len(codes)) for e in entries], dtype=np.int64)
    keys = [np.empty(0, dtype=np.int64)]
    for size, groups in sorted(by_size.items()):
        held = np.array(groups, dtype=np.int64)
        left, right = np.triu_indices(size, k=1)
        lefts, rights = held[:, left].ravel(), held[:, right].ravel()
        apart = outlets[lefts] != outlets[rights]
        keys.append(lefts[apart] * len(entries) + rights[apart])
    pairs, counts = np.unique(np.concatenate(keys), return_counts=True)
    lefts, rights = divmod(pairs[counts >= MIN_SHARED], len(entries))
    return list(zip(lefts.tolist(), rights.tolist(), strict=True))


def detect_syndication(
    documents: Sequence[Document], sentences: Mapping[str, Sequence[Sentence]]
) -> list[SyndicationLink]:
    """Return the pairs of documents from different outlets that share copy, sorted."""
    entries = _entries(documents, sentences)
    eligible = Counter(entry.doc_id for entry in entries)
    candidates = _candidates(entries)
    # Every candidate pair's ratio in one call, on both cores (the pairs are independent).
    ratios = cpdist(
        [entries[i].reduced for i, _ in candidates],
        [entries[j].reduced for _, j in candidates],
        scorer=fuzz.ratio,
        score_cutoff=MIN_RATIO,
        workers=-1,
    )
    alike: dict[_Pair, list[tuple[_Entry, _Entry, float]]] = defaultdict(list)
    for k in np.flatnonzero(ratios >= MIN_RATIO).tolist():
        i, j = candidates[k]
        a, b = (
            (entries[i], entries[j])
            if _before(entries[i], entries[j])
            else (entries[j], entries[i])
        )
        alike[(a.doc_id, b.doc_id)].append((a, b, float(ratios[k])))
    outlets = {d.id: d.outlet for d in documents}
    # Passages are made for the pairs that share copy only (most alike pairs have one).
    return _links(
        _group(pair, [_passage(*found) for found in alike[pair]], eligible, outlets)
        for pair in alike
        if _shares_copy(pair, len(alike[pair]), eligible)
    )


def _verify(a: _Compared, b: _Compared) -> SharedPassage | None:
    """Return the shared passage of two candidate sentences, or None if they differ."""
    ratio = fuzz.ratio(a.reduced, b.reduced)
    return _passage(a, b, ratio) if ratio >= MIN_RATIO else None


def _passage(a: _Compared, b: _Compared, ratio: float) -> SharedPassage:
    """Return two sentences found alike (``ratio`` of their words) as a passage."""
    if not _before(a, b):
        a, b = b, a
    return SharedPassage(
        left=a.span,
        right=b.span,
        left_text=a.text,
        right_text=b.text,
        similarity=round(ratio / 100.0, 3),
    )


def _before(a: _Compared, b: _Compared) -> bool:
    """Return whether ``a`` is the left sentence of a passage with ``b``."""
    return (a.doc_id, a.span.start) < (b.doc_id, b.span.start)


def _share(pair: _Pair, passages: int, eligible: Mapping[str, int]) -> float:
    """Return the share of the shorter document's eligible sentences in ``passages``."""
    return passages / max(min(eligible[pair[0]], eligible[pair[1]]), 1)


def _shares_copy(pair: _Pair, passages: int, eligible: Mapping[str, int]) -> bool:
    """Return whether two documents with ``passages`` shared passages share copy."""
    return passages >= MIN_PASSAGES or _share(pair, passages, eligible) >= MIN_SHARE


def _group(
    pair: _Pair,
    passages: Iterable[SharedPassage],
    eligible: Mapping[str, int],
    outlets: Mapping[str, str],
) -> SyndicationLink | None:
    """Return the pair's passages as a link, or None unless the documents share copy."""
    left, right = pair
    found = sorted(passages, key=lambda p: (p.left.start, p.right.start))
    if not _shares_copy(pair, len(found), eligible):
        return None
    share = _share(pair, len(found), eligible)
    return SyndicationLink(
        left=left,
        right=right,
        left_outlet=outlets[left],
        right_outlet=outlets[right],
        share=round(min(share, 1.0), 3),
        passages=found,
    )


def _links(links: Iterable[SyndicationLink | None]) -> list[SyndicationLink]:
    return sorted((link for link in links if link is not None), key=lambda k: (k.left, k.right))


def update_links(
    previous: Sequence[SyndicationLink],
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    added: Collection[str],
    removed: Mapping[str, Collection[str]],
    postings: Postings,
) -> list[SyndicationLink]:
    """Return ``detect_syndication`` of the current corpus, from the previous one's links.

    Args:
        previous: The links of the previous corpus.
        documents: The current corpus.
        sentences: The current corpus's kept sentences.
        added: Ids of documents new since the previous corpus (or changed: a changed
            document is removed in its old version and added in its new one).
        removed: Ids of the previous corpus's documents not in the current one in the
            same version, with their shingles then (``document_shingles``).
        postings: Where shingles are, in both corpora.
    """
    outlets = {d.id: d.outlet for d in documents}
    new = set(added)
    fresh = {
        doc_id: _document_entries(doc_id, outlets[doc_id], sentences.get(doc_id, ()))
        for doc_id in sorted(new)
    }
    affected = {s for found in fresh.values() for entry in found for s in entry.shingles}
    affected.update(s for shingles in removed.values() for s in shingles)
    counts = dict(postings.counts(affected))

    def eligible(count: int) -> bool:
        return 2 <= count <= MAX_POSTING

    # 1. Sentences of new documents against the sentences sharing an eligible shingle
    #    with them: every shingle of a new sentence was counted, so each count is whole.
    shared: Counter[tuple[_Position, _Position]] = Counter()
    wanted = sorted(s for s in affected if eligible(counts[s][1]))
    for members in postings.holders(wanted).values():
        ordered = sorted(members)
        # Each new sentence with every other (a pair of two new ones once), not every
        # pair of the up to MAX_POSTING holders (issue 7).
        for k in [i for i, (doc_id, _) in enumerate(ordered) if doc_id in new]:
            here = ordered[k]
            outlet = outlets[here[0]]
            for m, there in enumerate(ordered):
                if m == k or (m < k and there[0] in new) or outlets[there[0]] == outlet:
                    continue
                shared[(here, there) if k < m else (there, here)] += 1
    # 2. Pairs of unchanged documents sharing a shingle that crossed the stock-phrase
    #    limit. A shingle that became eligible may make passages: the pair is compared
    #    again from scratch. One that became a stock phrase only lowers the counts of
    #    the sentence pairs holding it: only the pair's passages holding it are counted
    #    again (a pair without a link cannot gain one).
    crossed = sorted(s for s in affected if eligible(counts[s][0]) != eligible(counts[s][1]))
    again: set[_Pair] = set()
    stock: dict[_Pair, set[str]] = defaultdict(set)
    for shingle, members in postings.holders(crossed).items():
        holding = sorted({doc_id for doc_id, _ in members} - new)
        gained = eligible(counts[shingle][1])
        for i, left_id in enumerate(holding):
            for right_id in holding[i + 1 :]:
                if outlets[left_id] == outlets[right_id]:
                    continue
                if gained:
                    again.add((left_id, right_id))
                else:
                    stock[(left_id, right_id)].add(shingle)
    entries: dict[str, list[_Entry]] = {}
    at = {_position(e): e for found in fresh.values() for e in found}

    def entries_of(doc_id: str) -> list[_Entry]:
        if doc_id not in entries:
            entries[doc_id] = _document_entries(doc_id, outlets[doc_id], sentences.get(doc_id, ()))
            at.update((_position(e), e) for e in entries[doc_id])
        return entries[doc_id]

    starts: dict[str, dict[int, Sentence]] = {}

    def sentence_at(position: _Position) -> Sentence:
        doc_id, start = position
        if doc_id not in starts:
            starts[doc_id] = {}
            for sent in sentences.get(doc_id, ()):
                starts[doc_id].setdefault(sent.span.start, sent)  # the first, as before
        return starts[doc_id][start]

    def entry_at(position: _Position) -> _Entry:
        if position not in at:
            doc_id = position[0]
            found = _document_entries(doc_id, outlets[doc_id], [sentence_at(position)])
            at.update((_position(e), e) for e in found)
        return at[position]

    # Verifying a pair reads the sentences' words only: their shingles are not made.
    compared: dict[_Position, _Compared] = {}

    def compared_at(position: _Position) -> _Compared:
        found = at.get(position) or compared.get(position)
        if found is None:
            sent = sentence_at(position)
            reduced = _REDUCED(sent)
            if reduced is None:
                raise KeyError(position)  # not eligible: never a posting's sentence
            found = compared[position] = _Reduced(position[0], sent.span, sent.text, reduced)
        return found

    # Where each shingle is in the documents of pairs compared again (issue 7: looking
    # through every sentence of both documents for each shingle they share was most of
    # an update whose new document made common phrases stock ones).
    places: dict[str, dict[str, list[_Position]]] = {}
    for doc_id in sorted({doc_id for pair in again for doc_id in pair}):
        places[doc_id] = defaultdict(list)
        for entry in entries_of(doc_id):
            for shingle in entry.shingles:
                places[doc_id][shingle].append(_position(entry))
    common = {pair: places[pair[0]].keys() & places[pair[1]].keys() for pair in sorted(again)}
    missing = {s for shingles in common.values() for s in shingles} - counts.keys()
    if missing:
        counts.update(postings.counts(missing))
    for (left_id, right_id), shingles in common.items():
        lefts, rights = places[left_id], places[right_id]
        for shingle in shingles:
            if eligible(counts[shingle][1]):
                for left in lefts[shingle]:
                    for right in rights[shingle]:
                        shared[(left, right)] += 1
    found: dict[_Pair, list[SharedPassage]] = {pair: [] for pair in again}
    for (left_at, right_at), count in sorted(shared.items()):
        passage = (
            _verify(compared_at(left_at), compared_at(right_at)) if count >= MIN_SHARED else None
        )
        if passage is not None:
            found.setdefault((left_at[0], right_at[0]), []).append(passage)
    pairs = list(map(_PAIR, previous))
    found.update(_without_stock(previous, pairs, stock, again, entry_at, postings, counts))
    touched = new | set(removed)
    # The previous links neither touching a new or removed document nor found again,
    # kept in their (sorted) order; the links found are put in place among them.
    links = list(
        itertools.compress(
            previous,
            map(
                operator.and_,
                map(touched.isdisjoint, pairs),
                map(operator.not_, map(found.__contains__, pairs)),
            ),
        )
    )
    sizes = postings.sizes({doc_id for pair in found for doc_id in pair})
    made = [_group(pair, p, sizes, outlets) for pair, p in found.items()]
    if not all(map(operator.lt, pairs, itertools.islice(pairs, 1, None))):
        return _links([*links, *made])  # previous links out of order: sorted whole
    for link in _links(made):
        bisect.insort(links, link, key=_PAIR)
    return links


def _without_stock(
    previous: Sequence[SyndicationLink],
    pairs: Sequence[_Pair],
    stock: Mapping[_Pair, Collection[str]],
    again: Collection[_Pair],
    entry_at: Callable[[_Position], _Entry],
    postings: Postings,
    counts: dict[str, tuple[int, int]],
) -> dict[_Pair, list[SharedPassage]]:
    """Return the passages left to linked pairs whose shared shingles became stock phrases.

    A passage holding such a shingle in both sentences is kept while its sentences still
    share ``MIN_SHARED`` eligible shingles (their words, so their ratio, are the same).
    Only pairs that lost a passage are returned; the others keep their link.
    """
    counted: list[tuple[_Pair, SyndicationLink, SharedPassage, frozenset[str]]] = []
    # The few previous links (``pairs``: their documents) that lost a shingle, found
    # without a Python loop (issue 7).
    for link in itertools.compress(previous, map(stock.__contains__, pairs)):
        pair = (link.left, link.right)
        lost = stock[pair]
        if not lost or pair in again:
            continue
        for passage in link.passages:
            left = entry_at((passage.left.doc_id, passage.left.start))
            right = entry_at((passage.right.doc_id, passage.right.start))
            common = left.shingles & right.shingles
            if not common.isdisjoint(lost):
                counted.append((pair, link, passage, common))
    missing = {s for *_, common in counted for s in common} - counts.keys()
    if missing:
        counts.update(postings.counts(missing))
    dropped: dict[_Pair, tuple[SyndicationLink, set[int]]] = {}
    for pair, link, passage, common in counted:
        if sum(2 <= counts[s][1] <= MAX_POSTING for s in common) < MIN_SHARED:
            dropped.setdefault(pair, (link, set()))[1].add(id(passage))
    return {
        pair: [p for p in link.passages if id(p) not in gone]
        for pair, (link, gone) in dropped.items()
    }


_PAIR = operator.attrgetter("left", "right")
"""A link's documents, the key links are sorted by."""


def _position(entry: _Entry) -> _Position:
    return (entry.doc_id, entry.span.start)
