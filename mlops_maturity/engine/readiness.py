"""Readiness for a target: a degree of automation (does the practice support it?) or a
maturity level (has the lifecycle reached it?), with every blocker and what is needed.

Pure functions over a scoring ``Result``; the roadmap that clears the blockers is in
``engine/roadmap.py``. A target degree equal to the declared one is a design point: the
team says "this is who should decide", and gets a verdict for that degree alone.
"""

from __future__ import annotations

from fractions import Fraction

from mlops_maturity.engine.automation import AutomationResult, judge
from mlops_maturity.engine.findings import Blocker, BlockerKind
from mlops_maturity.engine.scoring import GateResult, QuestionResult, Result, Status, highest_stage
from mlops_maturity.model.rubric import Degree, Level, Rubric
from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.model.record import record


class TargetSource(TextEnum):
    """Where the target came from."""

    COMMAND_LINE = "command line"
    QUESTIONNAIRE = "questionnaire"
    NEXT_DEGREE = "next degree"  # no target given: the degree above the declared one
    NEXT_LEVEL = "next level"  # no target given, no decision axis: the level above


@record
class DegreeReadiness:
    """Whether the practices support a target degree, and what is missing."""

    target: Degree
    source: TargetSource
    design_point: bool  # the target is the declared degree
    ready: bool  # the supported degree is at or above the target
    blockers: tuple[Blocker, ...]


@record
class SectionReadiness:
    """Whether one stage section reaches the target level, and what stops it."""

    section_id: str
    level: Level | None
    met: bool
    blockers: tuple[Blocker, ...]


@record
class Readiness:
    """The verdict for a target maturity level."""

    target: Level
    source: TargetSource
    met: bool
    blockers: tuple[Blocker, ...]
    sections: tuple[SectionReadiness, ...]


def degree_readiness(result: Result, axis: AutomationResult, target_id: str | None,
                     source: TargetSource) -> DegreeReadiness:
    """Judge a target degree; without one, the degree above the declared (or supported) one.

    Running beyond support always comes first; then every practice and section score that a
    degree up to the target (and up to the declared degree) still lacks, lowest degree first.
    """
    degrees = axis.automation.degrees
    if target_id is None:
        base = axis.declared_index
        base = axis.supported_index if base is None else base
        target_id, source = degrees[min(base + 1, len(degrees) - 1)].id, TargetSource.NEXT_DEGREE
    goal = axis.automation.index(target_id)
    blockers: list[Blocker] = []
    declared = axis.declared_index
    if declared is None:
        q = result.rubric.question(axis.automation.question)
        blockers.append(Blocker(BlockerKind.UNDECLARED, q, needed=target_id,
                                section=q.section if q else None))
    elif declared > axis.supported_index:
        blockers.append(Blocker(BlockerKind.BEYOND_SUPPORT, current=degrees[declared].id,
                                needed=axis.supported.id))
    limit = max(goal, declared if declared is not None else goal)
    blockers += requirement_blockers(result, axis, limit)
    return DegreeReadiness(degrees[goal], source, declared == goal, axis.supported_index >= goal,
                           tuple(blockers))


def requirement_blockers(result: Result, axis: AutomationResult, limit: int
                         ) -> list[Blocker]:
    """The unmet requirements of every degree up to ``limit``, each question and section once
    (asking for the most any of those degrees needs), in the order the degrees need them."""
    practices: dict[str, Blocker] = {}
    sections: dict[str, Blocker] = {}
    for check in axis.checks[:limit + 1]:
        owner = check.degree.id
        for p in check.practices:
            if not p.met:
                _merge_practice(practices, p.result, p.requirement.at_least, owner)
        for s in check.sections:
            if not s.met:
                have = sections.get(s.minimum.section)
                needed = s.minimum.at_least * (s.section.max_score or 0) / 100
                if have is None or (have.needed_score or 0) < needed:
                    owners = (have.owners if have else ()) + (owner,)
                    sections[s.minimum.section] = Blocker(
                        BlockerKind.SECTION, owners=owners, section=s.minimum.section,
                        score=s.section.score, needed_score=needed)
    return list(practices.values()) + list(sections.values())


def _merge_practice(found: dict[str, Blocker], qr: QuestionResult, at_least: str,
                    owner: str) -> None:
    q = qr.question
    have = found.get(q.id)
    needed = at_least if have is None or have.needed is None or (
        q.rank(at_least) > q.rank(have.needed)) else have.needed
    current = qr.option_id if qr.status is Status.ANSWERED else None
    owners = (have.owners if have else ()) + (owner,)
    found[q.id] = Blocker(BlockerKind.PRACTICE, q, current, needed, owners, section=q.section)


