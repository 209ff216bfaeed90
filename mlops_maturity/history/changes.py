"""The typed findings of a comparison: which way each thing moved, every changed answer,
blocker and regression, as frozen views with display numbers (field order is the JSON's key
order, ``schemas/compare.schema.json``). ``history/compare.py`` finds them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from mlops_maturity.model.record import record
from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.report.model import BlockerView

FORMAT_VERSION = 1


class Direction(TextEnum):
    """Which way a score, a level or the supported degree moved."""

    UP = "up"
    DOWN = "down"
    SAME = "same"
    UNKNOWN = "unknown"  # one side has no value (nothing scored, no levels)


class AnswerChangeKind(TextEnum):
    """An answer that changed: more points, fewer, or the same points another way (n/a, or
    an empty answer filled with the worst one)."""

    IMPROVED = "improved"
    REGRESSED = "regressed"
    NEUTRAL = "neutral"


class RegressionKind(TextEnum):
    """What ``--fail-on-regression`` fails on."""

    SCORE = "score"  # the overall score went down
    SECTION_LEVEL = "section_level"  # a stage's maturity level went down
    SUPPORTED = "supported"  # the practices support a less automated degree than before
    BEYOND_SUPPORT = "beyond_support"  # the system now runs beyond what its practices support


class Axis(TextEnum):
    """Which verdict a blocker stands in the way of."""

    AUTOMATION = "automation"  # the target degree of automation
    LEVEL = "level"  # the target maturity level


@record
class SideView:
    """One of the two assessments: where it was read from and what it is."""

    source: str
    project: str
    assessed_on: str
    rubric_version: str


@record
class ScoreChange:
    old: float | None
    new: float | None
    max_score: float | None
    delta: float | None
    direction: Direction


@record
class LevelChange:
    """A maturity level or band, by id and label, on each side."""

    old: str | None
    old_label: str | None
    new: str | None
    new_label: str | None
    direction: Direction


@record
class SectionChange:
    id: str
    title: str
    kind: str
    score: ScoreChange
    level: LevelChange


@record
class AutomationChange:
    """Who decides (declared: the team's design) and what the practices support."""

    declared_old: str | None
    declared_old_label: str | None
    declared_new: str | None
    declared_new_label: str | None
    design_changed: bool
    supported_old: str
    supported_old_label: str
    supported_new: str
    supported_new_label: str
    supported_direction: Direction
    within_support_old: bool | None
    within_support_new: bool | None
    moved_beyond_support: bool
    back_within_support: bool


@record
class AnswerChange:
    question: str
    section: str
    text: str
    old: str | None  # an option id, "n/a", or None when unanswered
    old_label: str | None
    new: str | None
    new_label: str | None
    kind: AnswerChangeKind


@record
class BlockerChange:
    """A blocker that appeared or went away, as the report that has it words it."""

    axis: Axis
    target_label: str
    blocker: BlockerView


@record
class Regression:
    kind: RegressionKind
    subject: str | None  # the section id for SECTION_LEVEL
    old: str | None
    new: str | None


@record
class Comparison:
    """The whole comparison; field order is the JSON's key order."""

    format_version: int
    tool: dict[str, str]
    rubric: dict[str, str]
    old: SideView
    new: SideView
    rubric_version_changed: bool
    overall: ScoreChange
    level: LevelChange
    band: LevelChange
    automation: AutomationChange | None
    sections: tuple[SectionChange, ...]
    sections_added: tuple[str, ...]
    sections_removed: tuple[str, ...]
    answers: tuple[AnswerChange, ...]
    questions_added: tuple[str, ...]
    questions_removed: tuple[str, ...]
    blockers_cleared: tuple[BlockerChange, ...]
    blockers_introduced: tuple[BlockerChange, ...]
    regressions: tuple[Regression, ...]
    warnings: tuple[str, ...] = ()  # the two name different systems (a rename, or a mix-up)

    @property
    def improved(self) -> int:
        return sum(a.kind is AnswerChangeKind.IMPROVED for a in self.answers)

    @property
    def regressed(self) -> int:
        return sum(a.kind is AnswerChangeKind.REGRESSED for a in self.answers)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
