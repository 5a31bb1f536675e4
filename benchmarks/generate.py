"""Deterministic synthetic news corpora for the benchmark, with their gold file.

A corpus is N articles: stories of M outlets each (the last story may be cut short).
Each story is one event (an earthquake, flood, ferry sinking, strike, summit or
protest) in an invented town, some with a follow-up event two weeks later. Articles
run 600 to 900 words: facts (counts with hedged, mutually compatible figures), details
full of numbers that are not counts (years, times, prices, ages, identifiers,
percentages), quotes, participation statements, a history paragraph about an earlier
event, and background.

Planted at known places and written to the gold file (DESIGN.md format):

- ``[[flag]]`` numeric conflicts: one outlet gives a firm figure no other outlet's
  figure can overlap; in follow-up stories, two outlets disagree on the follow-up toll
  (the later report giving fewer, or the earlier more: a toll that rises between
  reports is an update, never planted as a conflict);
- ``[[quiet]]`` look-alikes: compatible hedged figures of one measure, counts of the
  follow-up or of a past event next to counts of the main event, ages, routes and
  other identifiers next to counts, and identical quotes in two outlets.

Everything depends only on the seed and the story index: story ``i`` is the same in
every corpus that holds it, so a 100-article corpus is the start of a 1,000-article one.

Usage: ``python benchmarks/generate.py --articles 1000 --out /tmp/corpus [--seed 7]``.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from phrasing import number_phrase  # noqa: E402
from stories import (  # noqa: E402
    Article,
    Story,
    Writer,
    doc_id,
    is_follow_up,
    plan_story,
    write_article,
)

__all__ = ["Article", "Corpus", "Flag", "Quiet", "extra_article", "generate", "number_phrase"]


@dataclass(frozen=True)
class Flag:
    """A planted conflict: a finding must cover both items."""

    id: str
    evidence: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Quiet:
    """A look-alike pair that no conflicting finding may set against each other."""

    id: str
    pair: tuple[tuple[str, str], tuple[str, str]]


@dataclass
class Corpus:
    """Articles and the gold items planted in them."""

    articles: list[Article] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    quiet: list[Quiet] = field(default_factory=list)


def generate(articles: int, *, seed: int = 7, outlets: int = 5) -> Corpus:
    """Return a corpus of ``articles`` articles, ``outlets`` per story, and its gold items."""
    if articles < 1 or outlets < 2:
        raise ValueError("need at least one article and two outlets per story")
    corpus = Corpus()
    for index in range(math.ceil(articles / outlets)):
        present = min(outlets, articles - index * outlets)
        story = plan_story(seed, index, outlets)
        written = [write_article(story, k, outlets, seed) for k in range(present)]
        corpus.articles.extend(article for article, _ in written)
        flags, quiet = story_gold(story, [writer for _, writer in written], outlets)
        corpus.flags.extend(flags)
        corpus.quiet.extend(quiet)
    return corpus


def extra_article(*, seed: int = 7, outlets: int = 5, story: int = 0) -> Article:
    """Return one more outlet's article on ``story``: what a desk adds to a checked story."""
    article, _ = write_article(plan_story(seed, story, outlets), outlets, outlets, seed)
    return article


def story_gold(
    story: Story, writers: Sequence[Writer], outlets: int
) -> tuple[list[Flag], list[Quiet]]:
    """Return the flags and quiet items of one story's articles."""
    sid = f"s{story.index:05d}"
    flags: list[Flag] = []
    quiet: list[Quiet] = []

    def item(writer: Writer, key: str) -> tuple[str, str] | None:
        mention = writer.said.get(key)
        if mention is None or mention.phrase is None:
            return None
        return (
            doc_id(story.index, writer.outlet),
            _quoted(writer, mention.phrase, mention.sentence),
        )

    def add_quiet(name: str, left: tuple[str, str] | None, right: tuple[str, str] | None) -> None:
        if left is not None and right is not None and left[0] != right[0]:
            quiet.append(Quiet(f"{sid}-{name}", (left, right)))

    main = [w for w in writers if not is_follow_up(story, w.outlet, outlets)]
    follow = [w for w in writers if is_follow_up(story, w.outlet, outlets)]
    if story.conflict is not None:
        key = f"main:{story.conflict}"
        by_outlet = {w.outlet: item(w, key) for w in main}
        left, right = by_outlet.get(story.conflicting_outlet), by_outlet.get(0)
        if left is not None and right is not None:
            measure = story.kind.facts[story.conflict].measure
            flags.append(Flag(f"{sid}-{measure}", (left, right)))
    for index in range(len(story.kind.facts)):
        if index == story.conflict:
            continue
        key = f"main:{index}"
        written = [(w.said[key].phrase, i) for w in main if (i := item(w, key)) is not None]
        # Two outlets writing the same figure the same way make no look-alike pair.
        pairs = [
            (a, b)
            for (phrase_a, a), (phrase_b, b) in zip(written, written[1:], strict=False)
            if phrase_a != phrase_b
        ]
        for number, (a, b) in enumerate(pairs[:2]):
            add_quiet(f"compatible-{index}-{number}", a, b)
    if len(follow) == 2:
        left, right = item(follow[0], "follow:0"), item(follow[1], "follow:0")
        if story.follow_conflict and left is not None and right is not None:
            flags.append(Flag(f"{sid}-follow-up", (left, right)))
        anchor = next((i for w in main if (i := item(w, "main:0")) is not None), None)
        add_quiet("follow-up-not-main", left, anchor)
    history = next((i for w in main if (i := item(w, "history")) is not None), None)
    if history is not None:
        # The past event counts what the story's first fact counts (its second for summits).
        index = 1 if story.kind.name == "summit" else 0
        other = next(
            (i for w in main if (i := item(w, f"main:{index}")) and i[0] != history[0]), None
        )
        add_quiet("history-not-main", history, other)
    counted = [i for w in main if (i := item(w, "main:0")) is not None]
    for writer in main:
        text = " ".join(sentence for p in writer.paragraphs for sentence in p)
        own = doc_id(story.index, writer.outlet)
        partner = next((i for i in counted if i[0] != own), None)
        age = f"{story.details['age']}-year-old"
        if age in text:
            add_quiet(f"age-{writer.outlet}", (own, _quoted(writer, age)), partner)
        for label in ("Route", "Gate", "Article", "Model"):
            identifier = f"{label} {story.details['route']}"
            if identifier in text:
                quoted = _quoted(writer, identifier)
                add_quiet(f"identifier-{writer.outlet}", (own, quoted), partner)
    for key in [f"quote:{n}" for n in range(len(story.quotes))] + ["status:0", "status:1"]:
        items = [i for w in writers if (i := item(w, key)) is not None]
        if len(items) >= 2:
            add_quiet(key.replace(":", "-"), items[0], items[1])
    return flags, quiet


