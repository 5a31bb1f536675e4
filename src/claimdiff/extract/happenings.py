"""What a date or a duration is about: the happening its phrase hangs on in the parse.

"In a pivotal summit held on March 27" -> meeting (the summit); "The plane crashed at
1:39 PM" -> crash; "Russia began its full-scale invasion in February 2022" -> invasion,
began; "leaders announced on Thursday" -> nothing (a date on a reporting verb is when
the outlet heard the news). Shared by the time, duration and timeframe extractors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from claimdiff.nlp import entity_label
from claimdiff.normalise.dates import MONTHS, WEEKDAYS
from claimdiff.normalise.timelex import (
    happening_nouns,
    happening_verbs,
    happenings,
    role_index,
    times,
)

_NOUNS = frozenset({"NOUN", "PROPN"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
_CALENDAR_WORDS = frozenset({*MONTHS, *WEEKDAYS})
_VERBS = frozenset({"VERB", "AUX"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd"})
_CLIMB = frozenset(
    {"npadvmod", "tmod", "advmod", "nummod", "appos", "amod", "compound", "nmod", "dobj"}
)
_MODALS = frozenset({"will", "would", "shall", "could", "may", "might", "should", "must", "can"})
_FUTURE_MODALS = frozenset({"will", "shall"})  # "will have finished" is still ahead
_EXPECTING = frozenset(
    {"expect", "due", "set", "plan", "hope", "aim", "promise", "pledge", "vow", "intend"}
)
# Of those, words that schedule only in the passive: "the talks are set to resume" looks
# ahead, "within hours, volunteers set up a kitchen" tells what was done.
_EXPECTING_IF_PASSIVE = frozenset({"set"})
_CONDITIONS = frozenset({"if", "unless", "whether"})
_PARTNER_PREPOSITIONS = frozenset({"with", "between", "and"})
_CARRYING_PREPOSITIONS = frozenset({"on", "into", "of", "for"})


@dataclass(frozen=True, slots=True)
class Happening:
    """A dated or timed happening: its class, role, readable phrase and participants."""

    cls: str
    role: str  # occurred, began, ended
    phrase: str
    cue: str
    actors: tuple[str, ...]
    head: Any  # the spaCy token that named it


def tokens_between(doc: Any, start: int, end: int) -> list[Any]:
    """Return the tokens overlapping the character range ``[start, end)``."""
    return [t for t in doc if t.idx < end and t.idx + len(t) > start]


def attachment(tokens: list[Any]) -> Any | None:
    """Return the verb or noun a phrase hangs on, past its prepositions ("held on X")."""
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), None)
    if root is None or root.head.i == root.i:
        return None
    current = root
    for _ in range(4):
        head = current.head
        if current.dep_ == "pobj" or head.dep_ == "prep" and current.dep_ in _CLIMB:
            head = head.head if head.dep_ in ("prep", "agent") else head
        elif current.dep_ not in _CLIMB and current.dep_ not in ("prep", "pcomp", "agent"):
            return None
        if head.pos_ in _VERBS:
            return head
        if head.pos_ in _NOUNS:
            if noun_class(head) is not None or head.dep_ not in ("pobj",):
                return head
            current = head  # "a summit in Paris on Thursday": Paris passes to summit
            continue
        if head.head.i == head.i:
            return None
        current = head
    return None


def gap_sides(word: Any) -> tuple[Any, Any] | None:
    """Return (later happening's word, earlier happening's word) around "after"/"before"."""
    if word.dep_ == "mark" and word.head.pos_ in ("VERB", "AUX"):
        clause = word.head
        return clause.head, clause
    if word.dep_ == "prep":
        objects = [c for c in word.children if c.dep_ == "pobj"]
        if objects:
            return word.head, objects[0]
    return None


def noun_class(token: Any) -> str | None:
    """Return the happening class of a noun ("distress call" before "call"), if any.

    Words inside dates and times never name a happening ("March" is a month).
    """
    if str(token.text) in _CALENDAR_WORDS:
        return None
    found = _noun_class(token)
    if found is None or entity_label(token) in _TIME_ENTITIES:
        return None
    return found


def _noun_class(token: Any) -> str | None:
    index = happening_nouns()
    lemma = str(token.lemma_).lower()
    text = str(token.text).lower()
    doc = token.doc
    if token.i + 1 < len(doc):
        # The small model sometimes parses "a storm warning" as "storm" + verb "warning".
        following = f"{text} {str(doc[token.i + 1].text).lower()}"
        if following in index:
            return index[following]
    for child in token.children:
        if child.dep_ == "compound" and child.i == token.i - 1:
            for word in (lemma, text):
                phrase = f"{str(child.text).lower()} {word}"
                if phrase in index:
                    return index[phrase]
    return index.get(lemma) or index.get(text)


def _verb_keys(token: Any) -> list[str]:
    lemma = str(token.lemma_).lower()
    keys = [
        f"{lemma} {str(c.text).lower()}"
        for c in token.children
        if c.dep_ in ("prt", "prep", "dobj") and c.i > token.i
    ]
    return [*keys, lemma]


def looks_ahead(head: Any) -> bool:
    """Return True when the undertaking is still to come: "will", "would", "expected to".

    "Should have sailed" is a past that did not happen (``counterfactual``), not a plan;
    a participle hung on a noun ("the warning issued on Saturday") has no tense of its
    own, so what governs the noun ("will sail after the warning") does not date it.
    """
    for token in _clause_chain(head):
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(str(c.lemma_).lower() in _MODALS for c in auxiliaries):
            return not _modal_perfect(auxiliaries)
        if _expects(token):
            return True
    return False


def counterfactual(head: Any) -> bool:
    """Return True for a past that did not happen: "should have sailed", "would have met".

    A modal with the perfect, other than the future's "will have finished", on the clause
    that tells the happening: neither a plan nor a record of what happened.
    """
    for token in _clause_chain(head):
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(str(c.lemma_).lower() in _MODALS for c in auxiliaries):
            return _modal_perfect(auxiliaries)
        if _expects(token):
            return False
    return False


def _clause_chain(head: Any) -> Iterator[Any]:
    """Yield a word and the words up to the clause that tells it, whose tense counts.

    The climb passes infinitives and complements ("expected to meet", "said they would
    meet"); it stops at a finite clause and at a participle hung on a noun.
    """
    for token in (head, *head.ancestors):
        yield token
        if token.dep_ == "acl" and not _infinitive(token):
            return
        if token.pos_ in _VERBS and token.dep_ not in ("xcomp", "ccomp", "acl"):
            return


def _modal_perfect(auxiliaries: list[Any]) -> bool:
    """Return True for a modal other than "will"/"shall" with "have" ("should have")."""
    lemmas = {str(c.lemma_).lower() for c in auxiliaries}
    return "have" in lemmas and bool(lemmas & (_MODALS - _FUTURE_MODALS))


def _infinitive(verb: Any) -> bool:
    """Return True for "to start", "start": a verb form that still looks ahead on a noun."""
    return bool(verb.tag_ == "VB" or any(c.tag_ == "TO" for c in verb.children))


def _expects(token: Any) -> bool:
    """Return True for a word that puts its clause ahead: "expected", "due", "is set to"."""
    lemma = str(token.lemma_).lower()
    if lemma not in _EXPECTING:
        return False
    if lemma not in _EXPECTING_IF_PASSIVE:
        return True
    # "Are set to resume", "set for Friday"; a headline's "talks set to resume" drops the
    # auxiliary but keeps the infinitive.
    return any(c.dep_ in ("auxpass", "nsubjpass", "xcomp") for c in token.children)


def hedged_clause(head: Any) -> bool:
    """Return True for a negated or conditional clause ("did not meet", "if they meet")."""
    for token in (head, *head.ancestors):
        if any(c.dep_ == "neg" or str(c.lower_) in _CONDITIONS for c in token.children):
            return True
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("xcomp", "conj", "aux"):
            return False
    return False


def is_reporting(token: Any) -> bool:
    """Return True for "said", "announced", "told reporters": when news was heard."""
    reporting = frozenset(times().reporting_verbs)
    return any(key in reporting for key in _verb_keys(token))


def happening_at(token: Any) -> Happening | None:
    """Return the happening a verb or noun names, or None when it names none we know."""
    if token.pos_ in _NOUNS:
        cls = noun_class(token)
        if cls is None:
            return None
        return Happening(
            cls, "occurred", noun_phrase(token), str(token.lemma_).lower(), _actors(token), token
        )
    if token.pos_ not in _VERBS or is_reporting(token):
        return None
    keys = _verb_keys(token)
    role = next((role_index()[k] for k in keys if k in role_index()), "occurred")
    key = next((k for k in keys if k in happening_verbs()), None)
    if key is not None and _other_sense(token, key):
        return None
    if key is not None and not (key == keys[-1] and key in happenings().light_verbs):
        return Happening(
            happening_verbs()[key], role, verb_phrase(token), key, _actors(token), token
        )
    for noun in _arguments(token) if keys[-1] in happenings().light_verbs else ():
        cls = noun_class(noun)
        if cls is not None:
            actors = tuple(sorted({*_actors(noun), *_actors(token)} - {_name(noun)}))
            light = keys[-1] in happenings().light_verbs
            phrase = noun_phrase(noun) if light else verb_phrase(token)
            return Happening(cls, role, phrase, keys[-1], actors, noun)
    if token.dep_ in ("acl", "relcl") and token.head.pos_ in _NOUNS and not _content_clause(token):
        head_class = noun_class(token.head)
        if head_class is not None:
            phrase = noun_phrase(token.head)
            return Happening(head_class, role, phrase, keys[-1], _actors(token.head), token.head)
    return None


def _other_sense(verb: Any, key: str) -> bool:
    """Return True for "met the deadline", "met the news with anger": no meeting."""
    objects = happenings().not_happening_objects.get(key.split()[0], [])
    return any(c.dep_ == "dobj" and str(c.lemma_).lower() in objects for c in verb.children)


def _content_clause(clause: Any) -> bool:
    """Return True for "told a meeting that prices rose": what was said, not the meeting.

    The parser may hang such a clause on the noun before it as if it were a relative
    clause; a relative "that" fills a place in its clause, a content "that" only marks it.
    """
    return any(c.dep_ == "mark" for c in clause.children)


def subjects(verb: Any) -> list[Any]:
    """Return a verb's subjects, or its head's for "began ... and lasted", "expected to last"."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not own and verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in _VERBS:
        return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return own


def _arguments(verb: Any) -> list[Any]:
    found = [c for c in verb.children if c.dep_ in _ARGUMENTS]
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in found):
        found.extend(subjects(verb))
    for prep in verb.children:
        if prep.dep_ == "prep" and str(prep.text).lower() in _CARRYING_PREPOSITIONS:
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def _name(token: Any) -> str:
    """Return how a participant is keyed: a surname or a noun lemma, lower case."""
    if token.pos_ == "PROPN":
        return str(token.text).lower().replace("’s", "").replace("'s", "")
    return str(token.lemma_).lower()


