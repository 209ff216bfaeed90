"""Build the report document once from the engine's result; every output format renders it.

Numbers become display numbers here (``report/numbers.py``), every sentence comes from
``report/wording.py``, and every label, advice and description from the rubric, so renderers
only lay the document out.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from mlops_maturity._version import __version__
from mlops_maturity.engine.automation import AutomationResult, DegreeCheck
from mlops_maturity.engine.findings import Blocker, Step, TowardsKind
from mlops_maturity.engine.readiness import DegreeReadiness, Readiness, TargetSource
from mlops_maturity.engine.scoring import QuestionResult, Result, SectionResult, Status
from mlops_maturity.load.evidence import staleness
from mlops_maturity.model.answers import NA, Evidence, Questionnaire, count_answers
from mlops_maturity.model.rubric import QuestionType, OverallRule, Question, Rubric, SectionRule
from mlops_maturity.report import wording
from mlops_maturity.report.model import (FORMAT_VERSION, AnswerLine, AutomationView,
                                         BandView, BlockerView, CapView, DegreeView,
                                         EvidenceView, GateView, LevelView, MissingView,
                                         NotApplicableView, OriginView, OverallView,
                                         ProjectView, QuestionView, ReadinessView, Report,
                                         RequirementView, RubricView, SectionReadinessView,
                                         SectionView, SourceView, StepView, ToolView)
from mlops_maturity.report.numbers import fmt_num, num, shown_percent
from mlops_maturity.model.record import record


@record
class Judged:
    """What the engine found, handed to the report builder in one piece."""

    result: Result
    automation: AutomationResult | None
    degree_readiness: DegreeReadiness | None
    readiness: Readiness | None  # for a target maturity level
    steps: tuple[Step, ...]


def option_label(q: Question, option_id: str | None) -> str | None:
    """The label of an answer as the rubric words it; ``n/a`` stays ``n/a``."""
    if option_id is None:
        return None
    if option_id == NA:
        return "n/a"
    option = q.option(option_id)
    return option.label if option else option_id


def _day(generated_at: str) -> dt.date:
    """The report's date, from its ISO generation time."""
    return dt.date.fromisoformat(generated_at[:10])


def build_report(judged: Judged, generated_at: str, warnings: tuple[str, ...] = ()) -> Report:
    """Assemble the report document from what the engine found."""
    result = judged.result
    rubric = result.rubric
    p = result.questionnaire.project
    return Report(
        format_version=FORMAT_VERSION,
        tool=ToolView("mlops-maturity", __version__),
        generated_at=generated_at,
        rubric=_rubric(rubric),
        project=ProjectView(p.name, p.team, p.assessed_on, p.assessors, p.description),
        automation=_automation(result, judged.automation, judged.degree_readiness),
        overall=_overall(result),
        levels=tuple(LevelView(lv.id, lv.label, lv.description) for lv in rubric.levels),
        bands=tuple(BandView(b.id, b.label, b.description) for b in rubric.bands),
        sections=tuple(_section(s, _day(generated_at), rubric.evidence_max_age)
                       for s in result.sections),
        gates=tuple(GateView(g.gate.id, g.gate.level, g.passed, g.unmet, g.gate.why)
                    for g in result.gates),
        readiness=_readiness(result, judged.readiness),
        recommendations=tuple(_step(rubric, s) for s in judged.steps),
        unanswered=tuple(MissingView(q.question.id, q.question.section, q.question.text)
                         for q in result.by_status(Status.UNANSWERED)),
        not_applicable=tuple(NotApplicableView(q.question.id, q.question.section, q.question.text,
                                               q.answer.reason if q.answer else "")
                             for q in result.by_status(Status.NOT_APPLICABLE)),
        warnings=tuple(warnings),
        origin=_origin(result.questionnaire))


def _origin(q: Questionnaire) -> OriginView:
    """The questionnaire's path and answer lines, for annotations."""
    return OriginView(q.path, q.answers_line,
                      tuple(AnswerLine(a.question, a.line) for a in q.answers
                            if a.line is not None))


