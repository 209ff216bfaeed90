"""The command line: options in, core called, text out, errors mapped to exit codes here.

Exit codes: 0 success; 1 a --fail-under threshold was not met; 2 bad input or usage;
3 an internal error (a bug: the message says how to get the traceback).
Every ``MaturityError`` is turned into its one-line messages and exit code by ``handled``,
the one place where errors meet the terminal.
"""

from __future__ import annotations

import enum
import functools
import os
import sys
from typing import Any, Callable, Optional, Sequence, TypeVar, cast

import typer
import typer.core

from mlops_maturity._version import __version__
from mlops_maturity.model.errors import (EXIT_BAD_INPUT, EXIT_INTERNAL, MaturityError,
                                         OutputError, Problem)

# `score ... | head -1`: the reader went away. Like git and coreutils, exit as a process killed
# by SIGPIPE would (128 + 13), quietly; never 1, which means a threshold was not met.
EXIT_BROKEN_PIPE = 141

# "\b" keeps Click from re-wrapping these lines (it would break option names at their hyphens).
EXIT_HELP = ("\b\nExit codes: 0 success; 2 bad input or usage; 3 internal error (a bug);\n"
             "141 stdout closed by its reader.")
SCORE_EXIT_HELP = ("\b\nExit codes: 0 success; 1 a threshold was not met (--fail-under,\n"
                   "--fail-under-level or --fail-unsupported); 2 bad input or usage;\n"
                   "3 internal error (a bug); 141 stdout closed by its reader.")

# Typer prints a parameter's Python type beside arguments in help ("<path>"); the help text
# says in words what the value is, so the type is left out, like it is for options.
typer.core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]

class Group(typer.core.TyperGroup):
    """The command group, with the tool's own handling of usage errors and broken pipes.

    Click would draw a box around a usage error and exit 1 on a broken pipe; here a usage
    error is one ``error:`` line with exit 2, and a broken pipe exits 141 quietly. Because
    this is the group's own ``main``, Typer's test runner sees exactly what users see.
    """

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        code = self._run(args, prog_name, complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, args: Any, prog_name: Any, complete_var: Any, **extra: Any) -> int:
        from typer._click.exceptions import ClickException, NoArgsIsHelpError
        Talk.level = Verbosity.NORMAL  # each run starts from the default (tests run many)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except NoArgsIsHelpError as exc:  # the help was asked for by giving nothing
            ctx = getattr(exc, "ctx", None)
            out(ctx.get_help() + "\n" if ctx is not None else "")
            return 0
        except ClickException as exc:
            if exc.exit_code == 0:
                return 0
            err(usage_line(exc))
            return EXIT_BAD_INPUT
        except typer.Abort:
            err("aborted")
            return 130
        except BrokenPipeError:
            silence_stdout()
            return EXIT_BROKEN_PIPE
        except SystemExit:  # Click exits 1 itself when the help meets a broken pipe
            if type(sys.stdout).__name__ == "PacifyFlushWrapper":
                silence_stdout()
                return EXIT_BROKEN_PIPE
            raise
        return code if isinstance(code, int) else 0


def usage_line(exc: Exception) -> str:
    """A Click usage error as one line: what was wrong, and where to read the usage."""
    from typer._click.exceptions import UsageError
    message = exc.format_message() if isinstance(exc, UsageError) else str(exc)
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "mlops-maturity"
    return f"error: {' '.join(message.split())} (see `{path} --help`)"


app = typer.Typer(
    name="mlops-maturity", cls=Group, no_args_is_help=True, add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False, pretty_exceptions_enable=False,
    help="Assess how production-ready an ML system is: who decides (the degree of automation "
         "its team declares, and whether its practices support it) and how mature its "
         "lifecycle is, against a rubric kept as YAML.\n\n" + SCORE_EXIT_HELP)
rubrics_app = typer.Typer(help="List, show and scaffold rubrics.", invoke_without_command=True)
app.add_typer(rubrics_app, name="rubrics")


