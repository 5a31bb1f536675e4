"""Score a report's findings against a hand-made gold file.

Gold file (TOML)::

    [[flag]]                 # a finding must exist whose evidence covers these
    id = "coalition-size"
    kind = "numeric_conflict"            # optional
    evidence = [["doc-a", "around 30"], ["doc-b", "35 nations"]]

    [[quiet]]                # no conflicting finding may set these against each other
    id = "two-dozen-is-26"
    pair = [["doc-a", "over two dozen"], ["doc-c", "Twenty-six"]]

Definitions:

- A finding *covers* an item ``(doc_id, substring)`` when one of its evidence entries
  has that ``doc_id`` and the substring occurs in the entry's value text or sentence
  text, compared case-insensitively with whitespace runs collapsed to one space.
- A finding *matches* a flag when it covers every evidence item of the flag and, if the
  flag names a kind, has that kind. A flag is *found* when some finding matches it.
- Every kind except ``different_measure`` is *conflicting* (new kinds conflict by
  default); ``different_measure`` findings are context, not claims of disagreement.
- A quiet item is *violated* when a finding of a conflicting kind covers both items of
  its pair with evidence on different sides. Two items on the same side are presented
  as agreeing, which is what the quiet item asserts.
- *Scored findings* are the findings of a conflicting kind plus any finding that matches
  a flag. A scored finding is *true* when it matches a flag and violates no quiet item;
  otherwise it is *false* (an unmatched finding).

Scores: ``precision = true findings / scored findings`` and
``recall = flags found / flags``. An empty denominator scores 1.0 and adds a note.
``per_kind`` gives the same counts per finding kind; flags without a kind are counted
under ``"any"``. Per-kind scores with an empty denominator are ``None``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationError, model_validator

from claimdiff.errors import ConfigError
from claimdiff.models import Finding, FindingKind, Record, Report

__all__ = [
    "ANY_KIND",
    "Evaluation",
    "Gold",
    "GoldFlag",
    "GoldQuiet",
    "KindScore",
    "evaluate",
    "is_conflicting",
    "load_gold",
]

# Finding kinds that present context rather than a disagreement. Every other kind,
# including ones added later (quote_variant, date_conflict, ...), counts as a conflict.
INFORMATIONAL_KINDS: frozenset[FindingKind] = frozenset({FindingKind.DIFFERENT_MEASURE})

ANY_KIND = "any"
"""Key under which ``per_kind`` counts flags that name no kind."""

NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Item = tuple[NonEmpty, NonEmpty]
"""One gold evidence item: ``(doc_id, substring)``."""


class GoldFlag(Record):
    """A discrepancy the report must flag, identified by its evidence."""

    id: NonEmpty
    kind: FindingKind | None = None
    evidence: list[Item] = Field(min_length=1)


class GoldQuiet(Record):
    """Two passages that agree: no conflicting finding may set them against each other."""

    id: NonEmpty
    pair: tuple[Item, Item]


class Gold(Record):
    """A gold file: the flags a report must raise and the pairs it must leave alone."""

    flags: list[GoldFlag] = Field(default_factory=list, alias="flag")
    quiet: list[GoldQuiet] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> Gold:
        seen: set[str] = set()
        for item_id in [flag.id for flag in self.flags] + [quiet.id for quiet in self.quiet]:
            if item_id in seen:
                raise ValueError(f"duplicate id {item_id!r}; flag and quiet ids must be unique")
            seen.add(item_id)
        return self


class KindScore(Record):
    """Counts and scores for one finding kind (or ``"any"`` for kind-less flags)."""

    kind: str
    flags: int
    flags_found: int
    findings: int
    true_findings: int
    false_findings: int
    precision: float | None
    recall: float | None


class Evaluation(Record):
    """How a report's findings compare with a gold file."""

    flags: int
    flags_found: int
    findings: int = Field(description="Scored findings: conflicting ones plus flag matches.")
    true_findings: int
    false_findings: int
    precision: float
    recall: float
    per_kind: list[KindScore]
    missed_flags: list[str]
    violated_quiet: list[str]
    violations: dict[str, list[str]] = Field(
        description="Quiet item id -> ids of the findings that violate it."
    )
    unmatched_findings: list[str]
    notes: list[str]


def load_gold(path: Path) -> Gold:
    """Read and validate a gold file.

    Raises:
        ConfigError: The file is unreadable, not TOML, or not a valid gold file; the
            message has one ``PATH: loc: msg`` line per problem.
    """
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read gold file: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    try:
        return Gold.model_validate(data)
    except ValidationError as exc:
        raise ConfigError("\n".join(_error_lines(path, exc))) from exc


