"""Gold files and the precision/recall of findings against them."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.errors import ConfigError
from claimdiff.evaluate import ANY_KIND, Gold, evaluate, is_conflicting, load_gold
from claimdiff.models import (
    Bound,
    Evidence,
    Finding,
    FindingKind,
    Quantity,
    Report,
    Severity,
    Side,
    Span,
    Statistics,
)

GOLD_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "gold"

Passage = tuple[str, str, str]  # (doc_id, sentence, value inside the sentence)


# --- builders -------------------------------------------------------------------------


def make_evidence(doc_id: str, sentence: str, value: str) -> Evidence:
    offset = sentence.index(value)
    return Evidence(
        claim_id=f"{doc_id}-{offset}",
        doc_id=doc_id,
        outlet=f"Outlet {doc_id}",
        span=Span(doc_id=doc_id, start=offset, end=offset + len(value)),
        text=value,
        sentence=Span(doc_id=doc_id, start=0, end=len(sentence)),
        sentence_text=sentence,
    )


def make_side(passages: list[Passage]) -> Side:
    value = Quantity(anchor=1, low=Bound(value=1), high=Bound(value=1), surface="1")
    return Side(
        label=passages[0][2],
        measure="commitment",
        value=value,
        outlets=[f"Outlet {doc_id}" for doc_id, _, _ in passages],
        independent_sources=len(passages),
        evidence=[make_evidence(*passage) for passage in passages],
    )


def make_finding(
    finding_id: str,
    *sides: list[Passage],
    kind: FindingKind = FindingKind.NUMERIC_CONFLICT,
    severity: Severity = Severity.HIGH,
) -> Finding:
    return Finding(
        id=finding_id,
        kind=kind,
        severity=severity,
        confidence=1.0,
        topic="topic",
        event="event",
        explanation=f"{finding_id} explained.",
        sides=[make_side(passages) for passages in sides],
        silent=[],
    )


def make_report(*findings: Finding) -> Report:
    return Report(
        version="0.1.0",
        documents=[],
        events=[],
        claims=[],
        findings=list(findings),
        statistics=Statistics(
            documents=0,
            sentences=0,
            claims=0,
            candidate_comparisons=0,
            findings=len(findings),
            findings_by_kind={},
            findings_by_severity={},
        ),
        warnings=[],
    )


def make_gold(flags=(), quiet=()) -> Gold:
    return Gold.model_validate({"flag": list(flags), "quiet": list(quiet)})


AROUND_30 = ("doc-a", "Leaders from around 30 nations met in Paris.", "around 30 nations")
THIRTY_FIVE = ("doc-b", "In total 35 nations joined the coalition.", "35 nations")
TWO_DOZEN = ("doc-a", "Over two dozen nations committed troops.", "Over two dozen nations")
TWENTY_SIX = ("doc-c", "Twenty-six nations committed troops.", "Twenty-six nations")

SIZE_FLAG = {"id": "size", "evidence": [["doc-a", "around 30"], ["doc-b", "35 nations"]]}
DOZEN_QUIET = {"id": "dozen", "pair": [["doc-a", "over two dozen"], ["doc-c", "twenty-six"]]}


# --- load_gold ------------------------------------------------------------------------


def test_evaluate_load_gold_reads_the_fixture():
    gold = load_gold(GOLD_DIR / "coalition.toml")
    assert [flag.id for flag in gold.flags] == ["coalition-size", "troop-numbers"]
    assert gold.flags[0].kind is FindingKind.NUMERIC_CONFLICT
    assert gold.flags[1].kind is None
    assert gold.quiet[0].pair == (("doc-a", "over two dozen"), ("doc-c", "Twenty-six"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[flag]\nid = 1", "invalid TOML"),
        ('[[flag]]\nid = "x"\nevidence = [["doc-a"]]', "flag[0].evidence[0][1]: Field required"),
        (
            '[[flag]]\nid = "x"\nevidence = [["doc-a", "a", "b"]]',
            "flag[0].evidence[0]: Tuple should have at most 2 items",
        ),
        ('[[flag]]\nid = "x"\nevidence = []', "flag[0].evidence: List should have at least 1"),
        ('[[flag]]\nid = "x"\nkind = "typo"\nevidence = [["a", "b"]]', "flag[0].kind: Input"),
        ('[[flag]]\nid = "x"\nevidnce = [["a", "b"]]', "flag[0].evidnce: Extra inputs"),
        ('[[flags]]\nid = "x"', "flags: Extra inputs are not permitted"),
        ('[[quiet]]\nid = "q"\npair = [["a", "b"]]', "quiet[0].pair[1]: Field required"),
        (
            '[[flag]]\nid = "x"\nevidence = [["a", "b"]]\n[[quiet]]\nid = "x"\n'
            'pair = [["a", "b"], ["c", "d"]]',
            "(top level): Value error, duplicate id 'x'",
        ),
    ],
)
def test_evaluate_load_gold_rejects_malformed_files(tmp_path, text, expected):
    path = tmp_path / "gold.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_gold(path)
    message = str(caught.value)
    assert expected in message
    assert all(line.startswith(f"{path}: ") for line in message.splitlines())


def test_evaluate_load_gold_reports_every_problem_on_its_own_line(tmp_path):
    path = tmp_path / "gold.toml"
    path.write_text('[[flag]]\nevidence = []\n[[quiet]]\nid = "q"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_gold(path)
    assert str(caught.value).splitlines() == [
        f"{path}: flag[0].id: Field required",
        f"{path}: flag[0].evidence: List should have at least 1 item after validation, not 0",
        f"{path}: quiet[0].pair: Field required",
    ]


def test_evaluate_load_gold_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"nope\.toml: cannot read gold file"):
        load_gold(tmp_path / "nope.toml")


# --- evaluate -------------------------------------------------------------------------


def test_evaluate_scores_the_fixture_report():
    gold = load_gold(GOLD_DIR / "coalition.toml")
    report = make_report(
        make_finding("size", [AROUND_30], [THIRTY_FIVE]),
        make_finding("dozen", [TWO_DOZEN], [TWENTY_SIX], severity=Severity.MEDIUM),
        make_finding("context", [AROUND_30], [TWENTY_SIX], kind=FindingKind.DIFFERENT_MEASURE),
    )
    result = evaluate(report, gold)
    assert (result.flags, result.flags_found, result.recall) == (2, 1, 0.5)
    assert (result.findings, result.true_findings, result.false_findings) == (2, 1, 1)
    assert result.precision == 0.5
    assert result.missed_flags == ["troop-numbers"]
    assert result.violated_quiet == ["two-dozen-is-26"]
    assert result.violations == {"two-dozen-is-26": ["dozen"]}
    assert result.unmatched_findings == ["dozen"]
    assert result.notes == []
    rows = {row.kind: row for row in result.per_kind}
    assert set(rows) == {"numeric_conflict", ANY_KIND}
    assert (rows["numeric_conflict"].flags, rows["numeric_conflict"].flags_found) == (1, 1)
    assert rows["numeric_conflict"].precision == 0.5
    assert (rows[ANY_KIND].flags, rows[ANY_KIND].recall, rows[ANY_KIND].precision) == (1, 0.0, None)


@pytest.mark.parametrize(
    "flag_evidence",
    [
        [["doc-a", "AROUND 30"], ["doc-b", "35 Nations"]],  # case-insensitive
        [["doc-a", "leaders from  around\n30"], ["doc-b", "joined the coalition"]],  # sentence
    ],
)
def test_evaluate_flag_found_by_span_or_sentence_text_ignoring_case(flag_evidence):
    gold = make_gold([{"id": "size", "evidence": flag_evidence}])
    result = evaluate(make_report(make_finding("f", [AROUND_30], [THIRTY_FIVE])), gold)
    assert result.flags_found == 1
    assert result.precision == result.recall == 1.0


@pytest.mark.parametrize(
    "flag_evidence",
    [
        [["doc-a", "around 30"], ["doc-c", "35 nations"]],  # right text, wrong document
        [["doc-a", "around 30"], ["doc-b", "36 nations"]],  # one item not covered
        [["doc-a", "around 30"], ["doc-b", "35 nations"], ["doc-c", "26"]],  # extra item
    ],
)
def test_evaluate_flag_missed_unless_one_finding_covers_every_item(flag_evidence):
    gold = make_gold([{"id": "size", "evidence": flag_evidence}])
    result = evaluate(make_report(make_finding("f", [AROUND_30], [THIRTY_FIVE])), gold)
    assert result.missed_flags == ["size"]
    assert result.unmatched_findings == ["f"]
    assert result.precision == result.recall == 0.0


def test_evaluate_flag_items_split_over_two_findings_are_not_found():
    gold = make_gold([SIZE_FLAG])
    report = make_report(
        make_finding("f1", [AROUND_30], [TWENTY_SIX]),
        make_finding("f2", [THIRTY_FIVE], [TWENTY_SIX]),
    )
    assert evaluate(report, gold).missed_flags == ["size"]


@pytest.mark.parametrize(
    ("flag_kind", "finding_kind", "found"),
    [
        ("numeric_conflict", FindingKind.NUMERIC_CONFLICT, True),
        ("different_measure", FindingKind.NUMERIC_CONFLICT, False),
        ("numeric_conflict", FindingKind.DIFFERENT_MEASURE, False),
        (None, FindingKind.DIFFERENT_MEASURE, True),
    ],
)
def test_evaluate_flag_kind_filters_findings(flag_kind, finding_kind, found):
    flag = {**SIZE_FLAG, "kind": flag_kind} if flag_kind else SIZE_FLAG
    report = make_report(make_finding("f", [AROUND_30], [THIRTY_FIVE], kind=finding_kind))
    assert evaluate(report, make_gold([flag])).flags_found == int(found)


def test_evaluate_matching_informational_finding_counts_as_true():
    report = make_report(
        make_finding("f", [AROUND_30], [THIRTY_FIVE], kind=FindingKind.DIFFERENT_MEASURE)
    )
    result = evaluate(report, make_gold([SIZE_FLAG]))
    assert (result.findings, result.true_findings, result.precision) == (1, 1, 1.0)


def test_evaluate_unmatched_informational_finding_is_not_scored():
    report = make_report(
        make_finding("f", [AROUND_30], [TWENTY_SIX], kind=FindingKind.DIFFERENT_MEASURE)
    )
    result = evaluate(report, make_gold([SIZE_FLAG]))
    assert result.findings == 0
    assert result.unmatched_findings == []
    assert result.precision == 1.0
    assert result.notes == ["precision is 1.0 by convention: the report has no scored findings"]


@pytest.mark.parametrize(
    ("kind", "sides", "violated"),
    [
        (FindingKind.NUMERIC_CONFLICT, [[TWO_DOZEN], [TWENTY_SIX]], True),
        (FindingKind.NUMERIC_CONFLICT, [[TWO_DOZEN, TWENTY_SIX], [THIRTY_FIVE]], False),
        (FindingKind.DIFFERENT_MEASURE, [[TWO_DOZEN], [TWENTY_SIX]], False),
        (FindingKind.NUMERIC_CONFLICT, [[TWO_DOZEN], [THIRTY_FIVE]], False),
    ],
    ids=["opposite-sides", "same-side", "different-measure", "one-item-only"],
)
def test_evaluate_quiet_item_violated_only_by_a_conflict_setting_the_pair_apart(
    kind, sides, violated
):
    report = make_report(make_finding("f", *sides, kind=kind))
    result = evaluate(report, make_gold(quiet=[DOZEN_QUIET]))
    assert result.violated_quiet == (["dozen"] if violated else [])


def test_evaluate_violating_finding_is_false_even_when_it_matches_a_flag():
    finding = make_finding("f", [AROUND_30, TWO_DOZEN], [THIRTY_FIVE], [TWENTY_SIX])
    result = evaluate(make_report(finding), make_gold([SIZE_FLAG], [DOZEN_QUIET]))
    assert result.flags_found == 1  # the discrepancy was shown ...
    assert result.true_findings == 0  # ... but the finding also invents one
    assert result.unmatched_findings == ["f"]
    assert result.precision == 0.0


def test_evaluate_several_findings_on_one_flag_all_count_as_true():
    report = make_report(
        make_finding("f1", [AROUND_30], [THIRTY_FIVE]),
        make_finding("f2", [THIRTY_FIVE], [AROUND_30], severity=Severity.LOW),
    )
    result = evaluate(report, make_gold([SIZE_FLAG]))
    assert (result.flags_found, result.true_findings, result.precision) == (1, 2, 1.0)


def test_evaluate_empty_gold_and_report_score_one_with_notes():
    result = evaluate(make_report(), make_gold())
    assert result.precision == result.recall == 1.0
    assert len(result.notes) == 2
    assert result.per_kind == []


def test_evaluate_unmatched_findings_are_listed_by_severity_then_id():
    report = make_report(
        make_finding("b", [TWO_DOZEN], [THIRTY_FIVE], severity=Severity.LOW),
        make_finding("c", [TWO_DOZEN], [THIRTY_FIVE], severity=Severity.HIGH),
        make_finding("a", [TWO_DOZEN], [THIRTY_FIVE], severity=Severity.LOW),
    )
    assert evaluate(report, make_gold()).unmatched_findings == ["c", "a", "b"]


@pytest.mark.parametrize("kind", list(FindingKind))
def test_evaluate_only_different_measure_is_informational(kind):
    finding = make_finding("f", [AROUND_30], [THIRTY_FIVE], kind=kind)
    assert is_conflicting(finding) is (kind is not FindingKind.DIFFERENT_MEASURE)


def test_evaluate_result_is_json_serialisable():
    result = evaluate(make_report(make_finding("f", [AROUND_30], [THIRTY_FIVE])), make_gold())
    assert type(result).model_validate_json(result.model_dump_json()) == result
