"""A running count reported on different days may move without a conflict (compare/quantity.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimdiff import check
from claimdiff.align.blocking import ClaimGroup, measure_key
from claimdiff.compare import quantity
from claimdiff.compare.quantity import QuantityComparator, reported_on, said_on
from claimdiff.findings import Context
from claimdiff.lexicon import measures
from claimdiff.models import ClaimKind, Document, FindingKind, Report, Severity
from claimdiff.testing import claims_of, make_document

UPDATES = Path(__file__).resolve().parents[1] / "fixtures" / "updates"
MONDAY, WEDNESDAY = date(2026, 5, 4), date(2026, 5, 6)


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {p.name: check([p]) for p in sorted(UPDATES.iterdir()) if p.is_dir()}


def _conflicts(report: Report) -> dict[str, tuple[Severity, str]]:
    """Return each numeric conflict's severity and explanation by its values, "12 | 41"."""
    return {
        " | ".join(sorted(side.label.split()[0] for side in f.sides)): (f.severity, f.explanation)
        for f in report.findings
        if f.kind is FindingKind.NUMERIC_CONFLICT
    }


def test_updates_every_story_has_its_counts(reports: dict[str, Report]) -> None:
    for name, report in reports.items():
        counts = [c for c in report.claims if c.kind is ClaimKind.QUANTITY]
        assert sorted({c.doc_id for c in counts}) == ["a", "b"], name


@pytest.mark.parametrize("case", ["rising-toll", "said-days-apart", "said-first-days-apart"])
def test_updates_a_count_moving_with_time_is_not_a_conflict(
    reports: dict[str, Report], case: str
) -> None:
    assert _conflicts(reports[case]) == {}


@pytest.mark.parametrize(
    ("case", "values"),
    [
        ("same-day", "12 | 41"),
        ("said-same-day", "12 | 41"),
        # "On Sunday, floods killed 12, the service said": Sunday dates the floods.
        ("event-day-first", "12 | 41"),
        ("job-cuts", "1,200 | 800"),
        # The missing have no trend: found people lower the count, new reports raise it.
        ("missing-falls", "12 | 30"),
        ("missing-rises", "12 | 30"),
    ],
)
def test_updates_same_day_or_no_running_count_still_flagged(
    reports: dict[str, Report], case: str, values: str
) -> None:
    conflicts = _conflicts(reports[case])
    assert sorted(conflicts) == [values]
    severity, explanation = conflicts[values]
    assert severity is Severity.HIGH
    assert "cannot all be true" in explanation
    assert "later report" not in explanation


def test_updates_a_count_moving_against_time_is_flagged_and_said(
    reports: dict[str, Report],
) -> None:
    conflicts = _conflicts(reports["falling-toll"])
    assert sorted(conflicts) == ["12 | 41"]
    severity, explanation = conflicts["12 | 41"]
    assert severity is Severity.HIGH
    assert explanation.endswith(
        "The later report gives fewer: 12 (National Wire, 6 May) after 41 (Valley Courier, 4 May)."
    )


