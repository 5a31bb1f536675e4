"""What the date, time, duration and timeframe comparators share.

Blocking keys (a happening's date meets only dates of the same happening at the same
event; a timeframe only the same speaker's timeframes for the same undertaking), time
ranges set on one axis across time zones, participants that keep two meetings apart,
and the grouping of a key's claims into clashing sides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

from rapidfuzz import fuzz

from claimdiff.compare.base import Comparison, Verdict
from claimdiff.findings import Context, make_side
from claimdiff.models import Claim, ClaimKind, DurationValue, Side, TimeValue, Value
from claimdiff.normalise.timelex import happenings, times

CLOCK = frozenset({"minute", "hour"})
# Two participant names this similar are one person ("Zelensky", "Zelenskyy").
NAME_SIMILARITY = 85


class WhenKey(NamedTuple):
    """Dates or times of one happening at one event: (event, subject class, role)."""

    event: str
    kind: str
    subject: str
    measure: str


class TimeframeKey(NamedTuple):
    """One speaker's timeframes for one undertaking at one event."""

    event: str
    kind: str
    speaker: str
    subject: str


def when_key(claim: Claim, kind: ClaimKind) -> WhenKey | None:
    """Return the key of a time or duration claim of ``kind`` (None for other claims)."""
    if claim.kind is not kind or not claim.event:
        return None
    return WhenKey(claim.event, kind.value, claim.subject, claim.measure)


def timeframe_key(claim: Claim) -> TimeframeKey | None:
    """Return the key of a timeframe claim (None for other claims)."""
    if claim.kind is not ClaimKind.TIMEFRAME or not claim.event:
        return None
    return TimeframeKey(claim.event, claim.kind.value, claim.speaker or "", claim.subject)


def time_of(claim: Claim) -> TimeValue:
    """Return a time or timeframe claim's value."""
    if not isinstance(claim.value, TimeValue):
        raise TypeError(f"claim {claim.id} is a {claim.kind} claim, not a time")
    return claim.value


def duration_of(claim: Claim) -> DurationValue:
    """Return a duration claim's value."""
    if not isinstance(claim.value, DurationValue):
        raise TypeError(f"claim {claim.id} is a {claim.kind} claim, not a duration")
    return claim.value


def same_people(left: Sequence[str], right: Sequence[str]) -> bool:
    """Return True unless both name participants and no participant is shared."""
    if not left or not right:
        return True
    return any(a == b or fuzz.ratio(a, b) >= NAME_SIMILARITY for a in left for b in right)


def actors_matter(subject: str) -> bool:
    """Return True when who took part tells two happenings of this class apart."""
    spec = happenings().classes.get(subject)
    return spec is not None and spec.actors


def _tolerance(value: TimeValue) -> timedelta:
    minutes = times().tolerance_minutes.get(value.granularity, 0)  # type: ignore[call-overload]
    return timedelta(minutes=minutes)


def _foreign(value: TimeValue) -> bool:
    """Return True for a time in a named zone whose offset is unknown ("3 p.m. ET")."""
    zone = value.timezone
    return value.offset_minutes is None and zone is not None and not zone.startswith("local")


def _local(value: TimeValue) -> bool:
    """Return True for local time whose offset a written pair gave ("10:00 (0800 GMT)")."""
    return value.offset_minutes is not None and (value.timezone or "").startswith("local")


def _axis(value: TimeValue, other: TimeValue) -> tuple[datetime, datetime]:
    """Return the value's range on a common axis: UTC when an offset is known.

    A value without a zone set against local time whose offset is known is read as that
    same local time; set against a zone such as GMT it may be any offset, so "30 July"
    local can be "29 July" in UTC.
    """
    start, end = value.start - _tolerance(value), value.end + _tolerance(value)
    widened = (
        start - timedelta(minutes=times().max_offset),
        end - timedelta(minutes=times().min_offset),
    )
    if value.offset_minutes is not None:
        return _utc(start, end, value.offset_minutes)
    if _foreign(value) or _foreign(other):
        # "3:12 p.m. ET" against another wall clock: two zones, neither offset known.
        return widened
    if other.offset_minutes is None:
        return start, end
    if _local(other) and (value.timezone is None or value.timezone.startswith("local")):
        return _utc(start, end, other.offset_minutes)
    return widened


def _utc(start: datetime, end: datetime, offset: int) -> tuple[datetime, datetime]:
    shift = timedelta(minutes=offset)
    return start - shift, end - shift


