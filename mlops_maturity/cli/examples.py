"""``examples``: list the example questionnaires that come with the tool, and copy them out.

The README's commands name ``examples/NAME.yaml``; ``examples copy NAME... -o examples/``
writes them into a folder of that name wherever the user is, so every command in the README
works after a wheel install. Copies go through the atomic write path and never replace an
existing file without ``--force``.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import List, Optional

import typer

from mlops_maturity.cli.application import EXIT_HELP, app, err, handled, out
from mlops_maturity.model.errors import Problem, UsageError

examples_app = typer.Typer(help="List the bundled example questionnaires and copy them out.",
                           invoke_without_command=True)
app.add_typer(examples_app, name="examples")

STDOUT = "-"


@examples_app.callback(invoke_without_command=True)
@handled
def examples_list(ctx: typer.Context) -> None:
    """List the bundled examples: name, rubric and the system each describes."""
    if ctx.invoked_subcommand is not None:
        return
    from rich.console import Console
    from rich.table import Table
    from mlops_maturity.starters.examples import examples
    table = Table(box=None)
    for column in ("name", "rubric", "system"):
        table.add_column(column)
    for example in examples():
        table.add_row(example.name, example.rubric, example.system)
    buffer = io.StringIO()
    Console(file=buffer, highlight=False, width=120).print(table)
    out(buffer.getvalue() + "\nCopy one out with `mlops-maturity examples copy NAME`.\n")


@examples_app.command("copy", epilog=EXIT_HELP)
@handled
def examples_copy(
    names: List[str] = typer.Argument(..., metavar="NAME...", help="Examples to copy out."),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", metavar="FILE|FOLDER/",
        help="File to write (one example), a folder to write NAME.yaml into (ending in / or "
             "existing), or - for stdout; default NAME.yaml in the current folder."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing files."),
) -> None:
    """Write bundled examples out, to score them or start from one."""
    from mlops_maturity.files.write import ensure_writable, write_all
    from mlops_maturity.starters.examples import example_path, example_text
    chosen = list(dict.fromkeys(names))
    texts = [example_text(name) for name in chosen]  # unknown names fail before any write
    if output == STDOUT:
        if len(chosen) > 1:
            raise UsageError(Problem("--output", "- prints one example, but "
                                     f"{len(chosen)} are named", hint="name one, or give a "
                                     "folder such as examples/"))
        out(texts[0])
        return
    paths = _destinations(chosen, output)
    for name, path in zip(chosen, paths):
        ensure_writable(path, force, inputs=(example_path(name),))
    write_all(list(zip(paths, texts)))
    for path in paths:
        err(f"wrote {path}; score it with `mlops-maturity score {path}`")


def _destinations(names: list[str], output: str | None) -> list[Path]:
    """Where each example goes: ``NAME.yaml`` here, in a folder, or the one file named."""
    if output is None:
        return [Path(f"{name}.yaml") for name in names]
    target = Path(output)
    if output.endswith(("/", os.sep)) or target.is_dir():
        return [target / f"{name}.yaml" for name in names]
    if len(names) > 1:
        raise UsageError(Problem("--output", f"'{output}' is one file, but {len(names)} "
                                 "examples are named", hint=f"give a folder: -o {output}/"))
    return [target]
