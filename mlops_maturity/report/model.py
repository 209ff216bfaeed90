"""The report document: frozen views with display-ready numbers, the same for every format.

Field order is the JSON's key order, so diffs of committed reports stay small; the JSON
output is this model serialised (``Report.to_dict``), which is why ``score --format json``
and ``report -o x.json`` agree byte for byte. Kinds are enums (they serialise as their
values), and references are ids, so renderers branch on types, never on parsed strings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from mlops_maturity.engine.findings import BlockerKind, StepAction
from mlops_maturity.engine.readiness import TargetSource
from mlops_maturity.engine.scoring import Status
from mlops_maturity.model.rubric import SectionKind

FORMAT_VERSION = 1


@dataclass(frozen=True)
class ToolView:
    name: str
    version: str


@dataclass(frozen=True)
class SourceView:
    title: str
    authors: str
    year: str
    url: str
    note: str


@dataclass(frozen=True)
class RubricView:
    id: str
    title: str
    version: str
    max_score: float | None  # None where sections are sums (the maximum depends on n/a)
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class ProjectView:
    name: str
    team: str
    assessed_on: str
    assessors: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class OverallView:
    score: float | None
    max_score: float | None
    percent: float | None
    degree: str | None
    degree_label: str | None
    degree_by_score: str | None
    capped_by: tuple[str, ...]  # gate ids, degree-question ids, or "stage-degrees"
    held_back_by: str | None  # the same caps in words
    band: str | None
    band_label: str | None
    band_description: str | None
    verdict: str
    answered: int
    unanswered: int
    not_applicable: int
    questions: int


@dataclass(frozen=True)
class LevelView:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class QuestionView:
    id: str
    section: str
    type: str
    text: str
    weight: float | None
    status: Status
    answer: str | None
    answer_label: str | None
    best: str
    best_label: str
    is_best: bool
    points: float | None
    max_points: float | None
    evidence: tuple[str, ...]
    notes: str
    reason: str
    why: str
    advice: str


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    kind: SectionKind
    weight: float | None
    score: float | None
    max_score: float | None
    percent: float | None
    degree: str | None
    degree_label: str | None
    degree_by_score: str | None
    capped_by: tuple[str, ...]
    held_back_by: str | None
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class GateView:
    id: str
    degree: str
    passed: bool
    unmet: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class BlockerView:
    kind: BlockerKind
    question: str | None
    question_text: str | None
    section: str | None
    current: str | None
    current_label: str | None
    needed: str | None
    needed_label: str | None
    gates: tuple[str, ...]
    score: float | None
    needed_score: float | None
    advice: str | None


@dataclass(frozen=True)
class SectionReadinessView:
    section: str
    title: str
    degree: str | None
    met: bool
    blockers: tuple[BlockerView, ...]


@dataclass(frozen=True)
class ReadinessView:
    target: str
    target_label: str
    target_source: TargetSource
    met: bool
    verdict: str
    blockers: tuple[BlockerView, ...]
    sections: tuple[SectionReadinessView, ...]


@dataclass(frozen=True)
class StepView:
    question: str
    question_text: str
    section: str
    current: str | None
    current_label: str
    next: str
    next_label: str
    gain: float | None
    degree: str | None
    degree_label: str | None
    blocker: bool
    action: StepAction
    advice: str


@dataclass(frozen=True)
class MissingView:
    """An unanswered question."""

    id: str
    section: str
    text: str


@dataclass(frozen=True)
class NotApplicableView:
    id: str
    section: str
    text: str
    reason: str


@dataclass(frozen=True)
class Report:
    """The whole report document."""

    format_version: int
    tool: ToolView
    generated_at: str
    rubric: RubricView
    project: ProjectView
    overall: OverallView
    scale: tuple[LevelView, ...]
    sections: tuple[SectionView, ...]
    gates: tuple[GateView, ...]
    readiness: ReadinessView | None
    recommendations: tuple[StepView, ...]
    unanswered: tuple[MissingView, ...]
    not_applicable: tuple[NotApplicableView, ...]
    warnings: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON; enums stay ``str`` subclasses and serialise as their values."""
        return asdict(self)
