"""Defendants named before: a penalty given to "she" or to "the former minister".

Claim:     "Anna Smith was convicted on Monday. She was jailed for six years." -> prison
           sentence given to Smith, [6 y, 7 y); "Former health minister Anna Smith ...
           The former minister was sentenced to eight years" -> prison sentence given to
           Smith.
Not claim: "Judge Peter Lund said Anna Smith had shown no remorse. She was jailed for six
           years" (two people she may be), "they were jailed", a pronoun inside a
           quotation, "the other minister", "her co-defendant".

The penalty is read as ``extract/penalty.py`` reads it (which claims those given to a
person the sentence itself names). The person is the one the document last named
(``speakers.antecedent``), and only when nobody else named before, or heard speaking,
could be meant: a wrong name would set one person's sentence against another's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, ClassVar

from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.happenings import Happening
from claimdiff.extract.penalty import (
    Reading,
    given,
    named_recipient,
    past_dateline,
    read_penalty,
)
from claimdiff.extract.speakers import DocumentSpeech, analyse, antecedent, gender_of
from claimdiff.models import Claim, ClaimKind, Document, EntityKind, Sentence, stable_id
from claimdiff.normalise.durations import DurationMention, find_durations, to_duration_value
from claimdiff.normalise.entities import entity_table, parse_titled_name
from claimdiff.normalise.timelex import penalties, unit_index

# Pronouns that refer to one person, and the gender each gives.
_PRONOUNS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
_MODIFIERS = frozenset({"amod", "compound", "nmod", "nummod", "poss", "advmod", "quantmod"})


class DefendantExtractor:
    """Penalties given to someone an earlier sentence names ("She was jailed for six years").

    Claim:     "Anna Smith was convicted. She was jailed for six years." -> Smith's term.
    Not claim: "Anna Smith and her lawyer John Doe arrived. She was jailed ..." -> nothing.
    """

    name: ClassVar[str] = "defendant"
    kind: ClassVar[ClaimKind] = ClaimKind.DURATION

    def select(self, sentences: Sequence[Sentence]) -> list[int]:
        """Return the sentences that may refer to a defendant, and every sentence before.

        The people named before must all be known: a name the parse alone finds, in a
        sentence left unparsed, could be the one meant.
        """
        last = max((p for p, s in enumerate(sentences) if _may_refer(s.text)), default=-1)
        return [s.index for s in sentences[: last + 1]]

    def extract_document(
        self,
        document: Document,
        sentences: Sequence[Sentence],
        parsed: Mapping[int, ParsedSentence],
    ) -> list[Claim]:
        """Return the penalties given to a pronoun or a role that resolves to one person."""
        wanted = [s for s in sentences if s.index in parsed and _may_refer(s.text)]
        if not wanted:
            return []
        analysis = analyse(document, sentences, parsed)
        claims: list[Claim] = []
        for sent in wanted:
            sentence = parsed[sent.index]
            for mention in find_durations(sent.text):
                reading = read_penalty(sentence.doc, sent.text, mention)
                if reading is None or named_recipient(reading) is not None:
                    continue  # no penalty, or one the duration extractor claims
                who = _defendant(analysis, sentence, reading)
                if who is not None:
                    claims.append(self._claim(sentence, mention, given(reading, who)))
        return claims

    def _claim(self, parsed: ParsedSentence, mention: DurationMention, penalty: Happening) -> Claim:
        document = parsed.document
        evidence = parsed.span(mention.start, mention.end)
        surface = parsed.sent.text[mention.start : mention.end]
        return Claim(
            id=stable_id(document.id, self.name, evidence.start, evidence.end),
            doc_id=document.id,
            kind=self.kind,
            subject=penalty.cls,
            subject_text=penalty.phrase,
            measure="term",
            measure_cue=penalty.cue,
            value=to_duration_value(mention, surface=surface),
            event="",
            evidence=evidence,
            sentence=parsed.sent.span,
        )


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of a penalty's words and of words referring to a person."""
    lexicon = penalties()
    lemmas = {
        word.split()[-1] for kind in lexicon.kinds.values() for word in (*kind.verbs, *kind.nouns)
    }
    forms = sorted({form for lemma in lemmas for form in _inflections(lemma)}, key=len)
    penalty = re.compile(rf"\b(?:{'|'.join(map(re.escape, reversed(forms)))})\b", re.IGNORECASE)
    table = entity_table()
    offices = {t.split()[-1] for t in (*table.country_titles, *table.organisation_titles)}
    pronouns = "|".join(sorted(_PRONOUNS))
    roles = "|".join(sorted(map(re.escape, offices), key=len, reverse=True))
    referring = re.compile(
        rf"\b(?:{pronouns}|the\s+(?:[\w-]+\s+){{0,3}}(?:{roles}))\b", re.IGNORECASE
    )
    return penalty, referring


