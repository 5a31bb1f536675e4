"""Lexicons of time: happenings, zones and relative dates, duration units, timeframes.

The data files (``data/happenings.toml``, ``times.toml``, ``durations.toml``,
``penalties.toml``, ``timeframes.toml``) are documented in place; this module validates
each once, through the same loader as every other lexicon, and adds the look-up indexes
the extractors use.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from claimdiff.lexicon import load_data
from claimdiff.models import Record


class HappeningClass(Record):
    """One kind of happening: the nouns and verbs that name it."""

    nouns: list[str]
    verbs: list[str]
    actors: bool
    durative: bool


class Happenings(Record):
    """What dates and durations can be about."""

    light_verbs: list[str]
    place_verbs: list[str]
    roles: dict[Literal["began", "ended"], list[str]]
    not_happening_objects: dict[str, list[str]]
    classes: dict[str, HappeningClass]


class Times(Record):
    """Zones, parts of the day, clock tolerances, relative dates and claim filters."""

    zones: dict[str, int]
    local_markers: list[str]
    unknown_zones: list[str]
    min_offset: int
    max_offset: int
    undated_window_days: int
    parts_of_day: dict[str, tuple[int, int]]
    tolerance_minutes: dict[Literal["minute", "hour"], int]
    clock_hedges: dict[str, tuple[int, int]]
    relative: dict[str, tuple[Literal["day", "night", "week", "weekend", "month", "year"], int]]
    reporting_verbs: list[str]
    future_cues: list[str]


class DurationUnit(Record):
    """A unit of time: its length, its spellings and how loosely a plain count is meant."""

    seconds: int
    words: list[str]
    slack: tuple[float, float]


class Lasting(Record):
    """A lasting happening named by a verb ("strike for 48 hours", "close for a week")."""

    verbs: list[str]
    states: list[str]
    nouns: list[str]
    subjects: list[str]
    thing: bool


class Durations(Record):
    """Units, vague lengths and the words that say what a duration measures."""

    units: dict[str, DurationUnit]
    vague: dict[str, tuple[str, float, float]]
    length_verbs: list[str]
    age_adjectives: list[str]
    plan_verbs: list[str]
    possible_modals: list[str]
    lasting: dict[str, Lasting]


class PenaltyKind(Record):
    """A kind of penalty: its claim label and the verbs and nouns that give its length."""

    label: str
    verbs: dict[str, str]
    nouns: list[str]
    scoped: bool
    when_suspended: str | None = None


class Penalties(Record):
    """Prison sentences and bans: what gives them, and what is never one."""

    background: list[str]
    other_after: list[str]
    suspended: list[str]
    giving_verbs: list[str]
    receivers: list[str]
    role_words: list[str]
    kinds: dict[str, PenaltyKind]


class Horizon(Record):
    """A forward horizon ("days", "weeks") and its windows in days from publication."""

    words: list[str]
    coming: tuple[float, float]
    within: tuple[float, float]


class Timeframes(Record):
    """Forward time expressions."""

    horizons: dict[str, Horizon]
    lead_ins: dict[str, Literal["coming", "within"]]
    deadline_lead_ins: list[str]
    calendar_units: list[str]


@cache
def happenings() -> Happenings:
    """Return the happening lexicon."""
    return load_data(Happenings, "happenings.toml")


@cache
def times() -> Times:
    """Return the zone, relative-date and claim-filter lexicon."""
    return load_data(Times, "times.toml")


@cache
def durations() -> Durations:
    """Return the duration-unit lexicon."""
    return load_data(Durations, "durations.toml")


@cache
def penalties() -> Penalties:
    """Return the penalty lexicon (prison sentences and bans)."""
    return load_data(Penalties, "penalties.toml")


@cache
def timeframes() -> Timeframes:
    """Return the forward-timeframe lexicon."""
    return load_data(Timeframes, "timeframes.toml")


@cache
def happening_nouns() -> dict[str, str]:
    """Map each happening noun (one or two words) to its class."""
    return {
        noun: name for name, spec in sorted(happenings().classes.items()) for noun in spec.nouns
    }


@cache
def happening_verbs() -> dict[str, str]:
    """Map each happening verb (lemma, or "lemma particle") to its class."""
    return {
        verb: name for name, spec in sorted(happenings().classes.items()) for verb in spec.verbs
    }


@cache
def role_index() -> dict[str, str]:
    """Map each role verb ("begin", "break out") to its role ("began", "ended")."""
    return {verb: role for role, verbs in sorted(happenings().roles.items()) for verb in verbs}


@cache
def unit_index() -> dict[str, str]:
    """Map each spelling of a duration unit ("hrs", "weeks") to the unit's name."""
    return {word: name for name, unit in sorted(durations().units.items()) for word in unit.words}


@cache
def lasting_index() -> dict[str, str]:
    """Map each lasting verb, state and noun ("walk out", "closed") to its class."""
    return {
        word: name
        for name, spec in sorted(durations().lasting.items())
        for word in (*spec.verbs, *spec.states, *spec.nouns)
    }
