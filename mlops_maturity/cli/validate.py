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
    strict: bool = typer.Option(False, "--strict",
                                help="Treat unanswered questions (and, with --evidence, stale "
                                     "evidence) as errors."),
    evidence: Optional[Path] = typer.Option(
        None, "--evidence", metavar="ROOT",
        help="Also check questionnaires' evidence against this folder: cited files exist, "
             "lines lie within them, addresses are http(s), nothing is stale. No network."),
) -> None:
    """Check rubrics and questionnaires; report every problem with file, line and key."""
    from mlops_maturity.load.validate import validate_file
    failed = False
    for path in paths:
        try:
            kind, summary, warnings = validate_file(path, rubric, strict)
            if evidence is not None and kind == "questionnaire":
                summary += _evidence(path, rubric, evidence, strict)
        except MaturityError as exc:
            failed = True
            report_problems(exc)
            continue
        for warning in warnings:
            err(f"warning: {path}: {warning}")
        out(f"ok: {path} ({kind}: {summary})\n")
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def _evidence(path: Path, rubric: Optional[str], root: Path, strict: bool) -> str:
    """``--evidence``: check one questionnaire's evidence; stale items are warnings."""
    import datetime as dt

    from mlops_maturity.load.validate import validate_evidence
    from mlops_maturity.model.errors import InputFileError, Problem
    from mlops_maturity.report.clock import generated_at
    if not root.is_dir():
        raise InputFileError(Problem(str(root), "is not a folder",
                                     hint="--evidence names the repository's root"))
    today = dt.date.fromisoformat(generated_at(None)[:10])
    checked, stale = validate_evidence(path, rubric, root, today, strict)
    for problem in stale:
        err(f"warning: {problem}")
    return f"; evidence: {checked} cited files and addresses checked, {len(stale)} stale"
