"""The portfolio's output formats, chosen by file suffix, and its one write path.

As for single reports (``render/write.py``): every destination is checked before the
(possibly long) run starts, every document is rendered in memory, then all files are
written together, all or nothing, through ``files/write.py``: atomic, never over a file the
run read, never over a user's file without ``--force``, never over a device or a FIFO.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from mlops_maturity.files.destinations import STDOUT, plan_destinations
from mlops_maturity.files.write import write_all
from mlops_maturity.model.errors import Problem, UsageError, did_you_mean
from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.portfolio.document import FORMAT_VERSION, Portfolio



class PortfolioFormat(TextEnum):
    """What a portfolio can be written as."""

    HTML = "html"  # a self-contained page for a wiki or a browser
    MARKDOWN = "markdown"  # GitHub-flavoured, for a wiki page
    CSV = "csv"  # one line per system, for a spreadsheet
    JSON = "json"  # for machines, with a JSON Schema


SUFFIXES = {".html": PortfolioFormat.HTML, ".htm": PortfolioFormat.HTML,
            ".md": PortfolioFormat.MARKDOWN, ".markdown": PortfolioFormat.MARKDOWN,
            ".csv": PortfolioFormat.CSV, ".json": PortfolioFormat.JSON}
ALIASES = {"md": PortfolioFormat.MARKDOWN}


@dataclass(frozen=True)
class Output:
    destination: str  # a path, or ``-`` for stdout
    format: PortfolioFormat


def format_named(name: str) -> PortfolioFormat:
    """The format a ``--format`` value names, or a usage error."""
    word = name.strip().lower()
    found = ALIASES.get(word) or next((f for f in PortfolioFormat if f.value == word), None)
    if found is None:
        names = [f.value for f in PortfolioFormat]
        raise UsageError(Problem("--format", f"'{name}' is not a portfolio format",
                                 hint=did_you_mean(word, names + list(ALIASES))
                                 or f"use {', '.join(names)}"))
    return found


def plan(destinations: Sequence[str], forced: PortfolioFormat | None, force: bool,
         inputs: Sequence[Path]) -> tuple[Output, ...]:
    """Check every destination before anything is assessed or written."""
    planned = plan_destinations(destinations, forced, force, inputs,
                                named_by=lambda d: SUFFIXES.get(Path(d).suffix.lower()),
                                allowed=tuple(PortfolioFormat), suffixes=list(SUFFIXES))
    return tuple(Output(dest, fmt) for dest, fmt in planned)


def render(doc: Portfolio, fmt: PortfolioFormat) -> str:
    """One format of the portfolio; the template engine is imported only when needed."""
    if fmt is PortfolioFormat.JSON:
        from mlops_maturity.portfolio import jsondoc
        return jsondoc.render(doc)
    if fmt is PortfolioFormat.CSV:
        from mlops_maturity.portfolio import table
        return table.render(doc)
    from mlops_maturity.portfolio.view import pages, scope_words
    from mlops_maturity.render.templating import render_template
    name = "portfolio.html.j2" if fmt is PortfolioFormat.HTML else "portfolio.md.j2"
    return render_template(name, doc=doc, pages=pages(doc), scope=scope_words(doc),
                           format_version=FORMAT_VERSION)


def write(doc: Portfolio, outputs: Sequence[Output]) -> tuple[tuple[Output, str], ...]:
    """Render every output, then write the files all or nothing; the documents bound for
    stdout are returned for the caller to print."""
    rendered = [(o, render(doc, o.format)) for o in outputs]
    write_all([(Path(o.destination), text) for o, text in rendered
               if o.destination != STDOUT])
    return tuple((o, text) for o, text in rendered if o.destination == STDOUT)
