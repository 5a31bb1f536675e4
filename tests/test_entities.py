"""The entity table: aliases, metonyms, titles, and the false-friend guard."""

from __future__ import annotations

import pytest

from claimdiff.normalise.entities import (
    PersonResolver,
    entity_table,
    merge_people,
    parse_titled_name,
    person,
    same_name,
)


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("U.S.", "country:united-states"),
        ("US", "country:united-states"),
        ("United States", "country:united-states"),
        ("Washington", "country:united-states"),
        ("the Kremlin", "country:russia"),
        ("Moscow", "country:russia"),
        ("U.K.", "country:united-kingdom"),
        ("Britain", "country:united-kingdom"),
        ("London", "country:united-kingdom"),
        ("NATO", "org:nato"),
        ("EU", "org:eu"),
        ("North Korea", "country:north-korea"),
        ("South Korea", "country:south-korea"),
        ("Côte d'Ivoire", "country:ivory-coast"),
    ],
)
def test_entities_aliases_and_metonyms_resolve(surface: str, expected: str) -> None:
    entity = entity_table().lookup(surface)
    assert entity is not None and entity.id == expected


@pytest.mark.parametrize("surface", ["us", "who", "Paris Hilton", "General"])
def test_entities_ordinary_words_are_not_entities(surface: str) -> None:
    assert entity_table().lookup(surface) is None


def test_entities_metonyms_can_be_refused_for_places() -> None:
    assert entity_table().lookup("Paris", metonyms=False) is None
    assert entity_table().lookup("Paris") is not None


@pytest.mark.parametrize(
    ("phrase", "name", "affiliation"),
    [
        ("French President Emmanuel Macron", "Emmanuel Macron", "country:france"),
        ("UK Prime Minister Keir Starmer", "Keir Starmer", "country:united-kingdom"),
        (
            "Russian Foreign Ministry spokeswoman Maria Zakharova",
            "Maria Zakharova",
            "country:russia",
        ),
        ("NATO Secretary-General Mark Rutte", "Mark Rutte", "org:nato"),
        ("a spokesman for the German government", None, "country:germany"),
        ("the French president", None, "country:france"),
        ("President Donald Trump", "Donald Trump", None),
    ],
)
def test_entities_titles_give_affiliations(
    phrase: str, name: str | None, affiliation: str | None
) -> None:
    titled = parse_titled_name(phrase)
    assert (titled.name, titled.affiliation) == (name, affiliation)


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ("Zelensky", "Zelenskyy", True),
        ("Volodymyr Zelenskiy", "Zelenskyy", True),
        ("E. Macron", "Emmanuel Macron", True),
        ("Donald Trump", "Donald J. Trump", True),
        ("North Korea", "South Korea", False),
        ("Emmanuel Macron", "Brigitte Macron", False),
        ("Ana Lopes", "Ana Lopez", False),
        ("Kim", "Kimberley", False),
    ],
)
def test_entities_spelling_variants_merge_on_the_distinctive_token(
    left: str, right: str, same: bool
) -> None:
    assert same_name(left, right) is same
    assert same_name(right, left) is same


def test_entities_surname_and_title_resolve_within_a_document() -> None:
    resolver = PersonResolver()
    macron = resolver.add("Emmanuel Macron", title="president", affiliation="country:france")
    assert resolver.resolve("Macron") == macron
    assert resolver.resolve("the French president") == macron
    assert resolver.resolve("Merz") is None


def test_entities_merge_people_across_documents() -> None:
    people = [
        person("Volodymyr Zelensky"),
        person("Volodymyr Zelenskyy"),
        person("Zelenskiy"),
        person("Emmanuel Macron"),
        person("Brigitte Macron"),
    ]
    canonical = merge_people(people)
    assert len({canonical[p.id] for p in people[:3]}) == 1
    assert canonical["person:emmanuel-macron"] != canonical["person:brigitte-macron"]
