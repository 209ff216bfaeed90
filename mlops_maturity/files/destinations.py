"""Checking ``-o`` destinations before anything is rendered: one planner for every document.

Reports, comparisons, trends and portfolios each have their own formats, but they refuse the
same things in the same words: a destination given twice, a file name that says no format
(or ``-o -`` without ``--format``), a name that says another format than ``--format``, and a
file that may not be written (``ensure_writable``). Each caller says how a name maps to its
formats and wraps the pairs in its own ``Output``.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Callable, Sequence, TypeVar

from mlops_maturity.files.write import ensure_writable
from mlops_maturity.model.errors import Problem, UsageError

STDOUT = "-"
F = TypeVar("F", bound=Enum)


def plan_destinations(destinations: Sequence[str], forced: F | None, force: bool,
                      inputs: Sequence[Path], *, named_by: Callable[[str], F | None],
                      allowed: Sequence[F], suffixes: Sequence[str],
                      own_output: Callable[[F], bool] = lambda _: True,
                      check_name: Callable[[str, F], None] | None = None
                      ) -> tuple[tuple[str, F], ...]:
    """Each destination with its format, every one checked before anything is written.

    ``named_by`` is the format a file name says (None for none); ``suffixes`` are named in
    the hint; ``own_output`` says whether an existing file of that format may be replaced
    when this tool wrote it (formats without room for our mark need ``--force``);
    ``check_name`` replaces the plain "named as another format" check.
    """
    planned: list[tuple[str, F]] = []
    seen: set[str] = set()
    for dest in destinations:
        key = STDOUT if dest == STDOUT else str(Path(dest).resolve())
        if key in seen:
            raise UsageError(Problem("--output", f"'{dest}' is given twice"))
        seen.add(key)
        named = None if dest == STDOUT else named_by(dest)
        fmt = forced or named
        if fmt is None or fmt not in allowed:
            hint = (f"use a {', '.join(suffixes)} file name, or --format" if dest != STDOUT
                    else "with -o -, give --format")
            raise UsageError(Problem("--output", f"cannot tell the format of '{dest}'",
                                     hint=hint))
        if dest != STDOUT:
            if check_name is not None:
                check_name(dest, fmt)
            else:
                _same_format(named, dest, fmt)
            ensure_writable(Path(dest), force, own_output=own_output(fmt),
                            inputs=tuple(inputs))
        planned.append((dest, fmt))
    return tuple(planned)


def _same_format(named: Enum | None, dest: str, fmt: Enum) -> None:
    if named is not None and named is not fmt:
        raise UsageError(Problem("--output", f"'{dest}' is named as {named.value}, but "
                                 f"--format is {fmt.value}", hint="drop --format"))
