import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.models import Document
from claimdiff.segment import (
    BOILERPLATE_RULES,
    BoilerplateRule,
    paragraph_spans,
    segment,
    segment_all,
    segment_detailed,
    sentence_spans,
)

SHARED = Path(__file__).parents[1].parent / "shared"
BODY = (
    "Leaders from around 30 nations met in Paris on Thursday to discuss a force for Ukraine.\n"
    "Twenty-six of them committed to send troops once a ceasefire is in place, Macron said.\n"
)


def make_document(text: str, doc_id: str = "doc") -> Document:
    return Document(
        id=doc_id,
        outlet="outlet",
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        source=f"{doc_id}.txt",
    )


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in segment(make_document(text))]


def split(text: str) -> list[str]:
    return [
        text[start:end]
        for a, b in paragraph_spans(text)
        for start, end in sentence_spans(text, a, b)
    ]


# --- offsets ---------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    list("aAbBzZ019 .!?,;:-\"'“”’()…$€\n\r\t\u00a0\u2028") + ["U.S.", "Mr.", "Jan.", "...", "  "]
)
RANDOM_TEXT = st.lists(ALPHABET, max_size=200).map("".join)


@settings(max_examples=300, deadline=None)
@given(RANDOM_TEXT)
def test_segment_spans_index_the_document_text(text: str) -> None:
    document = make_document(text)
    sentences = segment(document)
    previous_end = 0
    for number, sentence in enumerate(sentences):
        assert document.text[sentence.span.start : sentence.span.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert sentence.span.start >= previous_end
        assert sentence.index == number and sentence.doc_id == sentence.span.doc_id == "doc"
        previous_end = sentence.span.end
    assert [s.paragraph for s in sentences] == sorted(s.paragraph for s in sentences)


@settings(max_examples=300, deadline=None)
@given(RANDOM_TEXT)
def test_segment_splitting_covers_every_visible_character(text: str) -> None:
    pieces = split(text)
    assert "".join("".join(piece.split()) for piece in pieces) == "".join(text.split())
    assert all(piece and piece == piece.strip() for piece in pieces)


# --- sentences -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        (
            "Gen. Mark Milley and St. Petersburg officials met. Talks ended.",
            ["Gen. Mark Milley and St. Petersburg officials met.", "Talks ended."],
        ),
        (
            "U.S. President Donald Trump spoke to U.K. leaders.",
            ["U.S. President Donald Trump spoke to U.K. leaders."],
        ),
        (
            "He flew back to the U.S. The talks ended.",
            ["He flew back to the U.S.", "The talks ended."],
        ),
        (
            "Vice President J. D. Vance said no. Others agreed.",
            ["Vice President J. D. Vance said no.", "Others agreed."],
        ),
        ("George W. Bush spoke.", ["George W. Bush spoke."]),
        (
            "It began on Jan. 5, 2025 in Kyiv. It ended in Sept. 2025.",
            ["It began on Jan. 5, 2025 in Kyiv.", "It ended in Sept. 2025."],
        ),
        (
            "They met at No. 10 Downing Street. Nothing changed.",
            ["They met at No. 10 Downing Street.", "Nothing changed."],
        ),
        (
            "The talks began at 3 p.m. Officials left early.",
            ["The talks began at 3 p.m.", "Officials left early."],
        ),
        ("Apple Inc. The firm said so.", ["Apple Inc.", "The firm said so."]),
        (
            "Acme Inc. Chief Executive Jo Bloggs resigned.",
            ["Acme Inc. Chief Executive Jo Bloggs resigned."],
        ),
    ],
)
def test_segment_handles_abbreviations(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia received €1.1 billion. It wants more.",
            ["Russia received €1.1 billion.", "It wants more."],
        ),
        (
            "Prices rose 2.5 percent in 2024. 26 nations agreed.",
            ["Prices rose 2.5 percent in 2024.", "26 nations agreed."],
        ),
        (
            "A coalition is needed... to deter Moscow.",
            ["A coalition is needed... to deter Moscow."],
        ),
        ("He paused… Then he left.", ["He paused…", "Then he left."]),
        ("Is it over? Nobody knows! Wait.", ["Is it over?", "Nobody knows!", "Wait."]),
        ("1. The first point is short.", ["1. The first point is short."]),
    ],
)
def test_segment_handles_decimals_ellipses_and_marks(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'He stated, "We do not need unanimity to achieve it." This reflects a strategy.',
            [
                'He stated, "We do not need unanimity to achieve it."',
                "This reflects a strategy.",
            ],
        ),
        (
            "Zelensky said, “I believe this is a serious step.” Macron agreed.",
            ["Zelensky said, “I believe this is a serious step.”", "Macron agreed."],
        ),
        (
            "“Is it over?” he asked. Nobody answered.",
            ["“Is it over?” he asked.", "Nobody answered."],
        ),
        (
            "Moscow rejected it. “No troops,” she said.",
            ["Moscow rejected it.", "“No troops,” she said."],
        ),
        ("It was ‘on all fronts.’ Kyiv denied it.", ["It was ‘on all fronts.’", "Kyiv denied it."]),
    ],
)
def test_segment_handles_sentence_final_quotes(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_segment_makes_headings_their_own_sentences() -> None:
    text = "Conclusion\nThe Paris summit was a big moment.\nRussian Response\nMoscow objected."
    assert split(text) == [
        "Conclusion",
        "The Paris summit was a big moment.",
        "Russian Response",
        "Moscow objected.",
    ]


def test_segment_spans_exclude_indentation() -> None:
    text = "Heading\n\n    Now, a pivotal development.\n      This isn't just a promise.   \n"
    document = make_document(text)
    sentences = segment(document)
    assert [s.text for s in sentences] == [
        "Heading",
        "Now, a pivotal development.",
        "This isn't just a promise.",
    ]
    assert sentences[1].span.start == text.index("Now")
    assert [s.paragraph for s in sentences] == [0, 1, 2]


def test_segment_joins_hard_wrapped_lines() -> None:
    text = (
        "Leaders from around 30 nations met in Paris on Thursday to\n"
        "discuss a force for Ukraine, officials said after the summit\n"
        "ended. Twenty-six of them committed to sending troops once a\n"
        "ceasefire is in place.\n\nA new paragraph starts here.\n"
    )
    sentences = segment(make_document(text))
    assert len(sentences) == 3
    assert sentences[0].text.startswith("Leaders") and sentences[0].text.endswith("summit\nended.")
    assert sentences[1].text.endswith("in place.") and sentences[1].paragraph == 0
    assert sentences[2].paragraph == 1


def test_segment_joins_line_continuing_in_lower_case() -> None:
    assert split("The summit, held in\nthe capital, ended.\nIt was long,\nParis said.") == [
        "The summit, held in\nthe capital, ended.",
        "It was long,\nParis said.",
    ]


# --- boilerplate -----------------------------------------------------------------------


@pytest.mark.parametrize("rule", BOILERPLATE_RULES, ids=lambda rule: f"{rule.kind}-{rule.name}")
def test_segment_boilerplate_rule_drops_its_example(rule: BoilerplateRule) -> None:
    tail = "\n- What is the plan?\n- A force for Ukraine." if rule.kind == "faq" else ""
    text = BODY + rule.drops + tail
    kept, dropped = segment_detailed(make_document(text))
    assert [s.text for s in kept] == split(BODY)
    assert dropped and all(rule.kind in d.rule for d in dropped)
    assert any(d.rule.endswith(rule.name) for d in dropped)


@pytest.mark.parametrize("rule", BOILERPLATE_RULES, ids=lambda rule: f"{rule.kind}-{rule.name}")
def test_segment_boilerplate_rule_keeps_news(rule: BoilerplateRule) -> None:
    text = BODY + rule.keeps
    assert texts(text) == split(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The newspaper said it had lost 20,000 subscribers since the paywall went up.",
        "Subscribers to the service will pay $15.49 a month from June, Netflix said.",
        "The ministry's newsletter, sent to 4,000 officials, announced the change.",
        "Read more about the plan in the report, officials told reporters on Friday.",
        "Share prices in Moscow fell 3% after the announcement.",
    ],
)
def test_segment_keeps_news_that_mentions_boilerplate_words(sentence: str) -> None:
    assert texts(BODY + sentence) == split(BODY) + [sentence]


