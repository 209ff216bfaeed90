"""The portfolio's views, as pure functions over rows: one set per rubric, never across two.

Scores, levels and degrees mean something only on the rubric that gave them, so every view
here takes the rows of one rubric: the heatmap, the distribution of declared degrees (and
how many run beyond what their practices support), the systems furthest from their own
target, the practices most often missing or blocking, and a roll-up per group. Means are
exact fractions of the scores shown on each system's report.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.portfolio.row import (BELOW, BEST, NOT_APPLICABLE, UNANSWERED, RubricInfo,
                                          SystemRow)


class GroupBy(TextEnum):
    """What the per-group roll-up groups systems by."""

    TEAM = "team"  # project.team
    FOLDER = "folder"  # the folder the questionnaire is in, inside the folder given
    DEGREE = "degree"  # the declared degree of automation
    LEVEL = "level"  # the overall maturity level


NO_TEAM, NOT_DECLARED, NO_LEVEL = "no team", "not declared", "no level"


@dataclass(frozen=True)
class DegreeCount:
    """How many systems declare one degree (None: declare none), and how many of them run
    beyond what their practices support."""

    degree: int | None
    systems: int
    beyond_support: int


@dataclass(frozen=True)
class PracticeCount:
    """One practice (question) across the systems of a rubric."""

    question: int  # position in RubricInfo.questions
    best: int
    below: int
    unanswered: int
    not_applicable: int
    blocking: int  # systems whose target it blocks

    @property
    def missing(self) -> int:
        """Below the best answer, unanswered included (n/a is not missing)."""
        return self.below + self.unanswered

    @property
    def applicable(self) -> int:
        return self.best + self.below + self.unanswered


@dataclass(frozen=True)
class GroupRollup:
    """One group of systems on one rubric."""

    group: str
    systems: int
    mean_score: Fraction | None  # exact mean over the systems that have a score
    lowest_score: Fraction | None
    levels: tuple[int, ...]  # systems at each maturity level, lowest first
    beyond_support: int
    not_declared: int  # systems on a rubric with a decision axis that declare no degree
    targets: int  # systems with a target
    targets_ready: int


@dataclass(frozen=True)
class RubricRollup:
    """Every view of the systems assessed on one rubric."""

    rubric: RubricInfo
    rows: tuple[SystemRow, ...]  # heatmap order: by group, then system
    groups: tuple[GroupRollup, ...]
    degrees: tuple[DegreeCount, ...] | None  # None: the rubric does not ask who decides
    beyond_support: tuple[SystemRow, ...]
    furthest: tuple[SystemRow, ...]  # not ready for their target, furthest first
    practices: tuple[PracticeCount, ...]  # most often missing first


def group_of(row: SystemRow, by: GroupBy, info: RubricInfo) -> tuple[tuple[int, str], str]:
    """(sort key, label) of the group a row belongs to."""
    if by is GroupBy.TEAM:
        return ((1, "") if not row.team else (0, row.team.casefold())), row.team or NO_TEAM
    if by is GroupBy.FOLDER:
        return (0, row.folder.casefold()), row.folder
    if by is GroupBy.DEGREE:
        if row.declared is None or info.degrees is None:
            return (len(info.degrees or ()), ""), NOT_DECLARED
        return (row.declared, ""), info.degrees[row.declared].label
    if row.level is None:
        return (len(info.levels), ""), NO_LEVEL
    return (row.level, ""), info.levels[row.level].label


def ordered(rows: Sequence[SystemRow], by: GroupBy, info: RubricInfo) -> tuple[SystemRow, ...]:
    """Rows by group, then by system name, then by file."""
    return tuple(sorted(rows, key=lambda r: (group_of(r, by, info)[0], r.system.casefold(),
                                             r.file)))


def groups(rows: Sequence[SystemRow], by: GroupBy, info: RubricInfo
           ) -> tuple[GroupRollup, ...]:
    """One roll-up per group, in group order."""
    found: dict[tuple[tuple[int, str], str], list[SystemRow]] = {}
    for row in rows:
        found.setdefault(group_of(row, by, info), []).append(row)
    return tuple(group_rollup(label, members, info)
                 for (_, label), members in sorted(found.items()))


def group_rollup(label: str, rows: Sequence[SystemRow], info: RubricInfo) -> GroupRollup:
    scores = [r.score for r in rows if r.score is not None]
    levels = [0] * len(info.levels)
    for row in rows:
        if row.level is not None:
            levels[row.level] += 1
    with_target = [r for r in rows if r.target is not None]
    return GroupRollup(
        label, len(rows),
        sum(scores, Fraction(0)) / len(scores) if scores else None,
        min(scores) if scores else None, tuple(levels),
        sum(1 for r in rows if r.within_support is False),
        sum(1 for r in rows if info.degrees is not None and r.declared is None),
        len(with_target), sum(1 for r in with_target if r.target and r.target.ready))


def degrees(rows: Sequence[SystemRow], info: RubricInfo) -> tuple[DegreeCount, ...] | None:
    """Systems per declared degree, least automated first, then those that declare none.
    Only degrees the teams declared are counted; a degree nobody declared shows 0."""
    if info.degrees is None:
        return None
    positions: list[int | None] = [*range(len(info.degrees)), None]
    return tuple(DegreeCount(p, sum(1 for r in rows if r.declared == p),
                             sum(1 for r in rows if r.declared == p and r.within_support is False))
                 for p in positions)


def beyond_support(rows: Sequence[SystemRow]) -> tuple[SystemRow, ...]:
    """Systems that run at a degree their practices do not support, furthest beyond first."""
    found = [r for r in rows if r.within_support is False]
    return tuple(sorted(found, key=lambda r: (-((r.declared or 0) - (r.supported or 0)),
                                              r.system.casefold(), r.file)))


def furthest(rows: Sequence[SystemRow], limit: int | None = None) -> tuple[SystemRow, ...]:
    """Systems not ready for their target: the most degrees or levels to go first, then the
    most blockers. Systems without a target are not ranked."""
    found = [(r, r.target) for r in rows if r.target is not None and not r.target.ready]
    ranked = [r for r, _ in sorted(found, key=lambda p: (-p[1].gap, -p[1].blockers,
                                                         p[0].system.casefold(), p[0].file))]
    return tuple(ranked if limit is None else ranked[:limit])


def practices(rows: Sequence[SystemRow], info: RubricInfo) -> tuple[PracticeCount, ...]:
    """Every practice the rubric scores, most often missing first (then most often blocking,
    then rubric order); the question that declares who decides is not a practice."""
    counts = []
    for position in range(len(info.questions)):
        states = [r.answers[position] for r in rows]
        if not rows or all(s not in (BEST, BELOW, UNANSWERED, NOT_APPLICABLE) for s in states):
            continue
        counts.append(PracticeCount(
            position, states.count(BEST), states.count(BELOW), states.count(UNANSWERED),
            states.count(NOT_APPLICABLE), sum(1 for r in rows if position in r.blocking)))
    return tuple(sorted(counts, key=lambda c: (-c.missing, -c.blocking, c.question)))


def rollup(rows: Sequence[SystemRow], info: RubricInfo, by: GroupBy) -> RubricRollup:
    """Every view of one rubric's systems."""
    return RubricRollup(info, ordered(rows, by, info), groups(rows, by, info),
                        degrees(rows, info), beyond_support(rows), furthest(rows),
                        practices(rows, info))
