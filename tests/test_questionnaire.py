"""Questionnaires: YAML 1.1 booleans, clear errors naming file, line and key, no lost answers."""

from __future__ import annotations

import pytest

from mlops_maturity.load.assessment import open_assessment
from mlops_maturity.load.questionnaire import bind, load_questionnaire_data
from mlops_maturity.load.rubric import load_rubric
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
    body = ("  deployment.rollback:\n    answer: yes\n"
            "    evidence: [https://runbook, 'drill 2026-10']\n    notes: rehearsed\n")
    a = open_assessment(answers_file(write, body))
    answer = a.questionnaire.answer("deployment.rollback")
    assert (answer.value, tuple(e.shown for e in answer.evidence), answer.notes) == (
        "yes", ("https://runbook", "drill 2026-10"), "rehearsed")
    assert all(e.plain for e in answer.evidence)


def test_na_with_reason_where_allowed(write, tiny_rubric):
    path = write("a.yaml", f"rubric: {tiny_rubric}\nanswers:\n"
                           "  build.level: {answer: n/a, reason: batch only}\n")
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
    assert ("answers.yaml:3: answers.deployment.rollback: 'maybe' is not an allowed answer"
            in found[0])
    assert "allowed: no, partial, yes" in found[0]


def test_na_where_not_allowed(write):
    found = problems(answers_file(write, "  deployment.rollback: n/a\n"))
    assert "cannot be answered n/a" in found[0]


def test_question_answered_twice_reports_both_lines(write):
    found = problems(answers_file(write, "  deployment.rollback: yes\n  deployment.rollback: no\n"))
    assert len(found) == 1
    assert ("answers.yaml:4: answers.deployment.rollback: key 'deployment.rollback' is given "
            "twice, on lines 3 and 4") in found[0]


def test_unknown_rubric_lists_bundled(write):
    found = problems(answers_file(write, "  x: yes\n", rubric="mlops-automaton"))
    assert "unknown rubric 'mlops-automaton'" in found[0]
    assert "did you mean 'mlops-automation'" in found[0]


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
    assert len(found) == 65 and all("unanswered" in f for f in found)


def test_target_must_be_a_degree_or_a_level(write):
    found = problems(answers_file(write, "  deployment.rollback: yes\n",
                                  extra="target: full_automaton\n"))
    assert "did you mean 'full_automation'" in found[0]


def old_version_file(write, data, body: str, version: str = "0.9"):
    write("tiny-rubric.yaml", (data / "tiny-rubric.yaml").read_text(encoding="utf-8"))
    return write("a.yaml", f"rubric: tiny-rubric.yaml\nrubric_version: '{version}'\n"
                           f"answers:\n{body}")


def test_rubric_version_change_names_removed_questions_and_counts_unmentioned(write, data):
    body = "  build.ci: yes\n  build.old-question: yes\n"
    a = open_assessment(old_version_file(write, data, body))
    assert a.warnings == (
        "answers were filled for tiny version 0.9; the rubric is now version 1.0",
        "questions removed since (their answers are ignored): build.old-question",
        "2 of the rubric's 3 questions are not in this file and count as unanswered; "
        "any question added since version 0.9 is among them")
    assert [ans.question for ans in a.questionnaire.answers] == ["build.ci"]


def test_a_question_listed_with_an_empty_answer_is_not_called_new(write, data):
    body = "  build.ci: yes\n  build.level:\n  ops.rollback:\n"
    a = open_assessment(old_version_file(write, data, body))
    assert a.warnings == (
        "answers were filled for tiny version 0.9; the rubric is now version 1.0",)
    assert a.questionnaire.answer("build.level").value is None


def test_without_a_version_change_an_unknown_question_is_an_error(write, data):
    found = problems(old_version_file(write, data, "  build.old-question: yes\n", version="1.0"))
    assert len(found) == 1 and "unknown question id 'build.old-question'" in found[0]


def test_bind_ignores_only_questions_the_rubric_does_not_have(write, data):
    rubric = load_rubric(data / "tiny-rubric.yaml")
    raw = load_questionnaire_data(write("a.yaml", "answers:\n  build.ci: yes\n  gone: yes\n"))
    before = (dict(raw["answers"]), dict(raw["answers"].lines))
    q = bind(raw, rubric, "a.yaml", "tiny", ignore={"build.ci", "gone"})
    assert [(ans.question, ans.value) for ans in q.answers] == [("build.ci", "yes")]
    assert (dict(raw["answers"]), dict(raw["answers"].lines)) == before  # the data is not edited


def test_assessed_on_date_becomes_iso_text(write):
    path = answers_file(write, "  deployment.rollback: yes\n",
                        extra="project: {name: X, assessed_on: 2026-11-30}\n")
    assert open_assessment(path).questionnaire.project.assessed_on == "2026-11-30"


@pytest.mark.parametrize("rubric_key, override, applies", [
    ("tiny-rubric.yaml", None, True),  # the rubric the file names
    ("tiny-rubric.yaml", "SAME", True),  # --rubric naming that same file another way
    ("mlops-automation", "mlops-automation", True),  # --rubric naming the same id
    ("mlops-automation", "ml-test-score", False),  # --rubric naming another rubric
    ("other.yaml", "SAME", False),  # the file names another file
])
def test_rubric_version_speaks_only_of_the_rubric_the_file_names(write, data, tmp_path,
                                                                  rubric_key, override,
                                                                  applies):
    tiny = write("tiny-rubric.yaml", (data / "tiny-rubric.yaml").read_text(encoding="utf-8"))
    write("other.yaml", (data / "tiny-rubric.yaml").read_text(encoding="utf-8"))
    ref = str(tmp_path / "." / tiny.name) if override == "SAME" else override
    questionnaire = write("a.yaml", f"rubric: {rubric_key}\nrubric_version: '0.1'\nanswers:\n"
                                    "  build.gone: yes\n")
    if applies:
        a = open_assessment(questionnaire, ref)
        assert a.warnings[0].startswith("answers were filled for ")
        assert "build.gone" in a.warnings[1]
        return
    with pytest.raises(MaturityError) as info:
        open_assessment(questionnaire, ref)
    lines = [str(p) for p in info.value.problems]
    assert "unknown question id 'build.gone'" in lines[-1]
    if not rubric_key.endswith(".yaml") or override != "SAME":
        assert lines[0].endswith(f"the answers were filled for rubric '{rubric_key}', and "
                                 f"--rubric checks them against '{ref}' (drop --rubric to use "
                                 f"'{rubric_key}')")
