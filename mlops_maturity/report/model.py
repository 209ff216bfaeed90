"""The report document: frozen views with display-ready numbers, the same for every format.

Two axes, named apart: ``automation`` (who decides, declared by the team, and what its
practices support; ``null`` for rubrics without a decision axis) and lifecycle maturity
(``overall``, ``sections``, ``levels``, ``gates``, ``readiness`` for a target level). No key
outside ``automation`` is called ``degree``.

Field order is the JSON's key order, so diffs of committed reports stay small; the JSON
output is this model serialised (``Report.to_dict``), which is why ``score --format json``
and ``report -o x.json`` agree byte for byte. Kinds are enums (they serialise as their
values), and references are ids, so renderers branch on types, never on parsed strings.
"""

from __future__ import annotations

from dataclasses import asdict, field, fields
from typing import Any

from mlops_maturity.engine.findings import BlockerKind, CapKind, StepAction, TowardsKind
from mlops_maturity.engine.readiness import TargetSource
from mlops_maturity.engine.scoring import Status
from mlops_maturity.model.answers import EvidenceKind, EvidenceSource
from mlops_maturity.model.rubric import SectionKind
from mlops_maturity.model.record import record

FORMAT_VERSION = 3
JSON = "json"  # a field's metadata key: False keeps the field out of the JSON document


@record
class ToolView:
    name: str
    version: str


@record
class SourceView:
    title: str
    authors: str
    year: str
    url: str
    note: str


@record
class RubricView:
    id: str
    title: str
    version: str
    max_score: float | None  # None where sections are sums (the maximum depends on n/a)
    sources: tuple[SourceView, ...]


@record
class ProjectView:
    name: str
    team: str
    assessed_on: str
    assessors: tuple[str, ...]
    description: str


@record
class CapView:
    """Why a maturity level is below the one its score reaches: a gate, or the stages."""

    kind: CapKind
    gate: str | None


@record
class OverallView:
    """Lifecycle maturity of the whole system."""

    score: float | None
    max_score: float | None
    percent: float | None
    band: str | None
    band_label: str | None
    band_description: str | None
    level: str | None
    level_label: str | None
    level_by_score: str | None
    caps: tuple[CapView, ...]
    held_back_by: str | None  # the caps in words
    verdict: str
    answered: int
    unanswered: int
    not_applicable: int
    questions: int


@record
class LevelView:
    id: str
    label: str
    description: str


@record
class BandView:
    """A labelled range of overall scores, lowest first."""

    id: str
    label: str
    description: str


@record
class EvidenceView:
    """A piece of evidence that is more than plain text: a file, an address, a dated or a
    scanned item, with its age on the report's date. Plain text stays a plain string."""

    kind: EvidenceKind
    shown: str  # the text, ``path:lines`` or the address
    path: str | None
    lines: str | None
    url: str | None
    date: str | None
    review_by: str | None
    age_days: int | None  # days from ``date`` to the report's date
    age: str | None  # the same in words
    stale: bool  # past review_by, or older than the rubric's evidence_max_age
    source: EvidenceSource  # scan: found by `mlops-maturity scan`, apart from declared
    note: str


@record
class QuestionView:
    id: str
    section: str
    type: str
    text: str
    weight: float | None
    status: Status
    answer: str | None
    answer_label: str | None
    best: str | None  # None for the question of who decides: no degree is the best answer
    best_label: str | None
    is_best: bool | None
    points: float | None
    max_points: float | None
    evidence: tuple[str | EvidenceView, ...]
    notes: str
    reason: str
    why: str
    advice: str


@record
class SectionView:
    id: str
    title: str
    kind: SectionKind
    weight: float | None
    score: float | None
    max_score: float | None
    percent: float | None
    level: str | None
    level_label: str | None
    level_by_score: str | None
    caps: tuple[CapView, ...]
    held_back_by: str | None
    questions: tuple[QuestionView, ...]


@record
class GateView:
    id: str
    level: str
    passed: bool
    unmet: tuple[str, ...]
    why: str


