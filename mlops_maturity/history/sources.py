"""Where an assessment comes from: a file on disk, or a file at a git revision.

A revision is read through git (``history/git.py``) and then goes through exactly the checks a
file does: the same UTF-8 decoding, the same safe YAML loader and the same binding to the
rubric, with a display name such as ``main:mlops/assessment.yaml`` in every message.

Its ``rubric:`` key resolves as it would in the checkout: a bundled id names the rubric this
tool ships, and a path is read from the working tree's file at the same relative path (and
may not leave the repository, as for any questionnaire). The working tree's rubric is used,
not the revision's, so that both sides of a comparison are scored by one rubric file and a
change shows what the answers did; a rubric's own history is a change to review on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from mlops_maturity import api
from mlops_maturity.files.read import decode_text
from mlops_maturity.history import git
from mlops_maturity.history.trend import Entry, Skipped, failed
from mlops_maturity.load.assessment import assess_data
from mlops_maturity.load.yamlfile import Kind, kind_of, load_document_text, load_mapping
from mlops_maturity.model.errors import MaturityError, Problem, UsageError
from mlops_maturity.model.record import record


@record
class Source:
    """One questionnaire: a path on disk, or a path at a git revision."""

    display: str
    path: Path | None = None
    tracked: git.Tracked | None = None
    rev: str | None = None


def parse_source(arg: str, cwd: Path) -> Source:
    """A command-line argument: a file when one exists at that path or it has no ``:``,
    otherwise ``REV:PATH`` as git writes it (``main:mlops/assessment.yaml``)."""
    if Path(arg).exists() or ":" not in arg:
        return Source(arg, path=Path(arg))
    rev, _, path = arg.partition(":")
    if not rev or not path:
        raise UsageError(Problem(arg, "is neither a file nor a git revision of one",
                                 hint="write REV:PATH, such as main:mlops/assessment.yaml"))
    return Source(arg, tracked=git.resolve_spec(path, cwd, arg), rev=rev)


def at_revision(rev: str, new: Source) -> Source:
    """``--git-base REV``: the same file as ``new`` at a revision."""
    if new.path is None:
        raise UsageError(Problem("--git-base", "needs NEW to be a file in the working tree",
                                 hint="give OLD as REV:PATH instead"))
    top = git.work_tree(new.path.resolve().parent, new.display)
    tracked = git.Tracked(top, git.relative_to_top(top, new.path, new.display))
    return Source(tracked.display(rev), tracked=tracked, rev=rev)


def load(source: Source, generated_at: str | None = None) -> api.Assessed:
    """Load, score and judge one questionnaire from wherever it is."""
    if source.path is not None:
        return api.run(source.path, generated_at=generated_at)
    assert source.tracked is not None and source.rev is not None
    return load_bytes(git.read_at(source.tracked, source.rev), source.display,
                      source.tracked.folder, generated_at)


def load_bytes(data: bytes, display: str, folder: Path,
               generated_at: str | None = None) -> api.Assessed:
    """A questionnaire read from git, checked as a file is; relative rubric paths resolve
    from ``folder`` in the working tree."""
    document = load_document_text(decode_text(data, display), display, Kind.QUESTIONNAIRE)
    return api.run_assessment(assess_data(document, display, folder), None, generated_at)


def _entry(source: str, run: api.Assessed, index: int, commit: str | None = None,
           committed_at: int | None = None) -> Entry:
    return Entry(source, run.report.project.assessed_on, committed_at, commit, index, run)


def questionnaires_in(folder: Path) -> list[Path]:
    """The questionnaires of a folder (``*.yaml``, ``*.yml``), by name; rubrics and other
    YAML files beside them are left out, since a folder of assessments often holds its
    rubric too. A file that cannot be parsed is kept, so that its problem is listed."""
    found = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        try:
            kind = kind_of(load_mapping(path))
        except MaturityError:
            found.append(path)
            continue
        if kind is Kind.QUESTIONNAIRE:
            found.append(path)
    return found


def file_entries(paths: Sequence[Path], generated_at: str | None
                 ) -> tuple[list[Entry], list[Skipped]]:
    """Each file loaded, or skipped with its problems."""
    entries, skipped = [], []
    for i, path in enumerate(paths):
        try:
            entries.append(_entry(str(path), api.run(path, generated_at=generated_at), i))
        except MaturityError as exc:
            skipped.append(failed(str(path), exc))
    return entries, skipped


def git_entries(path: Path, generated_at: str | None) -> tuple[list[Entry], list[Skipped]]:
    """Every committed version of one file, oldest first, read through git and checked as a
    file is; a version that does not load is skipped with its problems."""
    tracked = git.tracked(path, str(path))
    entries, skipped = [], []
    versions = list(reversed(git.versions(tracked, str(path))))
    for i, version in enumerate(versions):
        if isinstance(version, tuple):
            commit, _, why = version
            shown = tracked.display(commit[:10])
            skipped.append(Skipped(shown, (str(Problem(shown, why)),)))
            continue
        shown = tracked.display(version.short)
        try:
            run = load_bytes(version.data, shown, tracked.folder, generated_at)
        except MaturityError as exc:
            skipped.append(failed(shown, exc))
            continue
        entries.append(_entry(shown, run, i, version.commit, version.committed_at))
    return entries, skipped
