"""The history commands: ``compare`` (two assessments, or a git revision of one) and
``trend`` (a series). Each parses options, calls ``history``, and writes through its one
write path; heavy modules are imported inside the commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, List, Optional, Sequence

import typer

from mlops_maturity.cli import completion
from mlops_maturity.cli.application import (VERBOSITY, Talk, Verbosity, app, detail, err,
                                            handled, note, out)
from mlops_maturity.model.errors import (EXIT_BAD_INPUT, EXIT_BELOW_THRESHOLD, MaturityError,
                                         Problem, UsageError)

if TYPE_CHECKING:  # imported inside the commands at run time, to keep start-up cheap
    from mlops_maturity.api import Assessed
    from mlops_maturity.history.formats import HistoryFormat, Output

COMPARE_EXIT_HELP = ("\b\nExit codes: 0 success; 1 a regression with --fail-on-regression;\n"
                     "2 bad input or usage; 3 internal error (a bug).")
TREND_EXIT_HELP = ("\b\nExit codes: 0 success; 2 bad input or usage, or a version that could\n"
                   "not be read was skipped (the outputs are still written); 3 internal error.")
# Comparisons and trends show no generation time, so they are the same for the same
# inputs; the reports built on the way get a fixed one, as the badge's do.
STAMP = "1970-01-01T00:00:00Z"
FORMATS = {"text": "plain lines for the terminal (the default on stdout)",
           "markdown": "GitHub-flavoured, for a pull-request comment",
           "json": "the document for machines (versioned JSON)",
           "html": "a self-contained page"}
TREND_FORMATS = {**FORMATS, "html": "a self-contained page with charts",
                 "csv": "one row per assessment, for a spreadsheet"}


def _say_settings(command: str) -> None:
    """``--verbose``: the settings file found, which these commands take nothing from (they
    read only the questionnaires they are given and the rubrics those name), so a settings
    file that cannot be read is mentioned, not an error."""
    if Talk.level is not Verbosity.VERBOSE:
        return
    from mlops_maturity.cli.settings import settings_line, working_folder
    from mlops_maturity.load.settings import load_settings
    try:
        line = settings_line(load_settings(working_folder()))
    except MaturityError as exc:
        line = f"settings: {exc.problems[0]}"
    detail(f"{line}; {command} uses no setting")


def _say_rubrics(runs: Sequence[Assessed]) -> None:
    """``--verbose``: each rubric file read, once."""
    from mlops_maturity.cli.settings import used_rubric
    seen = set()
    for run in runs:
        rubric = run.assessment.rubric
        if (rubric.id, rubric.version, rubric.path) not in seen:
            seen.add((rubric.id, rubric.version, rubric.path))
            used_rubric(rubric)


def _warn(warnings: Sequence[str], outputs: Sequence[Output]) -> None:
    """Warnings that the documents carry, on stderr too, unless a text document on stdout
    has just shown them."""
    from mlops_maturity.history.formats import HistoryFormat
    if any(o.path is None and o.format is HistoryFormat.TEXT for o in outputs):
        return
    for warning in warnings:
        note(f"warning: {warning}")


def _emit(documents: Sequence[tuple[Output, str]]) -> None:
    """Write every document through the one write path; those for stdout are printed."""
    from mlops_maturity.history.formats import write
    written = write(documents)
    for o, text in documents:
        if o.path is None:
            out(text)
    for path in written:
        note(f"wrote {path}")


def _plan(output: Sequence[str] | None, fmt: str | None, force: bool,
          inputs: Sequence[Path], allowed: Sequence[HistoryFormat]) -> tuple[Output, ...]:
    """Without ``-o``, one document on stdout (text unless ``--format`` says otherwise)."""
    from mlops_maturity.history.formats import HistoryFormat, parse_format, plan
    forced = parse_format(fmt, allowed) if fmt is not None else None
    if not output:
        return plan(["-"], forced or HistoryFormat.TEXT, force, inputs, allowed)
    return plan(output, forced, force, inputs, allowed)


@app.command(epilog=COMPARE_EXIT_HELP)
@handled
def compare(
    old: Optional[str] = typer.Argument(
        None, metavar="OLD", help="The earlier questionnaire: a file, or REV:PATH for the file "
                                  "at a git revision (main:mlops/assessment.yaml)."),
    new: Optional[str] = typer.Argument(None, metavar="NEW",
                                        help="The later questionnaire (a file, or REV:PATH)."),
    git_base: Optional[str] = typer.Option(
        None, "--git-base", metavar="REV",
        help="Compare NEW with the same file at this git revision (then give NEW alone)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT",
                                      help="text (the default on stdout), markdown, json or "
                                           "html; overrides the file suffix.",
                                      autocompletion=completion.words(**FORMATS)),
    output: Optional[List[str]] = typer.Option(
        None, "--output", "-o", metavar="FILE",
        help="File to write (.txt, .md, .json, .html), or - for stdout. Repeatable."),
    full: bool = typer.Option(False, "--full",
                              help="Markdown: list everything, past the 4 KB of a PR comment."),
    fail_on_regression: bool = typer.Option(
        False, "--fail-on-regression",
        help="Exit 1 when the overall score, a stage's level or the supported degree went "
             "down, or the system moved beyond what its practices support."),
    force: bool = typer.Option(False, "--force",
                               help="Overwrite existing files not written by this tool."),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Compare two assessments of one system: scores, levels, who decides and what the
    practices support, every changed answer, blockers cleared and introduced."""
    from mlops_maturity.history import compare_render, sources
    from mlops_maturity.history.compare import compare as run_compare
    from mlops_maturity.history.formats import HistoryFormat
    allowed = (HistoryFormat.TEXT, HistoryFormat.MARKDOWN, HistoryFormat.JSON,
               HistoryFormat.HTML)
    _say_settings("compare")
    cwd = Path.cwd()
    if git_base is not None:
        if new is not None or old is None:
            raise UsageError(Problem("--git-base", "takes NEW alone: compare --git-base REV NEW"))
        later = sources.parse_source(old, cwd)
        earlier = sources.at_revision(git_base, later)
    elif old is None or new is None:
        raise UsageError(Problem("compare", "needs OLD and NEW, or --git-base REV and NEW",
                                 hint="see `mlops-maturity compare --help`"))
    else:
        earlier, later = sources.parse_source(old, cwd), sources.parse_source(new, cwd)
    inputs = tuple(s.path for s in (earlier, later) if s.path is not None)
    outputs = _plan(output, fmt, force, inputs, allowed)
    before = sources.load(earlier, STAMP)
    after = sources.load(later, STAMP)
    _say_rubrics((before, after))
    for run in (before, after):
        for warning in run.report.warnings:
            note(f"warning: {run.assessment.questionnaire.path}: {warning}")
    comparison = run_compare(before, after)
    _warn(comparison.warnings, outputs)
    _emit([(o, compare_render.render(comparison, o.format, full)) for o in outputs])
    if fail_on_regression and comparison.regressions:
        from mlops_maturity.history import wording
        from mlops_maturity.report.wording import plain
        for r in comparison.regressions:
            err(f"FAIL: {plain(wording.regression(r, comparison))}")
        raise typer.Exit(EXIT_BELOW_THRESHOLD)


