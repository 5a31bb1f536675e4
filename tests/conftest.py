from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
EXAMPLES = ROOT / "reports" / "examples"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
REVIEWED_EXAMPLE = EXAMPLES / "kelbria-earthquake.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="run tests marked slow")
    parser.addoption(
        "--update-goldens", action="store_true", help="rewrite reports/examples from fixtures"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow; run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A check output folder holding a committed example report (the review tests')."""
    directory = tmp_path / "out"
    directory.mkdir()
    shutil.copyfile(REVIEWED_EXAMPLE, directory / "report.json")
    return directory
