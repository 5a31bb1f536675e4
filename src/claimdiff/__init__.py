"""claimdiff: flag where news outlets disagree, with the exact sentences side by side."""

from __future__ import annotations

from claimdiff.models import Claim, Document, Finding, Report, Severity

__version__ = "0.1.0"

__all__ = ["Claim", "Document", "Finding", "Report", "Severity", "__version__", "check"]


def __getattr__(name: str) -> object:
    # `check` pulls in spaCy; import it lazily so `import claimdiff` stays cheap.
    if name == "check":
        from claimdiff.pipeline import check

        return check
    raise AttributeError(name)
