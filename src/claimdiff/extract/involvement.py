"""Participation nouns and verbs on the parse: undertakings, involvement, their actors.

Shared by the status extractor (``participation.py``) and the absence extractor:
"ground troops" names the troops undertaking; "the format of U.S. participation" is
about the participation of the United States; "its readiness" is the readiness of the
clause's subject.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from claimdiff.extract.actors import Actor, resolve, resolve_all
from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.clauses import ancestors, subjects
from claimdiff.extract.cues import absence_lexicon, is_word, lemma, participation_lexicon

_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})
VERBS = frozenset({"VERB", "AUX"})


@cache
def not_yet_frames() -> frozenset[str]:
    """Return the words that make an absence without "not" ("yet to", "fail to")."""
    frames = absence_lexicon().frames
    return frozenset([*frames.yet, *frames.failed])


@cache
def condition_markers() -> frozenset[str]:
    """Return the markers of a condition on a commitment ("if", "once")."""
    return frozenset(participation_lexicon().conditional.markers)


@cache
def participation_verbs() -> frozenset[str]:
    """Verbs of taking part: a willingness or refusal must have one as its complement."""
    lexicon = participation_lexicon()
    words = [*lexicon.committed.words, *lexicon.committed.with_undertaking]
    return frozenset(w.split()[0] for w in words) | {"be"}


def takes_part(token: Any) -> bool:
    """Return True for a verb of taking part ("participate", "send", "be part of")."""
    if token.pos_ not in VERBS or not is_word(token, participation_verbs()):
        return False
    if lemma(token) == "be":
        return any(c.dep_ == "attr" and lemma(c) == "part" for c in token.children)
    return True


def undertaking_of(token: Any) -> str | None:
    """Return the undertaking class a noun names ("ground troops" -> troops), or None."""
    lexicon = participation_lexicon()
    key = lemma(token)
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i < token.i:
            found = lexicon.undertaking_of(key, lemma(child))
            if found is not None and f"{lemma(child)} {key}" in undertaking_nouns():
                return found
    return lexicon.undertaking_of(key)


@cache
def undertaking_nouns() -> frozenset[str]:
    """Return every listed undertaking noun (and compound)."""
    classes = participation_lexicon().undertakings.classes
    return frozenset(noun for spec in classes.values() for noun in spec.nouns)


def undertaking_in(tokens: list[Any]) -> str | None:
    """Return the undertaking class of the first noun among ``tokens`` that names one."""
    found = undertaking_token(tokens)
    return None if found is None else found[1]


def undertaking_token(tokens: list[Any]) -> tuple[Any, str] | None:
    """Return the first noun among ``tokens`` that names an undertaking, and its class."""
    for token in tokens:
        if token.pos_ in ("NOUN", "PROPN"):
            found = undertaking_of(token)
            if found is not None:
                return token, found
    return None


def is_count(token: Any) -> bool:
    """Return True for a counted noun ("26 nations"): counts are quantity claims."""
    return any(c.dep_ == "nummod" for c in token.children) or token.pos_ == "NUM"


def actors_of_noun(noun: Any, parsed: ParsedSentence) -> list[Actor]:
    """Return the actors a participation noun's modifiers name ("U.S. participation")."""
    found: list[Actor] = []
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < noun.i:
            if str(child.lower_) in _POSSESSIVE_PRONOUNS:
                found.extend(possessive_actors(child, parsed))
                continue
            actor = resolve(child, parsed)
            if actor is not None:
                found.append(actor)
        elif child.dep_ == "prep" and child.lower_ in ("of", "from", "by"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and not is_count(pobj):
                    found.extend(resolve_all(pobj, parsed))
    return found


def possessive_actors(token: Any, parsed: ParsedSentence) -> list[Actor]:
    """Resolve "its readiness": the subject of the clause the noun stands in."""
    verb = next((h for h in ancestors(token) if h.pos_ in VERBS), None)
    if verb is None:
        return []
    for subject in subjects(verb):
        if not is_count(subject):
            return resolve_all(subject, parsed)
    return []


def involvement_noun(token: Any) -> Any | None:
    """Return the participation noun a phrase is about, passing aspect nouns' "of"."""
    lexicon = participation_lexicon().involvement
    current = token
    for _ in range(3):
        if lemma(current) in lexicon.nouns:
            return current
        if lemma(current) not in lexicon.aspects:
            return None
        nxt = next(
            (
                p
                for c in current.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj"
            ),
            None,
        )
        if nxt is None:
            return None
        current = nxt
    return None


def asserted(verb: Any) -> bool:
    """Return True when a commitment verb is asserted, not discussed or planned.

    "Japan is sending troops", "Italy sent troops", "Italy will send troops" assert;
    "discussed deploying troops", "urged to send troops" only mention the act.
    """
    if verb.dep_ in ("ROOT", "conj", "ccomp", "parataxis", "relcl", "advcl"):
        return verb.tag_ != "VBG" or any(c.dep_ == "aux" for c in verb.children)
    return False


def open_question(verb: Any) -> bool:
    """Return True for a clause that asks rather than tells: "whether Spain will take part"."""
    for word in (verb, *clause_ancestors(verb)):
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in word.children):
            return True
        if word.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "csubj"):
            break
    return False


def clause_ancestors(token: Any) -> list[Any]:
    """Return the heads of a word up to the nearest clause boundary."""
    found = []
    for head in ancestors(token):
        found.append(head)
        if head.dep_ in ("ccomp", "advcl", "relcl", "parataxis") or head.head.i == head.i:
            break
    return found
