"""The bundled fixture stories: gold precision and recall, and goldens that must not drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff import check
from claimdiff.evaluate import evaluate, load_gold
from claimdiff.models import Report
from claimdiff.render import FILENAMES, RENDERERS

ROOT = Path(__file__).resolve().parents[1]
STORIES = sorted(p for p in (ROOT / "fixtures" / "stories").iterdir() if p.is_dir())
EXAMPLES = ROOT / "reports" / "examples"


@pytest.fixture(scope="module", params=STORIES, ids=lambda p: p.name)
def story(request: pytest.FixtureRequest) -> tuple[Path, Report]:
    path: Path = request.param
    # Relative paths keep document sources, and so the golden files, machine-independent.
    return path, check([path.relative_to(ROOT)])


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_stories_meet_gold_precision_and_recall(story: tuple[Path, Report]) -> None:
    path, report = story
    result = evaluate(report, load_gold(path / "gold.toml"))
    assert result.recall >= 0.9, result.missed_flags
    assert result.precision >= 0.9, result.unmatched_findings
    assert result.violated_quiet == []


def test_stories_match_golden_reports(story: tuple[Path, Report], update_goldens: bool) -> None:
    path, report = story
    for fmt, renderer in sorted(RENDERERS.items()):
        golden = EXAMPLES / f"{path.name}.{FILENAMES[fmt].split('.')[-1]}"
        rendered = renderer(report)
        if update_goldens:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(rendered, encoding="utf-8")
        assert golden.exists(), f"{golden} missing; run pytest --update-goldens"
        assert golden.read_text(encoding="utf-8") == rendered, f"{golden} drifted"


def test_stories_same_input_same_output_byte_for_byte(story: tuple[Path, Report]) -> None:
    path, report = story
    again = check([path.relative_to(ROOT)])
    assert again.model_dump_json() == report.model_dump_json()


def test_stories_every_evidence_span_is_exact(story: tuple[Path, Report]) -> None:
    _, report = story
    for finding in report.findings:
        assert len({e.doc_id for side in finding.sides for e in side.evidence}) >= 2
        for side in finding.sides:
            for evidence in side.evidence:
                start = evidence.span.start - evidence.sentence.start
                end = evidence.span.end - evidence.sentence.start
                assert evidence.sentence_text[start:end] == evidence.text
