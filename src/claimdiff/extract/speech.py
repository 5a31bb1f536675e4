"""Speech frames: in a parsed sentence, who is said to have said what, and through whom.

"Macron said (that) ...", "..., she warned", "according to the French president, ...",
"Rutte's assertion that ...", "Zelensky welcomed this, saying ...". Each frame gives the
speaker's phrase (resolved later, in ``speakers.py``), the cue and the span of what was
said. Whether a speaker is a news outlet relaying the words ("the Associated Press
noted", "according to NBC News") is decided when the phrase is resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from claimdiff.extract.base import ParsedSentence
from claimdiff.lexicon import load_data
from claimdiff.models import Record


class SpeechLexicon(Record):
    """Speech cues and the scare-quote rule (documented in data/speech.toml)."""

    statement_verbs: list[str]
    quote_verbs: list[str]
    irregular: list[str]
    irregular_phrase_forms: dict[str, list[str]]
    nouns: list[str]
    relay_verbs: list[str]
    phrases: list[str]
    min_quote_words: int
    min_clause_words: int
    min_statement_words: int
    pronouns: list[str]
    female: list[str]
    male: list[str]


@cache
def speech() -> SpeechLexicon:
    """Return the speech lexicon."""
    return load_data(SpeechLexicon, "speech.toml")


def inflections(lemma: str) -> set[str]:
    """Return a verb's regular forms: "note" -> note, notes, noted, noting."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    return forms


@cache
def cue_words() -> frozenset[str]:
    """Return every form of a verb of saying (and "according") that may open a frame."""
    lexicon = speech()
    words: set[str] = {"according", *lexicon.irregular}
    for lemma in (*lexicon.statement_verbs, *lexicon.quote_verbs, *lexicon.relay_verbs):
        words |= inflections(lemma)
    return frozenset(words)


def _alternatives(forms: set[str]) -> str:
    return "|".join(sorted((re.escape(f) for f in forms), key=lambda f: (-len(f), f)))


@cache
def _frame_shapes() -> re.Pattern[str]:
    """Return the cheap shapes of the frames that are not a verb of saying.

    A noun of saying frames words only with its speaker as possessive ("Rutte's
    assertion", "her repeated calls"), and a multi-word frame only as a whole ("made it
    clear"); the nouns and the phrases' first words alone would pass most sentences.
    """
    lexicon = speech()
    nouns = {form for noun in lexicon.nouns for form in (noun, noun + "s")}
    owner = r"(?:\w['’]s?|\b(?:his|her|its|their|our|my|your))"
    shapes = [rf"{owner}\s+(?:[\w-]+\s+){{0,3}}?(?:{_alternatives(nouns)})\b"]
    for phrase in lexicon.phrases:
        first, *rest = phrase.split()
        starts = inflections(first) | set(lexicon.irregular_phrase_forms.get(first, ()))
        tail = r"\s+".join(re.escape(word) for word in rest)
        shapes.append(rf"\b(?:{_alternatives(starts)})\s+{tail}\b")
    return re.compile("|".join(shapes), re.IGNORECASE)


_WORD = re.compile(r"[A-Za-z]+")


def may_hold_speech(text: str) -> bool:
    """Return True when a sentence holds a word that may open a speech frame."""
    words = cue_words()
    if any(m.group().lower() in words for m in _WORD.finditer(text)):
        return True
    return _frame_shapes().search(text) is not None


@dataclass(frozen=True, slots=True)
class Frame:
    """One speech frame in a sentence; offsets are into the document text."""

    cue: str
    cue_start: int
    cue_end: int
    speaker: tuple[int, int] | None  # the speaker's name as written, without apposition
    speaker_head: int | None  # token index of the speaker's head in the sentence parse
    content: tuple[int, int] | None
    statement: bool = True  # False for quote-only verbs and nouns ("urged", "call")
    noun: bool = False  # a noun of saying ("Rutte's assertion"), not a report of speech


_SUBJECTS = ("nsubj", "nsubjpass")
_CLIMB = ("advcl", "xcomp", "conj", "acl", "pcomp", "acomp")
_THROUGH = ("dobj", "pobj", "prep", "attr")
_CUT = ("relcl", "acl", "advcl", "punct", "cc", "conj", "ccomp", "appos", "prep")
_OWNER_PREPOSITIONS = ("of", "for", "at", "from")
_NAME_DEPS = ("compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "punct")


def subject_of(verb: Any) -> Any | None:
    """Return the subject of a verb, climbing from participles and conjuncts to their head.

    A participle the small model hangs off an object noun ("stressed the necessity,
    stating ...") climbs through that noun to the verb it depends on.
    """
    current = verb
    for _ in range(6):
        for child in current.children:
            if child.dep_ in _SUBJECTS:
                return child
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if current.head.i == current.i:
            return None
        if current.dep_ in _CLIMB or (
            current.pos_ in ("NOUN", "PROPN", "ADP") and current.dep_ in _THROUGH
        ):
            current = current.head
            continue
        return None
    return None


def speaker_tokens(head: Any) -> list[Any]:
    """Return the tokens naming a speaker.

    They are the head with its modifiers, apposition and "of"/"for" phrase ("a
    spokesman for the German government").
    """
    keep = [head]
    for child in head.children:
        modifier = child.dep_ in _NAME_DEPS and child.i < head.i
        if modifier or (child.dep_ == "prep" and str(child.lower_) in _OWNER_PREPOSITIONS):
            keep.extend(child.subtree)
        elif child.dep_ == "appos" or (child.dep_ == "compound" and child.i > head.i):
            keep.extend(t for t in child.subtree if t.dep_ not in ("relcl", "acl"))
    ordered = sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)
    while ordered and ordered[-1].is_punct:
        ordered.pop()
    while ordered and ordered[0].is_punct:
        ordered.pop(0)
    return ordered


