"""``init`` and ``schema``: the files a team starts from."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from mlops_maturity.cli import completion
from mlops_maturity.cli.application import EXIT_HELP, VERBOSITY, app, handled, note, out
from mlops_maturity.cli.settings import blamed, settled, used_rubric
from mlops_maturity.model.errors import MaturityError, Problem, UsageError
from mlops_maturity.model.rubric import Rubric


@app.command(epilog=EXIT_HELP)
@handled
def init(
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", metavar="ID_OR_PATH",
                                         help="A bundled rubric id or a path to a rubric "
                                              "file; default: the 'rubric' setting, else "
                                              "mlops-automation.",
                                         autocompletion=completion.rubric_ids),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="File to write; default stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Write a questionnaire template with every question and empty answers.

    With -o, a JSON Schema for the rubric is written beside it (RUBRIC.questionnaire.schema.json)
    so editors with the YAML language server complete question ids and answers.
    """
    from mlops_maturity.files.write import ensure_writable, write_all
    from mlops_maturity.load.assessment import open_rubric
    from mlops_maturity.load.resolve import is_path_ref
    from mlops_maturity.starters.questionnaire import questionnaire_template
    s = settled(rubric=rubric)
    ref = s.rubric.value or completion.DEFAULT_RUBRIC
    with blamed(s):
        r = open_rubric(ref, Path.cwd())
    used_rubric(r)
    if output is None:
        out(questionnaire_template(r, ref))  # no schema file to point at
        return
    inputs = (r.path,) if r.path is not None else ()
    ensure_writable(output, force, inputs=inputs)
    if is_path_ref(ref):
        ref = _relative(Path(ref).resolve(), output.resolve().parent)
    schema = _schema_file(r, output.parent, inputs)
    files = [(output, questionnaire_template(r, ref, schema[0].name if schema else None))]
    write_all(files + ([schema] if schema else []))
    note(f"wrote {output} ({len(r.questions)} questions to answer)")
    if schema:
        note(f"wrote {schema[0]}")


def _schema_file(r: Rubric, folder: Path, inputs: tuple[Path, ...]) -> tuple[Path, str] | None:
    """The rubric's questionnaire schema to write beside the questionnaire, unless a file
    there is not ours (then editors are not pointed at a schema, and a warning says why)."""
    from mlops_maturity.files.write import ensure_writable
    from mlops_maturity.starters.schemas import schema_text
    path = folder / f"{r.id}.questionnaire.schema.json"
    try:
        ensure_writable(path, False, own_output=True, inputs=inputs)
    except MaturityError:
        note(f"warning: {path} exists and was not written by mlops-maturity; "
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
    kind: str = typer.Argument(..., metavar="KIND", help="rubric or questionnaire.",
                               autocompletion=completion.words(
                                   rubric="the rubric format",
                                   questionnaire="the questionnaire format")),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", metavar="ID_OR_PATH",
                                         help="For questionnaire: specialise the schema to this rubric's questions.",
                                         autocompletion=completion.rubric_ids),
    talk: Optional[bool] = VERBOSITY,
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
        r = open_rubric(rubric, Path.cwd())
        used_rubric(r)
        out(schema_text(r))
        return
    out(schema_path(kind).read_text(encoding="utf-8"))
