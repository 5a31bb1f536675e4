"""Framing: which speech frame speaks a passage, and the chain of relays around it.

A quotation or reported content may sit near several frames ("Macron announced that
..., the Associated Press noted"; "Meloni reiterated that ..., according to her
office"). The frame whose content holds the passage wins (the innermost), else the
nearest; outlets relaying the words and outer "according to" frames form the chain.
A quoted fragment without any speech frame belongs to the person whose verb governs it
("Rutte championed ... “to strengthen Europe”").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff.extract.base import ParsedSentence
from claimdiff.extract.speakers import (
    DocumentSpeech,
    Relay,
    Speaker,
    _strip,
    _text,
    resolve,
    resolve_phrase,
)
from claimdiff.extract.speech import Frame, core_tokens, speaker_tokens, subject_of
from claimdiff.models import EntityKind
from claimdiff.normalise.entities import entity_table


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said a passage, the cue and phrase that say so, and the chain of relays."""

    speaker: Speaker | None
    phrase: str = ""
    cue: str = ""
    chain: tuple[str, ...] = ()
    sentences: tuple[int, ...] = ()  # indexes of the sentences holding passage and frame


_NONE = Attribution(speaker=None)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _distance(frame: Frame, start: int, end: int) -> int:
    if frame.cue_end <= start:
        return start - frame.cue_end
    if frame.cue_start >= end:
        return frame.cue_start - end
    return 0


def _chain_text(analysis: DocumentSpeech, frame: Frame) -> str:
    text = analysis.document.text
    speaker = text[frame.speaker[0] : frame.speaker[1]] if frame.speaker else ""
    if frame.cue.lower() == "according":
        return f"according to {speaker}"
    if frame.speaker and frame.speaker[0] < frame.cue_start:
        return f"{speaker} {frame.cue}"
    return f"{frame.cue} by {speaker}" if frame.cue.endswith("ed") else f"{frame.cue} {speaker}"


def _told(analysis: DocumentSpeech, sentence: ParsedSentence, frame: Frame) -> str | None:
    """Return "told the AP" when the cue's addressee is a news outlet."""
    cue = next((t for t in sentence.doc if sentence.absolute(t.idx) == frame.cue_start), None)
    if cue is None:
        return None
    for child in cue.children:
        target = child
        if child.dep_ == "prep" and str(child.lower_) == "to":
            target = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ not in ("dobj", "dative"):
            continue
        phrase = _text(speaker_tokens(target))
        if phrase and entity_table().is_outlet(_strip(phrase)):
            return f"{frame.cue} {phrase}"
    return None


def attribute_span(
    analysis: DocumentSpeech, start: int, end: int, indices: Sequence[int]
) -> Attribution:
    """Return who said the passage ``[start, end)`` found in the sentences ``indices``.

    Speech frames in those sentences compete: a frame whose content holds the passage
    wins (the innermost one), else the nearest frame. Outlets relaying the words and
    other "according to" frames around the chosen one form the attribution chain.
    """
    speakers: list[tuple[tuple[bool, int, int], Frame, Speaker, int]] = []
    relays: list[Frame] = []
    for index in indices:
        sentence = analysis.parsed.get(index)
        if sentence is None:
            continue
        for frame in analysis.frames.get(index, ()):
            resolved = resolve(analysis, sentence, frame)
            if resolved is None:
                continue
            if isinstance(resolved, Relay):
                relays.append(frame)
                continue
            if analysis.in_quote(frame.cue_start) and frame.cue_start != start:
                continue  # a cue inside quotation marks frames the quotation's own words
            holds = frame.content is not None and 2 * _overlap(frame.content, (start, end)) >= (
                end - start
            )
            width = (frame.content[1] - frame.content[0]) if holds and frame.content else 0
            speakers.append(
                ((not holds, width, _distance(frame, start, end)), frame, resolved, index)
            )
    if not speakers:
        return Attribution(speaker=None, chain=tuple(_chain_text(analysis, r) for r in relays))
    _, frame, speaker, index = min(speakers, key=lambda item: item[0])
    text = analysis.document.text
    phrase = text[frame.speaker[0] : frame.speaker[1]] if frame.speaker else ""
    return Attribution(
        speaker=speaker,
        phrase=phrase,
        cue=frame.cue,
        chain=chain_for(analysis, indices, frame, index),
        sentences=tuple(sorted({index, *indices})),
    )


def chain_for(
    analysis: DocumentSpeech, indices: Sequence[int], frame: Frame, index: int
) -> tuple[str, ...]:
    """Return the attribution chain of a chosen frame.

    The chain holds relays in its sentences, "according to" frames around it, and an
    outlet the speaker spoke to ("told the AP").
    """
    chain: list[str] = []
    for other_index in indices:
        sentence = analysis.parsed.get(other_index)
        if sentence is None:
            continue
        for other in analysis.frames.get(other_index, ()):
            if other is frame:
                continue
            resolved = resolve(analysis, sentence, other)
            around = (
                other.cue.lower() == "according"
                and other.content is not None
                and other.content[0] <= frame.cue_start < other.content[1]
            )
            if isinstance(resolved, Relay) or around:
                chain.append(_chain_text(analysis, other))
    told = _told(analysis, analysis.parsed[index], frame)
    if told:
        chain.append(told)
    return tuple(sorted(set(chain)))


def governing_speaker(
    analysis: DocumentSpeech, sentence: ParsedSentence, start: int, end: int
) -> Attribution:
    """Return the person whose verb governs a quoted fragment ("Rutte championed ... "X"").

    Walks up the parse from the quotation to the first verb outside it whose subject is
    a person; a verb whose subject is a thing ("the necessity ... to support") passes.
    """
    inside = [t for t in sentence.doc if start <= sentence.absolute(t.idx) < end]
    if not inside:
        return _NONE
    token = inside[0]
    for _ in range(10):
        if token.head.i == token.i:
            return _NONE
        token = token.head
        if token.pos_ not in ("VERB", "AUX") or start <= sentence.absolute(token.idx) < end:
            continue
        subject = subject_of(token)
        if subject is None or analysis.in_quote(sentence.absolute(subject.idx)):
            continue
        offset = sentence.absolute(subject.idx)
        resolved = resolve_phrase(analysis, speaker_tokens(subject), subject, offset)
        if isinstance(resolved, Speaker) and resolved.kind is EntityKind.PERSON:
            phrase = _text(core_tokens(subject))
            return Attribution(speaker=resolved, phrase=phrase, cue=str(token.text))
    return _NONE
