"""The reference roadmap: the plain specification that ``engine/roadmap.py`` must match.

``engine/roadmap.py`` keeps every sum incrementally and ranks candidates with heaps, which is
fast but hard to read. This module says what the roadmap *means*, in the most direct way:
after every step it re-scores the whole questionnaire with ``engine.scoring.score``, asks
``engine.automation.judge`` whether a degree's section minimum is met, and takes ``max()``
over every candidate. It is slow (quadratic in steps and candidates) on purpose: nothing here
is kept up to date by hand, so nothing can drift. ``tests/test_roadmap_fast.py`` checks that
both give exactly the same steps. Do not optimise it; when the meaning of the roadmap
changes, change this first and then make ``engine/roadmap.py`` agree.

The order of the steps:

1. When the declared degree of automation is beyond what the practices support: the
   requirements of every degree up to the declared one (``TowardsKind.SUPPORT``), lowest
   degree first. For each degree, each practice is raised until the requirement is met (as
   ``scoring.meets`` judges it), then each section minimum is reached by taking the section's
   best step until ``judge`` says its score (rounded down, as a percent) reaches it.
2. The same for every degree up to the target degree (``TowardsKind.DEGREE``).
3. The unanswered questions, in rubric order, but never the automation question: the
   roadmap never proposes changing who decides, which is a business decision.
4. For a target maturity level, its gate blockers raised; then, for a rated result, the
   maturity levels above the current one, climbed one by one (``TowardsKind.LEVEL``). A
   step is *required* only when a failed gate needs it for a level no higher than the target
   level: a step towards a level above the target, or with no target level at all, is an
   improvement, never a requirement.
5. The remaining improvements, at most one step per question, best first.

Where a choice is made among questions, the best is the one with the largest overall gain,
then the weaker section first (what a weakest-link rule needs next), then the largest
section gain, then the earliest in the rubric. Gains are exact and taken before rounding, so
that a step that moves a score by less than the rounding still ranks above one that does not
move it at all.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from mlops_maturity.engine.automation import AutomationResult, judge
from mlops_maturity.engine.findings import BlockerKind, Step, Towards, TowardsKind
from mlops_maturity.engine.readiness import DegreeReadiness, Readiness, relevant
from mlops_maturity.engine.scoring import Result, SectionResult, Status, meets, score
from mlops_maturity.engine.tally import Part, combine, section_value, span, term
from mlops_maturity.model.answers import NA, Answer
from mlops_maturity.model.rubric import Degree, Level, Question, SectionMinimum

# Overall gain, weakness (minus the section's share of its maximum), section gain, minus the
# rubric position: the largest key is the best step.
Key = tuple[Fraction, Fraction, Fraction, int]
ZERO = Fraction(0)


def roadmap(result: Result, axis: AutomationResult | None = None,
            degree_ready: DegreeReadiness | None = None,
            ready: Readiness | None = None) -> tuple[Step, ...]:
    """Every step, in the order of the module docstring."""
    plan = _Plan(result)
    rubric = result.rubric
    if axis is not None:
        degrees = axis.automation.degrees
        declared = axis.declared_index
        if declared is not None and declared > axis.supported_index:
            plan.support(degrees[:declared + 1], TowardsKind.SUPPORT)
        if degree_ready is not None:
            goal = axis.automation.index(degree_ready.target.id)
            plan.support(degrees[:goal + 1], TowardsKind.DEGREE)
    plan.answer_unanswered()
    if result.level is not None:
        target = -1 if ready is None else rubric.level_index(ready.target.id)
        if ready is not None:
            plan.gate_blockers(ready)
        for level in rubric.levels[rubric.level_index(result.level.id) + 1:]:
            plan.climb(level, rubric.level_index(level.id) <= target)
    plan.remaining()
    return tuple(plan.steps)


class _Plan:
    """The answers as the roadmap moves them, re-scored in full after every step."""

    def __init__(self, result: Result):
        self.rubric = result.rubric
        self.questionnaire = result.questionnaire
        self.order = {q.id: i for i, q in enumerate(self.rubric.questions)}
        self.values: dict[str, str | None] = {
            qr.question.id: NA if qr.status is Status.NOT_APPLICABLE
            else None if qr.status is Status.UNANSWERED else qr.option_id
            for qr in result.questions}
        self.steps: list[Step] = []
        self.result = result
        self.parts = self._parts()
        self.overall = self._overall(self.parts)

    # --- the state ----------------------------------------------------------------------

    def _parts(self) -> list[Part]:
        """Every section's exact part for the current answers."""
        return [self._part(s) for s in self.result.sections]

    def _part(self, section: SectionResult, moved: tuple[str, str] | None = None) -> Part:
        """A section's (weight, exact score, maximum) by the scorer's formula before rounding,
        optionally with one question's answer replaced (``moved``: question id, option id)."""
        rule, top = self.rubric.scoring.section, self.rubric.scoring.max_score
        total, weight = ZERO, ZERO
        for qr in section.questions:
            option = moved[1] if moved and moved[0] == qr.question.id else qr.option_id
            if option is None:  # n/a: left out of the section altogether
                continue
            total += term(rule, qr.question, option)
            weight += span(rule, qr.question)
        value, maximum = section_value(rule, top, total, weight)
        return section.section.weight, value, maximum

    def _overall(self, parts: list[Part]) -> Fraction:
        """The exact overall score (before rounding) of the given section parts; 0 if none."""
        return combine(self.rubric, parts)[0] or ZERO

    def _next(self, q: Question) -> str | None:
        """The option above the one that counts now (unanswered counts as the worst)."""
        option = self.result.question(q.id).option_id
        assert option is not None, "n/a questions are never stepped"
        rank = q.rank(option)
        return q.options[rank + 1].id if rank + 1 < len(q.options) else None

    def apply(self, q: Question, towards: Towards | None, required: bool) -> None:
        """Move one answer up by one option, re-score, and record the step with its gain."""
        before = self.overall
        following = self._next(q)
        assert following is not None, "only questions below their best are stepped"
        current = self.values[q.id]
        self.values[q.id] = following
        answers = tuple(Answer(qid, value) for qid, value in self.values.items())
        self.result = score(self.rubric, replace(self.questionnaire, answers=answers))
        self.parts = self._parts()
        self.overall = self._overall(self.parts)
        self.steps.append(Step(q, current, following, self.overall - before, towards,
                               required, current is None))

    # --- choosing -----------------------------------------------------------------------

    def candidates(self, section: str | None = None) -> list[Question]:
        """Questions that can still improve and count for something: scored (never the
        automation question), applicable, weight above zero, below their best; optionally
        only those of one section."""
        return [q for q in self.rubric.questions
                if q.scored and q.weight > 0 and (section is None or q.section == section)
                and self.result.question(q.id).status is not Status.NOT_APPLICABLE
                and self._next(q) is not None]

    def key(self, q: Question) -> Key:
        """How good a step on ``q`` would be; only its own section's part changes."""
        s = next(i for i, r in enumerate(self.result.sections) if r.section.id == q.section)
        following = self._next(q)
        assert following is not None
        after = list(self.parts)
        after[s] = self._part(self.result.sections[s], (q.id, following))
        _, value, top = self.parts[s]
        weakness = -(value / top) if value is not None and top else ZERO
        section_gain = (after[s][1] or ZERO) - (value or ZERO)
        return (self._overall(after) - self.overall, weakness, section_gain,
                -self.order[q.id])

    def best(self, section: str | None = None) -> Question | None:
        """The best candidate (of one section, if given), or None."""
        found = self.candidates(section)
        return max(found, key=self.key) if found else None

    # --- the phases ---------------------------------------------------------------------

    def raise_to(self, q: Question, needed: str, towards: Towards) -> None:
        """Steps until the answer meets ``needed`` (n/a already does; unanswered does not)."""
        while not meets(self.result.question(q.id), needed):
            self.apply(q, towards, True)

    def support(self, degrees: tuple[Degree, ...], kind: TowardsKind) -> None:
        """What the given degrees require, lowest degree first: practices, then sections."""
        for degree in degrees:
            towards = Towards(kind, degree.id)
            for req in degree.requires:
                question = self.rubric.question(req.question)
                assert question is not None
                self.raise_to(question, req.at_least, towards)
            for minimum in degree.minimums:
                while not self._reaches(degree, minimum):
                    q = self.best(minimum.section)
                    if q is None:  # nothing in the section can improve: out of reach
                        break
                    self.apply(q, towards, True)

    def _reaches(self, degree: Degree, minimum: SectionMinimum) -> bool:
        """Whether ``judge`` finds this minimum of this degree met by the current answers."""
        axis = judge(self.result)
        assert axis is not None
        check = axis.checks[axis.automation.index(degree.id)]
        return next(c.met for c in check.sections if c.minimum is minimum)

    def answer_unanswered(self) -> None:
        """One step for each unanswered question but the automation one, in rubric order."""
        for q in self.rubric.questions:
            if q.scored and self.result.question(q.id).status is Status.UNANSWERED:
                self.apply(q, None, False)

    def gate_blockers(self, ready: Readiness) -> None:
        """Each gate blocker of the target level raised to the answer it needs, towards the
        lowest level among the gates that need it."""
        for b in ready.blockers:
            if b.kind is BlockerKind.GATE and b.question and b.needed:
                levels = [g.level for g in self.rubric.gates if g.id in b.owners]
                lowest = min(levels, key=self.rubric.level_index)
                self.raise_to(b.question, b.needed, Towards(TowardsKind.LEVEL, lowest))

    def climb(self, level: Level, within_target: bool) -> None:
        """Steps until the overall maturity level reaches ``level``, or nothing can help; a
        gate's step is required only for a level within the target."""
        goal = self.rubric.level_index(level.id)
        towards = Towards(TowardsKind.LEVEL, level.id)
        while self._level() < goal:
            q, required = self._choose(goal)
            if q is None:
                return
            self.apply(q, towards, required and within_target)

    def _level(self) -> int:
        assert self.result.level is not None, "a rated result stays rated"
        return self.rubric.level_index(self.result.level.id)

    def _choose(self, goal: int) -> tuple[Question | None, bool]:
        """The next step towards level ``goal``: the first question (in rubric order) that a
        failed gate at or below the goal needs; else, when the score alone reaches the goal
        and no stage does (the lifecycle is never rated above its most mature stage), the
        best step in the leading stage; else the best step of all."""
        unmet = {qid for g in self.result.gates if relevant(self.rubric, g, goal)
                 for qid in g.unmet}
        blocking = [q for q in self.rubric.questions if q.id in unmet]
        if blocking:
            return blocking[0], True
        assert self.result.score_level is not None
        if self.rubric.level_index(self.result.score_level.id) >= goal:
            stage = self._leading_stage(goal)
            if stage is not None:
                inside = self.best(stage.section.id)
                if inside is not None:
                    return inside, False
        return self.best(), False

    def _leading_stage(self, goal: int) -> SectionResult | None:
        """The stage with the highest level, then the highest percent, then the first, when
        no stage has reached ``goal`` yet."""
        stages = [s for s in self.result.sections if s.level is not None]
        if not stages:
            return None
        lead = max(stages, key=lambda s: (self.rubric.level_index(s.level.id),  # type: ignore
                                          s.percent))
        assert lead.level is not None
        return None if self.rubric.level_index(lead.level.id) >= goal else lead

    def remaining(self) -> None:
        """One step for every question still below its best, re-ranked after each step
        (under a weakest-link rule the best next step changes as sections catch up)."""
        pending = self.candidates()
        while pending:
            q = max(pending, key=self.key)
            pending.remove(q)
            self.apply(q, None, False)
