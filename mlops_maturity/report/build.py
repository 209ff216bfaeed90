"""Build the report view model once; every output format renders this same document.

Numbers are turned into display-ready floats here, and every label, advice and verdict is
taken from the rubric, so renderers only lay the document out. The JSON output is this model
serialised, which is why ``score --format json`` and ``report -o x.json`` agree byte for byte.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

from mlops_maturity._version import __version__
from mlops_maturity.model.answers import NA
from mlops_maturity.model.rubric import OverallRule, Question, Rubric, SectionRule
from mlops_maturity.engine.readiness import Blocker, Readiness, Step
from mlops_maturity.engine.scoring import STAGES_CAP, QuestionResult, Result, SectionResult, Status, floor1

FORMAT_VERSION = 1


def num(value: Fraction | None, places: int = 1) -> float | None:
    """A display number: exact values are rounded half up to a fixed number of places."""
    if value is None:
        return None
    scaled = value * 10 ** places
    return float(int(scaled + Fraction(1, 2)) if scaled >= 0 else -int(-scaled + Fraction(1, 2))) / 10 ** places


def _pct(value: Fraction | None) -> float | None:
    """Percentages are rounded down like scores, so 79.99% never shows as 80%."""
    return None if value is None else num(floor1(value))


def option_label(q: Question, option_id: str | None) -> str | None:
    if option_id is None:
        return None
    if option_id == NA:
        return "n/a"
    option = q.option(option_id)
    return option.label if option else option_id


@dataclass(frozen=True)
class QuestionView:
    id: str
    section: str
    type: str
    text: str
    weight: float
    status: str
    answer: str | None
    answer_label: str | None
    best: str
    best_label: str
    is_best: bool
    points: float | None
    max_points: float
    evidence: tuple[str, ...]
    notes: str
    reason: str
    why: str
    advice: str


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    kind: str
    weight: float
    score: float | None
    max_score: float | None
    percent: float | None
    degree: str | None
    degree_label: str | None
    degree_by_score: str | None
    capped_by: tuple[str, ...]
    held_back_by: str | None
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class BlockerView:
    kind: str
    question: str | None
    question_text: str | None
    section: str | None
    current: str | None
    current_label: str | None
    needed: str | None
    needed_label: str | None
    gates: tuple[str, ...]
    score: float | None
    needed_score: float | None
    advice: str | None


@dataclass(frozen=True)
class SectionReadinessView:
    section: str
    title: str
    degree: str | None
    met: bool
    blockers: tuple[BlockerView, ...]


@dataclass(frozen=True)
class ReadinessView:
    target: str
    target_label: str
    target_source: str
    met: bool
    verdict: str
    blockers: tuple[BlockerView, ...]
    sections: tuple[SectionReadinessView, ...]


@dataclass(frozen=True)
class StepView:
    question: str
    question_text: str
    section: str
    current: str | None
    current_label: str
    next: str
    next_label: str
    gain: float
    degree: str | None
    degree_label: str | None
    blocker: bool
    action: str
    advice: str


@dataclass(frozen=True)
class Report:
    """The whole report document."""

    format_version: int
    tool: dict[str, str]
    generated_at: str
    rubric: dict[str, Any]
    project: dict[str, Any]
    overall: dict[str, Any]
    scale: tuple[dict[str, str], ...]
    sections: tuple[SectionView, ...]
    gates: tuple[dict[str, Any], ...]
    readiness: ReadinessView | None
    recommendations: tuple[StepView, ...]
    unanswered: tuple[dict[str, str], ...]
    not_applicable: tuple[dict[str, str], ...]
    warnings: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return asdict(self)


def build_report(result: Result, ready: Readiness | None, steps: tuple[Step, ...],
                 generated_at: str, warnings: tuple[str, ...] = ()) -> Report:
    """Assemble the report document from a scoring result, its readiness and roadmap."""
    rubric = result.rubric
    return Report(
        format_version=FORMAT_VERSION,
        tool={"name": "mlops-maturity", "version": __version__},
        generated_at=generated_at,
        rubric=_rubric(rubric),
        project=asdict(result.questionnaire.project),
        overall=_overall(result, ready),
        scale=tuple({"id": lv.id, "label": lv.label, "description": lv.description} for lv in rubric.scale),
        sections=tuple(_section(s) for s in result.sections),
        gates=tuple({"id": g.gate.id, "degree": g.gate.degree, "passed": g.passed, "unmet": list(g.unmet),
                     "why": g.gate.why} for g in result.gates),
        readiness=_readiness(result, ready),
        recommendations=tuple(_step(rubric, s) for s in steps),
        unanswered=tuple({"id": q.question.id, "section": q.question.section, "text": q.question.text}
                         for q in result.by_status(Status.UNANSWERED)),
        not_applicable=tuple({"id": q.question.id, "section": q.question.section, "text": q.question.text,
                              "reason": q.answer.reason if q.answer else ""}
                             for q in result.by_status(Status.NOT_APPLICABLE)),
        warnings=tuple(warnings))


def _rubric(rubric: Rubric) -> dict[str, Any]:
    return {"id": rubric.id, "title": rubric.title, "version": rubric.version,
            "max_score": num(rubric.scoring.max_score) if rubric.scoring.section is SectionRule.WEIGHTED_MEAN else None,
            "sources": [asdict(s) for s in rubric.sources]}


def _overall(result: Result, ready: Readiness | None) -> dict[str, Any]:
    band = result.band
    return {
        "score": num(result.score), "max_score": num(result.max_score), "percent": _pct(result.percent),
        "degree": result.degree.id if result.degree else None,
        "degree_label": result.degree.label if result.degree else None,
        "degree_by_score": result.score_degree.id if result.score_degree else None,
        "capped_by": list(result.capped_by),
        "held_back_by": held_back_by((), result.capped_by),
        "band": band.id if band else None, "band_label": band.label if band else None,
        "band_description": band.description if band else None,
        "verdict": verdict(result, ready),
        "answered": len(result.by_status(Status.ANSWERED)),
        "unanswered": len(result.by_status(Status.UNANSWERED)),
        "not_applicable": len(result.by_status(Status.NOT_APPLICABLE)),
        "questions": len(result.questions),
    }


def held_back_by(questions, capped_by: tuple[str, ...]) -> str | None:
    """Plain words for what caps a degree: gates, the team's own degree answer, or the stages."""
    if not capped_by:
        return None
    claims = {q.id for q in questions}
    parts = []
    gates = [c for c in capped_by if c not in claims and c != STAGES_CAP]
    if gates:
        parts.append(("gate " if len(gates) == 1 else "gates ") + ", ".join(gates))
    parts += [f"the team's own answer to {c}" for c in capped_by if c in claims]
    if STAGES_CAP in capped_by:
        parts.append("no stage being rated higher")
    return "; ".join(parts)


