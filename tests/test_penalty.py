"""Penalties (prison sentences and bans), end to end: what is flagged across outlets and
what must never be compared (a maximum faced, a sentence sought, two defendants)."""

from __future__ import annotations

from datetime import date

import pytest

from claimdiff.models import ClaimKind, Finding, FindingKind, Report
from claimdiff.normalise import timelex
from claimdiff.pipeline import run as check_documents
from claimdiff.testing import claims_of, make_document


def _evidence(finding: Finding) -> list[set[str]]:
    return [{e.text for e in side.evidence} for side in finding.sides]


def _apart(report: Report, left: str, right: str) -> bool:
    """Return True when some finding shows ``left`` and ``right`` on different sides."""
    for finding in report.findings:
        sides = _evidence(finding)
        for i, a in enumerate(sides):
            for b in sides[i + 1 :]:
                if (left in a and right in b) or (right in a and left in b):
                    return True
    return False


@pytest.fixture(scope="module")
def sentencing() -> Report:
    monday = date(2026, 5, 12)
    return check_documents(
        [
            make_document(
                "a",
                "KESSLING, Estmark — Former port director Anna Smith was sentenced to five "
                "years in prison on Monday for taking bribes from shipping firms. Smith had "
                "faced up to 10 years in prison. Her lawyer said she would appeal.",
                published=monday,
            ),
            make_document(
                "b",
                "KESSLING, Estmark — The Kessling court jailed former port director Anna "
                "Smith for seven years on Monday over bribes from shipping firms. The judge "
                "said the harm to the port had been serious.",
                published=monday,
            ),
            make_document(
                "c",
                "KESSLING, Estmark — Anna Smith, the former port director, was jailed for 60 "
                "months on Monday for taking bribes from shipping firms. Prosecutors had "
                "asked for Smith to be jailed for eight years.",
                published=monday,
            ),
        ]
    )


def test_penalty_five_years_versus_seven_years_is_flagged(sentencing: Report) -> None:
    (finding,) = [f for f in sentencing.findings if f.kind is FindingKind.DURATION_CONFLICT]
    assert finding.topic.startswith("the length of the prison sentence given to Smith")
    assert sorted(map(sorted, _evidence(finding))) == [["60 months", "five years"], ["seven years"]]


def test_penalty_five_years_and_sixty_months_agree(sentencing: Report) -> None:
    assert not _apart(sentencing, "five years", "60 months")


def test_penalty_maximum_and_request_are_never_compared(sentencing: Report) -> None:
    texts = {e.text for f in sentencing.findings for s in f.sides for e in s.evidence}
    assert not texts & {"up to 10 years", "10 years", "eight years"}
    durations = [c for c in sentencing.claims if c.kind is ClaimKind.DURATION]
    assert sorted(c.value.label() for c in durations) == ["60 months", "five years", "seven years"]


def test_penalty_two_defendants_are_never_compared() -> None:
    left = make_document(
        "left", "Anna Smith was jailed for five years on Monday.", published=date(2026, 5, 12)
    )
    right = make_document(
        "right", "Erik Jones was jailed for seven years on Monday.", published=date(2026, 5, 12)
    )
    subjects = sorted(c.subject for c in claims_of(left, right) if c.kind is ClaimKind.DURATION)
    assert subjects == ["prison sentence given to Jones", "prison sentence given to Smith"]


def test_penalty_lexicon_kinds_name_the_person_and_exist() -> None:
    lexicon = timelex.penalties()
    for name, kind in lexicon.kinds.items():
        assert "{who}" in kind.label, name
        assert kind.when_suspended is None or kind.when_suspended in lexicon.kinds, name
        assert all(p in ("to", "for") for p in kind.verbs.values()), name
    nouns = [n for kind in lexicon.kinds.values() for n in kind.nouns]
    assert len(nouns) == len(set(nouns))
    assert not set(lexicon.giving_verbs) & set(lexicon.receivers)
