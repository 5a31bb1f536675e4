"""People named in a document: titled names found in running text, and their mentions.

"French President Emmanuel Macron" introduces a person (with an office that acts for
France); later "Macron" or "the French president" refer back to him. The scan is plain
text (no parse), so it covers every kept sentence of a document cheaply; it also lets
the pipeline overwrite the statistical model's misreadings of known names ("Trump" as
an organisation, "Zelenskyy" as a place) before any extractor reads the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from spacy.util import filter_spans

from claimdiff.models import Entity, EntityKind
from claimdiff.normalise.dates import MONTHS, WEEKDAYS
from claimdiff.normalise.entities import (
    PersonResolver,
    entity_table,
    fold,
    parse_titled_name,
    same_name,
)

_NAME_TOKEN = r"(?:[A-Z][a-zà-ÿ'’-]*[a-zà-ÿ]|[A-Z]\.)"
_PARTICLE = r"(?:de|da|di|du|van|von|der|den|bin|ibn|al|el|le|la)"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_TOKEN}){{0,3}}"
_NOT_NAMES = frozenset({*MONTHS, *WEEKDAYS, "The", "A", "An", "On", "In", "At", "And", "But"})


@dataclass(frozen=True, slots=True)
class TitledName:
    """A person introduced with an office: where the name is and what the office says."""

    start: int
    end: int
    name: str
    title: str
    affiliation: str | None


@cache
def _offices() -> str:
    table = entity_table()
    titles = sorted((*table.country_titles, *table.organisation_titles), key=len, reverse=True)
    return "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)


@cache
def _titled_pattern() -> re.Pattern[str]:
    # Words before the office: capitalised ones, or an institution ("Swedish government").
    words = sorted({w for i in entity_table().institutions for w in i.split()}, key=len)
    pre = rf"((?:(?:[A-Z][\w.&'’-]*|{'|'.join(re.escape(w) for w in reversed(words))})\s+){{0,4}}?)"
    return re.compile(rf"{pre}\b(?i:(?P<title>{_offices()}))\b,?\s+(?P<name>{_NAME})")


@cache
def _apposed_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return "the mayor of Kessling, Hanne Vogt," and "Hanne Vogt, the mayor of ..."."""
    place = r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
    name = rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_TOKEN}){{1,3}}"
    before = re.compile(
        rf"\b(?i:(?P<title>{_offices()}))\s+(?:of|for)\s+(?P<of>{place}),\s+(?P<name>{name})(?=,)"
    )
    after = re.compile(
        rf"(?P<name>{name}),\s+(?:the|a|an|\d{{1,3}})[\s,]+(?P<pre>(?:[\w-]+\s+){{0,4}}?)"
        rf"(?i:(?P<title>{_offices()}|{_people()}))\b(?:\s+(?:of|for)\s+(?P<of>{place}))?"
    )
    return before, after


@cache
def _people() -> str:
    nouns = sorted(entity_table().people_nouns, key=len, reverse=True)
    return "|".join(re.escape(n) for n in nouns)


_AGED = re.compile(rf"(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}}),\s+(?:aged\s+)?\d{{1,3}},")


def find_titled_names(text: str) -> list[TitledName]:
    """Return the titled names in some text, in order ("UK Prime Minister Keir Starmer").

    The office's affiliation comes from the longest run of capitalised words before it
    that names a country, demonym or organisation ("Russian Foreign Ministry").
    """
    return list(_titled_names(text))


@lru_cache(maxsize=1 << 14)
def _titled_names(text: str) -> tuple[TitledName, ...]:
    # A document's sentences are read for names more than once (people first, then its
    # speakers): the result of the same text is kept.
    table = entity_table()
    found: list[TitledName] = []
    for match in _titled_pattern().finditer(text):
        name = re.sub(r"['’]s$", "", match.group("name"))
        words = name.split()
        while words and (words[-1] in _NOT_NAMES or table.lookup(words[-1], metonyms=False)):
            words.pop()
        if not words or words[0] in _NOT_NAMES or _not_a_person(" ".join(words)):
            continue
        if table.lookup(f"{match.group('title')} {words[0]}") is not None:
            continue  # "General Assembly" is an institution, not General Assembly
        name = " ".join(words)
        pre = match.group(1).split()
        affiliation = None
        for cut in range(len(pre)):
            titled = parse_titled_name(" ".join([*pre[cut:], match.group("title"), name]))
            if titled.affiliation is not None:
                affiliation = titled.affiliation
                break
        start = match.start("name")
        found.append(
            TitledName(
                start=start,
                end=start + len(name),
                name=name,
                title=" ".join(match.group("title").lower().split()),
                affiliation=affiliation,
            )
        )
    taken = {t.start for t in found}
    for pattern in _apposed_patterns():
        for match in pattern.finditer(text):
            name = match.group("name")
            if match.start("name") in taken or _not_a_person(name):
                continue
            words = name.split()
            if words[0] in _NOT_NAMES:
                continue
            pre = (match.groupdict().get("pre") or "").strip()
            if match.group("title").lower() in table.people_nouns:
                found.append(TitledName(match.start("name"), match.end("name"), name, "", None))
                taken.add(match.start("name"))
                continue
            of = match.group("of")
            office = " ".join(p for p in (pre, match.group("title"), f"of {of}" if of else "") if p)
            titled = parse_titled_name(office)
            found.append(
                TitledName(
                    start=match.start("name"),
                    end=match.end("name"),
                    name=name,
                    title=" ".join(match.group("title").lower().split()),
                    affiliation=titled.affiliation,
                )
            )
            taken.add(match.start("name"))
    for match in _AGED.finditer(text):
        name = match.group("name")
        fresh = match.start("name") not in taken and name.split()[0] not in _NOT_NAMES
        if fresh and not _not_a_person(name):
            found.append(TitledName(match.start("name"), match.end("name"), name, "", None))
            taken.add(match.start("name"))
    found.sort(key=lambda t: t.start)
    return tuple(found)


