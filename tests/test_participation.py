"""Participation, mode and absence (issue 4): lexicons, phrase matching, look-alikes, story."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff import check
from claimdiff.compare.absence import contradicts
from claimdiff.compare.mode import mode_clash, timing_clash
from claimdiff.extract.actors import country_of_adjective
from claimdiff.extract.cues import (
    absence_lexicon,
    find_phrases,
    mode_lexicon,
    participation_lexicon,
    undertaking_index,
)
from claimdiff.models import AbsenceValue, ClaimKind, FindingKind, ModeValue, Report
from claimdiff.nlp import load_model

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "fixtures" / "stories" / "selmar-strait-mission"


def test_participation_lexicons_validate() -> None:
    lexicon = participation_lexicon()
    assert lexicon.undertakings.default in lexicon.undertakings.classes
    assert lexicon.supporting.roles["backstop"] == "backstop"
    assert "remain ambiguous" in lexicon.unspecified.predicates
    assert set(mode_lexicon().modes) == {"video", "phone", "remote", "in_person", "written"}
    assert {t.id for t in absence_lexicon().thing} >= {"reaction", "sanctions", "naming"}


def test_participation_undertaking_nouns_belong_to_one_class() -> None:
    seen: dict[str, str] = {}
    for name, spec in participation_lexicon().undertakings.classes.items():
        for noun in spec.nouns:
            assert noun not in seen, f"{noun!r} in {seen.get(noun)} and {name}"
            seen[noun] = name
    assert undertaking_index()["troop"] == "troops"


def test_participation_mode_cues_belong_to_one_mode() -> None:
    seen: dict[str, str] = {}
    for mode, cues in mode_lexicon().modes.items():
        for cue in cues:
            assert cue not in seen, f"{cue!r} in {seen.get(cue)} and {mode}"
            seen[cue] = mode


def test_participation_status_cues_are_not_both_in_and_out() -> None:
    lexicon = participation_lexicon()
    committed = {*lexicon.committed.words, *lexicon.committed.with_undertaking}
    assert not committed & set(lexicon.declined.words)
    assert not committed & set(lexicon.willing.words)
    # Endorsing or opposing is not taking part: see the notes in participation.toml.
    assert not {"support", "back", "reject"} & (committed | set(lexicon.declined.words))


@pytest.mark.parametrize(
    ("left", "right", "clash"),
    [
        ("remote", "video", False),
        ("remote", "phone", False),
        ("video", "phone", True),
        ("in_person", "remote", True),
        ("in_person", "video", True),
        ("written", "in_person", False),
        ("video", "video", False),
    ],
)
def test_participation_mode_compatibility_is_symmetric(left: str, right: str, clash: bool) -> None:
    a = ModeValue(actor="person:x", actor_name="X", mode=left, cue="")
    b = ModeValue(actor="person:x", actor_name="X", mode=right, cue="")
    assert mode_clash(a, b) is clash
    assert mode_clash(b, a) is clash


def test_participation_unknown_timing_never_clashes() -> None:
    a = ModeValue(actor="person:x", actor_name="X", mode="video", timing=None, cue="")
    b = ModeValue(actor="person:x", actor_name="X", mode="video", timing="after", cue="")
    assert not timing_clash(a, b)


def _absence(**fields: object) -> AbsenceValue:
    base: dict[str, object] = {"what": "reaction", "label_text": "official reaction", "cue": ""}
    return AbsenceValue.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("report", "clash"),
    [
        ({"first": "2025-09-04", "last": "2025-09-04"}, True),  # "On Thursday"
        ({"first": "2025-09-06", "last": "2025-09-06"}, False),  # after the absence was written
        ({"timing": "before"}, False),  # "Prior to the talks"
        ({}, False),  # no time at all: never used
        ({"timing": "after", "as_of": "2025-09-05"}, True),
        ({"timing": "after", "as_of": "2025-09-07"}, False),
    ],
)
def test_participation_absence_window(report: dict[str, object], clash: bool) -> None:
    absence = _absence(as_of="2025-09-05")
    found, why = contradicts(absence, _absence(occurred=True, **report))
    assert found is clash, why


def test_participation_absence_about_another_thing_is_no_clash() -> None:
    absence = _absence(as_of="2025-09-05", about=["pledge", "class:troops"])
    other = _absence(occurred=True, first="2025-09-04", last="2025-09-04", about=["oil", "price"])
    same = _absence(occurred=True, first="2025-09-04", last="2025-09-04", about=["class:troops"])
    assert not contradicts(absence, other)[0]
    assert contradicts(absence, same)[0]


def test_participation_phrases_skip_adverbs_and_auxiliaries() -> None:
    doc = load_model()("The format of the mission is still being ironed out.")
    (hit,) = find_phrases(doc, ["iron out"])
    assert [t.text for t in hit.tokens] == ["ironed", "out"]
    assert doc.text[hit.start : hit.end] == "ironed out"
    assert find_phrases(load_model()("They ironed the shirts out."), ["iron out"]) == []


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("American", "country:united-states"),
        ("Indian", "country:india"),
        ("French", "country:france"),
        ("Russian", "country:russia"),
    ],
)
def test_participation_demonyms_name_the_country_not_a_territory(word: str, country: str) -> None:
    assert country_of_adjective(word) == country


@pytest.fixture(scope="module")
def story() -> Report:
    return check([STORY])


def test_participation_story_silent_outlet_is_listed_apart(story: Report) -> None:
    (finding,) = [f for f in story.findings if f.kind is FindingKind.SPECIFIED_VS_UNSPECIFIED]
    assert finding.silent == ["Meridian Wire"]
    outlets = {outlet for side in finding.sides for outlet in side.outlets}
    assert "Meridian Wire" not in outlets


def test_participation_story_look_alikes_make_claims_but_no_findings(story: Report) -> None:
    values = {
        (c.doc_id, c.subject, c.value.normalised())
        for c in story.claims
        if c.kind in (ClaimKind.STATUS, ClaimKind.MODE, ClaimKind.ABSENCE)
    }
    # The look-alikes are read, not skipped: each makes the claim it should.
    assert ("sm-a", "country:norway", "declined") in values
    assert ("sm-b", "country:norway", "supporting:monitoring") in values
    assert ("sm-b", "person:henrik-dahl", "remote/during") in values
    assert ("sm-d", "person:henrik-dahl", "video/during") in values
    assert ("sm-c", "country:denmark", "absent:sanctions@2026-10-14") in values
    assert ("sm-d", "country:denmark", "reported:sanctions@2026-10-16") in values
    assert ("sm-a", "country:egypt", "reported:reaction@before") in values
    topics = " ".join(f.topic for f in story.findings)
    for name in ("Norway", "Henrik Dahl", "Denmark"):
        assert name not in topics


def test_participation_story_evidence_spans_are_exact(story: Report) -> None:
    texts = {p.name.split("_")[0]: p.read_text(encoding="utf-8") for p in STORY.glob("*.txt")}
    kinds = (ClaimKind.STATUS, ClaimKind.MODE, ClaimKind.ABSENCE)
    claims = [c for c in story.claims if c.kind in kinds]
    assert len(claims) >= 15
    for claim in claims:
        text = texts[claim.doc_id]
        sentence = text[claim.sentence.start : claim.sentence.end]
        evidence = text[claim.evidence.start : claim.evidence.end]
        assert evidence and evidence in sentence
