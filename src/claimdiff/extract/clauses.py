"""Clause helpers on the spaCy parse: subjects, negation, modality, conditions, wishes.

Shared by the status, mode and absence extractors: each reads a cue's clause the same
way ("would not deploy" is negated, "hoping for intelligence sharing" is a wish, "Trump
joined ... and said he was willing" gives "willing" the subject "he").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from claimdiff.extract.cues import is_word, lemma, mode_lexicon, participation_lexicon
from claimdiff.lexicon import event_lexicon

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Links through which a clause inherits its subject from the word it hangs on.
_INHERIT = frozenset({"xcomp", "acomp", "conj", "attr", "oprd", "acl", "pcomp", "prep"})
# Links that open a new clause with its own subject and modality.
_CLAUSE = frozenset({"ccomp", "advcl", "relcl", "parataxis"})
# Function words a clause's objects never include.
_FUNCTION = frozenset({"aux", "auxpass", "neg", "punct", "mark", "cc", "det", "case"})
_RELATIVES = frozenset({"who", "which", "that"})
_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should", "must"})


def ancestors(token: Any) -> Iterator[Any]:
    """Yield a token's heads up to the root."""
    while token.head.i != token.i:
        token = token.head
        yield token


def clause_head(token: Any) -> Any:
    """Return the verb (or root) whose clause ``token`` belongs to."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def subjects(token: Any) -> list[Any]:
    """Return the subject tokens of a word's clause, inherited through xcomp, conj, ...

    A participle modifying a noun ("leaders discussing the matter") has that noun as
    its subject.
    """
    current = token
    for _ in range(8):
        found = [c for c in current.children if c.dep_ in _SUBJECTS]
        if found and current.dep_ == "relcl" and found[0].lower_ in _RELATIVES:
            return [current.head]  # "Ortega, who took part by phone": Ortega took part
        if found:
            return found
        if current.dep_ == "acl" and current.pos_ == "VERB" and current.tag_ == "VBG":
            return [current.head]
        if current.dep_ in _INHERIT and current.head.i != current.i:
            current = current.head
            continue
        return []
    return []


def _chain(token: Any) -> list[Any]:
    """Return the token and the heads it shares a clause with (xcomp, acomp, conj)."""
    chain = [token]
    current = token
    while current.dep_ in ("xcomp", "acomp", "attr", "oprd") and current.head.i != current.i:
        current = current.head
        chain.append(current)
    return chain


def negated(token: Any) -> bool:
    """Return True when the word's clause is negated ("would not deploy", "never joined")."""
    return any(any(c.dep_ == "neg" for c in word.children) for word in _chain(token))


def modals(token: Any) -> set[str]:
    """Return the modal auxiliaries of a word's clause ("would", "could", "will")."""
    found: set[str] = set()
    for word in _chain(token):
        found.update(lemma(c) for c in word.children if c.dep_ == "aux" and c.tag_ == "MD")
    return found


def hypothetical(token: Any) -> bool:
    """Return True for "would/could/might" clauses (a possibility, not a fact)."""
    return bool(modals(token) & _HYPOTHETICAL)


def conditioned(token: Any, markers: frozenset[str]) -> str | None:
    """Return the condition marker on a word's clause ("if", "once", "provided"), if any."""
    for word in _chain(token):
        for child in word.children:
            if child.dep_ in ("advcl", "prep", "mark"):
                words = {lemma(t) for t in child.subtree if t.i <= child.i + 1}
                text = " ".join(str(t.lower_) for t in child.subtree)[:40]
                for marker in markers:
                    if marker in words or text.startswith(marker + " "):
                        return marker
    return None


def in_condition(token: Any) -> bool:
    """Return True when the word sits in an "if"/"unless" clause (a hypothetical)."""
    for head in (token, *ancestors(token)):
        if head.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless", "should") for c in head.children
        ):
            return True
    return False


def wished(token: Any) -> bool:
    """Return True when the word is what someone hopes for, asks for or demands."""
    lexicon = participation_lexicon().irrealis
    for head in ancestors(token):
        if head.pos_ in ("VERB", "AUX") and is_word(head, lexicon.verbs):
            return True
        if head.pos_ == "NOUN" and is_word(head, lexicon.nouns):
            return True
        if head.dep_ in _CLAUSE:
            # A reported clause ("said he was willing") keeps its own force.
            parent = head.head
            return parent.pos_ in ("VERB", "AUX") and is_word(parent, lexicon.verbs)
    return False


