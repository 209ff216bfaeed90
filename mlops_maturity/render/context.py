"""What the HTML and Markdown templates need beyond the report model, computed once.

Pure and deterministic: groups keep the model's order, nothing depends on dict order or time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlops_maturity.engine.findings import BlockerKind, StepAction
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
    """Roadmap steps that lead to one degree, in the roadmap's priority order."""

    label: str
    steps: tuple[tuple[int, StepView], ...]  # (position in the whole roadmap, step)


def is_gap(q: QuestionView) -> bool:
    """Below the best answer; unanswered counts (it scores as the worst), n/a does not."""
    return q.status is not Status.NOT_APPLICABLE and not q.is_best


def gaps(report: Report) -> tuple[SectionGaps, ...]:
    """Gaps by section, sections and questions in rubric order."""
    found = (SectionGaps(s, tuple(q for q in s.questions if is_gap(q))) for s in report.sections)
    return tuple(g for g in found if g.questions)


def roadmap(report: Report) -> tuple[RoadmapGroup, ...]:
    """The roadmap grouped by the degree each step leads to, groups in order of first step."""
    other = "Further improvements" if report.scale else "Next steps"
    groups: dict[str, list[tuple[int, StepView]]] = {}
    for i, step in enumerate(report.recommendations, 1):
        label = f"Towards {step.degree_label}" if step.degree_label else other
        groups.setdefault(label, []).append((i, step))
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
        "degree_labels": {lv.id: lv.label for lv in report.scale},
        "generator": f"{report.tool.name} {report.tool.version}",
        "BlockerKind": BlockerKind, "Status": Status, "StepAction": StepAction,
        "SectionKind": SectionKind,
        "overall_blocker": wording.overall_blocker, "stage_blocker": wording.stage_blocker,
    }
