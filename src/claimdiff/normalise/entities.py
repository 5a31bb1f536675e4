"""Entities: surface forms to canonical ids, titles to affiliations, spelling variants merged.

"U.S." / "US" / "United States" / "Washington" / "American" -> country:united-states;
"the Kremlin" -> country:russia; "French President Emmanuel Macron" -> a person whose
office acts for country:france. Across documents, "Zelensky" and "Zelenskyy" merge on
their distinctive token; "North Korea" and "South Korea" never do.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz import fuzz

from claimdiff.lexicon import load_data
from claimdiff.models import Entity, EntityKind, Record

# Distinctive tokens of two names must be at least this similar to merge (0-100).
NAME_SIMILARITY = 85


class _Country(Record):
    id: str
    name: str
    aliases: list[str]
    demonyms: list[str]
    capital: str


class _Seat(Record):
    name: str
    country: str
    label: str = "ORG"


class _Organisation(Record):
    id: str
    name: str
    aliases: list[str]
    parent: str | None = None


class _Titles(Record):
    country: list[str]
    organisation: list[str]
    people: list[str]
    bodies: list[str]
    institutions: list[str]


class _Countries(Record):
    country: list[_Country]


class _News(Record):
    outlets: list[str]
    words: list[str]


class _Ambiguous(Record):
    place_names: list[str]


class _Names(Record):
    org_words: list[str]


class _Entities(Record):
    seat: list[_Seat]
    organisation: list[_Organisation]
    titles: _Titles
    news: _News
    names: _Names
    ambiguous: _Ambiguous


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Return the matching form of a name: no accents, periods or "the", lower case."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    text = text.replace(".", "").replace("’", "'")
    return re.sub(r"\s+", " ", text).lower()


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return len(letters) <= 4 and letters.isupper()


@dataclass(slots=True)
class EntityTable:
    """Every known entity and the names, adjectives and metonyms that point at it."""

    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # folded name -> id
    acronyms: dict[str, str] = field(default_factory=dict)  # case-kept "US" -> id
    metonyms: dict[str, str] = field(default_factory=dict)  # folded capital/seat -> id
    demonyms: dict[str, str] = field(default_factory=dict)  # folded adjective -> id
    country_titles: tuple[str, ...] = ()
    organisation_titles: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    people_nouns: frozenset[str] = frozenset()  # "owner", "analyst": people without an office
    body_nouns: frozenset[str] = frozenset()  # "company", "union": organisations that speak
    outlets: frozenset[str] = frozenset()  # folded names of news organisations
    outlet_words: frozenset[str] = frozenset()  # "News", "Press": last words of outlet names
    ambiguous: frozenset[str] = frozenset()  # folded place names that are also given names
    org_words: frozenset[str] = frozenset()  # "Hospital", "Lines": words of organisation names
    surfaces: list[tuple[str, str, str]] = field(default_factory=list)  # (as written, label, id)

    def add(self, entity: Entity) -> None:
        """Register an entity under its name and aliases."""
        self.entities[entity.id] = entity
        for alias in (entity.name, *entity.aliases):
            if _is_acronym(alias):
                self.acronyms.setdefault(alias.replace(".", ""), entity.id)
            elif (folded := fold(alias)) and (alias == entity.name or folded not in self.ambiguous):
                self.names.setdefault(folded, entity.id)

    def lookup(self, surface: str, *, metonyms: bool = True) -> Entity | None:
        """Return the entity a name, acronym or (optionally) capital/seat stands for.

        Capitals that are also given names ("Douglas", "Victoria") are never metonyms.
        """
        compact = re.sub(r"^the\s+", "", surface.strip(), flags=re.IGNORECASE).replace(".", "")
        if compact in self.acronyms:
            return self.entities[self.acronyms[compact]]
        folded = fold(surface)
        found = self.names.get(folded)
        if found is None and metonyms and folded not in self.ambiguous:
            found = self.metonyms.get(folded)
        return self.entities[found] if found else None

    def country_of_adjective(self, word: str) -> str | None:
        """Return the country a demonym or country name used as adjective points at."""
        folded = fold(word)
        if folded in self.demonyms:
            return self.demonyms[folded]
        entity = self.lookup(word, metonyms=False)
        return entity.id if entity is not None and entity.kind is not EntityKind.PERSON else None

    def is_outlet(self, phrase: str) -> bool:
        """Return True when a name is a news organisation ("the AP", "NBC News").

        Listed outlets match whole; otherwise a capitalised name holding an outlet word
        ("the Daily Clarion", "Radio Free Europe/ Radio Liberty") is one. Callers read
        titles first: "Press Secretary Jane Doe" is a person.
        """
        name = re.sub(r"^the\s+", "", phrase.strip(), flags=re.IGNORECASE).strip(" ,.")
        if not name:
            return False
        parts = [p.strip() for p in re.split(r"\s*/\s*", name) if p.strip()]
        if any(fold(p) in self.outlets or p.replace(".", "") in self.outlets for p in parts):
            return True
        words = [re.sub(r"['’]s$", "", w) for w in name.split()]
        return (
            len(words) <= 6
            and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
            and any(w in self.outlet_words for w in words)
            and self.lookup(name, metonyms=False) is None
        )


@cache
def entity_table() -> EntityTable:
    """Return the table built from data/countries.toml and data/entities.toml."""
    countries = load_data(_Countries, "countries.toml")
    extra = load_data(_Entities, "entities.toml")
    table = EntityTable(
        country_titles=tuple(sorted(extra.titles.country, key=len, reverse=True)),
        organisation_titles=tuple(sorted(extra.titles.organisation, key=len, reverse=True)),
        institutions=tuple(sorted(extra.titles.institutions, key=len, reverse=True)),
        people_nouns=frozenset(extra.titles.people),
        body_nouns=frozenset(extra.titles.bodies),
        outlets=frozenset(fold(o) for o in extra.news.outlets)
        | frozenset(o.replace(".", "") for o in extra.news.outlets if _is_acronym(o)),
        outlet_words=frozenset(extra.news.words),
        ambiguous=frozenset(fold(p) for p in extra.ambiguous.place_names),
        org_words=frozenset(extra.names.org_words),
    )
    for country in countries.country:
        table.add(
            Entity(
                id=country.id, name=country.name, kind=EntityKind.COUNTRY, aliases=country.aliases
            )
        )
        for demonym in (d.strip() for joined in country.demonyms for d in joined.split(",")):
            if demonym:
                table.demonyms.setdefault(fold(demonym), country.id)
                table.surfaces.append((demonym, "NORP", country.id))
        if country.capital:
            table.metonyms.setdefault(fold(country.capital), country.id)
            table.surfaces.append((country.capital, "GPE", country.id))
        table.surfaces.extend((a, "GPE", country.id) for a in (country.name, *country.aliases))
    for seat in extra.seat:
        table.metonyms.setdefault(fold(seat.name), seat.country)
        table.surfaces.append((seat.name, seat.label, seat.country))
    for org in extra.organisation:
        table.add(
            Entity(
                id=org.id,
                name=org.name,
                kind=EntityKind.ORG,
                aliases=org.aliases,
                affiliation=org.parent,
            )
        )
        table.surfaces.extend((a, "ORG", org.id) for a in (org.name, *org.aliases))
    table.surfaces.extend((o, "ORG", f"outlet:{slug(o)}") for o in extra.news.outlets)
    return table


def ruler_patterns() -> list[dict[str, str]]:
    """Return spaCy entity-ruler patterns for the table, sorted (deterministic).

    Countries, capitals and city seats are GPE, demonyms NORP, organisations, other
    seats ("the Kremlin") and news outlets ORG. Lower-case aliases ("the alliance") and
    place names that are also given names are left to the statistical model.
    """
    table = entity_table()
    found: dict[str, tuple[str, str]] = {}
    for surface, label, entity_id in table.surfaces:
        text = re.sub(r"^the\s+", "", surface.strip(), flags=re.IGNORECASE)
        if text[:1].isupper() and text.isascii() and fold(text) not in table.ambiguous:
            found.setdefault(text, (label, entity_id))
    return [
        {"label": label, "pattern": text, "id": entity_id}
        for text, (label, entity_id) in sorted(found.items())
    ]


def slug(name: str) -> str:
    """Return an ASCII id slug of a name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