def _not_a_person(name: str) -> bool:
    """Return True for a table entity or an organisation's name ("Valmere General Hospital")."""
    table = entity_table()
    words = {re.sub(r"['’]s?$", "", w) for w in name.split()}
    return bool(words & table.org_words) or table.lookup(name) is not None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where a known person is named."""

    start: int
    end: int
    entity: Entity


class People:
    """The people one document names, and where: the memory pronouns and surnames use."""

    def __init__(self) -> None:
        self.resolver = PersonResolver()
        self.mentions: list[Mention] = []
        self.titles: dict[str, str] = {}  # person id -> the office met with the name

    def introduce(self, texts: Iterable[tuple[int, str]]) -> None:
        """Register the titled names of some ``(offset, text)`` pieces, then find mentions."""
        pieces = list(texts)
        for _, text in pieces:
            for titled in find_titled_names(text):
                entity = self.resolver.add(
                    titled.name, title=titled.title or None, affiliation=titled.affiliation
                )
                if titled.title:
                    self.titles.setdefault(entity.id, titled.title)
        self.rescan(pieces)

    def copy(self) -> People:
        """Return a copy that people can be added to without changing this one."""
        twin = People()
        twin.resolver = self.resolver.copy()
        twin.mentions = list(self.mentions)
        twin.titles = dict(self.titles)
        return twin

    def add(self, name: str, *, affiliation: str | None = None) -> Entity:
        """Register a person named without an office (from the parse)."""
        return self.resolver.add(name, affiliation=affiliation)

    def rescan(self, pieces: Sequence[tuple[int, str]]) -> None:
        """Find every mention of every known person (full name or surname) in order."""
        mentions: dict[int, Mention] = {}
        for entity in self.resolver.people:
            words = entity.name.split()
            forms = sorted({entity.name, words[-1]}, key=len, reverse=True)
            pattern = re.compile(
                r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"
            )
            for offset, text in pieces:
                for match in pattern.finditer(text):
                    start = offset + match.start()
                    known = mentions.get(start)
                    if known is None or known.end - known.start < match.end() - match.start():
                        mentions[start] = Mention(start, offset + match.end(), entity)
        self.mentions = [mentions[k] for k in sorted(mentions)]

    def person(self, surface: str) -> Entity | None:
        """Return the known person a name, surname or office refers to (adds no one)."""
        titled = parse_titled_name(surface)
        if titled.name:
            last = surname_key(titled.name)
            for known in reversed(self.resolver.people):
                if surname_key(known.name) == last or same_name(known.name, titled.name):
                    return known
            return None
        if titled.title is not None:
            titles = self.resolver.titles
            exact = titles.get((titled.title, titled.affiliation))
            return exact or titles.get((titled.title, None))
        return None

    def before(self, offset: int, *, skip: Sequence[tuple[int, int]] = ()) -> list[Mention]:
        """Return the mentions before ``offset``, nearest first, outside the ``skip`` spans."""
        return [
            m
            for m in reversed(self.mentions)
            if m.end <= offset and not any(a <= m.start < b for a, b in skip)
        ]


def label_people(doc: Any, people: People, offset: int) -> None:
    """Set the entity label of known people's names in a parsed sentence to PERSON.

    The statistical model reads "Trump" as an organisation and "Zelenskyy" as a place;
    a name the document introduced with an office is a person wherever it recurs.
    ``offset`` is the sentence's start in the document.
    """
    end_offset = offset + len(doc.text)
    spans = []
    for mention in people.mentions:
        if mention.start < offset or mention.end > end_offset:
            continue
        span = doc.char_span(mention.start - offset, mention.end - offset, label="PERSON")
        if span is not None and any(t.ent_type_ != "PERSON" for t in span):
            spans.append(span)
    if spans:
        # "Ana Abara" and "Abara" may both be known: keep the longest (issue 7 crash).
        spans = filter_spans(spans)
        kept = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        doc.set_ents([*kept, *spans])


def is_person(entity: Entity | None) -> bool:
    """Return True for a person entity."""
    return entity is not None and entity.kind is EntityKind.PERSON


@lru_cache(maxsize=1 << 16)
def surname_key(name: str) -> str:
    """Return the folded last word of a name ("Zelenskyy")."""
    words = fold(name).split()
    return words[-1] if words else ""


def document_people(sentences: Sequence[Any]) -> People:
    """Return the people a document's kept sentences introduce with an office."""
    people = People()
    people.introduce((s.span.start, s.text) for s in sentences)
    return people
