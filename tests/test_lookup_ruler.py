"""The attribute ruler's rules found by lookup give exactly the Matcher's matches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from claimdiff.lookup_ruler import Unsupported, install, lookup_matcher
from claimdiff.nlp import ENTITY_PIPES, load_model

STORIES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"

# Words and shapes the English model's rarer rules are about: contractions split in
# two tokens, forms read by regular expressions, pronouns by their dependency, runs of
# whitespace, "there is", "but" as an adverb.
RARE = [
    "Y'all gonna see it, ain't it? Let's go. C'mon!  There are   two\n\nmen here.",
    "I told you it was nothin' and I'd do it. He gets it; she got it; we gotta go.",
    "You and I ain't done. It is I. Give it to me and you. It was but a dream.",
    "Whether or not they agree, there's no deal; they haven't said so, but they will.",
    "",
    "   ",
]


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(STORIES.rglob("*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted(STORIES.rglob("*.md"))]
    return [text[:20_000] for text in texts] + RARE


def _unruled(nlp: Any, texts: list[str]) -> list[Any]:
    """Parse ``texts`` up to the attribute ruler, not through it."""
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", *ENTITY_PIPES]):
        return list(nlp.pipe(texts))


def test_the_model_ruler_finds_its_rules_by_lookup() -> None:
    ruler = load_model().get_pipe("attribute_ruler")
    assert "match" in vars(ruler)  # installed on this instance by load_model


def test_lookup_matches_are_the_matchers_on_every_fixture_text() -> None:
    nlp = load_model()
    ruler = nlp.get_pipe("attribute_ruler")
    lookup = lookup_matcher(ruler)
    docs = _unruled(nlp, _texts())
    assert sum(len(doc) for doc in docs) > 10_000
    for doc in docs:
        assert lookup(doc) == AttributeRuler.match(ruler, doc), doc.text[:60]


def test_tokens_get_the_attributes_the_plain_model_gives() -> None:
    nlp = load_model()
    ruler = nlp.get_pipe("attribute_ruler")
    texts = _texts()
    by_lookup = [
        [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]
        for doc in nlp.pipe(texts, disable=list(ENTITY_PIPES))
    ]
    matcher = vars(ruler).pop("match")
    try:
        plain = [
            [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]
            for doc in nlp.pipe(texts, disable=list(ENTITY_PIPES))
        ]
    finally:
        ruler.match = matcher
    assert by_lookup == plain
    assert any(pos == "AUX" for doc in by_lookup for pos, *_ in doc)


def _ruler(patterns: list[dict[str, Any]]) -> tuple[Any, Any]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


def test_alternatives_longer_patterns_and_predicates_match_as_the_matcher_does() -> None:
    nlp, ruler = _ruler(
        [
            # Two alternatives matching the same token: one match.
            {"patterns": [[{"LOWER": "rose"}], [{"ORTH": "Rose"}]], "attrs": {"LEMMA": "rise"}},
            {"patterns": [[{"LOWER": {"REGEX": "^fell$|^dropp"}}]], "attrs": {"LEMMA": "fall"}},
            {
                "patterns": [[{"LOWER": {"NOT_IN": ["a", "the"]}, "IS_PUNCT": False}]],
                "attrs": {"NORM": "word"},
            },
            {
                "patterns": [[{"LOWER": "per"}, {"LOWER": "cent"}]],
                "attrs": {"LEMMA": "%"},
                "index": 1,
            },
            {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP"}},
        ]
    )
    lookup = lookup_matcher(ruler)
    for text in ["Rose rose 5 per cent, then fell; it dropped.  The end", "per", "cent per"]:
        doc = nlp.make_doc(text)
        assert lookup(doc) == AttributeRuler.match(ruler, doc)
    doc = nlp.make_doc("Rose rose")
    assert [start for rule, _, start, _ in lookup(doc) if rule == 0] == [0, 1]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "very", "OP": "+"}],
        [{"LENGTH": 4}],
        [{"LOWER": {"FUZZY": "recieve"}}],
        [{"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}],
    ],
)
def test_patterns_lookup_does_not_read_leave_the_matcher(pattern: list[dict[str, Any]]) -> None:
    nlp, ruler = _ruler([{"patterns": [pattern], "attrs": {"LEMMA": "x"}}])
    with pytest.raises(Unsupported):
        lookup_matcher(ruler)
    assert install(nlp) is False
    assert "match" not in vars(ruler)


def test_install_without_a_ruler_does_nothing() -> None:
    assert install(spacy.blank("en")) is False
