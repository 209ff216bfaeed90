"""A team's answers as loaded: frozen, validated against their rubric, read by every later stage."""

from __future__ import annotations

from typing import Iterable
from mlops_maturity.model.record import record

NA = "n/a"


@record
class Project:
    """What was assessed and by whom."""

    name: str = ""
    team: str = ""
    assessed_on: str = ""
    assessors: tuple[str, ...] = ()
    description: str = ""


@record
class Answer:
    """One answer as the team gave it; ``value`` is an option id, ``NA``, or None if left empty."""

    question: str
    value: str | None
    evidence: tuple[str, ...] = ()
    notes: str = ""
    reason: str = ""
    line: int | None = None


@record
class Questionnaire:
    """A team's filled-in answers to one rubric."""

    path: str
    rubric_ref: str
    rubric_version: str | None
    project: Project
    target: str | None
    answers: tuple[Answer, ...]
    answers_line: int | None = None  # the line of the ``answers:`` key, for annotations

    def answer(self, question_id: str) -> Answer | None:
        """The team's answer to a question, or None if it is not in the file."""
        return next((a for a in self.answers if a.question == question_id), None)


@record
class Counts:
    """How many of a rubric's questions are answered, n/a, or left unanswered.

    ``validate`` and every report count with this one function, so they never disagree.
    """

    answered: int
    not_applicable: int
    unanswered: int

    @property
    def questions(self) -> int:
        return self.answered + self.not_applicable + self.unanswered

    def summary(self) -> str:
        """``40 answered, 2 n/a, 3 unanswered, of 45 questions``."""
        return (f"{self.answered} answered, {self.not_applicable} n/a, "
                f"{self.unanswered} unanswered, of {self.questions} questions")


def count_answers(question_ids: Iterable[str], answers: Iterable[Answer]) -> Counts:
    """Count a questionnaire's answers to the given questions (others are ignored)."""
    given = {a.question: a.value for a in answers}
    values = [given.get(qid) for qid in question_ids]
    na = sum(1 for v in values if v == NA)
    unanswered = sum(1 for v in values if v is None)
    return Counts(len(values) - na - unanswered, na, unanswered)
