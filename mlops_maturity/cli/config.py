"""``config``: the effective settings, and where each value came from.

A team that wonders why ``score`` gated on 60 runs ``mlops-maturity config`` in the same
folder and sees ``fail_under  60  pyproject.toml:9``. The command takes no other options, so
what it prints is what every command starts from before its own options.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from mlops_maturity.cli import completion
from mlops_maturity.cli.application import (EXIT_HELP, VERBOSITY, app, handled, out,
                                            terminal_width)
from mlops_maturity.cli.settings import settled, settings_line
from mlops_maturity.model.errors import Problem, UsageError

if TYPE_CHECKING:
    from mlops_maturity.load.settings import Setting, Settings

UNSET = "-"


@app.command(epilog=EXIT_HELP)
@handled
def config(
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json.",
                            autocompletion=completion.formats("text", "json")),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Print the effective settings and where each came from (the settings file and line,
    or the default). Settings live in .mlops-maturity.toml or in pyproject.toml's
    [tool.mlops-maturity], in this folder or one above it."""
    if fmt not in ("text", "json"):
        raise UsageError(Problem("--format", f"'{fmt}' is not allowed", hint="use text or json"))
    s = settled()
    out(settings_json(s) if fmt == "json" else settings_text(s, terminal_width()))


def _shown(value: Any) -> str:
    if value is None:
        return UNSET
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or UNSET
    return str(value)


def _from(setting: Setting[Any], unset: str) -> str:
    """The origin column: the file and line, or what applies by default."""
    from mlops_maturity.load.settings import OriginKind
    if setting.origin.kind is OriginKind.DEFAULT:
        return f"default: {unset}"
    return str(setting.origin)


def settings_text(s: Settings, columns: int = 100) -> str:
    """One line for the file, then a table: key, value, where it came from.

    The last column wraps within ``columns`` (the terminal's width), its continuation lines
    starting under it, so a narrow terminal keeps the table's shape (``from`` values that are
    paths have no spaces and are never broken).
    """
    import textwrap
    from mlops_maturity.load.settings import KEYS
    rows = [(k.name, _shown(s.get(k.name).value), _from(s.get(k.name), k.unset)) for k in KEYS]
    width = [max(len(r[i]) for r in rows + [("key", "value", "")]) for i in range(2)]
    indent = " " * (width[0] + width[1] + 4)
    room = max(20, columns - len(indent))
    lines = [settings_line(s), ""]  # not wrapped: it names paths that may be copied
    lines.append(f"{'key':{width[0]}}  {'value':{width[1]}}  from")
    for k, v, origin in rows:
        first, *rest = textwrap.wrap(origin, room, break_on_hyphens=False) or [""]
        lines.append(f"{k:{width[0]}}  {v:{width[1]}}  {first}")
        lines += [indent + more for more in rest]
    if s.file is not None and s.file.ignored is not None:
        lines.append(f"\nignored: {s.file.ignored} [tool.mlops-maturity] "
                     f"({s.file.display} in the same folder wins)")
    return "\n".join(lines) + "\n"


def settings_json(s: Settings) -> str:
    """The same as JSON: values in their types, origins as kind, file and line."""
    import json
    from mlops_maturity.load.settings import KEYS, Key, ValueKind

    def value(key: Key, v: Any) -> Any:
        if key.kind is ValueKind.NUMBER and isinstance(v, str):
            return _number(v)  # kept as typed for the gate; a number to a JSON reader
        return str(v) if isinstance(v, Path) else list(v) if isinstance(v, tuple) else v

    doc = {
        "settings_file": None if s.file is None else s.file.display,
        "table": None if s.file is None else (s.file.table or None),
        "ignored": None if s.file is None else s.file.ignored,
        "searched": list(s.searched),
        "settings": {k.name: {"value": value(k, s.get(k.name).value),
                              "from": {"kind": str(s.get(k.name).origin.kind),
                                       "file": s.get(k.name).origin.file,
                                       "line": s.get(k.name).origin.line}}
                     for k in KEYS},
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _number(text: str) -> int | float | str:
    """``60`` as 60 and ``72.5`` as 72.5; text that is no number stays text (the gate's own
    check has refused it by then, so this is only a guard)."""
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if text.strip().lstrip("+-").isdigit() else number
