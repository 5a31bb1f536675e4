"""Content signatures: what a document is about, as a sparse term vector.

A document's signature weighs the content words and the named things ("Emmanuel
Macron", "Port Amara") of its kept sentences: sublinear term frequency (1 + ln tf)
times a smoothed inverse document frequency over the corpus checked, ln((1 + N) /
(1 + df)) + 1, scaled to unit length. Smoothing keeps every weight positive, so the
two documents of a two-document corpus still score by the terms they share, while in a
large corpus the words every story uses weigh little. A named thing (a capitalised word
that does not open its sentence, or two such words in a row) weighs ``NAME_WEIGHT``
times more: two stories of one kind (two floods, two summits) share their common words,
and what tells them apart is who and where. Calendar words, reporting verbs, numbers and
stop words are left out (``data/signatures.toml``): two stories of the same day share
them whatever they are about.

Events compare a document with a cluster's centroid (the sum of its documents'
signatures), not with its nearest member, so a chain of pairwise resemblances cannot
join two stories. Sums are exact (``math.fsum``), so scores never depend on the order
terms are visited.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple, overload

from spacy.lang.en.stop_words import STOP_WORDS

from claimdiff.lexicon import load_data
from claimdiff.memo import IdentityMemo
from claimdiff.models import Record, Sentence

__all__ = [
    "KEY_TERMS",
    "MIN_TERMS",
    "NAME_WEIGHT",
    "Centroid",
    "Signature",
    "Term",
    "TermCounts",
    "document_signatures",
    "term_counts",
    "terms",
    "weigh",
]

NAME_WEIGHT = 3.0
"""How much more a named thing weighs than a common word of the same frequencies."""

KEY_TERMS = 20
"""How many of its heaviest shared terms index a document (``Signature.keys``).

An event a document resembles shares weight with it, and that weight sits in the terms
both hold, not in those only one document of the corpus holds. Events are looked up by
these keys, so a join compares a document with the events of its window that share one
of its strongest terms, not with every event of a busy day.
"""

MIN_TERMS = 20
"""Fewer distinct terms than this (a headline, a one-line brief) tell no story apart.

Two articles of one story share a handful of their terms; between one-sentence texts
that handful is one word or none, whatever their story. The comparator fixtures' sentences
hold 1 to 12 terms; the shortest bundled article holds 29.
"""

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s?$")


class SignatureLexicon(Record):
    """Words left out of signatures because every story uses them."""

    stop_words: list[str]


@dataclass(frozen=True, slots=True)
class Signature:
    """A document's unit-length term vector, with its terms' surface forms and keys.

    ``surface`` is how the document most often writes each term; ``keys`` are its
    heaviest terms that another document of the corpus holds too (``KEY_TERMS``).
    """

    weights: Mapping[str, float]
    surface: Mapping[str, str] = field(default_factory=dict)
    keys: Sequence[str] = ()
    square: float | None = None  # the squared length of ``weights``, when known


class Term(NamedTuple):
    """One term of a text: its key, how it was written and whether it names something."""

    key: str
    surface: str
    named: bool


@cache
def _stop_words() -> frozenset[str]:
    extra = load_data(SignatureLexicon, "signatures.toml").stop_words
    return frozenset(STOP_WORDS) | frozenset(extra)


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    """Return the key of a word: lower-cased, possessive and plural "s" dropped."""
    key = _POSSESSIVE.sub("", word.lower())
    if len(key) > 3 and key.endswith("s") and not key.endswith(("ss", "us", "is")):
        key = key[:-1]
    return key


def terms(text: str) -> list[Term]:
    """Return the terms of one sentence, in order.

    Content words become terms. A capitalised word after the first names something, and
    two capitalised content words in a row are also one named thing ("Emmanuel Macron"
    -> "emmanuel macron").
    """
    stop = _stop_words()
    found: list[Term] = []
    previous: tuple[str, int, int] | None = None  # the last capitalised word: key, span
    for match in _WORD.finditer(text):
        word = match.group()
        key = _fold(word)
        if len(key) < 3 or key in stop or word.lower() in stop:
            previous = None
            continue
        capital = word[0].isupper()
        found.append(Term(key, word, capital and match.start() > 0))
        if not capital:
            previous = None
            continue
        if previous is not None and text[previous[2] : match.start()].isspace():
            found.append(Term(f"{previous[0]} {key}", text[previous[1] : match.end()], True))
        previous = (key, match.start(), match.end())
    return found


TermCounts = Mapping[str, tuple[int, bool, str]]
"""A document's terms: each key's count, whether it names something, its commonest form."""


def term_counts(sentences: Sequence[Sentence]) -> dict[str, tuple[int, bool, str]]:
    """Return a document's terms (``TermCounts``), in alphabetical order.

    A term names something when any of its occurrences does; its form is the one the
    document writes most often (ties: alphabetical), what events' labels show.
    """
    found = [term for sent in sentences for term in terms(sent.text)]
    counts = Counter(term.key for term in found)
    forms = Counter((term.key, term.surface) for term in found)
    named = {term.key for term in found if term.named}
    surface: dict[str, str] = {}
    for (key, form), _ in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0])):
        surface.setdefault(key, form)
    return {key: (counts[key], key in named, surface[key]) for key in sorted(counts)}


def document_signatures(
    sentences: Mapping[str, Sequence[Sentence]], *, name_weight: float = NAME_WEIGHT
) -> dict[str, Signature]:
    """Return each document's signature, weighted against the whole corpus."""
    counted = {doc_id: term_counts(doc_sents) for doc_id, doc_sents in sentences.items()}
    return weigh(counted, name_weight=name_weight)


