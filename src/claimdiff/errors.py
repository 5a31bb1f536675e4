"""Errors claimdiff raises on purpose.

Hierarchy::

    CheckerError            anything claimdiff reports to the user (exit code 2)
    ├── InputError          an input file is missing, unreadable or malformed
    ├── ConfigError         a settings value or gold file is invalid
    └── StageError          a pipeline stage could not run (e.g. no language model)

Messages name the file, what is wrong, and where possible the fix, on one line.
"""

from __future__ import annotations

from collections.abc import Iterable


class CheckerError(Exception):
    """Base of every error claimdiff reports to the user."""


class InputError(CheckerError):
    """An input file is missing, unreadable or malformed."""

    @classmethod
    def collect(cls, problems: Iterable[str]) -> InputError:
        """Return one error carrying every problem found, one per line."""
        return cls("\n".join(problems))


class ConfigError(CheckerError):
    """A settings value, gold file or lexicon is invalid."""


class StageError(CheckerError):
    """A pipeline stage could not run."""
