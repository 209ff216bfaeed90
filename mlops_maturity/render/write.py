"""The one write path for every output: plan, render all, then write all.

Like coverage.py's ``render_report``: every destination is checked and every document
rendered before any file is touched, so a bad option or a failing renderer writes nothing;
then the files are written together, all or nothing (``files.write.write_all``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from mlops_maturity.files.destinations import STDOUT, plan_destinations
from mlops_maturity.files.write import write_all
from mlops_maturity.model.errors import Problem, UsageError, did_you_mean
from mlops_maturity.render import (ALIASES, Format, RenderOptions, format_for_path,
                                   format_named, renderer_for)
from mlops_maturity.report.model import Report
from mlops_maturity.model.record import record

__all__ = ["STDOUT", "Output", "Rendered", "parse_format", "plan", "render_all"]


@record
class Output:
    """Where one document goes (a path, or ``-`` for stdout) and in which format."""

    destination: str
    format: Format

    @property
    def path(self) -> Path | None:
        return None if self.destination == STDOUT else Path(self.destination)


@record
class Rendered:
    output: Output
    text: str | bytes


def parse_format(name: str, allowed: Sequence[Format], what: str) -> Format:
    """The format a ``--format`` value names, or a usage error listing the allowed ones."""
    fmt = format_named(name)
    if fmt is None or fmt not in allowed:
        names = [f.value for f in allowed]
        known = names + [a for a, f in ALIASES.items() if f in allowed]
        listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
        raise UsageError(Problem("--format", f"'{name}' is not a {what} format",
                                 hint=did_you_mean(name, known) or f"use {listed}"))
    return fmt


def plan(destinations: Sequence[str], forced: Format | None, force: bool,
         inputs: tuple[Path, ...] = (), allowed: Sequence[Format] = tuple(Format)
         ) -> tuple[Output, ...]:
    """Check every destination before anything is rendered or written."""
    planned = plan_destinations(destinations, forced, force, inputs, named_by=format_for_path,
                                allowed=allowed, suffixes=[s for s, _ in _suffixes(allowed)],
                                check_name=_check_suffix)
    return tuple(Output(dest, fmt) for dest, fmt in planned)


def _check_suffix(dest: str, fmt: Format) -> None:
    """A PDF in ``report.html`` opens as garbage: a name that says another format is refused.
    Formats no suffix names (a PR summary is Markdown) may go to any file."""
    from mlops_maturity.render import SUFFIXES
    named = format_for_path(dest)
    own = [s for s, f in SUFFIXES.items() if f is fmt]
    # a summary is Markdown, so "comment.md" may hold one: its suffix ends the way ours does
    if named is not None and named is not fmt and own and not any(
            dest.lower().endswith(s.rsplit(".", 1)[-1]) for s in own):
        wanted = ", ".join(own)
        raise UsageError(Problem("--output", f"'{dest}' is named as {named.value}, but --format "
                                 f"is {fmt.value}", hint=f"name it {wanted}, or drop --format"))


def _suffixes(allowed: Sequence[Format]) -> list[tuple[str, Format]]:
    from mlops_maturity.render import SUFFIXES
    return [(s, f) for s, f in SUFFIXES.items() if f in allowed]


def render_all(report: Report, outputs: Sequence[Output],
               options: RenderOptions = RenderOptions()) -> tuple[Rendered, ...]:
    """Every document rendered, in memory."""
    return tuple(Rendered(o, renderer_for(o.format).render(report, options)) for o in outputs)


def write_files(rendered: Sequence[Rendered]) -> tuple[Path, ...]:
    """Write the documents bound for files, all or nothing; the ones for stdout are skipped."""
    files = [(r.output.path, r.text) for r in rendered if r.output.path is not None]
    write_all([(path, text) for path, text in files if path is not None])
    return tuple(path for path, _ in files if path is not None)