def weigh(
    counts: Mapping[str, TermCounts], *, name_weight: float = NAME_WEIGHT
) -> dict[str, Signature]:
    """Return each document's signature from its terms, weighted against all of them."""
    parts = [(doc_id, tf, _TERMS(tf)) for doc_id, tf in counts.items()]
    df: Counter[str] = Counter()
    for _, _, part in parts:
        df.update(part.keys)
    total = len(counts)
    # One logarithm per document frequency, not per term.
    logs = {n: math.log((1 + total) / (1 + n)) + 1.0 for n in set(df.values())}
    idf = dict(zip(df.keys(), map(logs.__getitem__, df.values()), strict=True))
    shared = dict(zip(df.keys(), map(operator.lt, itertools.repeat(1), df.values()), strict=True))
    factor = {True: name_weight, False: 1.0}
    signatures: dict[str, Signature] = {}
    # Element by element, without a Python loop over the terms (issue 7): the same
    # products, in the same order, as (1 + ln tf) * idf * (name weight or 1).
    for doc_id, tf, part in parts:
        raw = _raw(part, idf, factor)
        norm = math.sqrt(math.fsum(map(operator.mul, raw, raw)))
        weights = (
            dict(zip(part.keys, map(operator.truediv, raw, itertools.repeat(norm)), strict=True))
            if norm
            else {}
        )
        signatures[doc_id] = Signature(
            weights=weights,
            surface=_Forms(tf),
            keys=_KeyTerms(part, idf, factor, shared),
            square=_square(weights),
        )
    return signatures


def _raw(part: _Terms, idf: Mapping[str, float], factor: Mapping[bool, float]) -> list[float]:
    """Return a document's weights before scaling, term by term (in key order)."""
    return list(
        map(
            operator.mul,
            map(operator.mul, part.sublinear, map(idf.__getitem__, part.keys)),
            map(factor.__getitem__, part.named),
        )
    )


class _KeyTerms(Sequence[str]):
    """A signature's key terms (``KEY_TERMS``), ranked when first read.

    Events read them only in a busy window (``clusters.py``): ranking every document's
    shared terms was a fifth of the weighing of an add to a stored 1,000-article corpus,
    which has none (issue 7). The heaviest shared terms first, ties in key order.
    """

    __slots__ = ("_factor", "_idf", "_part", "_ranked", "_shared")

    def __init__(
        self,
        part: _Terms,
        idf: Mapping[str, float],
        factor: Mapping[bool, float],
        shared: Mapping[str, bool],
    ) -> None:
        self._part: _Terms | None = part
        self._idf, self._factor, self._shared = idf, factor, shared
        self._ranked: tuple[str, ...] | None = None

    def _terms(self) -> tuple[str, ...]:
        if self._ranked is None:
            part = self._part
            assert part is not None  # kept until ranked
            raw = _raw(part, self._idf, self._factor)  # the same products as the weights'
            # A stable sort of positions in the sorted keys, reversed: equal weights keep
            # their (key) order.
            heaviest = sorted(
                itertools.compress(range(len(part.keys)), map(self._shared.__getitem__, part.keys)),
                key=raw.__getitem__,
                reverse=True,
            )
            self._ranked = tuple(map(part.keys.__getitem__, heaviest[:KEY_TERMS]))
            self._part = None
        return self._ranked

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._terms()[index]

    def __len__(self) -> int:
        return len(self._terms())

    def __iter__(self) -> Iterator[str]:
        return iter(self._terms())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return self._terms() == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to tuples, like a list

    def __repr__(self) -> str:
        return repr(self._terms())


