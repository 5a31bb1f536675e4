"""Which group a count is about (its qualifier) and who does what it counts (its agent).

Qualifier: "12 Ukrainian soldiers" -> country:ukraine; "40 Labour seats" -> name:Labour;
           "civilian deaths" -> group:civilian; "26 non-NATO nations" -> non:org:nato.
Agent:     "Halvorsen Motors will cut 1,200 jobs" -> name:Halvorsen Motors;
           "Russian shelling killed 40 people" -> country:russia; "it will cut 800 jobs"
           -> "?" (named by a pronoun nothing resolves); "Fighting killed 12" -> None.

The words that count are data (``data/qualifiers.toml``); nationalities come from the
entity table (``countries.toml``) and from the model's NORP, ORG and GPE entities.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from claimdiff.extract.actors import SPEECH_VERBS, conjuncts, country_of_adjective, resolve
from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.clauses import speech_subject
from claimdiff.lexicon import load_data
from claimdiff.models import EntityKind, Record
from claimdiff.nlp import entity_label
from claimdiff.normalise.entities import entity_table

__all__ = [
    "UNRESOLVED",
    "QualifierLexicon",
    "agent_of",
    "qualifier_lexicon",
    "qualifier_of",
]

UNRESOLVED = "?"
"""The agent of a count whose subject is a pronoun nothing in the sentence resolves."""

# Entity labels of words that name a group, a body or a place ("Kelbrian", "NATO").
_NAME_LABELS = frozenset({"NORP", "ORG", "GPE"})
# Entity labels a named agent may carry ("Halvorsen Motors", "Labour", "Jane Doe").
_AGENT_LABELS = frozenset({"NORP", "ORG", "GPE", "PERSON"})
_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss"})
_RELATIVE = frozenset({"that", "which", "who", "whom"})


class QualifierLexicon(Record):
    """Group adjectives, negating prefixes and agent pronouns (``qualifiers.toml``)."""

    groups: list[str]
    negations: list[str]
    pronouns: list[str]


@cache
def qualifier_lexicon() -> QualifierLexicon:
    """Return the qualifier lexicon."""
    return load_data(QualifierLexicon, "qualifiers.toml")


def qualifier_of(noun: Any) -> str | None:
    """Return the group a counted noun's own modifiers name, or None when they name none.

    Modifiers before the noun are read (adjectives, compounds, possessives), then a
    "from" phrase naming a country ("40 soldiers from Ukraine"). Several groups joined
    ("American and British troops") make one qualifier listing them all.
    """
    found: list[str] = []
    for child in noun.children:
        if child.i < noun.i and child.dep_ in _MODIFIERS and child.pos_ != "NUM":
            for member in conjuncts(child):
                group = _group_word(member)
                if group is not None and group not in found:
                    found.append(group)
        elif child.i > noun.i and child.dep_ == "prep" and child.lower_ == "from":
            for pobj in child.children:
                country = _country_name(pobj) if pobj.dep_ == "pobj" else None
                if country is not None and country not in found:
                    found.append(country)
    return "+".join(sorted(found)) if found else None


def _group_word(token: Any) -> str | None:
    """Return the group one modifier word names ("Ukrainian", "civilian", "NATO")."""
    word = str(token.text)
    if token.pos_ in ("ADJ", "NOUN") and word.lower() in qualifier_lexicon().groups:
        return f"group:{word.lower()}"
    if not _capitalised(token):
        return None
    group = country_of_adjective(word) or _named(token)
    if group is None:
        return None
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if previous is not None and previous.text in ("-", "‑") and previous.i > 0:
        previous = token.doc[previous.i - 1]
    if previous is not None and previous.lower_ in qualifier_lexicon().negations:
        return f"non:{group}"
    return group


def _capitalised(token: Any) -> bool:
    return str(token.text)[:1].isupper()


def _named(token: Any) -> str | None:
    """Return the entity a capitalised word names, or its name when the model tags one."""
    entity = entity_table().lookup(str(token.text))
    if entity is not None and entity.kind is not EntityKind.PERSON:
        return entity.id
    if entity_label(token) in _NAME_LABELS:
        return f"name:{token.text}"
    return None


def _country_name(token: Any) -> str | None:
    if not _capitalised(token):
        return None
    entity = entity_table().lookup(str(token.text))
    return entity.id if entity is not None and entity.kind is EntityKind.COUNTRY else None


def agent_of(verb: Any, via: Any, parsed: ParsedSentence) -> str | None:
    """Return who does what the verb counts, reached from the count through ``via``.

    None when the count is itself the verb's subject ("40 nations attended"), when the
    subject names no one ("Fighting killed 12 soldiers") or when there is no subject.
    A pronoun subject is resolved through a speech verb above it ("Halvorsen said it
    would cut 800 jobs") or a person the document named; otherwise it is ``UNRESOLVED``.
    """
    if via.dep_ in ("nsubj", "csubj") or (via.dep_ == "relcl" and _relative_subject(verb)):
        return None
    if via.dep_ in ("nsubjpass", "acl"):
        return _passive_agent(verb, parsed)  # "800 jobs (to be) cut by Bergmann"
    subject = _subject(verb)
    if subject is None:
        return None
    return _agent(subject, verb, parsed)


def _relative_subject(verb: Any) -> bool:
    """Return True for "nations that have committed": the relative word is the subject."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE for c in verb.children)


def _subject(verb: Any) -> Any | None:
    """Return the verb's subject, or that of the verb it continues ("plans to cut")."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ == "nsubj":
                return child
        if current.dep_ not in ("xcomp", "conj") or current.head.i == current.i:
            return None
        current = current.head
    return None


def _passive_agent(verb: Any, parsed: ParsedSentence) -> str | None:
    """Return the agent of "800 jobs will be cut by Bergmann"."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return _agent(pobj, verb, parsed)
    return None


def _agent(subject: Any, verb: Any, parsed: ParsedSentence) -> str | None:
    """Return the entity a subject names, ``UNRESOLVED`` for a bare pronoun, else None."""
    if subject.lower_ in _RELATIVE:
        return None
    if subject.pos_ == "PRON":
        if subject.lower_ not in qualifier_lexicon().pronouns:
            return None
        actor = resolve(subject, parsed)
        if actor is not None:
            return actor.id
        speaker = speech_subject(verb, SPEECH_VERBS)
        if speaker is not None and speaker.pos_ != "PRON":
            return _agent(speaker, speaker.head, parsed) or UNRESOLVED
        return UNRESOLVED
    name = _proper_name(subject)
    if name is not None:
        actor = resolve(subject, parsed)
        return actor.id if actor is not None else f"name:{name}"
    # A description may still name who acts through its modifiers: "Russian shelling".
    return qualifier_of(subject)


def _proper_name(token: Any) -> str | None:
    """Return "Halvorsen Motors" for the head of a name the model tags, else None."""
    if not _capitalised(token) or entity_label(token) not in _AGENT_LABELS:
        return None
    words = [token]
    for child in sorted(token.children, key=lambda c: -c.i):
        if child.i == words[0].i - 1 and child.dep_ in ("compound", "flat"):
            if not _capitalised(child):
                break
            words.insert(0, child)
    return " ".join(str(w.text) for w in words)
