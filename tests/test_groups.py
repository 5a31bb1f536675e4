"""Counts of different groups or agents are never compared (compare/groups.py), end to end."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from claimdiff import check
from claimdiff.compare.groups import cells, separation
from claimdiff.extract.qualifiers import UNRESOLVED
from claimdiff.models import Claim, ClaimKind, FindingKind, Report
from claimdiff.testing import claims_of, make_document

GROUPS = Path(__file__).resolve().parents[1] / "fixtures" / "groups"


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {p.name: check([p]) for p in sorted(GROUPS.iterdir()) if p.is_dir()}


def _conflicts(report: Report) -> dict[str, str]:
    """Return each numeric conflict's explanation by its evidence, "12 x | 40 x"."""
    return {
        " | ".join(sorted(e.text for side in f.sides for e in side.evidence)): f.explanation
        for f in report.findings
        if f.kind is FindingKind.NUMERIC_CONFLICT
    }


@pytest.mark.parametrize(
    "case",
    [
        "different-groups",
        "several-groups-and-unqualified",
        # Two groups and two firms named: two outlets' unqualified figures could each be
        # either's, and are not set against each other.
        "several-groups-and-two-unqualified",
    ],
)
def test_groups_different_groups_and_agents_are_not_flagged(
    reports: dict[str, Report], case: str
) -> None:
    report = reports[case]
    assert len([c for c in report.claims if c.kind is ClaimKind.QUANTITY]) >= 4
    assert report.findings == []


def test_groups_same_group_and_agent_still_flagged(reports: dict[str, Report]) -> None:
    conflicts = _conflicts(reports["same-groups"])
    assert sorted(conflicts) == [
        "1,200 jobs | 800 jobs",
        "12 Ukrainian soldiers | Forty Ukrainian soldiers",
        "31 seats | 40 seats",
    ]
    soldiers = conflicts["12 Ukrainian soldiers | Forty Ukrainian soldiers"]
    assert "how many Ukrainian soldiers were killed" in soldiers
    assert "how many jobs are cut (job cuts) by Halvorsen" in conflicts["1,200 jobs | 800 jobs"]
    assert "how many seats were won by Labour" in conflicts["31 seats | 40 seats"]
    assert {f.severity.value for f in reports["same-groups"].findings} == {"high"}


def test_groups_unqualified_count_meets_the_only_group_of_its_story(
    reports: dict[str, Report],
) -> None:
    assert sorted(_conflicts(reports["one-group-and-unqualified"])) == [
        "1,200 jobs | 800 jobs",
        "12 Ukrainian soldiers | Forty soldiers",
    ]
    topics = sorted(f.topic for f in reports["one-group-and-unqualified"].findings)
    assert topics[0].startswith("number of Ukrainian soldiers (")
    assert topics[1].startswith("number of jobs, Halvorsen Motors (")


def test_groups_unqualified_counts_meet_when_the_story_names_one_group_or_none(
    reports: dict[str, Report],
) -> None:
    assert sorted(_conflicts(reports["no-group-and-unqualified"])) == [
        "1,200 jobs | 800 jobs",
        "12 soldiers | Forty soldiers",
    ]
    conflicts = _conflicts(reports["one-group-and-two-unqualified"])
    assert sorted(conflicts) == [
        "1,200 jobs | 500 jobs | 800 jobs",
        "12 Ukrainian soldiers | 30 soldiers | Forty soldiers",
    ]
    soldiers = conflicts["12 Ukrainian soldiers | 30 soldiers | Forty soldiers"]
    assert "how many Ukrainian soldiers were killed: 12 (Northline Wire) vs 30" in soldiers
    jobs = conflicts["1,200 jobs | 500 jobs | 800 jobs"]
    assert "by Halvorsen Motors: 500 (Valley Times) vs 800" in jobs


def _claim(text: str, qualifier: str | None = None, agent: str | None = None) -> Claim:
    (claim,) = claims_of(make_document(text[:8], text))
    return claim.model_copy(update={"qualifier": qualifier, "agent": agent})


@cache
def _count(n: int) -> Claim:
    return _claim(f"Fighting killed {n} soldiers on Monday.")


