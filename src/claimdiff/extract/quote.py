"""Quote claims: direct quotations, with their speaker and attribution chain.

Claim:     "“We do not need unanimity to achieve it,” Macron said." -> Emmanuel Macron.
           "According to the French president, the troops will be tasked with
           “preventing any new significant aggression.”" -> the president named earlier.
Not claim: the "reassurance force", a "backstop", "on the front line": quoted terms and
           fragments without a clause are scare quotes, not statements (the rule and its
           thresholds are in data/speech.toml).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from claimdiff.extract.base import ParsedSentence, select_around
from claimdiff.extract.framing import Attribution, attribute_span, governing_speaker
from claimdiff.extract.quotemarks import Quoted, find_quoted
from claimdiff.extract.speakers import DocumentSpeech, analyse
from claimdiff.extract.speech import may_hold_speech, speech
from claimdiff.models import Claim, ClaimKind, Document, QuoteValue, Sentence, Span, stable_id

_MARKS = re.compile(r"[\"“”„‘]")
_WORD = re.compile(r"[0-9A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)*")
# A sentence after a quotation that is only its frame: "he said.", "Macron told reporters."
_FRAME_WORDS = 12


def quote_words(text: str) -> str:
    """Return the matching form of quoted words: lower case, no punctuation."""
    return " ".join(m.group().lower().replace("’", "'") for m in _WORD.finditer(text))


def is_statement(words: int, tokens: Sequence[Any]) -> bool:
    """Return True when a quotation is a statement rather than a quoted term.

    A statement has at least ``min_quote_words`` words, or at least
    ``min_clause_words`` words and a verb heading a clause (not a participle used as an
    adjective, as in "lasting security").
    """
    lexicon = speech()
    if words >= lexicon.min_quote_words:
        return True
    clause = any(
        t.pos_ == "VERB" and t.dep_ not in ("amod", "compound", "nmod") for t in tokens
    ) or any(t.pos_ == "AUX" and t.dep_ in ("ROOT", "ccomp", "conj") for t in tokens)
    return words >= lexicon.min_clause_words and clause


def _overlapping(sentences: Sequence[Sentence], start: int, end: int) -> list[int]:
    return [s.index for s in sentences if s.span.start < end and start < s.span.end]


def _tokens(
    parsed: Mapping[int, ParsedSentence], indices: Sequence[int], quoted: Quoted
) -> list[Any]:
    tokens: list[Any] = []
    for index in indices:
        sentence = parsed.get(index)
        if sentence is None:
            continue
        for token in sentence.doc:
            offset = sentence.absolute(token.idx)
            if any(a <= offset < b for a, b in quoted.parts):
                tokens.append(token)
    return tokens


def _frame_sentence(sentences: Sequence[Sentence], quoted: Quoted, last: int) -> int | None:
    """Return the next sentence when it is only the frame of a quotation ending before it."""
    if last + 1 >= len(sentences):
        return None
    current, following = sentences[last], sentences[last + 1]
    if following.paragraph != current.paragraph or current.span.end - quoted.close > 2:
        return None
    words = following.text.split()
    if len(words) > _FRAME_WORDS or _MARKS.search(following.text):
        return None
    return following.index if may_hold_speech(following.text) else None


class QuoteExtractor:
    """Direct quotations that are statements, with speaker and attribution chain.

    Claim:     "“We currently have 26 nations ...,” Macron stated" -> Emmanuel Macron.
    Not claim: a proposed "reassurance force" (a quoted term).
    """

    name: ClassVar[str] = "quote"
    kind: ClassVar[ClaimKind] = ClaimKind.QUOTE

    def select(self, sentences: Sequence[Sentence]) -> list[int]:
        """Return sentences holding a quotation, the one before and the one after."""
        return select_around(
            sentences,
            lambda text: bool(_MARKS.search(text) or find_quoted(text)),
            before=1,
            after=1,
        )

    def extract_document(
        self,
        document: Document,
        sentences: Sequence[Sentence],
        parsed: Mapping[int, ParsedSentence],
    ) -> list[Claim]:
        """Return the quote claims of one document."""
        analysis = analyse(document, sentences, parsed)
        return [claim for claim, _ in quotations(analysis, sentences)]


def quotations(
    analysis: DocumentSpeech, sentences: Sequence[Sentence]
) -> list[tuple[Claim, Attribution]]:
    """Return the document's quote claims with their attributions, in text order.

    Found once per analysis: resolving speakers adds people to it, so a second search
    would start from a different state.
    """
    if analysis.quotations is not None:
        return list(analysis.quotations)
    document = analysis.document
    found: list[tuple[Claim, Attribution]] = []
    previous: tuple[int, Attribution] | None = None
    for quoted in analysis.quoted:
        indices = _overlapping(sentences, quoted.open, quoted.close)
        text = quoted.text(document.text)
        tokens = _tokens(analysis.parsed, indices, quoted)
        if not indices or not is_statement(len(quote_words(text).split()), tokens):
            continue
        searched = list(indices)
        following = _frame_sentence(sentences, quoted, indices[-1])
        if following is not None:
            searched.append(following)
        attribution = attribute_span(analysis, quoted.start, quoted.end, searched)
        if attribution.speaker is None and indices[0] in analysis.parsed:
            attribution = governing_speaker(
                analysis, analysis.parsed[indices[0]], quoted.start, quoted.end
            )
        if attribution.speaker is None and previous is not None and indices[0] - previous[0] <= 1:
            # A quotation continuing the previous one: "Instead, its mission is “to ...”".
            attribution = Attribution(
                speaker=previous[1].speaker,
                phrase=previous[1].phrase,
                cue="continues",
                chain=previous[1].chain,
            )
        used = sorted({*indices, *attribution.sentences})
        first, last = sentences[used[0]], sentences[used[-1]]
        found.append((_claim(document, quoted, text, attribution, first, last), attribution))
        if attribution.speaker is not None:
            previous = (indices[-1], attribution)
    analysis.quotations = list(found)
    return found


def _claim(
    document: Document,
    quoted: Quoted,
    text: str,
    attribution: Attribution,
    first: Sentence,
    last: Sentence,
) -> Claim:
    speaker = attribution.speaker
    value = QuoteValue(
        text=text,
        words=quote_words(text),
        speaker=speaker.id if speaker else None,
        speaker_name=speaker.name if speaker else None,
        affiliation=speaker.affiliation if speaker else None,
        attribution=list(attribution.chain),
        direct=True,
    )
    evidence = Span(doc_id=document.id, start=quoted.start, end=quoted.end)
    return Claim(
        id=stable_id(document.id, "quote", evidence.start, evidence.end),
        doc_id=document.id,
        kind=ClaimKind.QUOTE,
        subject=speaker.id if speaker else "unattributed",
        subject_text=attribution.phrase,
        measure="quote",
        measure_cue=attribution.cue or None,
        value=value,
        event="",
        speaker=speaker.id if speaker else None,
        evidence=evidence,
        sentence=Span(doc_id=document.id, start=first.span.start, end=last.span.end),
    )
