"""``init`` and ``schema``: the files a team starts from."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from mlops_maturity.cli.application import EXIT_HELP, app, err, handled, out
from mlops_maturity.model.errors import MaturityError, Problem, UsageError
from mlops_maturity.model.rubric import Rubric


@app.command(epilog=EXIT_HELP)
@handled
def init(
    rubric: str = typer.Option("mlops-automation", "--rubric", "-r", metavar="ID_OR_PATH",
                               help="A bundled rubric id or a path to a rubric file."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="File to write; default stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a questionnaire template with every question and empty answers.

    With -o, a JSON Schema for the rubric is written beside it (RUBRIC.questionnaire.schema.json)
    so editors with the YAML language server complete question ids and answers.
    """
    from mlops_maturity.files.write import ensure_writable, write_all
    from mlops_maturity.load.assessment import open_rubric
    from mlops_maturity.load.resolve import is_path_ref
    from mlops_maturity.starters.questionnaire import questionnaire_template
    r = open_rubric(rubric, Path.cwd())
    if output is None:
        out(questionnaire_template(r, rubric))  # no schema file to point at
        return
    inputs = (r.path,) if r.path is not None else ()
    ensure_writable(output, force, inputs=inputs)
    ref = _relative(Path(rubric).resolve(), output.resolve().parent) if is_path_ref(rubric) else rubric
    schema = _schema_file(r, output.parent, inputs)
    files = [(output, questionnaire_template(r, ref, schema[0].name if schema else None))]
    write_all(files + ([schema] if schema else []))
    err(f"wrote {output} ({len(r.questions)} questions to answer)")
    if schema:
        err(f"wrote {schema[0]}")


def _schema_file(r: Rubric, folder: Path, inputs: tuple[Path, ...]) -> tuple[Path, str] | None:
    """The rubric's questionnaire schema to write beside the questionnaire, unless a file
    there is not ours (then editors are not pointed at a schema, and a warning says why)."""
    from mlops_maturity.files.write import ensure_writable
    from mlops_maturity.starters.schemas import schema_text
    path = folder / f"{r.id}.questionnaire.schema.json"
    try:
        ensure_writable(path, False, own_output=True, inputs=inputs)
    except MaturityError:
        err(f"warning: {path} exists and was not written by mlops-maturity; "
            "not pointing editors at a schema")
        return None
    return path, schema_text(r)


def _relative(target: Path, base: Path) -> str:
    import os
    try:
        return os.path.relpath(target, base)
    except ValueError:  # another drive on Windows
        return str(target)


@app.command(epilog=EXIT_HELP)
@handled
def schema(
    kind: str = typer.Argument(..., metavar="KIND", help="rubric or questionnaire."),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", metavar="ID_OR_PATH",
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
        out(schema_text(open_rubric(rubric, Path.cwd())))
        return
    out(schema_path(kind).read_text(encoding="utf-8"))
