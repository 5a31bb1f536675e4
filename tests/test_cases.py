"""Every TOML case under fixtures/{extract,normalise,compare}/, one test each."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from claimdiff.compare import COMPARATORS, Verdict
from claimdiff.extract import DOCUMENT_EXTRACTORS, EXTRACTORS
from claimdiff.normalise.numbers import find_numbers, to_quantity
from claimdiff.testing import claims_of, make_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
POSITIVE = {
    "quantity": Verdict.CONTRADICTION,
    "measure": Verdict.DIFFERENT_MEASURE,
    "quote_variant": Verdict.CONTRADICTION,
    "misattribution": Verdict.CONTRADICTION,
    "date": Verdict.CONTRADICTION,
    "time": Verdict.CONTRADICTION,
    "duration": Verdict.CONTRADICTION,
    "timeframe": Verdict.CONTRADICTION,
    "specified_vs_unspecified": Verdict.CONTRADICTION,
    "status_conflict": Verdict.CONTRADICTION,
    "mode_conflict": Verdict.CONTRADICTION,
    "absence_vs_report": Verdict.CONTRADICTION,
}


def _cases(folder: str) -> list[Any]:
    params = []
    for path in sorted((FIXTURES / folder).glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        owner = data.get("extractor") or data.get("normaliser") or data.get("comparator")
        for case in data["case"]:
            params.append(pytest.param(owner, case, id=f"{owner}-{case['id']}"))
    return params


def _published(case: dict[str, Any], key: str = "published") -> date:
    return date.fromisoformat(case.get(key, "2026-05-14"))


@pytest.mark.parametrize(("extractor", "case"), _cases("extract"))
def test_cases_extract(extractor: str, case: dict[str, Any]) -> None:
    document = make_document("d", case["text"], published=_published(case))
    claims = [c for c in claims_of(document) if c.kind == extractor]
    # Each expected claim names the fields it checks; quantity cases check these four.
    keys = sorted({key for e in case["expect"] for key in e}) or ["evidence"]
    got = sorted(tuple(_observed(document.text, c).get(k) for k in keys) for c in claims)
    want = sorted(tuple(e.get(k) for k in keys) for e in case["expect"])
    assert got == want


def _observed(text: str, claim: Any) -> dict[str, Any]:
    """Return what an extract case may check: claim fields, then the value's fields."""
    observed: dict[str, Any] = claim.value.model_dump(mode="json")
    interval = getattr(claim.value, "interval", None)
    if callable(interval):
        observed["interval"] = interval()
    observed["normalised"] = claim.value.normalised()
    observed.update(
        evidence=text[claim.evidence.start : claim.evidence.end],
        sentence=text[claim.sentence.start : claim.sentence.end],
        subject=claim.subject,
        measure=claim.measure,
        speaker=claim.speaker,
        qualifier=claim.qualifier,
        agent=claim.agent,
    )
    return observed


@pytest.mark.parametrize(("normaliser", "case"), _cases("normalise"))
def test_cases_normalise(normaliser: str, case: dict[str, Any]) -> None:
    assert normaliser == "numbers"
    found = find_numbers(case["text"])
    if "interval" not in case:
        assert found == []
        return
    assert len(found) == 1
    quantity = to_quantity(found[0])
    assert quantity.interval() == case["interval"]
    assert case["text"][found[0].hedge_start : found[0].end] == case["span"]


@pytest.mark.parametrize(("comparator", "case"), _cases("compare"))
def test_cases_compare(comparator: str, case: dict[str, Any]) -> None:
    left = make_document("left", case["left"], published=_published(case, "left_published"))
    right = make_document("right", case["right"], published=_published(case, "right_published"))
    # Events are resolved over both documents together, as a run would.
    chosen = next(c for c in COMPARATORS if c.name == comparator)
    claims = [c for c in claims_of(left, right) if c.kind in chosen.handles]
    assert sorted(c.doc_id for c in claims) == ["left", "right"], "one claim per side"
    left_claim, right_claim = sorted(claims, key=lambda c: c.doc_id)
    forward = chosen.relate(left_claim, right_claim)
    backward = chosen.relate(right_claim, left_claim)
    assert forward.verdict == Verdict(case["expect"]), forward.explanation
    assert backward.verdict == forward.verdict
    assert forward.explanation
    for side, claim, document in ((0, left_claim, left), (1, right_claim, right)):
        if "evidence" in case:
            text = document.text[claim.evidence.start : claim.evidence.end]
            assert case["evidence"][side].lower() in text.lower()


def test_cases_every_component_has_fixtures() -> None:
    verdicts: dict[str, set[str]] = {}
    for path in sorted((FIXTURES / "compare").glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        verdicts.setdefault(data["comparator"], set()).update(c["expect"] for c in data["case"])
    for comparator in COMPARATORS:
        seen = verdicts.get(comparator.name, set())
        assert POSITIVE[comparator.name] in seen, comparator.name
        assert seen - {POSITIVE[comparator.name]}, f"{comparator.name} lacks a negative case"
    extractors = {p.stem for p in (FIXTURES / "extract").glob("*.toml")}
    assert {e.name for e in (*EXTRACTORS, *DOCUMENT_EXTRACTORS)} <= extractors
