"""Actors of participation, mode and absence claims: parse tokens to canonical entities.

"U.S. participation" -> country:united-states; "Washington's willingness" -> the same;
"Russian officials" -> country:russia; "US President Donald Trump" -> person:donald-trump,
who acts for country:united-states; "he" -> the person the sentence (or, failing that,
the text just before it) names. Built on the public APIs of ``normalise/entities.py`` and
``normalise/mentions.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.cues import lemma, participation_lexicon
from claimdiff.lexicon import read_data
from claimdiff.models import Document, Entity, EntityKind
from claimdiff.nlp import entity_label
from claimdiff.normalise.entities import (
    entity_table,
    fold,
    parse_titled_name,
    person,
    same_name,
)
from claimdiff.normalise.mentions import People, surname_key

_NAME_DEPS = frozenset({"compound", "amod", "flat", "nmod", "det"})
_PRONOUNS = frozenset({"he", "she", "him", "her"})
SPEECH_VERBS = frozenset(
    {"say", "tell", "add", "insist", "note", "indicate", "state", "reiterate", "stress",
     "announce", "confirm", "explain", "warn", "argue", "claim", "suggest", "write"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Actor:
    """Who a claim is about, as found in one sentence."""

    id: str
    name: str
    start: int  # offsets in the sentence text
    end: int
    person: str | None = None  # the person through whom a country acts, if any


class DocumentPeople:
    """The people a document names with an office (``normalise/mentions.py``), and lookups.

    Lookups never add a person: an unknown name stays unknown.
    """

    def __init__(self, document: Document) -> None:
        self.people = People()
        self.people.introduce([(0, document.text)])

    def find(self, name: str) -> Entity | None:
        """Return the known person a full name or surname names."""
        surname = surname_key(name)
        for known in reversed(self.people.resolver.people):
            if surname_key(known.name) == surname or same_name(known.name, name):
                return known
        return None

    def last_before(self, offset: int) -> Entity | None:
        """Return the person named last before ``offset`` in the document."""
        found = self.people.before(offset)
        return found[0].entity if found else None

    def acts_for(self, entity: Entity) -> str | None:
        """Return the country or organisation a person's office acts for, if any."""
        title = self.people.titles.get(entity.id)
        if entity.affiliation and title in participation_lexicon().actors.speaks_for:
            return entity.affiliation
        return None


_PEOPLE: dict[tuple[str, str], DocumentPeople] = {}


def people_of(document: Document) -> DocumentPeople:
    """Return (and keep) the people index of a document."""
    key = (document.id, document.sha256)
    if key not in _PEOPLE:
        if len(_PEOPLE) > 256:
            _PEOPLE.clear()
        _PEOPLE[key] = DocumentPeople(document)
    return _PEOPLE[key]


def name_tokens(token: Any) -> list[Any]:
    """Return the tokens of the name ``token`` heads: its compounds and titles before it."""
    tokens = [token]
    current = token.i
    doc = token.doc
    while current > 0:
        previous = doc[current - 1]
        if previous.pos_ == "PUNCT" and previous.text in ("-", "‑"):
            current -= 1
            continue
        if previous.dep_ in _NAME_DEPS and _governed_by(previous, token):
            if previous.dep_ == "det" and previous.lower_ != "the":
                break
            tokens.insert(0, previous)
            current -= 1
            continue
        break
    while tokens and tokens[0].dep_ == "det":
        tokens.pop(0)
    return tokens or [token]


def _governed_by(token: Any, head: Any) -> bool:
    while token.head.i != token.i:
        if token.head.i == head.i:
            return True
        if token.head.i > head.i or token.dep_ not in _NAME_DEPS:
            return False
        token = token.head
    return False


def _span(parsed: ParsedSentence, tokens: list[Any]) -> tuple[int, int, str]:
    start = int(tokens[0].idx)
    end = int(tokens[-1].idx + len(tokens[-1]))
    return start, end, parsed.sent.text[start:end]


@cache
def _demonym_candidates() -> dict[str, tuple[str, ...]]:
    """Map each demonym to every country that lists it (countries.toml, read as data)."""
    countries = read_data("countries.toml").get("country", [])
    found: dict[str, list[str]] = {}
    for country in countries if isinstance(countries, list) else []:
        for demonym in country.get("demonyms", []):
            found.setdefault(fold(demonym), []).append(str(country["id"]))
    return {k: tuple(v) for k, v in found.items()}


