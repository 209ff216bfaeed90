"""A progress bar on stderr for long runs, and silence when stderr is not a terminal.

rich draws it from a thread of its own, so it is started only once the worker processes
exist (``run.assess_all`` calls ``start`` after the pool is made); it is transient, so the
terminal keeps only the tool's own lines once the run ends.
"""

from __future__ import annotations

import sys
from typing import Any

from mlops_maturity.portfolio.run import Quiet, Tracker

SHOWN_FROM = 50  # files: a shorter run ends before a bar would help


class Bar:
    """A rich progress bar counting assessed files."""

    def __init__(self) -> None:
        self._progress: Any = None
        self._task: Any = None

    def start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeRemainingColumn)
        self._progress = Progress(TextColumn("assessing"), BarColumn(), MofNCompleteColumn(),
                                  TimeRemainingColumn(), console=Console(stderr=True),
                                  transient=True)
        self._progress.start()
        self._task = self._progress.add_task("assessing", total=total)

    def advance(self, count: int) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, count)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def tracker_for(files: int, stream: Any = None) -> Tracker:
    """A bar when the stream (stderr by default) is a terminal and the run is long."""
    stream = sys.stderr if stream is None else stream
    try:
        terminal = bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):
        terminal = False
    return Bar() if terminal and files >= SHOWN_FROM else Quiet()
