"""Benchmark: the whole check on a generated corpus, against parsing every article once.

Usage::

    python benchmarks/bench.py --articles 1000 [--json] [--incremental] [--profile FILE]

Generates (or reuses) a corpus of N articles with ``generate.py``, then in one process:

1. runs ``claimdiff check`` on it as the command line does (ingest, every stage, JSON
   and Markdown rendering) and records wall and CPU seconds and peak memory;
2. scores the findings against the corpus gold file, story by story (a finding mixing
   two stories is false by construction);
3. with ``--incremental``: checks the corpus into a fresh store, then adds one article
   to an already-checked story, once through the command line (a new process, as a
   desk would run it) and once in process, and times both;
4. measures ``parse_only_seconds``: loading the same English model with all its default
   components and running it over every article's full text with the same batch size
   and process count as claimdiff's extraction. That is what a naive script pays
   before comparing anything.

Prints one JSON line (``--json``) or a short table. Timings depend on the machine and
on whatever else runs on it; ``cpu_seconds`` counts this process and its workers.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import importlib
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

from claimdiff.evaluate import Gold, evaluate, load_gold  # noqa: E402
from claimdiff.models import Finding, Report  # noqa: E402

T = TypeVar("T")
WORKDIR = Path(tempfile.gettempdir()) / "claimdiff-bench"


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed(call: Callable[[], T]) -> tuple[T, float, float]:
    """Return the result of ``call``, its wall seconds and its CPU seconds."""
    wall, cpu = time.perf_counter(), _cpu()
    result = call()
    return result, time.perf_counter() - wall, _cpu() - cpu


def peak_rss_mb() -> float:
    """Return the peak resident memory of this process (workers apart), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_dir(articles: int, seed: int, workdir: Path) -> Path:
    """Return the folder of the corpus, generating it on first use.

    The folder name carries a fingerprint of the generator's code, so a changed
    generator never reuses a stale corpus.
    """
    code = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        if path.name != "bench.py":
            code.update(path.read_bytes())
    folder = workdir / f"corpus-{articles}-seed{seed}-{code.hexdigest()[:8]}"
    if not (folder / "gold.toml").exists():
        generate.write_corpus(generate.generate(articles, seed=seed), folder)
    return folder


def _story(doc_id: str) -> str:
    return doc_id.split("-")[0]


def score(report: Report, gold: Gold) -> dict[str, Any]:
    """Score findings story by story; findings that mix stories are false."""
    findings: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        stories = {_story(e.doc_id) for side in finding.sides for e in side.evidence}
        findings[stories.pop() if len(stories) == 1 else "cross-story"].append(finding)
    flags: dict[str, list[Any]] = defaultdict(list)
    for flag in gold.flags:
        flags[_story(flag.evidence[0][0])].append(flag)
    quiet: dict[str, list[Any]] = defaultdict(list)
    for item in gold.quiet:
        quiet[_story(item.pair[0][0])].append(item)
    totals: dict[str, int] = defaultdict(int)
    for story in sorted(set(findings) | set(flags) | set(quiet)):
        part = report.model_copy(update={"findings": findings.get(story, [])})
        result = evaluate(part, Gold(flag=flags.get(story, []), quiet=quiet.get(story, [])))
        totals["flags"] += result.flags
        totals["flags_found"] += result.flags_found
        totals["scored_findings"] += result.findings
        totals["true_findings"] += result.true_findings
        totals["violated_quiet"] += len(result.violated_quiet)
    scored = totals["scored_findings"]
    return {
        "precision": round(totals["true_findings"] / scored, 4) if scored else 1.0,
        "recall": round(totals["flags_found"] / totals["flags"], 4) if totals["flags"] else 1.0,
        **totals,
        "cross_story_findings": len(findings.get("cross-story", [])),
    }


def run_check(paths: Sequence[Path], **options: Any) -> Report:
    """Check ``paths`` and render the reports, as ``claimdiff check`` does."""
    from claimdiff.pipeline import check
    from claimdiff.render import RENDERERS

    report = check(list(paths), **options)
    for fmt in ("json", "md"):
        RENDERERS[fmt](report)
    return report


