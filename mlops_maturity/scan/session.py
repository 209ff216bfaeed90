"""A whole ``scan`` run below the command line: the rubric, the answers to merge, the scan
and the merge, so that the command only parses options and writes what it is given."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import AbstractSet

from mlops_maturity.model.record import record
from mlops_maturity.load.assessment import open_assessment, open_rubric
from mlops_maturity.load.resolve import is_path_ref
from mlops_maturity.model.answers import Questionnaire
from mlops_maturity.model.errors import Problem, UsageError, did_you_mean
from mlops_maturity.model.rubric import Rubric
from mlops_maturity.scan.merge import ALL, Merged, merge
from mlops_maturity.scan.proposals import ScanResult
from mlops_maturity.scan.run import scan_repository

DEFAULT_RUBRIC = "mlops-automation"


@record
class Session:
    """What one scan read and found, and the answers it leads to."""

    rubric: Rubric
    rubric_ref: str
    existing: Questionnaire | None
    scan: ScanResult
    merged: Merged
    warnings: tuple[str, ...]
    inputs: tuple[Path, ...]  # files read, which the command may never overwrite
    base: Path  # the folder a path in rubric_ref is relative to


def scan_session(repo: Path, rubric_ref: str | None, merge_path: Path | None,
                 confirm: AbstractSet[str], scanned_on: dt.date | None) -> Session:
    """Load what the options name, scan ``repo`` and merge (with nothing, without --merge)."""
    existing: Questionnaire | None = None
    warnings: tuple[str, ...] = ()
    base = Path.cwd()
    if merge_path is not None:
        assessment = open_assessment(merge_path, rubric_ref)
        rubric, existing = assessment.rubric, assessment.questionnaire
        ref = rubric_ref or existing.rubric_ref
        base = base if rubric_ref else merge_path.parent
        warnings = assessment.warnings
    else:
        if confirm:
            raise UsageError(Problem("--confirm", "confirms answers of the file given with "
                                     "--merge", hint="add --merge ANSWERS.yaml"))
        ref = rubric_ref or DEFAULT_RUBRIC
        rubric = open_rubric(ref, Path.cwd())
    _check_confirm(rubric, confirm)
    inputs = tuple(p for p in (merge_path, rubric.path) if p is not None)
    result = scan_repository(repo, rubric, inputs)
    merged = merge(rubric, existing, result, scanned_on, confirm)
    return Session(rubric, ref, existing, result, merged, warnings, inputs, base)


def rubric_ref_for(session: Session, output: Path | None) -> str:
    """The ``rubric:`` the written file names: a bundled id as it is, a path made relative
    to the folder the file is written to (a questionnaire may not name an absolute path)."""
    if not is_path_ref(session.rubric_ref):
        return session.rubric_ref
    target = os.path.realpath(session.base / session.rubric_ref)
    folder = os.path.realpath(output.parent if output is not None else Path.cwd())
    try:
        return Path(os.path.relpath(target, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return session.rubric_ref


def _check_confirm(rubric: Rubric, confirm: AbstractSet[str]) -> None:
    ids = [q.id for q in rubric.questions]
    for qid in sorted(confirm - {ALL}):
        if qid not in ids:
            raise UsageError(Problem("--confirm", f"'{qid}' is not a question of rubric "
                                     f"'{rubric.id}'",
                                     hint=did_you_mean(qid, ids) or "or give --confirm all"))
