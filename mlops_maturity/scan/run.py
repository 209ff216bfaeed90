"""One scan of a repository against a rubric: list, look at each file, match, propose."""

from __future__ import annotations

import os
from pathlib import Path

from mlops_maturity.model.errors import InputFileError, Problem
from mlops_maturity.model.rubric import Rubric
from mlops_maturity.scan.compiled import compile_rubric
from mlops_maturity.scan.listing import list_files
from mlops_maturity.scan.matcher import content_hits, content_searcher, path_hits, propose
from mlops_maturity.scan.plan import ContentIndex, PathIndex
from mlops_maturity.scan.proposals import Hit, ScanResult, Skipped, SkipReason
from mlops_maturity.scan.reading import Entry, inspect, read_entry, text_of


def scan_repository(root: Path, rubric: Rubric, inputs: tuple[Path, ...] = ()) -> ScanResult:
    """Run every detector of ``rubric`` over the files of the repository at ``root``.

    ``inputs`` (the rubric, the answers being merged) are never searched: a rubric holds
    its detectors' patterns, and a questionnaire cites files, so both would match.
    """
    root_real = _root(root)
    skip = {os.path.realpath(p) for p in inputs}
    compiled = compile_rubric(rubric)
    paths, contents = PathIndex(compiled), ContentIndex(compiled)
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
        if skip and state.target in skip:  # targets are resolved already
            skipped.append(Skipped(rel, SkipReason.INPUT))
            continue
        files += 1
        hits += path_hits(paths, rel)
        searcher = content_searcher(contents, rel)
        if searcher is None:
            continue
        data = read_entry(state)
        if isinstance(data, SkipReason):
            skipped.append(Skipped(rel, data))
            continue
        read += 1
        candidates = list(searcher.candidates(data))
        if candidates:  # decoded only when something may match: most files are passed over
            hits += content_hits(candidates, rel, text_of(data))
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
