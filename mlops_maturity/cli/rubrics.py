"""Commands about rubrics and files: ``rubrics``, ``rubrics show``, ``rubrics new``,
``validate``, ``init`` and ``schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from mlops_maturity.cli.app import EXIT_HELP, app, err, handled, report_problems, rubrics_app
from mlops_maturity.model.errors import MaturityError, Problem, UsageError, EXIT_BAD_INPUT
from mlops_maturity.load.resolve import bundled_rubrics


@rubrics_app.callback(invoke_without_command=True)
@handled
def rubrics_list(ctx: typer.Context) -> None:
    """List the bundled rubrics: id, title, version and number of questions."""
    if ctx.invoked_subcommand is not None:
        return
    from rich.console import Console
    from rich.table import Table
    from mlops_maturity.load.rubric import load_rubric
    table = Table(box=None)
    for column in ("id", "title", "version", "questions"):
        table.add_column(column, justify="right" if column == "questions" else "left")
    for rid, path in bundled_rubrics().items():
        r = load_rubric(path, f"{rid} (bundled)")
        table.add_row(r.id, r.title, r.version, str(len(r.questions)))
    Console(highlight=False).print(table)


@rubrics_app.command("show", epilog=EXIT_HELP)
@handled
def rubrics_show(
    rubric: str = typer.Argument(..., help="A bundled rubric id or a path to a rubric file."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """Print a rubric: its scale, sections, questions, allowed answers, gates and bands."""
    from mlops_maturity.load.assessment import open_rubric
    from mlops_maturity.render.rubric_view import rubric_json, rubric_text
    if fmt not in ("text", "json"):
        raise UsageError(Problem("--format", f"'{fmt}' is not allowed", hint="use text or json"))
    r = open_rubric(rubric, Path.cwd(), "RUBRIC")
    typer.echo(json.dumps(rubric_json(r), indent=2, ensure_ascii=False) if fmt == "json" else rubric_text(r))


@rubrics_app.command("new", epilog=EXIT_HELP)
@handled
def rubrics_new(
    rubric_id: str = typer.Argument(..., metavar="ID", help="Id of the new rubric, e.g. my-team-rubric."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write; default ID.yaml."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Scaffold a small, valid custom rubric whose comments teach the format."""
    from mlops_maturity.files.write import ensure_writable, write_atomic
    from mlops_maturity.starters.rubric import new_rubric
    text = new_rubric(rubric_id)
    path = output or Path(f"{rubric_id}.yaml")
    ensure_writable(path, force)
    write_atomic(path, text)
    err(f"wrote {path}; check it with `mlops-maturity validate {path}`")


@app.command(epilog=EXIT_HELP)
@handled
def validate(
    paths: List[Path] = typer.Argument(..., help="Rubric and questionnaire files, told apart by content."),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r",
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
        typer.echo(f"ok: {path} ({kind}: {summary})")
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


@app.command(epilog=EXIT_HELP)
@handled
def init(
    rubric: str = typer.Option("mlops-automation", "--rubric", "-r",
                               help="A bundled rubric id or a path to a rubric file."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write; default stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a questionnaire template with every question and empty answers.

    With -o, a JSON Schema for the rubric is written beside it (RUBRIC.questionnaire.schema.json)
    so editors with the YAML language server complete question ids and answers.
    """
    from mlops_maturity.load.assessment import open_rubric
    from mlops_maturity.files.write import ensure_writable, write_atomic
    from mlops_maturity.load.resolve import is_path_ref
    from mlops_maturity.starters.questionnaire import questionnaire_template
    if output is not None:
        ensure_writable(output, force)
    r = open_rubric(rubric, Path.cwd())
    if output is None:
        typer.echo(questionnaire_template(r, rubric), nl=False)  # no schema file to point at
        return
    ref = _relative(Path(rubric).resolve(), output.resolve().parent) if is_path_ref(rubric) else rubric
    schema_file = _write_schema(r, output.parent)
    write_atomic(output, questionnaire_template(r, ref, schema_file))
    err(f"wrote {output} ({len(r.questions)} questions to answer)")


def _write_schema(r, folder: Path) -> str | None:
    """Write the rubric's questionnaire schema beside the questionnaire; returns its reference."""
    from mlops_maturity.files.write import ensure_writable, write_atomic
    from mlops_maturity.starters.schemas import schema_text
    path = folder / f"{r.id}.questionnaire.schema.json"
    try:
        ensure_writable(path, False, own_output=True)
    except MaturityError:
        err(f"warning: {path} exists and was not written by mlops-maturity; not pointing editors at a schema")
        return None
    write_atomic(path, schema_text(r))
    return path.name


def _relative(target: Path, base: Path) -> str:
    import os
    try:
        return os.path.relpath(target, base)
    except ValueError:  # another drive on Windows
        return str(target)


@app.command(epilog=EXIT_HELP)
@handled
def schema(
    kind: str = typer.Argument(..., help="rubric or questionnaire."),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r",
                                         help="For questionnaire: specialise the schema to this rubric's questions."),
) -> None:
    """Print the JSON Schema of the rubric or questionnaire format, for editors and CI."""
    from mlops_maturity.load.resolve import schema_path
    if kind not in ("rubric", "questionnaire"):
        raise UsageError(Problem("KIND", f"'{kind}' is not a schema", hint="use rubric or questionnaire"))
    if rubric is not None and kind == "rubric":
        raise UsageError(Problem("--rubric", "only specialises the questionnaire schema",
                                 hint="use `schema questionnaire --rubric ID`"))
    if rubric is not None:
        from mlops_maturity.load.assessment import open_rubric
        from mlops_maturity.starters.schemas import schema_text
        typer.echo(schema_text(open_rubric(rubric, Path.cwd())), nl=False)
        return
    typer.echo(schema_path(kind).read_text(encoding="utf-8"), nl=False)
