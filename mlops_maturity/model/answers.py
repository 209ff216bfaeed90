"""A team's answers as loaded: frozen, validated against their rubric, read by every later stage."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from mlops_maturity.model.record import record
from mlops_maturity.model.textenum import TextEnum

NA = "n/a"


class EvidenceSource(TextEnum):
    """Who put an answer or a piece of evidence in the file: people, or ``scan``."""

    DECLARED = "declared"
    SCAN = "scan"


class EvidenceKind(TextEnum):
    """What a piece of evidence points at."""

    TEXT = "text"  # a sentence, or anything written as a plain string
    PATH = "path"  # a file in the repository, perhaps with lines
    URL = "url"  # an http(s) address


@record
class LineRange:
    """Lines ``first`` to ``last`` of a file, counted from 1, both included."""

    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


@record
class Evidence:
    """One piece of evidence: plain text (as evidence always was), a file in the repository
    with optional lines, or an address; optionally dated, with a date to review it by.

    ``line`` is where the item is written in the questionnaire, for messages.
    """

    text: str = ""
    path: str = ""
    lines: LineRange | None = None
    url: str = ""
    date: dt.date | None = None
    review_by: dt.date | None = None
    source: EvidenceSource = EvidenceSource.DECLARED
    note: str = ""
    line: int | None = None

    @property
    def kind(self) -> EvidenceKind:
        if self.path:
            return EvidenceKind.PATH
        if self.url:
            return EvidenceKind.URL
        return EvidenceKind.TEXT

    @property
    def shown(self) -> str:
        """The item in one short phrase: the text, ``path:lines``, or the address."""
        if self.path:
            return f"{self.path}:{self.lines}" if self.lines else self.path
        return self.url or self.text

    @property
    def plain(self) -> bool:
        """Whether the item is a bare string, exactly as evidence was before it had fields."""
        return (self.kind is EvidenceKind.TEXT and self.date is None and self.review_by is None
                and self.source is EvidenceSource.DECLARED and not self.note)


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
    evidence: tuple[Evidence, ...] = ()
    notes: str = ""
    reason: str = ""
    line: int | None = None
    source: EvidenceSource = EvidenceSource.DECLARED  # SCAN: proposed, not yet confirmed


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
