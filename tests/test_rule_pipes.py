"""The model's rule-based pipes run by lookup give exactly the model's annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from claimdiff.nlp import ENTITY_PIPES, load_model
from claimdiff.rule_pipes import MemoLemmatizer, Unsupported, install, lookup_matcher

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


def test_the_model_runs_its_rule_pipes_by_lookup() -> None:
    nlp = load_model()
    assert {"match", "set_annotations"} <= vars(nlp.get_pipe("attribute_ruler")).keys()
    assert "pipe" in vars(nlp.get_pipe("lemmatizer"))


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
    texts = _texts()

    def annotations() -> list[list[tuple[str, ...]]]:
        return [
            [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]
            for doc in nlp.pipe(texts, disable=list(ENTITY_PIPES))
        ]

    by_lookup = annotations()
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    installed = {
        (pipe, name): vars(pipe).pop(name)
        for pipe, name in [(ruler, "match"), (ruler, "set_annotations"), (lemmatizer, "pipe")]
    }
    try:
        plain = annotations()
    finally:
        for (pipe, name), method in installed.items():
            setattr(pipe, name, method)
    assert by_lookup == plain
    assert any(pos == "AUX" for doc in by_lookup for pos, *_ in doc)
    # Lemmas the ruler set ("'s" is "be" after "it") are kept, as the lemmatizer keeps them.
    assert ("AUX", "VBZ", "be") in {(p, t, lemma) for doc in by_lookup for p, t, _, lemma, _ in doc}


def test_memo_lemmatizer_lemmatizes_each_form_once(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = load_model()
    lemmatizer = nlp.get_pipe("lemmatizer")
    asked: list[str] = []
    lemmatize = lemmatizer.lemmatize

    def counting(token: Any) -> list[str]:
        asked.append(str(token.text))
        return lemmatize(token)

    monkeypatch.setattr(lemmatizer, "lemmatize", counting)
    memo = MemoLemmatizer(lemmatizer)
    with nlp.select_pipes(disable=["lemmatizer", *ENTITY_PIPES]):
        docs = list(nlp.pipe(["Prices rose. Prices rose again.", "Prices rose."]))
    done = [[t.lemma_ for t in memo(doc)] for doc in docs]
    assert done[0] == ["price", "rise", ".", "price", "rise", "again", "."]
    assert sorted(asked) == sorted({"Prices", "rose", ".", "again"})


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
            # Counted from the end of the match; a later rule wins on the same token.
            {
                "patterns": [[{"LOWER": "then"}, {"LOWER": "fell"}]],
                "attrs": {"LEMMA": "drop"},
                "index": -1,
            },
        ]
    )
    lookup = lookup_matcher(ruler)
    texts = ["Rose rose 5 per cent, then fell; it dropped.  The end", "per", "cent per"]
    for text in texts:
        doc = nlp.make_doc(text)
        assert lookup(doc) == AttributeRuler.match(ruler, doc)
    plain = [ruler(nlp.make_doc(text)) for text in texts]
    assert install(nlp) == ["attribute_ruler"]
    by_lookup = [ruler(nlp.make_doc(text)) for text in texts]
    for left, right in zip(plain, by_lookup, strict=True):
        assert [(t.lemma_, t.norm_, t.tag_) for t in left] == [
            (t.lemma_, t.norm_, t.tag_) for t in right
        ]
    assert [t.lemma_ for t in by_lookup[0]][:5] == ["rise", "rise", "", "", "%"]
    assert by_lookup[0][7].lemma_ == "drop"  # "fell": "fall", then the later rule
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
    assert install(nlp) == []
    assert "match" not in vars(ruler)


def test_install_without_rule_pipes_does_nothing() -> None:
    assert install(spacy.blank("en")) == []


def test_a_lemmatizer_that_overwrites_lemmas_is_left_alone() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": True})
    assert install(nlp) == []
    nlp.get_pipe("lemmatizer").overwrite = False
    assert install(nlp) == ["lemmatizer"]
