"""What the HTML and Markdown templates need beyond the report model, computed once.

Pure and deterministic: groups keep the model's order, nothing depends on dict order or time.
"""

from __future__ import annotations

from typing import Any

from mlops_maturity.engine.findings import BlockerKind, StepAction, TowardsKind
from mlops_maturity.engine.scoring import Status
from mlops_maturity.model.rubric import SectionKind
from mlops_maturity.report import wording
from mlops_maturity.report.model import QuestionView, Report, SectionView, StepView
from mlops_maturity.model.record import record


@record
class SectionGaps:
    """The questions of one section whose answer is below the best one."""

    section: SectionView
    questions: tuple[QuestionView, ...]


@record
class RoadmapGroup:
    """Roadmap steps that lead to one degree or level, in the roadmap's priority order."""

    label: str
    steps: tuple[tuple[int, StepView], ...]  # (position in the whole roadmap, step)


def is_gap(q: QuestionView) -> bool:
    """Below the best answer; unanswered counts (it scores as the worst), n/a does not."""
    return q.status is not Status.NOT_APPLICABLE and q.is_best is False


def gaps(report: Report) -> tuple[SectionGaps, ...]:
    """Gaps by section, sections and questions in rubric order."""
    found = (SectionGaps(s, tuple(q for q in s.questions if is_gap(q))) for s in report.sections)
    return tuple(g for g in found if g.questions)


def _group(report: Report, step: StepView) -> tuple[int, str]:
    """(rank, heading) of the group a step goes under. Groups read in the order a team works:
    what the declared degree lacks, what the target degree needs, the questions to answer
    first, then each maturity level from the current one upward, and the rest last."""
    if step.towards_kind is TowardsKind.SUPPORT:
        return 0, f"What running at {step.towards_label} needs"
    if step.towards_kind is TowardsKind.DEGREE:
        return 1, f"What {step.towards_label} needs"
    if step.action is StepAction.ANSWER_FIRST:
        return 2, "Answer first"
    if step.towards_kind is TowardsKind.LEVEL and step.towards is not None:
        levels = [lv.id for lv in report.levels]
        rank = levels.index(step.towards) if step.towards in levels else len(levels)
        return 3 + rank, f"Towards maturity level {step.towards_label}"
    return 1000, "Further improvements"


def roadmap(report: Report) -> tuple[RoadmapGroup, ...]:
    """The roadmap grouped by what each step works towards, groups in working order; steps
    keep their number in the whole roadmap."""
    groups: dict[tuple[int, str], list[tuple[int, StepView]]] = {}
    for i, step in enumerate(report.recommendations, 1):
        groups.setdefault(_group(report, step), []).append((i, step))
    return tuple(RoadmapGroup(label, tuple(steps)) for (_, label), steps in sorted(groups.items()))


@record
class PageOneBlocker:
    """A blocker as page one lists it: worded once, with where to read more."""

    phrase: wording.Phrase
    question: str | None  # the question to link to, if any
    advice: str | None


def top_blockers(report: Report, count: int = 5) -> tuple[tuple[PageOneBlocker, ...], int]:
    """The first ``count`` blockers a review needs (who decides first, then the target level),
    and how many there are in all."""
    found: list[PageOneBlocker] = []
    a, r = report.automation, report.readiness
    if a is not None:
        found += [PageOneBlocker(wording.automation_blocker(b), b.question,
                                 b.advice if b.kind is BlockerKind.PRACTICE else None)
                  for b in a.blockers]
    if r is not None:
        for b in r.blockers:
            phrase = (wording.practice_blocker(b) if b.kind is BlockerKind.GATE
                      else wording.overall_blocker(b, r.target_label))
            found.append(PageOneBlocker(phrase, b.question, b.advice))
    return tuple(found[:count]), len(found)


def heading(report: Report) -> str:
    """The report's title: the project's name, or a neutral stand-in."""
    return report.project.name or "Unnamed project"


def context(report: Report) -> dict[str, Any]:
    """Everything a report template receives."""
    blockers, blocker_count = top_blockers(report)
    return {
        "report": report,
        "o": report.overall,
        "top_blockers": blockers, "blocker_count": blocker_count,
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
