"""One family of typed errors, so the CLI can map every bad input to exit code 2 in one place.

Each error carries a list of problems, because users fix files faster when they see every
mistake at once rather than one per run.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


@dataclass(frozen=True)
class Problem:
    """A single mistake in an input file, located as precisely as the input allows.

    ``rule`` is the id of the validation rule that found the mistake (rubric checks always
    name one; see ``mlops_maturity.load.rules``). It is for tools and tests that need to tell
    problems apart without parsing messages, so ``str()`` leaves it out: the printed line is
    the same with or without it.
    """

    file: str
    message: str
    line: int | None = None
    key: str | None = None
    hint: str | None = None
    rule: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" {self.key}:" if self.key else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}:{key} {self.message}{hint}"


class MaturityError(Exception):
    """Base of every error the tool reports to the user instead of a traceback."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, problems: Iterable[Problem | str] | Problem | str):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems: tuple[Problem | str, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InputFileError(MaturityError):
    """A file could not be read or parsed as YAML at all."""


class RubricError(MaturityError):
    """A rubric breaks the rubric format's rules."""


class QuestionnaireError(MaturityError):
    """A questionnaire does not fit its rubric."""


class OutputError(MaturityError):
    """A report or template could not be written where the user asked."""


class UsageError(MaturityError):
    """Command-line options that contradict each other or name unknown things."""


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """Suggest the closest known name, because most unknown ids are typos."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None
