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
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from claimdiff.lexicon import load_data
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
    keys: tuple[str, ...] = ()


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
    df: Counter[str] = Counter()
    for tf in counts.values():
        df.update(tf.keys())
    total = len(counts)
    idf = {key: math.log((1 + total) / (1 + n)) + 1.0 for key, n in df.items()}
    shared = {key: n > 1 for key, n in df.items()}
    factor = {True: name_weight, False: 1.0}
    signatures: dict[str, Signature] = {}
    # Element by element, without a Python loop over the terms (issue 7): the same
    # products, in the same order, as (1 + ln tf) * idf * (name weight or 1).
    for doc_id, tf in counts.items():
        keys = sorted(tf)
        n, named, _ = zip(*map(tf.__getitem__, keys), strict=True) if keys else ((), (), ())
        raw = list(
            map(
                operator.mul,
                map(operator.mul, map(_sublinear, n), map(idf.__getitem__, keys)),
                map(factor.__getitem__, named),
            )
        )
        norm = math.sqrt(math.fsum(map(operator.mul, raw, raw)))
        heaviest = sorted(
            itertools.compress(
                zip(map(operator.neg, raw), keys, strict=True), map(shared.__getitem__, keys)
            )
        )
        signatures[doc_id] = Signature(
            weights=dict(
                zip(keys, map(operator.truediv, raw, itertools.repeat(norm)), strict=False)
            )
            if norm
            else {},
            surface=_Forms(tf),
            keys=tuple(key for _, key in heaviest[:KEY_TERMS]),
        )
    return signatures


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
    return math.fsum([weight * right[key] for key, weight in left.items() if key in right])


class Centroid:
    """The direction of the signatures added to it, kept as their sum and its norm."""

    def __init__(self) -> None:
        self.total: dict[str, float] = {}
        self.norm2 = 0.0
        self.members = 0

    def __bool__(self) -> bool:
        return self.norm2 > 0.0

    def add(self, weights: Mapping[str, float]) -> None:
        """Add one signature; the squared norm grows by 2 s·v + |v|² (linear in v)."""
        if not weights:
            return
        total = self.total
        dot = _dot(weights, total)
        self.norm2 += 2.0 * dot + math.fsum([w * w for w in weights.values()])
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
        return _dot(weights, self.total) / math.sqrt(self.norm2)

    def mean(self, key: str) -> float:
        """Return a term's mean weight over the signatures added."""
        return self.total.get(key, 0.0) / self.members if self.members else 0.0
