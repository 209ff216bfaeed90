"""What one file becomes: a small frozen row, cheap to send between processes and to keep.

A worker process turns each questionnaire into a ``SystemRow`` (or an ``Invalid`` or a
``Skipped``), and only these rows travel back to the parent and stay in memory: no parsed
YAML, no scoring result, no report. Questions, sections, levels and degrees are referred to
by their position in the rubric, and the rubric itself is described once per rubric by a
``RubricInfo``, so a row holds numbers, a few short strings and one ``bytes`` of answer
states, whatever the size of the file it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mlops_maturity.model.textenum import TextEnum

# One byte per question of the rubric, in rubric order: how the system answered it.
BEST = ord("b")  # the best answer
BELOW = ord("p")  # answered, below the best answer
UNANSWERED = ord("u")  # left empty (scored as the worst answer)
NOT_APPLICABLE = ord("n")  # n/a
UNSCORED = ord("-")  # the automation question: declared, never a practice to improve


@dataclass(frozen=True)
class Named:
    """An id and the label people read (a level, a degree, a section)."""

    id: str
    label: str


@dataclass(frozen=True)
class SectionInfo:
    """A section of a rubric, as the heatmap needs it."""

    id: str
    title: str
    stage: bool  # a stage has a maturity level; a checklist only a score
    max_score: Fraction | None  # the most it can score when nothing is n/a


@dataclass(frozen=True)
class QuestionInfo:
    """A question, as the practice table needs it."""

    id: str
    section: str
    text: str


@dataclass(frozen=True)
class RubricInfo:
    """One rubric, described once for every row assessed on it.

    ``key`` tells rubrics apart: two files with the same id and version but other contents
    are different rubrics, and their systems are never put together. ``path`` is the file it
    was read from, as the portfolio shows it (``.`` and ``..`` taken out), so that two such
    rubrics can be named apart on the page.
    """

    key: str
    id: str
    title: str
    version: str
    levels: tuple[Named, ...]
    degrees: tuple[Named, ...] | None  # None: the rubric does not ask who decides
    sections: tuple[SectionInfo, ...]
    questions: tuple[QuestionInfo, ...]
    max_score: Fraction | None
    path: str | None = None  # None: not read from a file
    bundled: bool = False  # one of the rubrics that ship with the tool

    @property
    def digest(self) -> str:
        """The short digest of the rubric file that ends ``key``."""
        return self.key.rpartition("#")[2]

    @property
    def source(self) -> str:
        """Where the rubric comes from, in words: ``bundled`` or its file."""
        if self.bundled:
            return "bundled"
        return self.path if self.path is not None else f"digest {self.digest}"


class TargetKind(TextEnum):
    """What a target names."""

    DEGREE = "degree"
    LEVEL = "level"


class TargetOrigin(TextEnum):
    """Where a system's target comes from. The portfolio never picks a degree for a team."""

    QUESTIONNAIRE = "questionnaire"  # the team's own ``target:``
    DECLARED = "declared degree"  # none given: the degree the team runs at, its design point


@dataclass(frozen=True)
class TargetVerdict:
    """Readiness for one target, as the engine decided it, and how far away it is."""

    id: str
    kind: TargetKind
    origin: TargetOrigin
    ready: bool
    blockers: int
    gap: int  # degrees (above the supported one) or levels (above the current one) to go


@dataclass(frozen=True)
class Cell:
    """One section of one system: its score, and its maturity level if it is a stage."""

    score: Fraction | None
    level: int | None  # position in RubricInfo.levels


@dataclass(frozen=True)
class SystemRow:
    """One assessed system: everything the portfolio shows about it, and nothing more."""

    file: str
    folder: str
    rubric: str  # RubricInfo.key
    name: str
    team: str
    assessed_on: str
    score: Fraction | None
    level: int | None  # position in RubricInfo.levels
    band: str | None  # the band's (or the level's) label
    cells: tuple[Cell, ...]  # one per section, in rubric order
    declared: int | None  # position in RubricInfo.degrees; None when not declared
    supported: int | None  # None when the rubric has no decision axis
    target: TargetVerdict | None
    answers: bytes  # one of BEST, BELOW, UNANSWERED, NOT_APPLICABLE, UNSCORED per question
    blocking: tuple[int, ...]  # questions (positions) whose answers block the target
    warnings: tuple[str, ...]

    @property
    def within_support(self) -> bool | None:
        """Declared at or below the supported degree; None without a declaration or axis."""
        if self.declared is None or self.supported is None:
            return None
        return self.declared <= self.supported

    @property
    def system(self) -> str:
        """The name of the system, or its file when the questionnaire names none."""
        return self.name or self.file


@dataclass(frozen=True)
class Invalid:
    """A file that could not be assessed, with its problems as the CLI prints them."""

    file: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Skipped:
    """A file found in a folder that is not a questionnaire, or not a file to read."""

    file: str
    reason: str


Outcome = SystemRow | Invalid | Skipped