@record
class BlockerView:
    """One blocker; ``current``/``needed`` are answers, or degree or level ids by kind."""

    kind: BlockerKind
    question: str | None
    question_text: str | None
    section: str | None
    section_title: str | None
    current: str | None
    current_label: str | None
    needed: str | None
    needed_label: str | None
    owners: tuple[str, ...]  # the gates or degrees that need it
    score: float | None
    needed_score: float | None
    max_score: float | None
    advice: str | None


@record
class RequirementView:
    """One requirement of a degree and whether it is met: an answer, or a section score."""

    question: str | None
    section: str | None
    needed: str | None
    needed_label: str | None
    current: str | None
    current_label: str | None
    needed_percent: float | None
    percent: float | None
    met: bool


@record
class DegreeView:
    id: str
    label: str
    description: str
    example: str
    why: str
    supported: bool  # this degree's requirements, and all below, are met
    requires: tuple[RequirementView, ...]  # its own requirements only


@record
class AutomationView:
    """The decision axis: who decides (declared) and what the practices support."""

    question: str
    question_text: str
    declared: str | None
    declared_label: str | None
    supported: str
    supported_label: str
    within_support: bool | None  # None when nothing is declared
    verdict: str
    target: str
    target_label: str
    target_source: TargetSource
    design_point: bool
    target_ready: bool  # the supported degree is at or above the target
    target_verdict: str
    blockers: tuple[BlockerView, ...]
    degrees: tuple[DegreeView, ...]


@record
class SectionReadinessView:
    section: str
    title: str
    level: str | None
    met: bool
    blockers: tuple[BlockerView, ...]


@record
class ReadinessView:
    target: str
    target_label: str
    target_source: TargetSource
    met: bool
    verdict: str
    blockers: tuple[BlockerView, ...]
    sections: tuple[SectionReadinessView, ...]


@record
class StepView:
    question: str
    question_text: str
    section: str
    current: str | None
    current_label: str
    next: str
    next_label: str
    gain: float | None
    towards_kind: TowardsKind | None
    towards: str | None  # a degree id (support, degree) or a level id
    towards_label: str | None
    required: bool
    action: StepAction
    advice: str


@record
class MissingView:
    """An unanswered question."""

    id: str
    section: str
    text: str


@record
class NotApplicableView:
    id: str
    section: str
    text: str
    reason: str


@record
class AnswerLine:
    """The questionnaire line an answer was given on."""

    question: str
    line: int


@record
class OriginView:
    """Where the answers were read: the questionnaire as the caller named it, the line of its
    ``answers:`` key and of each answer. Annotations (GitHub, SARIF) point at these lines.

    Not part of the JSON document: a path depends on where a command was run from, and the
    same answers must give the same JSON wherever they are read.
    """

    file: str
    answers_line: int | None
    lines: tuple[AnswerLine, ...]

    def line_of(self, question: str | None) -> int:
        """The line of a question's answer; for a question not answered (or no question),
        the ``answers:`` key's line; else the file's first line."""
        found = next((a.line for a in self.lines if a.question == question), None)
        return found or self.answers_line or 1


@record
class Report:
    """The whole report document."""

    format_version: int
    tool: ToolView
    generated_at: str
    rubric: RubricView
    project: ProjectView
    automation: AutomationView | None
    overall: OverallView
    levels: tuple[LevelView, ...]
    bands: tuple[BandView, ...]
    sections: tuple[SectionView, ...]
    gates: tuple[GateView, ...]
    readiness: ReadinessView | None
    recommendations: tuple[StepView, ...]
    unanswered: tuple[MissingView, ...]
    not_applicable: tuple[NotApplicableView, ...]
    warnings: tuple[str, ...]
    origin: OriginView | None = field(default=None, metadata={JSON: False})

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON; enums stay ``str`` subclasses and serialise as their values.
        A field marked ``{JSON: False}`` is left out."""
        data = asdict(self)
        for f in fields(self):
            if not f.metadata.get(JSON, True):
                del data[f.name]
        return data
