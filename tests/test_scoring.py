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
scale:
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
  - {id: g, degree: high, requires: {gate-q: yes}}
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


@pytest.mark.parametrize("answer, gate, expected_score, degree, band", [
    ("p0", "yes", 0, "low", "poor"),
    ("p333", "yes", 33.3, "low", "poor"),
    ("p499", "yes", 49.9, "low", "poor"),
    ("p500", "yes", 50, "mid", "fair"),          # exactly on the degree threshold and band minimum
    ("p79999", "yes", 79.9, "mid", "fair"),       # 79.999 rounds down, never up into 'high'
    ("p800", "yes", 80, "high", "fair"),          # 80 is the top of 'fair' (max: 80) and the start of 'high'
    ("p1000", "yes", 100, "high", "good"),
    ("p1000", "partial", 100, "mid", "good"),     # a failed gate caps the degree, not the score or band
    ("p1000", None, 100, "mid", "good"),          # unanswered gate question does not meet the gate
])
def test_threshold_table(thresholds, answer, gate, expected_score, degree, band):
    answers = {"q": answer} if gate is None else {"q": answer, "gate-q": gate}
    result = score(thresholds, make_questionnaire(thresholds, answers))
    assert result.score == Fraction(str(expected_score))
    assert result.degree.id == degree
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
    for answers, expected, degree in cases:
        result = score(rubric, make_questionnaire(rubric, answers))
        assert (result.score, result.degree.id) == (expected, degree), answers


def test_lists_unanswered_and_not_applicable(data):
    rubric = load_rubric(data / "tiny-rubric.yaml")
    result = score(rubric, make_questionnaire(rubric, {"build.level": "n/a"}))
    assert [q.question.id for q in result.by_status(Status.UNANSWERED)] == ["build.ci", "ops.rollback"]
    assert [q.question.id for q in result.by_status(Status.NOT_APPLICABLE)] == ["build.level"]


def test_checklist_sections_have_no_degree(data):
    rubric = load_rubric(data / "tiny-rubric.yaml")
    result = score(rubric, make_questionnaire(rubric, {}))
    assert [s.degree for s in result.sections if s.section.kind.value == "checklist"] == [None]


def test_stage_is_capped_at_the_degree_the_team_claims(data):
    rubric = load_rubric(data / "tiny-rubric.yaml")
    result = score(rubric, make_questionnaire(rubric, {"build.ci": "yes", "build.level": "mid", "ops.rollback": "automated"}))
    build = result.sections[0]
    assert build.score_degree.id == "high" and build.degree.id == "mid"
    assert build.caps == (Cap(CapKind.CLAIM, question="build.level"),)


# --- The bundled rubric's promises -------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled():
    return load_rubric(bundled_rubrics()["mlops-automation"])


def test_every_best_answer_gives_full_automation_and_100(bundled):
    result = score(bundled, make_questionnaire(bundled, all_answers(bundled, lambda q: q.best.id)))
    assert result.score == 100
    assert result.degree.id == "full_automation"
    assert all(s.degree.id == "full_automation" for s in result.sections if s.degree)
    assert result.band.id == bundled.bands[-1].id


def test_every_worst_answer_gives_human_only_and_0(bundled):
    result = score(bundled, make_questionnaire(bundled, all_answers(bundled, lambda q: q.worst.id)))
    assert result.score == 0
    assert result.degree.id == "human_only"
    assert result.band.id == bundled.bands[0].id


def test_nothing_answered_scores_like_all_worst(bundled):
    result = score(bundled, make_questionnaire(bundled, {}))
    assert (result.score, result.degree.id) == (0, "human_only")
    assert len(result.by_status(Status.UNANSWERED)) == len(bundled.questions)


@pytest.mark.parametrize("gate_index", range(7))
def test_a_failed_gate_caps_the_degree_when_all_else_is_best(bundled, gate_index):
    gates = [g for g in bundled.gates]
    if gate_index >= len(gates):
        pytest.skip("fewer gates")
    gate = gates[gate_index]
    qid = gate.requires[0].question
    answers = all_answers(bundled, lambda q: q.best.id)
    answers[qid] = bundled.question(qid).worst.id
    result = score(bundled, make_questionnaire(bundled, answers))
    assert bundled.level_index(result.degree.id) < bundled.level_index(gate.degree)
    assert Cap(CapKind.GATE, gate=gate.id) in result.caps
    assert result.score > 90  # the score itself barely moves


@st.composite
def answers_and_question(draw, rubric):
    answers = {q.id: draw(st.sampled_from(q.answer_ids + (("n/a",) if q.allow_na else ()) + (None,)))
               for q in rubric.questions}
    improvable = [q for q in rubric.questions if answers[q.id] != "n/a" and answers[q.id] != q.best.id]
    question = draw(st.sampled_from(improvable)) if improvable else None
    return answers, question


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_improving_one_answer_never_lowers_score_or_degree(bundled, data):
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
    assert bundled.level_index(after.degree.id) >= bundled.level_index(before.degree.id)
    for s_before, s_after in zip(before.sections, after.sections):
        assert (s_after.score or 0) >= (s_before.score or 0)


@pytest.mark.parametrize("rubric_id", sorted(bundled_rubrics()))
def test_every_bundled_rubric_scores_its_extremes(rubric_id):
    rubric = load_rubric(bundled_rubrics()[rubric_id])
    best = score(rubric, make_questionnaire(rubric, all_answers(rubric, lambda q: q.best.id)))
    worst = score(rubric, make_questionnaire(rubric, all_answers(rubric, lambda q: q.worst.id)))
    assert best.score == best.max_score and worst.score == 0
    if rubric.scale:
        assert (best.degree.id, worst.degree.id) == (rubric.scale[-1].id, rubric.scale[0].id)


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
