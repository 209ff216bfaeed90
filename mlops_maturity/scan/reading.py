"""Looking at one listed file safely: what it is, and its text when that is worth searching.

The rules are those of ``files/read.py``, which does the reading: only regular files (a
device, FIFO or socket is never opened for reading), never more than the size limit, and
here also never a symlink that leads out of the repository. A file with a NUL byte in its
first 8 KiB is binary (git's own test) and is not searched.
"""

from __future__ import annotations

import os
import stat

from mlops_maturity.model.record import record
from mlops_maturity.files.read import read_bytes
from mlops_maturity.model.errors import InputFileError
from mlops_maturity.scan.proposals import SkipReason

MAX_SCAN_BYTES = 1024 * 1024  # larger files are matched by name only
BINARY_PROBE = 8000


@record
class Entry:
    """A listed path that is a regular file in the repository: where to read it, its size."""

    path: str
    target: str  # the file to open: the path itself, or where its in-repository link points
    size: int


def inspect(root_real: str, rel: str) -> Entry | SkipReason | None:
    """A listed path as a file to match, a reason it is not one, or None when it is gone or
    is a folder (a submodule, or a link to a folder)."""
    full = root_real + os.sep + rel  # rel is relative and normalised by the listing
    try:
        info = os.lstat(full)
    except OSError:
        return None
    target = full
    if stat.S_ISLNK(info.st_mode):
        target = os.path.realpath(full)
        if not inside(root_real, target):
            return SkipReason.SYMLINK_OUT
        try:
            info = os.stat(target)
        except OSError:
            return SkipReason.UNREADABLE
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        return SkipReason.NOT_REGULAR
    return Entry(rel, target, info.st_size)


def inside(root_real: str, target: str) -> bool:
    """Whether a resolved path lies in the resolved root (the root itself excluded)."""
    return target.startswith(root_real.rstrip(os.sep) + os.sep)


def read_entry(entry: Entry, limit: int = MAX_SCAN_BYTES) -> bytes | SkipReason:
    """The bytes of a file to search, or why it is not searched."""
    if entry.size > limit:
        return SkipReason.TOO_LARGE
    try:
        data = read_bytes(entry.target, entry.path, limit, follow_symlinks=False,
                          checked=True)
    except InputFileError as exc:
        words = " ".join(str(p) for p in exc.problems)
        return SkipReason.TOO_LARGE if "larger than" in words else SkipReason.UNREADABLE
    if b"\0" in data[:BINARY_PROBE]:
        return SkipReason.BINARY
    return data


def text_of(data: bytes) -> str:
    """A file's bytes as text to search: UTF-8, a bad byte replaced, a BOM dropped."""
    return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8",
                       errors="replace")
