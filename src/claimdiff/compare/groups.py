"""Counts of different groups or by different agents: which counts of a key meet.

Compared:     "12 Ukrainian soldiers were killed" vs "40 Ukrainian soldiers were killed";
              "Halvorsen will cut 1,200 jobs" vs "Halvorsen Motors will cut 800 jobs".
Not compared: "12 Ukrainian soldiers" vs "40 Russian soldiers" (different qualifiers);
              "Halvorsen will cut 1,200 jobs" vs "Bergmann will cut 800 jobs" (agents).

Counts sharing a blocking key (``align/blocking.py``) are split into *cells*, one per
qualifier and agent, and only counts within a cell are compared. A count that states
no qualifier (or no agent, or only a pronoun nothing resolves) joins the cell of the one
qualifier (agent) the group's counts state, when they state just one; when they state
several, which one it belongs to is unknown, and it is compared only with counts that
state none either (precision first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from claimdiff.compare.base import event_label
from claimdiff.extract.qualifiers import UNRESOLVED
from claimdiff.findings import Context, measure_phrase, plural
from claimdiff.lexicon import read_data
from claimdiff.models import Claim
from claimdiff.normalise.entities import entity_table, fold

__all__ = ["Cell", "cells", "cell_phrase", "cell_topic", "separation"]

Cell = tuple[str | None, str | None]
"""The (qualifier, agent) counts must share to be compared; None: stated by none."""


def cells(claims: Sequence[Claim]) -> list[tuple[Cell, list[Claim]]]:
    """Return the claims split into cells, in the order of each cell's first claim."""
    qualifiers = _assign([c.qualifier for c in claims])
    agents = _assign([c.agent for c in claims])
    split: dict[Cell, list[Claim]] = {}
    for claim, qualifier, agent in zip(claims, qualifiers, agents, strict=True):
        split.setdefault((qualifier, agent), []).append(claim)
    return list(split.items())


def separation(left: Claim, right: Claim) -> str | None:
    """Return why two counts are not compared (different groups or agents), or None."""
    # Two claims fall in different cells only when both state a qualifier (agent).
    qualifiers = _assign([left.qualifier, right.qualifier])
    if qualifiers[0] != qualifiers[1]:
        return (
            f"{_qualifier_label(left.qualifier)} and {_qualifier_label(right.qualifier)} "
            f"{plural(left.subject)} are different groups"
        )
    agents = _assign([left.agent, right.agent])
    if agents[0] != agents[1]:
        return f"{_agent_label(left.agent)} and {_agent_label(right.agent)} are different agents"
    return None


def cell_phrase(cell: Cell, claims: Sequence[Claim], subject: str, measure: str) -> str:
    """Return "Ukrainian soldiers were killed": a cell's count in words."""
    qualifier, agent = _stated(cell, claims)
    phrase = measure_phrase(subject, measure)
    if qualifier:
        phrase = f"{qualifier} {phrase}"
    return f"{phrase} by {agent}" if agent else phrase


def cell_topic(
    cell: Cell, claims: Sequence[Claim], subject: str, event: str, context: Context
) -> str:
    """Return "number of Ukrainian soldiers (Paris, 4 September 2025)": a cell's topic.

    An agent follows the counted thing: "number of jobs, Halvorsen Motors (...)".
    """
    qualifier, agent = _stated(cell, claims)
    what = f"{qualifier} {plural(subject)}" if qualifier else plural(subject)
    if agent:
        what = f"{what}, {agent}"
    return f"number of {what} ({event_label(event, context)})"


def _stated(cell: Cell, claims: Sequence[Claim]) -> tuple[str, str]:
    """Return the labels of the cell's qualifier and agent, when some claim in it states them.

    A claim stating a qualifier (agent) is in the cell of that one; a cell whose claims
    all joined it without stating one gets no label.
    """
    qualifier, agent = cell
    stated_q = any(c.qualifier is not None for c in claims)
    stated_a = any(c.agent not in (None, UNRESOLVED) for c in claims)
    return (
        _qualifier_label(qualifier) if stated_q else "",
        _agent_label(agent) if stated_a else "",
    )


def _assign(values: Sequence[str | None]) -> list[str | None]:
    """Return each value's cell: its representative, or the only one for those stating none.

    Names stated in full and in part ("Halvorsen Motors", "Halvorsen") are one value
    when the part belongs to one name only.
    """
    stated = sorted({v for v in values if v is not None and v != UNRESOLVED})
    reps = {value: _representative(value, stated) for value in stated}
    only = next(iter(set(reps.values()))) if len(set(reps.values())) == 1 else None
    return [reps.get(v, only) if v is not None else only for v in values]


def _representative(value: str, stated: Sequence[str]) -> str:
    """Return the one longest stated name whose words include all of this name's words."""
    words = _name_words(value)
    if words is None:
        return value
    wider = [v for v in stated if (w := _name_words(v)) is not None and words <= w]
    widest = [v for v in wider if not any(_wider(v, other) for other in wider)]
    return widest[0] if len(widest) == 1 else value


def _wider(value: str, other: str) -> bool:
    words, others = _name_words(value), _name_words(other)
    return words is not None and others is not None and words < others


def _name_words(value: str) -> frozenset[str] | None:
    if not value.startswith("name:"):
        return None
    return frozenset(fold(value.removeprefix("name:")).split())


def _qualifier_label(qualifier: str | None) -> str:
    """Return "Ukrainian", "non-NATO", "American and British" for a qualifier."""
    if qualifier is None:
        return ""
    return " and ".join(_part_label(part, _demonym) for part in qualifier.split("+"))


def _agent_label(agent: str | None) -> str:
    """Return "Halvorsen Motors", "Russia" for an agent ("" when none or unresolved)."""
    if agent is None or agent == UNRESOLVED:
        return ""
    return " and ".join(_part_label(part, _entity_name) for part in agent.split("+"))


def _part_label(value: str, label: Callable[[str], str]) -> str:
    if value.startswith("non:"):
        return "non-" + _part_label(value.removeprefix("non:"), label)
    kind, _, name = value.partition(":")
    if kind in ("name", "group"):
        return name
    return label(value)


def _entity_name(entity_id: str) -> str:
    entity = entity_table().entities.get(entity_id)
    return entity.name if entity is not None else entity_id


def _demonym(entity_id: str) -> str:
    return _demonyms().get(entity_id) or _entity_name(entity_id)


@cache
def _demonyms() -> dict[str, str]:
    """Map each country id to its first demonym (``countries.toml``)."""
    countries = read_data("countries.toml").get("country", [])
    found: dict[str, str] = {}
    for country in countries if isinstance(countries, list) else []:
        demonyms = country.get("demonyms", [])
        if demonyms:
            found[str(country["id"])] = str(demonyms[0])
    return found
