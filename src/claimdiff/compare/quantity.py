"""Numeric conflicts: the same measure at the same event, values that cannot both be true.

A running count (``trend`` in ``data/measures.toml``) stated on different days may have
moved between the statements: "12 killed" (the service said on Monday) and "41 killed"
(the service said on Wednesday) are both true, and are not set against each other. A
count's day is the day its sentence says it was stated (``said_on``), else its article's
publication date (``reported_on``); counts whose day is unknown, or stated on one day,
are compared as any others. A running count that moved the other way ("41" on Monday,
"12" on Wednesday) stays a conflict, and the finding says the later report gives fewer:
it may be a correction. The pairwise ``relate`` sees no documents and applies no days.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from datetime import date
from functools import cache
from typing import ClassVar

from claimdiff.align.blocking import ClaimGroup, MeasureKey, measure_key
from claimdiff.compare.base import Comparison, Verdict, quantity_of
from claimdiff.compare.groups import Cell, cell_phrase, cell_topic, cells, separation
from claimdiff.extract.speech import inflections, speech
from claimdiff.findings import Context, make_finding, make_side, measure_phrase
from claimdiff.lexicon import Trend, hedges, measures, phrase_alternatives
from claimdiff.models import Claim, ClaimKind, Finding, FindingKind, Quantity, Severity, Side
from claimdiff.normalise.dates import MONTHS, find_dates

# Relative gap below which two firm figures are a medium, not a high, finding.
SMALL_GAP = 0.1

# "Sunday's floods": a day that modifies a noun dates that thing, never a statement.
_POSSESSIVE = re.compile(r"['\u2019]s\b")

Days = tuple[date, date]
"""An inclusive range of days a count was stated on."""
_Dated = tuple[Claim, Days]


def _gap(left: Quantity, right: Quantity) -> float:
    """Return the distance between two disjoint intervals relative to the larger anchor."""
    if (
        left.high.value is not None
        and right.low.value is not None
        and left.high.value <= right.low.value
    ):
        distance = right.low.value - left.high.value
    elif right.high.value is not None and left.low.value is not None:
        distance = left.low.value - right.high.value
    else:
        distance = 0.0
    scale = max(abs(left.anchor), abs(right.anchor), 1.0)
    return max(distance, 0.0) / scale


def _looseness(value: Quantity) -> int:
    """Return 0 for a firm figure, 1 for a hedged one, 2 for a vague or open-ended one."""
    if value.hedge is None:
        return 0
    if value.hedge in hedges().vague or value.high.value is None or value.low.value in (None, 0.0):
        return 2
    return 1


class QuantityComparator:
    """Same subject, measure and event; intervals that cannot overlap.

    Contradiction: "42 people were injured" vs "Sixty people were hurt".
    Consistent:    "over two dozen nations committed" vs "26 nations committed".
    """

    name: ClassVar[str] = "quantity"
    kind: ClassVar[FindingKind] = FindingKind.NUMERIC_CONFLICT
    handles: ClassVar[frozenset[ClaimKind]] = frozenset({ClaimKind.QUANTITY})

    def block(self, claim: Claim) -> Hashable | None:
        """Counts meet when event, counted class and measure agree."""
        return measure_key(claim)

    def relate(self, left: Claim, right: Claim) -> Comparison:
        """Return the verdict on two quantity claims."""
        if (left.event, left.subject) != (right.event, right.subject):
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation="different topics")
        apart = separation(left, right)
        if apart is not None:
            return Comparison(verdict=Verdict.NOT_COMPARABLE, explanation=apart)
        if left.measure != right.measure:
            return Comparison(
                verdict=Verdict.DIFFERENT_MEASURE,
                explanation=(
                    f"{quantity_of(left).label()} {measure_phrase(left.subject, left.measure)} "
                    f"and {quantity_of(right).label()} "
                    f"{measure_phrase(right.subject, right.measure)} "
                    "count different things"
                ),
            )
        a, b = quantity_of(left), quantity_of(right)
        if a.overlaps(b):
            return Comparison(
                verdict=Verdict.CONSISTENT,
                explanation=f"{a.label()} {a.interval()} and {b.label()} {b.interval()} overlap",
            )
        ((cell, claims),) = cells([left, right])
        return Comparison(
            verdict=Verdict.CONTRADICTION,
            explanation=(
                f"{a.label()} vs {b.label()} "
                f"{cell_phrase(cell, claims, left.subject, left.measure)}, {_gap(a, b):.0%} apart"
            ),
        )

    def findings(self, group: ClaimGroup, context: Context) -> list[Finding]:
        """Return a finding per cell of the group whose values conflict across outlets.

        Counts of different groups or by different agents are in different cells and
        never compared (``compare/groups.py``).
        """
        if not isinstance(group.key, MeasureKey):
            return []
        found: list[Finding] = []
        for cell, claims in cells(group.claims):
            found.extend(self._cell_findings(group.key, cell, claims, context))
        return found

    def _cell_findings(
        self, key: MeasureKey, cell: Cell, claims: Sequence[Claim], context: Context
    ) -> list[Finding]:
        topic, measure = key
        updates = _Updates(measures().classes[measure].trend, context)
        values: dict[str, list[Claim]] = {}
        for claim in claims:
            values.setdefault(quantity_of(claim).interval(), []).append(claim)
        groups = sorted(values.values(), key=lambda cs: _order(quantity_of(cs[0])))
        clashing: set[int] = set()
        for i, left in enumerate(groups):
            for j in range(i + 1, len(groups)):
                right = groups[j]
                if quantity_of(left[0]).overlaps(quantity_of(right[0])):
                    continue
                # Two counts of different documents clash unless one updates the other.
                if any(
                    a.doc_id != b.doc_id and not updates.updated(a, b) for a in left for b in right
                ):
                    clashing.update((i, j))
        if not clashing:
            return []
        # Values compatible with every other value support no side and are left out.
        chosen = [groups[i] for i in sorted(clashing)]
        values_list = [quantity_of(cs[0]) for cs in chosen]
        phrase = cell_phrase(cell, claims, topic.subject, measure)
        sides = [
            make_side(
                cs, label=f"{value.label()} {phrase}", measure=measure, value=value, context=context
            )
            for cs, value in zip(chosen, values_list, strict=True)
        ]
        # The finding is as serious as its most serious clash: "32" vs "41" is high even
        # when a third outlet's "at least 40" is loose.
        severity, confidence = min(
            (
                _grade(_gap(a, b), max(_looseness(a), _looseness(b)))
                for a in values_list
                for b in values_list
                if not a.overlaps(b)
            ),
            key=lambda graded: (graded[0].rank, -graded[1]),
        )
        explanation = _explain(phrase, values_list, sides)
        others = [c for i, cs in enumerate(groups) if i not in clashing for c in cs]
        for note in (updates.backwards(chosen), updates.left_out(others, chosen)):
            if note:
                explanation = f"{explanation} {note}"
        return [
            make_finding(
                self.kind,
                sides=sides,
                severity=severity,
                confidence=confidence,
                topic=cell_topic(cell, claims, topic.subject, topic.event, context),
                event=topic.event,
                explanation=explanation,
                context=context,
            )
        ]


class _Updates:
    """Which counts of one running measure update each other (see the module docstring)."""

    def __init__(self, trend: Trend | None, context: Context) -> None:
        self._trend = trend
        self._context = context
        self._days: dict[str, Days | None] = {}

    def _reported(self, claim: Claim) -> Days | None:
        if claim.id not in self._days:
            self._days[claim.id] = reported_on(claim, self._context)
        return self._days[claim.id]

    def _in_time(self, a: Claim, b: Claim) -> tuple[_Dated, _Dated] | None:
        """Return (earlier, later) with their days when both have days, none in common."""
        if self._trend is None or a.doc_id == b.doc_id:
            return None
        days_a, days_b = self._reported(a), self._reported(b)
        if days_a is None or days_b is None:
            return None
        if days_a[1] < days_b[0]:
            return (a, days_a), (b, days_b)
        if days_b[1] < days_a[0]:
            return (b, days_b), (a, days_a)
        return None

    def updated(self, a: Claim, b: Claim) -> bool:
        """Return True when one count is a later figure the other moved to."""
        ordered = self._in_time(a, b)
        return ordered is not None and _moved(ordered[0][0], ordered[1][0], self._trend)

    def backwards(self, sides: Sequence[Sequence[Claim]]) -> str:
        """Return what an editor reads of counts that moved against their trend ("" if none).

        "The later report gives fewer: 12 (National Wire, 6 May) after 41 (Valley
        Courier, 4 May)."
        """
        seen: set[tuple[Days, Days, str, str]] = set()
        for i, left in enumerate(sides):
            for right in sides[i + 1 :]:
                for a in left:
                    for b in right:
                        ordered = self._in_time(a, b)
                        if ordered is None or _moved(ordered[0][0], ordered[1][0], self._trend):
                            continue
                        (earlier, days_e), (later, days_l) = ordered
                        seen.add(
                            (days_e, days_l, self._said(earlier, days_e), self._said(later, days_l))
                        )
        if not seen:
            return ""
        word = "fewer" if self._trend == "rises" else "more"
        pairs = "; ".join(f"{later} after {earlier}" for _, _, earlier, later in sorted(seen))
        return f"The later report gives {word}: {pairs}."

    def left_out(self, others: Sequence[Claim], sides: Sequence[Sequence[Claim]]) -> str:
        """Return what an editor reads of counts left out as updates of a side ("" if none).

        "Updates on other days are not set against these: 41 (The Valley Post, 5 March)."
        """
        found: dict[tuple[Days, float, str], set[str]] = {}
        for other in others:
            value = quantity_of(other)
            days = self._reported(other)
            if days is None or not any(
                not value.overlaps(quantity_of(claim)) and self.updated(other, claim)
                for side in sides
                for claim in side
            ):
                continue
            key = (days, value.anchor, value.label())
            found.setdefault(key, set()).add(self._context.outlet(other.doc_id))
        if not found:
            return ""
        listed = "; ".join(
            f"{label} ({', '.join(sorted(outlets))}, {_days_label(days)})"
            for (days, _, label), outlets in sorted(found.items())
        )
        return f"Updates on other days are not set against these: {listed}."

    def _said(self, claim: Claim, days: Days) -> str:
        """Return "41 (Valley Courier, 4 May)"."""
        outlet = self._context.outlet(claim.doc_id)
        return f"{quantity_of(claim).label()} ({outlet}, {_days_label(days)})"


def _moved(earlier: Claim, later: Claim, trend: Trend | None) -> bool:
    """Return True when the later count lies where the trend moves the earlier one."""
    before, after = quantity_of(earlier), quantity_of(later)
    if trend == "rises":
        low, high = after.low.value, before.high.value
    elif trend == "falls":
        low, high = before.low.value, after.high.value
    else:
        return False
    return low is not None and high is not None and low >= high


def reported_on(claim: Claim, context: Context) -> Days | None:
    """Return the days a count was stated on: its sentence's (``said_on``), else published.

    None when neither is known: the count has no day, and is compared as any other.
    """
    document = context.documents.get(claim.doc_id)
    if document is None:
        return None
    published = document.published
    said = said_on(claim.sentence.text(document), published)
    if said is not None:
        return said
    return (published, published) if published is not None else None


def said_on(text: str, published: date | None) -> Days | None:
    """Return the day a sentence says its statement was made: "the service said on Monday".

    The day must follow a verb of saying (``data/speech.toml``) with at most the words of
    ``said_on_links`` (``data/measures.toml``) in between, or open the sentence or a
    clause whose verb is a verb of saying ("On Monday, the service said 12 had died";
    not "On Monday, 12 died, the service said": that day dates the deaths), and not lie
    after ``published``; a possessive day ("said Sunday's floods") is none. None when no
    day is said, or when the sentence says several ("said on Monday ... said on
    Wednesday": which statement gave the count is unknown).
    """
    after_verb, opening, governs = _said_before(), _opening(), _governs()
    found = {
        (mention.first, mention.last)
        for mention in find_dates(text, published=published)
        if (published is None or mention.first <= published)
        and not _POSSESSIVE.match(text, mention.end)
        and (
            after_verb.search(text, 0, mention.start)
            or (opening.search(text, 0, mention.start) and governs.match(text, mention.end))
        )
    }
    return next(iter(found)) if len(found) == 1 else None


@cache
def _speech_forms() -> str:
    """Return a regex alternation of the forms of the verbs of saying."""
    lexicon = speech()
    forms = set(lexicon.irregular)
    for lemma in (*lexicon.statement_verbs, *lexicon.relay_verbs):
        forms |= inflections(lemma)
    return phrase_alternatives(forms)


@cache
def _said_before() -> re.Pattern[str]:
    """Return a pattern matching a verb of saying and its links at the end of a text."""
    links = phrase_alternatives(measures().said_on_links)
    return re.compile(rf"\b(?:{_speech_forms()})(?:\s+(?:{links}))*\s+$", re.IGNORECASE)


@cache
def _opening() -> re.Pattern[str]:
    """Return a pattern matching the start of a clause and links at the end of a text.

    "On ", "Late on ", "; in a statement on ", ", and on "; a clause link needs a link.
    """
    lexicon = measures()
    links = phrase_alternatives(lexicon.said_on_links)
    clause_links = phrase_alternatives(lexicon.said_on_clause_links)
    return re.compile(
        rf"(?:(?:^|[;:\u2013\u2014])[\s\"'\u201c\u2018(]*(?:(?:{links})\s+)*"
        rf"|\b(?:{clause_links})\s+(?:(?:{links})\s+)+)$",
        re.IGNORECASE,
    )


@cache
def _governs() -> re.Pattern[str]:
    """Return a pattern matching what follows a day that dates a statement.

    ", the agency said 41", " evening, a spokeswoman for the ministry told reporters that".
    """
    lexicon = measures()
    links = phrase_alternatives(lexicon.said_on_links)
    parts = phrase_alternatives(lexicon.said_on_day_parts)
    stops = phrase_alternatives(lexicon.said_on_subject_stops)
    word = rf"(?!(?:{stops})\b)[^\W\d][^\s,;:()\d]*"
    return re.compile(
        rf"(?:\s+(?:{parts}))?,?\s+(?:{word}\s+){{1,{lexicon.said_on_subject_words}}}"
        rf"(?:{_speech_forms()})(?:\s+(?:{links}))*:?\s+[\w\"'\u201c\u2018]",
        re.IGNORECASE,
    )


def _days_label(days: Days) -> str:
    """Return "6 May", or "4 May to 10 May" for a range of days."""
    first, last = (f"{day.day} {MONTHS[day.month - 1]}" for day in days)
    return first if first == last else f"{first} to {last}"


def _order(value: Quantity) -> tuple[float, str]:
    return (value.anchor, value.interval())


def _grade(gap: float, looseness: int) -> tuple[Severity, float]:
    """Severity and confidence from the size of the gap and the looseness of the wording."""
    if looseness == 0:
        return (Severity.HIGH, 0.9) if gap >= SMALL_GAP else (Severity.MEDIUM, 0.8)
    if looseness == 1:
        return (Severity.MEDIUM, 0.75) if gap >= SMALL_GAP else (Severity.LOW, 0.6)
    return Severity.LOW, 0.5


def _explain(phrase: str, values: Sequence[Quantity], sides: Sequence[Side]) -> str:
    parts = [
        f"{value.label()} ({', '.join(side.outlets)})"
        for value, side in zip(values, sides, strict=True)
    ]
    return (
        f"Outlets disagree on how many {phrase}: {' vs '.join(parts)}; "
        "these figures cannot all be true."
    )
