"""``validate``: check rubrics and questionnaires, every problem at once, without scoring."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from mlops_maturity.cli.application import EXIT_HELP, app, err, handled, out, report_problems
from mlops_maturity.model.errors import EXIT_BAD_INPUT, MaturityError


@app.command(epilog=EXIT_HELP)
@handled
def validate(
    paths: List[Path] = typer.Argument(..., metavar="PATH...",
                                    help="Rubric and questionnaire files, told apart by content."),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", metavar="ID_OR_PATH",
                                         help="Check questionnaires against this rubric instead of their own."),
    strict: bool = typer.Option(False, "--strict", help="Treat unanswered questions as errors."),
) -> None:
    """Check rubrics and questionnaires; report every problem with file, line and key."""
    from mlops_maturity.load.validate import validate_file
    failed = False
    for path in paths:
        try:
            kind, summary, warnings = validate_file(path, rubric, strict)
        except MaturityError as exc:
            failed = True
            report_problems(exc)
            continue
        for warning in warnings:
            err(f"warning: {path}: {warning}")
        out(f"ok: {path} ({kind}: {summary})\n")
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)
