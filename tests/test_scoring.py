"""Scoring: table-driven cases at the thresholds, and the properties the bundled rubric promises."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import all_answers, make_questionnaire
from mlops_maturity.load.resolve import bundled_rubrics
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.engine.findings import Cap, CapKind
from mlops_maturity.engine.scoring import Status, floor1, score

THRESHOLDS = """id: thresholds
title: Threshold table
version: "1"
levels:
  - {id: low, label: Low, from: 0}
  - {id: mid, label: Mid, from: 50}
  - {id: high, label: High, from: 80}
sections:
  - id: s
    title: S
    questions:
      - id: q
        type: choice
        text: t
        why: w
        advice: a
        options:
          - {id: p0, points: 0}
          - {id: p333, points: 333.33}
          - {id: p499, points: 499}
          - {id: p500, points: 500}
          - {id: p79999, points: 799.99}
          - {id: p800, points: 800}
          - {id: p1000, points: 1000}
      - id: gate-q
        type: yes_partial_no
        weight: 0
        text: t
        why: w
        advice: a
gates:
  - {id: g, level: high, requires: {gate-q: yes}}
bands:
  - {id: poor, label: Poor, min: 0, below: 50}
  - {id: fair, label: Fair, min: 50, max: 80}
  - {id: good, label: Good, above: 80}
