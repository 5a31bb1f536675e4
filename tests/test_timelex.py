"""The time lexicons load, and their entries do not contradict each other."""

from __future__ import annotations

from claimdiff.normalise import timelex


def test_timelex_every_file_validates() -> None:
    assert timelex.happenings().classes
    assert timelex.times().zones["gmt"] == 0
    assert timelex.durations().units["hour"].seconds == 3600
    assert timelex.timeframes().horizons


def test_timelex_happening_words_belong_to_one_class() -> None:
    for part in ("nouns", "verbs"):
        seen: dict[str, str] = {}
        for name, spec in timelex.happenings().classes.items():
            for word in getattr(spec, part):
                assert word not in seen, f"{word!r} in {seen.get(word)} and {name}"
                seen[word] = name


def test_timelex_reporting_verbs_name_no_happening() -> None:
    reporting = set(timelex.times().reporting_verbs)
    assert not reporting & set(timelex.happening_verbs())


def test_timelex_zones_lie_within_the_widest_offsets() -> None:
    lexicon = timelex.times()
    assert all(lexicon.min_offset <= o <= lexicon.max_offset for o in lexicon.zones.values())


def test_timelex_parts_of_day_and_hedges_are_ranges() -> None:
    lexicon = timelex.times()
    assert all(0 <= low < high <= 36 for low, high in lexicon.parts_of_day.values())
    assert all(before >= 0 and after >= 0 for before, after in lexicon.clock_hedges.values())


def test_timelex_unit_words_are_unique_and_units_grow() -> None:
    words = [w for unit in timelex.durations().units.values() for w in unit.words]
    assert len(words) == len(set(words))
    for unit in timelex.durations().units.values():
        below, above = unit.slack
        assert 0 <= below <= 1 and 0 <= above <= 1
    for phrase, (name, low, high) in timelex.durations().vague.items():
        assert name in timelex.durations().units and 0 <= low < high, phrase


def test_timelex_coming_horizons_are_ordered_and_disjoint() -> None:
    horizons = sorted(timelex.timeframes().horizons.values(), key=lambda h: h.coming[0])
    for earlier, later in zip(horizons, horizons[1:], strict=False):
        assert earlier.coming[1] <= later.coming[0]
    days = timelex.timeframes().horizons["days"]
    weeks = timelex.timeframes().horizons["weeks"]
    assert days.coming[1] <= weeks.coming[0]
    for horizon in horizons:
        assert horizon.within[0] == 0 and horizon.within[1] >= horizon.coming[1] - 1e-9


def test_timelex_lasting_words_belong_to_one_class() -> None:
    seen: dict[str, str] = {}
    for name, spec in timelex.durations().lasting.items():
        for word in {*spec.verbs, *spec.states, *spec.nouns}:
            assert seen.setdefault(word, name) == name, f"{word!r} in {seen[word]} and {name}"
    assert timelex.lasting_index()["walk out"] == "strike"
    assert timelex.lasting_index()["closed"] == "closure"


def test_timelex_lasting_classes_named_alone_are_happening_classes() -> None:
    # A class whose claims are not named after their thing ("strike") meets the noun
    # claims of the same happening ("a 24-hour strike"): it must be one of theirs.
    classes = timelex.happenings().classes
    for name, spec in timelex.durations().lasting.items():
        assert spec.thing or name in classes, name
        assert not set(spec.nouns) & set(timelex.happening_nouns()), name


def test_timelex_possible_modals_are_neither_firm_nor_plans() -> None:
    lexicon = timelex.durations()
    assert not {"will", "would", "shall"} & set(lexicon.possible_modals)
    assert not set(lexicon.plan_verbs) & set(lexicon.possible_modals)
