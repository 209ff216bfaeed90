"""Build the report document once from the engine's result; every output format renders it.

Numbers become display numbers here (``report/numbers.py``), and every label, advice and
verdict is taken from the rubric, so renderers only lay the document out.
"""

from __future__ import annotations

from fractions import Fraction

from mlops_maturity._version import __version__
from mlops_maturity.engine.findings import Blocker, Step
from mlops_maturity.engine.readiness import Readiness
from mlops_maturity.engine.scoring import QuestionResult, Result, SectionResult, Status
from mlops_maturity.model.answers import NA, count_answers
from mlops_maturity.model.rubric import OverallRule, Question, Rubric, SectionRule
from mlops_maturity.report.model import (FORMAT_VERSION, BlockerView, GateView, LevelView,
                                         MissingView, NotApplicableView, OverallView,
                                         ProjectView, QuestionView, ReadinessView, Report,
                                         RubricView, SectionReadinessView, SectionView,
                                         SourceView, StepView, ToolView)
from mlops_maturity.report.numbers import fmt_num, num, shown_percent
from mlops_maturity.report.wording import held_back_by, plural


def option_label(q: Question, option_id: str | None) -> str | None:
    """The label of an answer as the rubric words it; ``n/a`` stays ``n/a``."""
    if option_id is None:
        return None
    if option_id == NA:
        return "n/a"
    option = q.option(option_id)
    return option.label if option else option_id


def build_report(result: Result, ready: Readiness | None, steps: tuple[Step, ...],
                 generated_at: str, warnings: tuple[str, ...] = ()) -> Report:
    """Assemble the report document from a scoring result, its readiness and roadmap."""
    rubric = result.rubric
    p = result.questionnaire.project
    return Report(
        format_version=FORMAT_VERSION,
        tool=ToolView("mlops-maturity", __version__),
        generated_at=generated_at,
        rubric=_rubric(rubric),
        project=ProjectView(p.name, p.team, p.assessed_on, p.assessors, p.description),
        overall=_overall(result, ready),
        scale=tuple(LevelView(lv.id, lv.label, lv.description) for lv in rubric.scale),
        sections=tuple(_section(s) for s in result.sections),
        gates=tuple(GateView(g.gate.id, g.gate.degree, g.passed, g.unmet, g.gate.why)
                    for g in result.gates),
        readiness=_readiness(result, ready),
        recommendations=tuple(_step(rubric, s) for s in steps),
        unanswered=tuple(MissingView(q.question.id, q.question.section, q.question.text)
                         for q in result.by_status(Status.UNANSWERED)),
        not_applicable=tuple(NotApplicableView(q.question.id, q.question.section, q.question.text,
                                               q.answer.reason if q.answer else "")
                             for q in result.by_status(Status.NOT_APPLICABLE)),
        warnings=tuple(warnings))


def _rubric(rubric: Rubric) -> RubricView:
    weighted = rubric.scoring.section is SectionRule.WEIGHTED_MEAN
    return RubricView(rubric.id, rubric.title, rubric.version,
                      num(rubric.scoring.max_score) if weighted else None,
                      tuple(SourceView(s.title, s.authors, s.year, s.url, s.note)
                            for s in rubric.sources))


def _overall(result: Result, ready: Readiness | None) -> OverallView:
    band = result.band
    degree, by_score = result.degree, result.score_degree
    counts = count_answers((q.id for q in result.rubric.questions), result.questionnaire.answers)
    return OverallView(
        score=num(result.score), max_score=num(result.max_score),
        percent=shown_percent(result.percent),
        degree=degree.id if degree else None, degree_label=degree.label if degree else None,
        degree_by_score=by_score.id if by_score else None,
        capped_by=tuple(c.reference for c in result.caps), held_back_by=held_back_by(result.caps),
        band=band.id if band else None, band_label=band.label if band else None,
        band_description=band.description if band else None,
        verdict=verdict(result, ready),
        answered=counts.answered, unanswered=counts.unanswered,
        not_applicable=counts.not_applicable, questions=counts.questions)