def test_segment_drops_whole_pitch_paragraph() -> None:
    pitch = (
        "Join us today and pay only $46 for an annual subscription. "
        "It’s by far the best investment you can make."
    )
    kept, dropped = segment_detailed(make_document(BODY + pitch))
    assert [s.text for s in kept] == split(BODY)
    assert [d.rule for d in dropped] == ["pitch:subscribe", "pitch:subscribe"]


def test_segment_keeps_paragraph_with_one_pitch_sentence_among_news() -> None:
    paragraph = (
        "The paper lost 20,000 readers in March. Its owner blamed rising prices. "
        "A memo told staff to sign up for your newsletter before Friday."
    )
    assert texts(paragraph) == split(paragraph)


def test_segment_furniture_must_be_the_whole_line() -> None:
    text = BODY + "Post a Comment\nAdvertisement\nPrevious Post Next Post\nShare\nTweet"
    assert texts(text) == split(BODY)


FAQ_TEXT = (
    "Macron said unanimity is not needed for the force. "
    'He stated, "We do not need unanimity to achieve it."\n'
    "Italy will not send troops, its prime minister said.\n"
    "What is the reassurance force?\n"
    "Frequently Asked Questions\n"
    "- What is the proposed force for Ukraine?\n"
    "- It is a multinational presence. Macron said, “We do not need unanimity to achieve it.”\n"
    "- Is there unanimous agreement?\n"
    "- No, Italy will not send troops.\n"
)


