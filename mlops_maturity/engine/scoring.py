"""Score answers against a rubric: a pure function, no I/O, exact arithmetic.

Everything a report shows (scores, degrees, bands, gates, unanswered and n/a questions) is
computed here once, so renderers never do arithmetic and tests can drive scoring with tables.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

from mlops_maturity.model.maxima import overall_max
from mlops_maturity.model.answers import NA, Answer, Questionnaire
from mlops_maturity.model.rubric import Band, BandRule, Gate, Level, OverallRule, Question, QuestionType, Rubric, Section, SectionKind, SectionRule


class Status(str, enum.Enum):
    """How a question was answered."""

    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"
    UNANSWERED = "unanswered"


@dataclass(frozen=True)
class QuestionResult:
    """A question with the answer that counts: unanswered ones count as their worst answer."""

    question: Question
    answer: Answer | None
    status: Status
    option_id: str | None  # the option scored; None for n/a

    @property
    def fraction(self) -> Fraction:
        """Share of the question's best points earned (0 for n/a)."""
        q = self.question
        if self.option_id is None or q.best.points == 0:
            return Fraction(0)
        return q.option(self.option_id).points / q.best.points

    @property
    def is_best(self) -> bool:
        return self.status is Status.ANSWERED and self.option_id == self.question.best.id


@dataclass(frozen=True)
class GateResult:
    """A gate and the requirements it is still missing."""

    gate: Gate
    unmet: tuple[str, ...]  # question ids

    @property
    def passed(self) -> bool:
        return not self.unmet


@dataclass(frozen=True)
class SectionResult:
    """A section's score, its degree before and after gates, and its questions."""

    section: Section
    questions: tuple[QuestionResult, ...]
    score: Fraction | None
    max_score: Fraction | None
    degree: Level | None
    score_degree: Level | None
    capped_by: tuple[str, ...]

    @property
    def percent(self) -> Fraction | None:
        return percent(self.score, self.max_score)