def _cells(claims: list[Claim]) -> list[list[int]]:
    index = {claim.id: i for i, claim in enumerate(claims)}
    return sorted(sorted(index[c.id] for c in members) for _, members in cells(claims))


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        # One group named in the story: a count naming none joins it.
        ([("country:ukraine", None), (None, None)], [[0, 1]]),
        # Two groups named: a count naming none could be either's, and stays apart.
        ([("country:ukraine", None), ("country:russia", None), (None, None)], [[0], [1], [2]]),
        # ... and apart from another count naming none: each may be a different group's.
        (
            [("country:ukraine", None), ("country:russia", None), (None, None), (None, None)],
            [[0], [1], [2], [3]],
        ),
        # One group named, or none: counts naming none are all of that group.
        ([("country:ukraine", None), (None, None), (None, None)], [[0, 1, 2]]),
        ([(None, None), (None, None)], [[0, 1]]),
        # Names stated in full and in part are one group, which counts naming none join.
        ([("name:Labour", None), ("name:Labour Party", None), (None, None)], [[0, 1, 2]]),
        ([("country:ukraine", None), ("country:ukraine", None)], [[0, 1]]),
        # Agents: a name and the part of it an outlet uses are one agent.
        ([(None, "name:Halvorsen Motors"), (None, "name:Halvorsen")], [[0, 1]]),
        ([(None, "name:Halvorsen Motors"), (None, "name:Bergmann")], [[0], [1]]),
        # A part shared by two names belongs to neither.
        (
            [
                (None, "name:Halvorsen Motors"),
                (None, "name:Halvorsen Trucks"),
                (None, "name:Halvorsen"),
            ],
            [[0], [1], [2]],
        ),
        # An unresolved pronoun is no agent named: it joins the only one, if one.
        ([(None, "name:Halvorsen Motors"), (None, UNRESOLVED)], [[0, 1]]),
        (
            [(None, "name:Halvorsen Motors"), (None, "name:Bergmann"), (None, UNRESOLVED)],
            [[0], [1], [2]],
        ),
        # Two agents named: counts naming none (or a pronoun) are not set against each other.
        (
            [
                (None, "name:Halvorsen Motors"),
                (None, "name:Bergmann"),
                (None, None),
                (None, UNRESOLVED),
            ],
            [[0], [1], [2], [3]],
        ),
        # The group is known and one, the agent unknown: still apart.
        (
            [
                ("country:ukraine", "country:russia"),
                ("country:ukraine", "country:belarus"),
                ("country:ukraine", None),
                ("country:ukraine", None),
            ],
            [[0], [1], [2], [3]],
        ),
        ([(None, UNRESOLVED), (None, None)], [[0, 1]]),
    ],
)
def test_groups_cells(
    stated: list[tuple[str | None, str | None]], expected: list[list[int]]
) -> None:
    # Every count a different figure: groups named apart are told apart by their counts.
    claims = [
        _count(10 * (i + 1)).model_copy(update={"id": f"c{i}", "qualifier": q, "agent": a})
        for i, (q, a) in enumerate(stated)
    ]
    assert _cells(claims) == expected


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        # Two groups named with the same figure: nothing shows them apart, and counts
        # naming none are compared with each other (not with either group's).
        (
            [("country:ukraine", "killed", 26), ("non:org:nato", "killed", 26)]
            + [(None, "killed", 26), (None, "killed", 35), (None, "injured", 30)],
            [[0], [1], [2, 3, 4]],
        ),
        # Figures that cannot overlap: two groups, counts naming none each alone.
        (
            [("country:ukraine", "killed", 26), ("country:russia", "killed", 35)]
            + [(None, "killed", 26), (None, "killed", 35)],
            [[0], [1], [2], [3]],
        ),
        # One same figure, one different: two groups.
        (
            [("country:ukraine", "killed", 12), ("country:ukraine", "killed", 40)]
            + [("country:russia", "killed", 12), (None, "killed", 12), (None, "killed", 40)],
            [[0, 1], [2], [3], [4]],
        ),
        # Figures of different measures cannot show two groups alike.
        (
            [("country:ukraine", "killed", 12), ("country:russia", "injured", 12)]
            + [(None, "killed", 12), (None, "injured", 40)],
            [[0], [1], [2], [3]],
        ),
    ],
)
def test_groups_cells_of_groups_whose_figures_agree(
    stated: list[tuple[str | None, str, int]], expected: list[list[int]]
) -> None:
    claims = [
        _count(n).model_copy(update={"id": f"c{i}", "qualifier": q, "measure": measure})
        for i, (q, measure, n) in enumerate(stated)
    ]
    assert _cells(claims) == expected


def test_groups_separation_explains_why_not_compared() -> None:
    base = _claim("Fighting killed 12 soldiers on Monday.")
    ukrainian = base.model_copy(update={"qualifier": "country:ukraine"})
    russian = base.model_copy(update={"qualifier": "country:russia"})
    assert separation(ukrainian, russian) == "Ukrainian and Russian soldiers are different groups"
    assert separation(ukrainian, base) is None
    firm = base.model_copy(update={"agent": "name:Halvorsen Motors"})
    rival = base.model_copy(update={"agent": "name:Bergmann"})
    assert separation(firm, rival) == "Halvorsen Motors and Bergmann are different agents"
    assert separation(firm, base.model_copy(update={"agent": UNRESOLVED})) is None
