"""Settings meet the command line: the file's values under the options given, in one place.

A command calls ``settled(...)`` with the options it was given (``None`` for "not given"),
takes its questionnaire from ``questionnaire_source``, and runs the core inside ``blamed``,
so that an error about a value that came from the settings file points at that file's line
rather than at an option the user never typed.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from mlops_maturity.cli.application import detail, note
from mlops_maturity.model.errors import MaturityError, Problem, UsageError

if TYPE_CHECKING:  # imported at run time inside the functions, to keep start-up cheap
    from mlops_maturity.files.read import Source
    from mlops_maturity.load.settings import Settings
    from mlops_maturity.model.rubric import Rubric

STDIN_ARG = "-"


def working_folder() -> Path:
    """The working folder, or a usage error when it has been removed under the shell."""
    try:
        return Path.cwd()
    except OSError:
        raise UsageError(Problem("working folder", "no longer exists",
                                 hint="cd into a folder that exists")) from None


def settled(**options: Any) -> Settings:
    """The effective settings: the settings file found from the working folder, with the
    options given on the command line in place of its values."""
    from mlops_maturity.load.settings import load_settings
    found = load_settings(working_folder())
    if found.file is not None and found.file.ignored is not None:
        note(f"warning: {found.file.ignored}: the [tool.mlops-maturity] table is ignored, "
             f"because {found.file.display} is in the same folder")
    detail(settings_line(found))
    return found.given(**options)


def settings_line(s: Settings) -> str:
    """Which settings file is used, and what it gave; or where the walk looked."""
    if s.file is None:
        first, last = s.searched[0], s.searched[-1]
        where = first if first == last else f"{first} and each folder up to {last}"
        return f"settings: none found (looked in {where})"
    table = f" [{s.file.table}]" if s.file.table else ""
    keys = s.from_file()
    gave = f", giving {', '.join(keys)}" if keys else ", which sets nothing"
    return f"settings: {s.file.display}{table}{gave}"


def questionnaire_source(given: str | None, s: Settings) -> Source:
    """``-`` is standard input; a name is a file; nothing is the ``questionnaire`` setting."""
    from mlops_maturity.files.read import STDIN
    if given == STDIN_ARG:
        return STDIN
    if given is not None:
        return Path(given)
    if s.questionnaire.value is not None:
        detail(f"questionnaire: {s.questionnaire.value} (from {s.questionnaire.origin})")
        return s.questionnaire.value
    raise UsageError(Problem("QUESTIONNAIRE", "no questionnaire given",
                             hint="name a file, or - for standard input, or set "
                                  "questionnaire = \"...\" in .mlops-maturity.toml or "
                                  "[tool.mlops-maturity] in pyproject.toml"))


def explain_gates(s: Settings, failures: list[str]) -> None:
    """After failed thresholds: those set by the settings file, and where, since the FAIL
    lines name the options, which the user may never have typed."""
    import re
    from mlops_maturity.load.settings import KEYS
    for key in KEYS:
        setting = s.get(key.name)
        named = re.compile(re.escape(key.option) + r"(?![\w-])")
        if setting.from_file and any(named.search(line) for line in failures):
            shown = "" if setting.value is True else f" {setting.value}"
            note(f"note: {key.option}{shown} is set by {setting.origin} "
                 f"({s.file.key(key.name) if s.file else key.name})")


def used_rubric(rubric: Rubric) -> None:
    """``--verbose``: the rubric and the file it was read from."""
    where = rubric.path if rubric.path is not None else "no file"
    detail(f"rubric: {rubric.id} {rubric.version} from {where}")


@contextlib.contextmanager
def blamed(s: Settings) -> Iterator[None]:
    """Problems about an option's value point at the settings line the value came from, and
    a file named by a setting that cannot be used is followed by the line that names it."""
    try:
        yield
    except MaturityError as exc:
        if s.file is None:
            raise
        problems: list[Problem | str] = []
        named: dict[Problem, None] = {}
        for problem in exc.problems:
            moved, naming = _blame(problem, s)
            problems.append(moved)
            if naming is not None:
                named[naming] = None
        raise type(exc)(problems + list(named)) from None


def _blame(problem: Problem | str, s: Settings) -> tuple[Problem | str, Problem | None]:
    """The problem, moved to the settings line when it is about an option's value; and the
    settings line that names the file it is about, if a setting does."""
    from mlops_maturity.load.settings import KEYS
    if not isinstance(problem, Problem) or s.file is None:
        return problem, None
    for key in KEYS:
        setting = s.get(key.name)
        if not setting.from_file:
            continue
        origin = setting.origin
        if problem.file == key.option:
            return Problem(str(origin.file), problem.message, origin.line,
                           s.file.key(key.name), problem.hint, problem.rule), None
        if (problem.line is None and setting.value is not None
                and _same_path(problem.file, str(setting.value))):  # the file is unusable
            return problem, Problem(str(origin.file), f"names '{setting.value}', which "
                                    "cannot be used", origin.line, s.file.key(key.name),
                                    "paths are relative to the settings file")
    return problem, None


def _same_path(shown: str, value: str) -> bool:
    """Whether a message's file is the one a setting names, however each was written
    (``../rubrics/r.yaml`` in the setting, an absolute path in a command's message)."""
    import os
    return shown == value or os.path.abspath(shown) == os.path.abspath(value)
