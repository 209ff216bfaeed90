"""Readiness for a target maturity level: blockers, and a roadmap that really leads there.

The decision axis (degrees of automation) is tested in ``tests/test_automation.py``.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import make_questionnaire
from mlops_maturity.model.answers import Answer
from mlops_maturity.engine.findings import Cap, CapKind
from mlops_maturity.engine.readiness import TargetSource, readiness
from mlops_maturity.engine.roadmap import roadmap
from mlops_maturity.load.resolve import bundled_rubrics
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.engine.scoring import score

TIES = """id: ties
title: Ties
version: "1"
levels:
  - {{id: low, label: Low, from: 0}}
  - {{id: high, label: High, from: 50}}
sections:
  - id: s
    title: S
    questions:
{questions}
bands:
  - {{id: all, label: All, min: 0}}
"""
Q = """      - id: {id}
        type: yes_partial_no
        text: t
        why: w
        advice: do {id}
"""


@pytest.fixture
def tiny(data):
    return load_rubric(data / "tiny-rubric.yaml")


def judge(rubric, answers, target):
    result = score(rubric, make_questionnaire(rubric, answers))
    ready = readiness(result, target, TargetSource.COMMAND_LINE)
    return result, ready, roadmap(result, None, None, ready)


@pytest.mark.parametrize("answers, target, met, blockers", [
    # a gate blocks 'high' even though the build stage scores 100
    # (and the gate also caps the only stage, so no stage is rated 'high' either)
    ({"build.ci": "yes", "build.level": "high", "ops.rollback": "manual"}, "high", False,
     [("gate", "ops.rollback", "manual", "automated"), ("score", None, None, None), ("stages", None, "mid", "high")]),
    # an unanswered gate question is a blocker with no current answer
    ({"build.ci": "yes", "build.level": "high"}, "high", False,
     [("gate", "ops.rollback", None, "automated"), ("score", None, None, None), ("stages", None, "mid", "high")]),
    # the gate does not guard 'mid', so only the score stands in the way
    ({"build.ci": "no", "build.level": "low"}, "mid", False,
     [("score", None, None, None), ("stages", None, "low", "mid")]),
    # a target already met has no blockers
    ({"build.ci": "yes", "build.level": "high", "ops.rollback": "automated"}, "mid", True, []),
    ({"build.ci": "yes", "build.level": "high", "ops.rollback": "automated"}, "high", True, []),
])
def test_blocker_table(tiny, answers, target, met, blockers):
    _, ready, _ = judge(tiny, answers, target)
    assert ready.met is met
    assert [(b.kind, b.question.id if b.question else None, b.current, b.needed) for b in ready.blockers] == blockers


def test_a_stage_below_the_target_level_has_a_score_blocker(tiny):
    # build: (2 x 1 + 1 x 1/2) / 3 = 83.3 reaches 'high'; with build.level low it is 66.6
    _, ready, _ = judge(tiny, {"build.ci": "yes", "build.level": "low", "ops.rollback": "automated"},
                        "high")
    (build,) = ready.sections
    assert [(b.kind, b.section, str(b.score), str(b.needed_score)) for b in build.blockers] == [
        ("score", "build", "333/5", "80")]
    assert not ready.met


def test_overall_never_above_the_most_mature_stage(tiny):
    # the checklist at 100 lifts the overall score to 'mid', but the only stage scores 0: 'low'
    answers = {"build.ci": "no", "build.level": "low", "ops.rollback": "automated"}
    result = score(tiny, make_questionnaire(tiny, answers))
    assert result.score_level.id == "mid" and result.sections[0].level.id == "low"
    assert result.level.id == "low" and Cap(CapKind.STAGES) in result.caps


def test_default_target_is_the_next_level(tiny):
    result = score(tiny, make_questionnaire(tiny, {}))
    ready = readiness(result, None, TargetSource.QUESTIONNAIRE)
    assert (ready.target.id, ready.source) == ("mid", "next level")


def test_blockers_come_first_in_the_roadmap_then_gain(tiny):
    _, ready, steps = judge(tiny, {"build.ci": "partial", "build.level": "mid", "ops.rollback": "manual"}, "high")
    assert [(s.question.id, s.current, s.next, s.required) for s in steps][:1] == [
        ("ops.rollback", "manual", "automated", True)]
    rest = steps[1:]
    assert [s.question.id for s in rest] == ["build.ci", "build.level"]  # ci weighs 2, so it gains more
    assert rest[0].gain > rest[1].gain


def test_unanswered_questions_say_answer_first(tiny):
    _, _, steps = judge(tiny, {"build.ci": "yes", "build.level": "high"}, "high")
    assert steps[0].question.id == "ops.rollback" and steps[0].unanswered and steps[0].current is None


def test_na_never_appears_in_the_roadmap(tiny):
    _, _, steps = judge(tiny, {"build.ci": "no", "build.level": "n/a", "ops.rollback": "none"}, "high")
    assert "build.level" not in {s.question.id for s in steps}


@pytest.mark.parametrize("order", [["a", "b", "c"], ["c", "b", "a"]])
def test_ties_follow_rubric_order(write, order):
    text = TIES.format(questions="".join(Q.format(id=i) for i in order))
    rubric = load_rubric(write("ties.yaml", text))
    _, _, steps = judge(rubric, {i: "no" for i in order}, "high")
    firsts = list(dict.fromkeys(s.question.id for s in steps))
    assert firsts == order


def apply_steps(rubric, questionnaire, steps):
    """Yield the score after each roadmap step is applied to the answers."""
    answers = {a.question: a.value for a in questionnaire.answers}
    for step in steps:
        answers[step.question.id] = step.next
        q = replace(questionnaire, answers=tuple(Answer(k, v) for k, v in answers.items()))
        yield score(rubric, q)


@pytest.mark.parametrize("example, target", [("fraud-realtime-canary", "adaptive"),
                                             ("demand-forecast-batch", "managed"),
                                             ("speech-edge", "defined"),
                                             ("google-levels-churn", "level_2"),
                                             ("azure-maturity-vision", "level_4")])
def test_roadmap_never_lowers_the_score_and_reaches_the_target_level(root, example, target):
    from mlops_maturity.api import run
    done = run(root / "examples" / f"{example}.yaml", target=target)
    rubric, a = done.assessment.rubric, done.assessment
    steps = done.report.recommendations
    engine_steps = roadmap(done.result, done.automation, done.degree_readiness, done.readiness)
    assert [s.question.id for s in engine_steps] == [s.question for s in steps]
    previous, reached = done.result.score, None
    for step, after in zip(engine_steps, apply_steps(rubric, a.questionnaire, engine_steps)):
        assert after.score >= previous, step
        previous = after.score
        if reached is None and rubric.level_index(after.level.id) >= rubric.level_index(target):
            reached = step
    assert reached is not None
    index = engine_steps.index(reached)
    assert all(s.towards is not None for s in engine_steps[: index + 1] if not s.unanswered)


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_roadmap_reaches_any_target_level_from_random_answers(data):
    rubric = load_rubric(bundled_rubrics()["mlops-automation"])
    answers = {q.id: data.draw(st.sampled_from(q.answer_ids + ((("n/a",) if q.allow_na else ())) + (None,)))
               for q in rubric.questions}
    target = data.draw(st.sampled_from([lv.id for lv in rubric.levels]))
    q = make_questionnaire(rubric, answers)
    result = score(rubric, q)
    steps = roadmap(result, None, None, readiness(result, target, TargetSource.COMMAND_LINE))
    scores = [result.score] + [r.score for r in apply_steps(rubric, q, steps)]
    assert scores == sorted(scores)
    final = score(rubric, replace(q, answers=tuple(
        Answer(k, v) for k, v in ({**answers, **{s.question.id: s.next for s in steps}}).items())))
    assert rubric.level_index(final.level.id) >= rubric.level_index(target)


def _level_targets():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    for example in sorted((root / "examples").glob("*.yaml")):
        from mlops_maturity.load.assessment import open_assessment
        rubric = open_assessment(example).rubric
        for target in [None, *(lv.id for lv in rubric.levels)]:
            yield pytest.param(example, target, id=f"{example.stem}-{target}")


@pytest.mark.parametrize("example, target", list(_level_targets()))
def test_a_step_towards_a_level_above_the_target_is_never_required(example, target):
    """'unblock' means the target needs it. A gate of a level above the target level (or of
    any level, when the target is a degree) only ever makes an improvement."""
    from mlops_maturity.api import run
    from mlops_maturity.engine.findings import BlockerKind, StepAction, TowardsKind
    done = run(example, target=target)
    rubric = done.result.rubric
    ready = done.readiness
    top = -1 if ready is None else rubric.level_index(ready.target.id)
    climbing = [s for s in roadmap(done.result, done.automation, done.degree_readiness, ready)
                if s.towards is not None and s.towards.kind is TowardsKind.LEVEL]
    above = [s for s in climbing if rubric.level_index(s.towards.id) > top]
    assert not [s for s in above if s.required or s.action is StepAction.UNBLOCK]
    if done.automation is None and ready is not None and any(
            b.kind is BlockerKind.GATE for b in ready.blockers):
        # what the target needs is still marked as needed (with a decision axis, the degree's
        # own steps may have met the gate first)
        assert any(s.required for s in climbing if rubric.level_index(s.towards.id) <= top)
