"""Imports point one way: leaves <- stages <- pipeline <- render/review <- cli."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimdiff"
STAGES = ("ingest", "segment", "extract", "normalise", "align", "compare", "findings", "lexicon")
FORBIDDEN = ("claimdiff.cli", "claimdiff.render", "claimdiff.pipeline", "claimdiff.evaluate")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _stage_files() -> list[Path]:
    files: list[Path] = []
    for stage in STAGES:
        files.extend([PACKAGE / f"{stage}.py"] if (PACKAGE / f"{stage}.py").exists() else [])
        files.extend(sorted((PACKAGE / stage).glob("*.py")))
    return files


@pytest.mark.parametrize("path", _stage_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_architecture_stages_never_import_outer_layers(path: Path) -> None:
    bad = {m for m in _imports(path) if m.startswith(FORBIDDEN)}
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("leaf", ["models.py", "errors.py", "config.py"])
def test_architecture_leaves_import_only_leaves(leaf: str) -> None:
    allowed = {"claimdiff.models", "claimdiff.errors", "claimdiff.config"}
    inner = {m for m in _imports(PACKAGE / leaf) if m.startswith("claimdiff")}
    assert inner <= allowed


def test_architecture_only_boundary_modules_touch_files() -> None:
    # lexicon reads packaged data; evaluate reads gold files (a boundary, like ingest).
    allowed = {"ingest.py", "cli.py", "review.py", "lexicon.py", "evaluate.py", "__main__.py"}
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.name in allowed:
            continue
        for call in ("open(", ".read_text(", ".write_text(", ".read_bytes("):
            assert call not in source, f"{path.relative_to(PACKAGE)} calls {call}"
