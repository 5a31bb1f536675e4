"""What every extractor shares: the parsed sentence it reads and the protocol it follows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from claimdiff.models import Claim, ClaimKind, Document, Sentence


@dataclass(frozen=True, slots=True)
class ParsedSentence:
    """A kept sentence with its spaCy parse (token offsets are relative to ``sent.text``)."""

    document: Document
    sent: Sentence
    doc: Any  # spacy.tokens.Doc: spaCy ships no type information

    def absolute(self, offset: int) -> int:
        """Turn an offset inside the sentence into an offset into the document text."""
        return self.sent.span.start + offset


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