def _inflections(lemma: str) -> set[str]:
    """Return the forms a verb or noun lemma may take ("ban": banned, banning, bans)."""
    stems = {lemma, lemma + lemma[-1], lemma.removesuffix("e")}
    if lemma.endswith("y"):
        stems.add(lemma[:-1] + "i")
    return {lemma, f"{lemma}s", f"{lemma}es", *(s + end for s in stems for end in ("ed", "ing"))}


def _may_refer(text: str) -> bool:
    """Return True when a sentence may give a penalty's length to a pronoun or a role."""
    penalty, referring = _cues()
    if penalty.search(text) is None or referring.search(text) is None:
        return False
    return any(w in unit_index() for w in re.findall(r"[a-z]+", text.lower()))


def _defendant(analysis: DocumentSpeech, sentence: ParsedSentence, reading: Reading) -> str | None:
    """Return the surname of the one person a penalty's pronoun or role refers to."""
    recipients = [n for n in (past_dateline(t) for t in reading.recipients) if n is not None]
    if len(recipients) != 1 or any(c.dep_ == "conj" for c in recipients[0].children):
        return None  # "she and Jones were jailed": whose term is whose
    token = recipients[0]
    offset = sentence.absolute(token.idx)
    if analysis.in_quote(offset):
        return None  # "she" in someone's words may be anyone
    if token.pos_ == "PRON":
        gender = _PRONOUNS.get(str(token.lower_))
        return _antecedent(analysis, offset, gender) if gender is not None else None
    return _office_holder(analysis, token, offset)


def _antecedent(analysis: DocumentSpeech, offset: int, gender: str) -> str | None:
    """Return the person a pronoun refers to when nobody else named before may be meant.

    Everyone named before the pronoun (outside quotations) and every speaker heard
    before it counts, unless their gender rules them out.
    """
    chosen = antecedent(analysis, offset, gender)
    if chosen is None or chosen.kind is not EntityKind.PERSON:
        return None
    people = analysis.people
    skip = [span for quoted in analysis.quoted for span in quoted.marked]
    others = {
        (m.entity.id, gender_of(people.titles.get(m.entity.id, "").split()))
        for m in people.before(offset, skip=skip)
    }
    others |= {(s.id, s.gender) for start, s in analysis.speakers if start < offset}
    if any(who != chosen.id and found in (None, gender) for who, found in others):
        return None
    return _surname(chosen.name)


def _office_holder(analysis: DocumentSpeech, token: Any, offset: int) -> str | None:
    """Return the person "the former minister" refers to: the one introduced with the office.

    The role must be definite and singular, and qualified only by the office's own words
    and ``role_words`` ("former"): "the other minister" or "the deputy director" may be
    someone else. Exactly one person named before must hold the office.
    """
    if token.pos_ != "NOUN" or token.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and str(c.lower_) == "the" for c in token.children):
        return None
    modifiers = [c for c in token.children if c.dep_ in _MODIFIERS]
    phrase = " ".join(str(t.text) for t in token.doc[token.left_edge.i : token.i + 1])
    titled = parse_titled_name(phrase)
    if titled.title is None or titled.name:
        return None
    allowed = {*penalties().role_words, *titled.title.split()}
    words = [t for m in modifiers for t in m.subtree if not t.is_punct]
    if any(str(t.lower_) not in allowed for t in words):
        return None
    people = analysis.people
    holder = people.person(phrase)
    holders = {who for who, title in people.titles.items() if title == titled.title}
    if holder is None or holders != {holder.id}:
        return None
    if not any(m.entity.id == holder.id for m in people.before(offset)):
        return None
    return _surname(holder.name)


def _surname(name: str) -> str:
    """Return a name's last word, as the penalty of a named person is labelled."""
    return re.sub(r"['’]s?$", "", name.split()[-1])
