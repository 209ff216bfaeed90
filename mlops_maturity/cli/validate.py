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
    strict: bool = typer.Option(False, "--strict", help="Treat unanswered questions as errors."),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT",
                            help="text, github (workflow commands that annotate the files on "
                                 "GitHub) or sarif (SARIF 2.1.0 for code scanning). Errors go "
                                 "to stderr in every format."),
) -> None:
    """Check rubrics and questionnaires; report every problem with file, line and key."""
    from mlops_maturity.load.validate import validate_file
    annotating = _annotating(fmt)
    failures: list[tuple[MaturityError, str]] = []
    for path in paths:
        try:
            kind, summary, warnings = validate_file(path, rubric, strict)
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