def err(message: str) -> None:
    """Write one line to stderr (a closed or broken stderr is not worth a crash)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(message + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


class Verbosity(enum.Enum):
    """How much a command says on stderr besides errors and the document it prints."""

    QUIET = "quiet"      # errors, failed thresholds, and the document only
    NORMAL = "normal"    # also warnings and what was written where
    VERBOSE = "verbose"  # also which settings file and rubric file were used


class Talk:
    """The verbosity of the command running now, set by ``--quiet`` / ``--verbose``."""

    level = Verbosity.NORMAL


def is_quiet() -> bool:
    """Whether ``--quiet`` was given: print nothing but errors and the document."""
    return Talk.level is Verbosity.QUIET


def note(message: str) -> None:
    """A warning or a progress line ("wrote report.html"): stderr, unless ``--quiet``."""
    if Talk.level is not Verbosity.QUIET:
        err(message)


def detail(message: str) -> None:
    """What was used and where it came from: stderr, only with ``--verbose``."""
    if Talk.level is Verbosity.VERBOSE:
        err(f"info: {message}")


def _set_verbosity(value: Optional[bool]) -> None:
    if value is not None:
        Talk.level = Verbosity.VERBOSE if value else Verbosity.QUIET


# One line adopts it in a command: ``talk: Optional[bool] = VERBOSITY`` (its value is not
# passed to the command; ``note`` and ``detail`` read it). tests/test_cli.py checks that every
# command has it.
VERBOSITY: Any = typer.Option(
    None, "--verbose/--quiet", "-v/-q", callback=_set_verbosity, expose_value=False,
    help="--verbose also says which settings file and rubric file were used; --quiet "
         "prints only errors and the document itself.")


def terminal_width() -> int:
    """The columns text output may fill: the terminal's, else ``COLUMNS``, else 100."""
    import shutil
    return max(40, shutil.get_terminal_size((100, 24)).columns)


def out(text: str | bytes) -> None:
    """Write a document to stdout; a closed or full stdout is an error, never lost silently."""
    stream = sys.stdout
    if stream is None or getattr(stream, "closed", False):
        raise OutputError(Problem("stdout", "is closed, so nothing can be printed",
                                  hint="redirect it to a file, or write with -o FILE"))
    try:
        _write_all(stream, text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        from mlops_maturity.files.write import reason
        _discard(stream)
        raise OutputError(Problem("stdout", f"cannot be written: {reason(exc)}")) from None


def _write_all(stream: Any, text: str | bytes) -> None:
    """Write through the file descriptor in chunks where there is one: a buffered write of a
    large document can lose a broken pipe after a partial write, and then the output is
    silently cut short."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # a test runner's in-memory stream
        if isinstance(text, bytes):
            stream.buffer.write(text)
        else:
            stream.write(text)
        stream.flush()
        return
    stream.flush()
    data = memoryview(text if isinstance(text, bytes)
                      else text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
    while data:
        written = os.write(fd, data[:1 << 16])
        data = data[written:]


def _discard(stream: Any) -> None:
    """Drop what a failing stream still holds, so the interpreter does not fail on it again."""
    try:
        stream.close()
    except (OSError, ValueError):
        pass
    sys.stdout = None


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
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug: say so plainly instead of dumping a traceback
            if os.environ.get("MLOPS_MATURITY_DEBUG"):
                raise
            err(f"internal error: {type(exc).__name__}: {exc}")
            err("this is a bug in mlops-maturity; rerun with MLOPS_MATURITY_DEBUG=1 for the traceback")
            raise typer.Exit(EXIT_INTERNAL) from None
    return cast(Command, wrapper)  # the same signature, wrapped


def silence_stdout() -> None:
    """After a broken pipe, point stdout at the null device so nothing fails at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def _version(value: bool) -> None:
    if value:
        try:
            out(f"mlops-maturity {__version__}\n")
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except MaturityError as exc:
            report_problems(exc)
            raise typer.Exit(exc.exit_code) from None
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Assess how mature and how automated an ML system is."""
