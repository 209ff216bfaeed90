"""Score answers against a rubric: a pure function, no I/O, exact arithmetic.

Everything a report shows about lifecycle maturity (scores, levels, bands, gates, unanswered
and n/a questions) is computed here once, so renderers never do arithmetic and tests can drive scoring with tables.
The section formula lives in ``engine/tally.py``, shared with the roadmap's simulation.
"""

from __future__ import annotations

from functools import cached_property
from fractions import Fraction

from mlops_maturity.engine.findings import Cap, CapKind
from mlops_maturity.engine.tally import combine, floor1, percent, section_value, totals
from mlops_maturity.model.answers import NA, Answer, Questionnaire
from mlops_maturity.model.rubric import (Band, BandRule, Gate, Level, Question, Rubric,
                                         Section, SectionKind)
from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.model.record import record

__all__ = ["Status", "QuestionResult", "GateResult", "SectionResult", "Result", "score",
           "question_result", "evaluate_gate", "level_for", "highest_stage", "floor1",
           "percent", "meets"]


class Status(TextEnum):
    """How a question was answered."""

    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"
    UNANSWERED = "unanswered"


@record
class QuestionResult:
    """A question with the answer that counts: unanswered ones count as their worst answer."""

    question: Question
    answer: Answer | None
    status: Status
    option_id: str | None  # the option scored; None for n/a

    @property
    def points(self) -> Fraction | None:
        """Points of the option that counts, or None for n/a."""
        if self.option_id is None:
            return None
        return self.question.points_of(self.option_id)

    @property
    def fraction(self) -> Fraction:
        """Share of the question's best points earned (0 for n/a)."""
        q = self.question
        if self.option_id is None or q.best.points == 0:
            return Fraction(0)
        return q.points_of(self.option_id) / q.best.points

    @property
    def is_best(self) -> bool:
        return self.status is Status.ANSWERED and self.option_id == self.question.best.id


@record
class GateResult:
    """A gate and the requirements it is still missing."""

    gate: Gate
    unmet: tuple[str, ...]  # question ids

    @property
    def passed(self) -> bool:
        return not self.unmet


@record
class SectionResult:
    """A section's score, its maturity level before and after caps, and its questions."""

    section: Section
    questions: tuple[QuestionResult, ...]
    score: Fraction | None
    max_score: Fraction | None
    level: Level | None
    score_level: Level | None
    caps: tuple[Cap, ...]

    @property
    def percent(self) -> Fraction | None:
        return percent(self.score, self.max_score)


