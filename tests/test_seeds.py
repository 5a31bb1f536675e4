"""The seed corpus in ../shared: the cases that define claimdiff (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff import check
from claimdiff.models import FindingKind, Report

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds not present")


@pytest.fixture(scope="module")
def report() -> Report:
    return check([SEEDS])


def test_seeds_coalition_size_shown_with_what_each_figure_counts(report: Report) -> None:
    (finding,) = [f for f in report.findings if f.kind is FindingKind.DIFFERENT_MEASURE]
    measures = {side.measure: side for side in finding.sides}
    assert set(measures) == {"commitment", "attendance", "membership"}
    assert measures["commitment"].value.anchor == 26
    assert "around 30 nations" in {e.text for e in measures["attendance"].evidence}
    assert "35 nations" in {e.text for e in measures["membership"].evidence}
    for phrase in ("committed", "attended", "members"):
        assert phrase in finding.explanation


def test_seeds_over_two_dozen_is_not_a_conflict_with_26(report: Report) -> None:
    assert not [f for f in report.findings if f.kind is FindingKind.NUMERIC_CONFLICT]
    over = [c for c in report.claims if c.value.hedge == "over" and c.value.anchor == 24]
    assert len(over) == 1 and over[0].measure == "commitment"


def test_seeds_march_and_september_are_different_events(report: Report) -> None:
    by_doc = {doc_id: e.id for e in report.events for doc_id in e.doc_ids}
    assert by_doc["001"] == by_doc["002"] == by_doc["003"]
    assert len({by_doc["000"], by_doc["004"], by_doc["001"]}) == 3
    for finding in report.findings:
        docs = {e.doc_id for side in finding.sides for e in side.evidence}
        assert not (docs & {"000", "004"} and docs & {"001", "002", "003"})


def test_seeds_boilerplate_never_yields_a_claim(report: Report) -> None:
    # The $46 subscription pitch, the FAQ block and "Post a Comment" furniture.
    sentences = {(c.doc_id, c.sentence.start) for c in report.claims}
    assert len(sentences) == len({c.id for c in report.claims})
    assert all(c.value.anchor not in (46, 4) for c in report.claims)
