"""Finding the questionnaires: folders walked, files named, nothing read outside them.

A folder is walked in name order for ``*.yaml`` and ``*.yml`` files; folders whose name
starts with a dot (``.git``, ``.github``, ``.venv``) are not entered. Only regular files are
kept: a FIFO, a device or a socket is skipped before anything opens it. A symbolic link is
followed only when the file it leads to is inside the folder being walked (and that file
is then assessed once, however many links lead to it); a link that leads out of the
folder, or to a folder, is skipped and listed. The number of files is bounded, so a
mistyped ``/`` cannot keep the tool walking for an hour.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from mlops_maturity.model.errors import Problem, UsageError
from mlops_maturity.portfolio.row import Skipped
from mlops_maturity.portfolio.worker import Source, shown_path

MAX_FILES = 100_000
SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Collected:
    """The files to assess, in name order, and what was found but left alone."""

    sources: tuple[Source, ...]
    skipped: tuple[Skipped, ...]
    arguments: tuple[str, ...] = ()  # the folders and files as given


def collect(arguments: Sequence[str], limit: int = MAX_FILES) -> Collected:
    """The questionnaires that folders hold and files name; an argument that does not
    exist at all is a usage error (a mistyped folder must not give an empty portfolio)."""
    sources: list[Source] = []
    skipped: list[Skipped] = []
    seen: set[tuple[int, int]] = set()
    for argument in arguments:
        if not os.path.lexists(argument):
            raise UsageError(Problem(argument, "no such file or folder"))
        if os.path.isdir(argument):
            for found in _walk(argument, skipped, limit):
                if _first_time(found.path, seen):
                    sources.append(found)
                if len(sources) > limit:
                    raise _too_many(argument, limit)
        elif _first_time(argument, seen):
            sources.append(Source(argument, shown_path(argument), _folder_of(argument),
                                  found=False))
    if len(sources) > limit:
        raise _too_many("portfolio", limit)
    return Collected(tuple(sorted(sources, key=lambda s: s.display)), tuple(skipped),
                     tuple(arguments))


def _too_many(where: str, limit: int, what: str = "YAML files") -> UsageError:
    return UsageError(Problem(where, f"holds more than {limit:,} {what}",
                              hint="name a narrower folder, or split the portfolio"))


def _first_time(path: str, seen: set[tuple[int, int]]) -> bool:
    """False for a file already collected under another name (a link, or named twice)."""
    try:
        info = os.stat(path)
    except OSError:
        return True  # the worker reports why it cannot be read
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _folder_of(path: str) -> str:
    parent = os.path.dirname(os.path.normpath(path))
    return parent or "."


def _walk(top: str, skipped: list[Skipped], limit: int) -> Iterator[Source]:
    """The YAML files under ``top``, in name order, as ``Source`` entries; a folder with
    more than ten times ``limit`` entries of any kind is refused."""
    root = os.path.realpath(top)
    entries = 0
    for folder, dirs, files in os.walk(top, followlinks=False):
        entries += len(dirs) + len(files)
        if entries > 10 * limit:
            raise _too_many(top, 10 * limit, "files and folders")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not _linked_folder(folder, d, skipped))
        inside = os.path.relpath(folder, top)
        for name in sorted(files):
            if not name.lower().endswith(SUFFIXES):
                continue
            path = os.path.join(folder, name)
            reason = _refusal(path, root)
            if reason is not None:
                skipped.append(Skipped(shown_path(path), reason))
                continue
            yield Source(path, shown_path(path),
                         "." if inside == "." else Path(inside).as_posix(), found=True)


def _linked_folder(folder: str, name: str, skipped: list[Skipped]) -> bool:
    """A symbolic link to a folder is never entered; it is listed as skipped."""
    path = os.path.join(folder, name)
    if os.path.islink(path):
        skipped.append(Skipped(shown_path(path), "a symbolic link to a folder; not followed"))
        return True
    return False


def _refusal(path: str, root: str) -> str | None:
    """Why a file found in a folder is not read, or None to read it."""
    try:
        linked = stat.S_ISLNK(os.lstat(path).st_mode)
        if linked:
            real = os.path.realpath(path)
            if os.path.commonpath([real, root]) != root:
                return "a symbolic link that leads outside the folder; not followed"
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return "cannot be read (a broken link, or no permission)"
    if not stat.S_ISREG(mode):
        return f"not a regular file ({_kind(mode)}); not read"
    return None


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    for test, words in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                        (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                        (stat.S_ISDIR, "a folder")):
        if test(mode):
            return words
    return "not a file to read"
