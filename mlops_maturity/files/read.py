"""Reading a user's file without hanging, exhausting memory, or reading a device.

Only regular files are read (a device, FIFO or socket is refused before it is opened), the
file is opened without blocking and checked again once open (so a FIFO swapped in between
cannot hang the tool), and at most the limit plus one byte is read, so ``/dev/zero`` or a
10 GB file costs nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mlops_maturity.model.errors import InputFileError, Problem

MAX_BYTES = 5 * 1024 * 1024


def kind_of(mode: int) -> str:
    """What is at a path, in words, for the messages that refuse it (reads and writes)."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refusal(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a YAML file"
    kind = kind_of(mode)
    return "is not a regular file" if kind == "not a regular file" else \
        f"is {kind}, not a regular file"


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_bytes(path: Path | str, display: str, limit: int = MAX_BYTES, *,
               follow_symlinks: bool = True, checked: bool = False) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or an ``InputFileError``.

    With ``follow_symlinks=False`` a symlink at ``path`` is refused when it is opened, so one
    swapped in after the caller checked the path cannot lead the read elsewhere. ``checked``
    says the caller has just seen a regular file there (``lstat``), so the check before
    opening is not made twice; the type is checked again on the open file either way.
    """
    if not checked:
        _check_before_open(path, display)
    try:
        fd = os.open(path, _OPEN_FLAGS | (0 if follow_symlinks else _NOFOLLOW))
    except OSError as exc:
        raise InputFileError(Problem(display, f"cannot be read: {_words(exc)}")) from None
    try:
        info = os.fstat(fd)
        refusal = _refusal(info.st_mode)
        if refusal:
            raise InputFileError(Problem(display, refusal))
        data = _read_at_most(fd, limit + 1, info.st_size)
    except OSError as exc:
        raise InputFileError(Problem(display, f"cannot be read: {_words(exc)}")) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputFileError(Problem(display, f"is larger than {limit // (1024 * 1024)} MiB"
                                     if limit >= 1024 * 1024 else f"is larger than {limit} bytes"))
    return data


def _check_before_open(path: Path | str, display: str) -> None:
    """Refuse a device, FIFO or socket before it is opened (opening some devices acts)."""
    try:
        refusal = _refusal(os.stat(path).st_mode)
    except FileNotFoundError:
        raise InputFileError(Problem(display, "no such file")) from None
    except OSError as exc:
        raise InputFileError(Problem(display, f"cannot be read: {_words(exc)}")) from None
    if refusal:
        raise InputFileError(Problem(display, refusal))


def _read_at_most(fd: int, count: int, size: int = -1) -> bytes:
    """At most ``count`` bytes; a file whose whole ``size`` (from ``fstat``) came in one read
    is done, without a second read to find its end (it costs a system call per file)."""
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
        if 0 < size < count and count - left == size:
            break
    return b"".join(chunks)


def _words(exc: OSError) -> str:
    return (exc.strerror or "the system refused").lower()


def read_text(path: Path, display: str, limit: int = MAX_BYTES) -> str:
    """A regular file's text as UTF-8 (a byte-order mark is dropped), or an ``InputFileError``
    that names the line of the first byte that is not UTF-8."""
    return decode_text(read_bytes(path, display, limit), display)


def decode_text(raw: bytes, display: str) -> str:
    """Bytes from a file or another source (a git revision) as UTF-8 text, checked the same
    way: a byte-order mark is dropped, and the first byte that is not UTF-8 is located."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputFileError(Problem(display, f"is not UTF-8 text (byte {exc.start})", line,
                                     hint="save the file as UTF-8")) from None
