"""Quotations: marks, wording, speakers on other claims, and the quote comparators end to end."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import check
from claimdiff.align.graph import group_by_keys
from claimdiff.compare.misattribution import MisattributionComparator
from claimdiff.compare.wording import (
    align,
    describe_changes,
    minhash_keys,
    negation_changed,
    same_statement,
    shingles,
    stem,
)
from claimdiff.extract.quote import is_statement, quote_words
from claimdiff.extract.quotemarks import find_quoted
from claimdiff.extract.speech import cue_words, inflections, speech
from claimdiff.models import ClaimKind, FindingKind, QuoteValue
from claimdiff.pipeline import run
from claimdiff.testing import claims_of, make_document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
DAY = date(2026, 5, 14)


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "we will stay" and left.', ["we will stay"]),
        ("She said “we will stay,” and left.", ["we will stay"]),
        ("“We call it a ‘corridor’ here,” he said.", ["We call it a ‘corridor’ here"]),
        ("‘We will stay,’ she said. Ukraine’s army did not.", ["We will stay"]),
        ("Ukraine’s allies and the nations’ leaders met.", []),
        ('An unclosed "quotation runs to the end', []),
        ("“One.” “Two.”", ["One.", "Two."]),
    ],
)
def test_quotes_marks_delimit_quotations(text: str, quoted: list[str]) -> None:
    assert [q.text(text) for q in find_quoted(text)] == quoted


def test_quotes_split_quotation_is_one_passage_in_two_parts() -> None:
    text = "“We will not reopen the mine,” she said, “until it is safe.”"
    (passage,) = find_quoted(text)
    assert passage.text(text) == "We will not reopen the mine until it is safe."
    assert not passage.holds(text.index("she"))
    assert passage.holds(text.index("until"))


_WORDS = st.lists(st.sampled_from(["we", "will", "stay", "now", "the", "port", "open"]), min_size=1)


@given(st.lists(st.tuples(_WORDS, st.booleans()), min_size=1, max_size=5))
def test_quotes_spans_are_exact_and_exclude_the_marks(pieces: list[tuple[list[str], bool]]) -> None:
    text = ""
    expected = []
    for words, curly in pieces:
        inner = " ".join(words)
        opening, closing = ("“", "”") if curly else ('"', '"')
        text += f"Then {opening}{inner}{closing} he said. "
        expected.append(inner)
    found = find_quoted(text, 10)
    assert [q.text(text, 10) for q in found] == expected
    for passage in found:
        for start, end in passage.parts:
            assert text[start - 10 - 1] in '“"' and text[end - 10] in '”"'


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("preventing", "prevent"),
        ("prevent", "prevent"),
        ("finalised", "finaliz"),
        ("finalized", "finaliz"),
        ("nations", "nation"),
        ("the", "the"),
    ],
)
def test_quotes_stems_line_up_inflections_and_spellings(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_quotes_a_fragment_aligns_inside_the_longer_quotation() -> None:
    shorter = "preventing any new significant aggression"
    longer = "to prevent any new major aggression and to involve the partners for years"
    alignment, left_shorter = align(shorter, longer)
    assert left_shorter
    assert alignment.changes() == [("preventing", "prevent"), ("significant", "major")]
    assert (
        describe_changes(alignment.changes()) == "“preventing” → “prevent”; “significant” → “major”"
    )
    assert same_statement(shorter, longer)


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        (
            "we will rebuild every school before winter",
            "we will rebuild every school and clinic before winter",
            True,
        ),
        (
            "the bridge will reopen on monday",
            "schools will stay closed until the water has gone",
            False,
        ),
        ("we will not", "we will not give in", False),  # function words alone are no statement
        (
            "the port will stay open to every ship",
            "every ship will need a permit for the port",
            False,
        ),
    ],
)
def test_quotes_same_statement_needs_aligned_content_words(
    left: str, right: str, same: bool
) -> None:
    assert same_statement(left, right) is same
    assert same_statement(right, left) is same


def test_quotes_negation_changes_are_flagged() -> None:
    assert negation_changed([("will", "will not")])
    assert not negation_changed([("major", "significant")])


def test_quotes_minhash_keys_are_deterministic_and_shared_by_near_copies() -> None:
    one = minhash_keys("the port will stay open to every ship that needs it")
    two = minhash_keys("the port will stay open to each ship that needs it")
    assert one == minhash_keys("the port will stay open to every ship that needs it")
    assert set(one) & set(two)
    assert minhash_keys("we will") == ()


def _minhash_by_scan(words: str, hashes: int = 4) -> tuple[str, ...]:
    """The min-hash keys as first written: every shingle hashed for every seed."""
    found = shingles(words)
    return tuple(
        min(found, key=lambda s: hashlib.sha1(f"{seed}:{s}".encode()).digest())
        for seed in range(hashes)
    )


_QUOTE_WORDS = st.lists(
    st.sampled_from(["we", "will", "rebuild", "rebuilding", "the", "port", "ports", "open", "now"]),
    max_size=12,
)


@given(_QUOTE_WORDS, st.integers(min_value=0, max_value=6))
def test_quotes_minhash_keys_match_hashing_every_shingle(words: list[str], hashes: int) -> None:
    # issue 7: digests are memoised per shingle and keys per quotation; same keys.
    text = " ".join(words)
    expected = _minhash_by_scan(text, hashes) if shingles(text) else ()
    assert minhash_keys(text, hashes=hashes) == expected
    minhash_keys.cache_clear()
    assert minhash_keys(text, hashes=hashes) == expected


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        ("reassurance force", False),
        ("coalition of the willing", False),
        ("not ready yet", False),
        ("attempting to buy time", True),
        ("We do not need unanimity to achieve it.", True),
    ],
)
def test_quotes_scare_quote_rule(text: str, statement: bool) -> None:
    from claimdiff.nlp import load_model

    doc = load_model()(text)
    assert is_statement(len(quote_words(text).split()), list(doc)) is statement


def test_quotes_claims_inside_a_quotation_carry_its_speaker() -> None:
    document = make_document(
        "d",
        "Defence Minister Karin Olsson spoke after the talks. “We now have 14 nations that "
        "have committed to the mission,” Olsson said. Leaders from 20 nations attended the talks.",
        published=DAY,
    )
    counts = {
        c.value.label(): c.speaker for c in claims_of(document) if c.kind is ClaimKind.QUANTITY
    }
    assert counts == {"14": "person:karin-olsson", "20": None}


def test_quotes_spelling_variants_are_one_speaker_across_documents() -> None:
    left = make_document(
        "a",
        "Ukrainian President Volodymyr Zelensky spoke. “We will hold the line,” Zelensky said.",
        published=DAY,
    )
    right = make_document(
        "b",
        "Ukrainian President Volodymyr Zelenskyy spoke. “We will hold the line,” Zelenskyy said.",
        published=DAY,
    )
    speakers = {c.speaker for c in claims_of(left, right) if c.kind is ClaimKind.QUOTE}
    assert len(speakers) == 1


def _report(*texts: str):
    documents = [
        make_document(f"d{i}", text, outlet=f"Outlet {i}", published=DAY)
        for i, text in enumerate(texts)
    ]
    return run(documents)


def test_quotes_variant_finding_shows_the_differing_words() -> None:
    report = _report(
        "Mayor Tomas Berg spoke. “We will stop any new major attack on the valley,” Berg said.",
        "Mayor Tomas Berg spoke. “We will stop any new serious attack on the valley,” Berg said.",
    )
    (finding,) = [f for f in report.findings if f.kind is FindingKind.QUOTE_VARIANT]
    assert (
        "“major” → “serious”" in finding.explanation or "“serious” → “major”" in finding.explanation
    )
    assert "Tomas Berg" in finding.explanation
    assert {e.text for side in finding.sides for e in side.evidence} == {
        "We will stop any new major attack on the valley",
        "We will stop any new serious attack on the valley",
    }


def test_quotes_a_fragment_two_wordings_share_is_on_neither_side() -> None:
    # Outlet 2 quotes only words both renderings hold: it is not a witness for either.
    report = _report(
        "Chief Ana Ruiz spoke. “The doors upstairs were locked. People could not get out,” "
        "Ruiz said.",
        "Chief Ana Ruiz spoke. “The doors upstairs were locked, and the people could not get "
        "out,” Ruiz said.",
        "Chief Ana Ruiz spoke. “People could not get out,” Ruiz said.",
    )
    (finding,) = [f for f in report.findings if f.kind is FindingKind.QUOTE_VARIANT]
    assert sorted(e.doc_id for side in finding.sides for e in side.evidence) == ["d0", "d1"]
    assert "Outlet 2" not in finding.explanation


def test_quotes_a_fragment_holding_one_wording_s_words_is_on_its_side() -> None:
    report = _report(
        "Chief Ana Ruiz spoke. “The doors upstairs were locked and people could not get out,” "
        "Ruiz said.",
        "Chief Ana Ruiz spoke. “The doors upstairs were blocked and people could not get out,” "
        "Ruiz said.",
        "Chief Ana Ruiz spoke. “The doors upstairs were blocked,” Ruiz said.",
    )
    (finding,) = [f for f in report.findings if f.kind is FindingKind.QUOTE_VARIANT]
    by_doc = {e.doc_id: i for i, side in enumerate(finding.sides) for e in side.evidence}
    assert set(by_doc) == {"d0", "d1", "d2"}
    assert by_doc["d2"] == by_doc["d1"] != by_doc["d0"]


def test_quotes_identical_and_unrelated_quotations_are_no_finding() -> None:
    report = _report(
        "Mayor Tomas Berg spoke on Monday. “The bridge will reopen on Monday,” Berg said.",
        "Mayor Tomas Berg spoke on Monday. “The bridge will reopen on Monday,” Berg said. "
        "“Schools will stay closed until the water has gone,” he added.",
    )
    assert not [
        f
        for f in report.findings
        if f.kind in (FindingKind.QUOTE_VARIANT, FindingKind.MISATTRIBUTION)
    ]


def test_quotes_misattribution_names_both_speakers() -> None:
    report = _report(
        "“The port will stay open to every ship that needs it,” Minister Karin Olsson said.",
        "“The port will stay open to every ship that needs it,” Prime Minister Henrik Dahl said.",
    )
    (finding,) = [f for f in report.findings if f.kind is FindingKind.MISATTRIBUTION]
    assert "Karin Olsson" in finding.explanation and "Henrik Dahl" in finding.explanation
    assert sorted(s.label.split(":")[0] for s in finding.sides) == ["Henrik Dahl", "Karin Olsson"]


def test_quotes_misattribution_groups_claims_sharing_any_key() -> None:
    documents = [
        make_document(
            "a",
            "“The port will stay open to every ship that needs it,” Karin Olsson said.",
            published=DAY,
        ),
        make_document(
            "b",
            "“The port will stay open to each ship that needs it,” Henrik Dahl said.",
            published=DAY,
        ),
        make_document(
            "c",
            "“Our navy has no plans to escort tankers this winter,” Henrik Dahl said.",
            published=DAY,
        ),
    ]
    quotes = [c for c in claims_of(*documents) if c.kind is ClaimKind.QUOTE]
    groups, pairs = group_by_keys(quotes, MisattributionComparator().blocks)
    assert [sorted(c.doc_id for c in g.claims) for g in groups] == [["a", "b"]]
    assert pairs >= 1


seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds not present")


@pytest.fixture(scope="module")
def seed_report():
    return check([SEEDS])


@seeds
def test_quotes_seeds_macron_significant_versus_major(seed_report) -> None:
    variants = [f for f in seed_report.findings if f.kind is FindingKind.QUOTE_VARIANT]
    (finding,) = [
        f for f in variants if "significant" in f.explanation and "major" in f.explanation
    ]
    assert "Emmanuel Macron" in finding.explanation
    assert {e.doc_id for side in finding.sides for e in side.evidence} == {"001", "003"}
    for side in finding.sides:
        assert isinstance(side.value, QuoteValue) and side.value.speaker == "person:emmanuel-macron"


@seeds
def test_quotes_seeds_every_quotation_has_a_speaker(seed_report) -> None:
    quotes = [c for c in seed_report.claims if c.kind is ClaimKind.QUOTE]
    assert len(quotes) >= 25
    assert [c.value.text for c in quotes if c.speaker is None] == []


@seeds
def test_quotes_seeds_no_misattribution(seed_report) -> None:
    assert not [f for f in seed_report.findings if f.kind is FindingKind.MISATTRIBUTION]


def test_quotes_speech_lexicon_is_consistent() -> None:
    lexicon = speech()
    assert not set(lexicon.statement_verbs) & set(lexicon.quote_verbs)
    assert lexicon.min_clause_words < lexicon.min_quote_words
    assert {"said", "says", "saying", "told", "warned", "according"} <= cue_words()
    assert {"note", "notes", "noted", "noting"} <= inflections("note")
    assert {"said", "told"} <= set(lexicon.irregular)


@given(st.lists(_WORDS, min_size=2, max_size=2))
def test_quotes_same_statement_is_symmetric(pair: list[list[str]]) -> None:
    left, right = (" ".join(words) for words in pair)
    assert same_statement(left, right) is same_statement(right, left)
