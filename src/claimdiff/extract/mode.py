"""Mode claims: how and when an actor took part in an occasion.

Claim:     "Trump joined the meeting virtually" -> Donald Trump, remote, during;
           "in a phone call with European leaders after the Paris meeting, Trump ..." ->
           Donald Trump, phone, after.
Not claim: "a virtual conference called by the UK" (an occasion's format, no participant),
           "Zelensky said in a video" (how a statement was made, not a participation).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, ClassVar

from claimdiff.extract.actors import Actor, resolve_all
from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.clauses import (
    ancestors,
    in_condition,
    negated,
    occasion,
    occasion_timing,
    subjects,
    wished,
)
from claimdiff.extract.cues import (
    PhraseHit,
    claim_evidence,
    find_phrases,
    is_word,
    mode_lexicon,
    stem_pattern,
)
from claimdiff.models import Claim, ClaimKind, ModeValue, Sentence, stable_id

_LISTING = frozenset({"as", "including", "like"})


@cache
def _cue_modes() -> dict[str, str]:
    """Map each cue phrase to its mode."""
    return {cue: mode for mode, cues in sorted(mode_lexicon().modes.items()) for cue in cues}


@cache
def _prefilter() -> re.Pattern[str]:
    return stem_pattern(_cue_modes())


def _anchor(hit: PhraseHit) -> Any:
    """Return the word the cue describes: "remote participation" -> participation."""
    token = hit.head()
    if token.dep_ in ("amod", "compound") and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    return token


def _verb(token: Any) -> Any | None:
    for head in (token, *ancestors(token)):
        if head.pos_ == "VERB":
            return head
    return None


def _listed(noun: Any, parsed: ParsedSentence) -> list[Actor]:
    """Return the actors a group names: "several leaders, including X", "others, such as X"."""
    found: list[Actor] = []
    for sub in noun.children:
        if sub.dep_ == "prep" and sub.lower_ in _LISTING:
            for listed in sub.children:
                if listed.dep_ == "pobj":
                    found.extend(resolve_all(listed, parsed, acts_for=False))
    return found


def _partners(noun: Any, parsed: ParsedSentence, preps: tuple[str, ...]) -> list[Actor]:
    """Return the actors named after some prepositions of a word ("a call with X")."""
    found: list[Actor] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                found.extend(resolve_all(pobj, parsed, acts_for=False))
                # "from others, such as U.K. Prime Minister Keir Starmer"
                found.extend(_listed(pobj, parsed))
        elif child.dep_ == "poss":
            found.extend(resolve_all(child, parsed, acts_for=False))
    return found


class ModeExtractor:
    """How (in person, video, phone, remote, written) and when an actor took part.

    Claim:     "included remote participation from others, such as U.K. Prime Minister
               Keir Starmer" -> Keir Starmer, remote, during.
    Not claim: "a series of summits, including a virtual conference called by the UK".
    """

    name: ClassVar[str] = "mode"
    kind: ClassVar[ClaimKind] = ClaimKind.MODE

    def wants(self, sent: Sentence) -> bool:
        """Return True when the sentence holds a mode cue word."""
        return bool(_prefilter().search(sent.text.lower()))

    def extract(self, parsed: ParsedSentence) -> list[Claim]:
        """Return the mode claims of one sentence."""
        if parsed.sent.text.rstrip().endswith("?"):
            return []
        claims: dict[str, Claim] = {}
        seen: set[tuple[str, str]] = set()
        for hit in find_phrases(parsed.doc, _cue_modes()):
            for actor, timing in self._participants(hit, parsed):
                mode = _cue_modes()[hit.phrase]
                if (actor.id, mode) in seen:
                    continue
                seen.add((actor.id, mode))
                claim = self._claim(parsed, hit, actor, mode, timing)
                claims.setdefault(claim.id, claim)
        return list(claims.values())

    def _participants(
        self, hit: PhraseHit, parsed: ParsedSentence
    ) -> list[tuple[Actor, str | None]]:
        anchor = _anchor(hit)
        verb = _verb(anchor)
        lexicon = mode_lexicon().participation
        if hit.phrase.startswith("call") and not any(
            c.dep_ == "prep" and c.lower_ == "with" for c in anchor.children
        ):
            return []  # "a call for sanctions" is a demand, not a conversation
        if wished(anchor) or in_condition(anchor) or (verb is not None and negated(verb)):
            return []
        noun_takes_part = is_word(anchor, lexicon.nouns) and anchor.pos_ == "NOUN"
        verb_takes_part = verb is not None and any(
            is_word(verb, (v.split()[0],)) for v in lexicon.verbs
        )
        if not noun_takes_part and not verb_takes_part:
            return []
        # "remote participation from X", "X's video address"; "from Kyiv" after a
        # "video link" is a place, so only participation nouns take these.
        preps = ("with", "from", "of", "by") if noun_takes_part else ("with",)
        actors = _partners(anchor, parsed, preps)
        if verb is not None and verb_takes_part:
            for subject in subjects(verb):
                actors.extend(resolve_all(subject, parsed, acts_for=False))
                actors.extend(_listed(subject, parsed))
            actors.extend(_partners(verb, parsed, ("with",)))
            for child in verb.children:  # "discussed the plan with X": the parser's attachment
                if child.dep_ == "dobj":
                    actors.extend(_partners(child, parsed, ("with",)))
        places = [anchor, *([verb] if verb is not None else [])]
        timing = occasion_timing(places, skip={t.i for t in hit.tokens})
        in_occasion = noun_takes_part and is_word(anchor, lexicon.during)
        if timing is None and (in_occasion or self._joins_occasion(verb)):
            timing = "during"
        unique = {actor.id: actor for actor in actors}
        return [(actor, timing) for _, actor in sorted(unique.items())]

    def _joins_occasion(self, verb: Any | None) -> bool:
        """Return True for "joined the meeting", "took part in the talks", "attended"."""
        if verb is None:
            return False
        for child in verb.children:
            if child.dep_ == "dobj" and occasion(child):
                return True
            into = child.dep_ == "prep" and child.lower_ in ("in", "into")
            if into and any(p.dep_ == "pobj" and occasion(p) for p in child.children):
                return True
        return False

    def _claim(
        self, parsed: ParsedSentence, hit: PhraseHit, actor: Actor, mode: str, timing: str | None
    ) -> Claim:
        evidence = claim_evidence(parsed, actor.start, actor.end, hit.start, hit.end)
        value = ModeValue(
            actor=actor.id, actor_name=actor.name, mode=mode, timing=timing, cue=hit.phrase
        )
        return Claim(
            id=stable_id(
                parsed.document.id, self.name, evidence.start, evidence.end, value.normalised()
            ),
            doc_id=parsed.document.id,
            kind=self.kind,
            subject=actor.id,
            subject_text=parsed.sent.text[actor.start : actor.end],
            measure="participation",
            measure_cue=hit.phrase,
            value=value,
            event="",
            evidence=evidence,
            sentence=parsed.sent.span,
        )