def _error_lines(path: Path, exc: ValidationError) -> list[str]:
    """Turn pydantic errors into ``PATH: flag[0].evidence: msg`` lines."""
    lines = []
    for error in exc.errors():
        loc = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"])
        lines.append(f"{path}: {loc.lstrip('.') or '(top level)'}: {error['msg']}")
    return lines


def is_conflicting(finding: Finding) -> bool:
    """Return True when the finding claims a disagreement (not mere context)."""
    return finding.kind not in INFORMATIONAL_KINDS


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _covering_sides(finding: Finding, item: Item) -> set[int]:
    """Return the indexes of the finding's sides whose evidence covers ``item``."""
    doc_id, needle = item[0], _fold(item[1])
    return {
        index
        for index, side in enumerate(finding.sides)
        for evidence in side.evidence
        if evidence.doc_id == doc_id
        and (needle in _fold(evidence.text) or needle in _fold(evidence.sentence_text))
    }


def _matches(finding: Finding, flag: GoldFlag) -> bool:
    if flag.kind is not None and finding.kind != flag.kind:
        return False
    return all(_covering_sides(finding, item) for item in flag.evidence)


def _violates(finding: Finding, quiet: GoldQuiet) -> bool:
    if not is_conflicting(finding):
        return False
    left, right = (_covering_sides(finding, item) for item in quiet.pair)
    # Violated when the two items can be placed on different sides of the finding.
    return any(a != b for a in left for b in right)


def _flag_kind(flag: GoldFlag) -> str:
    return flag.kind.value if flag.kind else ANY_KIND


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _kind_score(
    kind: str,
    flags: Sequence[GoldFlag],
    found: set[str],
    scored: Iterable[Finding],
    true_ids: set[str],
) -> KindScore:
    kind_flags = [flag for flag in flags if _flag_kind(flag) == kind]
    kind_found = sum(flag.id in found for flag in kind_flags)
    kind_findings = [finding for finding in scored if finding.kind == kind]
    kind_true = sum(finding.id in true_ids for finding in kind_findings)
    return KindScore(
        kind=kind,
        flags=len(kind_flags),
        flags_found=kind_found,
        findings=len(kind_findings),
        true_findings=kind_true,
        false_findings=len(kind_findings) - kind_true,
        precision=_ratio(kind_true, len(kind_findings)),
        recall=_ratio(kind_found, len(kind_flags)),
    )


def evaluate(report: Report, gold: Gold) -> Evaluation:
    """Score ``report`` against ``gold`` (definitions in the module docstring)."""
    findings = sorted(report.findings, key=lambda f: (f.severity.rank, f.id))
    matched: dict[str, list[str]] = {
        finding.id: [flag.id for flag in gold.flags if _matches(finding, flag)]
        for finding in findings
    }
    violations = {
        quiet.id: [finding.id for finding in findings if _violates(finding, quiet)]
        for quiet in gold.quiet
    }
    violators = {finding_id for ids in violations.values() for finding_id in ids}
    found = {flag_id for flag_ids in matched.values() for flag_id in flag_ids}

    scored = [f for f in findings if is_conflicting(f) or matched[f.id]]
    true_ids = {f.id for f in scored if matched[f.id] and f.id not in violators}
    unmatched = [f.id for f in scored if f.id not in true_ids]

    notes = []
    precision = _ratio(len(true_ids), len(scored))
    if precision is None:
        notes.append("precision is 1.0 by convention: the report has no scored findings")
    recall = _ratio(len(found), len(gold.flags))
    if recall is None:
        notes.append("recall is 1.0 by convention: the gold file has no flags")

    kinds = {f.kind.value for f in scored} | {_flag_kind(flag) for flag in gold.flags}
    return Evaluation(
        flags=len(gold.flags),
        flags_found=len(found),
        findings=len(scored),
        true_findings=len(true_ids),
        false_findings=len(unmatched),
        precision=1.0 if precision is None else precision,
        recall=1.0 if recall is None else recall,
        per_kind=[_kind_score(kind, gold.flags, found, scored, true_ids) for kind in sorted(kinds)],
        missed_flags=[flag.id for flag in gold.flags if flag.id not in found],
        violated_quiet=[quiet_id for quiet_id, ids in violations.items() if ids],
        violations={quiet_id: ids for quiet_id, ids in violations.items() if ids},
        unmatched_findings=unmatched,
        notes=notes,
    )