def verdict(result: Result, ready: Readiness | None) -> str:
    """One sentence that says where the system stands, in the rubric's own labels."""
    if result.score is None:
        return "Nothing could be scored: every question was answered n/a."
    where = f"scores {num(result.score):g} of {num(result.max_score):g}"
    if result.rubric.scoring.overall is OverallRule.MIN:
        weakest = min((s for s in result.sections if s.score is not None), key=lambda s: s.percent)
        where += f", set by its weakest section, '{weakest.section.title}'"
    band = f", in the '{result.band.label}' band" if result.band and result.band is not result.degree else ""
    if result.degree is None:
        return f"The system {where}{band}."
    capped = f" (held back by {held_back_by((), result.capped_by)})" if result.capped_by else ""
    sentence = f"The system runs at '{result.degree.label}'{capped}, {where}{band}."
    if ready is not None and ready.target.id != result.degree.id:
        state = "ready" if ready.met else f"not ready ({len(ready.blockers)} blocker{'s' * (len(ready.blockers) != 1)})"
        sentence += f" It is {state} for '{ready.target.label}'."
    return sentence


def _question(qr: QuestionResult) -> QuestionView:
    q, a = qr.question, qr.answer
    answer = NA if qr.status is Status.NOT_APPLICABLE else (qr.option_id if qr.status is Status.ANSWERED else None)
    active = qr.status is not Status.NOT_APPLICABLE
    return QuestionView(
        q.id, q.section, q.type.value, q.text, num(q.weight, 2), qr.status.value, answer,
        option_label(q, answer), q.best.id, q.best.label, qr.is_best,
        num(q.weight * qr.fraction * q.best.points, 2) if active else None,
        num(q.weight * q.best.points, 2), a.evidence if a else (), a.notes if a else "",
        a.reason if a else "", q.why, q.advice)


def _section(s: SectionResult) -> SectionView:
    return SectionView(
        s.section.id, s.section.title, s.section.kind.value, num(s.section.weight, 2), num(s.score),
        num(s.max_score), _pct(s.percent), s.degree.id if s.degree else None,
        s.degree.label if s.degree else None, s.score_degree.id if s.score_degree else None,
        s.capped_by, held_back_by(s.section.questions, s.capped_by), tuple(_question(q) for q in s.questions))


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
    sections = tuple(SectionReadinessView(
        s.section_id, rubric.section(s.section_id).title, s.degree.id if s.degree else None, s.met,
        tuple(_blocker(rubric, b) for b in s.blockers)) for s in ready.sections)
    return ReadinessView(ready.target.id, ready.target.label, ready.source, ready.met,
                         f"{word} for {ready.target.label}", tuple(_blocker(rubric, b) for b in ready.blockers),
                         sections)


def _step(rubric: Rubric, s: Step) -> StepView:
    q = s.question
    level = rubric.level(s.degree) if s.degree else None
    action = "answer this first" if s.unanswered else ("unblock" if s.blocker else "improve")
    return StepView(q.id, q.text, q.section, s.current, option_label(q, s.current) or "unanswered",
                    s.next, option_label(q, s.next), num(s.gain, 2), s.degree,
                    level.label if level else None, s.blocker, action, q.advice)