def test_segment_drops_faq_block_and_keeps_body() -> None:
    kept, dropped = segment_detailed(make_document(FAQ_TEXT))
    assert [s.text for s in kept] == [
        "Macron said unanimity is not needed for the force.",
        'He stated, "We do not need unanimity to achieve it."',
        "Italy will not send troops, its prime minister said.",
    ]
    assert {d.rule for d in dropped} == {"faq"}
    assert all(FAQ_TEXT[d.span.start : d.span.end] == d.text for d in dropped)
    assert dropped[0].text == "What is the reassurance force?"


def test_segment_keeps_interview_questions_and_answers() -> None:
    text = "Q&A\nWill Italy send troops?\nNo. We will train 500 Ukrainian pilots instead.\n"
    assert texts(text) == split(text)


def test_segment_faq_block_ends_at_next_heading() -> None:
    text = FAQ_TEXT + "Background\nThe war began in February 2022.\n"
    assert texts(text)[-2:] == ["Background", "The war began in February 2022."]


# --- near duplicates -------------------------------------------------------------------

EARLIER = "Italian Prime Minister Giorgia Meloni said Italy would not deploy troops to Ukraine."


@pytest.mark.parametrize(
    "later",
    [
        EARLIER,
        "- Italian Prime Minister Giorgia Meloni said Italy woud not deploy troops to Ukraine.",
        "Giorgia Meloni said Italy would not deploy troops to Ukraine. ([ansa.it](https://ansa.it/x))",
    ],
)
def test_segment_drops_later_near_duplicate(later: str) -> None:
    kept, dropped = segment_detailed(
        make_document(f"{EARLIER}\nRome has 3,000 troops abroad.\n{later}")
    )
    assert [s.text for s in kept] == [EARLIER, "Rome has 3,000 troops abroad."]
    assert [(d.text, d.rule) for d in dropped] == [(later, "near_duplicate")]


@pytest.mark.parametrize(
    "later",
    [
        "Italian Prime Minister Giorgia Meloni said Italy would deploy troops to Ukraine.",
        "Italian Prime Minister Giorgia Meloni said Italy would not deploy 500 troops to Ukraine.",
        "Meloni said Italy would not deploy troops to Ukraine but would train Ukrainian pilots "
        "in Sicily and send two frigates to the Black Sea.",
        "He declined to comment.",
    ],
)
def test_segment_keeps_sentences_that_differ(later: str) -> None:
    text = f"{EARLIER}\nHe declined to comment.\n{later}"
    assert texts(text)[-1] == later


def test_segment_all_maps_ids_to_sentences() -> None:
    documents = [make_document(BODY, "a"), make_document("One sentence.", "b")]
    result = segment_all(documents)
    assert list(result) == ["a", "b"]
    assert [s.text for s in result["b"]] == ["One sentence."]
    assert all(s.doc_id == "a" for s in result["a"])


# --- seed corpus -----------------------------------------------------------------------


def seed_documents() -> dict[str, Document]:
    if not SHARED.is_dir():
        pytest.skip("shared/ (the seed corpus) is not next to the repository")
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    return {
        path.name[:3]: make_document(path.read_text(encoding="utf-8"), path.name[:3])
        for path in seeds
    }


def test_segment_cleans_seed_corpus() -> None:
    documents = seed_documents()
    results = {doc_id: segment_detailed(document) for doc_id, document in documents.items()}
    rules = {doc_id: sorted({d.rule for d in dropped}) for doc_id, (_, dropped) in results.items()}
    assert rules == {
        "000": ["faq"],
        "001": [],
        "002": ["pitch:free_trial", "pitch:subscribe"],
        "003": ["furniture:comments", "furniture:post_navigation"],
        "004": [],
    }
    kept_000 = [s.text for s in results["000"][0]]
    assert 'He stated, "We do not need unanimity to achieve it."' in kept_000
    assert not any("unanimity to achieve it.”" in text for text in kept_000)  # the FAQ repeat
    assert kept_000[-1] == "- Europe’s talks on Ukraine security shift from sending troops"
    assert results["002"][0][-1].text.startswith("Other observers suggested")
    assert results["003"][0][-1].text.startswith("The road ahead will undoubtedly be challenging")
    for doc_id, (kept, _) in results.items():
        text = documents[doc_id].text
        assert all(text[s.span.start : s.span.end] == s.text == s.text.strip() for s in kept)