"""


@pytest.fixture(scope="module")
def thresholds(tmp_path_factory):
    path = tmp_path_factory.mktemp("r") / "thresholds.yaml"
    path.write_text(THRESHOLDS)
    return load_rubric(path)


@pytest.mark.parametrize("answer, gate, expected_score, level, band", [
    ("p0", "yes", 0, "low", "poor"),
    ("p333", "yes", 33.3, "low", "poor"),
    ("p499", "yes", 49.9, "low", "poor"),
    ("p500", "yes", 50, "mid", "fair"),          # exactly on the level threshold and band minimum
    ("p79999", "yes", 79.9, "mid", "fair"),       # 79.999 rounds down, never up into 'high'
    ("p800", "yes", 80, "high", "fair"),          # 80 is the top of 'fair' (max: 80) and the start of 'high'
    ("p1000", "yes", 100, "high", "good"),
    ("p1000", "partial", 100, "mid", "good"),     # a failed gate caps the level, not the score or band
    ("p1000", None, 100, "mid", "good"),          # unanswered gate question does not meet the gate
])
def test_threshold_table(thresholds, answer, gate, expected_score, level, band):
    answers = {"q": answer} if gate is None else {"q": answer, "gate-q": gate}
    result = score(thresholds, make_questionnaire(thresholds, answers))
    assert result.score == Fraction(str(expected_score))
    assert result.level.id == level
    assert result.band.id == band


def test_floor_rounding_never_rounds_up():
    assert floor1(Fraction(2, 3) * 100) == Fraction(666, 10)
    assert floor1(Fraction(7999, 100)) == Fraction(799, 10)
    assert floor1(Fraction(80)) == 80


def test_tiny_rubric_weighted_mean_na_and_unanswered(data):
    rubric = load_rubric(data / "tiny-rubric.yaml")
    cases = [
        ({"build.ci": "yes", "build.level": "high", "ops.rollback": "automated"}, 100, "high"),
        ({"build.ci": "partial", "build.level": "mid", "ops.rollback": "manual"}, 50, "mid"),
        # n/a drops build.level from the mean: build = ci yes = 100; ops none = 0
        ({"build.ci": "yes", "build.level": "n/a", "ops.rollback": "none"}, 50, "mid"),
        # unanswered scores as the worst answer, never as n/a
        ({"build.ci": "yes", "ops.rollback": "none"}, Fraction(333, 10), "low"),
    ]
    for answers, expected, level in cases:
        result = score(rubric, make_questionnaire(rubric, answers))
        assert (result.score, result.level.id) == (expected, level), answers


def test_lists_unanswered_and_not_applicable(data):
    rubric = load_rubric(data / "tiny-rubric.yaml")
    result = score(rubric, make_questionnaire(rubric, {"build.level": "n/a"}))
    assert [q.question.id for q in result.by_status(Status.UNANSWERED)] == ["build.ci", "ops.rollback"]
    assert [q.question.id for q in result.by_status(Status.NOT_APPLICABLE)] == ["build.level"]


def test_checklist_sections_have_no_level(data):
    rubric = load_rubric(data / "tiny-rubric.yaml")
    result = score(rubric, make_questionnaire(rubric, {}))
    assert [s.level for s in result.sections if s.section.kind.value == "checklist"] == [None]


def test_a_stage_is_rated_by_its_score_and_its_gates_only(data):
    """Format 2 has no claims: a stage's own questions count as points, nothing caps it but a
    gate (here every gate passes, so the stage reaches the level its score reaches)."""
    rubric = load_rubric(data / "tiny-rubric.yaml")
    answers = {"build.ci": "yes", "build.level": "mid", "ops.rollback": "automated"}
    build = score(rubric, make_questionnaire(rubric, answers)).sections[0]
    # (2 x 1 + 1 x 1/2) / 3 = 83.33...%, rounded down to 83.3: the 'high' level (from 80)
    assert build.score == Fraction(833, 10)
    assert build.score_level.id == build.level.id == "high" and build.caps == ()


# --- The bundled rubric's promises -------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled():
    return load_rubric(bundled_rubrics()["mlops-automation"])


def test_every_best_answer_gives_the_top_level_and_100(bundled):
    result = score(bundled, make_questionnaire(bundled, all_answers(bundled, lambda q: q.best.id)))
    assert result.score == 100
    assert result.level.id == bundled.levels[-1].id == "adaptive"
    assert all(s.level.id == "adaptive" for s in result.sections if s.level)
    assert result.band is result.level  # scoring.band: level


def test_every_worst_answer_gives_the_lowest_level_and_0(bundled):
    result = score(bundled, make_questionnaire(bundled, all_answers(bundled, lambda q: q.worst.id)))
    assert result.score == 0
    assert result.level.id == bundled.levels[0].id == "exploratory"


def test_nothing_answered_scores_like_all_worst(bundled):
    result = score(bundled, make_questionnaire(bundled, {}))
    assert (result.score, result.level.id) == (0, "exploratory")
    assert len(result.by_status(Status.UNANSWERED)) == len(bundled.questions)


@pytest.mark.parametrize("gate_index", range(5))
def test_a_failed_gate_caps_the_level_when_all_else_is_best(bundled, gate_index):
    gates = [g for g in bundled.gates]
    if gate_index >= len(gates):
        pytest.skip("fewer gates")
    gate = gates[gate_index]
    qid = gate.requires[0].question
    answers = all_answers(bundled, lambda q: q.best.id)
    answers[qid] = bundled.question(qid).worst.id
    result = score(bundled, make_questionnaire(bundled, answers))
    assert bundled.level_index(result.level.id) < bundled.level_index(gate.level)
    assert Cap(CapKind.GATE, gate=gate.id) in result.caps
    assert result.score > 90  # the score itself barely moves


@st.composite
def answers_and_question(draw, rubric):
    answers = {q.id: draw(st.sampled_from(q.answer_ids + (("n/a",) if q.allow_na else ()) + (None,)))
               for q in rubric.questions}
    improvable = [q for q in rubric.questions if answers[q.id] != "n/a" and answers[q.id] != q.best.id
                  and q.scored]
    question = draw(st.sampled_from(improvable)) if improvable else None
    return answers, question


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_improving_one_answer_never_lowers_score_or_level(bundled, data):
    answers, question = data.draw(answers_and_question(bundled))
    if question is None:
        return
    before = score(bundled, make_questionnaire(bundled, answers))
    current = answers[question.id]
    rank = -1 if current is None else question.rank(current)
    better = data.draw(st.sampled_from(question.answer_ids[rank + 1:]))
    answers[question.id] = better
    after = score(bundled, make_questionnaire(bundled, answers))
    assert after.score >= before.score
    assert bundled.level_index(after.level.id) >= bundled.level_index(before.level.id)
    for s_before, s_after in zip(before.sections, after.sections):
        assert (s_after.score or 0) >= (s_before.score or 0)


@pytest.mark.parametrize("rubric_id", sorted(bundled_rubrics()))
def test_every_bundled_rubric_scores_its_extremes(rubric_id):
    rubric = load_rubric(bundled_rubrics()[rubric_id])
    best = score(rubric, make_questionnaire(rubric, all_answers(rubric, lambda q: q.best.id)))
    worst = score(rubric, make_questionnaire(rubric, all_answers(rubric, lambda q: q.worst.id)))
    assert best.score == best.max_score and worst.score == 0
    if rubric.levels:
        assert (best.level.id, worst.level.id) == (rubric.levels[-1].id, rubric.levels[0].id)


def test_weakest_link_compares_sections_as_shares_of_their_maximum(write):
    """Under sum + min, a small perfect section must not hide a weak larger one."""
    q = "      - {{id: {}, type: yes_partial_no, text: t, why: w, advice: a}}\n"
    text = ("id: m\ntitle: M\nversion: '1'\nscoring: {section: sum, overall: min}\nsections:\n"
            "  - id: a\n    title: A\n    kind: checklist\n    questions:\n" + q.format("a1") + q.format("a2")
            + "  - id: b\n    title: B\n    kind: checklist\n    questions:\n"
            + "".join(q.format(f"b{i}") for i in range(1, 5))
            + "bands:\n  - {id: low, label: Low, min: 0, below: 1}\n  - {id: high, label: High, min: 1}\n")
    rubric = load_rubric(write("m.yaml", text))
    answers = {"a1": "yes", "a2": "yes", "b1": "yes", "b2": "yes", "b3": "no", "b4": "no"}
    result = score(rubric, make_questionnaire(rubric, answers))
    assert (result.score, result.max_score, result.band.id) == (1, 2, "high")
    answers["a2"] = "no"  # now A is at 50% too
    assert score(rubric, make_questionnaire(rubric, answers)).score == 1
    answers["b2"] = "no"  # B at 25%
    assert score(rubric, make_questionnaire(rubric, answers)).score == Fraction(1, 2)
