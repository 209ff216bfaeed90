"""The formats of ``compare`` and ``trend`` and the one way their outputs are written.

The documents here are not reports (``render.Format`` renders a ``Report``), so they have
their own small enum; writing goes through the same all-or-nothing path as every report
(``files/write.py``): every destination is checked before anything is rendered, an existing
file is replaced only when this tool wrote it or with ``--force``, and a device, FIFO or
folder is never replaced. CSV has no header line where a mark of ours could go, so an
existing CSV file is replaced only with ``--force``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from mlops_maturity.files.write import ensure_writable, write_all
from mlops_maturity.model.errors import Problem, UsageError, did_you_mean
from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.model.record import record

STDOUT = "-"


class HistoryFormat(TextEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"
    CSV = "csv"


SUFFIXES = {".txt": HistoryFormat.TEXT, ".md": HistoryFormat.MARKDOWN,
            ".markdown": HistoryFormat.MARKDOWN, ".json": HistoryFormat.JSON,
            ".html": HistoryFormat.HTML, ".htm": HistoryFormat.HTML, ".csv": HistoryFormat.CSV}
ALIASES = {"md": HistoryFormat.MARKDOWN, "txt": HistoryFormat.TEXT}


@record
class Output:
    destination: str
    format: HistoryFormat

    @property
    def path(self) -> Path | None:
        return None if self.destination == STDOUT else Path(self.destination)


def parse_format(name: str, allowed: Sequence[HistoryFormat]) -> HistoryFormat:
    """A ``--format`` value, or a usage error that lists the formats this command writes."""
    word = name.strip().lower()
    found = ALIASES.get(word) or next((f for f in HistoryFormat if f.value == word), None)
    if found is None or found not in allowed:
        names = [f.value for f in allowed]
        raise UsageError(Problem("--format", f"'{name}' is not a format of this command",
                                 hint=did_you_mean(name, names) or f"use {', '.join(names)}"))
    return found


def format_for_path(dest: str) -> HistoryFormat | None:
    name = Path(dest).name.lower()
    return next((f for s, f in SUFFIXES.items() if name.endswith(s) and len(name) > len(s)),
                None)


def plan(destinations: Sequence[str], forced: HistoryFormat | None, force: bool,
         inputs: Sequence[Path], allowed: Sequence[HistoryFormat]) -> tuple[Output, ...]:
    """Every destination checked before anything is rendered or written."""
    outputs: list[Output] = []
    seen: set[str] = set()
    for dest in destinations:
        key = dest if dest == STDOUT else str(Path(dest).resolve())
        if key in seen:
            raise UsageError(Problem("--output", f"'{dest}' is given twice"))
        seen.add(key)
        named = None if dest == STDOUT else format_for_path(dest)
        fmt = forced or named
        if fmt is None or fmt not in allowed:
            suffixes = ", ".join(s for s, f in SUFFIXES.items() if f in allowed)
            raise UsageError(Problem("--output", f"cannot tell the format of '{dest}'",
                                     hint=f"use a {suffixes} file name, or --format"
                                     if dest != STDOUT else "with -o -, give --format"))
        if named is not None and named is not fmt:
            raise UsageError(Problem("--output", f"'{dest}' is named as {named.value}, but "
                                     f"--format is {fmt.value}", hint="drop --format"))
        if dest != STDOUT:
            ensure_writable(Path(dest), force, own_output=fmt is not HistoryFormat.CSV,
                            inputs=inputs)
        outputs.append(Output(dest, fmt))
    return tuple(outputs)


def write(documents: Sequence[tuple[Output, str]]) -> tuple[Path, ...]:
    """Write the documents bound for files, all or nothing; the ones for stdout are skipped."""
    files = [(o.path, text) for o, text in documents if o.path is not None]
    write_all([(path, text) for path, text in files if path is not None])
    return tuple(path for path, _ in files if path is not None)
