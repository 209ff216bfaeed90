"""``validate``: check rubrics and questionnaires, every problem at once, without scoring."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from mlops_maturity.cli.application import EXIT_HELP, app, err, handled, out, report_problems
from mlops_maturity.model.errors import EXIT_BAD_INPUT, MaturityError

if TYPE_CHECKING:
    from mlops_maturity.render import Format


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
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT",
                            help="text, github (workflow commands that annotate the files on "
                                 "GitHub) or sarif (SARIF 2.1.0 for code scanning). Errors go "
                                 "to stderr in every format."),
    evidence: Optional[Path] = typer.Option(
        None, "--evidence", metavar="ROOT",
        help="Also check questionnaires' evidence against this folder: cited files exist, "
             "lines lie within them, addresses are http(s), nothing is stale. No network."),
) -> None:
    """Check rubrics and questionnaires; report every problem with file, line and key."""
    from mlops_maturity.load.validate import validate_file
    annotating = _annotating(fmt)
    failures: list[tuple[MaturityError, str]] = []
    for path in paths:
        try:
            kind, summary, warnings = validate_file(path, rubric, strict)
            if evidence is not None and kind == "questionnaire":
                summary += _evidence(path, rubric, evidence, strict)
        except MaturityError as exc:
            failures.append((exc, str(path)))
            report_problems(exc)
            continue
        for warning in warnings:
            err(f"warning: {path}: {warning}")
        line = f"ok: {path} ({kind}: {summary})"
        if annotating is None:
            out(line + "\n")
        else:  # stdout holds only the annotations
            err(line)
    if annotating is not None:
        from mlops_maturity.render.problems import render_problems
        out(render_problems(failures, annotating))
    if failures:
        raise typer.Exit(EXIT_BAD_INPUT)


def _annotating(fmt: str) -> Format | None:
    """The format that annotates files, or None for text (the render layer is then never
    imported, so plain ``validate`` starts as fast as before)."""
    if fmt.strip().lower() == "text":
        return None
    from mlops_maturity.render import Format
    from mlops_maturity.render.write import parse_format
    chosen = parse_format(fmt, (Format.TEXT, Format.GITHUB, Format.SARIF), "validate")
    return None if chosen is Format.TEXT else chosen


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
    checked, stale, failed = validate_evidence(path, rubric, root, today, strict)
    for problem in stale:
        err(f"warning: {problem}")
    if failed is not None:
        raise failed
    return f"; evidence: {checked} cited files and addresses checked, {len(stale)} stale"