def _rubric(rubric: Rubric) -> RubricView:
    weighted = rubric.scoring.section is SectionRule.WEIGHTED_MEAN
    return RubricView(rubric.id, rubric.title, rubric.version,
                      num(rubric.scoring.max_score) if weighted else None,
                      tuple(SourceView(s.title, s.authors, s.year, s.url, s.note)
                            for s in rubric.sources))


def _caps(result: Result | SectionResult) -> tuple[CapView, ...]:
    return tuple(CapView(c.kind, c.gate) for c in result.caps)


def _overall(result: Result) -> OverallView:
    band, level, by_score = result.band, result.level, result.score_level
    counts = count_answers((q.id for q in result.rubric.questions), result.questionnaire.answers)
    return OverallView(
        score=num(result.score), max_score=num(result.max_score),
        percent=shown_percent(result.percent),
        band=band.id if band else None, band_label=band.label if band else None,
        band_description=band.description if band else None,
        level=level.id if level else None, level_label=level.label if level else None,
        level_by_score=by_score.id if by_score else None,
        caps=_caps(result), held_back_by=wording.held_back_by(result.caps),
        verdict=maturity_verdict(result),
        answered=counts.answered, unanswered=counts.unanswered,
        not_applicable=counts.not_applicable, questions=counts.questions)


def maturity_verdict(result: Result) -> str:
    """One sentence on lifecycle maturity, in the rubric's own labels."""
    if result.score is None:
        return "Nothing could be scored: every question was answered n/a."
    where = f"Maturity: {fmt_num(num(result.score))} of {fmt_num(num(result.max_score))}"
    if result.rubric.scoring.overall is OverallRule.MIN:
        scored = [s for s in result.sections if s.percent is not None]
        weakest = min(scored, key=lambda s: s.percent or Fraction(0))
        where += f", set by its weakest section, '{weakest.section.title}'"
    shows_band = result.band is not None and result.band is not result.level
    band = f", band '{result.band.label}'" if result.band and shows_band else ""
    if result.level is None:
        return f"{where}{band}."
    capped = (f" (held back by {wording.held_back_by(result.caps)})" if result.caps else "")
    return f"{where}{band}, level '{result.level.label}'{capped}."


def _evidence(e: Evidence, on: dt.date, max_age: int | None) -> str | EvidenceView:
    """Plain text stays a string (as evidence always was); anything more becomes a view with
    its age on the report's date and whether it is stale."""
    if e.plain:
        return e.text
    age = (on - e.date).days if e.date is not None else None
    return EvidenceView(
        e.kind, e.shown, e.path or None, str(e.lines) if e.lines else None, e.url or None,
        e.date.isoformat() if e.date else None,
        e.review_by.isoformat() if e.review_by else None, age,
        wording.evidence_age(age) if age is not None else None,
        staleness(e, on, max_age) is not None, e.source, e.note)


def _question(qr: QuestionResult, on: dt.date, max_age: int | None) -> QuestionView:
    q, a = qr.question, qr.answer
    answered = qr.status is Status.ANSWERED
    answer = NA if qr.status is Status.NOT_APPLICABLE else (qr.option_id if answered else None)
    active = qr.status is not Status.NOT_APPLICABLE
    ranked = q.type is not QuestionType.DEGREE  # who decides is declared, never "best"
    return QuestionView(
        q.id, q.section, q.type.value, q.text, num(q.weight, 2), qr.status, answer,
        option_label(q, answer), q.best.id if ranked else None,
        q.best.label if ranked else None, qr.is_best if ranked else None,
        num(q.weight * qr.fraction * q.best.points, 2) if active else None,
        num(q.weight * q.best.points, 2),
        tuple(_evidence(e, on, max_age) for e in a.evidence) if a else (), a.notes if a else "",
        a.reason if a else "", q.why, q.advice)


def _section(s: SectionResult, on: dt.date, max_age: int | None) -> SectionView:
    level, by_score = s.level, s.score_level
    return SectionView(
        s.section.id, s.section.title, s.section.kind, num(s.section.weight, 2), num(s.score),
        num(s.max_score), shown_percent(s.percent), level.id if level else None,
        level.label if level else None, by_score.id if by_score else None, _caps(s),
        wording.held_back_by(s.caps), tuple(_question(q, on, max_age) for q in s.questions))