def parse_only(folder: Path, *, batch_size: int, n_process: int) -> tuple[float, float, int]:
    """Load the plain English model and parse every article text in full."""
    from claimdiff.nlp import MODEL_PACKAGES

    def work() -> int:
        for name in MODEL_PACKAGES:
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue
            nlp = module.load()
            texts = (path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt")))
            tokens = 0
            for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
                tokens += len(doc)
            return tokens
        raise SystemExit("no English spaCy model installed")

    tokens, wall, cpu = timed(work)
    return wall, cpu, tokens


def incremental(folder: Path, *, seed: int, workdir: Path) -> dict[str, float]:
    """Store the corpus, then add one article: to a checked story, and to the corpus.

    A story is checked again from its own files (Markdown with front matter, read back as
    the same documents the store holds) plus the new article, once through the command
    line (a new process, as a desk runs it) and once in process; then the whole corpus
    plus one new article is checked in process.
    """
    from claimdiff.store import Store

    corpus = generate.generate(len(list(folder.glob("*.txt"))), seed=seed)
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        root = Path(scratch)
        store_dir = root / "store"
        with Store.at(store_dir) as store:
            _, cold, _ = timed(lambda: run_check([folder], store=store))
        stories = []
        for story in (0, 1, 2):
            story_dir = root / f"story-{story}"
            story_dir.mkdir()
            for article in corpus.articles:
                if article.story == story:
                    generate.write_markdown(article, story_dir / f"{article.id}.md")
            extra = generate.extra_article(seed=seed, story=story)
            generate.write_markdown(extra, story_dir / f"{extra.id}.md")
            stories.append(story_dir)
        command = [sys.executable, "-m", "claimdiff", "check", str(stories[0])]
        command += ["--store", str(store_dir), "-o", str(root / "out"), "-q"]
        _, cli, _ = timed(lambda: subprocess.run(command, check=False, capture_output=True))
        with Store.at(store_dir) as store:
            _, story_add, _ = timed(lambda: run_check([stories[1]], store=store))
            added = next(stories[2].glob("*-f.md"))
            _, corpus_add, _ = timed(lambda: run_check([folder, added], store=store))
    return {
        "store_cold_seconds": round(cold, 2),
        "story_add_cli_seconds": round(cli, 2),
        "story_add_seconds": round(story_add, 2),
        "corpus_add_seconds": round(corpus_add, 2),
    }


def candidate_shares(folder: Path) -> dict[str, Any]:
    """Return the share of sentences each extractor sends to the parser, and in all."""
    from claimdiff.extract import DOCUMENT_EXTRACTORS, EXTRACTORS
    from claimdiff.ingest import load_documents
    from claimdiff.segment import segment

    counts: dict[str, int] = defaultdict(int)
    total = chosen = 0
    for document in load_documents([folder])[0]:
        kept = segment(document)
        selected = {ex.name: set(ex.select(kept)) for ex in DOCUMENT_EXTRACTORS}
        for sent in kept:
            names = [ex.name for ex in EXTRACTORS if ex.wants(sent)]
            names += [name for name, indexes in selected.items() if sent.index in indexes]
            for name in names:
                counts[name] += 1
            total += 1
            chosen += bool(names)
    shares = {name: round(count / total, 3) for name, count in sorted(counts.items())}
    return {"candidate_share": round(chosen / total, 3), "candidate_share_by_extractor": shares}


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    """Run every measurement and return the figures."""
    from claimdiff.extract import pipe_settings

    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    folder = corpus_dir(args.articles, args.seed, workdir)
    profiler = cProfile.Profile() if args.profile else None
    if profiler is not None:
        profiler.enable()
    report, seconds, cpu = timed(lambda: run_check([folder]))
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
        pstats.Stats(args.profile, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
    peak = peak_rss_mb()
    stats = report.statistics
    figures: dict[str, Any] = {
        "articles": len(report.documents),
        "sentences": stats.sentences,
        "claims": stats.claims,
        "candidate_comparisons": stats.candidate_comparisons,
        "comparisons_per_claim": round(stats.candidate_comparisons / max(stats.claims, 1), 2),
        "findings": stats.findings,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "articles_per_s": round(len(report.documents) / seconds, 2),
        "peak_rss_mb": round(peak, 1),
    }
    figures.update(score(report, load_gold(folder / "gold.toml")))
    if args.report:
        Path(args.report).write_text(report.model_dump_json(), encoding="utf-8")
    del report
    if args.candidates:
        figures.update(candidate_shares(folder))
    if args.incremental:
        figures.update(incremental(folder, seed=args.seed, workdir=workdir))
    if not args.no_parse_only:
        batch_size, n_process = pipe_settings(stats.sentences)
        wall, parse_cpu, tokens = parse_only(folder, batch_size=batch_size, n_process=n_process)
        figures.update(
            {
                "parse_only_seconds": round(wall, 2),
                "parse_only_cpu_seconds": round(parse_cpu, 2),
                "parse_only_tokens": tokens,
                "batch_size": batch_size,
                "n_process": n_process,
                "ratio_to_parse_only": round(seconds / wall, 3),
            }
        )
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark claimdiff on a generated corpus.")
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--incremental", action="store_true", help="also time adding one article")
    parser.add_argument("--no-parse-only", action="store_true", help="skip the parse-only run")
    parser.add_argument(
        "--candidates", action="store_true", help="report the share of sentences parsed"
    )
    parser.add_argument("--profile", metavar="FILE", help="cProfile the check into FILE")
    parser.add_argument("--report", metavar="FILE", help="keep the report's JSON in FILE")
    parser.add_argument("--workdir", type=Path, default=WORKDIR, help="corpora are kept here")
    args = parser.parse_args(argv)
    figures = benchmark(args)
    if args.json:
        print(json.dumps(figures, sort_keys=False))
    else:
        for key, value in figures.items():
            print(f"{key:<30} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
