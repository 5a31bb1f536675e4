"""Qualifiers and agents of counts (extract/qualifiers.py) as the quantity extractor reads them."""

from __future__ import annotations

import pytest

from claimdiff.extract.qualifiers import UNRESOLVED, qualifier_lexicon
from claimdiff.lexicon import measures
from claimdiff.models import ClaimKind
from claimdiff.testing import claims_of, make_document


def _count(text: str) -> tuple[str, str | None, str | None]:
    document = make_document("d", text)
    (claim,) = [c for c in claims_of(document) if c.kind is ClaimKind.QUANTITY]
    return text[claim.evidence.start : claim.evidence.end], claim.qualifier, claim.agent


@pytest.mark.parametrize(
    ("text", "evidence", "qualifier"),
    [
        (
            "Fighting near the border on Monday killed 12 Ukrainian soldiers, officials said.",
            "12 Ukrainian soldiers",
            "country:ukraine",
        ),
        (
            "Fighting near the border on Monday killed 40 Russian soldiers, officials said.",
            "40 Russian soldiers",
            "country:russia",
        ),
        ("40 US troops were injured in the attack.", "40 US troops", "country:united-states"),
        ("40 soldiers from Ukraine were killed.", "40 soldiers", "country:ukraine"),
        ("12 Kelbrian soldiers were killed on Monday.", "12 Kelbrian soldiers", "name:Kelbrian"),
        ("12 civilian workers were killed in the blast.", "12 civilian workers", "group:civilian"),
        ("26 non-NATO nations committed troops.", "26 non-NATO nations", "non:org:nato"),
        (
            "12 American and British troops were wounded.",
            "12 American and British troops",
            "country:united-kingdom+country:united-states",
        ),
        (
            "Twenty-six Western nations agreed to provide guarantees.",
            "Twenty-six Western nations",
            None,
        ),
        ("Leaders from around 30 nations met in Paris.", "around 30 nations", None),
    ],
)
def test_qualifiers_qualifier_of_counted_noun(
    text: str, evidence: str, qualifier: str | None
) -> None:
    assert _count(text)[:2] == (evidence, qualifier)


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        (
            "Halvorsen Motors will cut 1,200 jobs, the company said on Monday.",
            "name:Halvorsen Motors",
        ),
        ("Its rival Bergmann will cut 800 jobs, it said on Monday.", "name:Bergmann"),
        ("800 jobs will be cut by Bergmann.", "name:Bergmann"),
        ("The 800 jobs that Bergmann will cut are in Bavaria.", "name:Bergmann"),
        ("Halvorsen plans to cut 1,200 jobs.", "name:Halvorsen"),
        ("Halvorsen said it would cut 800 jobs.", "name:Halvorsen"),
        ("Labour won 40 seats in the regional election.", "name:Labour"),
        ("The Greens won 12,400 votes.", "name:Greens"),
        ("France will send 2,000 troops.", "country:france"),
        ("Russian shelling killed 40 people.", "country:russia"),
        # A pronoun nothing resolves: said so, never guessed.
        ("It will cut 800 jobs, the company said.", UNRESOLVED),
        # No one named: the subject is an event, or the count is the subject itself.
        ("Fighting near the border on Monday killed 12 Ukrainian soldiers.", None),
        ("The quake killed 40 people.", None),
        ("Leaders from around 30 nations met in Paris.", None),
        ("We now have 18 countries that have formally pledged support.", None),
        ("He said 2,000 troops would be sent.", None),
    ],
)
def test_qualifiers_agent_of_cue_verb(text: str, agent: str | None) -> None:
    assert _count(text)[2] == agent


def test_qualifiers_lexicon_is_lower_case_and_does_not_overlap_measures() -> None:
    lexicon = qualifier_lexicon()
    words = [*lexicon.groups, *lexicon.negations, *lexicon.pronouns]
    assert words == [w.lower() for w in words] and len(set(words)) == len(words)
    cues = {cue for spec in measures().classes.values() for cue in spec.cues}
    assert not cues & set(lexicon.groups)
