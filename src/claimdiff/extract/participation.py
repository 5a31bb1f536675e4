"""Status claims: where an actor stands on an undertaking.

Claim:     "Italy would not deploy troops" -> Italy, troops, declined;
           "willing to offer US support as a backstop" -> United States, supporting:backstop;
           "the level of U.S. participation remains ambiguous" -> United States, unspecified.
Not claim: "26 nations committed" (a count), "Kyiv is hoping for U.S. air support" (a wish),
           "European leaders agreed" (no actor the entity table knows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from claimdiff.extract.actors import SPEECH_VERBS, Actor, resolve, resolve_all
from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.clauses import (
    ancestors,
    conditioned,
    in_condition,
    modals,
    negated,
    not_yet,
    objects,
    occasion,
    speech_subject,
    subjects,
    wished,
)
from claimdiff.extract.cues import (
    PhraseHit,
    claim_evidence,
    find_phrases,
    is_word,
    lemma,
    participation_lexicon,
    stem_pattern,
)
from claimdiff.extract.involvement import (
    VERBS,
    actors_of_noun,
    asserted,
    clause_ancestors,
    condition_markers,
    involvement_noun,
    is_count,
    not_yet_frames,
    open_question,
    takes_part,
    undertaking_in,
    undertaking_of,
    undertaking_token,
)
from claimdiff.models import Claim, ClaimKind, Sentence, StatusValue, stable_id

# Determiners and adjectives that empty an object: "offered little support".
_EMPTYING = frozenset({"no", "little", "few", "scant", "any"})


@dataclass(frozen=True, slots=True)
class _Found:
    actor: Actor
    undertaking: str
    status: str
    role: str | None
    cue: PhraseHit
    speaker: str | None
    noun: Any = None  # the participation noun, kept inside the evidence when near


@cache
def _prefilter() -> re.Pattern[str]:
    lexicon = participation_lexicon()
    words = [
        *lexicon.unspecified.predicates,
        *lexicon.unspecified.nouns,
        *lexicon.committed.words,
        *lexicon.committed.with_undertaking,
        *lexicon.willing.words,
        *lexicon.declined.words,
        *lexicon.undecided.words,
        *lexicon.excluded.prepositions,
        *lexicon.excluded.words,
        *lexicon.supporting.roles,
    ]
    return stem_pattern(words)


@cache
def _bare_words() -> frozenset[str]:
    """Commitment verbs that need no object ("participate", "join", "take part")."""
    return frozenset(w.split()[0] for w in participation_lexicon().committed.words)


class StatusExtractor:
    """Who is in, out, undecided or unspecified for an undertaking.

    Claim:     "Italy would not deploy troops but could assist in monitoring" ->
               Italy: declined (troops); Italy: supporting (monitoring).
    Not claim: "Ukraine is hoping for continued U.S. intelligence sharing" -> nothing.
    """

    name: ClassVar[str] = "status"
    kind: ClassVar[ClaimKind] = ClaimKind.STATUS

    def wants(self, sent: Sentence) -> bool:
        """Return True when the sentence holds a status cue word."""
        return bool(_prefilter().search(sent.text.lower()))

    def extract(self, parsed: ParsedSentence) -> list[Claim]:
        """Return the status claims of one sentence."""
        if parsed.sent.text.rstrip().endswith("?"):
            return []
        found = [
            *self._unspecified(parsed),
            *self._roles(parsed),
            *self._verbal(parsed),
            *self._decisions(parsed),
            *self._excluded(parsed),
        ]
        roles = {(f.actor.id, f.undertaking) for f in found if f.status == "supporting"}
        claims: dict[str, Claim] = {}
        seen: set[tuple[str, str, str, str | None]] = set()
        for item in sorted(found, key=lambda f: (f.cue.start, f.actor.start, f.status)):
            # A role names the form of a willingness in the same sentence: keep the role.
            if (
                item.status in ("willing", "committed")
                and (item.actor.id, item.undertaking) in roles
            ):
                continue
            key = (item.actor.id, item.undertaking, item.status, item.role)
            if key in seen:
                continue
            seen.add(key)
            claim = self._claim(parsed, item)
            claims.setdefault(claim.id, claim)
        return list(claims.values())

    def _claim(self, parsed: ParsedSentence, item: _Found) -> Claim:
        actor_start, actor_end = item.actor.start, item.actor.end
        if item.noun is not None:
            # A clause ("whether Spain will take part") is shown whole, a noun up to itself.
            last = item.noun.right_edge if item.noun.pos_ in VERBS else item.noun
            noun_start, noun_end = int(item.noun.left_edge.idx), int(last.idx + len(last))
            actor_start, actor_end = min(actor_start, noun_start), max(actor_end, noun_end)
        evidence = claim_evidence(parsed, actor_start, actor_end, item.cue.start, item.cue.end)
        value = StatusValue(
            actor=item.actor.id,
            actor_name=item.actor.name,
            undertaking=item.undertaking,
            status=item.status,
            role=item.role,
            cue=item.cue.phrase,
        )
        return Claim(
            id=stable_id(
                parsed.document.id, self.name, evidence.start, evidence.end, value.normalised()
            ),
            doc_id=parsed.document.id,
            kind=self.kind,
            subject=item.actor.id,
            subject_text=parsed.sent.text[item.actor.start : item.actor.end],
            measure=item.undertaking,
            measure_cue=item.cue.phrase,
            value=value,
            event="",
            speaker=item.speaker,
            evidence=evidence,
            sentence=parsed.sent.span,
        )

    def _speaker(self, token: Any, parsed: ParsedSentence) -> str | None:
        subject = speech_subject(token, SPEECH_VERBS)
        if subject is None:
            return None
        actor = resolve(subject, parsed, acts_for=False)
        return actor.id if actor is not None else None

    def _unspecified(self, parsed: ParsedSentence) -> list[_Found]:
        lexicon = participation_lexicon()
        found: list[_Found] = []
        default = lexicon.undertakings.default
        hits = find_phrases(parsed.doc, lexicon.unspecified.predicates)
        hits += find_phrases(parsed.doc, lexicon.unspecified.nouns)
        for hit in hits:
            head = hit.head()
            if wished(head) or in_condition(head):
                continue
            inside = {t.i for t in hit.tokens}
            candidates = [s for s in subjects(head) if s.i not in inside]
            for token in hit.tokens:
                # "uncertainty over X", "the lack of clarity over X", "lack of clear X"
                candidates.extend(c for c in token.children if c.dep_ == "pobj")
                for prep in token.children:
                    if prep.dep_ == "prep" and prep.i not in inside:
                        candidates.extend(c for c in prep.children if c.dep_ == "pobj")
                if token.dep_ == "amod" and token.head.i not in inside:
                    candidates.append(token.head)
            found.extend(self._unspecified_clause(parsed, hit, head))
            for candidate in candidates:
                noun = involvement_noun(candidate)
                if noun is None:
                    continue
                undertaking = undertaking_in(objects(noun)) or undertaking_of(noun) or default
                speaker = self._speaker(head, parsed)
                # The evidence reaches back to the start of the phrase ("the specifics of").
                shown = candidate if candidate.i < noun.i else noun
                for actor in actors_of_noun(noun, parsed):
                    found.append(
                        _Found(actor, undertaking, "unspecified", None, hit, speaker, shown)
                    )
        return found

    def _unspecified_clause(
        self, parsed: ParsedSentence, hit: PhraseHit, head: Any
    ) -> list[_Found]:
        """Find "it is unclear whether Spain will take part": the open clause's actor."""
        lexicon = participation_lexicon()
        found: list[_Found] = []
        for clause in head.children:
            if clause.dep_ not in ("csubj", "ccomp", "advcl") or not open_question(clause):
                continue
            complement = objects(clause)
            if complement and occasion(complement[0]):
                continue
            named = undertaking_token(complement)
            if named is None and not (takes_part(clause) or is_word(clause, _bare_words())):
                continue
            undertaking = lexicon.undertakings.default if named is None else named[1]
            speaker = self._speaker(head, parsed)
            for subject in subjects(clause):
                if is_count(subject):
                    continue
                for actor in resolve_all(subject, parsed):
                    found.append(
                        _Found(actor, undertaking, "unspecified", None, hit, speaker, clause)
                    )
        return found

    def _roles(self, parsed: ParsedSentence) -> list[_Found]:
        lexicon = participation_lexicon()
        found: list[_Found] = []
        for hit in find_phrases(parsed.doc, lexicon.supporting.roles):
            token = hit.head()
            if token.pos_ == "VERB" and token.tag_ != "VBG":
                continue
            if token.dep_ in ("compound", "amod") and not is_word(
                token.head, lexicon.supporting.carriers
            ):
                continue  # "a monitoring mission" names the mission, "a monitoring role" a role
            if wished(token) or in_condition(token) or negated(token):
                continue
            actors = self._role_actors(token, hit, parsed)
            role = lexicon.supporting.roles[hit.phrase]
            for actor in actors:
                found.append(
                    _Found(
                        actor,
                        lexicon.undertakings.default,
                        "supporting",
                        role,
                        hit,
                        self._speaker(token, parsed),
                    )
                )
        return found

    def _role_actors(self, token: Any, hit: PhraseHit, parsed: ParsedSentence) -> list[Actor]:
        inside = {t.i for t in hit.tokens}
        for noun in (token, *ancestors(token)):
            if noun.pos_ in ("VERB", "AUX"):
                if negated(noun) or wished(noun):
                    return []
                for child in noun.children:
                    if child.dep_ == "dobj" and child.i not in inside:
                        actors = actors_of_noun(child, parsed)
                        if actors:
                            return actors
                for subject in subjects(noun):
                    if not is_count(subject):
                        return resolve_all(subject, parsed)
                return []
            if noun.pos_ in ("NOUN", "PROPN"):
                actors = actors_of_noun(noun, parsed)
                if actors:
                    return actors
        return []

    def _verbal(self, parsed: ParsedSentence) -> list[_Found]:
        lexicon = participation_lexicon()
        groups = (
            ("committed", lexicon.committed.words),
            ("committed", lexicon.committed.with_undertaking),
            ("willing", lexicon.willing.words),
            ("declined", lexicon.declined.words),
            ("undecided", lexicon.undecided.words),
        )
        hits = [
            (status, hit) for status, words in groups for hit in find_phrases(parsed.doc, words)
        ]
        # A commitment verb under a willingness, refusal or hesitation belongs to it:
        # "its readiness to participate" is willing, "declined to send troops" declined.
        stance = {hit.head().i for status, hit in hits if status != "committed"}
        found: list[_Found] = []
        for status, hit in hits:
            head = hit.head()
            if status == "committed" and (
                any(a.i in stance for a in clause_ancestors(head)) or not asserted(head)
            ):
                continue
            if open_question(head):
                continue  # "whether Spain will take part" asks; the open clause is unspecified
            found.extend(self._verbal_hit(parsed, status, hit))
        return found

    def _verbal_hit(self, parsed: ParsedSentence, status: str, hit: PhraseHit) -> list[_Found]:
        """Judge one committed/willing/declined/undecided cue: undertaking, polarity, actor."""
        lexicon = participation_lexicon()
        head = hit.head()
        verbal = head.pos_ in VERBS
        if status in ("committed", "declined") and not verbal:
            return []  # "the pledge from 26 nations" is a count's business
        if wished(head) or in_condition(head) or not_yet(head, not_yet_frames()):
            return []
        inside = {x.i for x in hit.tokens}
        complement = [t for t in objects(head) if t.i not in inside]
        if complement and occasion(complement[0]):
            return []  # "joined the meeting" is attendance, a mode claim's business
        if complement and any(c.lower_ in _EMPTYING for c in complement[0].children):
            return []  # "offered little support"
        named = undertaking_token(complement)
        if status == "committed" and hit.phrase in lexicon.committed.with_undertaking:
            # "send troops": the undertaking is the object itself, not a noun further on
            # ("provide air surveillance for the mission" is a role, not troops).
            direct = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
            direct += [c for d in direct for c in d.children if c.dep_ == "conj"]
            named = undertaking_token(direct)
        participates = any(takes_part(t) for t in complement)
        if status == "willing" and not participates:
            return []
        if status == "declined" and not participates and named is None:
            return []
        if named is None:
            bare = status == "committed" and hit.phrase in lexicon.committed.words
            if status == "committed" and not (bare and (participates or not complement)):
                return []
            if status == "undecided" and verbal and not participates:
                return []
        undertaking = lexicon.undertakings.default if named is None else named[1]
        final = status
        if status in ("committed", "willing") and negated(head):
            final = "declined"
        elif status == "declined" and negated(head):
            final = "undecided"  # "did not rule out sending troops"
        elif status in ("committed", "willing") and conditioned(head, condition_markers()):
            final = "conditional"
        speaker = self._speaker(head, parsed)
        noun = None if named is None else named[0]
        actors = self._verbal_actors(head, parsed)
        if named is None:
            # "Japan is participating" is a status; "the minister took part" attendance.
            actors = [a for a in actors if not a.id.startswith("person:")]
        return [_Found(actor, undertaking, final, None, hit, speaker, noun) for actor in actors]

    def _decisions(self, parsed: ParsedSentence) -> list[_Found]:
        """Find a decision still to come: "a decision on Germany's engagement will be made"."""
        lexicon = participation_lexicon()
        found: list[_Found] = []
        for token in parsed.doc:
            if token.pos_ != "NOUN" or not is_word(token, lexicon.undecided.decision_nouns):
                continue
            head = token.head
            none_yet = any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
            to_come = token.dep_ in ("nsubjpass", "nsubj", "dobj") and bool(
                modals(head) & {"will", "would", "shall"}
            )
            if not (none_yet or to_come) or wished(token) or in_condition(token):
                continue
            topics = [
                p
                for holder in (token, head)  # "no decision has been taken on X" hangs on the verb
                for c in holder.children
                if c.dep_ == "prep" and c.lower_ in ("on", "about", "over", "regarding")
                for p in c.children
                if p.dep_ == "pobj"
            ]
            for topic in topics:
                named = undertaking_token([topic, *objects(topic)])
                undertaking = named[1] if named else lexicon.undertakings.default
                actors = actors_of_noun(topic, parsed) or resolve_all(topic, parsed)
                hit = PhraseHit(phrase=lemma(token), tokens=(token,))
                speaker = self._speaker(token, parsed)
                found.extend(
                    _Found(actor, undertaking, "undecided", None, hit, speaker, topic)
                    for actor in actors
                )
        return found

    def _verbal_actors(self, head: Any, parsed: ParsedSentence) -> list[Actor]:
        actors: list[Actor] = []
        if head.pos_ == "NOUN":
            # "Washington's willingness", "a decision on Germany's military engagement"
            actors.extend(actors_of_noun(head, parsed))
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("on", "about", "over"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            actors.extend(actors_of_noun(pobj, parsed))
            return actors
        for subject in subjects(head):
            if not is_count(subject):
                actors.extend(resolve_all(subject, parsed))
        return actors

    def _excluded(self, parsed: ParsedSentence) -> list[_Found]:
        lexicon = participation_lexicon()
        default = lexicon.undertakings.default
        found: list[_Found] = []
        for hit in find_phrases(parsed.doc, lexicon.excluded.prepositions):
            for token in hit.tokens:
                for child in token.children:
                    if child.dep_ in ("pobj", "dobj") and not is_count(child):
                        for actor in resolve_all(child, parsed):
                            found.append(_Found(actor, default, "excluded", None, hit, None))
        for hit in find_phrases(parsed.doc, lexicon.excluded.words):
            head = hit.head()
            if wished(head) or in_condition(head) or negated(head) and hit.phrase != "not invite":
                continue
            targets = [c for c in head.children if c.dep_ in ("nsubjpass", "dobj")]
            for target in targets:
                if not is_count(target):
                    for actor in resolve_all(target, parsed):
                        found.append(_Found(actor, default, "excluded", None, hit, None))
        return found