def _ranges(
    left: TimeValue, right: TimeValue
) -> list[tuple[datetime, datetime, datetime, datetime]]:
    """Return the two ranges on one axis, once per day an undated clock time may fall on."""
    shifts = [timedelta(0)]
    if not (left.dated and right.dated):
        # A clock time without a date: only the clock is claimed, so it is set on the
        # other's day, and on the days either side (a report may cross midnight).
        moved = datetime.combine(left.start.date(), right.start.time())
        right = right.model_copy(update={"start": moved, "end": moved + (right.end - right.start)})
        shifts = [timedelta(days=d) for d in (-1, 0, 1)]
    a_start, a_end = _axis(left, right)
    b_start, b_end = _axis(right, left)
    return [(a_start, a_end, b_start + s, b_end + s) for s in shifts]


def compatible(left: TimeValue, right: TimeValue) -> bool:
    """Return True when two time values can describe one moment.

    Ranges are compared on one axis (zones respected, unknown local offsets widened), with
    the tolerance of written clock times; an undated clock time matches a clock time on
    the day before, the same day or the day after.
    """
    return any(a0 < b1 and b0 < a1 for a0, a1, b0, b1 in _ranges(left, right))


def distance(left: TimeValue, right: TimeValue) -> timedelta:
    """Return how far apart two time values are on one axis (zero when they overlap)."""
    return min(max(b0 - a1, a0 - b1, timedelta(0)) for a0, a1, b0, b1 in _ranges(left, right))


def clashing_sides(
    claims: Sequence[Claim],
    label: Callable[[Claim], str],
    clash: Callable[[Claim, Claim], bool],
    agree: Callable[[Claim, Claim], bool],
) -> list[list[Claim]]:
    """Return the sides of a finding: claims grouped by value, compatible values together.

    Values that clash with another document's value take part; a value compatible with
    every other value supports no side and is left out. Compatible values ("90 minutes",
    "an hour and a half") stand on one side, so they are never shown as disagreeing. An
    outlet that gives both values itself sets no side against another outlet: it tells of
    two happenings ("nurses struck for 24 hours last month; junior doctors walked out for
    three days"), as ``compare/status.py`` reads a change of mind.
    """
    values: dict[str, list[Claim]] = {}
    for claim in claims:
        values.setdefault(label(claim), []).append(claim)
    groups = [values[key] for key in sorted(values)]
    docs = [{c.doc_id for c in group} for group in groups]
    chosen: set[int] = set()
    for i, left in enumerate(groups):
        for j in range(i + 1, len(groups)):
            right = groups[j]
            if any(
                a.doc_id not in docs[j] and b.doc_id not in docs[i] and clash(a, b)
                for a in left
                for b in right
            ):
                chosen.update((i, j))
    sides: list[list[Claim]] = []
    for index in sorted(chosen):
        group = groups[index]
        side = next(
            (s for s in sides if all(agree(a, b) for a in s for b in group)),
            None,
        )
        if side is None:
            sides.append(list(group))
        else:
            side.extend(group)
    return sides if len(sides) >= 2 else []


def verdict_sides(
    claims: Sequence[Claim],
    label: Callable[[Claim], str],
    relate: Callable[[Claim, Claim], Comparison],
) -> list[list[Claim]]:
    """Return ``clashing_sides`` where clashing and agreeing are the verdicts of ``relate``."""
    return clashing_sides(
        claims,
        label=label,
        clash=lambda a, b: relate(a, b).verdict is Verdict.CONTRADICTION,
        agree=lambda a, b: relate(a, b).verdict is Verdict.CONSISTENT,
    )


def make_sides(
    chosen: Sequence[Sequence[Claim]],
    *,
    label: Callable[[Claim], str],
    value: Callable[[Claim], Value],
    measure: str,
    context: Context,
) -> list[Side]:
    """Return a finding's sides: each labelled by its values as written (``side_text``)."""
    return [
        make_side(
            claims,
            label=side_text(claims, label),
            measure=measure,
            value=value(claims[0]),
            context=context,
        )
        for claims in chosen
    ]


def describe_sides(sides: Sequence[Side]) -> str:
    """Return "Thursday (A) vs Wednesday (B, C)": each side's label and its outlets."""
    return " vs ".join(f"{side.label} ({', '.join(side.outlets)})" for side in sides)


def side_label(value: TimeValue) -> str:
    """Return a side's label: the words as written and the range they were read as."""
    return f"{value.surface} ({value.normalised()})"


def side_text(claims: Sequence[Claim], label: Callable[[Claim], str]) -> str:
    """Return a side's label: its distinct values as written, in order ("90 minutes / ...")."""
    seen: list[str] = []
    for claim in sorted(claims, key=lambda c: (c.doc_id, c.evidence.start)):
        text = label(claim)
        if text not in seen:
            seen.append(text)
    return " / ".join(seen)


def speaker_name(speaker: str) -> str:
    """Return a readable name for a speaker id ("person:anika-roth" -> "Anika Roth")."""
    name = speaker.split(":", 1)[-1].replace("-", " ")
    return " ".join(word.capitalize() for word in name.split())
