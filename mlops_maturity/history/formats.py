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

from mlops_maturity.files.destinations import STDOUT, plan_destinations
from mlops_maturity.files.write import write_all
from mlops_maturity.model.errors import Problem, UsageError, did_you_mean
from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.model.record import record



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
    planned = plan_destinations(destinations, forced, force, inputs, named_by=format_for_path,
                                allowed=allowed,
                                suffixes=[s for s, f in SUFFIXES.items() if f in allowed],
                                own_output=lambda f: f is not HistoryFormat.CSV)
    return tuple(Output(dest, fmt) for dest, fmt in planned)


def write(documents: Sequence[tuple[Output, str]]) -> tuple[Path, ...]:
    """Write the documents bound for files, all or nothing; the ones for stdout are skipped."""
    files = [(o.path, text) for o, text in documents if o.path is not None]
    write_all([(path, text) for path, text in files if path is not None])
    return tuple(path for path, _ in files if path is not None)
