"""Reading TOML with the line of each key, for settings files.

``tomllib`` (or its backport ``tomli`` on Python 3.10) parses the file but keeps no
positions, so the lines of a table's keys are found by a small scan of the text: enough to
point a message at ``pyproject.toml:12``. The scan only locates keys; every value comes from
the real parser, so a line it cannot place costs a line number, never a wrong value.
"""

from __future__ import annotations

import re
import sys
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 uses the backport, a conditional dependency
    import tomli as tomllib

from mlops_maturity.model.errors import Problem, SettingsError
from mlops_maturity.model.record import record

# "Invalid value (at line 3, column 14)": the parser's own position, moved into the Problem.
_AT = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")
_HEADER = re.compile(r"""^\s*\[\[?\s*([A-Za-z0-9_.\-"' ]+?)\s*\]\]?\s*(?:#.*)?$""")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*([.=])""")
MAX_QUOTED = 60


@record
class Written:
    """Where a key of a table was written, and its value as the file spells it."""

    line: int
    text: str


def parse_toml(text: str, display: str) -> dict[str, Any]:
    """The document, or a ``SettingsError`` at the line the parser names."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        found = _AT.search(message)
        line = int(found.group(1)) if found else getattr(exc, "lineno", None)
        reason = _AT.sub("", message) or "invalid TOML"
        raise SettingsError(Problem(display, f"is not valid TOML: {reason}", line)) from None


def _bare(name: str) -> str:
    """A table or key name without quotes and spaces: ``tool . "x"`` is ``tool.x``."""
    return re.sub(r"""[\s"']""", "", name)


def key_lines(text: str, table: str) -> dict[str, Written]:
    """The keys written directly in ``table`` (``""`` for the top level), and the sub-tables
    it opens, each with its first line."""
    found: dict[str, Written] = {}
    current = ""
    prefix = f"{table}." if table else ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = _bare(header.group(1))
            if prefix and current == table:
                continue
            if current.startswith(prefix) and current != table:
                key = current[len(prefix):].split(".")[0]
                found.setdefault(key, Written(number, f"[{current}]"))
            continue
        key_match = _KEY.match(line)
        if key_match and current == table:
            key = _bare(key_match.group(1))
            value = line.split("=", 1)[1] if "=" in line else ""
            found.setdefault(key, Written(number, _as_written(value)))
    return found


def table_line(text: str, table: str) -> int | None:
    """The line of a table's header, or of the key that holds it as an inline table
    (``None`` for the top level, or when not found)."""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and _bare(header.group(1)) == table:
            return number
    parent, _, name = table.rpartition(".")
    inline = key_lines(text, parent).get(name) if name else None
    return inline.line if inline else None


def _as_written(value: str) -> str:
    """A one-line value without its trailing comment, shortened for a message."""
    text = value.strip()
    if text[:1] in ("'", '"'):
        end = text.find(text[0], 1)
        text = text[: end + 1] if end > 0 else text
    elif "#" in text:
        text = text.split("#", 1)[0].rstrip()
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 3] + "..."