# A name: capitalised words (with particles such as "de", "van"), up to a comma or a
# lower-case word: "Ingrid Solberg, who is also ..." -> "Ingrid Solberg".
_NAME_RUN = re.compile(
    r"[A-Z][\w'’.-]*(?:\s+(?:(?:de|da|di|du|van|von|der|den|bin|al|le|la)\s+)?[A-Z][\w'’.-]*)*"
)


@dataclass(frozen=True, slots=True)
class Titled:
    """A name with the office before it: "French President Emmanuel Macron"."""

    name: str | None
    title: str | None
    affiliation: str | None


@cache
def _office_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the office pattern (longest title first) and the trailing-institution one."""
    table = entity_table()
    titles = sorted((*table.country_titles, *table.organisation_titles), key=len, reverse=True)
    offices = re.compile(rf"\b({'|'.join(re.escape(t) for t in titles)})\b", re.IGNORECASE)
    names = "|".join(re.escape(i) for i in table.institutions)
    return offices, re.compile(rf"\s*\b(?:{names})\b\s*$", re.IGNORECASE)


@lru_cache(maxsize=1 << 14)
def parse_titled_name(phrase: str) -> Titled:
    """Split "UK Prime Minister Keir Starmer" into name, office and whom the office serves.

    "Russian Foreign Ministry spokeswoman Maria Zakharova" -> Maria Zakharova,
    "spokeswoman", country:russia; "the French president" -> no name, "president",
    country:france; "NATO Secretary-General Mark Rutte" -> org:nato.
    """
    table = entity_table()
    offices, institutions = _office_patterns()
    text = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    match = offices.search(text)
    if match is None:
        return Titled(name=text or None, title=None, affiliation=None)
    before = institutions.sub("", text[: match.start()].strip())
    after = text[match.end() :].strip(" ,")
    affiliation = None
    of_country = re.match(
        r"^(?:of|for)\s+(?:the\s+)?(.+?)(?:\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+))?$", after
    )
    if before:
        affiliation = table.country_of_adjective(before)
        if affiliation is None and (org := table.lookup(before, metonyms=False)) is not None:
            affiliation = org.id
    elif of_country is not None:
        body = institutions.sub("", of_country.group(1))
        affiliation = table.country_of_adjective(body) if body else None
        after = of_country.group(2) or ""
    leading = _NAME_RUN.match(after or "")
    name = leading.group(0) if leading else None
    return Titled(
        name=name, title=" ".join(match.group(1).lower().split()), affiliation=affiliation
    )


def person(name: str, *, affiliation: str | None = None) -> Entity:
    """Return the entity of a named person."""
    return Entity(
        id=f"person:{slug(name)}", name=name, kind=EntityKind.PERSON, affiliation=affiliation
    )


@lru_cache(maxsize=1 << 16)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s-]+", fold(name)) if t)


def _similar(left: str, right: str) -> bool:
    if min(len(left), len(right)) <= 4:
        return left == right
    return fuzz.ratio(left, right) >= NAME_SIMILARITY


@lru_cache(maxsize=1 << 16)
def same_name(left: str, right: str) -> bool:
    """Return True when two names are spelling variants of one name.

    Matching is on the distinctive tokens, never on overall similarity: the last tokens
    (surnames) must be near-identical, and so must the first tokens when both names have
    them ("Zelensky"/"Volodymyr Zelenskyy" merge; "North Korea"/"South Korea" and
    "Emmanuel Macron"/"Brigitte Macron" do not).
    """
    a, b = _tokens(left), _tokens(right)
    if not a or not b or not _similar(a[-1], b[-1]):
        return False
    if len(a) >= 2 and len(b) >= 2:
        if len(a[0]) == 1 or len(b[0]) == 1:  # "E. Macron"
            return a[0][0] == b[0][0]
        return _similar(a[0], b[0])  # middle names and initials do not decide
    return True


class PersonResolver:
    """Within one document: a surname or title refers to the full name met before."""

    def __init__(self) -> None:
        self.people: list[Entity] = []
        self.titles: dict[tuple[str, str | None], Entity] = {}

    def copy(self) -> PersonResolver:
        """Return a copy that names can be added to without changing this one."""
        twin = PersonResolver()
        twin.people = list(self.people)
        twin.titles = dict(self.titles)
        return twin

    def add(self, name: str, *, title: str | None = None, affiliation: str | None = None) -> Entity:
        """Register a full name (and its office); return its entity."""
        for known in self.people:
            if same_name(known.name, name) and len(_tokens(known.name)) >= len(_tokens(name)):
                entity = known
                break
        else:
            entity = person(name, affiliation=affiliation)
            self.people.append(entity)
        if title is not None:
            self.titles[(title, affiliation)] = entity
            self.titles[(title, None)] = entity
        return entity

    def resolve(self, surface: str) -> Entity | None:
        """Return the person a name, surname or office ("the French president") names."""
        titled = parse_titled_name(surface)
        if titled.name:
            tokens = _tokens(titled.name)
            for known in reversed(self.people):
                if _tokens(known.name)[-1] == tokens[-1] or same_name(known.name, titled.name):
                    return known
            if len(tokens) >= 2:
                return self.add(titled.name, title=titled.title, affiliation=titled.affiliation)
            return None
        if titled.title is not None:
            return self.titles.get((titled.title, titled.affiliation)) or self.titles.get(
                (titled.title, None)
            )
        return None


def merge_people(people: list[Entity]) -> dict[str, str]:
    """Map each person id to one canonical id, merging spelling variants across documents.

    Candidates are blocked by the first letters of the surname, so the cost stays near
    linear; within a block, names merge when `same_name` holds and affiliations agree.
    """
    blocks: dict[str, list[Entity]] = {}
    for entity in sorted(people, key=lambda e: (e.name, e.id)):
        surname = _tokens(entity.name)[-1] if _tokens(entity.name) else ""
        blocks.setdefault(surname[:3], []).append(entity)
    canonical: dict[str, str] = {}
    for members in blocks.values():
        chosen: list[Entity] = []
        for entity in members:
            match = next(
                (
                    c
                    for c in chosen
                    if same_name(c.name, entity.name)
                    and (c.affiliation is None or entity.affiliation in (None, c.affiliation))
                ),
                None,
            )
            if match is None:
                chosen.append(entity)
                canonical[entity.id] = entity.id
            else:
                canonical[entity.id] = canonical[match.id]
    return canonical
