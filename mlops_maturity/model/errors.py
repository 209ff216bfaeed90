"""One family of typed errors, so the CLI can map every bad input to exit code 2 in one place.

Each error carries a list of problems, because users fix files faster when they see every
mistake at once rather than one per run.
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Iterable
from mlops_maturity.model.record import record

EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


@record
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
        return f"{where}: {self.detail()}"

    def detail(self) -> str:
        """The problem without its place, ``KEY: what is wrong (hint)``, for outputs that give
        the file and line apart (GitHub annotations, SARIF): worded once, as printed."""
        key = f"{self.key}: " if self.key else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{key}{self.message}{hint}"


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
    """Suggest the closest known name, because most unknown ids are typos; an id that only
    differs by invisible or look-alike characters is named as such, with the code points."""
    known = [str(c) for c in choices]
    twin = lookalike(str(word), known)
    if twin is not None:
        odd = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'an unnamed character')}"
                        for ch in dict.fromkeys(str(word)) if ord(ch) > 127)
        return f"it looks like '{twin}' but contains {odd}; retype it"
    matches = difflib.get_close_matches(str(word), known, n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


# Letters from other scripts that look like Latin ones in most fonts (a small, common set).
_LOOKALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Χ": "X", "Υ": "Y", "Ζ": "Z",
})


def _skeleton(word: str) -> str:
    """A word with invisible characters dropped and look-alike letters made Latin."""
    visible = "".join(ch for ch in unicodedata.normalize("NFKC", word)
                      if unicodedata.category(ch) != "Cf")
    return visible.translate(_LOOKALIKES)


def lookalike(word: str, choices: Iterable[str]) -> str | None:
    """The known id that ``word`` is indistinguishable from on screen, if it is not itself."""
    if word.isascii():
        return None
    shape = _skeleton(word)
    return next((c for c in choices if c != word and _skeleton(c) == shape), None)
