"""Penalties: how long a court or a sports body sentenced or banned someone for.

Claim:     "Smith was sentenced to five years in prison" -> prison sentence given to
           Smith, [5 y, 6 y); "UEFA imposed a five-year ban on Smith" -> ban on Smith;
           "Smith was banned from driving for three years" -> driving ban on Smith.
Not claim: "Smith faces up to 10 years in prison" (a maximum he faces), "prosecutors
           asked for Smith to be jailed for seven years" (a request), "Smith had been
           jailed for two years before his release" (time served), "he was jailed for
           five years" (nobody named here: two defendants' sentences are never compared).

Read by the duration extractor (``extract/duration.py``) for a person the sentence
names, and by the defendant extractor (``extract/defendants.py``) for "she" or "the
former minister" named before; the words are data (``data/penalties.toml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from claimdiff.align.clues import match_dateline
from claimdiff.extract.happenings import (
    Happening,
    hedged_clause,
    is_reporting,
    looks_ahead,
    subjects,
    tokens_between,
)
from claimdiff.lexicon import hedges, phrase_alternatives
from claimdiff.normalise.dates import MONTHS, WEEKDAYS
from claimdiff.normalise.durations import DurationMention
from claimdiff.normalise.timelex import penalties

_CALENDAR_WORDS = frozenset({*MONTHS, *WEEKDAYS})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_MAXIMA = frozenset({"at_most", "below"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_OBJECTS = frozenset({"dobj", "nsubjpass"})
_RECIPIENT_PREPOSITIONS = frozenset({"on", "to"})
_STATED = frozenset({"ROOT", "ccomp", "parataxis"})


@cache
def _other_after() -> re.Pattern[str]:
    alternatives = phrase_alternatives(penalties().other_after)
    return re.compile(rf"^\s*(?:['’]s?\s+|of\s+)?(?:{alternatives})\b", re.IGNORECASE)


@cache
def _verb_kinds() -> dict[str, tuple[str, str]]:
    """Map each penalty verb to (the preposition its length follows, its kind's name)."""
    return {
        verb: (preposition, name)
        for name, kind in sorted(penalties().kinds.items())
        for verb, preposition in kind.verbs.items()
    }


@cache
def _noun_kinds() -> dict[str, str]:
    """Map each penalty noun (one or two words) to its kind's name."""
    return {noun: name for name, kind in sorted(penalties().kinds.items()) for noun in kind.nouns}


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


@dataclass(frozen=True, slots=True)
class Reading:
    """A length read as a penalty's term: the kind, its verb, who it names, what it bars."""

    name: str  # the kind in ``data/penalties.toml``
    verb: Any  # the spaCy token that gives the penalty
    recipients: tuple[Any, ...]  # the words naming who got it (a name, a pronoun, ...)
    scope: str | None  # what a ban bars from ("driving"), when said


def penalty_at(doc: Any, text: str, mention: DurationMention) -> Happening | None:
    """Return the penalty a length in a parsed sentence is the term of, if any.

    The happening's class is the claim's subject ("prison sentence given to Smith"). A
    penalty given to someone the sentence does not name is no claim here: a document
    extractor resolves "she" and "the former minister" (``extract/defendants.py``).
    """
    reading = read_penalty(doc, text, mention)
    who = named_recipient(reading) if reading is not None else None
    return given(reading, who) if reading is not None and who is not None else None


def read_penalty(doc: Any, text: str, mention: DurationMention) -> Reading | None:
    """Return the penalty a length in a parsed sentence is the term of, whoever got it."""
    if mention.vague or mention.age or "respectively" in text.lower():
        return None
    if mention.hedge is not None and hedges().phrases.get(mention.hedge) in _MAXIMA:
        return None  # "up to 10 years": the most a court may give, not what it gave
    if _other_after().match(text[mention.end :]):
        return None  # "three years' probation"
    tokens = tokens_between(doc, mention.start, mention.end)
    inside = {t.i for t in tokens}
    unit = next((t for t in tokens if t.head.i not in inside), None)
    if unit is None:
        return None
    if mention.compound:
        # "a five-year ban": the length modifies the penalty's noun.
        return _noun_penalty(unit.head, unit) if unit.dep_ in ("compound", "amod", "nmod") else None
    if unit.dep_ != "pobj":
        return None
    preposition = unit.head
    word = str(preposition.lower_)
    if word == "of" and preposition.head.pos_ in _NOUNS:
        return _noun_penalty(preposition.head, unit)  # "a sentence of seven years"
    return _verb_penalty(preposition)


def _verb_penalty(preposition: Any) -> Reading | None:
    """Read "sentenced to five years", "jailed Smith for 18 months", "banned from X for"."""
    scope: str | None = None
    verb = preposition.head
    if verb.dep_ in ("pcomp", "pobj") and str(verb.head.lower_) == "from":
        # "banned from driving for three years": the length hangs on what is barred.
        scope, verb = str(verb.lower_), verb.head.head
    found = _verb_kinds().get(_lemma(verb))
    if verb.pos_ != "VERB" or found is None or found[0] != str(preposition.lower_):
        return None
    if not _stated(verb):
        return None
    name = found[1]
    if penalties().kinds[name].scoped and scope is None:
        scope = _scope(verb, "from")
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # "Smith was sentenced to five years and Jones to three": the model hangs the second
    # name on the verb; a length written after it is that person's.
    gapped = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in _NOUNS]
    earlier = [c for c in gapped if c.i < preposition.i]
    if earlier:
        recipient = [max(earlier, key=lambda c: c.i)]
    elif objects:
        recipient = objects  # "the court jailed Smith for five years"
    elif _passive(verb):
        recipient = subjects(verb)  # "Smith was jailed for five years"
    else:
        return None  # an active verb's subject is the court, not the one sentenced
    return Reading(_kind_of(name, verb), verb, tuple(recipient), scope)


