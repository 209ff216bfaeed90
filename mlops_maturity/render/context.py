"""What the HTML and Markdown templates need beyond the report model, computed once.

Pure and deterministic: groups keep the model's order, nothing depends on dict order or time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlops_maturity.engine.findings import BlockerKind, StepAction, TowardsKind
from mlops_maturity.engine.scoring import Status
from mlops_maturity.model.rubric import SectionKind
from mlops_maturity.report import wording
from mlops_maturity.report.model import QuestionView, Report, SectionView, StepView


@dataclass(frozen=True)
class SectionGaps:
    """The questions of one section whose answer is below the best one."""

    section: SectionView
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class RoadmapGroup:
    """Roadmap steps that lead to one degree or level, in the roadmap's priority order."""

    label: str
    steps: tuple[tuple[int, StepView], ...]  # (position in the whole roadmap, step)


def is_gap(q: QuestionView) -> bool:
    """Below the best answer; unanswered counts (it scores as the worst), n/a does not."""
    return q.status is not Status.NOT_APPLICABLE and not q.is_best


def gaps(report: Report) -> tuple[SectionGaps, ...]:
    """Gaps by section, sections and questions in rubric order."""
    found = (SectionGaps(s, tuple(q for q in s.questions if is_gap(q))) for s in report.sections)
    return tuple(g for g in found if g.questions)


def group_label(step: StepView) -> str | None:
    """The heading a step goes under: what it works towards, or None (further improvements)."""
    if step.towards_kind is TowardsKind.SUPPORT:
        return f"What running at {step.towards_label} needs"
    if step.towards_kind is TowardsKind.DEGREE:
        return f"What {step.towards_label} needs"
    if step.towards_kind is TowardsKind.LEVEL:
        return f"Towards maturity level {step.towards_label}"
    return None


def roadmap(report: Report) -> tuple[RoadmapGroup, ...]:
    """The roadmap grouped by what each step works towards, groups in order of first step."""
    other = "Further improvements"
    groups: dict[str, list[tuple[int, StepView]]] = {}
    for i, step in enumerate(report.recommendations, 1):
        groups.setdefault(group_label(step) or other, []).append((i, step))
    return tuple(RoadmapGroup(label, tuple(steps)) for label, steps in groups.items())


def heading(report: Report) -> str:
    """The report's title: the project's name, or a neutral stand-in."""
    return report.project.name or "Unnamed project"


def context(report: Report) -> dict[str, Any]:
    """Everything a report template receives."""
    return {
        "report": report,
        "o": report.overall,
        "project": report.project,
        "title": heading(report),
        "gaps": gaps(report),
        "gap_count": sum(len(g.questions) for g in gaps(report)),
        "roadmap": roadmap(report),
        "section_titles": {s.id: s.title for s in report.sections},
        "level_labels": {lv.id: lv.label for lv in report.levels},
        "generator": f"{report.tool.name} {report.tool.version}",
        "BlockerKind": BlockerKind, "Status": Status, "StepAction": StepAction,
        "SectionKind": SectionKind,
        "overall_blocker": wording.overall_blocker, "stage_blocker": wording.stage_blocker,
        "automation_blocker": wording.automation_blocker,
    }
