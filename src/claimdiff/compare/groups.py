"""Counts of different groups or by different agents: which counts of a key meet.

Compared:     "12 Ukrainian soldiers were killed" vs "40 Ukrainian soldiers were killed";
              "Halvorsen will cut 1,200 jobs" vs "Halvorsen Motors will cut 800 jobs".
Not compared: "12 Ukrainian soldiers" vs "40 Russian soldiers" (different qualifiers);
              "Halvorsen will cut 1,200 jobs" vs "Bergmann will cut 800 jobs" (agents).

Counts sharing a blocking key (``align/blocking.py``) are split into *cells*, one per
qualifier and agent, and only counts within a cell are compared. A count that states
no qualifier (or no agent, or only a pronoun nothing resolves) joins the cell of the one
qualifier (agent) the group's counts state when they state just one, and shares a cell
with the other such counts when they state none. When they state several, its group is
unknown. If their counts show the groups differ (two give figures of one measure that
cannot overlap, or none of one measure to set side by side), it gets a cell of its own
and is compared with nothing, not even another count stating none, which may be the
other group's (precision first): with "12 Ukrainian soldiers" and "40 Russian soldiers"
(outlet A), B's "12 soldiers" and C's "40 soldiers" are not set against each other. If
every two of them give the same figure ("26 of Ukraine's allies", "26 non-NATO
nations"), nothing tells them apart, and the counts stating none share a cell, compared
with each other only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from claimdiff.compare.base import event_label
from claimdiff.extract.qualifiers import UNRESOLVED
from claimdiff.findings import Context, measure_phrase, plural
from claimdiff.lexicon import read_data
from claimdiff.models import Claim, Quantity
from claimdiff.normalise.entities import entity_table, fold

__all__ = ["Cell", "cells", "cell_phrase", "cell_topic", "separation"]

Cell = tuple[str | None, str | None]
"""The (qualifier, agent) counts must share to be compared; None: stated by none.

A count whose qualifier (agent) is unknown has a value of its own: ``unknown:`` and its
position among the group's counts.
"""


def cells(claims: Sequence[Claim]) -> list[tuple[Cell, list[Claim]]]:
    """Return the claims split into cells, in the order of each cell's first claim."""
    qualifiers = _assign(claims, [c.qualifier for c in claims])
    agents = _assign(claims, [c.agent for c in claims])
    split: dict[Cell, list[Claim]] = {}
    for claim, qualifier, agent in zip(claims, qualifiers, agents, strict=True):
        split.setdefault((qualifier, agent), []).append(claim)
    return list(split.items())


def separation(left: Claim, right: Claim) -> str | None:
    """Return why two counts are not compared (different groups or agents), or None."""
    # Two claims fall in different cells only when both state a qualifier (agent).
    qualifiers = _assign([left, right], [left.qualifier, right.qualifier])
    if qualifiers[0] != qualifiers[1]:
        return (
            f"{_qualifier_label(left.qualifier)} and {_qualifier_label(right.qualifier)} "
            f"{plural(left.subject)} are different groups"
        )
    agents = _assign([left, right], [left.agent, right.agent])
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


def _assign(claims: Sequence[Claim], values: Sequence[str | None]) -> list[str | None]:
    """Return each claim's cell for its value: its representative, else the one stated.

    Names stated in full and in part ("Halvorsen Motors", "Halvorsen") are one value
    when the part belongs to one name only. Values stating none (None, ``UNRESOLVED``)
    join the one value stated, share None when none is stated or the stated ones look
    alike (``_differ``), and are each alone otherwise.
    """
    stated = sorted({v for v in values if v is not None and v != UNRESOLVED})
    reps = {value: _representative(value, stated) for value in stated}
    cell_of = [reps.get(v) if v is not None else None for v in values]
    distinct = sorted(set(reps.values()))
    alone = len(distinct) > 1 and _differ(claims, cell_of)
    assigned: list[str | None] = []
    for i, cell in enumerate(cell_of):
        if cell is not None:
            assigned.append(cell)
        elif len(distinct) == 1:
            assigned.append(distinct[0])
        else:
            assigned.append(f"unknown:{i}" if alone else None)
    return assigned


def _differ(claims: Sequence[Claim], cell_of: Sequence[str | None]) -> bool:
    """Return True unless every two stated values give overlapping figures of one measure.

    Two values differ when two of their counts of one measure cannot overlap, or when
    they have no count of the same measure to set side by side.
    """
    figures: dict[str, dict[str, dict[str, Quantity]]] = {}
    for claim, cell in zip(claims, cell_of, strict=True):
        if cell is not None and isinstance(claim.value, Quantity):
            by_measure = figures.setdefault(cell, {}).setdefault(claim.measure, {})
            by_measure[claim.value.interval()] = claim.value
    ordered = sorted(figures)
    for i, left in enumerate(ordered):
        for right in ordered[i + 1 :]:
            shared = sorted(set(figures[left]) & set(figures[right]))
            if not shared or any(
                not a.overlaps(b)
                for measure in shared
                for a in figures[left][measure].values()
                for b in figures[right][measure].values()
            ):
                return True
    return False


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
