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

from dataclasses import dataclass
from pathlib import Path

from mlops_maturity import api
from mlops_maturity.files.read import decode_text
from mlops_maturity.history import git
from mlops_maturity.load.assessment import assess_data
from mlops_maturity.load.yamlfile import Kind, load_document_text
from mlops_maturity.model.errors import Problem, UsageError


@dataclass(frozen=True)
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
