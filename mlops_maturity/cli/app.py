"""The command line: options in, core called, text out, errors mapped to exit codes here.

Exit codes: 0 success; 1 a --fail-under threshold was not met; 2 bad input or usage;
3 an internal error (a bug: the message says how to get the traceback).
Every ``MaturityError`` is turned into its one-line messages and exit code by ``handled``,
the one place where errors meet the terminal.
"""

from __future__ import annotations

import functools
import os
from typing import Any, Callable, TypeVar

import typer

from mlops_maturity._version import __version__
from mlops_maturity.model.errors import EXIT_INTERNAL, MaturityError

EXIT_HELP = "Exit codes: 0 success; 1 below a --fail-under threshold; 2 bad input or usage; 3 internal error."

app = typer.Typer(
    name="mlops-maturity", no_args_is_help=True, add_completion=False,
    pretty_exceptions_show_locals=False,
    help="Assess how mature and how automated an ML system is, against a rubric kept as YAML.\n\n"
         + EXIT_HELP)
rubrics_app = typer.Typer(help="List, show and scaffold rubrics.", invoke_without_command=True)
app.add_typer(rubrics_app, name="rubrics")


def err(message: str) -> None:
    """Write one line to stderr."""
    typer.echo(message, err=True)


MAX_PROBLEMS = 40


def report_problems(exc: MaturityError) -> None:
    """One line per problem on stderr; a file that is wrong everywhere is summarised."""
    for problem in exc.problems[:MAX_PROBLEMS]:
        err(f"error: {problem}")
    if len(exc.problems) > MAX_PROBLEMS:
        err(f"error: ... and {len(exc.problems) - MAX_PROBLEMS} more problems")


Command = TypeVar("Command", bound=Callable[..., Any])


def handled(command: Command) -> Command:
    """Turn the tool's typed errors into messages on stderr and exit code 2, never a traceback."""
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except MaturityError as exc:
            report_problems(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err("interrupted")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug: say so plainly instead of dumping a traceback
            if os.environ.get("MLOPS_MATURITY_DEBUG"):
                raise
            err(f"internal error: {type(exc).__name__}: {exc}")
            err("this is a bug in mlops-maturity; rerun with MLOPS_MATURITY_DEBUG=1 for the traceback")
            raise typer.Exit(EXIT_INTERNAL) from None
    return wrapper  # type: ignore[return-value]  # same signature, wrapped


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mlops-maturity {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Assess how mature and how automated an ML system is."""