def country_of_adjective(word: str) -> str | None:
    """Return the country a demonym names, preferring the country it is derived from.

    Several territories share a demonym with a country ("American", "Indian", "French");
    the entity table keeps whichever it read first, so "American" can come back as the
    Northern Mariana Islands. The country whose name or alias shares the demonym's stem
    wins, the shortest such name first ("Indian" -> India, "French" -> France).
    """
    table = entity_table()
    found = table.country_of_adjective(word)
    candidates = _demonym_candidates().get(fold(word), ())
    if len(candidates) < 2:
        return found
    stem = fold(word)[:4]
    scored = []
    for candidate in candidates:
        entity = table.entities.get(candidate)
        if entity is None:
            continue
        names = [fold(n) for n in (entity.name, *entity.aliases)]
        matching = [n for n in names if n.startswith(stem)]
        if matching:
            scored.append((min(len(n) for n in matching), candidate))
    return min(scored)[1] if scored else found


def _country(entity_id: str) -> str:
    entity = entity_table().entities.get(entity_id)
    return entity.name if entity is not None else entity_id


def resolve(token: Any, parsed: ParsedSentence, *, acts_for: bool = True) -> Actor | None:
    """Return the entity a noun (or pronoun) token names, or None when it names none.

    With ``acts_for`` a person whose office acts for a country stands for that country.
    """
    if str(token.lower_) in _PRONOUNS:
        return _antecedent(token, parsed, acts_for=acts_for)
    if token.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return None
    tokens = name_tokens(token)
    start, end, surface = _span(parsed, tokens)
    table = entity_table()
    # Names are capitalised: the common noun "union" is not "the Union" (the EU).
    found = (
        (table.lookup(surface) or table.lookup(str(token.text)))
        if token.is_title or (str(token.text).isupper())
        else None
    )
    if found is not None and found.kind is not EntityKind.PERSON:
        return Actor(found.id, found.name, start, end)
    if token.pos_ == "ADJ" or token.dep_ == "amod":
        country = country_of_adjective(str(token.text))
        if country is not None:
            return Actor(country, _country(country), int(token.idx), int(token.idx + len(token)))
    if lemma(token) in participation_lexicon().actors.groups:
        for child in token.children:
            if child.dep_ in ("amod", "compound") and child.i < token.i:
                country = country_of_adjective(str(child.text))
                if country is not None:
                    return Actor(country, _country(country), start, end)
    if token.pos_ != "PROPN":
        return None
    people = people_of(parsed.document)
    titled = parse_titled_name(surface)
    entity = people.find(titled.name) if titled.name else None
    # A new name is a person only when titled or tagged as one ("ABC News" is not).
    if (
        entity is None
        and titled.name
        and len(titled.name.split()) >= 2
        and (titled.title is not None or entity_label(token) == "PERSON")
    ):
        entity = person(titled.name, affiliation=titled.affiliation)
    if entity is None:
        return None
    return _person_actor(entity, people, start, end, acts_for=acts_for, affiliation=titled)


def _person_actor(
    entity: Entity,
    people: DocumentPeople,
    start: int,
    end: int,
    *,
    acts_for: bool,
    affiliation: Any = None,
) -> Actor:
    if acts_for:
        country = people.acts_for(entity)
        if country is None and affiliation is not None and affiliation.affiliation:
            title = affiliation.title
            if title in participation_lexicon().actors.speaks_for:
                country = affiliation.affiliation
        if country is not None:
            return Actor(country, _country(country), start, end, person=entity.id)
    return Actor(entity.id, entity.name, start, end)


def _antecedent(token: Any, parsed: ParsedSentence, *, acts_for: bool) -> Actor | None:
    """Resolve "he"/"she": the subject of the speech verb above it, else the last person."""
    head = token.head
    while head.i != head.head.i:
        head = head.head
        if lemma(head) in SPEECH_VERBS and head.pos_ == "VERB":
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i:
                    found = resolve(child, parsed, acts_for=acts_for)
                    if found is not None:
                        start, end = int(token.idx), int(token.idx + len(token))
                        return Actor(found.id, found.name, start, end, person=found.person)
    people = people_of(parsed.document)
    entity = people.last_before(parsed.absolute(int(token.idx)))
    if entity is None:
        return None
    start, end = int(token.idx), int(token.idx + len(token))
    return _person_actor(entity, people, start, end, acts_for=acts_for)


def resolve_all(token: Any, parsed: ParsedSentence, *, acts_for: bool = True) -> list[Actor]:
    """Return the actors a token and the tokens conjoined with it name ("Japan and Korea")."""
    actors: list[Actor] = []
    for member in conjuncts(token):
        found = resolve(member, parsed, acts_for=acts_for)
        if found is not None and found.id not in {a.id for a in actors}:
            actors.append(found)
    return actors


def conjuncts(token: Any) -> list[Any]:
    """Return a token and the tokens joined to it by "and"/"or" ("France and Germany")."""
    members = [token]
    for child in token.children:
        if child.dep_ == "conj":
            members.extend(conjuncts(child))
    return members