def readiness(result: Result, target_id: str | None, source: TargetSource) -> Readiness | None:
    """Judge readiness for a target maturity level; without one, for the level above."""
    rubric = result.rubric
    if not rubric.levels or result.level is None or result.score_level is None:
        return None
    if target_id is None:
        index = min(rubric.level_index(result.level.id) + 1, len(rubric.levels) - 1)
        target_id, source = rubric.levels[index].id, TargetSource.NEXT_LEVEL
    t_index = rubric.level_index(target_id)
    target = rubric.levels[t_index]
    blockers = gate_blockers(result, [g for g in result.gates if relevant(rubric, g, t_index)])
    if rubric.level_index(result.score_level.id) < t_index:
        blockers += (Blocker(BlockerKind.SCORE, score=result.score,
                             needed_score=_start(target, result.max_score)),)
    top = highest_stage(rubric, result.sections)
    if top is not None and top < t_index:
        blockers += (Blocker(BlockerKind.STAGES, current=rubric.levels[top].id,
                             needed=target_id),)
    return Readiness(target, source, rubric.level_index(result.level.id) >= t_index, blockers,
                     _section_readiness(result, t_index))


def _start(level: Level, top: Fraction | None) -> Fraction | None:
    """The score at which a degree starts, on a scale whose maximum is ``top``."""
    return None if top is None else level.start * top / 100


def relevant(rubric: Rubric, gate: GateResult, t_index: int, section: str | None = None) -> bool:
    """A failed gate on the way to the target (at or below it), covering ``section`` if given."""
    return (not gate.passed and rubric.level_index(gate.gate.level) <= t_index
            and (section is None or section in gate.gate.sections))


def gate_blockers(result: Result, gates: list[GateResult]) -> tuple[Blocker, ...]:
    """One blocker per unmet question, asking for the best answer any relevant gate needs."""
    rubric = result.rubric
    needed: dict[str, tuple[str, tuple[str, ...]]] = {}
    for g in gates:
        for req in g.gate.requires:
            if req.question not in g.unmet:
                continue
            q = rubric.question(req.question)
            assert q is not None, "validation guarantees every gate names a question"
            have = needed.get(req.question)
            better = have is None or q.rank(req.at_least) > q.rank(have[0])
            best = req.at_least if better or have is None else have[0]
            needed[req.question] = (best, (have[1] if have else ()) + (g.gate.id,))
    blockers = []
    for qid in sorted(needed, key=rubric.question_order.__getitem__):
        qr = result.question(qid)
        current = qr.option_id if qr.status is Status.ANSWERED else None
        blockers.append(Blocker(BlockerKind.GATE, qr.question, current, needed[qid][0],
                                needed[qid][1], section=qr.question.section))
    return tuple(blockers)


def _section_readiness(result: Result, t_index: int) -> tuple[SectionReadiness, ...]:
    rubric = result.rubric
    out = []
    for s in result.sections:
        if s.level is None:
            continue
        covering = [g for g in result.gates if relevant(rubric, g, t_index, s.section.id)]
        blockers = gate_blockers(result, covering)
        if s.score_level is not None and rubric.level_index(s.score_level.id) < t_index:
            blockers += (Blocker(BlockerKind.SCORE, section=s.section.id, score=s.score,
                                 needed_score=_start(rubric.levels[t_index], s.max_score)),)
        met = rubric.level_index(s.level.id) >= t_index
        out.append(SectionReadiness(s.section.id, s.level, met, blockers))
    return tuple(out)


def judge_target(result: Result, target: str | None, source: TargetSource
                 ) -> tuple[AutomationResult | None, DegreeReadiness | None, Readiness | None]:
    """Both axes judged for one target, as every report needs them: with a decision axis, the
    degree readiness always (for the target degree, or the next degree when the target is a
    level or none) and the level readiness only for a level target; without one, the level
    readiness for the target level or the next level."""
    axis = judge(result)
    is_level = target is not None and result.rubric.level(target) is not None
    degree_ready = (degree_readiness(result, axis, None if is_level else target, source)
                    if axis is not None else None)
    level_ready = (readiness(result, target if is_level else None,
                             source if is_level else TargetSource.NEXT_LEVEL)
                   if axis is None or is_level else None)
    return axis, degree_ready, level_ready