def _quoted(writer: Writer, phrase: str, sentence: str | None = None) -> str:
    """Return what a gold item quotes: the phrase, or a sentence holding it when the
    article writes it more than once ("14 countries" of a past summit inside "at least 14
    countries" of this one would cover the other claim's evidence too).

    ``sentence`` is the one the item is about; by default the first of the article's
    details holding the phrase, else its first sentence holding it.
    """
    sentences = [s for p in writer.paragraphs for s in p]
    if " ".join(sentences).casefold().count(phrase.casefold()) == 1:
        return phrase
    if sentence is None:
        details = [m.sentence for k, m in writer.said.items() if k.startswith("detail:")]
        sentence = next(s for s in [*details, *sentences] if phrase in s)
    return sentence


def gold_toml(corpus: Corpus) -> str:
    """Return the gold file of a corpus (DESIGN.md format)."""
    lines = ["# Generated by benchmarks/generate.py: planted conflicts and look-alikes.", ""]
    for flag in corpus.flags:
        evidence = ", ".join(f"[{_toml(d)}, {_toml(t)}]" for d, t in flag.evidence)
        lines += ["[[flag]]", f"id = {_toml(flag.id)}", 'kind = "numeric_conflict"']
        lines += [f"evidence = [{evidence}]", ""]
    for item in corpus.quiet:
        pair = ", ".join(f"[{_toml(d)}, {_toml(t)}]" for d, t in item.pair)
        lines += ["[[quiet]]", f"id = {_toml(item.id)}", f"pair = [{pair}]", ""]
    return "\n".join(lines)


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def article_url(article: Article) -> str:
    """Return the article's address on its (invented, ``.example``) outlet's site."""
    slug = article.outlet.lower().replace(" ", "")
    return f"https://{slug}.example/{article.published:%Y/%m/%d}/{article.id}"


def manifest_entry(article: Article, path: str) -> str:
    """Return the ``[[document]]`` table of one article."""
    url = article_url(article)
    return "\n".join(
        [
            "[[document]]",
            f"id = {_toml(article.id)}",
            f"path = {_toml(path)}",
            f"outlet = {_toml(article.outlet)}",
            f"url = {_toml(url)}",
            f"title = {_toml(article.title)}",
            f'published = "{article.published.isoformat()}"',
            "",
        ]
    )


def write_corpus(corpus: Corpus, directory: Path) -> None:
    """Write ``corpus.toml``, one ``.txt`` file per article and ``gold.toml``."""
    directory.mkdir(parents=True, exist_ok=True)
    entries = []
    for article in corpus.articles:
        (directory / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
        entries.append(manifest_entry(article, f"{article.id}.txt"))
    (directory / "corpus.toml").write_text("\n".join(entries), encoding="utf-8")
    (directory / "gold.toml").write_text(gold_toml(corpus), encoding="utf-8")


def write_markdown(article: Article, path: Path) -> None:
    """Write one article as Markdown with front matter (how a desk adds a single file).

    It reads back as the same document as from the corpus manifest, so a store that
    checked the corpus holds it already.
    """
    front = [
        "---",
        f"id: {article.id}",
        f"outlet: {article.outlet}",
        f"url: {article_url(article)}",
        f"title: {article.title}",
        f"published: {article.published.isoformat()}",
        "---",
        "",
    ]
    path.write_text("\n".join(front) + article.text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic corpus and its gold file.")
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--outlets", type=int, default=5, help="articles per story")
    args = parser.parse_args(argv)
    corpus = generate(args.articles, seed=args.seed, outlets=args.outlets)
    write_corpus(corpus, args.out)
    print(
        f"{len(corpus.articles)} articles, {len(corpus.flags)} flags, "
        f"{len(corpus.quiet)} quiet items -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
