"""GitHub Actions workflow commands: one ``::error``/``::warning`` line per finding, placed at
its file and line, so a gap shows on the pull request's diff.

A workflow command is one line that the runner reads from a step's output:
``::warning file=F,line=L,title=T::MESSAGE``. What goes into it is escaped the way the runner
unescapes it (the Actions toolkit's ``escapeData`` and ``escapeProperty``): ``%``, CR and LF
in the message, and ``:`` and ``,`` too in a property, so no text from a rubric, a
questionnaire or a file name can end a command early, start another one, or add a property.

GitHub shows at most ten annotations of each level per step (and fifty per job), so findings
come most urgent first. The last line is a notice with the verdicts.
"""

from __future__ import annotations

from pathlib import PurePath

from mlops_maturity.render.annotations import Annotation, Annotations, Level, from_report
from mlops_maturity.render.base import Format, RenderOptions
from mlops_maturity.report.model import Report

COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "notice"}


def escape_data(text: str) -> str:
    """A message as the runner reads it back: ``%``, CR and LF encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as data, and ``:`` and ``,`` encoded, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(a: Annotation) -> str:
    """One annotation as one workflow command line (the advice on a line of its own)."""
    props = []
    if a.file is not None:
        props.append(f"file={escape_property(PurePath(a.file).as_posix())}")
        if a.line is not None:
            props.append(f"line={a.line}")
    props.append(f"title={escape_property(a.title)}")
    message = a.message + (f"\n{a.help}" if a.help else "")
    return f"::{COMMANDS[a.level]} {','.join(props)}::{escape_data(message)}"


def commands(found: Annotations) -> str:
    """Every finding, then the summary, one command per line."""
    items = found.items + ((found.summary,) if found.summary else ())
    return "".join(command(a) + "\n" for a in items)


class GithubRenderer:
    """Workflow commands for a step's output; there is no file to name, so no suffix."""

    format: Format = Format.GITHUB
    suffixes: tuple[str, ...] = ()

    def render(self, report: Report, options: RenderOptions = RenderOptions()) -> str:
        return commands(from_report(report))


RENDERER = GithubRenderer()
