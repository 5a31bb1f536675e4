"""What every human-readable report shows, computed once: order, highlights, matrix, copies.

The HTML, Markdown and CSV renderers format these views; none of them re-derives order,
highlighting or independence on its own, so the three carry the same content.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from claimdiff.models import Evidence, Finding, Report, Side, SyndicationLink

__all__ = [
    "EVIDENCE_PER_OUTLET",
    "Cell",
    "Part",
    "Row",
    "collapse",
    "copy_groups",
    "differing_words",
    "finding_order",
    "kind_label",
    "matrix",
    "outlets",
    "references",
    "side_copies",
    "side_letter",
    "sentence_parts",
    "topics",
]

EVIDENCE_PER_OUTLET = 2
"""Sentences shown per outlet on one side before the rest fold into "+N more"."""

_WORD = re.compile(r"\w+(?:['’.,-]\w+)*")


def side_letter(index: int) -> str:
    """Return "A", "B", ... for a side's position (past Z: its number)."""
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def kind_label(kind: str) -> str:
    """Return a finding kind for people: "numeric_conflict" -> "numeric conflict"."""
    return kind.replace("_", " ")


def finding_order(finding: Finding) -> tuple[int, float, str]:
    """Sort key of findings inside a topic: most serious, most confident, then id."""
    return (finding.severity.rank, -finding.confidence, finding.id)


def topics(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Return findings grouped by topic: topics by their worst finding then label."""
    by_topic: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_topic[finding.topic].append(finding)
    ordered = sorted(
        by_topic.items(), key=lambda item: (min(f.severity.rank for f in item[1]), item[0])
    )
    return [(topic, sorted(group, key=finding_order)) for topic, group in ordered]


def outlets(report: Report) -> list[str]:
    """Return every outlet of the report (documents and findings), sorted ignoring case."""
    names = {doc.outlet for doc in report.documents}
    for finding in report.findings:
        names.update(finding.silent)
        names.update(o for side in finding.sides for o in side.outlets)
    return sorted(names, key=lambda o: (o.casefold(), o))


# --- highlighting -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Part:
    """A run of a sentence: plain text, the evidence value, or a differing word in it."""

    text: str
    kind: Literal["plain", "value", "diff"]


def _value_range(evidence: Evidence) -> tuple[int, int] | None:
    """Return the value's offsets inside its sentence, trusting the text over the offsets."""
    sentence = evidence.sentence_text
    start = evidence.span.start - evidence.sentence.start
    end = evidence.span.end - evidence.sentence.start
    if 0 <= start < end <= len(sentence) and sentence[start:end] == evidence.text:
        return start, end
    found = sentence.find(evidence.text) if evidence.text else -1
    if found >= 0:
        return found, found + len(evidence.text)
    return (start, end) if 0 <= start < end <= len(sentence) else None


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]


def differing_words(text: str, references: Sequence[str]) -> list[tuple[int, int]]:
    """Return the offsets of the words of ``text`` that the closest reference lacks.

    Nothing is marked when ``text`` shares no word with any reference (the whole value
    differs) or has the same words as one (the texts agree word for word).
    """
    words = _words(text)
    if not words:
        return []
    tokens = [w[2] for w in words]
    best: SequenceMatcher[str] | None = None
    for reference in references:
        matcher = SequenceMatcher(None, tokens, [w[2] for w in _words(reference)], autojunk=False)
        if best is None or matcher.ratio() > best.ratio():
            best = matcher
    if best is None or best.ratio() in (0.0, 1.0):
        return []
    marked: list[tuple[int, int]] = []
    for tag, i1, i2, _, _ in best.get_opcodes():
        if tag in ("replace", "delete"):
            marked.extend((words[i][0], words[i][1]) for i in range(i1, i2))
    return marked


def references(finding: Finding, index: int) -> list[str]:
    """Return the value texts of the other sides, which side ``index`` is diffed against."""
    return [
        side.evidence[0].text
        for other, side in enumerate(finding.sides)
        if other != index and side.evidence
    ]


