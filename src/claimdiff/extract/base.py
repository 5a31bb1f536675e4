"""What every extractor shares: the parsed sentence it reads and the protocol it follows."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from claimdiff.models import Claim, ClaimKind, Document, Sentence, Span


@dataclass(frozen=True, slots=True)
class ParsedSentence:
    """A kept sentence with its spaCy parse (token offsets are relative to ``sent.text``)."""

    document: Document
    sent: Sentence
    doc: Any  # spacy.tokens.Doc: spaCy ships no type information

    def absolute(self, offset: int) -> int:
        """Turn an offset inside the sentence into an offset into the document text."""
        return self.sent.span.start + offset

    def span(self, start: int, end: int) -> Span:
        """Turn offsets inside the sentence into a span of the document text."""
        return Span(doc_id=self.document.id, start=self.absolute(start), end=self.absolute(end))


class Extractor(Protocol):
    """Reads one parsed sentence and returns the claims it makes (event not yet set)."""

    name: ClassVar[str]
    kind: ClassVar[ClaimKind]

    def wants(self, sent: Sentence) -> bool:
        """Return True when the sentence may hold a claim (cheap, before parsing)."""
        ...

    def extract(self, parsed: ParsedSentence) -> list[Claim]:
        """Return the claims of one parsed sentence."""
        ...


class DocumentExtractor(Protocol):
    """Reads a whole document: claims that span sentences or need what came before.

    Quotations run across sentences and are attributed through pronouns and titles met
    earlier, so their extractors see every kept sentence of a document in order, and the
    parses of the sentences they selected.
    """

    name: ClassVar[str]
    kind: ClassVar[ClaimKind]

    def select(self, sentences: Sequence[Sentence]) -> list[int]:
        """Return the indexes of the sentences to parse (cheap, before parsing)."""
        ...

    def extract_document(
        self,
        document: Document,
        sentences: Sequence[Sentence],
        parsed: Mapping[int, ParsedSentence],
    ) -> list[Claim]:
        """Return the claims of one document (``parsed`` maps sentence index to parse)."""
        ...


def select_around(
    sentences: Sequence[Sentence], wanted: Callable[[str], bool], *, before: int, after: int
) -> list[int]:
    """Return the indexes of the sentences whose text is ``wanted``, with their neighbours.

    ``before`` and ``after`` count the neighbouring sentences taken on either side.
    """
    chosen: set[int] = set()
    for position, sent in enumerate(sentences):
        if wanted(sent.text):
            chosen.update(
                s.index for s in sentences[max(0, position - before) : position + after + 1]
            )
    return sorted(chosen)
