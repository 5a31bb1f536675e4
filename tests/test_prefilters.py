"""The cheap prefilters that decide which sentences go through the statistical model.

A prefilter may pass a sentence that holds no claim (the parse decides), but it must not
pass every sentence: that is what made extraction cost more than parsing (issue 7).
"""

from __future__ import annotations

import pytest

from claimdiff.extract import EXTRACTORS
from claimdiff.extract.cues import stem_pattern
from claimdiff.extract.speech import may_hold_speech
from claimdiff.models import Sentence, Span

PLAIN = "The cat sat on the mat in the sun and the dog slept."


def _sentence(text: str) -> Sentence:
    return Sentence(
        doc_id="d", index=0, paragraph=0, span=Span(doc_id="d", start=0, end=len(text)), text=text
    )


def test_a_phrase_is_looked_for_by_a_content_word_not_a_function_word() -> None:
    pattern = stem_pattern(["be up in the air", "on the fence"])
    assert pattern.search("the cat sat on the mat") is None
    assert pattern.search("the decision is still up in the air") is not None
    assert pattern.search("ministers remain on the fence") is not None


@pytest.mark.parametrize("extractor", EXTRACTORS, ids=lambda e: e.name)
def test_no_sentence_extractor_wants_a_sentence_of_function_words(extractor: object) -> None:
    assert not extractor.wants(_sentence(PLAIN))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "Rutte's assertion that the alliance is united was welcomed.",
        "Her repeated calls for calm went unheeded.",
        "The minister made it clear that no troops would go.",
        "Officials told reporters the bridge would reopen.",
        "According to the ministry, the road is closed.",
    ],
)
def test_speech_prefilter_passes_frames(text: str) -> None:
    assert may_hold_speech(text)


@pytest.mark.parametrize(
    "text",
    [
        PLAIN,
        "A statement was issued late on Friday.",  # a noun of saying with no possessive speaker
        "The point of the exercise was unclear.",  # a phrase's first word alone ("point out")
        "Prices went up again.",  # "went" without the rest of "go on"
    ],
)
def test_speech_prefilter_rejects_sentences_without_a_frame(text: str) -> None:
    assert not may_hold_speech(text)
