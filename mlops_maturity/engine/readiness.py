"""Readiness for a target degree: what blocks it, and a roadmap of steps in priority order.

Pure functions over a scoring ``Result``. The roadmap is found by simulation: steps are
applied to a copy of the answers and re-scored, so every step's gain and the degree it leads
to are what the scorer would really give, not an estimate.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from mlops_maturity.model.answers import Answer
from mlops_maturity.model.rubric import Level, Question, QuestionType, Rubric, SectionRule
from mlops_maturity.engine.scoring import (GateResult, Result, Status, combine, highest_stage, question_result,
                                    raw_section_score, score)


@dataclass(frozen=True)
class Blocker:
    """One reason the target is not met: a gate requirement, or a score below the target's start."""

    kind: str  # "gate", "score", "claim" (a stage's own degree answer) or "stages" (no stage is there yet)
    question: Question | None = None
    current: str | None = None  # option id; None when unanswered
    needed: str | None = None
    gates: tuple[str, ...] = ()
    section: str | None = None
    score: Fraction | None = None
    needed_score: Fraction | None = None


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
    source: str  # "command line", "questionnaire" or "next degree"
    met: bool
    blockers: tuple[Blocker, ...]
    sections: tuple[SectionReadiness, ...]


@dataclass(frozen=True)
class Step:
    """One roadmap item: move one answer up by one option."""

    question: Question
    current: str | None  # None when unanswered
    next: str
    gain: Fraction  # overall score gained by this step, given the steps before it
    degree: str | None  # the degree this step helps reach; None beyond the top of the scale
    blocker: bool  # required by a gate on the way to the target
    unanswered: bool


def readiness(result: Result, target_id: str | None, source: str) -> Readiness | None:
    """Judge readiness for a target degree; without one, for the degree above the current one."""
    rubric = result.rubric
    if not rubric.scale or result.degree is None:
        return None
    if target_id is None:
        index = min(rubric.level_index(result.degree.id) + 1, len(rubric.scale) - 1)
        target_id, source = rubric.scale[index].id, "next degree"
    target = rubric.level(target_id)
    t_index = rubric.level_index(target_id)
    blockers = _gate_blockers(result, [g for g in result.gates if _relevant(rubric, g, t_index)])
    if rubric.level_index(result.score_degree.id) < t_index:
        blockers += (Blocker("score", score=result.score, needed_score=target.start * result.max_score / 100),)
    top = highest_stage(rubric, result.sections)
    if top is not None and top < t_index:
        blockers += (Blocker("stages", current=rubric.scale[top].id, needed=target_id),)
    return Readiness(target, source, rubric.level_index(result.degree.id) >= t_index, blockers,
                     _section_readiness(result, t_index))


def _relevant(rubric: Rubric, gate: GateResult, t_index: int, section: str | None = None) -> bool:
    return (not gate.passed and rubric.level_index(gate.gate.degree) <= t_index
            and (section is None or section in gate.gate.sections))


def _gate_blockers(result: Result, gates: list[GateResult], section: str | None = None) -> tuple[Blocker, ...]:
    """One blocker per unmet question, asking for the best answer any relevant gate needs."""
    needed: dict[str, tuple[str, list[str]]] = {}
    for g in gates:
        for req in g.gate.requires:
            if req.question not in g.unmet:
                continue
            q = result.rubric.question(req.question)
            have = needed.get(req.question)
            best = req.at_least if have is None or q.rank(req.at_least) > q.rank(have[0]) else have[0]
            needed[req.question] = (best, (have[1] if have else []) + [g.gate.id])
    order = [q.id for q in result.rubric.questions]
    blockers = []
    for qid in sorted(needed, key=order.index):
        qr = result.question(qid)
        current = qr.option_id if qr.status is Status.ANSWERED else None
        blockers.append(Blocker("gate", qr.question, current, needed[qid][0], tuple(needed[qid][1]),
                                section=qr.question.section))
    return tuple(blockers)


def _section_readiness(result: Result, t_index: int) -> tuple[SectionReadiness, ...]:
    rubric = result.rubric
    out = []
    for s in result.sections:
        if s.degree is None:
            continue
        blockers = _gate_blockers(result, [g for g in result.gates if _relevant(rubric, g, t_index, s.section.id)])
        if s.score_degree is not None and rubric.level_index(s.score_degree.id) < t_index:
            needed = rubric.scale[t_index].start * s.max_score / 100
            blockers += (Blocker("score", section=s.section.id, score=s.score, needed_score=needed),)
        blockers += _claim_blockers(rubric, s, t_index)
        out.append(SectionReadiness(s.section.id, s.degree, rubric.level_index(s.degree.id) >= t_index, blockers))
    return tuple(out)