def _noun_penalty(noun: Any, unit: Any) -> Reading | None:
    """Read "received a five-year sentence", "UEFA imposed a five-year ban on Smith"."""
    name = _noun_kind(noun, unit)
    if name is None or noun.dep_ not in _OBJECTS:
        return None
    verb = noun.head
    lexicon = penalties()
    keys = {_lemma(verb), *(f"{_lemma(verb)} {c.lower_}" for c in verb.children if c.dep_ == "prt")}
    if noun.dep_ == "dobj" and keys & set(lexicon.receivers):
        recipient = [c for c in verb.children if c.dep_ == "nsubj"]
    elif keys & set(lexicon.giving_verbs):
        recipient = [
            c for c in verb.children if c.dep_ in ("dative", "nsubjpass") and c.i != noun.i
        ]
        for holder in (verb, noun):
            for prep in holder.children:
                if prep.dep_ == "prep" and str(prep.lower_) in _RECIPIENT_PREPOSITIONS:
                    # "imposed a ban on Smith on Monday": a day is nobody's penalty.
                    recipient.extend(
                        c for c in prep.children if c.dep_ == "pobj" and not _calendar(c)
                    )
    else:
        return None  # "faces a five-year sentence", "sought a seven-year sentence"
    recipient.extend(c for c in noun.children if c.dep_ == "poss")
    if not _stated(verb):
        return None
    scope = _scope(noun, "from", skip=unit) if penalties().kinds[name].scoped else None
    return Reading(_kind_of(name, verb), verb, tuple(recipient), scope)


def _calendar(token: Any) -> bool:
    """Return True for a day, a month or a number: "on Monday", "on March 3"."""
    return str(token.text) in _CALENDAR_WORDS or bool(token.like_num)


