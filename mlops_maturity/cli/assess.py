"""The assessment commands: ``score``, ``report`` and ``badge``.

Each command parses options, calls the core through ``pipeline``, and prints or writes.
Heavy modules (Jinja2, rich tables) are imported inside the commands that use them.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from mlops_maturity.cli.app import EXIT_HELP, app, err, handled
from mlops_maturity.model.errors import EXIT_BELOW_THRESHOLD, Problem, UsageError

RUBRIC_HELP = "A bundled rubric id or a path to a rubric file; overrides the questionnaire's 'rubric:'."
TARGET_HELP = "The degree to judge readiness for; overrides the questionnaire's 'target:'."
STRICT_HELP = "Treat any unanswered question as an error."
GENERATED_HELP = "Generation time to print in reports (ISO 8601); defaults to SOURCE_DATE_EPOCH, then now."


@app.command(epilog=EXIT_HELP)
@handled
def score(
    questionnaire: Path = typer.Argument(..., help="The team's answers (YAML)."),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", help=RUBRIC_HELP),
    fmt: str = typer.Option("text", "--format", "-f", help="text (a table) or json."),
    target: Optional[str] = typer.Option(None, "--target", "-t", help=TARGET_HELP),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", help="Exit 1 when the overall score is below this."),
    fail_under_degree: Optional[str] = typer.Option(None, "--fail-under-degree",
                                                    help="Exit 1 when the overall degree is below this degree."),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
    generated_at: Optional[str] = typer.Option(None, "--generated-at", help=GENERATED_HELP),
) -> None:
    """Score a questionnaire: degree and score per section and overall, readiness and next steps."""
    if fmt not in ("text", "json"):
        raise UsageError(Problem("--format", f"'{fmt}' is not a score format", hint="use text or json"))
    from mlops_maturity.api import build, check_thresholds, validate_thresholds
    assessment, report = build(questionnaire, rubric, target, strict, generated_at)
    validate_thresholds(assessment.rubric, report, fail_under, fail_under_degree)
    for warning in report.warnings:
        err(f"warning: {warning}")
    if fmt == "json":
        from mlops_maturity.render import Format, renderer_for
        typer.echo(renderer_for(Format.JSON).render(report), nl=False)
    else:
        from rich.console import Console
        from mlops_maturity.render.text import render_text
        render_text(report, Console(highlight=False, soft_wrap=True))
    failures = check_thresholds(assessment.rubric, report, fail_under, fail_under_degree)
    for line in failures:
        err(f"FAIL: {line}")
    if failures:
        raise typer.Exit(EXIT_BELOW_THRESHOLD)


@app.command(epilog=EXIT_HELP)
@handled
def report(
    questionnaire: Path = typer.Argument(..., help="The team's answers (YAML)."),
    output: List[str] = typer.Option(..., "--output", "-o",
                                     help="File to write (.html, .md, .json), or - for stdout. Repeatable."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="html, markdown or json; overrides the file suffix."),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", help=RUBRIC_HELP),
    target: Optional[str] = typer.Option(None, "--target", "-t", help=TARGET_HELP),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
    generated_at: Optional[str] = typer.Option(None, "--generated-at", help=GENERATED_HELP),
    force: bool = typer.Option(False, "--force", help="Overwrite existing files not written by this tool."),
) -> None:
    """Write reports: self-contained HTML, Markdown for wikis, JSON for machines."""
    from mlops_maturity.api import build, write_outputs
    assessment, rep = build(questionnaire, rubric, target, strict, generated_at)
    for warning in rep.warnings:
        err(f"warning: {warning}")
    for path, text in write_outputs(rep, output, fmt, force, _inputs(questionnaire, assessment)):
        if path is None:
            typer.echo(text, nl=False)
        else:
            err(f"wrote {path}")


@app.command(epilog=EXIT_HELP)
@handled
def badge(
    questionnaire: Path = typer.Argument(..., help="The team's answers (YAML)."),
    output: str = typer.Option(..., "--output", "-o", help="SVG file to write, or - for stdout."),
    with_score: bool = typer.Option(False, "--score/--no-score", help="Show the score beside the degree."),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", help=RUBRIC_HELP),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file not written by this tool."),
) -> None:
    """Write a small SVG badge with the overall degree, for a README."""
    from mlops_maturity.render.badge import badge_svg
    from mlops_maturity.api import build, write_one
    assessment, rep = build(questionnaire, rubric, None, False, "1970-01-01T00:00:00Z")
    svg = badge_svg(rep, with_score)
    if output == "-":
        typer.echo(svg, nl=False)
        return
    err(f"wrote {write_one(output, svg, force, _inputs(questionnaire, assessment))}")


def _inputs(questionnaire: Path, assessment) -> tuple[Path, ...]:
    """Files a command read, which it must never overwrite."""
    rubric_path = assessment.rubric.path
    return (questionnaire,) + ((rubric_path,) if rubric_path is not None else ())
