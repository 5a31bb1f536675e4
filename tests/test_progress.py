"""Progress: a bar on a terminal's stderr for long runs, silence everywhere else."""

from __future__ import annotations

import io

import pytest

from claimdiff.progress import BarProgress, progress_bar


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("quiet", "stream", "bar"),
    [(False, _Terminal(), True), (True, _Terminal(), False), (False, io.StringIO(), False)],
    ids=["terminal", "quiet", "not-a-terminal"],
)
def test_progress_bar_only_on_a_terminal_and_not_quiet(
    quiet: bool, stream: io.StringIO, bar: bool
) -> None:
    with progress_bar(quiet=quiet, stream=stream) as progress:
        progress.stage("extracting", total=3)
        progress.advance(3)
    assert isinstance(progress, BarProgress) is bar
    if not bar:
        assert stream.getvalue() == ""


def test_progress_bar_draws_after_the_delay_and_clears() -> None:
    stream = _Terminal()
    with BarProgress(stream, delay=0.0) as progress:
        progress.stage("extracting", total=4)
        progress.advance(2)
    assert "extracting" in stream.getvalue()


def test_progress_bar_stays_hidden_for_a_short_run() -> None:
    stream = _Terminal()
    with BarProgress(stream, delay=3600.0) as progress:
        progress.stage("reading", total=1)
        progress.advance()
    assert stream.getvalue() == ""
