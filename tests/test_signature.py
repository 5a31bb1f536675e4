"""Content signatures: terms, corpus weights, cosine and centroids."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff.align.signature import (
    KEY_TERMS,
    NAME_WEIGHT,
    Centroid,
    SignatureLexicon,
    TermCounts,
    cosine,
    document_signatures,
    term_counts,
    terms,
    weigh,
)
from claimdiff.lexicon import load_data
from claimdiff.models import Sentence
from claimdiff.segment import segment_all
from claimdiff.testing import make_document


def _corpus(**texts: str) -> dict[str, list[Sentence]]:
    return segment_all([make_document(doc_id, text) for doc_id, text in texts.items()])


@pytest.mark.parametrize(
    ("text", "kept", "left_out"),
    [
        (
            "French President Emmanuel Macron said on Thursday that 26 nations had committed.",
            {"french", "president", "emmanuel", "macron", "emmanuel macron", "nation", "committed"},
            {"said", "thursday", "26", "that", "had", "on"},
        ),
        (
            "Brannock's depots reported 12 injuries in March, officials told reporters.",
            {"brannock", "depot", "injurie"},
            {"reported", "12", "march", "official", "told", "reporter"},
        ),
    ],
)
def test_signature_terms_keep_content_words_and_names(
    text: str, kept: set[str], left_out: set[str]
) -> None:
    keys = {term.key for term in terms(text)}
    assert kept <= keys
    assert not keys & left_out


@pytest.mark.parametrize(
    ("text", "named", "common"),
    [
        (
            "Rescuers searched Telmonov as the Red Cross arrived.",
            {"telmonov", "red cross"},
            {"rescuer"},
        )
    ],
)
def test_signature_terms_name_capitalised_words_after_the_first(
    text: str, named: set[str], common: set[str]
) -> None:
    found = {term.key: term.named for term in terms(text)}
    assert all(found[key] for key in named)
    # The first word of a sentence is capitalised whatever it is.
    assert not any(found[key] for key in common)


def test_signature_two_document_corpus_scores_the_terms_both_share() -> None:
    signatures = document_signatures(
        _corpus(
            a="Firefighters fought the warehouse blaze at Brannock Logistics through the night.",
            b="The Brannock Logistics warehouse blaze trapped workers on the night shift.",
        )
    )
    for signature in signatures.values():
        assert math.isclose(math.fsum(w * w for w in signature.weights.values()), 1.0)
        assert all(w > 0 for w in signature.weights.values())
    assert cosine(signatures["a"].weights, signatures["b"].weights) > 0.3


def test_signature_names_set_stories_of_one_kind_apart() -> None:
    # a and c share every common word but the town; a and b share the town only.
    signatures = document_signatures(
        _corpus(
            a="Floodwater swept through Telmonov and rescuers searched the river banks.",
            b="Rescuers in Telmonov searched flooded streets near the swollen river.",
            c="Floodwater swept through Kalbenov and rescuers searched the river banks.",
        )
    )
    same_town = cosine(signatures["a"].weights, signatures["b"].weights)
    same_words = cosine(signatures["a"].weights, signatures["c"].weights)
    assert same_town > 2 * same_words


def test_signature_does_not_depend_on_document_order() -> None:
    texts = {
        "a": "Firefighters fought the warehouse blaze at Brannock Logistics.",
        "b": "A Greyline coach overturned on the motorway with a youth choir aboard.",
    }
    forward = document_signatures(_corpus(**texts))
    backward = document_signatures(_corpus(**dict(reversed(texts.items()))))
    assert forward == backward


def test_signature_of_an_empty_document_is_empty() -> None:
    signatures = document_signatures(_corpus(a="", b="Rescuers searched the river banks."))
    assert signatures["a"].weights == {}
    assert Centroid().similarity(signatures["b"].weights) == 0.0


_vectors = st.lists(
    st.dictionaries(
        st.sampled_from([f"t{i}" for i in range(12)]),
        st.floats(min_value=0.01, max_value=1.0),
        min_size=1,
    ),
    min_size=1,
    max_size=6,
)


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(math.fsum(w * w for w in vector.values()))
    return {key: w / norm for key, w in vector.items()}


@given(_vectors, _vectors)
def test_signature_centroid_is_the_cosine_with_the_sum(
    members: list[dict[str, float]], probes: list[dict[str, float]]
) -> None:
    centroid = Centroid()
    total: dict[str, float] = {}
    for member in map(_unit, members):
        centroid.add(member)
        for key, weight in member.items():
            total[key] = total.get(key, 0.0) + weight
    assert math.isclose(centroid.norm2, math.fsum(w * w for w in total.values()), rel_tol=1e-9)
    for probe in map(_unit, probes):
        expected = cosine(probe, _unit(total))
        assert math.isclose(centroid.similarity(probe), expected, rel_tol=1e-9, abs_tol=1e-12)


@given(_vectors)
def test_signature_cosine_is_symmetric(vectors: list[dict[str, float]]) -> None:
    units = [_unit(v) for v in vectors]
    for left in units:
        for right in units:
            assert cosine(left, right) == cosine(right, left)


def test_signature_lexicon_leaves_out_calendar_words() -> None:
    words = load_data(SignatureLexicon, "signatures.toml").stop_words
    assert len(words) == len(set(words))
    assert all(word == word.lower() and word.isalpha() for word in words)
    # A day or month name is shared by every story of that day.
    assert {"monday", "sunday", "january", "december", "said", "told"} <= set(words)


def test_signature_term_counts_keep_each_terms_count_name_and_commonest_form() -> None:
    text = (
        "Floods hit Lisvik. The floods of Lisvik's harbour rose. "
        "Lisvik flood walls held as floods eased."
    )
    counts = term_counts(_corpus(a=text)["a"])
    assert list(counts) == sorted(counts)
    # "Floods" opens its sentence: no name; "Lisvik" names a place wherever it does not
    # open one; the form written most often wins ("floods" twice), ties alphabetical.
    assert counts["flood"] == (4, False, "floods")
    assert counts["lisvik"] == (3, True, "Lisvik")
    assert counts["harbour"] == (1, False, "harbour")


@given(st.lists(st.sampled_from(["alpha", "Beta", "gamma", "Delta Epsilon", "betas"]), max_size=12))
def test_signature_weighs_counts_as_it_weighs_sentences(words: list[str]) -> None:
    texts = {"a": " ".join(words) + ".", "b": "Beta gamma rose. Alpha fell.", "c": ""}
    corpus = _corpus(**texts)
    signatures = weigh({doc_id: term_counts(sents) for doc_id, sents in corpus.items()})
    assert signatures == document_signatures(corpus)
    for doc_id, sents in corpus.items():
        forms = {term.key: term.surface for sent in sents for term in terms(sent.text)}
        assert set(signatures[doc_id].surface) == set(forms)


@given(_vectors)
def test_signature_centroid_sums_exactly(vectors: list[dict[str, float]]) -> None:
    centroid = Centroid()
    total: dict[str, float] = {}
    for vector in vectors:
        centroid.add(vector)
        for key, weight in vector.items():
            total[key] = total.get(key, 0.0) + weight
    assert centroid.total == total and list(centroid.total) == list(total)


def _plain_weigh(
    counts: dict[str, TermCounts],
) -> dict[str, tuple[dict[str, float], tuple[str, ...], float]]:
    """``weigh`` as first written: each term of each document weighed in a Python loop."""
    df: Counter[str] = Counter()
    for tf in counts.values():
        df.update(tf.keys())
    total = len(counts)
    found = {}
    for doc_id, tf in counts.items():
        raw = {
            key: (1.0 + math.log(n))
            * (math.log((1 + total) / (1 + df[key])) + 1.0)
            * (NAME_WEIGHT if named else 1.0)
            for key, (n, named, _) in sorted(tf.items())
        }
        norm = math.sqrt(math.fsum(w * w for w in raw.values()))
        weights = {key: w / norm for key, w in raw.items()} if norm else {}
        heaviest = sorted((-w, key) for key, w in raw.items() if df[key] > 1)
        square = math.fsum(w * w for w in weights.values())
        found[doc_id] = (weights, tuple(key for _, key in heaviest[:KEY_TERMS]), square)
    return found


_counts = st.dictionaries(
    st.sampled_from([f"t{i:02d}" for i in range(30)]),
    st.tuples(st.integers(1, 4), st.booleans(), st.just("form")),
    max_size=25,
)


@given(st.lists(_counts, min_size=1, max_size=8), _counts)
def test_signature_weigh_is_the_plain_weighing_checked_again_and_after_an_addition(
    documents: list[TermCounts], added: TermCounts
) -> None:
    # Issue 7: each document's sorted terms are kept per term counts (a store keeps them
    # the same objects); weighing again, and with one more document (every weight moves
    # with the corpus), gives what weighing each term in a loop gives, key terms and
    # ties (equal weights: alphabetical) included.
    corpus = {f"d{n}": counts for n, counts in enumerate(documents)}
    for counts in (corpus, corpus, {**corpus, "new": added}):
        signatures = weigh(counts)
        plain = _plain_weigh(counts)
        assert {
            doc_id: (dict(s.weights), s.keys, s.square) for doc_id, s in signatures.items()
        } == plain
        assert all(list(s.weights) == sorted(s.weights) for s in signatures.values())


@given(_vectors, _vectors)
def test_signature_centroid_adding_a_scored_signature_is_adding_it_anew(
    members: list[dict[str, float]], probes: list[dict[str, float]]
) -> None:
    # Adding the signature just scored reuses its product with the sum (issue 7): the
    # centroid is the one adding it without scoring it first gives, bit for bit.
    scored, plain = Centroid(), Centroid()
    for number, vector in enumerate(map(_unit, [*members, *probes])):
        # The signature added scored last, or scored before others.
        others = [_unit(probe) for probe in probes]
        for probe in [*others, vector] if number % 2 else [vector, *others]:
            scored.similarity(probe)
        scored.add(vector, square=math.fsum(w * w for w in vector.values()))
        plain.add(vector)
        assert (scored.norm2, scored.total) == (plain.norm2, plain.total)
        assert scored.means() == {key: plain.mean(key) for key in plain.total}
