"""A team's answers as loaded: frozen, validated against their rubric, read by every later stage."""

from __future__ import annotations

from dataclasses import dataclass

NA = "n/a"


@dataclass(frozen=True)
class Project:
    """What was assessed and by whom."""

    name: str = ""
    team: str = ""
    assessed_on: str = ""
    assessors: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Answer:
    """One answer as the team gave it; ``value`` is an option id, ``NA``, or None if left empty."""

    question: str
    value: str | None
    evidence: tuple[str, ...] = ()
    notes: str = ""
    reason: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Questionnaire:
    """A team's filled-in answers to one rubric."""

    path: str
    rubric_ref: str
    rubric_version: str | None
    project: Project
    target: str | None
    answers: tuple[Answer, ...]

    def answer(self, question_id: str) -> Answer | None:
        """The team's answer to a question, or None if it is not in the file."""
        return next((a for a in self.answers if a.question == question_id), None)
