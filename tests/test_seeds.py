"""The seed corpus in ../shared: the cases that define claimdiff (skipped when it is absent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimdiff import check
from claimdiff.compare import COMPARATORS, Verdict
from claimdiff.models import (
    Claim,
    ClaimKind,
    DurationValue,
    Finding,
    FindingKind,
    Quantity,
    Report,
)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
TIME_KINDS = frozenset({ClaimKind.TIME, ClaimKind.DURATION, ClaimKind.TIMEFRAME})

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
    over = [
        c
        for c in report.claims
        if isinstance(c.value, Quantity) and c.value.hedge == "over" and c.value.anchor == 24
    ]
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
    counts = [c for c in report.claims if isinstance(c.value, Quantity)]
    sentences = {(c.doc_id, c.sentence.start) for c in counts}
    assert len(sentences) == len({c.id for c in counts})
    assert all(c.value.anchor not in (46, 4) for c in counts)


# Issue 4: who took part, and how.


def _evidence(finding: Finding, doc_id: str) -> list[str]:
    return [e.text for side in finding.sides for e in side.evidence if e.doc_id == doc_id]


def test_seeds_us_role_backstop_against_unspecified(report: Report) -> None:
    (finding,) = [
        f
        for f in report.findings
        if f.kind is FindingKind.SPECIFIED_VS_UNSPECIFIED and "United States" in f.topic
    ]
    labels = {side.label: side for side in finding.sides}
    assert set(labels) == {"supporting (backstop)", "unspecified"}
    assert labels["supporting (backstop)"].outlets == ["GlobalPost"]
    assert any("backstop" in text for text in _evidence(finding, "002"))
    assert any("remains ambiguous" in text for text in _evidence(finding, "001"))
    assert any("still being ironed out" in text for text in _evidence(finding, "003"))
    # GlobalPost gives the role; its "finalized in the coming days" does not put it on
    # the open side as well, and the explanation says it calls details open.
    assert labels["unspecified"].outlets == ["unknown-001", "unknown-003"]
    assert "GlobalPost also calls some details open" in finding.explanation
    assert finding.silent == []


def test_seeds_how_and_when_trump_took_part(report: Report) -> None:
    (finding,) = [f for f in report.findings if f.kind is FindingKind.MODE_CONFLICT]
    assert "Donald Trump" in finding.topic
    values = {side.value.normalised(): side.outlets for side in finding.sides}
    assert values == {
        "remote/during": ["GlobalPost"],
        "video/after": ["unknown-001"],
        "phone/after": ["unknown-003"],
    }
    assert _evidence(finding, "002") == ["US President Donald Trump joined the meeting virtually"]
    assert "video conference" in _evidence(finding, "001")[0]
    assert "phone call" in _evidence(finding, "003")[0]
    # Video vs phone is the conflict of how; "virtually" is compatible with both.
    assert "by phone (unknown-003) vs by video (unknown-001)" in finding.explanation
    assert "compatible with both video and phone" in finding.explanation
    assert "during the event (GlobalPost) vs after it (unknown-001, unknown-003)" in (
        finding.explanation
    )


def test_seeds_no_russian_reaction_against_thursday_statement(report: Report) -> None:
    (finding,) = [f for f in report.findings if f.kind is FindingKind.ABSENCE_VS_REPORT]
    absent, reported = finding.sides
    assert absent.outlets == ["unknown-003"] and reported.outlets == ["GlobalPost"]
    assert _evidence(finding, "003") == [
        "no immediate official reaction to the reassurance force pledge"
    ]
    assert any("Zakharova insisted" in text for text in _evidence(finding, "002"))
    # 001's Zakharova statement came "prior to the Paris discussions": no reaction to them.
    assert _evidence(finding, "001") == []
    assert finding.silent == ["unknown-001"]
    assert "not counted" in finding.explanation


def test_seeds_italy_declines_troops_but_offers_monitoring_is_no_conflict(report: Report) -> None:
    italy = [
        c.value.normalised()
        for c in report.claims
        if c.kind.value == "status" and c.subject == "country:italy" and c.doc_id == "001"
    ]
    assert sorted(italy) == ["declined", "supporting:monitoring"]
    assert not [f for f in report.findings if f.kind is FindingKind.STATUS_CONFLICT]


def test_seeds_hoped_for_us_support_is_no_status(report: Report) -> None:
    # "Ukraine ... is specifically hoping for continued U.S. intelligence sharing and air
    # support": a wish, not a role the United States has taken on.
    roles = {
        c.value.normalised()
        for c in report.claims
        if c.kind.value == "status" and c.subject == "country:united-states"
    }
    assert "supporting:intelligence" not in roles and "supporting:air support" not in roles


# Issue 5: when and how long.


def _covering(report: Report, first: tuple[str, str], second: tuple[str, str]) -> list[Finding]:
    """Return the conflicting findings with evidence (value or sentence) on both items."""

    def covers(finding: Finding, item: tuple[str, str]) -> bool:
        doc_id, text = item
        return any(
            e.doc_id == doc_id and (text in e.text or text in e.sentence_text)
            for side in finding.sides
            for e in side.evidence
        )

    return [
        f
        for f in report.findings
        if f.kind is not FindingKind.DIFFERENT_MEASURE and covers(f, first) and covers(f, second)
    ]


def _time_claim(report: Report, doc_id: str, surface: str, kind: ClaimKind) -> Claim:
    (claim,) = [
        c
        for c in report.claims
        if c.doc_id == doc_id and c.kind is kind and c.value.label() == surface
    ]
    return claim


def test_seeds_three_year_old_conflict_agrees_with_three_and_a_half_years(report: Report) -> None:
    age = _time_claim(report, "002", "three-year-old", ClaimKind.DURATION)
    since = _time_claim(report, "001", "more than three and a half years after", ClaimKind.DURATION)
    assert isinstance(age.value, DurationValue) and isinstance(since.value, DurationValue)
    assert since.value.anchor == date(2022, 2, 1)
    assert age.value.overlaps(since.value)
    assert not _covering(report, ("002", "three-year-old"), ("001", "three and a half years"))


def test_seeds_nearly_three_weeks_after_alaska_agrees_with_last_month(report: Report) -> None:
    # Both date the Trump-Putin meeting in Alaska, an earlier event than the Paris summit,
    # and both are read as August 2025: compared, and found consistent.
    after = _time_claim(report, "002", "nearly three weeks after", ClaimKind.TIME)
    last_month = _time_claim(report, "001", "last month", ClaimKind.TIME)
    paris = _time_claim(report, "002", "Thursday", ClaimKind.TIME)
    assert after.event == last_month.event != paris.event
    assert "alaska" in after.event and after.subject == last_month.subject == "meeting"
    date_comparator = next(c for c in COMPARATORS if c.name == "date")
    assert date_comparator.relate(after, last_month).verdict is Verdict.CONSISTENT
    assert not _covering(report, ("002", "nearly three weeks after"), ("001", "last month"))


def test_seeds_no_time_claim_from_a_reporting_date_or_a_quote(report: Report) -> None:
    surfaces = {(c.doc_id, c.value.label()) for c in report.claims if c.kind in TIME_KINDS}
    assert ("002", "Thursday") in surfaces  # "leaders ... met with Zelenskyy" on Thursday
    assert ("001", "today") not in surfaces  # "today marks the first time", in a quote
    assert not [
        c
        for c in report.claims
        if c.kind in TIME_KINDS and c.sentence.start == 0 and c.doc_id == "001"
    ]  # "leaders announced on Thursday"


def test_seeds_coming_days_is_an_attributed_timeframe(report: Report) -> None:
    (claim,) = [c for c in report.claims if c.kind is ClaimKind.TIMEFRAME]
    assert claim.doc_id == "002" and claim.value.label() == "in the coming days"
    assert claim.subject == "finalise" and claim.speaker is not None


def test_seeds_no_time_finding(report: Report) -> None:
    time_kinds = {
        FindingKind.DATE_CONFLICT,
        FindingKind.TIME_CONFLICT,
        FindingKind.DURATION_CONFLICT,
        FindingKind.TIMEFRAME_CONFLICT,
    }
    assert not [f for f in report.findings if f.kind in time_kinds]
