"""Cue lexicons of the participation, mode and absence extractors, and the phrase matcher.

The data files (``data/participation.toml``, ``data/modes.toml``, ``data/absences.toml``)
are documented in place; this module validates them once into frozen records. Phrases
are matched on the parse: each word against a token's lemma or lower-case form, with
adverbs and auxiliaries between the words skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from claimdiff.errors import ConfigError
from claimdiff.extract.base import ParsedSentence
from claimdiff.lexicon import load_data
from claimdiff.models import Record, Span

# Tokens that may sit between the words of a cue phrase without breaking it.
_SKIPPABLE_POS = frozenset({"ADV", "AUX", "PART"})


class UndertakingClass(Record):
    """One kind of undertaking and the nouns that name it."""

    label: str
    nouns: list[str]


class Undertakings(Record):
    """Undertaking classes and the class a cue without a named undertaking takes."""

    default: str
    classes: dict[str, UndertakingClass]


class Involvement(Record):
    """Nouns that carry an actor's participation, and aspect nouns that pass through."""

    nouns: list[str]
    aspects: list[str]


class Unspecified(Record):
    """Cues saying a status or role is open."""

    predicates: list[str]
    nouns: list[str]


class Committed(Record):
    """Cues of a commitment."""

    words: list[str]
    with_undertaking: list[str]


class Words(Record):
    """A plain list of cue words."""

    words: list[str]


class Undecided(Record):
    """Cues of an actor that has not made up its mind."""

    words: list[str]
    decision_nouns: list[str]


class Conditional(Record):
    """Markers of a condition on a commitment."""

    markers: list[str]


class Excluded(Record):
    """Cues of an actor left out."""

    prepositions: list[str]
    words: list[str]


class Supporting(Record):
    """Supporting-role cues, the role each names, and nouns a role word may modify."""

    roles: dict[str, str]
    carriers: list[str]


class Irrealis(Record):
    """Words whose complement is wished for, not done."""

    verbs: list[str]
    nouns: list[str]


class ActorWords(Record):
    """Offices that act for their country, and group nouns that stand for one."""

    speaks_for: list[str]
    groups: list[str]


class ParticipationLexicon(Record):
    """Everything ``data/participation.toml`` holds."""

    undertakings: Undertakings
    involvement: Involvement
    unspecified: Unspecified
    committed: Committed
    willing: Words
    declined: Words
    conditional: Conditional
    undecided: Undecided
    excluded: Excluded
    supporting: Supporting
    irrealis: Irrealis
    actors: ActorWords

    def undertaking_of(self, lemma: str, compound: str | None = None) -> str | None:
        """Return the undertaking class of a noun lemma (with its compound), or None."""
        return undertaking_index().get(f"{compound} {lemma}" if compound else "") or (
            undertaking_index().get(lemma)
        )


class Timing(Record):
    """Prepositions placing a participation before, during or after the occasion."""

    before: list[str]
    during: list[str]
    after: list[str]


class ModeParticipation(Record):
    """Verbs and nouns of taking part, and the nouns that place it during the occasion."""

    verbs: list[str]
    nouns: list[str]
    during: list[str]


class ModeLexicon(Record):
    """Everything ``data/modes.toml`` holds."""

    modes: dict[str, list[str]]
    compatible: list[tuple[str, str]]
    timing: Timing
    participation: ModeParticipation

    def compatible_modes(self, left: str, right: str) -> bool:
        """Return True when two modes can both describe one participation."""
        return left == right or (left, right) in self.compatible or (right, left) in self.compatible


class Thing(Record):
    """Something an outlet may say did not happen, and how its happening is reported."""

    id: str
    label: str
    nouns: list[str]
    verbs: list[str]
    reports: list[str]
    objects: list[str]
    by_object: bool
    requested: bool


class Frames(Record):
    """Words that make an absence without "not"."""

    yet: list[str]
    failed: list[str]
    so_far: list[str]
    refusals: list[str]
    requests: list[str]


class AbsenceLexicon(Record):
    """Everything ``data/absences.toml`` holds."""

    thing: list[Thing]
    frames: Frames


@cache
def participation_lexicon() -> ParticipationLexicon:
    """Return the participation and status lexicon."""
    lexicon = load_data(ParticipationLexicon, "participation.toml")
    if lexicon.undertakings.default not in lexicon.undertakings.classes:
        raise ConfigError(
            "claimdiff/data/participation.toml: undertakings.default names no class; "
            f"add [undertakings.classes.{lexicon.undertakings.default}]"
        )
    return lexicon


