"""The lexicon data files load, and their entries do not contradict each other."""

from __future__ import annotations

import pytest

from claimdiff import lexicon


def test_lexicon_every_file_validates() -> None:
    assert lexicon.hedges().phrases
    assert lexicon.number_words().units["twenty"] == 20
    assert lexicon.nouns().classes
    assert lexicon.measures().classes
    assert lexicon.event_lexicon().nouns


def test_lexicon_nouns_belong_to_one_class() -> None:
    seen: dict[str, str] = {}
    for cls, lemmas in lexicon.nouns().classes.items():
        for lemma in lemmas:
            assert lemma not in seen, f"{lemma!r} in {seen.get(lemma)} and {cls}"
            seen[lemma] = cls


def test_lexicon_cues_belong_to_one_measure() -> None:
    seen: dict[str, str] = {}
    for cls, spec in lexicon.measures().classes.items():
        for cue in spec.cues:
            assert cue not in seen, f"{cue!r} in {seen.get(cue)} and {cls}"
            seen[cue] = cls


def test_lexicon_time_units_are_never_counted_classes() -> None:
    counted = {lemma for lemmas in lexicon.nouns().classes.values() for lemma in lemmas}
    assert not counted & set(lexicon.nouns().not_counted.time_units)


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        ("over", "above"),
        ("nearly", "near_below"),
        ("around", "approx"),
        ("at least", "at_least"),
        ("up to", "at_most"),
        ("some", "approx"),
        ("roughly", "approx"),
        ("almost", "near_below"),
        ("more than", "above"),
        ("about", "approx"),
    ],
)
def test_lexicon_issue_hedges_are_present(phrase: str, rule: str) -> None:
    assert lexicon.hedges().phrases[phrase] == rule


def test_lexicon_vague_plurals_are_intervals() -> None:
    for phrase, (low, high) in lexicon.hedges().vague.items():
        assert 0 < low < high, phrase
    assert lexicon.hedges().vague["dozens of"] == (24, 100)


@pytest.mark.parametrize(
    ("word", "plural"),
    [("nation", "nations"), ("person", "people"), ("company", "companies"), ("child", "children")],
)
def test_lexicon_plurals(word: str, plural: str) -> None:
    assert lexicon.nouns().plural(word) == plural
