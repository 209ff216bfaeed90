"""Readiness for a target degree: the verdict, and every blocker with what is needed.

Pure functions over a scoring ``Result``; the roadmap that clears the blockers is in
``engine/roadmap.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mlops_maturity.engine.findings import Blocker, BlockerKind
from mlops_maturity.engine.scoring import GateResult, Result, SectionResult, Status, highest_stage
from mlops_maturity.model.rubric import Level, QuestionType, Rubric
from mlops_maturity.model.textenum import TextEnum


class TargetSource(TextEnum):
    """Where the target degree came from."""

    COMMAND_LINE = "command line"
    QUESTIONNAIRE = "questionnaire"
    NEXT_DEGREE = "next degree"


@dataclass(frozen=True)
class SectionReadiness:
    """Whether one stage section reaches the target, and what stops it."""

    section_id: str
    degree: Level | None
    met: bool
    blockers: tuple[Blocker, ...]


@dataclass(frozen=True)
class Readiness:
    """The verdict for a target degree."""

    target: Level
    source: TargetSource
    met: bool
    blockers: tuple[Blocker, ...]
    sections: tuple[SectionReadiness, ...]


def readiness(result: Result, target_id: str | None, source: TargetSource) -> Readiness | None:
    """Judge readiness for a target degree; without one, for the degree above the current one."""
    rubric = result.rubric
    if not rubric.scale or result.degree is None or result.score_degree is None:
        return None
    if target_id is None:
        index = min(rubric.level_index(result.degree.id) + 1, len(rubric.scale) - 1)
        target_id, source = rubric.scale[index].id, TargetSource.NEXT_DEGREE
    t_index = rubric.level_index(target_id)
    target = rubric.scale[t_index]
    blockers = gate_blockers(result, [g for g in result.gates if relevant(rubric, g, t_index)])
    if rubric.level_index(result.score_degree.id) < t_index:
        blockers += (Blocker(BlockerKind.SCORE, score=result.score,
                             needed_score=_start(target, result.max_score)),)
    top = highest_stage(rubric, result.sections)
    if top is not None and top < t_index:
        blockers += (Blocker(BlockerKind.STAGES, current=rubric.scale[top].id, needed=target_id),)
    return Readiness(target, source, rubric.level_index(result.degree.id) >= t_index, blockers,
                     _section_readiness(result, t_index))


def _start(level: Level, top: Fraction | None) -> Fraction | None:
    """The score at which a degree starts, on a scale whose maximum is ``top``."""
    return None if top is None else level.start * top / 100


def relevant(rubric: Rubric, gate: GateResult, t_index: int, section: str | None = None) -> bool:
    """A failed gate on the way to the target (at or below it), covering ``section`` if given."""
    return (not gate.passed and rubric.level_index(gate.gate.degree) <= t_index
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
        if s.degree is None:
            continue
        covering = [g for g in result.gates if relevant(rubric, g, t_index, s.section.id)]
        blockers = gate_blockers(result, covering)
        if s.score_degree is not None and rubric.level_index(s.score_degree.id) < t_index:
            blockers += (Blocker(BlockerKind.SCORE, section=s.section.id, score=s.score,
                                 needed_score=_start(rubric.scale[t_index], s.max_score)),)
        blockers += _claim_blockers(rubric, s, t_index)
        met = rubric.level_index(s.degree.id) >= t_index
        out.append(SectionReadiness(s.section.id, s.degree, met, blockers))
    return tuple(out)


def _claim_blockers(rubric: Rubric, s: SectionResult, t_index: int) -> tuple[Blocker, ...]:
    """A stage's own degree questions answered below the target hold the stage back."""
    out = []
    for qr in s.questions:
        if qr.question.type is not QuestionType.DEGREE or qr.option_id is None:
            continue
        if rubric.level_index(qr.option_id) < t_index:
            current = qr.option_id if qr.status is Status.ANSWERED else None
            out.append(Blocker(BlockerKind.CLAIM, qr.question, current, rubric.scale[t_index].id,
                               section=s.section.id))
    return tuple(out)
