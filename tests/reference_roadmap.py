"""The reference roadmap: the original, straightforward simulation, kept as the specification.

``mlops_maturity/engine/roadmap.py`` keeps every section sum and the overall incrementally and
ranks candidates with heaps. This copy re-scores the whole questionnaire after every step and
takes ``max()`` over all candidates, which is quadratic but obviously what the roadmap means;
``tests/test_roadmap_fast.py`` checks that both give exactly the same steps. Do not optimise it.

Copied verbatim (below this docstring) from ``engine/roadmap.py`` at commit 90d9dd4.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from mlops_maturity.engine.findings import BlockerKind, Step
from mlops_maturity.engine.readiness import Readiness, relevant
from mlops_maturity.engine.scoring import Result, SectionResult, Status, score
from mlops_maturity.engine.tally import Part, combine, section_value, span, term
from mlops_maturity.model.answers import NA, Answer, Questionnaire
from mlops_maturity.model.rubric import Level, Question, QuestionType, Rubric


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
            if b.kind is BlockerKind.GATE and b.question and b.needed:
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
        self.values: dict[str, str] = {q.question.id: q.option_id for q in result.questions
                                       if q.option_id is not None}
        self.na = {q.question.id for q in result.questions if q.status is Status.NOT_APPLICABLE}
        self.unanswered = {q.question.id for q in result.questions
                           if q.status is Status.UNANSWERED}
        self.totals: dict[str, Fraction] = {}
        self.spans: dict[str, Fraction] = {}
        self.parts = {s.id: self._section_part(s.id) for s in self.rubric.sections}
        self._overall: Fraction | None = None

    def _next(self, q: Question) -> str | None:
        rank = q.rank(self.values[q.id])
        return q.options[rank + 1].id if rank + 1 < len(q.options) else None

    def apply(self, q: Question, degree: str | None, blocker: bool) -> Step:
        """Move one answer up by one option and record the step with its exact gain."""
        before = self.overall()
        current = None if q.id in self.unanswered else self.values[q.id]
        following = self._next(q)
        assert following is not None, "only questions below their best are stepped"
        self.values[q.id] = following
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
        ids = {qid for g in result.gates if relevant(self.rubric, g, goal) for qid in g.unmet}
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

    def _section_part(self, section_id: str) -> Part:
        section = self.rubric.section(section_id)
        assert section is not None
        rule = self.rubric.scoring.section
        active = [q for q in section.questions if q.id not in self.na]
        total = sum((term(rule, q, self.values[q.id]) for q in active), Fraction(0))
        weight = sum((span(rule, q) for q in active), Fraction(0))
        self.totals[section_id], self.spans[section_id] = total, weight
        value, top = section_value(rule, self.rubric.scoring.max_score, total, weight)
        return section.weight, value, top

    def _moved_part(self, q: Question) -> Part:
        """The section's part if ``q`` moved up one option, from the change of its term alone."""
        weight, value, top = self.parts[q.section]
        if value is None:
            return weight, value, top
        rule = self.rubric.scoring.section
        delta = term(rule, q, self._next(q)) - term(rule, q, self.values[q.id])
        moved, _ = section_value(rule, self.rubric.scoring.max_score,
                                 self.totals[q.section] + delta, self.spans[q.section])
        return weight, moved, top

    def overall(self, parts: dict | None = None) -> Fraction:
        if parts is None:
            if self._overall is None:
                self._overall = combine(self.rubric, list(self.parts.values()))[0] or Fraction(0)
            return self._overall
        value, _ = combine(self.rubric, list(parts.values()))
        return value or Fraction(0)

    def questionnaire(self) -> Questionnaire:
        answers = tuple(Answer(qid, v) for qid, v in self.values.items())
        answers += tuple(Answer(qid, NA) for qid in self.na)
        return replace(self.result.questionnaire, answers=answers)

    def scored(self) -> Result:
        return score(self.rubric, self.questionnaire())
