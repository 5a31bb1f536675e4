"""Extraction: parsed sentences -> claims, one extractor per claim kind."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from claimdiff.extract.base import Extractor, ParsedSentence
from claimdiff.extract.quantity import QuantityExtractor
from claimdiff.models import Claim, Document, Sentence
from claimdiff.nlp import load_model

EXTRACTORS: tuple[Extractor, ...] = (QuantityExtractor(),)

__all__ = ["EXTRACTORS", "Extractor", "ParsedSentence", "extract_claims"]


def extract_claims(
    documents: Sequence[Document],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    batch_size: int = 64,
) -> list[Claim]:
    """Run every extractor over the sentences that may hold its claims.

    Only candidate sentences go through the statistical model; the rest cost nothing.
    """
    candidates: list[tuple[Document, Sentence, list[Extractor]]] = []
    for document in documents:
        for sent in sentences.get(document.id, ()):
            wanting = [ex for ex in EXTRACTORS if ex.wants(sent)]
            if wanting:
                candidates.append((document, sent, wanting))
    nlp = load_model()
    claims: list[Claim] = []
    texts = (sent.text for _, sent, _ in candidates)
    for (document, sent, wanting), doc in zip(
        candidates, nlp.pipe(texts, batch_size=batch_size), strict=True
    ):
        parsed = ParsedSentence(document=document, sent=sent, doc=doc)
        for extractor in wanting:
            claims.extend(extractor.extract(parsed))
    claims.sort(key=lambda c: (c.doc_id, c.evidence.start, c.evidence.end, c.kind))
    return claims