@app.command(epilog=TREND_EXIT_HELP)
@handled
def trend(
    paths: Optional[List[Path]] = typer.Argument(
        None, metavar="FILES...|DIR",
        help="One system's questionnaires (one project.name), or a folder of them; "
             "ordered by assessed_on."),
    git_file: Optional[Path] = typer.Option(
        None, "--git", metavar="FILE",
        help="Read every committed version of this questionnaire through git instead."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT",
                                      help="text (the default on stdout), markdown, json, csv "
                                           "or html; overrides the file suffix.",
                                      autocompletion=completion.words(**TREND_FORMATS)),
    output: Optional[List[str]] = typer.Option(
        None, "--output", "-o", metavar="FILE",
        help="File to write (.html with charts, .md, .json, .csv, .txt), or - for stdout. "
             "Repeatable."),
    force: bool = typer.Option(False, "--force",
                               help="Overwrite existing files not written by this tool."),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Show one system's maturity over time: a chart of the overall score and of each stage,
    step lines of who decides and what the practices support, and the changes between
    consecutive assessments."""
    from mlops_maturity.history import sources, trend_render
    from mlops_maturity.history.formats import HistoryFormat
    from mlops_maturity.history.trend import trend as build
    given = list(paths or [])
    if (git_file is None) == (not given):
        raise UsageError(Problem("trend", "give questionnaire files, one folder, or --git FILE",
                                 hint="see `mlops-maturity trend --help`"))
    _say_settings("trend")
    inputs = (git_file,) if git_file is not None else tuple(given)
    outputs = _plan(output, fmt, force, inputs, tuple(HistoryFormat))
    if git_file is not None:
        entries, skipped = sources.git_entries(git_file, STAMP)
    else:
        if len(given) == 1 and given[0].is_dir():
            folder, given = given[0], sources.questionnaires_in(given[0])
            if not given:
                raise UsageError(Problem(str(folder), "holds no questionnaire (*.yaml, *.yml)",
                                         hint="give the files, or --git FILE"))
        entries, skipped = sources.file_entries(given, STAMP)
    _say_rubrics([e.run for e in entries if e.run is not None])
    series = build(entries, skipped, along_history=git_file is not None)
    _warn(series.warnings, outputs)
    _emit([(o, trend_render.render(series, o.format)) for o in outputs])
    for s in series.skipped:
        for reason in s.reasons:
            err(f"error: {reason}")
    if series.skipped:
        err(f"error: skipped {len(series.skipped)} of {len(series.skipped) + len(series.points)}"
            " assessments: " + ", ".join(s.source for s in series.skipped))
        raise typer.Exit(EXIT_BAD_INPUT)
