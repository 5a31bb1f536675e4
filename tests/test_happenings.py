"""Whether a happening is told as still to come (``looks_ahead``) or as a past that did not
happen (``counterfactual``), decided on the clause that tells it."""

from __future__ import annotations

from datetime import date

import pytest

from claimdiff.extract.happenings import counterfactual, looks_ahead
from claimdiff.models import ClaimKind
from claimdiff.nlp import load_model
from claimdiff.testing import claims_of, make_document


def _token(text: str, word: str) -> object:
    doc = load_model()(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "word", "ahead"),
    [
        ("The ferry will sail on Saturday.", "sail", True),
        ("Officials said they would meet on Sunday.", "meet", True),
        ("Ministers were expected to meet on Friday.", "meet", True),
        ("By Friday the crews will have finished the repairs.", "finished", True),
        # Modal + have + participle: a past that did not happen, not a plan.
        ("The ferry should have sailed on Saturday.", "sailed", False),
        ("Without the storm, the ministers would have met on Sunday.", "met", False),
        ("The talks could have lasted three days.", "lasted", False),
        ("The ferry sailed on Saturday.", "sailed", False),
    ],
)
def test_happenings_modal_perfect_is_no_look_ahead(text: str, word: str, ahead: bool) -> None:
    assert looks_ahead(_token(text, word)) is ahead


@pytest.mark.parametrize(
    ("text", "word", "ahead"),
    [
        # A participle on a noun has no tense of its own: the clause governing the noun
        # ("should have sailed", "will attend") says nothing of when the warning was issued.
        (
            "Investigators asked whether the ferry should have sailed after the storm "
            "warning issued on Saturday afternoon.",
            "issued",
            False,
        ),
        ("Leaders will attend the summit held in Paris on Friday.", "held", False),
        # The participle's own words still count: "expected to", an infinitive on a noun.
        ("The talks, expected to start on Monday, were postponed.", "start", True),
        ("The ferry will sail after the warning issued on Saturday.", "sail", True),
    ],
)
def test_happenings_participle_on_a_noun_keeps_its_own_time(
    text: str, word: str, ahead: bool
) -> None:
    assert looks_ahead(_token(text, word)) is ahead


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The ferry should have sailed on Saturday.", "sailed", True),
        ("Without the storm, the ministers would have met on Sunday.", "met", True),
        ("Smith should have been jailed for ten years.", "jailed", True),
        ("By Friday the crews will have finished the repairs.", "finished", False),
        ("The ferry sailed on Saturday.", "sailed", False),
        ("The ferry has sailed.", "sailed", False),
        ("The ferry should sail on Saturday.", "sail", False),
    ],
)
def test_happenings_counterfactual_is_modal_perfect(text: str, word: str, expected: bool) -> None:
    assert counterfactual(_token(text, word)) is expected


@pytest.mark.parametrize(
    "text",
    [
        "The talks should have lasted three days but collapsed on the first.",
        "Without the strike, the bridge would have closed for three weeks.",
        "The hearing could have lasted two hours.",
    ],
)
def test_happenings_counterfactual_length_is_no_duration_claim(text: str) -> None:
    document = make_document("d", text, published=date(2026, 5, 13))
    assert [c for c in claims_of(document) if c.kind is ClaimKind.DURATION] == []
