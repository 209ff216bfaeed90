"""One scan of a repository against a rubric: list, look at each file, match, propose."""

from __future__ import annotations

import os
from pathlib import Path

from mlops_maturity.model.errors import InputFileError, Problem
from mlops_maturity.model.rubric import Rubric
from mlops_maturity.scan.compiled import compile_rubric
from mlops_maturity.scan.listing import list_files
from mlops_maturity.scan.matcher import content_hits, content_matchers, path_hits, propose
from mlops_maturity.scan.proposals import Hit, ScanResult, Skipped, SkipReason
from mlops_maturity.scan.reading import Entry, inspect, read_entry


def scan_repository(root: Path, rubric: Rubric, inputs: tuple[Path, ...] = ()) -> ScanResult:
    """Run every detector of ``rubric`` over the files of the repository at ``root``.

    ``inputs`` (the rubric, the answers being merged) are never searched: a rubric holds
    its detectors' patterns, and a questionnaire cites files, so both would match.
    """
    root_real = _root(root)
    skip = {os.path.realpath(p) for p in inputs}
    compiled = compile_rubric(rubric)
    listing = list_files(Path(root_real))
    hits: list[Hit] = []
    skipped: list[Skipped] = []
    files = read = 0
    for rel in listing.paths:
        state = inspect(root_real, rel)
        if state is None:
            continue
        if isinstance(state, SkipReason):
            skipped.append(Skipped(rel, state))
            continue
        if os.path.realpath(state.target) in skip:
            skipped.append(Skipped(rel, SkipReason.INPUT))
            continue
        files += 1
        hits += path_hits(compiled, rel)
        matchers = content_matchers(compiled, rel)
        if not matchers:
            continue
        text = read_entry(state)
        if isinstance(text, SkipReason):
            skipped.append(Skipped(rel, text))
            continue
        read += 1
        hits += content_hits(matchers, rel, text)
    proposals, not_found = propose(rubric, hits)
    return ScanResult(str(root), rubric.id, rubric.version, listing.how, files, read,
                      tuple(skipped), proposals, not_found)


def _root(root: Path) -> str:
    """The repository's folder, resolved; anything else is bad input."""
    shown = str(root)
    try:
        if not root.exists():
            raise InputFileError(Problem(shown, "no such folder"))
        if not root.is_dir():
            raise InputFileError(Problem(shown, "is not a folder",
                                         hint="give the root of the repository to scan"))
    except OSError as exc:
        raise InputFileError(Problem(shown, f"cannot be read: {exc.strerror}")) from None
    return os.path.realpath(root)


__all__ = ["Entry", "scan_repository"]
