"""The model's attribute ruler with its rules found by lookup instead of spaCy's Matcher.

The English model's ``attribute_ruler`` sets each token's coarse part of speech,
morphology and some lemmas from its tag, and for some words from its form or
dependency: 179 rules in ``en_core_web_sm`` 3.8, nearly all of one token. spaCy's
Matcher tries every rule at every token; on claimdiff's sentences that costs more than
the parser (issue 7: 1.6 s of 11.6 s for the candidate sentences of 100 articles).

Whether a one-token rule matches a token depends only on the few attributes the rules
read (tag, lower-case form, dependency, ...), and news repeats the same combinations,
so the rules matching each combination are worked out once and then looked up. A rule
of several tokens is tried only where its first token matches. The matches are the
Matcher's, in the order the ruler sorts them, and the ruler applies them itself; so
every token gets exactly the attributes it would have had (tested against the Matcher).

Rules outside what this reads (quantifiers, other attributes or predicates) leave the
ruler untouched: ``install`` returns False.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from spacy.attrs import IDS

__all__ = ["READ", "LookupMatcher", "Unsupported", "install", "lookup_matcher"]

READ: dict[str, bool] = {
    "ORTH": False,
    "LOWER": False,
    "NORM": False,
    "TAG": False,
    "POS": False,
    "DEP": False,
    "LEMMA": False,
    "IS_SPACE": True,
    "IS_PUNCT": True,
}
"""The token attributes a rule may read; True for flags (read as booleans, as the
Matcher reads them), False for strings."""

_Test = Callable[[object], bool]


class Unsupported(ValueError):
    """A pattern this matcher does not read: the Matcher stays."""


def _test(value: object) -> _Test:
    """Return the test of one attribute's value in a token pattern, as the Matcher does it."""
    if isinstance(value, str | bool | int):
        return lambda seen: seen == value
    if not isinstance(value, Mapping) or not value:
        raise Unsupported(f"value {value!r}")
    tests: list[_Test] = []
    for predicate, argument in value.items():
        if predicate in ("IN", "NOT_IN") and isinstance(argument, list):
            if not all(isinstance(item, str) for item in argument):
                raise Unsupported(f"{predicate} {argument!r}")
            tests.append(partial(_within, frozenset(argument), predicate == "IN"))
        elif predicate == "REGEX" and isinstance(argument, str):
            tests.append(partial(_searched, re.compile(argument)))
        else:
            raise Unsupported(f"predicate {predicate!r}")
    return lambda seen: all(test(seen) for test in tests)


def _within(members: frozenset[str], inside: bool, seen: object) -> bool:
    return (seen in members) == inside


def _searched(pattern: re.Pattern[str], seen: object) -> bool:
    return pattern.search(str(seen)) is not None


class _Rule:
    """One pattern of a rule: per token, the tests of the attributes it reads."""

    def __init__(self, number: int, match_id: int, pattern: Sequence[Mapping[str, Any]]):
        if not pattern:
            raise Unsupported("empty pattern")
        self.number = number
        self.match_id = match_id
        self.tokens: list[list[tuple[str, _Test]]] = []
        for spec in pattern:
            tests = []
            for key, value in spec.items():
                attr = key.upper()
                if attr not in READ:
                    raise Unsupported(f"attribute {key!r}")
                tests.append((attr, _test(value)))
            self.tokens.append(tests)


_Key = tuple[tuple[bool, ...], ...]
"""What the rules see of a token: per attribute read, the outcome of each test of it."""

_Seen = tuple[_Key, tuple[_Rule, ...], tuple[tuple[int, _Rule], ...]]
"""A token's key, the one-token rules it matches and the longer rules it may start."""