def verdict(result: Result, ready: Readiness | None) -> str:
    """One sentence that says where the system stands, in the rubric's own labels."""
    if result.score is None:
        return "Nothing could be scored: every question was answered n/a."
    where = f"scores {fmt_num(num(result.score))} of {fmt_num(num(result.max_score))}"
    if result.rubric.scoring.overall is OverallRule.MIN:
        scored = [s for s in result.sections if s.percent is not None]
        weakest = min(scored, key=lambda s: s.percent or Fraction(0))
        where += f", set by its weakest section, '{weakest.section.title}'"
    shows_band = result.band is not None and result.band is not result.degree
    band = f", in the '{result.band.label}' band" if result.band and shows_band else ""
    if result.degree is None:
        return f"The system {where}{band}."
    capped = f" (held back by {held_back_by(result.caps)})" if result.caps else ""
    sentence = f"The system runs at '{result.degree.label}'{capped}, {where}{band}."
    if ready is not None and ready.target.id != result.degree.id:
        state = "ready" if ready.met else f"not ready ({plural(len(ready.blockers), 'blocker')})"
        sentence += f" It is {state} for '{ready.target.label}'."
    return sentence


def _question(qr: QuestionResult) -> QuestionView:
    q, a = qr.question, qr.answer
    answered = qr.status is Status.ANSWERED
    answer = NA if qr.status is Status.NOT_APPLICABLE else (qr.option_id if answered else None)
    active = qr.status is not Status.NOT_APPLICABLE
    return QuestionView(
        q.id, q.section, q.type.value, q.text, num(q.weight, 2), qr.status, answer,
        option_label(q, answer), q.best.id, q.best.label, qr.is_best,
        num(q.weight * qr.fraction * q.best.points, 2) if active else None,
        num(q.weight * q.best.points, 2), a.evidence if a else (), a.notes if a else "",
        a.reason if a else "", q.why, q.advice)


def _section(s: SectionResult) -> SectionView:
    degree, by_score = s.degree, s.score_degree
    return SectionView(
        s.section.id, s.section.title, s.section.kind, num(s.section.weight, 2), num(s.score),
        num(s.max_score), shown_percent(s.percent), degree.id if degree else None,
        degree.label if degree else None, by_score.id if by_score else None,
        tuple(c.reference for c in s.caps), held_back_by(s.caps),
        tuple(_question(q) for q in s.questions))


def _blocker(rubric: Rubric, b: Blocker) -> BlockerView:
    q = b.question

    def label(value: str | None) -> str | None:
        if q is not None:
            return option_label(q, value)
        level = rubric.level(value) if value else None
        return level.label if level else None

    return BlockerView(
        b.kind, q.id if q else None, q.text if q else None, b.section,
        b.current, label(b.current), b.needed, label(b.needed), b.gates, num(b.score),
        num(b.needed_score), q.advice if q else None)


def _readiness(result: Result, ready: Readiness | None) -> ReadinessView | None:
    if ready is None:
        return None
    rubric = result.rubric
    word = "Ready" if ready.met else "Not ready"
    titles = {s.id: s.title for s in rubric.sections}
    sections = tuple(SectionReadinessView(
        s.section_id, titles[s.section_id], s.degree.id if s.degree else None, s.met,
        tuple(_blocker(rubric, b) for b in s.blockers)) for s in ready.sections)
    return ReadinessView(ready.target.id, ready.target.label, ready.source, ready.met,
                         f"{word} for {ready.target.label}",
                         tuple(_blocker(rubric, b) for b in ready.blockers), sections)


def _step(rubric: Rubric, s: Step) -> StepView:
    q = s.question
    level = rubric.level(s.degree) if s.degree else None
    return StepView(q.id, q.text, q.section, s.current,
                    option_label(q, s.current) or "unanswered", s.next,
                    option_label(q, s.next) or s.next, num(s.gain, 2), s.degree,
                    level.label if level else None, s.blocker, s.action, q.advice)