def _label(rubric: Rubric, b: Blocker, value: str | None) -> str | None:
    """An answer's label for a practice; a degree's or a level's label otherwise."""
    if b.question is not None and b.question.scored:
        return option_label(b.question, value)
    if value is None:
        return None
    degree = rubric.automation.degree(value) if rubric.automation else None
    level = rubric.level(value)
    return degree.label if degree else (level.label if level else value)


def _blocker(result: Result, b: Blocker) -> BlockerView:
    rubric, q = result.rubric, b.question
    section = next((s for s in result.sections if s.section.id == b.section), None)
    return BlockerView(
        b.kind, q.id if q else None, q.text if q else None, b.section,
        section.section.title if section else None, b.current, _label(rubric, b, b.current),
        b.needed, _label(rubric, b, b.needed), b.owners, num(b.score), num(b.needed_score),
        num(section.max_score) if section else None, q.advice if q else None)


def _automation(result: Result, axis: AutomationResult | None,
                ready: DegreeReadiness | None) -> AutomationView | None:
    if axis is None or ready is None:
        return None
    question = result.question(axis.automation.question).question
    declared = axis.declared
    blockers = tuple(_blocker(result, b) for b in ready.blockers)
    return AutomationView(
        question.id, question.text, declared.id if declared else None,
        declared.label if declared else None, axis.supported.id, axis.supported.label,
        axis.within_support,
        wording.automation_verdict(declared.label if declared else None, axis.supported.label,
                                   axis.within_support, question.id),
        ready.target.id, ready.target.label, ready.source, ready.design_point, ready.ready,
        wording.degree_target_verdict(ready.target.label, ready.ready, len(blockers),
                                      ready.design_point,
                                      declared.label if declared else None,
                                      ready.source is TargetSource.NEXT_DEGREE),
        blockers, tuple(_degree(result, axis, c) for c in axis.checks))


def _current(qr: QuestionResult) -> tuple[str | None, str | None]:
    """The answer given (``n/a`` included), or None when the question is unanswered."""
    if qr.status is Status.NOT_APPLICABLE:
        return NA, "n/a"
    if qr.status is Status.UNANSWERED:
        return None, None
    return qr.option_id, option_label(qr.question, qr.option_id)


def _degree(result: Result, axis: AutomationResult, check: DegreeCheck) -> DegreeView:
    d = check.degree
    practices = tuple(RequirementView(
        c.requirement.question, c.result.question.section, c.requirement.at_least,
        option_label(c.result.question, c.requirement.at_least), *_current(c.result),
        None, None, c.met) for c in check.practices)
    sections = tuple(RequirementView(
        None, c.minimum.section, None, None, None, None, num(c.minimum.at_least),
        shown_percent(c.percent), c.met) for c in check.sections)
    return DegreeView(d.id, d.label, d.description, d.example, d.why,
                      axis.supports(d.id), practices + sections)


def _readiness(result: Result, ready: Readiness | None) -> ReadinessView | None:
    if ready is None:
        return None
    rubric = result.rubric
    word = "Ready" if ready.met else "Not ready"
    titles = {s.id: s.title for s in rubric.sections}
    sections = tuple(SectionReadinessView(
        s.section_id, titles[s.section_id], s.level.id if s.level else None, s.met,
        tuple(_blocker(result, b) for b in s.blockers)) for s in ready.sections)
    return ReadinessView(ready.target.id, ready.target.label, ready.source, ready.met,
                         f"{word} for {ready.target.label}",
                         tuple(_blocker(result, b) for b in ready.blockers), sections)


def _step(rubric: Rubric, s: Step) -> StepView:
    q = s.question
    towards = s.towards
    label = None
    if towards is not None and towards.kind is TowardsKind.LEVEL:
        level = rubric.level(towards.id)
        label = level.label if level else towards.id
    elif towards is not None and rubric.automation is not None:
        degree = rubric.automation.degree(towards.id)
        label = degree.label if degree else towards.id
    return StepView(q.id, q.text, q.section, s.current,
                    option_label(q, s.current) or "unanswered", s.next,
                    option_label(q, s.next) or s.next, num(s.gain, 2),
                    towards.kind if towards else None, towards.id if towards else None, label,
                    s.required, s.action, q.advice)
