"""Readiness: blockers for a target degree, and a roadmap that really leads there."""

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
scale:
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
    return result, ready, roadmap(result, ready)


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


def test_stage_claim_is_a_stage_blocker(tiny):
    _, ready, _ = judge(tiny, {"build.ci": "yes", "build.level": "mid", "ops.rollback": "automated"}, "high")
    (build,) = ready.sections
    assert [(b.kind, b.question.id, b.current, b.needed) for b in build.blockers] == [
        ("claim", "build.level", "mid", "high")]
    assert not ready.met


def test_overall_never_above_the_most_automated_stage(tiny):
    # checklist at 100 lifts the overall score to 'mid', but the only stage claims 'low'
    result = score(tiny, make_questionnaire(tiny, {"build.ci": "yes", "build.level": "low", "ops.rollback": "automated"}))
    assert result.score_degree.id == "high" and result.sections[0].degree.id == "low"
    assert result.degree.id == "low" and Cap(CapKind.STAGES) in result.caps


def test_default_target_is_the_next_degree(tiny):
    result = score(tiny, make_questionnaire(tiny, {}))
    ready = readiness(result, None, TargetSource.QUESTIONNAIRE)
    assert (ready.target.id, ready.source) == ("mid", "next degree")


def test_blockers_come_first_in_the_roadmap_then_gain(tiny):
    _, ready, steps = judge(tiny, {"build.ci": "partial", "build.level": "mid", "ops.rollback": "manual"}, "high")
    assert [(s.question.id, s.current, s.next, s.blocker) for s in steps][:1] == [
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


@pytest.mark.parametrize("example", ["fraud-realtime-canary", "demand-forecast-batch", "speech-edge"])
def test_roadmap_never_lowers_the_score_and_reaches_the_target(root, example):
    from mlops_maturity.load.assessment import open_assessment
    a = open_assessment(root / "examples" / f"{example}.yaml")
    rubric = a.rubric
    result = score(rubric, a.questionnaire)
    ready = readiness(result, "full_automation", TargetSource.COMMAND_LINE)
    steps = roadmap(result, ready)
    previous, reached = result.score, None
    for step, after in zip(steps, apply_steps(rubric, a.questionnaire, steps)):
        assert after.score >= previous, step
        previous = after.score
        if reached is None and after.degree.id == "full_automation":
            reached = step
    assert reached is not None
    # every step before reaching the target is labelled with a degree on the way
    index = steps.index(reached)
    assert all(s.degree is not None for s in steps[: index + 1] if not s.unanswered)
    unanswered = [s.unanswered for s in steps]
    assert unanswered == sorted(unanswered, reverse=True)  # "answer this first" steps lead


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_roadmap_reaches_any_target_from_random_answers(data):
    rubric = load_rubric(bundled_rubrics()["mlops-automation"])
    answers = {q.id: data.draw(st.sampled_from(q.answer_ids + ((("n/a",) if q.allow_na else ())) + (None,)))
               for q in rubric.questions}
    target = data.draw(st.sampled_from([lv.id for lv in rubric.scale]))
    q = make_questionnaire(rubric, answers)
    result = score(rubric, q)
    steps = roadmap(result, readiness(result, target, TargetSource.COMMAND_LINE))
    scores = [result.score] + [r.score for r in apply_steps(rubric, q, steps)]
    assert scores == sorted(scores)
    final = score(rubric, replace(q, answers=tuple(
        Answer(k, v) for k, v in ({**answers, **{s.question.id: s.next for s in steps}}).items())))
    assert rubric.level_index(final.degree.id) >= rubric.level_index(target)