@record
class Result:
    """The whole scoring outcome for one questionnaire."""

    rubric: Rubric
    questionnaire: Questionnaire
    sections: tuple[SectionResult, ...]
    gates: tuple[GateResult, ...]
    score: Fraction | None
    max_score: Fraction | None
    level: Level | None
    score_level: Level | None
    caps: tuple[Cap, ...]
    band: Band | Level | None

    @property
    def percent(self) -> Fraction | None:
        return percent(self.score, self.max_score)

    @cached_property
    def questions(self) -> tuple[QuestionResult, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    @cached_property
    def _by_id(self) -> dict[str, QuestionResult]:
        return {q.question.id: q for q in self.questions}

    def by_status(self, status: Status) -> tuple[QuestionResult, ...]:
        """Questions in rubric order with the given status."""
        return tuple(q for q in self.questions if q.status is status)

    def question(self, question_id: str) -> QuestionResult:
        """The result of one question."""
        return self._by_id[question_id]


def question_result(question: Question, answer: Answer | None) -> QuestionResult:
    """Decide which option counts for one question."""
    if answer is None or answer.value is None:
        return QuestionResult(question, answer, Status.UNANSWERED, question.worst.id)
    if answer.value == NA:
        return QuestionResult(question, answer, Status.NOT_APPLICABLE, None)
    return QuestionResult(question, answer, Status.ANSWERED, answer.value)


def section_score(rubric: Rubric, results: tuple[QuestionResult, ...]
                  ) -> tuple[Fraction | None, Fraction | None]:
    """A section's (score rounded down to one decimal, maximum) over its applicable questions."""
    rule = rubric.scoring.section
    total, weight = totals(rule, [(r.question, r.option_id) for r in results
                                  if r.option_id is not None])
    value, top = section_value(rule, rubric.scoring.max_score, total, weight)
    return (None if value is None else floor1(value)), top


def meets(result: QuestionResult, at_least: str) -> bool:
    """A requirement is met by an answer at least as good as the one named, or by n/a."""
    if result.status is Status.NOT_APPLICABLE:
        return True
    option = result.option_id
    return (result.status is Status.ANSWERED and option is not None
            and result.question.rank(option) >= result.question.rank(at_least))


def evaluate_gate(gate: Gate, results: dict[str, QuestionResult]) -> GateResult:
    """The gate's requirements that its answers do not meet."""
    unmet = tuple(req.question for req in gate.requires
                  if not meets(results[req.question], req.at_least))
    return GateResult(gate, unmet)


def level_for(rubric: Rubric, pct: Fraction | None, failed: list[GateResult]
              ) -> tuple[Level | None, Level | None, tuple[Cap, ...]]:
    """(maturity level, level by score alone, the gates that capped it)."""
    if not rubric.levels or pct is None:
        return None, None, ()
    by_score = max((i for i, lv in enumerate(rubric.levels) if lv.start <= pct), default=0)
    limits = [(rubric.level_index(g.gate.level) - 1, g.gate.id) for g in failed]
    capped = min([by_score] + [c for c, _ in limits])
    gate_decided = len({lv.start for lv in rubric.levels}) == 1  # gates alone decide
    caps = () if gate_decided else tuple(Cap(CapKind.GATE, gate=gid)
                                         for c, gid in limits if c < by_score)
    return rubric.levels[capped], rubric.levels[by_score], caps


def score(rubric: Rubric, questionnaire: Questionnaire) -> Result:
    """Score a questionnaire that was validated against this rubric."""
    answers = {a.question: a for a in questionnaire.answers}
    results = {q.id: question_result(q, answers.get(q.id)) for q in rubric.questions}
    gates = tuple(evaluate_gate(g, results) for g in rubric.gates)
    failed = [g for g in gates if not g.passed]
    sections = tuple(_section(rubric, s, results, failed) for s in rubric.sections)
    overall, top = overall_score(rubric, sections)
    level, score_level, caps = level_for(rubric, percent(overall, top), failed)
    level, caps = _cap_by_stages(rubric, sections, level, caps)
    return Result(rubric, questionnaire, sections, gates, overall, top, level, score_level,
                  caps, _band(rubric, overall, level))


def _section(rubric: Rubric, section: Section, results: dict[str, QuestionResult],
             failed: list[GateResult]) -> SectionResult:
    qrs = tuple(results[q.id] for q in section.questions)
    value, top = section_score(rubric, qrs)
    level = score_level = None
    caps: tuple[Cap, ...] = ()
    if section.kind is SectionKind.STAGE:
        covering = [g for g in failed if section.id in g.gate.sections]
        level, score_level, caps = level_for(rubric, percent(value, top), covering)
    return SectionResult(section, qrs, value, top, level, score_level, caps)


def highest_stage(rubric: Rubric, sections: tuple[SectionResult, ...]) -> int | None:
    """Index of the highest level any stage reaches, or None without rated stages."""
    levels = [rubric.level_index(s.level.id) for s in sections if s.level is not None]
    return max(levels) if levels else None


def _cap_by_stages(rubric: Rubric, sections: tuple[SectionResult, ...], level: Level | None,
                   caps: tuple[Cap, ...]) -> tuple[Level | None, tuple[Cap, ...]]:
    """The lifecycle as a whole is never rated above its most mature stage."""
    top = highest_stage(rubric, sections)
    if level is None or top is None or rubric.level_index(level.id) <= top:
        return level, caps
    return rubric.levels[top], caps + (Cap(CapKind.STAGES),)


def overall_score(rubric: Rubric, sections: tuple[SectionResult, ...]
                  ) -> tuple[Fraction | None, Fraction | None]:
    """Roll section scores up by the rubric's overall rule, rounded down to one decimal."""
    value, top = combine(rubric, [(s.section.weight, s.score, s.max_score) for s in sections])
    return (None if value is None else floor1(value)), top


def _band(rubric: Rubric, value: Fraction | None, level: Level | None) -> Band | Level | None:
    if rubric.scoring.band is BandRule.LEVEL:
        return level
    if value is None:
        return None
    return next((b for b in rubric.bands if b.contains(value)), None)
