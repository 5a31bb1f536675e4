"""Time claims: when a named happening took place, as a range with granularity and zone.

Claim:     "In a pivotal summit held on March 27, 2025" -> meeting occurred 2025-03-27;
           "The ferry capsized at 11:20 pm on Saturday" -> sinking at Sat 23:20;
           "The Paris talks came nearly three weeks after Trump met Putin in Alaska" ->
           the Alaska meeting, 14 to 21 days before the talks.
Not claim: "leaders announced on Thursday" (a reporting date), "today marks the first
           time" (no happening), "in 2019" on its own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any, ClassVar

from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.happenings import (
    Happening,
    attachment,
    gap_sides,
    happening_at,
    hedged_clause,
    is_reporting,
    looks_ahead,
    tokens_between,
)
from claimdiff.models import Claim, ClaimKind, Sentence, TimeValue, stable_id
from claimdiff.normalise.dates import MONTHS, WEEKDAYS
from claimdiff.normalise.durations import DurationMention, find_durations
from claimdiff.normalise.timelex import happenings, times
from claimdiff.normalise.times import Moment, find_moments

_CUES = re.compile(
    r"\b(?:" + "|".join((*MONTHS, *WEEKDAYS)) + r")\b|\d[:.]\d\d|\d\s*[ap]\.?\s?m\b|\b(?:today|"
    r"yesterday|tonight|tomorrow|last|this|next|ago|after|before|noon|midnight|midday|GMT|"
    r"UTC|in\s+(?:1[89]|2[01])\d\d)\b",
    re.IGNORECASE,
)
# Words before a date that bound the happening rather than date it; None: no claim.
_BOUNDS: dict[str, str | None] = {
    "until": "ended",
    "till": "ended",
    "through": "ended",
    "since": "began",
    "from": "began",
    "before": None,
    "after": None,
    "by": None,
    "between": None,
    "ahead of": None,
    "prior to": None,
}
_GAP = re.compile(r"^\s+(?P<word>after|before)\b", re.IGNORECASE)
_FUTURE_HEADS = frozenset({"due", "set", "expect", "schedule", "plan", "go", "poise"})
_FUTURE_MODIFIERS = frozenset({"upcoming", "next", "coming", "planned", "scheduled"})


def _bounded(happening: Happening, tokens: list[Any], moment: Moment) -> Happening | None:
    """Apply the preposition governing a date: "until Friday" is an end, "since" a start.

    "Before Friday", "after March 3" and "by Friday" do not date the happening itself;
    before a clock time they are hedges, already read into the range.
    """
    word = _preposition(tokens)
    if word is None or (moment.hedge is not None and moment.granularity in ("minute", "hour")):
        return happening
    if word not in _BOUNDS:
        return happening
    role = _BOUNDS[word]
    if role is None:
        return None
    if happening.role == "occurred":
        return replace(happening, role=role)
    return happening if happening.role == role else None


def _preposition(tokens: list[Any]) -> str | None:
    """Return the preposition a date phrase is the object of ("until", "ahead of")."""
    inside = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in inside), None)
    if root is None:
        return None
    if root.pos_ == "ADP":
        preposition = root
    elif root.dep_ == "pobj" and root.head.pos_ in ("ADP", "SCONJ"):
        preposition = root.head
    else:
        return None
    word = str(preposition.lower_)
    if preposition.head.i != preposition.i and str(preposition.head.lower_) in ("ahead", "prior"):
        word = f"{preposition.head.lower_} {word}"
    return word


def _datable(happening: Happening) -> bool:
    """Return False for "the strike on Tuesday": a strike goes on, only its start is a date."""
    return happening.role != "occurred" or not happenings().classes[happening.cls].durative


def _is_future(head: Any) -> bool:
    """Return True when the happening is still to come ("will meet", "is due to start").

    The governing verb decides: "said they would meet on Sunday", "plan to leave on
    Friday", "were expected to sign on Monday" and "will stage a strike from Friday" look
    ahead (``looks_ahead``); "met on Sunday", "would have met on Sunday" and "had planned
    to meet on Sunday" look back.
    """
    if head.pos_ in ("NOUN", "PROPN"):
        # "will stage a 24-hour strike from Friday", "will take part in talks on Sunday":
        # the verb whose object the noun is decides. A subject keeps its own time ("the
        # strike on Monday will cost millions" may be past).
        verb = _governing_verb(head)
        if verb is not None and _ahead(verb):
            return True
    elif _ahead(head):
        return True
    elif _looks_back(head):
        return False
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if head.tag_ in ("VBZ", "VBP") and not auxiliaries:
        return True  # "the conference continues until Friday", "the summit opens on Monday"
    if head.dep_ == "xcomp" and str(head.head.lemma_).lower() in _FUTURE_HEADS:
        return True
    return any(
        str(c.lemma_).lower() in _FUTURE_MODIFIERS for c in head.children if c.dep_ == "amod"
    )


def _governing_verb(noun: Any) -> Any | None:
    """Return the verb a noun is the object of, directly or through a preposition."""
    if noun.dep_ == "dobj":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return None


def _ahead(verb: Any) -> bool:
    """Return True for a verb whose own clause looks ahead ("will stage", "would meet").

    A plan told in the perfect ("had planned to meet") looks back (``_looks_back``).
    """
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(str(c.lemma_).lower() in ("will", "shall") for c in auxiliaries):
        return True
    return not _looks_back(verb) and looks_ahead(verb)


def _looks_back(head: Any) -> bool:
    """Return True for a past or perfect clause: "met", "was held", "would have met".

    A perfect counts on the words the verb's infinitive completes too ("had planned to
    meet"); their past tense does not: "were expected to meet" looks ahead from a past
    report, as "said they would meet" does.
    """
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if head.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return True
    for token in (head, *head.ancestors):
        if any(
            c.dep_ in ("aux", "auxpass") and str(c.lemma_).lower() == "have" for c in token.children
        ):
            return True
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "xcomp":
            return False
    return False


class TimeExtractor:
    """Dates and times of happenings, relative ones resolved against the publication date.

    Claim:     "The summit was held on Thursday" -> meeting, the Thursday before publication.
    Not claim: "Leaders announced on Thursday" -> nothing: the date is when it was said.
    """

    name: ClassVar[str] = "time"
    kind: ClassVar[ClaimKind] = ClaimKind.TIME

    def wants(self, sent: Sentence) -> bool:
        """Return True when the sentence names a date, a time or a time-relative word."""
        return _CUES.search(sent.text) is not None

    def extract(self, parsed: ParsedSentence) -> list[Claim]:
        """Return the time claims of one sentence."""
        text = parsed.sent.text
        published = parsed.document.published
        readings = {
            future: find_moments(text, published=published, future=future)
            for future in (False, True)
        }
        heads = _attachments(parsed, readings[False])
        claims: list[Claim] = []
        for moment in readings[False]:
            tokens = tokens_between(parsed.doc, moment.start, moment.end)
            head = heads[moment.start]
            if head is None:
                continue
            if moment.relative and _is_future(head):
                moment = next((m for m in readings[True] if m.start == moment.start), moment)
            happening = happening_at(head)
            if happening is None or hedged_clause(head):
                continue
            happening = _bounded(happening, tokens, moment)
            if happening is not None and _datable(happening):
                claims.append(self._claim(parsed, moment, happening, moment.start, moment.end))
        claims.extend(self._gaps(parsed, readings[False], heads))
        return claims

    def _gaps(
        self, parsed: ParsedSentence, moments: list[Moment], heads: dict[int, Any]
    ) -> list[Claim]:
        """Date one happening of "<X> came three weeks after <Y>" from the other's date."""

        def dated_at(*tokens: Any) -> Moment | None:
            indexes = {t.i for t in tokens}
            return next(
                (m for m in moments if heads[m.start] is not None and heads[m.start].i in indexes),
                None,
            )

        text = parsed.sent.text
        published = parsed.document.published
        claims: list[Claim] = []
        for duration in find_durations(text):
            gap = _GAP.match(text[duration.end :])
            if gap is None or duration.age or duration.compound or duration.high.value is None:
                continue
            word_end = duration.end + gap.end()
            word = next((t for t in tokens_between(parsed.doc, word_end - 1, word_end)), None)
            if word is None:
                continue
            sides = gap_sides(word)
            if sides is None:
                continue
            main_head, reference_head = sides
            reference = happening_at(reference_head)
            main = happening_at(main_head)
            sign = -1 if gap.group("word").lower() == "after" else 1
            dated = dated_at(reference.head) if reference is not None else None
            if dated is not None:
                # "The aftershock struck two weeks after the March 3 quake": the later
                # happening is dated from the earlier one, if it has no date of its own
                # (on its noun or on the verb that tells it: "shook the town on Thursday").
                if main is None or not _datable(main):
                    continue
                if dated_at(main.head, main_head) is not None:
                    continue
                moment = _shift(dated, duration, -sign, published)
                if moment is not None:
                    claims.append(self._claim(parsed, moment, main, duration.start, word_end))
                continue
            if reference is None or not _datable(reference):
                continue
            main_moment = dated_at(main_head)
            if main is None and (main_moment is None or is_reporting(main_head)):
                # "Two days after the quake, the service said on Thursday": a reporting
                # date, or an unknown clause, cannot date the earlier happening.
                continue
            moment = _shift(main_moment, duration, sign, published)
            if moment is not None:
                claims.append(self._claim(parsed, moment, reference, duration.start, word_end))
        return claims

    def _claim(
        self, parsed: ParsedSentence, moment: Moment, happening: Happening, start: int, end: int
    ) -> Claim:
        document = parsed.document
        evidence = parsed.span(start, end)
        value = TimeValue(
            start=moment.first,
            end=moment.last,
            granularity=moment.granularity,
            timezone=moment.zone,
            offset_minutes=moment.offset,
            dated=moment.dated,
            relative=moment.relative,
            actors=list(happening.actors),
            surface=parsed.sent.text[start:end],
        )
        return Claim(
            id=stable_id(document.id, self.name, evidence.start, evidence.end),
            doc_id=document.id,
            kind=self.kind,
            subject=happening.cls,
            subject_text=happening.phrase,
            measure=happening.role,
            measure_cue=happening.cue,
            value=value,
            event="",
            evidence=evidence,
            sentence=parsed.sent.span,
        )


