"""Assessing many files on every core, in processes, keeping only the rows.

The files are cut into batches and sent to a pool of worker processes (``--jobs``, by
default one per core the tool may run on). Each worker loads a rubric once and keeps
nothing of a file once its row is made, so the memory of a run grows with the number of
rows, not with the size or number of files. The rows come back in any order and are put in
file order here, so the output does not depend on which worker was faster. Small runs, and
``--jobs 1``, stay in this process: starting workers would cost more than it saves.

Processes are started by ``fork`` where the system has it (the workers then start with
everything already imported), before any thread of the progress bar exists, and with the
parent's objects frozen out of the garbage collector, so that a worker's collections never
walk (and so never copy) the memory it inherited.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from typing import Iterable, Protocol, Sequence

from mlops_maturity.portfolio.row import Invalid, RubricInfo, Skipped, SystemRow
from mlops_maturity.portfolio.worker import Chunk, Source, assess_chunk

IN_PROCESS_BELOW = 24  # files: fewer than this are assessed without a pool
MAX_BATCH = 32


class Tracker(Protocol):
    """Told how far a run has got (the CLI shows a progress bar with it)."""

    def start(self, total: int) -> None: ...

    def advance(self, count: int) -> None: ...

    def stop(self) -> None: ...


class Quiet:
    """A tracker that shows nothing."""

    def start(self, total: int) -> None:
        return None

    def advance(self, count: int) -> None:
        return None

    def stop(self) -> None:
        return None


@dataclass(frozen=True)
class Assessed:
    """Every outcome of a run, each kind in file order, and the rubrics the rows name."""

    rows: tuple[SystemRow, ...]
    invalid: tuple[Invalid, ...]
    skipped: tuple[Skipped, ...]
    rubrics: tuple[RubricInfo, ...]  # in key order

    def rubric(self, key: str) -> RubricInfo:
        return next(r for r in self.rubrics if r.key == key)


def default_jobs() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def assess_all(sources: Sequence[Source], jobs: int, tracker: Tracker | None = None
               ) -> Assessed:
    """Assess every file, on ``jobs`` processes; a bad file never stops the others."""
    tracker = tracker or Quiet()
    batches = _batches(sources, jobs)
    if jobs <= 1 or len(sources) < IN_PROCESS_BELOW:
        tracker.start(len(sources))
        try:
            return _merge(_tracked(map(assess_chunk, batches), tracker))
        finally:
            tracker.stop()
    gc.freeze()  # what the workers inherit is never scanned (nor copied) by their collector
    try:
        with _context().Pool(min(jobs, len(batches)), initializer=_quiet_worker) as pool:
            tracker.start(len(sources))
            try:
                return _merge(_tracked(pool.imap_unordered(assess_chunk, batches), tracker))
            finally:
                tracker.stop()
    finally:
        gc.unfreeze()


def _tracked(chunks: Iterable[Chunk], tracker: Tracker) -> Iterable[Chunk]:
    for chunk in chunks:
        tracker.advance(len(chunk.outcomes))
        yield chunk


def _batches(sources: Sequence[Source], jobs: int) -> list[list[Source]]:
    """Batches small enough that every worker stays busy to the end, large enough that
    sending them costs little: about eight per worker, at most ``MAX_BATCH`` files."""
    size = max(1, min(MAX_BATCH, -(-len(sources) // (max(1, jobs) * 8))))
    return [list(sources[i:i + size]) for i in range(0, len(sources), size)]


def _merge(chunks: Iterable[Chunk]) -> Assessed:
    rows: list[SystemRow] = []
    invalid: list[Invalid] = []
    skipped: list[Skipped] = []
    rubrics: dict[str, RubricInfo] = {}
    for chunk in chunks:
        for info in chunk.rubrics:
            known = rubrics.get(info.key)
            if known is None or _named_first(info) < _named_first(known):
                rubrics[info.key] = info
        for outcome in chunk.outcomes:
            if isinstance(outcome, SystemRow):
                rows.append(outcome)
            elif isinstance(outcome, Invalid):
                invalid.append(outcome)
            else:
                skipped.append(outcome)
    return Assessed(tuple(sorted(rows, key=lambda r: r.file)),
                    tuple(sorted(invalid, key=lambda i: i.file)),
                    tuple(sorted(skipped, key=lambda s: s.file)),
                    tuple(rubrics[k] for k in sorted(rubrics)))


def _named_first(info: RubricInfo) -> tuple[bool, str]:
    """One copy of a rubric read from two paths is named by the same one whatever the order
    the workers finished in: the bundled file, else the path that sorts first."""
    return (not info.bundled, info.path or "")


def _context() -> BaseContext:
    """``fork`` where it exists: workers start at once, with every module imported."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()  # pragma: no cover - not on Linux


def _quiet_worker() -> None:
    """Ctrl-C stops the run in the parent, which ends the workers; they ignore it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
