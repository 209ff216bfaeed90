"""The assessment commands: ``score``, ``report`` and ``badge``.

Each command parses options, lays them over the settings file (``cli/settings.py``), calls
the core through ``api``, and hands every document to the one write path
(``render/write.py``). Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional, Sequence

import typer

from mlops_maturity.cli import completion
from mlops_maturity.cli.application import (EXIT_HELP, SCORE_EXIT_HELP, VERBOSITY, app, err,
                                            handled, note, out, terminal_width)
from mlops_maturity.cli.settings import (blamed, explain_gates, questionnaire_source, settled,
                                         used_rubric)
from mlops_maturity.model.errors import EXIT_BELOW_THRESHOLD, Problem, UsageError

if TYPE_CHECKING:  # imported inside the commands at run time, to keep start-up cheap
    from mlops_maturity.api import Assessed
    from mlops_maturity.render import RenderOptions
    from mlops_maturity.render.write import Output
    from mlops_maturity.report.model import Report

RUBRIC_HELP = ("A bundled rubric id or a path to a rubric file; "
               "overrides the questionnaire's 'rubric:'.")
QUESTIONNAIRE_HELP = ("The team's answers (YAML), or - to read them from standard input; "
                      "default: the 'questionnaire' setting.")
TARGET_HELP = ("A degree of automation (do the practices support it?) or a maturity level (is "
               "it reached?) to judge; overrides the questionnaire's 'target:'. The command "
               "'rubrics show' lists a rubric's degrees and levels.")
STRICT_HELP = "Treat any unanswered question as an error."
GENERATED_HELP = ("Generation time to print in reports (ISO 8601); "
                  "defaults to SOURCE_DATE_EPOCH, then now.")


def _emit(report: Report, outputs: Sequence[Output], options: RenderOptions) -> None:
    """Write every planned output through the one write path; stdout ones are printed."""
    from mlops_maturity.render.write import render_all, write_files
    rendered = render_all(report, outputs, options)
    written = write_files(rendered)
    for r in rendered:
        if r.output.path is None:
            out(r.text)
    for path in written:
        note(f"wrote {path}")


def _warn(run: Assessed) -> None:
    """Warnings name the file they are about, like every other message."""
    for warning in run.report.warnings:
        note(f"warning: {run.assessment.questionnaire.path}: {warning}")
    used_rubric(run.assessment.rubric)


def _steps(value: str) -> int | None:
    """``--steps``: a positive number, or ``all``."""
    word = value.strip().lower()
    if word == "all":
        return None
    if word.isdigit() and int(word) > 0:
        return int(word)
    raise UsageError(Problem("--steps", f"'{value}' is not a number of steps",
                             hint="give a whole number such as 20, or all"))


def _show(value: str | None) -> bool:
    """``--show``: only ``unanswered`` for now."""
    if value is None:
        return False
    if value.strip().lower() == "unanswered":
        return True
    raise UsageError(Problem("--show", f"'{value}' cannot be shown", hint="use unanswered"))


def _terminal_options(with_score: bool = False, steps: int | None = 8,
                      show_unanswered: bool = False) -> RenderOptions:
    from mlops_maturity.render import RenderOptions
    stream = sys.stdout
    color = bool(stream is not None and stream.isatty() and "NO_COLOR" not in os.environ)
    encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("-", "")
    return RenderOptions(width=terminal_width(), color=color, with_score=with_score,
                         ascii_only=encoding not in ("utf8", "utf16", "utf32"), steps=steps,
                         show_unanswered=show_unanswered)


@app.command(epilog=SCORE_EXIT_HELP)
@handled
def score(
    questionnaire: Optional[str] = typer.Argument(None, metavar="QUESTIONNAIRE",
                                                  help=QUESTIONNAIRE_HELP),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", metavar="ID_OR_PATH",
                                         help=RUBRIC_HELP, autocompletion=completion.rubric_ids),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT",
                            help="text (a summary), json, github (workflow commands that "
                                 "annotate the questionnaire on GitHub) or sarif (SARIF "
                                 "2.1.0 for code scanning).",
                            autocompletion=completion.formats("text", "json", "github",
                                                              "sarif")),
    target: Optional[str] = typer.Option(None, "--target", "-t", metavar="DEGREE_OR_LEVEL",
                                          help=TARGET_HELP,
                                          autocompletion=completion.target_ids),
    fail_under: Optional[str] = typer.Option(
        None, "--fail-under", metavar="SCORE",
        help="Exit 1 when the overall score is below this: a number on the rubric's scale, "
             "from 0 to its maximum (100 for mlops-automation, 7 for the ML Test Score)."),
    fail_under_level: Optional[str] = typer.Option(
        None, "--fail-under-level", metavar="LEVEL",
        help="Exit 1 when the lifecycle's maturity level is below this level.",
        autocompletion=completion.level_ids),
    fail_unsupported: Optional[bool] = typer.Option(
        None, "--fail-unsupported/--no-fail-unsupported",
        help="Exit 1 when the declared degree of automation is beyond what the practices "
             "support (--no-fail-unsupported turns the setting off)."),
    fail_under_degree: Optional[str] = typer.Option(
        None, "--fail-under-degree", hidden=True,
        help="Replaced by --fail-unsupported and --fail-under-level."),
    strict: Optional[bool] = typer.Option(None, "--strict/--no-strict", help=STRICT_HELP),
    generated_at: Optional[str] = typer.Option(None, "--generated-at", metavar="TIME",
                                                help=GENERATED_HELP),
    steps: str = typer.Option("8", "--steps", metavar="N|all",
                              help="How many roadmap steps the text shows."),
    show: Optional[str] = typer.Option(None, "--show", metavar="unanswered",
                                       help="Also list the unanswered questions.",
                                       autocompletion=completion.words(
                                           unanswered="list the unanswered questions")),
    scan: Optional[Path] = typer.Option(
        None, "--scan", metavar="REPO",
        help="Also show what a scan of this repository proposes beside the declared "
             "answers, and the score if its proposals were accepted (text only)."),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Score a questionnaire: who decides and what the practices support, lifecycle maturity,
    readiness and next steps."""
    from mlops_maturity import api
    from mlops_maturity.render import Format
    from mlops_maturity.render.write import Output, parse_format
    if fail_under_degree is not None:
        raise UsageError(Problem(
            "--fail-under-degree", "is gone: a degree of automation is declared, not earned",
            hint="use --fail-unsupported (the declared degree must be supported) or "
                 "--fail-under-level LEVEL (lifecycle maturity)"))
    from mlops_maturity.cli.annotate import gate_commands, problems_annotated
    chosen = parse_format(fmt, (Format.TEXT, Format.JSON, Format.GITHUB, Format.SARIF), "score")
    options = _terminal_options(steps=_steps(steps), show_unanswered=_show(show))
    if scan is not None and chosen is not Format.TEXT:
        raise UsageError(Problem("--scan", "adds a comparison to the text summary only",
                                 hint="for JSON use `mlops-maturity scan REPO --merge "
                                      "QUESTIONNAIRE --format json`"))
    s = settled(rubric=rubric, target=target, fail_under=fail_under,
                fail_under_level=fail_under_level, fail_unsupported=fail_unsupported,
                strict=strict)
    source = questionnaire_source(questionnaire, s)
    with problems_annotated(chosen, str(source)), blamed(s):
        run = api.run(source, s.rubric.value, s.target.value, s.strict.value, generated_at)
        gates = api.thresholds(run.result, s.fail_under.value, s.fail_under_level.value,
                               s.fail_unsupported.value)
    _warn(run)
    _emit(run.report, (Output("-", chosen),), options)
    if scan is not None:
        _scan_comparison(run, scan)
    failures = api.failure_lines(api.check(run, gates), run.result)
    for line in failures:
        err(f"FAIL: {line}")
    if failures and chosen is Format.GITHUB:
        out(gate_commands(failures, str(source)))
    if failures:
        explain_gates(s, failures)
        raise typer.Exit(EXIT_BELOW_THRESHOLD)


