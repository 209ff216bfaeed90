"""Reading a user's file without hanging, exhausting memory, or reading a device.

Only regular files are read (a device, FIFO or socket is refused before it is opened), the
file is opened without blocking and checked again once open (so a FIFO swapped in between
cannot hang the tool), and at most the limit plus one byte is read, so ``/dev/zero`` or a
10 GB file costs nothing. Standard input (``-`` on the command line) is read through the same
limit, and refused when it is a terminal, where reading would wait for someone to type.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import IO, Any

from mlops_maturity.model.errors import InputFileError, Problem
from mlops_maturity.model.record import record

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
        raise InputFileError(Problem(display, _too_large(limit)))
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


@record
class Stdin:
    """Standard input as the source of a file, named ``-`` on the command line.

    A type of its own rather than ``Path("-")``, because ``Path("./-")`` (how a user names a
    file called ``-``) is equal to ``Path("-")``. Messages call it ``<stdin>``.
    """

    display: str = "<stdin>"

    def __str__(self) -> str:
        return self.display


STDIN = Stdin()
Source = Path | Stdin


def read_source(source: Source, display: str, limit: int = MAX_BYTES) -> str:
    """The text of a file or of standard input, with the same limits for both."""
    if isinstance(source, Stdin):
        return read_stdin(display, limit)
    return read_text(source, display, limit)


def read_stdin(display: str = STDIN.display, limit: int = MAX_BYTES,
               stream: IO[Any] | None = None) -> str:
    """At most ``limit`` bytes of standard input as UTF-8 text.

    A terminal is refused before anything is read: nobody means to type a questionnaire, and
    waiting for end-of-file there looks like a hang.
    """
    stream = sys.stdin if stream is None else stream
    if stream is None or getattr(stream, "closed", False):
        raise InputFileError(Problem(display, "standard input is closed",
                                     hint="pipe a file in: `... - < answers.yaml`"))
    try:
        terminal = stream.isatty()
    except (OSError, ValueError):
        terminal = False
    if terminal:
        raise InputFileError(Problem(display, "standard input is a terminal, not a file",
                                     hint="pipe a file in: `... - < answers.yaml`, or give "
                                          "its path instead of -"))
    source = getattr(stream, "buffer", stream)
    try:
        data = source.read(limit + 1)
    except OSError as exc:
        raise InputFileError(Problem(display, f"cannot be read: {_words(exc)}")) from None
    if isinstance(data, str):  # a text stream without a buffer (an embedding program's)
        data = data.encode("utf-8")
    if len(data) > limit:
        raise InputFileError(Problem(display, _too_large(limit)))
    return decode_text(data, display)


def _too_large(limit: int) -> str:
    return (f"is larger than {limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024
            else f"is larger than {limit} bytes")


def decode_text(raw: bytes, display: str) -> str:
    """Bytes from a file or another source (a git revision) as UTF-8 text, checked the same
    way: a byte-order mark is dropped, and the first byte that is not UTF-8 is located."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputFileError(Problem(display, f"is not UTF-8 text (byte {exc.start})", line,
                                     hint="save the file as UTF-8")) from None


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file, through ``..``, symlinks and hard links."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
