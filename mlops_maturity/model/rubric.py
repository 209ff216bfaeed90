"""The frozen rubric model that every later stage reads.

A rubric has two axes, named apart everywhere:
- **lifecycle maturity**: section and overall scores, bands, and maturity ``levels`` earned
  from score thresholds and ``gates``;
- **the degree of automation of the system's decision** (``automation``): who decides, declared
  by the team in one ``degree`` question, with the practices each degree requires.

Loading and validation produce these objects once; scoring, readiness and reports only read
them. Numbers are ``Fraction`` so that a score that sits exactly on a threshold is never
pushed across it by floating-point noise.
"""

from __future__ import annotations

from dataclasses import field
from functools import cached_property
from fractions import Fraction
from pathlib import Path

from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.model.record import record


class QuestionType(TextEnum):
    """How a question is answered."""

    DEGREE = "degree"  # the automation question: its answers are the degrees; no points
    YES_PARTIAL_NO = "yes_partial_no"
    CHOICE = "choice"


class SectionKind(TextEnum):
    """Stages get a maturity level; checklists only a score."""

    STAGE = "stage"
    CHECKLIST = "checklist"


class SectionRule(TextEnum):
    """How question points roll up into a section score."""

    WEIGHTED_MEAN = "weighted_mean"
    SUM = "sum"


class OverallRule(TextEnum):
    """How section scores roll up into the overall score."""

    WEIGHTED_MEAN = "weighted_mean"
    MIN = "min"


class BandRule(TextEnum):
    """Whether the overall band comes from the score or is the overall maturity level."""

    SCORE = "score"
    LEVEL = "level"


@record
class Level:
    """One maturity level, e.g. ``managed``, lowest first on the rubric's ``levels``."""

    id: str
    label: str
    description: str
    start: Fraction  # percent of the maximum score at which this level begins


@record
class Option:
    """One allowed answer to a question, with the points it earns."""

    id: str
    label: str
    points: Fraction


class DetectorKind(TextEnum):
    """What a detector looks at in a repository (see ``docs/rubric-format.md``)."""

    GLOB = "glob"  # a file glob over the repository's path names
    PATH = "path"  # a regular expression over path names
    CONTENT = "content"  # a regular expression over text files' contents
    DEPENDENCY = "dependency"  # a regular expression over dependency manifests


@record
class Detector:
    """What a file in a repository can prove about one question, declared in the rubric.

    A match supports ``supports`` (never the worst answer, since a file can only show that a
    practice exists), for the human ``reason`` given. ``files`` narrows a content search to
    the paths that match that glob.
    """

    kind: DetectorKind
    pattern: str
    supports: str
    reason: str
    files: str = ""
    line: int | None = None


@record
class Question:
    """A question; its options are ordered worst to best."""

    id: str
    section: str
    type: QuestionType
    text: str
    why: str
    advice: str
    weight: Fraction
    allow_na: bool
    options: tuple[Option, ...]
    line: int | None = None
    detectors: tuple[Detector, ...] = ()

    @property
    def worst(self) -> Option:
        return self.options[0]

    @property
    def best(self) -> Option:
        return self.options[-1]

    @cached_property
    def _ranks(self) -> dict[str, int]:
        return {o.id: i for i, o in enumerate(self.options)}

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        rank = self._ranks.get(option_id)
        return None if rank is None else self.options[rank]

    def points_of(self, option_id: str) -> Fraction:
        """Points of one of this question's options; an unknown id is a programming error."""
        option = self.option(option_id)
        if option is None:
            raise KeyError(f"question {self.id!r} has no option {option_id!r}")
        return option.points

    def rank(self, option_id: str) -> int:
        """Position of an option from worst (0); used to compare answers."""
        return self._ranks[option_id]

    @property
    def answer_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    @property
    def scored(self) -> bool:
        """Whether the question earns points: the automation question never does, so that
        declaring who decides can never change a score."""
        return self.type is not QuestionType.DEGREE


@record
class Section:
    """A lifecycle stage or a checklist, with its questions in rubric order."""

    id: str
    title: str
    description: str
    kind: SectionKind
    weight: Fraction
    questions: tuple[Question, ...]


