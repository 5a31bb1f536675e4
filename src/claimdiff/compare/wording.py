"""Wording: align two quotations word by word, decide if they render one statement, diff them.

Words are compared on a light stem ("preventing" and "prevent" align) so that a
translation variant lines up; the diff shown to editors is on the words as quoted. A
short quotation is aligned inside a longer one: one outlet may quote a fragment of the
sentence another quotes in full, and a fragment that matches word for word is agreement.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Function words: they align but never make two quotations one statement on their own.
STOPWORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "we",
        "you",
        "he",
        "she",
        "they",
        "i",
        "our",
        "your",
        "his",
        "her",
        "their",
        "us",
        "them",
        "not",
        "no",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "there",
        "here",
        "so",
        "than",
        "then",
        "if",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "how",
        "all",
        "any",
        "some",
        "very",
        "just",
        "also",
    }
)
_SUFFIXES = ("ing", "edly", "ed", "ly", "s")
_NEGATIONS = frozenset({"not", "no", "never", "n't", "nothing", "none", "nobody", "neither"})


@lru_cache(maxsize=1 << 16)  # a story's vocabulary is small; every quotation repeats it
def stem(word: str) -> str:
    """Return a light stem: "preventing" -> "prevent", "finalised" -> "finaliz"."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    if word in STOPWORDS:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) >= 6 and word.endswith("is"):
        word = word[:-2] + "iz"  # British and American spellings: "finalise", "finalize"
    return word


@dataclass(frozen=True, slots=True)
class Alignment:
    """How a shorter quotation sits in a longer one."""

    shorter: tuple[str, ...]
    window: tuple[str, ...]  # the longer quotation's words the shorter one lines up with
    matched: int
    content_matched: int

    @property
    def coverage(self) -> float:
        """Return the share of the shorter quotation's words found in the window."""
        return self.matched / len(self.shorter) if self.shorter else 0.0

    @property
    def identical(self) -> bool:
        """Return True when the shorter quotation is the window word for word."""
        return self.shorter == self.window

    def changes(self) -> list[tuple[str, str]]:
        """Return the word-level differences as (shorter's words, longer's words) pairs."""
        matcher = difflib.SequenceMatcher(None, self.shorter, self.window, autojunk=False)
        return [
            (" ".join(self.shorter[i1:i2]), " ".join(self.window[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"
        ]


def align(left: str, right: str) -> tuple[Alignment, bool]:
    """Align two word strings; return the alignment and whether ``left`` is the shorter."""
    a, b = left.split(), right.split()
    left_shorter = len(a) <= len(b)
    short, long_ = (a, b) if left_shorter else (b, a)
    short_stems, long_stems = [stem(w) for w in short], [stem(w) for w in long_]
    matcher = difflib.SequenceMatcher(None, short_stems, long_stems, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    if not blocks:
        return Alignment(tuple(short), (), 0, 0), left_shorter
    first, last = blocks[0], blocks[-1]
    low = max(0, first.b - first.a)
    high = min(len(long_), last.b + last.size + (len(short) - last.a - last.size))
    matched = sum(m.size for m in blocks)
    content = sum(1 for m in blocks for w in short_stems[m.a : m.a + m.size] if w not in STOPWORDS)
    return Alignment(tuple(short), tuple(long_[low:high]), matched, content), left_shorter


def same_statement(
    left: str, right: str, *, coverage: float = 0.6, content: int = 2, spread: float = 1.5
) -> bool:
    """Return True when two quotations render one statement (possibly one a fragment).

    At least ``coverage`` of the shorter quotation's words and ``content`` of its content
    words line up, inside a window of the longer one no wider than ``spread`` times the
    shorter's length (plus two): scattered common words are not one statement.
    """
    # The alignment is greedy, so read the pair in one fixed order: same_statement(a, b)
    # must equal same_statement(b, a).
    if (len(right.split()), right) < (len(left.split()), left):
        left, right = right, left
    alignment, _ = align(left, right)
    if not alignment.shorter or alignment.matched < 3:
        return False
    return (
        alignment.coverage >= coverage
        and alignment.content_matched >= content
        and len(alignment.window) <= spread * len(alignment.shorter) + 2
    )


def describe_changes(changes: Sequence[tuple[str, str]]) -> str:
    """Return "“significant” → “major”; added “very”" for a list of word changes."""
    parts = []
    for before, after in changes:
        if before and after:
            parts.append(f"“{before}” → “{after}”")
        elif after:
            parts.append(f"added “{after}”")
        else:
            parts.append(f"dropped “{before}”")
    return "; ".join(parts)


def negation_changed(changes: Sequence[tuple[str, str]]) -> bool:
    """Return True when a change adds or drops a negation (the meaning flips)."""
    return any(
        bool(set(before.split()) & _NEGATIONS) != bool(set(after.split()) & _NEGATIONS)
        for before, after in changes
    )


def shingles(words: str, *, size: int = 2) -> set[str]:
    """Return the content-word shingles of a quotation (stopwords left out)."""
    return set(_shingles(words, size))


@lru_cache(maxsize=1 << 16)
def _shingles(words: str, size: int) -> tuple[str, ...]:
    """Return the distinct shingles of a quotation in first-seen order (memoised)."""
    content = [s for s in map(stem, words.split()) if s not in STOPWORDS]
    return tuple(
        dict.fromkeys(" ".join(content[i : i + size]) for i in range(len(content) - size + 1))
    )


@lru_cache(maxsize=1 << 16)
def minhash_keys(words: str, *, hashes: int = 4, size: int = 2) -> tuple[str, ...]:
    """Return ``hashes`` min-hash shingles: near-identical quotations share at least one.

    Deterministic (sha1, never Python's salted ``hash``), so blocking is reproducible.
    Memoised: one quotation is reported by many outlets, and checks repeat over a corpus.
    """
    found = _shingles(words, size)
    if not found:
        return ()
    # Raw digests order as their hex forms do, without formatting each one. Digests of
    # distinct shingles differ, so the minimum does not depend on the order of ``found``.
    per_seed = zip(*(_digests(shingle, hashes) for shingle in found), strict=True)
    return tuple(min(zip(digests, found, strict=True))[1] for digests in per_seed)


@lru_cache(maxsize=1 << 18)
def _digests(shingle: str, hashes: int) -> tuple[bytes, ...]:
    """Return the sha1 digest of ``"{seed}:{shingle}"`` for each seed (memoised).

    A corpus repeats a small vocabulary: at 1,000 articles 155,573 shingles are 10,165
    distinct ones, so each is hashed once rather than once per quotation (issue 7).
    """
    return tuple(hashlib.sha1(f"{seed}:{shingle}".encode()).digest() for seed in range(hashes))