def _attachments(parsed: ParsedSentence, moments: list[Moment]) -> dict[int, Any]:
    """Return the word each moment dates, keyed by the moment's start offset.

    "X struck on Thursday, two weeks after the quake on January 13": the parser often
    hangs both dates on "struck". When a verb already holds another date, a date written
    right after the object of its "after"/"before" ("the quake on January 13") is that
    object's own.
    """
    heads = {m.start: attachment(tokens_between(parsed.doc, m.start, m.end)) for m in moments}
    for moment in moments:
        head = heads[moment.start]
        if head is None or sum(h is not None and h.i == head.i for h in heads.values()) < 2:
            continue
        tokens = tokens_between(parsed.doc, moment.start, moment.end)
        reference = _gap_object_before(head, tokens[0]) if tokens else None
        if reference is not None:
            heads[moment.start] = reference
    return heads


def _gap_object_before(head: Any, first: Any) -> Any | None:
    """Return the object of ``head``'s "after"/"before" that ends just before a date phrase."""
    doc = first.doc
    edge = first.i - 1
    if edge >= 0 and doc[edge].pos_ == "ADP":
        edge -= 1  # "the quake on January 13", "the earthquake of March 3"
    for child in head.children:
        if child.dep_ != "prep" or str(child.lower_) not in ("after", "before"):
            continue
        for obj in child.children:
            if obj.dep_ == "pobj" and obj.right_edge.i == edge:
                return obj
    return None


