"""Views shared by the renderers: the outlet-by-finding matrix."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.models import Report
from claimdiff.render.views import Cell, Row, matrix, outlets, topics
from test_render import finding, report

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "reports" / "examples").glob("*.json"))


def _matrix_cell_by_cell(sample: Report) -> tuple[list[str], list[Row]]:
    """The matrix built the plain way: every cell looked up and made on its own."""
    columns = outlets(sample)
    rows = []
    for _, findings in topics(sample.findings):
        for item in findings:
            cells = []
            for outlet in columns:
                sides = []
                for index, side in enumerate(item.sides):
                    texts: dict[str, str] = {}
                    for evidence in side.evidence:
                        if evidence.outlet == outlet:
                            words = " ".join(evidence.text.split())
                            texts.setdefault(words.casefold(), words)
                    if texts:
                        sides.append((index, tuple(texts.values())))
                if sides:
                    cells.append(Cell("says", tuple(sides)))
                elif outlet in item.silent:
                    cells.append(Cell("silent"))
                else:
                    cells.append(Cell("absent"))
            rows.append(Row(item, tuple(cells)))
    return columns, rows


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_render_views_matrix_matches_the_cell_by_cell_matrix(path: Path) -> None:
    # issue 7: silent and absent cells are shared objects; the matrix reads the same.
    sample = Report.model_validate_json(path.read_text(encoding="utf-8"))
    assert matrix(sample) == _matrix_cell_by_cell(sample)


def test_render_views_matrix_marks_silent_and_absent_outlets() -> None:
    sample = report([finding("f1", silent=["C"]), finding("f2", silent=[])])
    columns, rows = matrix(sample)
    statuses = {row.finding.id: [cell.status for cell in row.cells] for row in rows}
    assert columns == ["A", "B", "C"]
    assert statuses == {"f1": ["says", "says", "silent"], "f2": ["says", "says", "absent"]}