def sentence_parts(evidence: Evidence, refs: Sequence[str] = ()) -> list[Part]:
    """Return the evidence sentence split into plain text, the value and differing words."""
    sentence = evidence.sentence_text
    found = _value_range(evidence)
    if found is None:
        return [Part(sentence, "plain")]
    start, end = found
    value = sentence[start:end]
    parts = [Part(sentence[:start], "plain")] if start else []
    cursor = 0
    for word_start, word_end in differing_words(value, refs):
        if word_start > cursor:
            parts.append(Part(value[cursor:word_start], "value"))
        parts.append(Part(value[word_start:word_end], "diff"))
        cursor = word_end
    if cursor < len(value):
        parts.append(Part(value[cursor:], "value"))
    if end < len(sentence):
        parts.append(Part(sentence[end:], "plain"))
    return parts


def collapse(
    evidence: Sequence[Evidence], *, per_outlet: int = EVIDENCE_PER_OUTLET
) -> tuple[list[Evidence], dict[str, int]]:
    """Return the evidence shown (at most ``per_outlet`` per outlet) and the rest's counts."""
    shown: list[Evidence] = []
    seen: dict[str, int] = defaultdict(int)
    hidden: dict[str, int] = {}
    for item in evidence:
        seen[item.outlet] += 1
        if seen[item.outlet] <= per_outlet:
            shown.append(item)
        else:
            hidden[item.outlet] = hidden.get(item.outlet, 0) + 1
    return shown, hidden


# --- independence -----------------------------------------------------------------------


def copy_groups(links: Iterable[SyndicationLink]) -> list[list[str]]:
    """Return the groups of outlets that share copy, each sorted, largest first."""
    parent: dict[str, str] = {}

    def find(name: str) -> str:
        parent.setdefault(name, name)
        while parent[name] != name:
            name = parent[name]
        return name

    for link in links:
        if link.left_outlet != link.right_outlet:
            a, b = find(link.left_outlet), find(link.right_outlet)
            parent[max(a, b)] = min(a, b)
    groups: dict[str, set[str]] = defaultdict(set)
    for name in list(parent):
        groups[find(name)].add(name)
    return sorted(
        (sorted(g, key=lambda o: (o.casefold(), o)) for g in groups.values() if len(g) > 1),
        key=lambda g: (-len(g), g),
    )


def side_copies(side: Side, groups: Sequence[Sequence[str]]) -> list[list[str]]:
    """Return the copy groups with two or more of the side's outlets."""
    present = set(side.outlets)
    return [[o for o in group if o in present] for group in groups if len(present & set(group)) > 1]


# --- matrix -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """What one outlet says on one finding's topic: its sides, silence, or not covering it."""

    status: Literal["says", "silent", "absent"]
    sides: tuple[tuple[int, tuple[str, ...]], ...] = ()
    """(side index, the outlet's own distinct value texts) for each side it supports."""


# Most cells of a large matrix are empty: one shared (frozen) cell each, not one per cell.
_SILENT = Cell("silent")
_ABSENT = Cell("absent")


@dataclass(frozen=True, slots=True)
class Row:
    """One finding's row of the outlet-by-topic matrix."""

    finding: Finding
    cells: tuple[Cell, ...]


def matrix(report: Report) -> tuple[list[str], list[Row]]:
    """Return the outlets (columns) and one row per finding, in report order by topic."""
    columns = outlets(report)
    rows: list[Row] = []
    for _, findings in topics(report.findings):
        for finding in findings:
            says: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
            for index, side in enumerate(finding.sides):
                texts: dict[str, dict[str, str]] = defaultdict(dict)
                for evidence in side.evidence:
                    words = " ".join(evidence.text.split())
                    texts[evidence.outlet].setdefault(words.casefold(), words)
                for outlet in sorted(texts):
                    says[outlet].append((index, tuple(texts[outlet].values())))
            silent = set(finding.silent)
            cells = tuple(
                Cell("says", tuple(says[o])) if o in says else _SILENT if o in silent else _ABSENT
                for o in columns
            )
            rows.append(Row(finding, cells))
    return columns, rows