@dataclass(frozen=True)
class Result:
    """The whole scoring outcome for one questionnaire."""

    rubric: Rubric
    questionnaire: Questionnaire
    sections: tuple[SectionResult, ...]
    gates: tuple[GateResult, ...]
    score: Fraction | None
    max_score: Fraction | None
    degree: Level | None
    score_degree: Level | None
    capped_by: tuple[str, ...]
    band: Band | Level | None

    @property
    def percent(self) -> Fraction | None:
        return percent(self.score, self.max_score)

    @property
    def questions(self) -> tuple[QuestionResult, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def by_status(self, status: Status) -> tuple[QuestionResult, ...]:
        """Questions in rubric order with the given status."""
        return tuple(q for q in self.questions if q.status is status)

    def question(self, question_id: str) -> QuestionResult:
        """The result of one question."""
        return next(q for q in self.questions if q.question.id == question_id)


def floor1(value: Fraction) -> Fraction:
    """Round down to one decimal, so rounding never lifts a score over a threshold."""
    return Fraction(math.floor(value * 10), 10)


def percent(score: Fraction | None, top: Fraction | None) -> Fraction | None:
    """Score as a percent of its maximum."""
    if score is None or not top:
        return None
    return score * 100 / top


def question_result(question: Question, answer: Answer | None) -> QuestionResult:
    """Decide which option counts for one question."""
    if answer is None or answer.value is None:
        return QuestionResult(question, answer, Status.UNANSWERED, question.worst.id)
    if answer.value == NA:
        return QuestionResult(question, answer, Status.NOT_APPLICABLE, None)
    return QuestionResult(question, answer, Status.ANSWERED, answer.value)


def raw_section_score(rule: SectionRule, max_score: Fraction,
                      results: Iterable[QuestionResult]) -> tuple[Fraction | None, Fraction | None]:
    """A section's exact (score, maximum) over its applicable questions; (None, None) if none apply."""
    active = [r for r in results if r.status is not Status.NOT_APPLICABLE]
    if rule is SectionRule.SUM:
        top = sum((r.question.weight * r.question.best.points for r in active), Fraction(0))
        if not active or top == 0:
            return None, None
        return sum((r.question.weight * r.fraction * r.question.best.points for r in active),
                   Fraction(0)), top
    total = sum((r.question.weight for r in active), Fraction(0))
    if total == 0:
        return None, None
    return max_score * sum((r.question.weight * r.fraction for r in active), Fraction(0)) / total, max_score


def section_score(rule: SectionRule, max_score: Fraction,
                  results: Iterable[QuestionResult]) -> tuple[Fraction | None, Fraction | None]:
    """A section's (score rounded down to one decimal, maximum)."""
    value, top = raw_section_score(rule, max_score, results)
    return (None if value is None else floor1(value)), top


def evaluate_gate(gate: Gate, results: dict[str, QuestionResult]) -> GateResult:
    """A requirement is met by an answer at least as good as the one named, or by n/a."""
    unmet = []
    for req in gate.requires:
        r = results[req.question]
        if r.status is Status.NOT_APPLICABLE:
            continue
        if r.status is Status.UNANSWERED or r.question.rank(r.option_id) < r.question.rank(req.at_least):
            unmet.append(req.question)
    return GateResult(gate, tuple(unmet))


def degree_for(rubric: Rubric, pct: Fraction | None, failed: list[GateResult]) -> tuple[Level | None, Level | None, tuple[str, ...]]:
    """(degree, degree by score alone, ids of the gates that capped it)."""
    if not rubric.scale or pct is None:
        return None, None, ()
    by_score = max((i for i, lv in enumerate(rubric.scale) if lv.start <= pct), default=0)
    caps = [(rubric.level_index(g.gate.degree) - 1, g.gate.id) for g in failed]
    capped = min([by_score] + [c for c, _ in caps])
    gate_decided = len({lv.start for lv in rubric.scale}) == 1  # gates alone decide the degree
    capped_by = () if gate_decided else tuple(gid for c, gid in caps if c < by_score)
    return rubric.scale[capped], rubric.scale[by_score], capped_by


def score(rubric: Rubric, questionnaire: Questionnaire) -> Result:
    """Score a questionnaire that was validated against this rubric."""
    answers = {a.question: a for a in questionnaire.answers}
    results = {q.id: question_result(q, answers.get(q.id)) for q in rubric.questions}
    gates = tuple(evaluate_gate(g, results) for g in rubric.gates)
    failed = [g for g in gates if not g.passed]
    sections = tuple(_section(rubric, s, results, failed) for s in rubric.sections)
    overall, top = overall_score(rubric, sections)
    degree, score_degree, capped_by = degree_for(rubric, percent(overall, top), failed)
    degree, capped_by = _cap_by_stages(rubric, sections, degree, capped_by)
    return Result(rubric, questionnaire, sections, gates, overall, top, degree, score_degree,
                  capped_by, _band(rubric, overall, degree))


def _section(rubric: Rubric, section: Section, results: dict[str, QuestionResult],
             failed: list[GateResult]) -> SectionResult:
    qrs = tuple(results[q.id] for q in section.questions)
    value, top = section_score(rubric.scoring.section, rubric.scoring.max_score, qrs)
    degree = score_degree = None
    capped_by: tuple[str, ...] = ()
    if section.kind is SectionKind.STAGE:
        covering = [g for g in failed if section.id in g.gate.sections]
        degree, score_degree, capped_by = degree_for(rubric, percent(value, top), covering)
        degree, capped_by = _cap_by_claim(rubric, qrs, degree, capped_by)
    return SectionResult(section, qrs, value, top, degree, score_degree, capped_by)


def _cap_by_claim(rubric: Rubric, qrs: tuple[QuestionResult, ...], degree: Level | None,
                  capped_by: tuple[str, ...]) -> tuple[Level | None, tuple[str, ...]]:
    """A stage is never rated above the degree its team says it runs at (its ``degree``
    questions; unanswered counts as the lowest), whatever its score."""
    claims = {r.question.id: rubric.level_index(r.option_id) for r in qrs
              if r.question.type is QuestionType.DEGREE and r.option_id is not None}
    if degree is None or not claims:
        return degree, capped_by
    lowest = min(claims.values())
    if lowest >= rubric.level_index(degree.id):
        return degree, capped_by
    return rubric.scale[lowest], capped_by + tuple(q for q, c in claims.items() if c == lowest)


STAGES_CAP = "stage-degrees"


def highest_stage(rubric: Rubric, sections: tuple[SectionResult, ...]) -> int | None:
    """Index of the highest degree any stage reaches, or None without rated stages."""
    levels = [rubric.level_index(s.degree.id) for s in sections if s.degree is not None]
    return max(levels) if levels else None


def _cap_by_stages(rubric: Rubric, sections: tuple[SectionResult, ...], degree: Level | None,
                   capped_by: tuple[str, ...]) -> tuple[Level | None, tuple[str, ...]]:
    """The system as a whole is never rated above its most automated stage."""
    top = highest_stage(rubric, sections)
    if degree is None or top is None or rubric.level_index(degree.id) <= top:
        return degree, capped_by
    return rubric.scale[top], capped_by + (STAGES_CAP,)


def overall_score(rubric: Rubric, sections: tuple[SectionResult, ...]) -> tuple[Fraction | None, Fraction | None]:
    """Roll section scores up by the rubric's overall rule, rounded down to one decimal."""
    value, top = combine(rubric, [(s.section.weight, s.score, s.max_score) for s in sections])
    return (None if value is None else floor1(value)), top


def combine(rubric: Rubric, parts: list[tuple[Fraction, Fraction | None, Fraction | None]]
            ) -> tuple[Fraction | None, Fraction | None]:
    """Combine (section weight, score, maximum) triples; sections without a score are left out."""
    scored = [(w, v, m) for w, v, m in parts if v is not None]
    if not scored:
        return None, None
    if rubric.scoring.overall is OverallRule.MIN:
        # Compare sections as shares of their maxima, so that a small perfect section cannot
        # hide a weak large one, and n/a answers (which shrink a maximum) cannot either.
        top = overall_max(rubric.scoring, rubric.sections)
        return min(v / m for _, v, m in scored) * top, top
    total = sum((w for w, _, _ in scored), Fraction(0))
    if total == 0:
        return None, None
    value = sum((w * v for w, v, _ in scored), Fraction(0)) / total
    return value, sum((w * m for w, _, m in scored), Fraction(0)) / total


def _band(rubric: Rubric, value: Fraction | None, degree: Level | None) -> Band | Level | None:
    if rubric.scoring.band is BandRule.DEGREE:
        return degree
    if value is None:
        return None
    return next((b for b in rubric.bands if b.contains(value)), None)