def _passive(verb: Any) -> bool:
    """Return True for "was jailed", and for "was jailed ... and banned" (a passive conjunct)."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and _passive(verb.head)


def _noun_kind(noun: Any, unit: Any) -> str | None:
    """Return the penalty a noun names, a two-word entry first ("suspended sentence")."""
    index = _noun_kinds()
    lemma = _lemma(noun)
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.i < noun.i and child.i != unit.i:
            phrase = f"{str(child.lower_)} {lemma}"
            if phrase in index:
                return index[phrase]
    return index.get(lemma)


def _kind_of(name: str, verb: Any) -> str:
    """Return the suspended kind for a prison sentence suspended in the same clause.

    "Sentenced to two years, suspended for 18 months"; a conjoined clause with a subject
    of its own ("and Jones received a suspended sentence") is another penalty's.
    """
    kind = penalties().kinds[name]
    if kind.when_suspended is None:
        return name
    words = set(penalties().suspended)
    others = {
        t.i
        for c in verb.children
        if c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for t in c.subtree
    }
    for token in verb.subtree:
        if token.i not in others and (str(token.lower_) in words or _lemma(token) in words):
            return kind.when_suspended
    return name


def _scope(holder: Any, preposition: str, *, skip: Any = None) -> str | None:
    """Return what a ban bars from: "from driving", a "driving ban" (None when unsaid)."""
    for child in holder.children:
        if child.dep_ == "prep" and str(child.lower_) == preposition:
            inner = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if inner:
                return str(inner[0].lower_)
    for child in holder.children:
        if child.dep_ == "compound" and child.pos_ == "NOUN" and child.i != getattr(skip, "i", -1):
            return str(child.lower_)
    return None


def _stated(verb: Any) -> bool:
    """Return True when a penalty is told as given: not sought, feared, planned or past.

    The clause must be finite and stand as the news ("was jailed", "has been banned",
    "police said Smith was jailed"); "to be jailed", "could be jailed", "if jailed",
    "who was jailed in 2015", "was originally jailed" and the past perfect ("had been
    jailed for two years before his release": time served, or an earlier sentence) are
    not.
    """
    head = verb
    while head.dep_ == "conj":
        head = head.head
    if hedged_clause(verb) or looks_ahead(verb) or looks_ahead(head):
        return False
    if head.dep_ not in _STATED and not _misread_main_verb(head):
        return False
    if head.dep_ == "ccomp" and not is_reporting(head.head):
        return False
    background = set(penalties().background)
    for token in {verb.i: verb, head.i: head}.values():
        if any(c.dep_ == "advmod" and str(c.lower_) in background for c in token.children):
            return False
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "VBD" and _lemma(a) == "have" for a in auxiliaries):
        return False  # "had been jailed for two years": told from a later point in time
    return head.tag_ in _FINITE or any(a.tag_ in _FINITE for a in auxiliaries)


def _misread_main_verb(verb: Any) -> bool:
    """Return True for "A court jailed Smith", which the small model reads as a noun phrase.

    It makes "court" the root and "jailed" a clause on it; a past-tense form (VBD, not the
    participle VBN) right after its subject is the main verb all the same.
    """
    subject = verb.head
    return bool(
        verb.dep_ == "acl"
        and verb.tag_ == "VBD"
        and subject.dep_ == "ROOT"
        and subject.pos_ == "NOUN"
        and subject.i == verb.i - 1
    )


def named_recipient(reading: Reading) -> str | None:
    """Return the surname of the one person a penalty's sentence names as its recipient.

    None for none, two ("Smith and Jones were jailed": whose term is whose) or a pronoun.
    """
    named = [n for n in (past_dateline(t) for t in reading.recipients) if n is not None]
    names = {_surname(t) for t in named if t.pos_ == "PROPN"}
    if len(names) != 1:
        return None
    if any(c.dep_ == "conj" for t in named for c in t.children):
        return None
    return names.pop()


def given(reading: Reading, who: str) -> Happening:
    """Return the penalty given to ``who`` (a surname): its class is the claim's subject."""
    label = penalties().kinds[reading.name].label.format(who=who)
    if reading.scope:
        label = f"{reading.scope} {label}"
    return Happening(label, "occurred", label, _lemma(reading.verb), (who.lower(),), reading.verb)


def past_dateline(token: Any) -> Any | None:
    """Return who a subject or object names: the name itself, or the name in apposition.

    "Former port director Anna Smith" -> Smith; "KESSLING, Estmark — Former port director
    Anna Smith", which the small model reads as the dateline's town with the rest in
    apposition (or as its conjunct) -> Smith. None when only the dateline is there.
    """
    match = match_dateline(token.doc.text)
    end = match.end() if match is not None else 0
    queue = [token]
    while queue:
        current = queue.pop(0)
        if current.idx >= end and (
            current.pos_ == "PROPN"
            or not any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in current.children)
        ):
            return current
        # Past the dateline the model may join the subject to the town as a conjunct.
        joined = ("appos", "conj") if current.idx < end else ("appos",)
        queue.extend(c for c in current.children if c.dep_ in joined and c.idx >= end)
    return None


def _surname(token: Any) -> str:
    """Return a name's last word as written, without a possessive ("Smith's" -> "Smith")."""
    return re.sub(r"['’]s?$", "", str(token.text))
