"""Writing files without losing anything: atomic replace, and no silent overwrite.

A report is written to a temporary file in the target folder and renamed into place, so a
crash or a full disk never leaves half a file, and a user's own file is only replaced when
they said so (``--force``) or when it is an earlier output of this tool.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mlops_maturity.errors import OutputError, Problem

MARKER = "mlops-maturity"


def ensure_writable(path: Path, force: bool, own_output: bool = False) -> None:
    """Refuse to replace an existing file unless forced, or unless this tool wrote it."""
    if path.is_dir():
        raise OutputError(Problem(str(path), "is a directory; give a file name"))
    if not path.parent.is_dir():
        raise OutputError(Problem(str(path), f"folder '{path.parent}' does not exist"))
    if path.exists() and not force and not (own_output and _written_by_us(path)):
        why = "already exists and was not written by mlops-maturity" if own_output else "already exists"
        raise OutputError(Problem(str(path), why, hint="pass --force to overwrite it"))


def _written_by_us(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return MARKER.encode() in handle.read(4096)
    except OSError:
        return False


def write_atomic(path: Path, text: str) -> None:
    """Write text via a temporary file in the same folder and an atomic rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(Problem(str(path), f"cannot be written: {exc.strerror or exc}")) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