def _claim_blockers(rubric: Rubric, s, t_index: int) -> tuple[Blocker, ...]:
    """A stage's own degree questions answered below the target hold the stage back."""
    out = []
    for qr in s.questions:
        if qr.question.type is not QuestionType.DEGREE or qr.status is Status.NOT_APPLICABLE:
            continue
        if rubric.level_index(qr.option_id) < t_index:
            current = qr.option_id if qr.status is Status.ANSWERED else None
            out.append(Blocker("claim", qr.question, current, rubric.scale[t_index].id, section=s.section.id))
    return tuple(out)


def roadmap(result: Result, ready: Readiness | None) -> tuple[Step, ...]:
    """Steps in priority order: answer the unanswered questions; the target's gate blockers;
    then the largest gain per step, degree by degree up the scale; then the remaining
    improvements once per question."""
    state = _State(result)
    rubric = result.rubric
    # Unanswered questions first: until they are answered, every other figure is a guess.
    steps: list[Step] = [state.apply(q, None, False) for q in rubric.questions
                         if q.id in state.unanswered and state._next(q) is not None]
    if ready is not None:
        for b in ready.blockers:
            if b.kind == "gate":
                steps += state.raise_to(b.question, b.needed, _lowest_gate(rubric, b.gates), True)
        start = rubric.level_index(result.degree.id) + 1
        for level in rubric.scale[start:]:
            steps += state.climb(level)
    steps += state.remaining()
    return tuple(steps)


def _lowest_gate(rubric: Rubric, gate_ids: tuple[str, ...]) -> str:
    gates = [g for g in rubric.gates if g.id in gate_ids]
    return min((g.degree for g in gates), key=rubric.level_index)