@cache
def mode_lexicon() -> ModeLexicon:
    """Return the mode and timing lexicon."""
    lexicon = load_data(ModeLexicon, "modes.toml")
    for pair in lexicon.compatible:
        unknown = [m for m in pair if m not in lexicon.modes]
        if unknown:
            raise ConfigError(f"claimdiff/data/modes.toml: compatible names unknown {unknown}")
    return lexicon


@cache
def absence_lexicon() -> AbsenceLexicon:
    """Return the absence lexicon."""
    lexicon = load_data(AbsenceLexicon, "absences.toml")
    ids = [thing.id for thing in lexicon.thing]
    if len(set(ids)) != len(ids):
        raise ConfigError("claimdiff/data/absences.toml: [[thing]] ids must be unique")
    return lexicon


@cache
def undertaking_index() -> dict[str, str]:
    """Map each undertaking noun (or "compound head") to its class."""
    index: dict[str, str] = {}
    for name, spec in sorted(participation_lexicon().undertakings.classes.items()):
        for noun in spec.nouns:
            index.setdefault(noun, name)
    return index


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """A cue phrase found in a parsed sentence: its tokens, first to last."""

    phrase: str
    tokens: tuple[Any, ...]

    @property
    def start(self) -> int:
        """Character offset of the first token in the sentence."""
        return int(self.tokens[0].idx)

    @property
    def end(self) -> int:
        """Character offset just after the last token."""
        last = self.tokens[-1]
        return int(last.idx + len(last))

    def head(self) -> Any:
        """Return the token that governs the others (its head lies outside the phrase)."""
        inside = {t.i for t in self.tokens}
        for token in self.tokens:
            if token.head.i not in inside or token.head.i == token.i:
                return token
        return self.tokens[-1]


def forms(token: Any) -> frozenset[str]:
    """Return a token's lemma, its lower-case form and naive base forms of it.

    The small model's lemmatiser misses some inflections ("hoping" -> "hop"); the base
    forms undo -ing, -ed and -s by rule so that lexicon words still match.
    """
    return _forms(str(token.lower_), str(token.lemma_).lower())


@lru_cache(maxsize=1 << 16)
def _forms(lower: str, lemma: str) -> frozenset[str]:
    found = {lemma, lower}
    for suffix in ("ing", "ed", "es", "s"):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            stem = lower[: -len(suffix)]
            found.update({stem, stem + "e"})
            if len(stem) >= 2 and stem[-1] == stem[-2]:
                found.add(stem[:-1])  # "planning" -> "plan"
            if stem.endswith("i"):
                found.add(stem[:-1] + "y")  # "denied" -> "deny"
    return frozenset(found)


def _word_matches(word: str, token: Any) -> bool:
    text, _, pos = word.partition(":")
    if pos and str(token.pos_).lower() != pos and not (pos == "noun" and token.pos_ == "PROPN"):
        return False
    return text in forms(token)


@cache
def _split(phrase: str) -> tuple[str, ...]:
    # "in-person" is two or three tokens to spaCy; match its parts.
    return tuple(w for w in re.split(r"\s+|(?<=\w)-(?=\w)", phrase.strip().lower()) if w)


def find_phrases(doc: Any, phrases: Iterable[str], *, max_gap: int = 2) -> list[PhraseHit]:
    """Return every occurrence of the phrases in a parsed sentence, longest first at a start.

    Between two words of a phrase up to ``max_gap`` adverbs, auxiliaries or particles may
    stand ("is still being ironed out" holds "iron out"); hits never overlap.
    """
    by_first = _by_first(tuple(phrases))
    token_forms = _doc_forms(doc)
    hits: list[PhraseHit] = []
    taken: set[int] = set()
    for start in range(len(doc)):
        starting = sorted(c for form in token_forms[start] for c in by_first.get(form, ()))
        for _, phrase in starting:
            tokens = _match_at(doc, start, _split(phrase), max_gap, token_forms)
            if tokens and not taken & {t.i for t in tokens}:
                hits.append(PhraseHit(phrase=phrase, tokens=tokens))
                taken.update(t.i for t in tokens)
                break
    return hits


