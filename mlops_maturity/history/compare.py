"""What changed between two assessments of one system: a pure function of two runs.

Decisions (went up, went down, regressed) are made on the engine's exact numbers; the
numbers kept for people are the reports' display numbers, so a comparison never shows a
score differently from the report it came from. Who decides is declared by the team: a
change of the declared degree is the team's change of design, never an improvement or a
regression. What the practices support can go up or down, and running beyond support is
the most important regression there is.

When the two were scored against different versions of one rubric, only the questions and
sections both have are compared; the rest are named as added or removed. Two different
rubrics cannot be compared at all. Two different ``project.name`` values are compared, with a
warning in the document (``history/systems.py``): a system may have been renamed.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from mlops_maturity.api import Assessed
from mlops_maturity.engine.scoring import QuestionResult, Status
from mlops_maturity.history import wording
from mlops_maturity.history.changes import (FORMAT_VERSION, AnswerChange, AnswerChangeKind,
                                            AutomationChange, Axis, BlockerChange, Comparison,
                                            Direction, LevelChange, Regression,
                                            RegressionKind, ScoreChange, SectionChange,
                                            SideView)
from mlops_maturity.model.errors import Problem, UsageError
from mlops_maturity.report.model import SectionView
from mlops_maturity.report.numbers import fmt_num
from mlops_maturity.report.wording import plain

__all__ = ["compare", "Comparison", "AnswerChangeKind", "Direction", "RegressionKind"]


def _direction(old: Fraction | int | None, new: Fraction | int | None) -> Direction:
    if old is None or new is None:
        return Direction.UNKNOWN
    return Direction.UP if new > old else Direction.DOWN if new < old else Direction.SAME


def _share(score: Fraction | None, top: Fraction | None) -> Fraction | None:
    """A score as a share of its maximum, so versions with other maxima still compare."""
    return None if score is None or not top else score / top


def _score(old: tuple[Fraction | None, Fraction | None],
           new: tuple[Fraction | None, Fraction | None],
           shown: tuple[float | None, float | None, float | None]) -> ScoreChange:
    """A score on both sides: exact values decide the direction, display values are shown."""
    direction = _direction(_share(*old), _share(*new))
    old_shown, new_shown, top = shown
    same_scale = old[1] == new[1]
    delta = (round(new_shown - old_shown, 1) + 0.0
             if same_scale and old_shown is not None and new_shown is not None else None)
    return ScoreChange(old_shown, new_shown, top, delta, direction)


def _level(old: tuple[str | None, str | None], new: tuple[str | None, str | None],
           order: tuple[str, ...]) -> LevelChange:
    """Levels compare by their place in the new rubric's list (ids of the old one that are
    gone cannot be placed, so their direction is unknown)."""
    rank = {lv: i for i, lv in enumerate(order)}
    direction = _direction(rank.get(old[0] or ""), rank.get(new[0] or ""))
    if old[0] is None and new[0] is None:
        direction = Direction.SAME
    return LevelChange(old[0], old[1], new[0], new[1], direction)


def _check_same_rubric(old: Assessed, new: Assessed) -> None:
    a, b = old.assessment, new.assessment
    if a.rubric.id != b.rubric.id:
        raise UsageError(Problem(
            b.questionnaire.path, f"uses rubric '{b.rubric.id}', but "
            f"{a.questionnaire.path} uses '{a.rubric.id}': only assessments against one "
            "rubric can be compared", key="rubric",
            hint="compare versions of the same questionnaire"))


def compare(old: Assessed, new: Assessed) -> Comparison:
    """Every change from ``old`` to ``new``, and the regressions among them."""
    _check_same_rubric(old, new)
    ro, rn = old.report, new.report
    levels = tuple(lv.id for lv in rn.levels)
    bands = tuple(b.id for b in rn.bands) or levels
    overall = _score((old.result.score, old.result.max_score),
                     (new.result.score, new.result.max_score),
                     (ro.overall.score, rn.overall.score, rn.overall.max_score))
    level = _level((ro.overall.level, ro.overall.level_label),
                   (rn.overall.level, rn.overall.level_label), levels)
    band = _level((ro.overall.band, ro.overall.band_label),
                  (rn.overall.band, rn.overall.band_label), bands)
    sections, added, removed = _sections(old, new, levels)
    answers, q_added, q_removed = _answers(old, new)
    automation = _automation(old, new)
    cleared, introduced = _blockers(old, new)
    before, after = _side(old), _side(new)
    comparison = Comparison(
        FORMAT_VERSION, {"name": rn.tool.name, "version": rn.tool.version},
        {"id": rn.rubric.id, "title": rn.rubric.title},
        before, after, ro.rubric.version != rn.rubric.version,
        overall, level, band, automation, sections, added, removed, answers, q_added,
        q_removed, cleared, introduced, (),
        tuple(plain(p) for p in wording.warnings(before, after)))
    return _with_regressions(comparison)


def _side(run: Assessed) -> SideView:
    r = run.report
    return SideView(run.assessment.questionnaire.path, r.project.name, r.project.assessed_on,
                    r.rubric.version)


def _sections(old: Assessed, new: Assessed, levels: tuple[str, ...]
              ) -> tuple[tuple[SectionChange, ...], tuple[str, ...], tuple[str, ...]]:
    """Sections both versions have, in the new rubric's order; the others by id."""
    before = {s.section.id: s for s in old.result.sections}
    views: dict[str, SectionView] = {s.id: s for s in old.report.sections}
    changes = []
    for result, view in zip(new.result.sections, new.report.sections):
        was = before.get(view.id)
        if was is None:
            continue
        prior = views[view.id]
        score = _score((was.score, was.max_score), (result.score, result.max_score),
                       (prior.score, view.score, view.max_score))
        level = _level((prior.level, prior.level_label), (view.level, view.level_label),
                       levels)
        changes.append(SectionChange(view.id, view.title, view.kind.value, score, level))
    now = {s.id for s in new.report.sections}
    added = tuple(s.id for s in new.report.sections if s.id not in before)
    removed = tuple(s for s in before if s not in now)
    return tuple(changes), added, removed