def _span(parsed: ParsedSentence, tokens: list[Any]) -> tuple[int, int] | None:
    if not tokens:
        return None
    start = parsed.absolute(tokens[0].idx)
    end = parsed.absolute(tokens[-1].idx + len(tokens[-1]))
    return start, end


def _content(parsed: ParsedSentence, token: Any, deps: tuple[str, ...]) -> tuple[int, int] | None:
    """Return the span of what a cue says: its complement clause.

    A complement after the cue starts right after it, so a negation the parser hangs on
    the cue ("says not all allies agree") stays in; "that", commas and marks are skipped.
    """
    for child in token.children:
        if child.dep_ not in deps:
            continue
        tokens = [t for t in child.subtree if not t.is_space]
        if child.i > token.i:
            between = [t for t in parsed.doc[token.i + 1 : child.left_edge.i] if t.dep_ == "neg"]
            tokens = [*between, *tokens]
        while tokens and (tokens[0].is_punct or tokens[0].dep_ == "mark"):
            tokens.pop(0)
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        return _span(parsed, tokens)
    return None


def _parenthetical(parsed: ParsedSentence, token: Any) -> tuple[int, int] | None:
    """Return the clause a parenthetical frame reports: "4,000 walked out, the union said"."""
    inside = {t.i for t in token.subtree}
    tokens = [t for t in token.head.subtree if t.i not in inside and t.i < token.left_edge.i]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return _span(parsed, tokens)


def core_tokens(head: Any) -> list[Any]:
    """Return the name part of a speaker phrase: the head and the modifiers before it."""
    return [
        t
        for t in speaker_tokens(head)
        if t.i <= head.i or (t.dep_ == "compound" and t.head.i == head.i)
    ]


def _frame(parsed: ParsedSentence, cue: Any, subject: Any | None, **extra: Any) -> Frame:
    tokens = core_tokens(subject) if subject is not None else []
    return Frame(
        cue=str(cue.text),
        cue_start=parsed.absolute(cue.idx),
        cue_end=parsed.absolute(cue.idx + len(cue)),
        speaker=_span(parsed, tokens),
        speaker_head=None if subject is None else subject.i,
        **extra,
    )


def _according(parsed: ParsedSentence, token: Any) -> Frame | None:
    """Return the frame of "according to X": X said the rest of the sentence."""
    to = next((c for c in token.children if str(c.lower_) == "to"), None)
    objects = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
    if not objects:
        return None
    inside = {t.i for t in token.subtree}
    rest = [t for t in parsed.doc if t.i not in inside and not t.is_space]
    while rest and rest[0].is_punct:
        rest.pop(0)
    while rest and rest[-1].is_punct:
        rest.pop()
    return _frame(parsed, token, objects[0], content=_span(parsed, rest))


@cache
def _phrase_starts() -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrase in speech().phrases)


def _phrase_at(doc: Any, token: Any) -> str | None:
    if str(token.lemma_).lower() not in _phrase_starts():
        return None
    for phrase in speech().phrases:
        words = phrase.split()
        window = doc[token.i : token.i + len(words)]
        if len(window) == len(words) and [str(t.lemma_).lower() for t in window] == words:
            return phrase
    return None


def find_frames(parsed: ParsedSentence) -> list[Frame]:
    """Return the speech frames of one parsed sentence, in order of their cues."""
    lexicon = speech()
    statement_verbs = frozenset(lexicon.statement_verbs)
    quote_verbs = frozenset(lexicon.quote_verbs)
    nouns = frozenset(lexicon.nouns)
    frames: list[Frame] = []
    for token in parsed.doc:
        lemma = str(token.lemma_).lower()
        if str(token.lower_) == "according" and token.dep_ in ("prep", "advcl", "ROOT"):
            frame = _according(parsed, token)
            if frame is not None:
                frames.append(frame)
        elif token.pos_ in ("VERB", "AUX") and (phrase := _phrase_at(parsed.doc, token)):
            inner = parsed.doc[token.i : token.i + len(phrase.split())]
            content = next(
                (c for t in inner if (c := _content(parsed, t, ("ccomp",))) is not None), None
            )
            frames.append(_frame(parsed, token, subject_of(token), content=content))
        elif token.pos_ == "VERB" and (lemma in statement_verbs or lemma in quote_verbs):
            statement = lemma in statement_verbs
            deps = ("ccomp",) if statement else ("ccomp", "xcomp", "prep", "dobj")
            content = _content(parsed, token, deps)
            if content is None and statement and token.dep_ == "parataxis":
                content = _parenthetical(parsed, token)
            frames.append(
                _frame(parsed, token, subject_of(token), content=content, statement=statement)
            )
        elif token.pos_ == "NOUN" and lemma in nouns:
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is not None:
                content = _content(parsed, token, ("acl", "ccomp", "prep", "relcl"))
                frames.append(
                    _frame(parsed, token, owner, content=content, statement=False, noun=True)
                )
    return frames
