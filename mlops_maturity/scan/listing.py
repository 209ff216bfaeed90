"""Which files a repository has: what ``git`` would show, never what it ignores.

In a git work tree the list comes from ``git ls-files`` (tracked files and untracked ones
that are not ignored), because git already knows every ignore rule that applies there:
``.gitignore`` files at every depth, ``.git/info/exclude`` and the user's global excludes.
Anywhere else (an exported tarball, a CI artifact, git missing) the folder is walked, and
its ``.gitignore`` files are honoured with ``pathspec``, a small, well-kept implementation of
git's matching rules, so that a generated ``build/`` or ``.venv/`` is not scanned either way.
Neither way descends into ``.git``, and the walk follows no symlinked folder.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from mlops_maturity.model.record import record
from mlops_maturity.files.read import read_text
from mlops_maturity.model.errors import InputFileError

GIT_LISTER = "git ls-files (tracked and untracked files, without ignored ones)"
WALK_LISTER = "a walk of the folder honouring its .gitignore files (pathspec)"
GIT_TIMEOUT = 300
MAX_IGNORE_BYTES = 1024 * 1024


@record
class Listing:
    """The repository's files as sorted relative POSIX paths, and how they were found."""

    how: str
    paths: tuple[str, ...]


def list_files(root: Path) -> Listing:
    """Every file of the repository at ``root`` that git would not ignore."""
    listed = git_files(root)
    if listed is not None:
        return Listing(GIT_LISTER, listed)
    return Listing(WALK_LISTER, walk_files(root))


def git_files(root: Path) -> tuple[str, ...] | None:
    """The files ``git ls-files`` lists under ``root``, or None outside a work tree.

    ``core.fsmonitor`` is switched off, so a repository's own configuration cannot make
    git start a program while the list is made.
    """
    command = ["git", "-c", "core.fsmonitor=false", "-c", "core.quotepath=off", "-C",
               str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=GIT_TIMEOUT, check=False,
                              stdin=subprocess.DEVNULL, env={**os.environ, "GIT_PAGER": "cat"})
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    names = (os.fsdecode(n) for n in done.stdout.split(b"\0") if n)
    return tuple(sorted(set(names)))


def walk_files(root: Path) -> tuple[str, ...]:
    """The files under ``root`` that its ``.gitignore`` files do not exclude."""
    found: list[str] = []
    _walk(str(root), "", [], found)
    return tuple(sorted(found))


def _walk(top: str, prefix: str, specs: list[tuple[str, Any]], found: list[str]) -> None:
    folder = os.path.join(top, prefix) if prefix else top
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    spec = _ignore_spec(os.path.join(folder, ".gitignore"))
    here = specs + [(prefix, spec)] if spec is not None else specs
    for entry in entries:
        if entry.name == ".git":
            continue
        rel = prefix + entry.name
        is_dir = entry.is_dir(follow_symlinks=False)
        if ignored(here, rel, is_dir):
            continue
        if is_dir:
            _walk(top, rel + "/", here, found)
        else:
            found.append(rel)


def _ignore_spec(path: str) -> Any:
    """The rules of one ``.gitignore``, or None when there is none that can be read."""
    if not os.path.isfile(path):
        return None
    import pathspec
    try:
        text = read_text(Path(path), path, MAX_IGNORE_BYTES)
    except InputFileError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(text.splitlines())


def ignored(specs: list[tuple[str, Any]], rel: str, is_dir: bool) -> bool:
    """Whether the deepest ``.gitignore`` with an opinion about ``rel`` ignores it."""
    decision: bool | None = None
    for base, spec in specs:
        inner = rel[len(base):] + ("/" if is_dir else "")
        include = spec.check_file(inner).include
        if include is not None:
            decision = bool(include)
    return bool(decision)
