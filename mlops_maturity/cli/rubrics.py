"""The ``rubrics`` group: list the bundled rubrics, show one, scaffold a new one."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Optional

import typer

from mlops_maturity.cli import completion
from mlops_maturity.cli.application import EXIT_HELP, VERBOSITY, handled, note, out, rubrics_app
from mlops_maturity.cli.settings import used_rubric
from mlops_maturity.model.errors import Problem, UsageError
from mlops_maturity.load.resolve import bundled_rubrics


@rubrics_app.callback(invoke_without_command=True)
@handled
def rubrics_list(ctx: typer.Context, talk: Optional[bool] = VERBOSITY) -> None:
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
    buffer = io.StringIO()
    Console(file=buffer, highlight=False, width=120).print(table)
    out(buffer.getvalue())


@rubrics_app.command("show", epilog=EXIT_HELP)
@handled
def rubrics_show(
    rubric: str = typer.Argument(..., metavar="ID_OR_PATH",
                                help="A bundled rubric id or a path to a rubric file.",
                                autocompletion=completion.rubric_ids),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json.",
                            autocompletion=completion.formats("text", "json")),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Print a rubric: its scale, sections, questions, allowed answers, gates and bands."""
    from mlops_maturity.load.assessment import open_rubric
    from mlops_maturity.render.rubric_view import rubric_json, rubric_text
    if fmt not in ("text", "json"):
        raise UsageError(Problem("--format", f"'{fmt}' is not allowed", hint="use text or json"))
    r = open_rubric(rubric, Path.cwd(), "RUBRIC")
    used_rubric(r)
    out((json.dumps(rubric_json(r), indent=2, ensure_ascii=False) if fmt == "json"
         else rubric_text(r)) + "\n")


@rubrics_app.command("new", epilog=EXIT_HELP)
@handled
def rubrics_new(
    rubric_id: str = typer.Argument(..., metavar="ID", help="Id of the new rubric, e.g. my-team-rubric."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="File to write; default ID.yaml."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Scaffold a small, valid custom rubric whose comments teach the format."""
    from mlops_maturity.files.write import ensure_writable, write_atomic
    from mlops_maturity.starters.rubric import new_rubric
    path = output or Path(f"{rubric_id}.yaml")
    text = new_rubric(rubric_id, str(path))
    ensure_writable(path, force)
    write_atomic(path, text)
    note(f"wrote {path}; check it with `mlops-maturity validate {path}`; every key is "
         "explained by `mlops-maturity docs rubric-format`")