def _scan_comparison(run: Assessed, repo: Path) -> None:
    """``score --scan``: the proposals beside the declared answers, and the score if taken."""
    import datetime as dt

    from mlops_maturity import api
    from mlops_maturity.render.scan_text import comparison_text
    day = dt.date.fromisoformat(run.report.generated_at[:10])
    out("\n" + comparison_text(api.compare_scan(run, repo, day)))


@app.command(epilog=EXIT_HELP)
@handled
def report(
    questionnaire: Optional[str] = typer.Argument(None, metavar="QUESTIONNAIRE",
                                                  help=QUESTIONNAIRE_HELP),
    output: Optional[List[str]] = typer.Option(
        None, "--output", "-o",
        metavar="FILE",
        help="File to write (.html, .md, .json, .pdf, .summary.md), or - for stdout. "
             "Repeatable; default: the 'outputs' setting."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT",
                                      help="html, markdown, json, pdf or summary (a short "
                                           "Markdown page for a CI step summary or a pull "
                                           "request); overrides the file suffix.",
                                      autocompletion=completion.formats(
                                          "html", "markdown", "json", "pdf", "summary")),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", metavar="ID_OR_PATH",
                                         help=RUBRIC_HELP, autocompletion=completion.rubric_ids),
    target: Optional[str] = typer.Option(None, "--target", "-t", metavar="DEGREE_OR_LEVEL",
                                          help=TARGET_HELP,
                                          autocompletion=completion.target_ids),
    strict: Optional[bool] = typer.Option(None, "--strict/--no-strict", help=STRICT_HELP),
    generated_at: Optional[str] = typer.Option(None, "--generated-at", metavar="TIME",
                                                help=GENERATED_HELP),
    force: bool = typer.Option(False, "--force",
                               help="Overwrite existing files not written by this tool."),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Write reports: self-contained HTML, Markdown for wikis, JSON for machines, PDF for
    readiness reviews, and a short summary for CI."""
    from mlops_maturity import api
    from mlops_maturity.render import Format
    from mlops_maturity.render.write import parse_format, plan
    allowed = (Format.HTML, Format.MARKDOWN, Format.JSON, Format.PDF, Format.SUMMARY)
    forced = parse_format(fmt, allowed, "report") if fmt else None
    s = settled(rubric=rubric, target=target, strict=strict, outputs=output)
    with blamed(s):
        if not s.outputs.value:
            raise UsageError(Problem("--output", "no file to write",
                                     hint="give -o FILE (or -o - for stdout), or set outputs "
                                          "in the settings"))
        run = api.run(questionnaire_source(questionnaire, s), s.rubric.value, s.target.value,
                      s.strict.value, generated_at)
        outputs = plan(list(s.outputs.value), forced, force, run.inputs, allowed)
    _warn(run)
    _emit(run.report, outputs, _terminal_options())


@app.command(epilog=EXIT_HELP)
@handled
def badge(
    questionnaire: Optional[str] = typer.Argument(None, metavar="QUESTIONNAIRE",
                                                  help=QUESTIONNAIRE_HELP),
    output: str = typer.Option(..., "--output", "-o", metavar="FILE",
                                help="SVG file to write, or - for stdout."),
    with_score: bool = typer.Option(False, "--score/--no-score",
                                    help="Show the score beside the degree."),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", metavar="ID_OR_PATH",
                                         help=RUBRIC_HELP, autocompletion=completion.rubric_ids),
    force: bool = typer.Option(False, "--force",
                               help="Overwrite an existing file not written by this tool."),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Write a small SVG badge for a README: the declared degree of automation, marked within
    or beyond what the practices support (or, without a decision axis, the level or band)."""
    from mlops_maturity import api
    from mlops_maturity.render import Format
    from mlops_maturity.render.write import plan
    s = settled(rubric=rubric)
    with blamed(s):
        run = api.run(questionnaire_source(questionnaire, s), s.rubric.value, None, False,
                      "1970-01-01T00:00:00Z")
    used_rubric(run.assessment.rubric)
    outputs = plan([output], Format.BADGE, force, run.inputs, (Format.BADGE,))
    _emit(run.report, outputs, _terminal_options(with_score))