class LookupMatcher:
    """The matches of an attribute ruler's rules on a doc, found by lookup.

    Called with a doc, returns what ``AttributeRuler.match`` returns: ``(rule number,
    match id, start, end)`` for every match, sorted. A token is reduced to its ``_Key``
    (each attribute value's test outcomes worked out once per value), and the rules a
    key matches are worked out once per key.
    """

    def __init__(self, rules: Sequence[_Rule]):
        self._attrs = sorted({attr for rule in rules for spec in rule.tokens for attr, _ in spec})
        self._ids = [IDS[attr] for attr in self._attrs]
        self._tests: list[list[_Test]] = [[] for _ in self._attrs]
        # Each rule token as the (attribute, test) places in a key that must all be true.
        self._needs: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for n, rule in enumerate(rules):
            for position, spec in enumerate(rule.tokens):
                places = []
                for attr, test in spec:
                    at = self._attrs.index(attr)
                    places.append((at, len(self._tests[at])))
                    self._tests[at].append(test)
                self._needs[(n, position)] = places
        self._rules = list(rules)
        self._outcomes: list[dict[int, tuple[bool, ...]]] = [{} for _ in self._attrs]
        self._by_row: dict[tuple[int, ...], _Seen] = {}
        self._known: dict[_Key, tuple[tuple[_Rule, ...], tuple[tuple[int, _Rule], ...]]] = {}

    def _remember(self, doc: Any, row: tuple[int, ...]) -> _Seen:
        key = self._key(doc, row)
        found = self._by_row[row] = (key, *self._rules_at(key))
        return found

    def _key(self, doc: Any, row: Sequence[int]) -> _Key:
        """Return a token's key from its attribute ids (a row of ``Doc.to_array``)."""
        key = []
        for at, value in enumerate(row):
            outcomes = self._outcomes[at].get(value)
            if outcomes is None:
                seen = bool(value) if READ[self._attrs[at]] else doc.vocab.strings[value]
                outcomes = tuple(test(seen) for test in self._tests[at])
                self._outcomes[at][value] = outcomes
            key.append(outcomes)
        return tuple(key)

    def _matches(self, n: int, position: int, key: _Key) -> bool:
        return all(key[at][t] for at, t in self._needs[(n, position)])

    def _rules_at(self, key: _Key) -> tuple[tuple[_Rule, ...], tuple[tuple[int, _Rule], ...]]:
        """Return the one-token rules a token matches, and the longer rules it may start."""
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = (
                tuple(
                    rule
                    for n, rule in enumerate(self._rules)
                    if len(rule.tokens) == 1 and self._matches(n, 0, key)
                ),
                tuple(
                    (n, rule)
                    for n, rule in enumerate(self._rules)
                    if len(rule.tokens) > 1 and self._matches(n, 0, key)
                ),
            )
        return found

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """Return the matches of the rules on ``doc``, sorted as the ruler sorts them."""
        if not len(doc):
            return []
        rows = map(tuple, doc.to_array(self._ids).reshape(len(doc), -1).tolist())
        seen = [self._by_row.get(row) or self._remember(doc, row) for row in rows]
        matches: list[tuple[int, int, int, int]] = []
        for start, (_, single, longer) in enumerate(seen):
            matches.extend((rule.number, rule.match_id, start, start + 1) for rule in single)
            for n, rule in longer:
                end = start + len(rule.tokens)
                if end <= len(seen) and all(
                    self._matches(n, offset, seen[start + offset][0])
                    for offset in range(1, len(rule.tokens))
                ):
                    matches.append((rule.number, rule.match_id, start, end))
        # A rule's patterns may match the same tokens twice: one match, as in the Matcher.
        return sorted(set(matches))


def lookup_matcher(ruler: Any) -> LookupMatcher:
    """Return the lookup matcher of an ``AttributeRuler``'s rules.

    Raises:
        Unsupported: when a rule is outside what lookup reads.
    """
    rules = []
    for number in range(len(ruler.attrs)):
        key = str(number)
        _, patterns = ruler.matcher.get(key)
        for pattern in patterns:  # alternatives: any of them matching is a match
            if any("OP" in spec for spec in pattern):
                raise Unsupported(f"rule {number} has a quantifier")
            rules.append(_Rule(number, ruler.vocab.strings[key], pattern))
    return LookupMatcher(rules)


def install(nlp: Any, name: str = "attribute_ruler") -> bool:
    """Make the pipeline's attribute ruler find its matches by lookup, when it can.

    Returns whether it did: False when the pipeline has no such ruler or a rule is
    outside what lookup reads (the ruler then runs its Matcher, as before).
    """
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not hasattr(ruler, "match") or not hasattr(ruler, "matcher"):
        return False
    try:
        ruler.match = lookup_matcher(ruler)
    except Unsupported:
        return False
    return True
