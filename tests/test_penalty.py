"""Penalties (prison sentences and bans), end to end: what is flagged across outlets and
what must never be compared (a maximum faced, a sentence sought, two defendants)."""

from __future__ import annotations

from datetime import date

import pytest

from claimdiff.align.clues import match_dateline
from claimdiff.extract.defendants import _may_refer
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


def _terms(*texts: str) -> list[tuple[str, str]]:
    """Return (evidence, subject) of the penalty claims of one document per text."""
    documents = [make_document(f"d{i}", t, published=MONDAY) for i, t in enumerate(texts)]
    found = []
    for claim in claims_of(*documents):
        if claim.kind is ClaimKind.DURATION and claim.measure == "term":
            text = next(d.text for d in documents if d.id == claim.doc_id)
            found.append((text[claim.evidence.start : claim.evidence.end], claim.subject))
    return sorted(found)


MONDAY = date(2026, 5, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Former port director Anna Smith was convicted of taking bribes on Monday. "
            "She was jailed for six years.",
            [("six years", "prison sentence given to Smith")],
        ),
        (
            "Anna Smith, 52, was convicted of fraud on Monday. The Kessling court handed "
            "her a six-year sentence.",
            [("six-year", "prison sentence given to Smith")],
        ),
        (
            "Erik Jones was found guilty of match-fixing last month. The federation "
            "imposed a five-year ban on him on Monday.",
            [("five-year", "ban on Jones")],
        ),
        (
            "Erik Jones, 41, admitted dangerous driving. He was also banned from driving "
            "for three years.",
            [("three years", "driving ban on Jones")],
        ),
        (
            # Gender told by an office: the spokeswoman is not "he".
            "Police spokeswoman Ana Ruiz said Erik Jones had been convicted of fraud. "
            "He was jailed for six years on Monday.",
            [("six years", "prison sentence given to Jones")],
        ),
        (
            # A role noun: the one person the document introduced with that office.
            "Former health minister Anna Smith was convicted of fraud on Monday. The "
            "former minister was sentenced to eight years in prison.",
            [("eight years", "prison sentence given to Smith")],
        ),
    ],
)
def test_penalty_pronoun_or_role_resolves_to_the_person_named_before(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _terms(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Nobody named before the pronoun.
        "A former port director was convicted of taking bribes on Monday. She was jailed "
        "for six years.",
        # Two people "she" may be: the antecedent is not clear.
        "Anna Smith and her lawyer John Doe arrived at court on Monday. She was jailed "
        "for six years.",
        "Judge Peter Lund said Anna Smith had shown no remorse. She was jailed for six years.",
        # An unnamed speaker is someone too.
        "Anna Smith was convicted on Monday. The judge said the harm had been serious. "
        "She was jailed for six years.",
        # "They": several people, whose term is whose.
        "Anna Smith and Erik Jones were convicted on Monday. They were jailed for six years.",
        # Inside a quotation the words are the speaker's.
        'Anna Smith was convicted on Monday. "She was jailed for six years," a court '
        "official said.",
        # A role nobody named holds, a role two people hold, someone else's role.
        "Anna Smith was convicted on Monday. The former minister was jailed for six years.",
        "Former minister Anna Smith and former minister Erik Jones were convicted on "
        "Monday. The former minister was jailed for six years.",
        "Anna Smith was convicted on Monday. Her co-defendant was jailed for four years.",
        "Former minister Anna Smith was convicted on Monday. The other minister was "
        "jailed for four years.",
        # A pronoun named with someone: whose term is whose.
        "Anna Smith was convicted on Monday. She and Jones were jailed for five years.",
        # Past perfect: time served, or an earlier sentence, not the news.
        "Anna Smith was freed on Monday. She had been jailed for two years before her release.",
        "Anna Smith had been jailed for two years when she was freed on appeal.",
        "Police said Anna Smith had been sentenced to five years in prison.",
        # A sentence she faces, or one under a modal, is none even when resolved.
        "Anna Smith was convicted on Monday. She faces up to ten years in prison.",
        "Anna Smith was convicted on Monday. She could be jailed for ten years.",
        "Anna Smith was convicted on Monday. She should have been jailed for ten years.",
    ],
)
def test_penalty_unclear_or_unstated_defendant_makes_no_claim(text: str) -> None:
    assert _terms(text) == []


def test_penalty_pronoun_sentence_versus_named_sentence_is_flagged() -> None:
    report = check_documents(
        [
            make_document(
                "a",
                "Former port director Anna Smith was convicted of taking bribes on Monday. "
                "She was jailed for six years.",
                published=MONDAY,
            ),
            make_document(
                "b",
                "Anna Smith was sentenced to eight years in prison on Monday for taking "
                "bribes from shipping firms.",
                published=MONDAY,
            ),
        ]
    )
    (finding,) = [f for f in report.findings if f.kind is FindingKind.DURATION_CONFLICT]
    assert finding.topic.startswith("the length of the prison sentence given to Smith")
    assert sorted(map(sorted, _evidence(finding))) == [["eight years"], ["six years"]]


def test_penalty_one_claim_per_length_when_resolved() -> None:
    text = "Anna Smith was convicted on Monday. She was sentenced to six years in prison."
    document = make_document("d", text, published=MONDAY)
    durations = [c for c in claims_of(document) if c.kind is ClaimKind.DURATION]
    assert [text[c.evidence.start : c.evidence.end] for c in durations] == ["six years"]


@pytest.mark.parametrize(
    ("lead", "town"),
    [
        ("KESSLING, Estmark — Former port director Anna Smith", "KESSLING"),
        ("EL PASO, Texas — Former port director Anna Smith", "EL PASO"),
        ("PARIS (Reuters) - Anna Smith", "PARIS"),
        ("US — China talks resumed", None),
        ("Anna Smith was jailed", None),
    ],
)
def test_penalty_and_events_share_one_dateline(lead: str, town: str | None) -> None:
    match = match_dateline(lead)
    assert (match.group("town") if match else None) == town


def test_penalty_subject_past_a_two_word_dateline_is_the_person() -> None:
    text = (
        "EL PASO, Texas — Former port director Anna Smith was sentenced to five years in "
        "prison on Monday."
    )
    assert _terms(text) == [("five years", "prison sentence given to Smith")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The federation imposed a five-year ban on Smith on Monday.",
            [("five-year", "ban on Smith")],
        ),
        (
            "The court handed Smith a six-year sentence on Friday.",
            [("six-year", "prison sentence given to Smith")],
        ),
        # A day is nobody's penalty, and "him" names no one here.
        ("UEFA imposed a five-year ban on him on March 3.", []),
    ],
)
def test_penalty_day_of_the_penalty_is_not_its_recipient(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _terms(text) == expected


@pytest.mark.parametrize(
    "word",
    [
        "sentenced",
        "jailed",
        "imprisoned",
        "banned",
        "barred",
        "disqualified",
        "sentence",
        "ban",
        "suspension",
        "disqualification",
        "term",
    ],
)
def test_penalty_defendant_prefilter_knows_every_penalty_word(word: str) -> None:
    assert _may_refer(f"She was given a {word} of six years.")
    assert _may_refer(f"The former minister got a {word} of six years.")
    assert not _may_refer(f"Anna Smith got a {word} of six years.")  # named: no referent