@record
class Requirement:
    """A question answered at least this well (n/a also meets it)."""

    question: str
    at_least: str


@record
class SectionMinimum:
    """A section scored at least this percent of its maximum."""

    section: str
    at_least: Fraction  # percent


@record
class Gate:
    """A maturity level that may only be reached when named practices are in place."""

    id: str
    level: str
    sections: tuple[str, ...]  # the stages the gate caps (the overall is always capped)
    requires: tuple[Requirement, ...]
    why: str


@record
class Degree:
    """One degree of automation of the system's decision: who decides, and what a system
    needs before it can safely run at this degree (besides what every lower degree needs)."""

    id: str
    label: str
    description: str
    example: str
    requires: tuple[Requirement, ...]
    minimums: tuple[SectionMinimum, ...]
    why: str


@record
class Automation:
    """The decision axis: the declaring question and the degrees, least automated first."""

    question: str
    degrees: tuple[Degree, ...]

    @cached_property
    def _index(self) -> dict[str, int]:
        return {d.id: i for i, d in enumerate(self.degrees)}

    def index(self, degree_id: str) -> int:
        """Position of a degree, from human only (0) up."""
        return self._index[degree_id]

    def degree(self, degree_id: str) -> Degree | None:
        """The degree with this id, or None."""
        index = self._index.get(degree_id)
        return None if index is None else self.degrees[index]


@record
class Band:
    """A labelled score interval; the bounds' inclusiveness matters at exact thresholds."""

    id: str
    label: str
    lower: Fraction
    lower_inclusive: bool
    upper: Fraction | None
    upper_inclusive: bool
    description: str = ""

    def contains(self, score: Fraction) -> bool:
        """Whether a score falls in this band."""
        above = score >= self.lower if self.lower_inclusive else score > self.lower
        if self.upper is None:
            return above
        below = score <= self.upper if self.upper_inclusive else score < self.upper
        return above and below


@record
class Scoring:
    """The roll-up rules of a rubric."""

    section: SectionRule = SectionRule.WEIGHTED_MEAN
    overall: OverallRule = OverallRule.WEIGHTED_MEAN
    max_score: Fraction = Fraction(100)
    band: BandRule = BandRule.SCORE


@record
class Source:
    """A citation for a rubric derived from published work."""

    title: str
    authors: str = ""
    year: str = ""
    url: str = ""
    note: str = ""


@record
class Rubric:
    """A whole rubric, validated."""

    id: str
    title: str
    version: str
    description: str
    levels: tuple[Level, ...]
    sections: tuple[Section, ...]
    gates: tuple[Gate, ...]
    bands: tuple[Band, ...]
    scoring: Scoring
    sources: tuple[Source, ...] = ()
    automation: Automation | None = None
    path: Path | None = field(default=None, compare=False)
    evidence_max_age: int | None = None  # days after which dated evidence is stale

    @property
    def questions(self) -> tuple[Question, ...]:
        return self._questions

    # Lookups by id are built once per rubric: the engine asks them for every answer.
    @cached_property
    def _questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    @cached_property
    def _question_index(self) -> dict[str, Question]:
        return {q.id: q for q in self._questions}

    @cached_property
    def question_order(self) -> dict[str, int]:
        """Each question id's position in the rubric, for sorting findings in rubric order."""
        return {q.id: i for i, q in enumerate(self._questions)}

    @cached_property
    def _level_index(self) -> dict[str, int]:
        return {lv.id: i for i, lv in enumerate(self.levels)}

    @property
    def target_ids(self) -> tuple[str, ...]:
        """What a ``target:`` may name: a degree of automation or a maturity level."""
        degrees = tuple(d.id for d in self.automation.degrees) if self.automation else ()
        return degrees + tuple(lv.id for lv in self.levels)

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return self._question_index.get(question_id)

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None."""
        return next((s for s in self.sections if s.id == section_id), None)

    def level(self, level_id: str) -> Level | None:
        """The maturity level with this id, or None."""
        index = self._level_index.get(level_id)
        return None if index is None else self.levels[index]

    def level_index(self, level_id: str) -> int:
        """Position of a maturity level, lowest first."""
        return self._level_index[level_id]
