"""Quantity claims: a number, what it counts, and what the counting is about.

Claim:     "Over two dozen nations have committed" -> nation, commitment, (24, inf).
Not claim: "in February 2022", "$46 a year", "Article 5", "a three-year-old conflict".
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, NamedTuple

from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.qualifiers import agent_of, qualifier_of
from claimdiff.lexicon import measure_cue_index, measures, noun_class_index, nouns
from claimdiff.models import Claim, ClaimKind, Sentence, Span, stable_id
from claimdiff.nlp import entity_label
from claimdiff.normalise.dates import MONTHS
from claimdiff.normalise.numbers import NumberMatch, find_numbers, to_quantity

# spaCy entity labels whose numbers are never counts.
# DATE is left out: the small model tags ranges such as "between 20 and 30" as dates, and
# real dates are ruled out by the text rules in `_not_a_count`.
_NOT_COUNT_ENTITIES = frozenset({"TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_MONTH_WORDS = frozenset(m.lower() for m in MONTHS) | frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
_AFTER_NOT_COUNT = re.compile(
    r"^\s*(?:%|percent\b|per\s*cent\b|a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|:\d|/\d|°)",
    re.IGNORECASE,
)
_BEFORE_NOT_COUNT = re.compile(
    r"(?:[$€£¥#№]|\b(?:us|usd|eur|gbp|rs|no|nos|number)\.?)\s*$", re.IGNORECASE
)
# Case-sensitive on purpose: "15 nations may join" is a count, "15 May" is a date.
_MONTH_ALTERNATIVES = "|".join(sorted((m.title() for m in _MONTH_WORDS), key=len, reverse=True))
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH_ALTERNATIVES})\.?\s*$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_ALTERNATIVES})\b")
_LIST_NUMBER = re.compile(r"^\s*[(\[]?\s*$")
_HYPHEN_NOUN = re.compile(r"^-([A-Za-z]+)")
_TRANSPARENT = frozenset({"ADP", "ADJ", "ADV", "PART", "DET", "NUM", "CCONJ"})
_MAX_STEPS = 6
_FRACTIONS = frozenset(
    {"half", "third", "quarter", "majority", "most", "many", "some", "none", "all"}
)
_PLACE_PREPOSITIONS = frozenset({"on", "aboard", "at", "in"})
# Prepositions a count may pass on its way to the verb: "leaders from 30 nations met",
# "met with leaders of 30 nations", "signed by 18 countries". Others ("sent to 27
# states", "aid for 40 villages") make the counted things recipients, not actors, and
# "including 30 demonstrators" names a part of a total, not a total.
_AGENT_PREPOSITIONS = frozenset({"of", "from", "among", "with", "by"})


def _noun_key(token: Any) -> str:
    lemma = str(token.lemma_).lower()
    if (
        lemma == str(token.text).lower()
        and lemma.endswith("s")
        and lemma[:-1] in noun_class_index()
    ):
        lemma = lemma[:-1]  # title-case headlines leave "Nations" unlemmatised
    return lemma


def noun_class(lemma: str, compound: str | None = None) -> str:
    """Return the counted-noun class of a lemma (itself when unlisted)."""
    index = noun_class_index()
    if compound is not None and f"{compound} {lemma}" in index:
        return index[f"{compound} {lemma}"]
    return index.get(lemma, lemma)


def _cue(token: Any) -> tuple[str, str] | None:
    """Return (measure, cue) when this token, with its particle or object, is a cue."""
    index = measure_cue_index()
    lemma = str(token.lemma_).lower()
    if lemma in measures().object_decides:
        for child in token.children:
            if child.dep_ == "dobj" and str(child.lemma_).lower() in index:
                return index[str(child.lemma_).lower()], f"{lemma} {str(child.lemma_).lower()}"
    for child in token.children:
        if child.dep_ in ("prt", "advmod", "prep", "dobj", "acomp") and child.i > token.i:
            phrase = f"{lemma} {str(child.lemma_).lower()}"
            if phrase in index:
                return index[phrase], phrase
    part = {"NOUN": "noun", "PROPN": "noun", "VERB": "verb"}.get(str(token.pos_))
    text = str(token.text).lower()
    for key in (lemma, f"{lemma}:{part}", text, f"{text}:{part}"):
        if key in index:
            return index[key], key.split(":")[0]
    return None


def _verb_cue(verb: Any, depth: int = 2) -> tuple[str, str] | None:
    """Check a verb, then what it complements: "agreed to provide", "are members"."""
    found = _cue(verb)
    if found is not None and _is_capacity(verb):
        return "capacity", found[1]
    if found is not None and str(verb.lemma_).lower() not in ("be", "have"):
        return found
    for child in verb.children:
        if child.dep_ == "prep" and str(verb.lemma_).lower() == "be":
            # "4,000 workers are on strike", "30 nations were in attendance"
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (inner := _cue(pobj)) is not None:
                    return inner
        if child.dep_ in ("attr", "acomp", "oprd") or (child.dep_ == "xcomp" and depth > 0):
            inner = _verb_cue(child, depth - 1) if child.dep_ == "xcomp" else _cue(child)
            if inner is not None:
                return inner
    return None


def _is_capacity(verb: Any) -> bool:
    """Return True for "can carry", "licensed to carry", "designed to hold"."""
    lexicon = measures()
    if any(
        str(c.lemma_).lower() in lexicon.capacity_auxiliaries
        for c in verb.children
        if c.dep_ == "aux"
    ):
        return True
    return (
        verb.dep_ in ("xcomp", "advcl") and str(verb.head.lemma_).lower() in lexicon.capacity_heads
    )


class Measured(NamedTuple):
    """A count's measure, the word that set it and the verb (if any) that governs it.

    ``via`` is the token through which the count reached ``verb`` (its subject, object,
    or the relative clause on the counted noun): who the verb's agent is depends on it.
    """

    measure: str
    cue: str
    verb: Any = None
    via: Any = None


def find_measure(noun: Any, start: Any) -> tuple[str, str] | None:
    """Return (measure class, cue word) for a counted noun, or None when unknown.

    Looks first at clauses hanging off the noun ("nations that have committed"), then
    walks up the parse from ``start``: prepositions pass, carrier nouns ("leaders from
    30 nations met") pass, the first verb decides, any other noun stops the search.
    Last comes a place phrase on the noun itself ("290 passengers on board").
    """
    found = measure_of(noun, start)
    return None if found is None else (found.measure, found.cue)


def measure_of(noun: Any, start: Any) -> Measured | None:
    """Return what ``find_measure`` finds, with the verb that decided and the way to it."""
    for child in noun.children:
        if child.dep_ in ("relcl", "acl") and child.i > noun.i:
            found = _verb_cue(child)
            if found is not None:
                return Measured(*found, verb=child, via=child)
    if start.i != noun.i:
        found = _cue(start)  # "a 26-nation force": the force says what the nations do
        if found is not None:
            return Measured(*found)
    walked = _walk_up(start)
    if walked is not None:
        return walked
    found = _place_phrase_cue(noun)
    return None if found is None else Measured(*found)


def _walk_up(start: Any) -> Measured | None:
    carriers = frozenset(measures().carriers)
    current = start
    for _ in range(_MAX_STEPS):
        head = current.head
        if head.i == current.i:
            return None
        if current.dep_ == "conj":
            current = head  # "a driver and 12 children were hurt": follow the first conjunct
            continue
        if head.pos_ == "ADP" and (not _passes(head) or _names_a_part(head)):
            # "sent to 27 states": recipients, not the ones who act; "120 people, among
            # them 45 protesters": a part of a total
            return None
        if head.pos_ in ("VERB", "AUX"):
            found = _verb_cue(head)
            if found is None or _is_perpetrator(current, head, found[0]):
                return None
            return Measured(*found, verb=head, via=current)
        if head.pos_ in ("NOUN", "PROPN"):
            found = _cue(head)
            if found is not None:
                return Measured(*found)
            if _noun_key(head) not in carriers:
                return None
        elif head.pos_ not in _TRANSPARENT:
            return None
        current = head
    return None


def _passes(preposition: Any) -> bool:
    """Return True when a count may pass this preposition on its way up the parse."""
    word = str(preposition.text).lower()
    if word not in _AGENT_PREPOSITIONS:
        return False
    # "from" joins a count to the people it sends ("leaders from 30 nations"), not to a
    # verb: "evacuated 8,000 people from 14 villages" says nothing of the villages.
    return word != "from" or preposition.head.pos_ in ("NOUN", "PROPN")


def _names_a_part(preposition: Any) -> bool:
    """Return True for "among them 45 protesters": a part of a total given before."""
    return str(preposition.text).lower() == "among" and any(
        c.dep_ == "pobj" and c.pos_ == "PRON" for c in preposition.children
    )


def _is_perpetrator(current: Any, verb: Any, measure: str) -> bool:
    """Return True for "3 gunmen killed 40 people": the subject of an active harm verb."""
    if measures().classes[measure].family != "harm" or current.dep_ != "nsubj":
        return False
    return any(child.dep_ == "dobj" for child in verb.children)


def _place_phrase_cue(noun: Any) -> tuple[str, str] | None:
    for child in noun.children:
        if child.dep_ == "prep" and str(child.text).lower() in _PLACE_PREPOSITIONS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (found := _cue(pobj)) is not None:
                    return found
    return None


class QuantityExtractor:
    """Counts of things: number, hedge, counted noun and predicate class.

    Claim:     "Leaders from around 30 nations met" -> 30 nations, attendance.
    Not claim: "In 2019, Flight 302 cost $46" -> nothing.
    """

    name: ClassVar[str] = "quantity"
    kind: ClassVar[ClaimKind] = ClaimKind.QUANTITY

    def wants(self, sent: Sentence) -> bool:
        """Return True when the sentence holds a number expression."""
        return bool(find_numbers(sent.text))

    def extract(self, parsed: ParsedSentence) -> list[Claim]:
        """Return the quantity claims of one sentence."""
        claims: list[Claim] = []
        text = parsed.sent.text
        for number in find_numbers(text):
            claim = self._claim(parsed, text, number)
            if claim is not None:
                claims.append(claim)
        return claims

    def _claim(self, parsed: ParsedSentence, text: str, number: NumberMatch) -> Claim | None:
        if _not_a_count(text, number):
            return None
        tokens = [t for t in parsed.doc if t.idx < number.end and t.idx + len(t) > number.start]
        if not tokens:
            return None
        located = _counted_noun(parsed.doc, text, number, tokens)
        if located is None:
            return None
        noun, start, compound = located
        lemma = _noun_key(noun)
        skipped = frozenset(nouns().not_counted.time_units) | frozenset(
            nouns().not_counted.pronouns
        )
        if lemma in skipped or str(noun.text).lower() in skipped:
            return None
        measured = measure_of(noun, start)
        if measured is None:
            return None
        measure_class, cue = measured.measure, measured.cue
        agent = None
        if measured.verb is not None:
            agent = agent_of(measured.verb, measured.via, parsed)
        # Last: reading entity labels runs the recogniser on the sentence (nlp.py).
        if any(entity_label(t) in _NOT_COUNT_ENTITIES for t in tokens):
            return None
        subject = noun_class(lemma, compound)
        if lemma in nouns().relational:
            subject = _relational_subject(lemma, noun)
        evidence_end = number.end
        if noun.idx >= number.end and noun.idx - number.end <= 60:
            evidence_end = noun.idx + len(noun)
        value = to_quantity(number)
        evidence = Span(
            doc_id=parsed.document.id,
            start=parsed.absolute(number.hedge_start),
            end=parsed.absolute(evidence_end),
        )
        return Claim(
            id=stable_id(parsed.document.id, self.name, evidence.start, evidence.end),
            doc_id=parsed.document.id,
            kind=self.kind,
            subject=subject,
            subject_text=_noun_phrase(noun),
            measure=measure_class,
            measure_cue=cue,
            qualifier=qualifier_of(noun),
            agent=agent,
            value=value,
            event="",
            evidence=evidence,
            sentence=parsed.sent.span,
        )


def _not_a_count(text: str, number: NumberMatch) -> bool:
    """Rule out dates, years, times, money, percentages, list numbers from the text around."""
    before = text[: number.hedge_start]
    after = text[number.end :]
    if _AFTER_NOT_COUNT.match(after) or _BEFORE_NOT_COUNT.search(before):
        return True
    if number.vague is None:
        if not float(number.value).is_integer():
            return True  # "a 5.1 tremor", "3.5%": counts are whole numbers
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
            return True
        surface = number.surface
        if re.fullmatch(r"\d{4}", surface) and 1800 <= number.value <= 2100:
            return True
        if _LIST_NUMBER.match(before) and re.match(r"^\s*[.)\]]", after):
            return True
    return False


def _counted_noun(
    doc: Any, text: str, number: NumberMatch, tokens: list[Any]
) -> tuple[Any, Any, str | None] | None:
    """Return (counted noun, token to walk up from, compound word) or None."""
    span_ids = {t.i for t in tokens}
    anchor = next((t for t in reversed(tokens) if t.head.i not in span_ids), tokens[-1])
    if number.vague is not None and not number.closed:
        # "dozens of people": the counted noun is the next noun after the phrase, and the
        # phrase's own head ("dozens") is what the verb governs.
        for token in doc:
            if token.idx >= number.end and token.pos_ in ("NOUN", "PROPN"):
                return token, tokens[0], _compound(token)
            if token.idx >= number.end and token.pos_ not in ("ADJ", "DET", "ADV", "ADP"):
                return None
        return None
    hyphen = _HYPHEN_NOUN.match(text[number.end :])
    if hyphen is not None:
        # "a 26-nation force": the noun after the hyphen is counted; walk from what it names.
        word_end = number.end + hyphen.end()
        word = next((t for t in doc if t.idx < word_end and t.idx + len(t) >= word_end), None)
        # "one-off", "one-way": a hyphen compound with one is a kind, not a count.
        if word is None or word.i + 1 >= len(doc) or word.pos_ != "NOUN" or number.value == 1:
            return None
        named = word.head if word.head.i > word.i else doc[word.i + 1]
        return word, named, None
    # The small model sometimes tags a sentence-initial number word ("Sixty") as amod.
    if anchor.dep_ in ("nummod", "quantmod", "amod") and anchor.head.i > anchor.i:
        head = anchor.head
        if _is_partitive_whole(head):
            return None  # "two of the three suspects": three is the whole, not the count
        if head.pos_ in ("NOUN", "PROPN"):
            return head, head, _compound(head)
        return None
    if number.value == 1:
        return None  # "one of the victims" is a member of a set, not a total
    for child in anchor.children:
        if child.dep_ == "prep" and str(child.text).lower() == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                return objects[0], anchor, _compound(objects[0])
    return None


def _is_partitive_whole(noun: Any) -> bool:
    preposition = noun.head
    return (
        noun.dep_ == "pobj"
        and str(preposition.text).lower() == "of"
        and preposition.head.pos_ in ("NUM", "NOUN")
        and (preposition.head.like_num or str(preposition.head.lemma_).lower() in _FRACTIONS)
    )


def _relational_subject(lemma: str, noun: Any) -> str:
    """Return "member of council" for "two members of the Danish Refugee Council"."""
    for child in noun.children:
        if child.dep_ == "prep" and str(child.text).lower() == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return f"{lemma} of {str(objects[0].lemma_).lower()}"
    return lemma


def _compound(noun: Any) -> str | None:
    for child in noun.children:
        if child.dep_ == "compound" and child.i == noun.i - 1:
            return str(child.lemma_).lower()
    return None


def _noun_phrase(noun: Any) -> str:
    words = [
        str(c.text)
        for c in noun.children
        if c.i < noun.i and c.dep_ in ("amod", "compound") and c.pos_ != "NUM"
    ]
    return " ".join([*words, str(noun.text)])
