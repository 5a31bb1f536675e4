"""Absence claims: an outlet saying something did not happen (yet), and reports that it did.

Claim:     "there has been no immediate official reaction to the pledge, ... Moscow's" ->
           Russia, reaction, absent as of the publication date;
           "He has yet to impose sanctions against Moscow" -> United States, sanctions, absent;
           "On Thursday, Russian Foreign Ministry spokeswoman Maria Zakharova insisted ..." ->
           Russia, reaction, reported on Thursday (the counterpart an absence is checked
           against).
Not claim: "additional sanctions would be imposed" (a possibility), "we have not received
           any signals" (no actor), "Kyiv insists no peace deal will involve ceding land".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, ClassVar

from claimdiff.extract.actors import Actor, resolve, resolve_all
from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.clauses import (
    in_condition,
    modals,
    negated,
    not_yet,
    occasion_timing,
    subjects,
    wished,
)
from claimdiff.extract.cues import (
    Thing,
    absence_lexicon,
    claim_evidence,
    is_word,
    lemma,
    stem_pattern,
)
from claimdiff.extract.involvement import undertaking_of
from claimdiff.lexicon import noun_class_index
from claimdiff.models import AbsenceValue, Claim, ClaimKind, EntityKind, Sentence, stable_id
from claimdiff.normalise.dates import find_dates
from claimdiff.normalise.entities import entity_table

_TENSES = frozenset({"VBD", "VBN", "VBZ", "VBP"})
_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


@dataclass(frozen=True, slots=True)
class _Found:
    thing: Thing
    what: str
    actor: Actor
    occurred: bool
    cue_start: int
    cue_end: int
    anchor: Any
    about: tuple[str, ...]


@cache
def _prefilter() -> re.Pattern[str]:
    lexicon = absence_lexicon()
    words = [w for thing in lexicon.thing for w in (*thing.nouns, *thing.verbs, *thing.reports)]
    return stem_pattern(words)


def _object_of(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    return None


def _about(tokens: list[Any]) -> tuple[str, ...]:
    """Return what a reaction or act is about: content lemmas and undertaking classes."""
    found: set[str] = set()
    for token in tokens:
        if token.pos_ not in _CONTENT or token.is_stop:
            continue
        found.add(lemma(token))
        if token.pos_ in ("NOUN", "PROPN"):
            cls = undertaking_of(token)
            if cls is not None and cls != "participation":
                found.add(f"class:{cls}")
    return tuple(sorted(found))


class AbsenceExtractor:
    """Things said not to have happened, and reports of the same things happening.

    Claim:     "There has been no immediate official reaction from Dravia" -> Dravia,
               reaction, absent.
    Not claim: "Sanctions would be imposed if talks fail" -> nothing.
    """

    name: ClassVar[str] = "absence"
    kind: ClassVar[ClaimKind] = ClaimKind.ABSENCE

    def wants(self, sent: Sentence) -> bool:
        """Return True when the sentence names a thing the lexicon knows."""
        return bool(_prefilter().search(sent.text.lower()))

    def extract(self, parsed: ParsedSentence) -> list[Claim]:
        """Return the absence and report claims of one sentence."""
        if parsed.sent.text.rstrip().endswith("?"):
            return []
        found: list[_Found] = []
        for thing in absence_lexicon().thing:
            found.extend(self._no_noun(parsed, thing))
            found.extend(self._verbs(parsed, thing))
        claims: dict[str, Claim] = {}
        seen: set[tuple[str, str, bool]] = set()
        # What an unaffiliated person did not say is not checked: actors are countries and
        # organisations, or people whose office acts for one.
        found = [f for f in found if not f.actor.id.startswith("person:")]
        for item in sorted(found, key=lambda f: (f.cue_start, f.what, f.actor.id)):
            key = (item.what, item.actor.id, item.occurred)
            if key in seen:
                continue
            seen.add(key)
            claim = self._claim(parsed, item)
            claims.setdefault(claim.id, claim)
        return list(claims.values())

    def _no_noun(self, parsed: ParsedSentence, thing: Thing) -> list[_Found]:
        """Find "no immediate official reaction (from X) (to Y)"."""
        found: list[_Found] = []
        for token in parsed.doc:
            if token.pos_ != "NOUN" or not is_word(token, thing.nouns):
                continue
            if not any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
                continue
            if wished(token) or in_condition(token):
                continue
            if thing.requested and any(
                is_word(t, absence_lexicon().frames.requests) for t in token.subtree
            ):
                continue  # "no response to our request for comment" answers the outlet
            about_tokens = [
                t
                for c in token.children
                if c.dep_ == "prep" and c.lower_ in ("to", "on", "about", "over")
                for t in c.subtree
            ]
            actors, attached = self._noun_actors(token, parsed, {t.i for t in about_tokens})
            if len(actors) != 1:
                continue
            start = min(c.idx for c in token.children if c.dep_ == "det" and c.lower_ == "no")
            end = max(int(t.idx + len(t)) for t in [token, *about_tokens])
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                    end = max(end, max(int(t.idx + len(t)) for t in child.subtree))
            actor = actors[0]
            if not attached:
                # Found elsewhere in the sentence: the evidence is the absence itself.
                actor = Actor(actor.id, actor.name, int(start), end, actor.person)
            found.append(
                _Found(thing, thing.id, actor, False, int(start), end, token, _about(about_tokens))
            )
        return found

    def _noun_actors(
        self, noun: Any, parsed: ParsedSentence, skip: set[int]
    ) -> tuple[list[Actor], bool]:
        """Return the actors of "no reaction (from X)" and whether they hang on the noun."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return resolve_all(pobj, parsed), True
            if child.dep_ == "poss":
                return resolve_all(child, parsed), True
        # The sentence names one country or organisation besides what is reacted to:
        # "no immediate official reaction to the pledge, ... Moscow's likely displeasure".
        table = entity_table()
        ids: dict[str, Actor] = {}
        for token in parsed.doc:
            if token.i in skip or token.pos_ != "PROPN" or token.dep_ == "compound":
                continue
            actor = resolve(token, parsed)
            if actor is None:
                continue
            entity = table.entities.get(actor.id)
            if entity is not None and entity.kind in (EntityKind.COUNTRY, EntityKind.ORG):
                ids.setdefault(actor.id, actor)
        return list(ids.values()), False

    def _verbs(self, parsed: ParsedSentence, thing: Thing) -> list[_Found]:
        frames = absence_lexicon().frames
        yet = frozenset([*frames.yet, *frames.failed])
        found: list[_Found] = []
        for token in parsed.doc:
            if token.pos_ != "VERB":
                continue
            absent_verb = is_word(token, thing.verbs)
            if not absent_verb and not is_word(token, thing.reports):
                continue
            if wished(token) or in_condition(token):
                continue
            target = _object_of(token)
            what = thing.id
            if thing.objects:
                if target is None or not is_word(target, thing.objects):
                    continue
                if thing.by_object:
                    what = f"{thing.id}:{noun_class_index().get(lemma(target), lemma(target))}"
            elif thing.by_object and target is not None:
                what = f"{thing.id}:{lemma(target)}"
            frame = not_yet(token, yet | frozenset(frames.refusals))
            absent = negated(token) or frame is not None
            if absent and thing.requested and self._answers_request(token, frame):
                continue  # "declined to comment", "did not respond to a request for comment"
            if absent and not absent_verb:
                continue  # "did not denounce" is not the absence of a reaction
            if not absent and (modals(token) or token.tag_ not in _TENSES):
                continue  # "would be imposed", "to respond": not a report of it happening
            if not absent and not any(c.dep_ == "nsubj" for c in token.children):
                continue  # reports are active clauses: "a conference called by the UK" is not
            actors: list[Actor] = []
            for subject in subjects(token):
                actors.extend(resolve_all(subject, parsed))
            about = _about([t for t in token.subtree if t.i != token.i])
            end = int(token.idx + len(token))
            if target is not None:
                end = max(end, int(target.idx + len(target)))
            for actor in actors:
                found.append(
                    _Found(thing, what, actor, not absent, int(token.idx), end, token, about)
                )
        return found

    def _answers_request(self, token: Any, frame: str | None) -> bool:
        """Return True for an absence that answers the outlet's own request for comment."""
        frames = absence_lexicon().frames
        if frame in frames.refusals:
            return True
        return any(is_word(t, frames.requests) for t in token.subtree if t.pos_ == "NOUN")

    def _claim(self, parsed: ParsedSentence, item: _Found) -> Claim:
        published = parsed.document.published
        mentions = find_dates(parsed.sent.text, published=published)
        offset = item.cue_start
        nearest = min(mentions, key=lambda m: (abs(m.start - offset), m.start), default=None)
        first: date | None = None
        last: date | None = None
        if nearest is not None and nearest.granularity in ("day", "week"):
            first, last = nearest.first, nearest.last
        timing = occasion_timing([item.anchor, *_heads(item.anchor)])
        value = AbsenceValue(
            what=item.what,
            label_text=item.thing.label,
            actor=item.actor.id,
            actor_name=item.actor.name,
            occurred=item.occurred,
            as_of=published if item.occurred else (last or published),
            first=first if item.occurred else None,
            last=last if item.occurred else None,
            timing=timing if item.occurred else None,
            about=list(item.about),
            cue=parsed.sent.text[item.cue_start : item.cue_end],
        )
        evidence = claim_evidence(
            parsed, item.actor.start, item.actor.end, item.cue_start, item.cue_end
        )
        return Claim(
            id=stable_id(
                parsed.document.id, self.name, evidence.start, evidence.end, value.normalised()
            ),
            doc_id=parsed.document.id,
            kind=self.kind,
            subject=item.actor.id,
            subject_text=parsed.sent.text[item.actor.start : item.actor.end],
            measure=item.what,
            measure_cue=value.cue,
            value=value,
            event="",
            speaker=item.actor.person,
            evidence=evidence,
            sentence=parsed.sent.span,
        )


def _heads(token: Any) -> list[Any]:
    """Return the verbs above a word up to the root (for "Prior to the talks, X said")."""
    found = []
    current = token
    while current.head.i != current.i:
        current = current.head
        found.append(current)
    return found