def test_updates_a_falling_count_moves_the_other_way(monkeypatch: pytest.MonkeyPatch) -> None:
    # No class falls today (data/measures.toml); a count that did would read the other way.
    lexicon = measures()
    missing = lexicon.classes["missing"].model_copy(update={"trend": "falls"})
    patched = lexicon.model_copy(update={"classes": {**lexicon.classes, "missing": missing}})
    monkeypatch.setattr(quantity, "measures", lambda: patched)
    assert _conflicts(check([UPDATES / "missing-falls"])) == {}
    conflicts = _conflicts(check([UPDATES / "missing-rises"]))
    assert sorted(conflicts) == ["12 | 30"]
    assert conflicts["12 | 30"][1].endswith(
        "The later report gives more: 30 (National Wire, 6 May) after 12 (Valley Courier, 4 May)."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Floods killed 41 people, the service said on Wednesday.", (WEDNESDAY, WEDNESDAY)),
        ("Floods killed 41 people, the service said Monday.", (MONDAY, MONDAY)),
        ("The governor told reporters on Monday that 12 had died.", (MONDAY, MONDAY)),
        ("The agency said late on Monday that 12 had died.", (MONDAY, MONDAY)),
        ("The agency said in a statement on Monday that 12 had died.", (MONDAY, MONDAY)),
        ("The floods injured 85 people, hospitals reported on Wednesday.", (WEDNESDAY, WEDNESDAY)),
        # A date the statement is about is not the day it was made.
        ("The service said the floods on Sunday killed 12 people.", None),
        ("On Monday, floods killed 12 people, officials said.", None),
        ("The agency said it would publish a new toll on Wednesday.", None),
        ("Floods killed 12 people, the service said.", None),
        # Two statements on different days: which one gave the count is unknown.
        ("Officials said on Monday that 12 died; the agency said on Wednesday it was 41.", None),
        ("The service said later on Monday that 12 had died.", (MONDAY, MONDAY)),
        # A possessive day dates what it modifies.
        ("The service said Sunday's floods killed 12 people.", None),
    ],
)
def test_updates_said_on(text: str, expected: tuple[date, date] | None) -> None:
    assert said_on(text, WEDNESDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A day opening the sentence, or a clause, whose verb is a verb of saying.
        ("On Wednesday, the agency said 41 people had died.", (WEDNESDAY, WEDNESDAY)),
        ("On Wednesday the agency said that 41 people had died.", (WEDNESDAY, WEDNESDAY)),
        ("Wednesday, the agency said 41 people had died.", (WEDNESDAY, WEDNESDAY)),
        ("Late on Monday, the emergency service said 12 had died.", (MONDAY, MONDAY)),
        ("Earlier on Monday, officials told reporters 12 had died.", (MONDAY, MONDAY)),
        ("On Monday evening, a spokeswoman for the ministry said 12 had died.", (MONDAY, MONDAY)),
        ("In a statement on Monday, the agency said 12 people had died.", (MONDAY, MONDAY)),
        ('On Monday the governor told reporters: "Twelve people have died."', (MONDAY, MONDAY)),
        ("But on Monday, the agency said 12 had died.", (MONDAY, MONDAY)),
        ("Floods struck on Sunday; on Monday the agency said 12 had died.", (MONDAY, MONDAY)),
        ("Floods struck on Sunday, and on Monday the agency said 12 had died.", (MONDAY, MONDAY)),
        ("On Monday, the agency said 12 people had died on Sunday.", (MONDAY, MONDAY)),
        ("On Monday, the agency said Sunday's floods had killed 12.", (MONDAY, MONDAY)),
        # Nor is a possessive day read when it dates the statement (precision first).
        ("Monday's statement by the agency said 12 had died.", None),
        # A day that dates the event: the deaths, not the statement.
        ("On Monday, 12 people died, the agency said on Wednesday.", (WEDNESDAY, WEDNESDAY)),
        ("On Monday, 12 people died, the agency said.", None),
        ("On Monday, dozens of people died, the agency said 12 of them children.", None),
        ("On Sunday, the agency said, floods killed 12 people.", None),
        ("On Sunday, floods that officials said were the worst killed 12 people.", None),
        ("On Sunday, bodies were reported in 12 villages.", None),
        ("On Sunday, as rescuers searched, the agency said 12 had died.", None),
        ("On Sunday floods hit and on Monday officials said 12 had died.", (MONDAY, MONDAY)),
        ("Floods killed 12 people on Saturday, Sunday, and Monday, the agency said.", None),
        ("Floods killed 12 people between Sunday and Monday, the agency said.", None),
        ("After the floods on Sunday, the agency said 12 people had died.", None),
        ("The survivors rescued on Sunday said 12 people had died.", None),
        # "By" bounds the day; it does not name it.
        ("By Monday, the agency said 12 people had died.", None),
        # Two statements on different days: which one gave the count is unknown.
        ("On Monday, the agency said 12 had died; on Wednesday it said 41.", None),
        # A day after publication is no day a statement was made on.
        ("On Thursday, the agency will say how many died; 12 are confirmed.", None),
    ],
)
def test_updates_said_on_a_day_opening_the_clause(
    text: str, expected: tuple[date, date] | None
) -> None:
    assert said_on(text, WEDNESDAY) == expected


def test_updates_reported_on_falls_back_to_publication_day() -> None:
    stated = make_document(
        "a", "Floods killed 12 people, the service said on Monday.", published=WEDNESDAY
    )
    unstated = make_document("b", "Floods killed 41 people, the service said.", published=WEDNESDAY)
    undated = make_document("c", "Floods killed 41 people, the service said on Monday.")
    context = Context(documents={d.id: d for d in (stated, unstated, undated)}, events={})
    claims = {c.doc_id: c for c in claims_of(stated, unstated, undated)}
    assert reported_on(claims["a"], context) == (MONDAY, MONDAY)
    assert reported_on(claims["b"], context) == (WEDNESDAY, WEDNESDAY)
    # No publication date: the day of a weekday is unknown, and the rule does not apply.
    assert reported_on(claims["c"], context) is None


def test_updates_without_a_day_a_rising_count_stays_a_conflict() -> None:
    early = make_document("a", "Floods killed 12 people in Marlow on Sunday.", published=MONDAY)
    late = make_document("b", "Floods killed 41 people in Marlow on Sunday.", published=WEDNESDAY)
    claims = tuple(c for c in claims_of(early, late) if c.kind is ClaimKind.QUANTITY)
    key = measure_key(claims[0])
    assert key is not None and measure_key(claims[1]) == key
    group = ClaimGroup(key=key, claims=claims)

    def found(*documents: Document) -> list[FindingKind]:
        context = Context(documents={d.id: d for d in documents}, events={})
        return [f.kind for f in QuantityComparator().findings(group, context)]

    assert found(early, late) == []
    # The earlier article's day unknown: the counts are compared as any others.
    undated = early.model_copy(update={"published": None})
    assert found(undated, late) == [FindingKind.NUMERIC_CONFLICT]


def test_updates_trends_in_the_lexicon() -> None:
    classes = measures().classes
    assert {name for name, spec in classes.items() if spec.trend == "rises"} >= {
        "killed",
        "injured",
        "detained",
        "displaced",
        "rescued",
        "infected",
    }
    # Counts that are no running total, or move both ways, keep the plain rule.
    for name in ("missing", "job_cuts", "employment", "commitment", "attendance", "won", "strike"):
        assert classes[name].trend is None, name


def test_updates_left_out_are_named_in_the_finding() -> None:
    # 12 and at least 17 (said on Sunday) clash; 19 (Monday) is a later toll, on no side.
    report = check(
        [Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "kestrel-star-ferry"]
    )
    killed = [
        f
        for f in report.findings
        if f.kind is FindingKind.NUMERIC_CONFLICT and f.sides[0].measure == "killed"
    ]
    assert len(killed) == 1
    assert [side.label.split()[0] for side in killed[0].sides] == ["12", "at"]
    assert (
        "Updates on other days are not set against these: "
        "19 (Maritime Daily, The Haldon Observer, 18 May)." in killed[0].explanation
    )
