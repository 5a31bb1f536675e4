"""Statement claims: reported speech, what someone is said to have said.

Claim:     "Meloni reiterated that Italy would not deploy troops, according to her office"
           -> Giorgia Meloni: "Italy would not deploy troops", chain "according to her
           office"; "Kyiv insists no peace deal will involve ceding land" -> Ukraine.
Not claim: "The situation also highlights the challenges" (no one speaks); content that
           is a direct quotation (that is a quote claim); "NBC News reported" alone (an
           outlet relays, it is not the speaker).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import ClassVar

from claimdiff.extract.base import ParsedSentence, select_around
from claimdiff.extract.framing import chain_for
from claimdiff.extract.quote import quotations, quote_words
from claimdiff.extract.speakers import Speaker, analyse, resolve
from claimdiff.extract.speech import Frame, may_hold_speech, speech
from claimdiff.models import Claim, ClaimKind, Document, QuoteValue, Sentence, Span, stable_id


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class StatementExtractor:
    """Reported statements: "<speaker> said (that) <content>", "according to <speaker>".

    Claim:     "Trump said he was willing to offer US support" -> Donald Trump.
    Not claim: "the Associated Press noted" with nothing else (a relay, not a speaker).
    """

    name: ClassVar[str] = "statement"
    kind: ClassVar[ClaimKind] = ClaimKind.STATEMENT

    def select(self, sentences: Sequence[Sentence]) -> list[int]:
        """Return sentences holding a speech cue, and the sentence before each."""
        return select_around(sentences, may_hold_speech, before=1, after=0)

    def extract_document(
        self,
        document: Document,
        sentences: Sequence[Sentence],
        parsed: Mapping[int, ParsedSentence],
    ) -> list[Claim]:
        """Return the statement claims of one document."""
        analysis = analyse(document, sentences, parsed)
        quoted = [(c.evidence.start, c.evidence.end) for c, _ in quotations(analysis, sentences)]
        marks = [span for q in analysis.quoted for span in q.marked]
        claims: list[Claim] = []
        taken: list[tuple[int, int]] = []
        for index in sorted(analysis.frames):
            sentence = analysis.parsed[index]
            frames = analysis.frames[index]
            resolved = [(f, resolve(analysis, sentence, f)) for f in frames]
            speaking = [f for f, r in resolved if isinstance(r, Speaker)]
            # Frames that end a content: other speakers, relays, "according to" phrases.
            cuts = [
                f
                for f, r in resolved
                if not f.noun and (r is not None or f.cue.lower() == "according")
            ]
            for frame in speaking:
                if frame.content is None or not frame.statement or _wraps(frame, speaking):
                    continue
                if frame.cue.lower() == "according" and any(
                    f.cue.lower() != "according" for f in speaking
                ):
                    continue  # "X said ..., according to her office": the chain, not a speaker
                if any(a <= frame.cue_start < b for a, b in marks):
                    continue  # a frame inside a quotation belongs to its own words
                if frame.content[0] <= frame.cue_start < frame.content[1]:
                    continue  # "which the police say was ...": a relative clause
                content = _trim(document.text, frame, cuts)
                if content is None or any(_overlaps(content, q) for q in (*quoted, *taken)):
                    continue
                text = document.text[content[0] : content[1]]
                if len(quote_words(text).split()) < speech().min_statement_words:
                    continue
                speaker = resolve(analysis, sentence, frame)
                if not isinstance(speaker, Speaker):
                    continue
                chain = chain_for(analysis, [index], frame, index)
                taken.append(content)
                claims.append(_claim(document, sentence, content, text, speaker, chain, frame))
        return claims


# Another frame ends a content only where a clause may end: after a comma or a conjunction
# ("..., although economists cautioned"), not inside it ("what scientists say is needed").
_CLAUSE_BREAK = re.compile(
    r"(?:[,;:–—]|\b(?:although|though|while|whereas|but|and|as|because|since))\s*$"
)
_TRAILING_WORDS = re.compile(
    r"(?:[\s,;:–—-]|\b(?:although|though|while|whereas|but|and|as|because|since)\b)+$"
)


def _trim(text: str, frame: Frame, frames: Sequence[Frame]) -> tuple[int, int] | None:
    """Return a frame's content without the other frames inside it.

    "the accord could add $3.5 billion, according to estimates ..., although economists
    cautioned that ..." keeps "the accord could add $3.5 billion": the relay or
    "according to" phrase is the chain, the economists' words are their statement.
    """
    if frame.content is None:
        return None
    start, end = frame.content
    for other in frames:
        if other is frame:
            continue
        first = min(other.cue_start, other.speaker[0] if other.speaker else other.cue_start)
        if start + 4 < first < end and _CLAUSE_BREAK.search(text[start:first]):
            end = first
    trailing = _TRAILING_WORDS.search(text[start:end])
    if trailing is not None:
        end = start + trailing.start()
    return (start, end) if end > start else None


def _wraps(frame: Frame, frames: Sequence[Frame]) -> bool:
    """Return True when this frame's content is another report of speech.

    In "X said that Y said ..." the inner speaker opens the content: Y's words are Y's
    statement, not X's.
    """
    if frame.content is None:
        return False
    start = frame.content[0]
    return any(
        other is not frame
        and other.speaker is not None
        and other.cue.lower() != "according"
        and start <= other.speaker[0] <= start + 4
        for other in frames
    )


def _claim(
    document: Document,
    sentence: ParsedSentence,
    content: tuple[int, int],
    text: str,
    speaker: Speaker,
    chain: Sequence[str],
    frame: Frame,
) -> Claim:
    value = QuoteValue(
        text=text,
        words=quote_words(text),
        speaker=speaker.id,
        speaker_name=speaker.name,
        affiliation=speaker.affiliation,
        attribution=list(chain),
        direct=False,
    )
    evidence = Span(doc_id=document.id, start=content[0], end=content[1])
    phrase = document.text[frame.speaker[0] : frame.speaker[1]] if frame.speaker else ""
    return Claim(
        id=stable_id(document.id, "statement", evidence.start, evidence.end),
        doc_id=document.id,
        kind=ClaimKind.STATEMENT,
        subject=speaker.id,
        subject_text=phrase,
        measure="statement",
        measure_cue=frame.cue,
        value=value,
        event="",
        speaker=speaker.id,
        evidence=evidence,
        sentence=sentence.sent.span,
    )
