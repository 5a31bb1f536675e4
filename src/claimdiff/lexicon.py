"""Lexicons read from ``claimdiff/data/*.toml``: hedges, numbers, nouns, measures, events.

The data files are documented in place; this module validates them once and exposes
them as typed, frozen records. A broken data file is a packaging bug, reported as a
``ConfigError`` naming the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Literal, TypeVar

from pydantic import ValidationError

from claimdiff.errors import ConfigError
from claimdiff.models import Record

HedgeRule = Literal["above", "at_least", "below", "at_most", "near_below", "near_above", "approx"]
Trend = Literal["rises", "falls"]


class ApproxBands(Record):
    """Half-widths of "about n", looser for rounder n."""

    rows: list[tuple[int, float]]
    default: float
    min_abs: float


class Hedges(Record):
    """Hedge phrases and the interval rule each one applies."""

    near_below_fraction: float
    approx: ApproxBands
    phrases: dict[str, HedgeRule]
    vague: dict[str, tuple[float, float]]


class NumberWords(Record):
    """Cardinal number words and multipliers."""

    units: dict[str, int]
    multipliers: dict[str, int]


class NotCounted(Record):
    """Nouns whose numbers are measurements, not counts."""

    time_units: list[str]
    pronouns: list[str]


class Nouns(Record):
    """Counted-noun classes."""

    classes: dict[str, list[str]]
    not_counted: NotCounted
    plurals: dict[str, str]
    relational: list[str]

    def plural(self, word: str) -> str:
        """Return the plural a finding uses for a counted-noun class."""
        if word in self.plurals:
            return self.plurals[word]
        if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
            return word[:-1] + "ies"
        return word if word.endswith("s") else word + "s"


class MeasureClass(Record):
    """One predicate class: its cues and how findings phrase it."""

    family: str
    verb: str
    noun: str
    cues: list[str]
    trend: Trend | None = None
    """How a running count moves as a story unfolds (None: it is no running count)."""


class Measures(Record):
    """Predicate classes and the carrier nouns a search may pass through."""

    carriers: list[str]
    object_decides: list[str]
    capacity_heads: list[str]
    capacity_auxiliaries: list[str]
    said_on_links: list[str]
    said_on_clause_links: list[str]
    said_on_day_parts: list[str]
    said_on_subject_words: int
    said_on_subject_stops: list[str]
    classes: dict[str, MeasureClass]


def read_data(name: str) -> dict[str, object]:
    """Return a packaged data file (``claimdiff/data/<name>``) parsed as TOML."""
    path = resources.files("claimdiff") / "data" / name
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"claimdiff/data/{name}: {exc}") from exc


T = TypeVar("T", bound=Record)


def _validate(model: type[T], name: str) -> T:
    try:
        return model.model_validate(read_data(name))
    except ValidationError as exc:
        lines = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"claimdiff/data/{name}: {lines}") from exc


def load_data(model: type[T], name: str) -> T:
    """Return the packaged data file ``name`` validated as ``model`` (for other modules)."""
    return _validate(model, name)


def phrase_alternatives(phrases: Iterable[str]) -> str:
    """Return a regex alternation of phrases, longest first, a space matching any whitespace."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@cache
def hedges() -> Hedges:
    """Return the hedge lexicon."""
    return _validate(Hedges, "hedges.toml")


@cache
def number_words() -> NumberWords:
    """Return the number-word lexicon."""
    return _validate(NumberWords, "numbers.toml")


@cache
def nouns() -> Nouns:
    """Return the counted-noun lexicon."""
    return _validate(Nouns, "nouns.toml")


@cache
def measures() -> Measures:
    """Return the predicate-class lexicon."""
    return _validate(Measures, "measures.toml")


@cache
def noun_class_index() -> dict[str, str]:
    """Map each listed noun lemma to its class."""
    return {lemma: cls for cls, lemmas in sorted(nouns().classes.items()) for lemma in lemmas}


@cache
def measure_cue_index() -> dict[str, str]:
    """Map each cue lemma (or two-word phrase) to its measure class.

    A cue restricted to a part of speech is keyed "lemma:noun" or "lemma:verb".
    """
    index: dict[str, str] = {}
    for cls, spec in sorted(measures().classes.items()):
        for cue in spec.cues:
            index.setdefault(cue, cls)
    return index


class EventLexicon(Record):
    """Occasion nouns and how much of a document's lead sets its date."""

    nouns: list[str]
    lead_sentences: int


@cache
def event_lexicon() -> EventLexicon:
    """Return the event lexicon."""
    return _validate(EventLexicon, "events.toml")
