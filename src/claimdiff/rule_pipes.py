"""The model's rule-based pipes, run by lookup: the same annotations, a fraction of the cost.

Two pipes of the English model apply fixed rules token by token, and on claimdiff's
sentences cost more than its parser (issue 7: 1.6 s and 0.4 s of 11.6 s for the
candidate sentences of 100 articles).

- The ``attribute_ruler`` sets each token's coarse part of speech, morphology and some
  lemmas from its tag, and for some words from its form or dependency: 179 rules in
  ``en_core_web_sm`` 3.8, nearly all of one token. spaCy's Matcher tries every rule at
  every token. Whether a one-token rule matches depends only on the few attributes the
  rules read, and news repeats the same combinations, so the rules matching each
  combination are worked out once and then looked up; a rule of several tokens is tried
  only where its first token matches. The matches are the Matcher's, in the order the
  ruler sorts them, and the ruler applies them itself (``LookupMatcher``).
- The ``lemmatizer`` gives a token the lemma its rules give its form, part of speech and
  morphology; it is worked out once per such triple and written in one array
  (``MemoLemmatizer``).

Every token gets exactly the attributes the model's own pipes give it (tested on every
bundled story). Rules outside what lookup reads (quantifiers, other attributes or
predicates), or a lemmatizer that overwrites lemmas or has another mode, leave the pipe
as it is: ``install`` says which it changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from spacy.attrs import IDS
from spacy.tokens._retokenize import set_token_attrs  # what the ruler itself applies with

__all__ = [
    "READ",
    "LookupMatcher",
    "MemoLemmatizer",
    "Unsupported",
    "install",
    "lookup_matcher",
]

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


def _set_annotations(ruler: Any, doc: Any, matches: Sequence[tuple[int, int, int, int]]) -> None:
    """Apply matches as ``AttributeRuler.set_annotations`` does, without a span per match.

    Each match sets its rule's attributes on the token at the rule's index in the match
    (negative: from its end), in the order given: later rules win.
    """
    for number, _, start, end in matches:
        index = ruler.indices[number]
        at = (start if index >= 0 else end) + index
        if not start <= at < end:
            raise ValueError(f"attribute rule {number}: index {index} outside its match")
        set_token_attrs(doc[at], ruler.attrs[number])


class MemoLemmatizer:
    """A lemmatizer's lemmas, worked out once per form, part of speech and morphology.

    ``pipe`` does what the lemmatizer's own ``pipe`` does when it keeps lemmas already
    set (``overwrite`` off): every token without a lemma gets ``lemmatize(token)[0]``,
    which reads only those three attributes and the lemmatizer's tables.
    """

    def __init__(self, lemmatizer: Any):
        self._lemmatizer = lemmatizer
        self._known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        """Set the lemmas of ``doc``'s tokens that have none, and return it."""
        if not len(doc):
            return doc
        rows = doc.to_array([IDS["ORTH"], IDS["POS"], IDS["MORPH"], IDS["LEMMA"]])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue  # set by the attribute ruler: kept, as the lemmatizer keeps it
            key = (orth, pos, morph)
            found = self._known.get(key)
            if found is None:
                found = doc.vocab.strings.add(self._lemmatizer.lemmatize(doc[i])[0])
                self._known[key] = found
            lemmas[i] = found
        doc.from_array([IDS["LEMMA"]], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, stream: Iterable[Any], *, batch_size: int = 128) -> Iterator[Any]:
        """Lemmatize a stream of docs, as ``Pipe.pipe`` does (``batch_size`` unused)."""
        del batch_size
        return map(self, stream)


def install(nlp: Any) -> list[str]:
    """Run the pipeline's rule-based pipes by lookup where they allow it.

    Returns the names of the pipes changed: ``attribute_ruler`` unless a rule is outside
    what lookup reads, ``lemmatizer`` unless it overwrites lemmas or is not rule- or
    lookup-based. ``nlp.pipe`` then uses them; calling the pipes one text at a time
    (``nlp(text)``) still runs the model's own code.
    """
    changed = []
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if ruler is not None and hasattr(ruler, "match") and hasattr(ruler, "matcher"):
        try:
            ruler.match = lookup_matcher(ruler)
            ruler.set_annotations = partial(_set_annotations, ruler)
            changed.append("attribute_ruler")
        except Unsupported:
            pass
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if (
        lemmatizer is not None
        and getattr(lemmatizer, "mode", None) in ("rule", "lookup")
        and getattr(lemmatizer, "overwrite", True) is False
    ):
        lemmatizer.pipe = MemoLemmatizer(lemmatizer).pipe
        changed.append("lemmatizer")
    return changed