class _Terms(NamedTuple):
    """What a document's signature takes from its term counts alone, term by term."""

    keys: tuple[str, ...]  # sorted
    sublinear: tuple[float, ...]  # 1 + ln tf
    named: tuple[bool, ...]


def _terms(counts: TermCounts) -> _Terms:
    keys = tuple(sorted(counts))
    if not keys:
        return _Terms((), (), ())
    n, named, _ = zip(*map(counts.__getitem__, keys), strict=True)
    return _Terms(keys, tuple(map(_sublinear, n)), named)


MEMO_DOCUMENTS = 1 << 15
"""Documents' term counts whose ``_Terms`` a process keeps (a few corpora's)."""

_TERMS: IdentityMemo[TermCounts, _Terms] = IdentityMemo(_terms, limit=MEMO_DOCUMENTS)
"""By term counts: a store keeps each document's counts (its event clues) the same object
from one check to the next, so a check sorts and counts the terms of new documents only
(``memo.py``; issue 7)."""


def _square(weights: Mapping[str, float]) -> float:
    """Return the squared length of a term vector, exactly rounded."""
    return math.fsum(map(operator.mul, weights.values(), weights.values()))


@cache
def _sublinear(count: int) -> float:
    return 1.0 + math.log(count)


class _Forms(Mapping[str, str]):
    """How a document most often writes each of its terms, read from its term counts."""

    def __init__(self, counts: TermCounts) -> None:
        self._counts = counts

    def __getitem__(self, key: str) -> str:
        return self._counts[key][2]

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


def cosine(left: Mapping[str, float], right: Mapping[str, float]) -> float:
    """Return the cosine of two unit-length term vectors."""
    return _dot(left, right)


def _dot(left: Mapping[str, float], right: Mapping[str, float]) -> float:
    """Return the exact dot product of two sparse vectors (``fsum``: in any order)."""
    if len(left) > len(right):
        left, right = right, left
    # A term the longer vector lacks counts 0.0 (the exact sum is the same), so that the
    # products are made without a Python loop (issue 7).
    return math.fsum(
        map(operator.mul, left.values(), map(right.get, left.keys(), itertools.repeat(0.0)))
    )


class Centroid:
    """The direction of the signatures added to it, kept as their sum and its norm."""

    def __init__(self) -> None:
        self.total: dict[str, float] = {}
        self.norm2 = 0.0
        self.members = 0
        # The last signature scored (``similarity``) and its dot product with the sum,
        # while no signature was added since: adding it reuses the product.
        self._scored: tuple[Mapping[str, float], float] | None = None

    def __bool__(self) -> bool:
        return self.norm2 > 0.0

    def add(self, weights: Mapping[str, float], *, square: float | None = None) -> None:
        """Add one signature; the squared norm grows by 2 s·v + |v|² (linear in v).

        ``square`` is |v|² when known (``Signature.square``).
        """
        if not weights:
            return
        total = self.total
        scored = self._scored
        dot = scored[1] if scored is not None and scored[0] is weights else _dot(weights, total)
        self._scored = None
        self.norm2 += 2.0 * dot + (square if square is not None else _square(weights))
        # total[key] = total.get(key, 0.0) + weight for each term, without a Python loop.
        total.update(
            zip(
                weights.keys(),
                map(
                    operator.add,
                    map(total.get, weights.keys(), itertools.repeat(0.0)),
                    weights.values(),
                ),
                strict=True,
            )
        )
        self.members += 1

    def similarity(self, weights: Mapping[str, float]) -> float:
        """Return the cosine between a signature and the centroid (0 when either is empty)."""
        if not weights or self.norm2 <= 0.0:
            return 0.0
        dot = _dot(weights, self.total)
        self._scored = (weights, dot)
        return dot / math.sqrt(self.norm2)

    def mean(self, key: str) -> float:
        """Return a term's mean weight over the signatures added."""
        return self.total.get(key, 0.0) / self.members if self.members else 0.0

    def means(self) -> dict[str, float]:
        """Return every term's mean weight over the signatures added (``mean``)."""
        members = self.members
        return {key: weight / members for key, weight in self.total.items()}
