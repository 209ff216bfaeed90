"""File globs as detectors write them, turned into regular expressions over relative paths.

One small dialect, the one people know from ``.gitignore`` and CI configuration: a glob
without a ``/`` matches a file name at any depth (``Dockerfile``, ``*.tf``); one with a ``/``
is matched from the repository's root (``.github/workflows/*.yml``). ``*`` and ``?`` stay
within one folder, ``**`` spans any number of folders (none included), ``[abc]`` and
``[!abc]`` are classes, and ``{yml,yaml}`` is a choice. The rubric loader checks every glob
with ``glob_problem`` and the scanner compiles it with ``glob_regex``, so both read the
same dialect.
"""

from __future__ import annotations

import functools
import re

MAX_GLOB = 300


class GlobError(ValueError):
    """A glob that cannot be read; the message says why, in words."""


def glob_problem(glob: str) -> str | None:
    """Why a glob is not usable (absolute, climbing out, unbalanced), or None."""
    if not glob.strip():
        return "is empty"
    if len(glob) > MAX_GLOB:
        return f"is longer than {MAX_GLOB} characters"
    if glob.startswith("/") or glob.startswith("~") or re.match(r"^[A-Za-z]:", glob):
        return "is absolute; globs are relative to the repository's root"
    if ".." in glob.split("/"):
        return "climbs out with '..'; globs stay inside the repository"
    try:
        _translate(glob)
    except GlobError as exc:
        return str(exc)
    return None


@functools.lru_cache(maxsize=1024)
def glob_regex(glob: str) -> re.Pattern[str]:
    """The compiled expression that a whole relative POSIX path must match."""
    body = _translate(glob)
    anchored = "/" in glob.rstrip("/")
    return re.compile(body if anchored else f"(?:.*/)?{body}", re.DOTALL)


def _translate(glob: str) -> str:
    """The regular expression for one glob (without the any-depth prefix)."""
    parts: list[str] = []
    i, n = 0, len(glob)
    in_braces = False
    while i < n:
        ch = glob[i]
        if glob.startswith("**", i):
            parts.append(_double_star(glob, i))
            i += 3 if glob.startswith("**/", i) else 2
            continue
        i += 1
        if ch == "\\":
            if i >= n:
                raise GlobError("ends with a lone backslash")
            parts.append(re.escape(glob[i]))
            i += 1
        elif ch == "*":
            parts.append("[^/]*")
        elif ch == "?":
            parts.append("[^/]")
        elif ch == "[":
            cls, i = _class(glob, i)
            parts.append(cls)
        elif ch == "{":
            if in_braces:
                raise GlobError("has a '{' inside another '{...}'")
            in_braces = True
            parts.append("(?:")
        elif ch == "," and in_braces:
            parts.append("|")
        elif ch == "}" and in_braces:
            in_braces = False
            parts.append(")")
        else:
            parts.append(re.escape(ch))
    if in_braces:
        raise GlobError("opens a '{' that is not closed")
    return "".join(parts)


def _double_star(glob: str, i: int) -> str:
    """``**`` as a whole path segment: any folders; elsewhere it is a plain ``*``."""
    starts_segment = i == 0 or glob[i - 1] == "/"
    ends_segment = i + 2 == len(glob) or glob[i + 2] == "/"
    if not (starts_segment and ends_segment):
        return "[^/]*"
    if glob.startswith("**/", i):
        return "(?:[^/]+/)*"
    return ".*"


def _class(glob: str, i: int) -> tuple[str, int]:
    """A ``[...]`` class starting after its ``[``; returns the regex and the next index."""
    end = glob.find("]", i + 1 if glob[i:i + 1] in ("!", "]") else i)
    if end < 0:
        raise GlobError("opens a '[' that is not closed")
    inner = glob[i:end]
    negate = inner.startswith("!")
    inner = inner[1:] if negate else inner
    if not inner:
        raise GlobError("has an empty '[]' class")
    escaped = inner.replace("\\", "\\\\").replace("^", "\\^").replace("[", "\\[")
    return ("[^/" + escaped + "]" if negate else "[" + escaped + "]"), end + 1
