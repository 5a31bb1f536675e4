"""Progress of a run, shown on stderr when it takes more than a moment.

Stages report what they do through a ``Progress``: ``stage`` names the step (with its
number of items when known) and ``advance`` counts items done. The default,
``NO_PROGRESS``, does nothing, so the library and tests stay silent. The command line
passes ``progress_bar(quiet=...)``: a rich progress bar on stderr that appears only
once the run has lasted ``DELAY`` seconds, and never when stderr is not a terminal or
with ``--quiet``. Nothing here reaches a report.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Protocol, TextIO

__all__ = ["DELAY", "NO_PROGRESS", "BarProgress", "Progress", "progress_bar"]

DELAY = 1.0
"""Seconds a run must last before its progress bar appears."""


class Progress(Protocol):
    """Where stages report what they are doing."""

    def stage(self, name: str, *, total: int | None = None) -> None:
        """Start a step of ``total`` items (None: unknown)."""
        ...

    def advance(self, count: int = 1) -> None:
        """Count ``count`` items of the current step as done."""
        ...


class _Silent:
    """Progress that shows nothing."""

    def stage(self, name: str, *, total: int | None = None) -> None:
        """Ignore the step."""

    def advance(self, count: int = 1) -> None:
        """Ignore the count."""

    def close(self) -> None:
        """Nothing to close."""

    def __enter__(self) -> _Silent:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


NO_PROGRESS: Progress = _Silent()
"""The progress of library calls: silent."""


class BarProgress:
    """A rich progress bar on ``stream``, drawn once the run has lasted ``delay`` seconds."""

    def __init__(self, stream: TextIO, *, delay: float = DELAY) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("{task.description:<12}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=stream),
            transient=True,
        )
        self._task: Any = None
        self._shown = False
        self._started = time.monotonic()
        self._delay = delay

    def stage(self, name: str, *, total: int | None = None) -> None:
        """Replace the current step with a new one."""
        if self._task is not None:
            self._bar.remove_task(self._task)
        self._task = self._bar.add_task(name, total=total)
        self._show()

    def advance(self, count: int = 1) -> None:
        """Count items of the current step as done."""
        if self._task is not None:
            self._bar.advance(self._task, count)
        self._show()

    def _show(self) -> None:
        if not self._shown and time.monotonic() - self._started >= self._delay:
            self._bar.start()
            self._shown = True

    def close(self) -> None:
        """Remove the bar from the terminal."""
        if self._shown:
            self._bar.stop()
            self._shown = False

    def __enter__(self) -> BarProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def progress_bar(*, quiet: bool, stream: TextIO | None = None) -> BarProgress | _Silent:
    """Return a progress bar on stderr, or silence when quiet or stderr is no terminal."""
    target = stream if stream is not None else sys.stderr
    if quiet or not target.isatty():
        return _Silent()
    return BarProgress(target)