class _State:
    """A mutable copy of the answers that the roadmap simulation improves step by step.

    Section scores are cached and only the changed section is recomputed, which keeps a full
    roadmap of a 60-question rubric well under a second.
    """

    def __init__(self, result: Result):
        self.result = result
        self.rubric = result.rubric
        self.order = {q.id: i for i, q in enumerate(self.rubric.questions)}
        self.values = {q.question.id: (q.option_id if q.status is not Status.NOT_APPLICABLE else None)
                       for q in result.questions}
        self.na = {q.question.id for q in result.questions if q.status is Status.NOT_APPLICABLE}
        self.unanswered = {q.question.id for q in result.questions if q.status is Status.UNANSWERED}
        self.parts = {s.id: self._section_part(s.id) for s in self.rubric.sections}
        self.active = {s.id: sum((q.weight for q in s.questions if q.id not in self.na), Fraction(0))
                       for s in self.rubric.sections}
        self._overall: Fraction | None = None

    def _next(self, q: Question) -> str | None:
        rank = q.rank(self.values[q.id])
        return q.options[rank + 1].id if rank + 1 < len(q.options) else None

    def apply(self, q: Question, degree: str | None, blocker: bool) -> Step:
        """Move one answer up by one option and record the step with its exact gain."""
        before = self.overall()
        current = None if q.id in self.unanswered else self.values[q.id]
        self.values[q.id] = self._next(q)
        self.unanswered.discard(q.id)
        self.parts[q.section] = self._section_part(q.section)
        self._overall = None
        return Step(q, current, self.values[q.id], self.overall() - before, degree, blocker,
                    current is None)

    def raise_to(self, q: Question, needed: str, degree: str, blocker: bool) -> list[Step]:
        """Steps that bring one answer up to the needed option."""
        steps = []
        while q.rank(self.values[q.id]) < q.rank(needed):
            steps.append(self.apply(q, degree, blocker))
        return steps

    def candidates(self) -> list[Question]:
        """Questions that can still improve and count for something (weight above zero)."""
        return [q for q in self.rubric.questions
                if q.id not in self.na and q.weight > 0 and self._next(q) is not None]

    def gain(self, q: Question) -> tuple[Fraction, Fraction, Fraction, int]:
        """Sort key: overall gain, then the weaker section first (what a weakest-link rule needs
        next), then section gain, then rubric order (earlier first)."""
        before_overall, before_section = self.overall(), self.parts[q.section][1] or Fraction(0)
        part = self._moved_part(q)
        after = self.overall({**self.parts, q.section: part})
        _, value, top = self.parts[q.section]
        weakness = -(value / top) if value is not None and top else Fraction(0)
        return (after - before_overall, weakness, (part[1] or Fraction(0)) - before_section,
                -self.order[q.id])

    def climb(self, level: Level) -> list[Step]:
        """Greedy steps until the overall degree reaches ``level``; gate blockers first."""
        steps: list[Step] = []
        goal = self.rubric.level_index(level.id)
        while True:
            result = self.scored()
            if self.rubric.level_index(result.degree.id) >= goal:
                return steps
            q, blocker = self._choose(result, goal)
            if q is None:
                return steps
            steps.append(self.apply(q, level.id, blocker))

    def _choose(self, result: Result, goal: int) -> tuple[Question | None, bool]:
        """The next step towards degree ``goal``: a gate blocker; else, while the score is short,
        the largest gain; else (the stages hold the system back) a step for the most
        automated stage: its own degree answer first, then its largest gain."""
        blocking = [q for q in self._gate_questions(result, goal) if self._next(q) is not None]
        if blocking:
            return blocking[0], True
        if self.rubric.level_index(result.score_degree.id) >= goal:
            stage = self._leading_stage(result, goal)
            if stage is not None:
                claims = [qr.question for qr in stage.questions if qr.question.type is QuestionType.DEGREE
                          and qr.status is not Status.NOT_APPLICABLE and self.rubric.level_index(qr.option_id) < goal]
                if claims:
                    return claims[0], False
                inside = [q for q in self.candidates() if q.section == stage.section.id]
                if inside:
                    return max(inside, key=self.gain), False
        options = self.candidates()
        return (max(options, key=self.gain) if options else None), False

    def _leading_stage(self, result: Result, goal: int):
        """The stage closest to ``goal`` when no stage has reached it yet."""
        stages = [s for s in result.sections if s.degree is not None]
        if not stages or max(self.rubric.level_index(s.degree.id) for s in stages) >= goal:
            return None
        return max(stages, key=lambda s: (self.rubric.level_index(s.degree.id), s.percent or 0))

    def _gate_questions(self, result: Result, goal: int) -> list[Question]:
        ids = {qid for g in result.gates if _relevant(self.rubric, g, goal) for qid in g.unmet}
        return [q for q in self.rubric.questions if q.id in ids]

    def remaining(self) -> list[Step]:
        """One step for every question still below its best, re-ranked by gain after each step
        (under a weakest-link rule the best next step changes as sections catch up)."""
        steps: list[Step] = []
        pending = self.candidates()
        while pending:
            q = max(pending, key=self.gain)
            pending.remove(q)
            steps.append(self.apply(q, None, False))
        return steps

    def _section_part(self, section_id: str) -> tuple[Fraction, Fraction | None, Fraction | None]:
        section = self.rubric.section(section_id)
        # An unanswered question scores as its worst answer, which ``values`` already holds.
        results = [question_result(q, Answer(q.id, "n/a" if q.id in self.na else self.values[q.id]))
                   for q in section.questions]
        value, top = raw_section_score(self.rubric.scoring.section, self.rubric.scoring.max_score, results)
        return section.weight, value, top

    def _moved_part(self, q: Question) -> tuple[Fraction, Fraction | None, Fraction | None]:
        """The section's (weight, score, maximum) if ``q`` moved up one option, computed from
        the change alone: one question moves, so the section's other terms stay as they are."""
        weight, value, top = self.parts[q.section]
        step = (q.option(self._next(q)).points - q.option(self.values[q.id]).points)
        if value is None or q.best.points == 0:
            return weight, value, top
        if self.rubric.scoring.section is SectionRule.SUM:
            return weight, value + q.weight * step, top
        return weight, value + self.rubric.scoring.max_score * q.weight * step / q.best.points / self.active[q.section], top

    def overall(self, parts: dict | None = None) -> Fraction:
        if parts is None:
            if self._overall is None:
                self._overall = combine(self.rubric, list(self.parts.values()))[0] or Fraction(0)
            return self._overall
        value, _ = combine(self.rubric, list(parts.values()))
        return value or Fraction(0)

    def questionnaire(self):
        answers = tuple(Answer(qid, "n/a" if qid in self.na else v) for qid, v in self.values.items())
        return replace(self.result.questionnaire, answers=answers)

    def scored(self) -> Result:
        return score(self.rubric, self.questionnaire())
