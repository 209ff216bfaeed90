"""``portfolio``: many systems' latest assessments on one page, per rubric and per group.

The command parses options, checks every output path, then calls ``portfolio.make``; a file
that cannot be assessed is a warning (an error with ``--strict``) and never stops the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from mlops_maturity.cli import completion
from mlops_maturity.cli.application import (VERBOSITY, app, detail, err, handled, note, out,
                                            terminal_width)
from mlops_maturity.model.errors import EXIT_BAD_INPUT, MaturityError

if TYPE_CHECKING:
    from mlops_maturity.portfolio.document import Portfolio

PORTFOLIO_EXIT_HELP = ("\b\nExit codes: 0 success (invalid files are warnings); 2 bad input or "
                       "usage, or\nany invalid file with --strict; 3 internal error (a bug); "
                       "141 stdout closed.")
PROBLEMS_PER_FILE = 5


@app.command(epilog=PORTFOLIO_EXIT_HELP)
@handled
def portfolio(
    paths: List[str] = typer.Argument(..., metavar="DIR|FILES...",
                                      help="Folders of questionnaires (walked for *.yaml and "
                                           "*.yml) and questionnaire files."),
    output: List[str] = typer.Option([], "--output", "-o", metavar="FILE",
                                     help="Write the portfolio here; the format follows the "
                                          "suffix (.html, .md, .csv, .json). Repeatable; "
                                          "'-' is stdout and needs --format."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="html, markdown, csv or json, for every -o.",
                                      autocompletion=completion.formats(
                                          "html", "markdown", "csv", "json")),
    group_by: str = typer.Option("team", "--group-by", metavar="team|folder|degree|level",
                                 help="What the roll-ups group systems by.",
                                 autocompletion=completion.words(
                                     team="project.team", folder="the file's folder",
                                     degree="the declared degree", level="the maturity level")),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Worker processes (default: one per core)."),
    every: bool = typer.Option(False, "--all",
                               help="Every file, not only the latest assessment of each "
                                    "system (by project.name and assessed_on)."),
    strict: bool = typer.Option(False, "--strict",
                                help="Exit with 2 when any file could not be assessed."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing files."),
    generated_at: Optional[str] = typer.Option(None, "--generated-at", metavar="TIME",
                                               help="Generation time to print (ISO 8601); "
                                                    "defaults to SOURCE_DATE_EPOCH, then now."),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Roll many systems' assessments up into one page: a heatmap of stages, the degrees
    teams declare and who runs beyond support, the furthest from their target, the
    practices most often missing, and a roll-up per group. Rubrics are never mixed."""
    from mlops_maturity.portfolio.formats import format_named, plan, write
    from mlops_maturity.portfolio.make import assemble, gather, group_by_named
    from mlops_maturity.portfolio.progress import tracker_for
    from mlops_maturity.report.clock import generated_at as clock
    by = group_by_named(group_by)
    stamp = clock(generated_at)
    _settings_said()
    forced = format_named(fmt) if fmt is not None else None
    collected = gather(paths)
    outputs = plan(output, forced, force, [Path(s.path) for s in collected.sources])
    doc = assemble(collected, generated_at=stamp, jobs=jobs, latest_only=not every, by=by,
                   tracker=tracker_for(len(collected.sources)))
    for r in doc.rubrics:
        info = r.rubric
        bundled = ", bundled" if info.bundled else ""
        detail(f"rubric: {info.id} {info.version} from {info.path or 'no file'} "
               f"(digest {info.digest}{bundled})")
    _warn(doc, strict)
    for _, text in write(doc, outputs):
        out(text)
    for o in outputs:
        if o.destination != "-":
            note(f"wrote {o.destination}")
    if not outputs:
        from mlops_maturity.portfolio.view import summary_lines
        out("".join(_wrapped(line, terminal_width()) for line in summary_lines(doc)))
    if strict and doc.invalid:
        raise typer.Exit(EXIT_BAD_INPUT)


def _settings_said() -> None:
    """``--verbose``: the settings file found, as every command says it. The portfolio uses
    none of its values (each questionnaire names its own rubric and target, and --strict
    means something else here), so a settings file that cannot be read is said, not an
    error, and its values are said to be unused."""
    from mlops_maturity.cli.settings import settled
    try:
        s = settled()
    except MaturityError as exc:
        detail(f"settings: {exc.problems[0]} (not used by portfolio)")
        return
    if s.file is not None and s.from_file():
        detail("settings: portfolio uses none of these values; each questionnaire names "
               "its own rubric and target")


def _wrapped(line: str, columns: int) -> str:
    """A summary line wrapped at spaces within the terminal, continued two spaces further
    in than it starts (names and paths are not broken)."""
    import textwrap
    indent = " " * (len(line) - len(line.lstrip(" ")))
    parts = textwrap.wrap(line, columns, subsequent_indent=indent + "  ",
                          break_long_words=False, break_on_hyphens=False)
    return "\n".join(parts or [""]) + "\n"


def _warn(doc: Portfolio, strict: bool) -> None:
    """Each invalid file's problems (the first few), each tie and each pair of rubric files
    that share an id and a version, then the count; warnings are left out with --quiet,
    errors (--strict) never."""
    from mlops_maturity.report.wording import plural
    word = "error" if strict else "warning"
    say = err if strict else note
    for bad in doc.invalid:
        for problem in bad.problems[:PROBLEMS_PER_FILE]:
            say(f"{word}: {problem}")
        if len(bad.problems) > PROBLEMS_PER_FILE:
            more = plural(len(bad.problems) - PROBLEMS_PER_FILE, "more problem")
            say(f"{word}: {bad.file}: ... and {more}")
    for warning in doc.ties + doc.shared:
        note(f"warning: {warning}")
    if doc.invalid:
        say(f"{word}: {len(doc.invalid)} of {plural(doc.files, 'questionnaire')} could not be "
            "assessed and are left out")
    elif doc.warnings:
        note(f"warning: {plural(doc.warnings, 'warning')}")