def not_yet(token: Any, frames: frozenset[str]) -> str | None:
    """Return the frame that makes a verb an absence: "has yet to impose", "failed to send"."""
    for word in _chain(token):
        if word.dep_ != "xcomp":
            continue
        head = word.head
        if any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children) and (
            "yet to" in frames
        ):
            return "yet to"
        for frame in frames:
            verb = frame.split()[0]
            if verb != "yet" and is_word(head, (verb,)):
                return frame
    return None


# Links that end the search for a reporting verb: a relative clause or apposition
# describes something else ("a meeting that highlighted uncertainty", announced by Macron).
_REPORT_STOP = frozenset({"relcl", "acl", "appos"})


def speech_subject(token: Any, speech: frozenset[str]) -> Any | None:
    """Return the subject of the speech verb that reports the word's clause, if any.

    A speech verb without its own subject ("..., adding that ...") takes its head's.
    """
    current = token
    while current.head.i != current.i:
        if current.dep_ in _REPORT_STOP:
            return None
        head = current.head
        if current.dep_ in ("ccomp", "parataxis") and (
            head.pos_ == "VERB" and is_word(head, speech)
        ):
            verb = head
            for _ in range(3):
                found = [c for c in verb.children if c.dep_ in _SUBJECTS]
                if found:
                    return found[0]
                if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.i == verb.i:
                    return None
                verb = verb.head
            return None
        current = head
    return None


def _bare_gerund(token: Any) -> bool:
    """Return True for a gerund the parser hung as a clause: "ruled out sending troops"."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and not any(c.dep_ in (*_SUBJECTS, "mark") for c in token.children)
    )


def objects(token: Any) -> list[Any]:
    """Return the nouns in a word's object and complement, not crossing into new clauses."""
    found: list[Any] = []
    stack = [
        c
        for c in token.children
        if c.dep_ not in _SUBJECTS
        and c.dep_ not in _FUNCTION
        and (c.dep_ not in _CLAUSE or _bare_gerund(c))
    ]
    while stack:
        child = stack.pop()
        if (child.dep_ in _CLAUSE and not _bare_gerund(child)) or child.dep_ == "appos":
            continue
        if child.pos_ in ("NOUN", "PROPN", "VERB", "AUX"):
            found.append(child)
        stack.extend(c for c in child.children if c.dep_ not in _SUBJECTS)
    found.sort(key=lambda t: t.i)
    return found


@cache
def _occasions() -> frozenset[str]:
    return frozenset(event_lexicon().nouns)


def occasion(token: Any) -> bool:
    """Return True for a noun naming an occasion ("summit", "talks", "meeting")."""
    return token.pos_ in ("NOUN", "PROPN") and is_word(token, _occasions())


@cache
def _timing_phrases() -> tuple[tuple[str, str], ...]:
    timing = mode_lexicon().timing
    pairs = [
        *((p, "before") for p in timing.before),
        *((p, "during") for p in timing.during),
        *((p, "after") for p in timing.after),
    ]
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def occasion_timing(places: Iterable[Any], *, skip: Iterable[int] = ()) -> str | None:
    """Return before/during/after from a phrase of ``places`` whose object is an occasion.

    "after a summit in Paris" -> after; "Prior to the Paris discussions" -> before.
    """
    skipped = set(skip)
    for place in places:
        for child in place.children:
            if child.dep_ not in ("prep", "advmod", "advcl") or child.i in skipped:
                continue
            found = _occasion_in(child)
            if found is None:
                continue
            words = " ".join(t.lower_ for t in child.subtree if t.i < found.i)
            for phrase, timing in _timing_phrases():
                if words == phrase or words.startswith(phrase + " "):
                    return timing
    return None


def _occasion_in(phrase: Any) -> Any | None:
    """Return the occasion noun a short temporal phrase is about ("prior to the talks")."""
    for token in phrase.subtree:
        near = abs(token.i - phrase.i) <= 6
        if near and token.dep_ in ("pobj", "pcomp", "dobj") and occasion(token):
            return token
    return None