def _participants(token: Any) -> list[Any]:
    people = [token]
    people.extend(c for c in token.children if c.dep_ == "conj")
    return [p for p in people if p.pos_ in _NOUNS]


def _actors(token: Any) -> tuple[str, ...]:
    """Return who took part: subjects, objects and "with"/"between" partners."""
    found: list[Any] = []
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "poss") or (
            child.dep_ == "compound" and child.pos_ == "PROPN"
        ):
            found.extend(_participants(child))
        elif child.dep_ == "prep" and str(child.text).lower() in _PARTNER_PREPOSITIONS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.extend(_participants(pobj))
    names = {_name(t) for t in found if noun_class(t) is None}
    return tuple(sorted(names))


def noun_phrase(token: Any) -> str:
    """Return a noun with the words that qualify it, as written ("full-scale invasion")."""
    modifiers = [
        c for c in token.children if c.i < token.i and c.dep_ in ("amod", "compound", "nmod")
    ]
    first = min((m.left_edge.i for m in modifiers), default=token.i)
    kept = [
        t
        for t in token.doc[first : token.i + 1]
        if t.pos_ not in ("DET", "PRON") and entity_label(t) not in _TIME_ENTITIES
    ]
    while kept and kept[0].pos_ == "PUNCT":
        kept.pop(0)
    return "".join(t.text_with_ws for t in kept).strip() or str(token.text)


def verb_phrase(token: Any) -> str:
    """Return "plane crashed", "Trump met Putin": a verb with its subject and object."""
    parts = [token]
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "prt"):
            parts.append(child)
    return " ".join(str(t.text) for t in sorted(parts, key=lambda t: t.i))
