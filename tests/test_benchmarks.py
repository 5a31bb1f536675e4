"""The benchmark corpus generator: deterministic, realistic lengths, and a valid gold file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from claimdiff.evaluate import load_gold
from claimdiff.ingest import load_documents
from claimdiff.models import Bound, Quantity
from claimdiff.normalise.numbers import find_numbers, to_quantity
from claimdiff.store import document_key

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


generate = _load("generate")


@pytest.fixture(scope="module")
def corpus() -> Any:
    return generate.generate(60, seed=11)


def _value(phrase: str) -> Quantity:
    numbers = find_numbers(phrase)
    assert numbers, phrase
    return to_quantity(numbers[0])


def test_generate_is_deterministic(corpus: Any) -> None:
    again = generate.generate(60, seed=11)
    assert again == corpus
    assert generate.gold_toml(again) == generate.gold_toml(corpus)


def test_generate_seed_changes_the_corpus(corpus: Any) -> None:
    other = generate.generate(60, seed=12)
    assert [a.text for a in other.articles] != [a.text for a in corpus.articles]


def test_generate_smaller_corpus_is_a_prefix(corpus: Any) -> None:
    small = generate.generate(23, seed=11)
    assert small.articles == corpus.articles[:23]
    assert {f.id for f in small.flags} <= {f.id for f in corpus.flags}


def test_generate_articles_have_news_length_and_numbers(corpus: Any) -> None:
    for article in corpus.articles:
        words = len(article.text.split())
        assert 600 <= words <= 960, (article.id, words)
        assert len(find_numbers(article.text)) >= 8, article.id


def test_generate_stories_and_ids(corpus: Any) -> None:
    articles = corpus.articles
    assert len(articles) == 60
    assert len({a.id for a in articles}) == 60
    assert len({a.story for a in articles}) == 12
    for story in {a.story for a in articles}:
        outlets = [a.outlet for a in articles if a.story == story]
        assert len(set(outlets)) == len(outlets) == 5


def test_gold_items_occur_in_their_documents(corpus: Any) -> None:
    texts = {a.id: a.text.casefold() for a in corpus.articles}
    items = [i for f in corpus.flags for i in f.evidence]
    items += [i for q in corpus.quiet for i in q.pair]
    assert items
    for doc_id, needle in items:
        assert needle.casefold() in texts[doc_id], (doc_id, needle)


def test_gold_items_quote_text_their_documents_write_once() -> None:
    # "14 countries" of a past summit inside "At least 14 countries signed" of this one
    # would let a finding on the planted figure violate the quiet item about the past
    # one: such items quote their whole sentence (story 1233 of seed 7 at 10,000).
    corpus = generate.generate(1250, seed=7)
    texts = {a.id: a.text.casefold() for a in corpus.articles}
    items = [i for f in corpus.flags for i in f.evidence]
    items += [i for q in corpus.quiet for i in q.pair]
    for doc_id, needle in items:
        assert texts[doc_id].count(needle.casefold()) == 1, (doc_id, needle)
    story = generate.plan_story(7, 1233, 5)
    writers = [generate.write_article(story, k, 5, 7)[1] for k in range(5)]
    _, quiet = generate.story_gold(story, writers, 5)
    (history,) = [q for q in quiet if q.id == "s01233-history-not-main"]
    assert history.pair[0] == (
        "s01233-a",
        "In 2022, 14 countries signed a first declaration in Lisriford.",
    )


def test_gold_flags_are_disjoint_and_compatible_pairs_overlap(corpus: Any) -> None:
    flags = corpus.flags
    assert len(flags) >= 4
    for flag in flags:
        left, right = (_value(text) for _, text in flag.evidence)
        assert not left.overlaps(right), flag
        assert flag.evidence[0][0] != flag.evidence[1][0]
    compatible = [q for q in corpus.quiet if "-compatible-" in q.id]
    assert len(compatible) >= 10
    for item in compatible:
        (_, a), (_, b) = item.pair
        if "dozens" in a.casefold() or "dozens" in b.casefold():
            continue  # a vague plural is not a number find_numbers reads alone
        assert _value(a).overlaps(_value(b)), item


def test_written_corpus_loads_and_its_gold_validates(tmp_path: Path, corpus: Any) -> None:
    generate.write_corpus(corpus, tmp_path)
    documents, warnings = load_documents([tmp_path])
    assert [d.id for d in documents] == sorted(a.id for a in corpus.articles)
    assert warnings == []
    by_id = {a.id: a for a in corpus.articles}
    for document in documents:
        assert document.text == by_id[document.id].text
        assert document.published == by_id[document.id].published
    gold = load_gold(tmp_path / "gold.toml")
    assert len(gold.flags) == len(corpus.flags)
    assert len(gold.quiet) == len(corpus.quiet)


def test_markdown_copy_reads_as_the_stored_document(tmp_path: Path, corpus: Any) -> None:
    generate.write_corpus(corpus, tmp_path / "corpus")
    article = corpus.articles[7]
    generate.write_markdown(article, tmp_path / "one.md")
    from_manifest = {d.id: d for d in load_documents([tmp_path / "corpus"])[0]}[article.id]
    [from_markdown], _ = load_documents([tmp_path / "one.md"])
    assert document_key(from_markdown) == document_key(from_manifest)


def test_extra_article_joins_a_checked_story(tmp_path: Path) -> None:
    extra = generate.extra_article(seed=11, story=0)
    assert extra.story == 0
    assert extra.id not in {a.id for a in generate.generate(5, seed=11).articles}
    path = tmp_path / "extra.md"
    generate.write_markdown(extra, path)
    [document], _ = load_documents([path])
    assert (document.id, document.outlet, document.published) == (
        extra.id,
        extra.outlet,
        extra.published,
    )
    assert document.text == extra.text


@pytest.mark.parametrize(
    ("value", "form"),
    [(243, "nearly"), (12400, "about"), (41, "at_least"), (41, "more_than"), (37, "up_to")],
)
def test_number_phrase_is_true_of_its_value(value: int, form: str) -> None:
    phrase, (low, high) = generate.number_phrase(value, form)
    assert low <= value <= high
    exact = Quantity(anchor=value, low=Bound(value=value), high=Bound(value=value), surface="")
    assert _value(phrase).overlaps(exact), phrase
