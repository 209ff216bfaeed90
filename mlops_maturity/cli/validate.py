"""``validate``: check rubrics and questionnaires, every problem at once, without scoring."""

from __future__ import annotations

from typing import List, Optional

import typer

from mlops_maturity.cli import completion
from mlops_maturity.cli.application import (EXIT_HELP, VERBOSITY, app, handled, is_quiet, note,
                                            out, report_problems)
from mlops_maturity.cli.settings import (STDIN_ARG, blamed, questionnaire_source, settled,
                                         used_rubric)
from mlops_maturity.model.errors import EXIT_BAD_INPUT, MaturityError, Problem, UsageError


@app.command(epilog=EXIT_HELP)
@handled
def validate(
    paths: Optional[List[str]] = typer.Argument(
        None, metavar="PATH...",
        help="Rubric and questionnaire files, told apart by content; - reads one from "
             "standard input. Default: the 'questionnaire' setting."),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", metavar="ID_OR_PATH",
                                         help="Check questionnaires against this rubric instead of their own.",
                                         autocompletion=completion.rubric_ids),
    strict: Optional[bool] = typer.Option(None, "--strict/--no-strict",
                                          help="Treat unanswered questions as errors."),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Check rubrics and questionnaires; report every problem with file, line and key.

    Each valid file gets an 'ok:' line on stdout; with --quiet only problems are printed.
    """
    from mlops_maturity.load.validate import validate_file
    s = settled(rubric=rubric, strict=strict)
    if paths and paths.count(STDIN_ARG) > 1:
        raise UsageError(Problem("PATH", "- (standard input) is given more than once",
                                 hint="standard input can be read once"))
    given: List[Optional[str]] = list(paths) if paths else [None]
    sources = [questionnaire_source(p, s) for p in given]
    failed = False
    for source in sources:
        try:
            with blamed(s):
                checked = validate_file(source, s.rubric.value, s.strict.value)
        except MaturityError as exc:
            failed = True
            report_problems(exc)
            continue
        for warning in checked.warnings:
            note(f"warning: {source}: {warning}")
        used_rubric(checked.rubric)
        if not is_quiet():  # a quiet check says nothing unless something is wrong
            out(f"ok: {source} ({checked.kind}: {checked.summary})\n")
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)
