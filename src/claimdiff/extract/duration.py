"""Duration claims: how long a happening lasted, how long since it began, gaps between two.

Claim:     "talks lasted nearly three hours" -> meeting, length, [2 h, 3 h);
           "workers will strike for 48 hours" -> strike, length; "the bridge will close
           for three weeks" -> bridge closure, length;
           "Smith was sentenced to five years in prison" -> prison sentence given to
           Smith, term (``extract/penalty.py``);
           "a summit to end the three-year-old conflict" -> war, since, [3 y, 4 y);
           "more than three and a half years after Russia began its full-scale invasion
           in February 2022" -> invasion, since, (3.5 y, inf), anchored at February 2022;
           "crashed five minutes after takeoff" -> crash, after departure, [4.5, 6) min.
Not claim: "a 42-year-old teacher" (an age of a person), "90 kilometres an hour",
           "for hours" (too loose to check), "hours after the quake" when nothing named
           happened then, "workers could strike for 48 hours" (a possibility), "Smith
           faces up to 10 years in prison" (a maximum, never the sentence).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, ClassVar

from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.happenings import (
    Happening,
    attachment,
    counterfactual,
    gap_sides,
    happening_at,
    hedged_clause,
    looks_ahead,
    noun_class,
    noun_phrase,
    subjects,
    tokens_between,
    verb_phrase,
)
from claimdiff.extract.penalty import past_dateline, penalty_at
from claimdiff.models import Claim, ClaimKind, Sentence, stable_id
from claimdiff.normalise.durations import DurationMention, find_durations, to_duration_value
from claimdiff.normalise.timelex import Lasting, durations, lasting_index, unit_index
from claimdiff.normalise.times import find_moments

_RELATION = re.compile(r"^\s+(?P<word>after|before|since|later|earlier)\b", re.IGNORECASE)
_FOR = re.compile(r"\b(?:for|lasting|over)\s+$", re.IGNORECASE)
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_STAYING = frozenset({"stay", "remain", "be"})
_NOUNS = frozenset({"NOUN", "PROPN"})


class DurationExtractor:
    """Lengths, ages and gaps of named happenings, as hedge-aware intervals of seconds.

    Claim:     "The talks lasted nearly three hours" -> meeting, length, [7200, 10800) s.
    Not claim: "a 42-year-old worker" -> nothing: people are not happenings.
    """

    name: ClassVar[str] = "duration"
    kind: ClassVar[ClaimKind] = ClaimKind.DURATION

    def wants(self, sent: Sentence) -> bool:
        """Return True when the sentence names a unit of time."""
        words = re.findall(r"[a-z]+", sent.text.lower())
        return any(w in unit_index() for w in words)

    def extract(self, parsed: ParsedSentence) -> list[Claim]:
        """Return the duration claims of one sentence."""
        claims: list[Claim] = []
        text = parsed.sent.text
        for mention in find_durations(text):
            found = self._read(parsed, mention)
            if found is None:
                continue
            happening, measure, end, anchor = found
            claims.append(self._claim(parsed, mention, happening, measure, end, anchor))
        return claims

    def _read(
        self, parsed: ParsedSentence, mention: DurationMention
    ) -> tuple[Happening, str, int, date | None] | None:
        """Return (happening, measure, evidence end, anchor date) or None."""
        text = parsed.sent.text
        penalty = penalty_at(parsed.doc, text, mention)
        if penalty is not None:
            return penalty, "term", mention.end, None
        lasting = _lasting(parsed, mention)
        if lasting is not None:
            return lasting, "length", mention.end, None
        relation = _RELATION.match(text[mention.end :])
        if relation is not None and not mention.age and not mention.compound:
            return self._gap(parsed, mention, relation)
        if mention.vague:
            return None  # "for hours", "days of talks": too loose to contradict anything
        head = attachment(tokens_between(parsed.doc, mention.start, mention.end))
        if head is None:
            return None
        if mention.age or mention.compound:
            if head.pos_ not in ("NOUN", "PROPN") or noun_class(head) is None:
                return None
            happening = happening_at(head)
            measure = "since" if mention.age else "length"
            return (happening, measure, mention.end, None) if happening else None
        if hedged_clause(head) or looks_ahead(head) or counterfactual(head):
            # "did not last", "is expected to last about two hours", "should have lasted
            # three days": no record
            return None
        lemma = str(head.lemma_).lower()
        if lemma in durations().length_verbs:
            found = subjects(head)
            happening = happening_at(found[0]) if found else None
            if happening is None and head.dep_ in ("acl", "relcl"):
                happening = happening_at(head.head)
            return (happening, "length", mention.end, None) if happening else None
        before = text[max(0, mention.start - 10) : mention.start]
        if _FOR.search(before):
            happening = happening_at(head)
            return (happening, "length", mention.end, None) if happening else None
        return None

    def _gap(
        self, parsed: ParsedSentence, mention: DurationMention, relation: re.Match[str]
    ) -> tuple[Happening, str, int, date | None] | None:
        word_text = relation.group("word").lower()
        end = mention.end + relation.end()
        word = next(iter(tokens_between(parsed.doc, end - 1, end)), None)
        if word is None:
            return None
        if word_text in ("later", "earlier"):
            # "took off at 13:38 and crashed two minutes later": the first conjunct is earlier.
            verb = word.head
            if verb.dep_ != "conj" or mention.vague:
                return None
            main, reference = (verb, verb.head) if word_text == "later" else (verb.head, verb)
            first, second = happening_at(main), happening_at(reference)
            if first is None or second is None:
                return None
            return first, f"after {second.cls}", end, None
        sides = gap_sides(word)
        if sides is None:
            return None
        main_head, reference_head = sides
        reference = happening_at(reference_head)
        if reference is None:
            return None
        anchor = _anchor(parsed, reference_head)
        main = happening_at(main_head)
        if main is not None:
            return main, f"{word_text} {reference.cls}", end, anchor
        if word_text in ("after", "since") and _present(main_head):
            # "Europe has been under pressure three years after the invasion began": the
            # gap runs from the happening to the time of writing.
            return reference, "since", end, anchor
        return None

    def _claim(
        self,
        parsed: ParsedSentence,
        mention: DurationMention,
        happening: Happening,
        measure: str,
        end: int,
        anchor: date | None,
    ) -> Claim:
        document = parsed.document
        evidence = parsed.span(mention.start, end)
        value = to_duration_value(mention, surface=parsed.sent.text[mention.start : end])
        if anchor is not None:
            value = value.model_copy(update={"anchor": anchor})
        return Claim(
            id=stable_id(document.id, self.name, evidence.start, evidence.end),
            doc_id=document.id,
            kind=self.kind,
            subject=happening.cls,
            subject_text=happening.phrase,
            measure=measure,
            measure_cue=happening.cue,
            value=value,
            event="",
            evidence=evidence,
            sentence=parsed.sent.span,
        )


def _lasting(parsed: ParsedSentence, mention: DurationMention) -> Happening | None:
    """Return the strike or closure a length is told of with its own verb or noun.

    "Workers will strike for 48 hours", "the plant shut for two days", "schools will stay
    closed for a week", "a three-week closure of the bridge".
    """
    if mention.vague or mention.age:
        return None
    tokens = tokens_between(parsed.doc, mention.start, mention.end)
    index = lasting_index()
    if mention.compound:
        head = attachment(tokens)
        if head is None or head.pos_ not in _NOUNS:
            return None
        name = index.get(str(head.lemma_).lower())
        if name is None or str(head.lemma_).lower() not in durations().lasting[name].nouns:
            return None
        holders = [c for c in head.children if c.dep_ == "poss"]
        holders += [
            g for c in head.children if c.dep_ == "prep" and str(c.lower_) == "of"
            for g in c.children if g.dep_ == "pobj"
        ]  # fmt: skip
        return _lasting_happening(name, head, head, holders)
    # "for <length>" on the verb or state itself (not "for" on a noun: "pay for a week").
    # The "for" is read from the tokens: the parser may hang the length elsewhere ("shut
    # for two days after the fire" makes "two days" a modifier of "after").
    if not tokens or tokens[0].i == 0:
        return None
    preposition = parsed.doc[tokens[0].i - 1]
    if str(preposition.lower_) != "for" or preposition.dep_ != "prep":
        return None
    head = preposition.head
    key = _lasting_key(head)
    stative = head.pos_ == "ADJ" and head.dep_ == "acomp"
    if stative and str(head.head.lemma_).lower() in _STAYING:
        verb = head.head  # "schools will stay closed for a week"
    elif head.pos_ == "VERB":
        verb = head
    else:
        return None
    name = index.get(key) if key is not None else None
    if name is None or not _firm(verb):
        return None
    spec = durations().lasting[name]
    if key not in (spec.states if stative else spec.verbs):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    found = objects if spec.thing and objects else _subjects_above(verb)
    holders = [n for n in (past_dateline(h) for h in found) if n is not None]
    if spec.subjects and not any(str(h.lemma_).lower() in spec.subjects for h in holders):
        return None  # "missiles struck for an hour" is no strike
    if not spec.thing and objects:
        return None  # "struck a deal": another sense
    return _lasting_happening(name, verb, head, holders)


def _subjects_above(verb: Any) -> list[Any]:
    """Return a verb's subjects, or those of the words it completes ("are due to strike")."""
    token = verb
    for _ in range(4):
        # The small model sometimes hangs the subject on the auxiliary ("was closed").
        holders = [token, *(c for c in token.children if c.dep_ in ("aux", "auxpass"))]
        own = [c for h in holders for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own or token.dep_ not in ("xcomp", "acomp", "conj") or token.head.i == token.i:
            return own
        token = token.head
    return []


def _lasting_key(token: Any) -> str | None:
    """Return the lexicon key of a verb or state: "walk out", "close", "closed"."""
    lemma = str(token.lemma_).lower()
    index = lasting_index()
    for child in token.children:
        # "walked out": the model reads the particle as a particle or as an adverb.
        if child.dep_ in ("prt", "dobj") and child.i > token.i or child.i == token.i + 1:
            phrase = f"{lemma} {str(child.lower_)}"
            if phrase in index:
                return phrase
    if token.pos_ == "ADJ":
        return str(token.lower_) if str(token.lower_) in index else None
    return lemma if lemma in index else None


def _lasting_happening(name: str, verb: Any, head: Any, holders: list[Any]) -> Happening | None:
    """Return the happening, named after its thing when the class needs one."""
    spec: Lasting = durations().lasting[name]
    cls = name
    if spec.thing:
        things = [h for h in holders if h.pos_ in _NOUNS and noun_class(h) is None]
        if len(things) != 1 or len(holders) != 1:
            return None  # "it will close for a week": closed what?
        cls = f"{str(things[0].lemma_).lower()} {name}"
        phrase = f"{noun_phrase(things[0])} {name}"
    else:
        phrase = verb_phrase(verb) if head.pos_ != "NOUN" else noun_phrase(head)
    return Happening(cls, "occurred", phrase, str(head.lemma_).lower(), (), verb)


def _firm(verb: Any) -> bool:
    """Return True for a lasting happening told as done, under way or firmly planned.

    "Struck", "will strike", "is due to strike", "voted to strike" are firm; "could
    strike", "threatened to strike", "did not strike", "if they strike" are not, and
    neither is a length so far ("has been closed for three weeks": it grows each day).
    """
    if hedged_clause(verb):
        return False
    lexicon = durations()
    token = verb
    while True:
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(str(a.lemma_).lower() in lexicon.possible_modals for a in auxiliaries):
            return False
        if token.i == verb.i and any(str(a.lemma_).lower() == "have" for a in auxiliaries):
            return False
        if token.dep_ != "xcomp":
            return True
        token = token.head
        if str(token.lemma_).lower() not in lexicon.plan_verbs:
            return False


def _present(verb: Any) -> bool:
    """Return True for a clause in the present ("has been", "is", "remain")."""
    if verb.tag_ in _PRESENT_TAGS:
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PRESENT_TAGS for c in verb.children)


def _anchor(parsed: ParsedSentence, reference_head: Any) -> date | None:
    """Return the date the earlier happening is given ("began ... in February 2022")."""
    text = parsed.sent.text
    for moment in find_moments(text, published=parsed.document.published):
        head = attachment(tokens_between(parsed.doc, moment.start, moment.end))
        if head is not None and head.i in (
            reference_head.i,
            *(c.i for c in reference_head.children),
        ):
            return moment.first.date() if moment.dated else None
    return None