def _shift(
    main: Moment | None, duration: DurationMention, sign: int, published: Any
) -> Moment | None:
    """Return the other happening's range: ``main``'s moved by the duration (sign: -1 back).

    Without ``main``, the dated happening is the news itself: within the window of days
    before publication.
    """
    if main is not None:
        first, last = main.first, main.last
    elif published is not None:
        # Undated: the main happening is reported as news, so it lies within the window
        # before publication that an event may span.
        day = datetime.combine(published, time())
        first, last = day - timedelta(days=times().undated_window_days), day + timedelta(days=1)
    else:
        return None
    low = timedelta(seconds=duration.low.value or 0.0)
    high = timedelta(seconds=duration.high.value or 0.0)
    if sign < 0:
        first, last = first - high, last - low
    else:
        first, last = first + low, last + high
    if duration.high.value is not None and duration.high.value >= 86400:
        first = datetime.combine(first.date(), time())
        last = datetime.combine(last.date(), time()) + timedelta(days=1)
        granularity = "day"
    else:
        granularity = main.granularity if main is not None else "day"
    return Moment(
        start=duration.start,
        end=duration.end,
        first=first,
        last=last,
        granularity=granularity,
        zone=main.zone if main else None,
        offset=main.offset if main else None,
        relative=True,
        dated=main.dated if main is not None else True,
    )
