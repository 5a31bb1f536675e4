"""Duration claims: how long a happening lasted, how long since it began, gaps between two.

Claim:     "talks lasted nearly three hours" -> meeting, length, [2 h, 3 h);
           "a summit to end the three-year-old conflict" -> war, since, [3 y, 4 y);
           "more than three and a half years after Russia began its full-scale invasion
           in February 2022" -> invasion, since, (3.5 y, inf), anchored at February 2022;
           "crashed five minutes after takeoff" -> crash, after departure, [4.5, 6) min.
Not claim: "a 42-year-old teacher" (an age of a person), "90 kilometres an hour",
           "for hours" (too loose to check), "hours after the quake" when nothing named
           happened then.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, ClassVar

from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.happenings import (
    Happening,
    attachment,
    gap_sides,
    happening_at,
    hedged_clause,
    looks_ahead,
    noun_class,
    subjects,
    tokens_between,
)
from claimdiff.models import Claim, ClaimKind, Sentence, stable_id
from claimdiff.normalise.durations import DurationMention, find_durations, to_duration_value
from claimdiff.normalise.timelex import durations, unit_index
from claimdiff.normalise.times import find_moments

_RELATION = re.compile(r"^\s+(?P<word>after|before|since|later|earlier)\b", re.IGNORECASE)
_FOR = re.compile(r"\b(?:for|lasting|over)\s+$", re.IGNORECASE)
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})


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
        if hedged_clause(head) or looks_ahead(head):
            return None  # "did not last", "is expected to last about two hours": no record
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