@lru_cache(maxsize=256)
def _by_first(phrases: tuple[str, ...]) -> dict[str, list[tuple[int, str]]]:
    """Return the phrases by their first word, each with its rank (longest phrases first).

    Only phrases whose first word is one of a token's forms can start there; trying just
    those, in the same order, keeps matching linear in tokens (issue 7).
    """
    ordered = sorted({p for p in phrases if p.strip()}, key=lambda p: (-len(_split(p)), p))
    by_first: dict[str, list[tuple[int, str]]] = {}
    for rank, phrase in enumerate(ordered):
        words = _split(phrase)
        if words:
            by_first.setdefault(words[0].partition(":")[0], []).append((rank, phrase))
    return by_first


_FORMS_KEY = "claimdiff.forms"


def _doc_forms(doc: Any) -> list[frozenset[str]]:
    """Return every token's forms, computed once per parse (kept in its ``user_data``)."""
    cached = doc.user_data.get(_FORMS_KEY)
    if cached is None or len(cached) != len(doc):
        cached = [forms(token) for token in doc]
        doc.user_data[_FORMS_KEY] = cached
    return cached  # type: ignore[no-any-return]


def _match_at(
    doc: Any,
    start: int,
    words: Sequence[str],
    max_gap: int,
    known: Sequence[frozenset[str]],
) -> tuple[Any, ...]:
    def matches(word: str, index: int) -> bool:
        text, _, pos = word.partition(":")
        token = doc[index]
        if pos and str(token.pos_).lower() != pos and not (pos == "noun" and token.pos_ == "PROPN"):
            return False
        return text in known[index]

    if not words or not matches(words[0], start):
        return ()
    matched = [doc[start]]
    index = start + 1
    for word in words[1:]:
        gap = 0
        while index < len(doc) and not matches(word, index):
            if doc[index].pos_ not in _SKIPPABLE_POS or gap >= max_gap:
                return ()
            gap += 1
            index += 1
        if index >= len(doc):
            return ()
        matched.append(doc[index])
        index += 1
    return tuple(matched)


def lemma(token: Any) -> str:
    """Return a token's lower-case lemma."""
    return str(token.lemma_).lower()


def is_word(token: Any, words: Iterable[str]) -> bool:
    """Return True when one of a token's forms is among ``words``."""
    return not forms(token).isdisjoint(words)


def phrase_lemmas(phrases: Iterable[str]) -> frozenset[str]:
    """Return the set of first words of some phrases (for cheap prefilters)."""
    return frozenset(_split(p)[0].split(":")[0] for p in phrases if _split(p))


def stem_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Return a cheap prefilter: any phrase's longest word, cut to its stem, in lower case."""
    stems: set[str] = set()
    for phrase in phrases:
        words = [w.split(":")[0] for w in _split(phrase) if w not in ("be", "not", "to", "of")]
        if not words:
            continue
        # A function word ("the" in "up in the air") would let every sentence through:
        # a phrase is looked for by its longest content word when it has one.
        content = [w for w in words if w not in STOP_WORDS] or words
        word = max(content, key=len)
        stems.add(word[:-2] if len(word) > 5 else word)
    alternatives = "|".join(sorted((re.escape(s) for s in stems), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})")


# The longest evidence span a claim may have; beyond it the cue alone is the evidence.
MAX_EVIDENCE = 140


_PAIRS = {"“": "”", "‘": "’", '"': '"'}


def balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span by a closing quotation mark its text opened ("as a “backstop”")."""
    inside = text[start:end]
    for opening, closing in _PAIRS.items():
        if opening == closing:
            unbalanced = inside.count(opening) % 2 == 1
        else:
            unbalanced = inside.count(opening) > inside.count(closing)
        if unbalanced and text[end : end + 1] == closing:
            return start, end + 1
    return start, end


def claim_span(*offsets: int) -> tuple[int, int]:
    """Return the evidence span covering an actor and a cue, or the cue when too far apart.

    ``offsets`` are actor start, actor end, cue start, cue end (sentence offsets).
    """
    actor_start, actor_end, cue_start, cue_end = offsets
    start, end = min(actor_start, cue_start), max(actor_end, cue_end)
    if end - start <= MAX_EVIDENCE:
        return start, end
    return cue_start, cue_end


def claim_evidence(parsed: ParsedSentence, *offsets: int) -> Span:
    """Return a claim's evidence: ``claim_span`` of the offsets, quotation marks balanced.

    ``offsets`` are actor start, actor end, cue start, cue end (sentence offsets).
    """
    start, end = claim_span(*offsets)
    return parsed.span(*balance_quotes(parsed.sent.text, start, end))
