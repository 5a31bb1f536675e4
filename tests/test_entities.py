"""The entity table: aliases, metonyms, titles, and the false-friend guard."""

from __future__ import annotations

import pytest

from claimdiff.nlp import load_model
from claimdiff.normalise.entities import (
    PersonResolver,
    entity_table,
    merge_people,
    parse_titled_name,
    person,
    ruler_patterns,
    same_name,
)
from claimdiff.normalise.mentions import document_people, find_titled_names, label_people
from claimdiff.segment import segment_all
from claimdiff.testing import make_document


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


@pytest.mark.parametrize(
    ("text", "label", "entity_id"),
    [
        ("Kyiv insists no peace deal will involve ceding land.", "GPE", "country:ukraine"),
        ("The Kremlin offered little support for the plan.", "ORG", "country:russia"),
        ("NATO allies met in Brussels on Thursday.", "ORG", "org:nato"),
        ("U.S. officials declined to comment.", "GPE", "country:united-states"),
        ("The Associated Press reported the strike.", "ORG", "outlet:associated-press"),
    ],
)
def test_entities_ruler_labels_table_entities_before_the_model(
    text: str, label: str, entity_id: str
) -> None:
    doc = load_model()(text)
    found = {(e.label_, e.ent_id_) for e in doc.ents}
    assert (label, entity_id) in found


def test_entities_ruler_leaves_place_names_that_are_given_names_to_the_model() -> None:
    patterns = {p["pattern"] for p in ruler_patterns()}
    assert {"Jordan", "Victoria", "Douglas", "Mann"}.isdisjoint(patterns)
    assert {"Kyiv", "Kremlin", "Washington", "Russian"} <= patterns
    assert [p["pattern"] for p in ruler_patterns()] == sorted(
        p["pattern"] for p in ruler_patterns()
    )


def test_entities_known_names_are_people_whatever_the_model_says() -> None:
    sentences = segment_all(
        [make_document("d", "President Donald Trump spoke first. Trump said the talks were over.")]
    )["d"]
    people = document_people(sentences)
    doc = load_model()(sentences[1].text)
    label_people(doc, people, sentences[1].span.start)
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Trump"] == [("Trump", "PERSON")]


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Douglas", None),
        ("Victoria", None),
        ("Island", None),
        ("Mann", None),
        ("Moscow", "country:russia"),
    ],
)
def test_entities_place_names_that_are_given_names_are_no_metonyms(
    surface: str, expected: str | None
) -> None:
    entity = entity_table().lookup(surface)
    assert (entity.id if entity else None) == expected


@pytest.mark.parametrize(
    ("phrase", "outlet"),
    [
        ("the Associated Press", True),
        ("NBC News", True),
        ("Radio Free Europe/ Radio Liberty", True),
        ("the AP", True),
        ("The Daily Clarion", True),
        ("Foundation for Strategic Research", False),
        ("the Kremlin", False),
        ("Macron", False),
    ],
)
def test_entities_news_outlets_are_recognised(phrase: str, outlet: bool) -> None:
    assert entity_table().is_outlet(phrase) is outlet


@pytest.mark.parametrize(
    ("text", "name", "title", "affiliation"),
    [
        (
            "UK Prime Minister Keir Starmer spoke.",
            "Keir Starmer",
            "prime minister",
            "country:united-kingdom",
        ),
        (
            "Swedish government spokesman Erik Lund said so.",
            "Erik Lund",
            "spokesman",
            "country:sweden",
        ),
        ("The mayor of Kessling, Hanne Vogt, called for calm.", "Hanne Vogt", "mayor", None),
        ("Hanne Vogt, the mayor of Kessling, called for calm.", "Hanne Vogt", "mayor", None),
        ("Outside, Petra Nolan, 67, queued for soup.", "Petra Nolan", "", None),
        ("Marta Olsen, a line worker, said so.", "Marta Olsen", "", None),
        (
            "The conference president, Ingrid Solberg, who also chairs it",
            "Ingrid Solberg",
            "president",
            None,
        ),
    ],
)
def test_entities_titled_names_are_found_in_running_text(
    text: str, name: str, title: str, affiliation: str | None
) -> None:
    found = find_titled_names(text)
    assert [(t.name, t.title, t.affiliation) for t in found] == [(name, title, affiliation)]
    assert text[found[0].start : found[0].end] == name


def test_entities_institutions_are_not_titled_names() -> None:
    assert find_titled_names("The UN General Assembly voted on Monday.") == []


def test_entities_title_name_stops_at_a_comma() -> None:
    titled = parse_titled_name("the conference president, Ingrid Solberg, who is also the host")
    assert (titled.name, titled.title) == ("Ingrid Solberg", "president")


@pytest.mark.parametrize(
    ("adjective", "country"),
    [
        ("American", "country:united-states"),
        ("Indian", "country:india"),
        ("French", "country:france"),
        ("British", "country:united-kingdom"),
    ],
)
def test_entities_shared_demonyms_belong_to_the_main_country(adjective: str, country: str) -> None:
    assert entity_table().country_of_adjective(adjective) == country


@pytest.mark.parametrize("noun", ["union", "alliance", "commission"])
def test_entities_common_nouns_are_not_organisations(noun: str) -> None:
    assert entity_table().lookup(noun) is None