def _answer_kind(old: QuestionResult, new: QuestionResult) -> AnswerChangeKind:
    """More of the question's best points is an improvement; n/a, or the same points, is
    neither (an empty answer already counted as the worst one)."""
    if Status.NOT_APPLICABLE in (old.status, new.status):
        return AnswerChangeKind.NEUTRAL
    direction = _direction(old.fraction, new.fraction)
    return {Direction.UP: AnswerChangeKind.IMPROVED,
            Direction.DOWN: AnswerChangeKind.REGRESSED}.get(direction, AnswerChangeKind.NEUTRAL)


def _given(q: QuestionResult) -> tuple[str | None, str | None]:
    """(answer, label) as the team gave it: an option, ``n/a``, or None when unanswered."""
    if q.status is Status.UNANSWERED:
        return None, None
    if q.status is Status.NOT_APPLICABLE:
        return "n/a", "n/a"
    option = q.question.option(q.option_id or "")
    return q.option_id, option.label if option else q.option_id


def _answers(old: Assessed, new: Assessed
             ) -> tuple[tuple[AnswerChange, ...], tuple[str, ...], tuple[str, ...]]:
    """Every shared question whose answer changed, in the new rubric's order. The question
    that declares who decides is left out: its change is the team's design, reported with
    the automation."""
    declaring = new.result.rubric.automation
    skip = declaring.question if declaring is not None else None
    before = {q.question.id: q for q in old.result.questions}
    changes = []
    for q in new.result.questions:
        was = before.get(q.question.id)
        if was is None or q.question.id == skip or _given(was) == _given(q):
            continue
        (o, ol), (n, nl) = _given(was), _given(q)
        changes.append(AnswerChange(q.question.id, q.question.section, q.question.text,
                                    o, ol, n, nl, _answer_kind(was, q)))
    now = {q.question.id for q in new.result.questions}
    added = tuple(q.question.id for q in new.result.questions if q.question.id not in before)
    removed = tuple(qid for qid in before if qid not in now)
    return tuple(changes), added, removed


def _automation(old: Assessed, new: Assessed) -> AutomationChange | None:
    a, b = old.report.automation, new.report.automation
    ea, eb = old.automation, new.automation
    if a is None or b is None or ea is None or eb is None:
        return None
    order = {d.id: i for i, d in enumerate(eb.automation.degrees)}
    direction = _direction(order.get(ea.supported.id), order.get(eb.supported.id))
    beyond = b.within_support is False and a.within_support is not False
    back = a.within_support is False and b.within_support is True
    return AutomationChange(a.declared, a.declared_label, b.declared, b.declared_label,
                            a.declared != b.declared, a.supported, a.supported_label,
                            b.supported, b.supported_label, direction, a.within_support,
                            b.within_support, beyond, back)


def _blocker_items(run: Assessed) -> dict[tuple[str, ...], BlockerChange]:
    """Blockers by what they are about (axis, kind, question or section), not by wording."""
    found: dict[tuple[str, ...], BlockerChange] = {}
    a, r = run.report.automation, run.report.readiness
    groups = []
    if a is not None:
        groups.append((Axis.AUTOMATION, a.target_label, a.blockers))
    if r is not None:
        groups.append((Axis.LEVEL, r.target_label, r.blockers))
    for axis, label, blockers in groups:
        for b in blockers:
            key = (axis.value, b.kind.value, b.question or "", b.section or "")
            found.setdefault(key, BlockerChange(axis, label, b))
    return found


def _blockers(old: Assessed, new: Assessed
              ) -> tuple[tuple[BlockerChange, ...], tuple[BlockerChange, ...]]:
    before, after = _blocker_items(old), _blocker_items(new)
    cleared = tuple(v for k, v in before.items() if k not in after)
    introduced = tuple(v for k, v in after.items() if k not in before)
    return cleared, introduced


def _with_regressions(c: Comparison) -> Comparison:
    """What ``--fail-on-regression`` fails on, found once, in the order they are shown."""
    found = []
    if c.overall.direction is Direction.DOWN:
        found.append(Regression(RegressionKind.SCORE, None, _text(c.overall.old),
                                _text(c.overall.new)))
    for s in c.sections:
        if s.level.direction is Direction.DOWN:
            found.append(Regression(RegressionKind.SECTION_LEVEL, s.id, s.level.old,
                                    s.level.new))
    a = c.automation
    if a is not None and a.supported_direction is Direction.DOWN:
        found.append(Regression(RegressionKind.SUPPORTED, None, a.supported_old,
                                a.supported_new))
    if a is not None and a.moved_beyond_support:
        found.append(Regression(RegressionKind.BEYOND_SUPPORT, None, a.supported_new,
                                a.declared_new))
    return replace(c, regressions=tuple(found))


def _text(value: float | None) -> str | None:
    return None if value is None else fmt_num(value)
