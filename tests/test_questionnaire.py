"""Questionnaires: YAML 1.1 booleans, clear errors naming file, line and key, and no lost answers."""

from __future__ import annotations

import pytest

from mlops_maturity.load.assessment import open_assessment
from mlops_maturity.model.errors import MaturityError
from mlops_maturity.model.answers import NA


def answers_file(write, body: str, rubric: str = "mlops-automation", extra: str = "") -> object:
    return write("answers.yaml", f"rubric: {rubric}\n{extra}answers:\n{body}")


def problems(path, **kwargs) -> list[str]:
    with pytest.raises(MaturityError) as info:
        open_assessment(path, **kwargs)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("raw, expected", [
    ("yes", "yes"), ("no", "no"), ("on", "yes"), ("off", "no"), ("Yes", "yes"), ("true", "yes"),
    ("'partial'", "partial"), ("PARTIAL", "partial"),
])
def test_yes_no_words_and_yaml_booleans(write, raw, expected):
    a = open_assessment(answers_file(write, f"  deployment.rollback: {raw}\n"))
    assert a.questionnaire.answer("deployment.rollback").value == expected


def test_long_form_with_evidence_list_and_notes(write):
    body = ("  deployment.rollback:\n    answer: yes\n    evidence: [https://runbook, 'drill 2026-10']\n"
            "    notes: rehearsed\n")
    a = open_assessment(answers_file(write, body))
    answer = a.questionnaire.answer("deployment.rollback")
    assert (answer.value, answer.evidence, answer.notes) == ("yes", ("https://runbook", "drill 2026-10"), "rehearsed")


def test_na_with_reason_where_allowed(write, data):
    path = write("a.yaml", f"rubric: {data / 'tiny-rubric.yaml'}\nanswers:\n  build.level: {{answer: n/a, reason: batch only}}\n")
    answer = open_assessment(path).questionnaire.answer("build.level")
    assert (answer.value, answer.reason) == (NA, "batch only")


def test_empty_answer_is_unanswered_not_na(write):
    a = open_assessment(answers_file(write, "  deployment.rollback:\n"))
    assert a.questionnaire.answer("deployment.rollback").value is None


def test_unknown_question_suggests_the_closest(write):
    found = problems(answers_file(write, "  deployment.rolback: yes\n"))
    assert len(found) == 1
    assert found[0].endswith("answers.yaml:3: answers.deployment.rolback: unknown question id "
                             "'deployment.rolback' (did you mean 'deployment.rollback'?)")


def test_disallowed_answer_lists_the_allowed(write):
    found = problems(answers_file(write, "  deployment.rollback: maybe\n"))
    assert "answers.yaml:3: answers.deployment.rollback: 'maybe' is not an allowed answer" in found[0]
    assert "allowed: no, partial, yes" in found[0]


def test_na_where_not_allowed(write):
    found = problems(answers_file(write, "  deployment.rollback: n/a\n"))
    assert "cannot be answered n/a" in found[0]


def test_question_answered_twice_reports_both_lines(write):
    found = problems(answers_file(write, "  deployment.rollback: yes\n  deployment.rollback: no\n"))
    assert len(found) == 1
    assert "answers.yaml:4: key 'deployment.rollback' is given twice, on lines 3 and 4" in found[0]


def test_unknown_rubric_lists_bundled(write):
    found = problems(answers_file(write, "  x: yes\n", rubric="mlops-automaton"))
    assert "unknown rubric 'mlops-automaton'" in found[0] and "did you mean 'mlops-automation'" in found[0]


def test_missing_rubric_file_names_the_questionnaire_line(write):
    found = problems(answers_file(write, "  x: yes\n", rubric="./nope.yaml"))
    assert any("nope.yaml: no such file" in f for f in found)
    assert any("answers.yaml:1: rubric:" in f for f in found)


def test_every_problem_is_reported_at_once(write):
    body = "  deployment.rolback: yes\n  deployment.rollback: maybe\n  monitoring.data-drift: [x]\n"
    assert len(problems(answers_file(write, body))) == 3


def test_unknown_top_level_and_project_keys(write):
    path = write("a.yaml", "rubric: mlops-automation\nprojct: {}\nproject: {nme: x}\nanswers: {}\n")
    found = problems(path)
    assert any("unknown key 'projct' (did you mean 'project'?)" in f for f in found)
    assert any("unknown key 'nme' (did you mean 'name'?)" in f for f in found)


def test_strict_turns_unanswered_into_errors(write):
    found = problems(answers_file(write, "  deployment.rollback: yes\n"), strict=True)
    assert len(found) == 63 and all("unanswered" in f for f in found)


def test_target_must_be_a_degree(write):
    found = problems(answers_file(write, "  deployment.rollback: yes\n", extra="target: full_automaton\n"))
    assert "did you mean 'full_automation'" in found[0]


def test_rubric_version_change_warns_with_added_and_removed(write, data):
    body = "  build.ci: yes\n  build.old-question: yes\n"
    path = write("a.yaml", f"rubric: {data / 'tiny-rubric.yaml'}\nrubric_version: '0.9'\nanswers:\n{body}")
    a = open_assessment(path)
    assert "version 0.9" in a.warnings[0]
    assert any("added since" in w and "build.level" in w and "ops.rollback" in w for w in a.warnings)
    assert any("removed since" in w and "build.old-question" in w for w in a.warnings)


def test_assessed_on_date_becomes_iso_text(write):
    path = answers_file(write, "  deployment.rollback: yes\n", extra="project: {name: X, assessed_on: 2026-11-30}\n")
    assert open_assessment(path).questionnaire.project.assessed_on == "2026-11-30"
