"""Builders for tests: questionnaires made in code rather than in YAML files."""

from __future__ import annotations

from mlops_maturity.model.answers import Answer, Project, Questionnaire
from mlops_maturity.model.rubric import Rubric


def make_questionnaire(rubric: Rubric, answers: dict[str, str | None], target: str | None = None) -> Questionnaire:
    """A questionnaire answering the given questions (others left out)."""
    return Questionnaire("test.yaml", rubric.id, rubric.version, Project(name="Test"), target,
                         tuple(Answer(qid, value) for qid, value in answers.items()))


def all_answers(rubric: Rubric, pick) -> dict[str, str]:
    """Answer every question with ``pick(question)``."""
    return {q.id: pick(q) for q in rubric.questions}
