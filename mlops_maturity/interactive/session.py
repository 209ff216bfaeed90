"""The guided walk as pure logic: which questions, in which order, where to resume, and what
each reply does. No terminal and no file here, so every rule is tested with tables.

The walk asks who decides first (the degree of automation, when the rubric has a decision
axis), then every other question section by section in rubric order. A reply is a command
(``?``, ``s``, ``b``, ``n``, ``q``), an answer by number or by name, or text (evidence, notes,
an n/a reason). ``advance`` turns the state and one reply into the next state and the change
to save, if any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import AbstractSet, Mapping

from mlops_maturity.interactive.change import Change, add_evidence, pick
from mlops_maturity.model.answers import NA, Answer
from mlops_maturity.model.errors import Problem, UsageError, did_you_mean
from mlops_maturity.model.rubric import Question, Rubric
from mlops_maturity.model.textenum import TextEnum

NA_WORDS = ("n/a", "na", "not applicable")
CLEAR = "-"  # at the notes prompt: remove the notes


class Mode(TextEnum):
    """Which questions a session visits."""

    RESUME = "resume"  # from the first open question, then on through the open ones
    REVIEW = "review"  # every question from the first, showing the current answers
    UNANSWERED = "unanswered"  # only the questions still open when the session started


class Stage(TextEnum):
    """Which prompt of a question is showing."""

    ANSWER = "answer"
    REASON = "reason"  # why n/a
    EVIDENCE = "evidence"
    NOTES = "notes"


class Command(TextEnum):
    """What a one-letter reply asks for, at any prompt."""

    HELP = "?"
    SKIP = "s"
    BACK = "b"
    NA = "n"
    QUIT = "q"


class Notice(TextEnum):
    """What to tell the user instead of moving on."""

    HELP = "help"
    FIRST = "first"  # back from the first question
    NO_NA = "no-na"  # n/a is not allowed here
    NEED_ANSWER = "need-answer"
    NEED_REASON = "need-reason"
    ALREADY = "already"  # this evidence is already recorded
    PROBLEM = "problem"  # a reply that means nothing here (the detail says why)


@dataclass(frozen=True)
class Walk:
    """The questions of one session, in the order they are asked."""

    questions: tuple[Question, ...]
    mode: Mode

    def first(self, answered: AbstractSet[str]) -> int | None:
        """Where the session starts: the first open question, or the first of all."""
        if self.mode is Mode.RESUME:
            return self._open_from(0, answered)
        return 0 if self.questions else None

    def after(self, index: int, answered: AbstractSet[str]) -> int | None:
        """The next question to visit, or None when the walk is over."""
        if self.mode is Mode.RESUME:
            return self._open_from(index + 1, answered)
        return index + 1 if index + 1 < len(self.questions) else None

    def before(self, index: int) -> int | None:
        """The question before, answered or not: going back is how an answer is fixed."""
        return index - 1 if index > 0 else None

    def _open_from(self, start: int, answered: AbstractSet[str]) -> int | None:
        return next((i for i in range(start, len(self.questions))
                     if self.questions[i].id not in answered), None)


def answered_ids(answers: Mapping[str, Answer]) -> frozenset[str]:
    """Questions with an answer (n/a counts: it was answered)."""
    return frozenset(qid for qid, a in answers.items() if a.value is not None)


def check_section(rubric: Rubric, section: str | None) -> None:
    """``--section`` must name one of the rubric's sections."""
    if section is not None and rubric.section(section) is None:
        ids = [s.id for s in rubric.sections]
        hint = did_you_mean(section, ids) or f"use one of: {', '.join(ids)}"
        raise UsageError(Problem("--section", f"'{section}' is not a section of rubric "
                                 f"'{rubric.id}'", hint=hint))


def plan(rubric: Rubric, mode: Mode, section: str | None = None,
         answered: AbstractSet[str] = frozenset()) -> Walk:
    """Who decides first, then every section in rubric order; ``section`` keeps one."""
    check_section(rubric, section)
    degree = rubric.question(rubric.automation.question) if rubric.automation else None
    rest = [q for q in rubric.questions if q is not degree]
    ordered = ([degree] if degree is not None else []) + rest
    chosen = [q for q in ordered if section is None or q.section == section]
    if mode is Mode.UNANSWERED:
        chosen = [q for q in chosen if q.id not in answered]
    return Walk(tuple(chosen), mode)


@dataclass(frozen=True)
class SectionProgress:
    """How many of a section's questions are answered."""

    id: str
    title: str
    answered: int
    total: int


def progress(rubric: Rubric, answers: Mapping[str, Answer]) -> tuple[SectionProgress, ...]:
    done = answered_ids(answers)
    return tuple(SectionProgress(s.id, s.title, sum(q.id in done for q in s.questions),
                                 len(s.questions)) for s in rubric.sections)


@dataclass(frozen=True)
class Reply:
    """One line typed at a prompt, understood."""

    command: Command | None = None
    option: str | None = None  # an answer picked (an option id)
    text: str = ""  # evidence, notes or a reason
    problem: str = ""


# The characters the loader refuses in any text (see load/yamlfile.py): control characters
# other than tab, the bidirectional marks and overrides, and the Unicode line separators.
# Refused here as they are typed, so that no save can produce a file the loader rejects.
UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                    "\u202a-\u202e\u2066-\u2069]")


def read_reply(raw: str, stage: Stage, question: Question) -> Reply:
    """A command at any prompt; at the answer prompt a number, an id or a label."""
    text = raw.strip()
    bad = UNSAFE.search(text)
    if bad:
        return Reply(problem=f"the text contains the control character U+{ord(bad.group()):04X}"
                             "; type it again without it")
    for command in Command:
        if text.lower() == command.value:
            return Reply(command=command)
    if stage is not Stage.ANSWER:
        return Reply(text=text)
    if not text:
        return Reply()
    if text.lower() in NA_WORDS:
        return Reply(command=Command.NA)
    found = _option(text, question)
    if found is None:
        return Reply(problem=f"'{text}' is not an answer to this question "
                             f"(type 1 to {len(question.options)}, or a name)")
    return Reply(option=found)


def _option(text: str, question: Question) -> str | None:
    """By number (as listed), by id, by label, or by the start of exactly one id."""
    options = question.options
    if text.isdigit():
        number = int(text)
        return options[number - 1].id if 1 <= number <= len(options) else None
    word = text.lower()
    for o in options:
        if word in (o.id.lower(), o.label.lower()):
            return o.id
    starting = [o.id for o in options if o.id.lower().startswith(word)]
    return starting[0] if len(starting) == 1 else None


@dataclass(frozen=True)
class State:
    """Where the session is: a question of the walk (None when it is over) and its prompt."""

    index: int | None
    stage: Stage = Stage.ANSWER
    done: bool = False  # the user asked to quit


@dataclass(frozen=True)
class Outcome:
    """What one reply leads to."""

    state: State
    change: Change | None = None  # to save now
    notice: Notice | None = None
    detail: str = ""


def advance(walk: Walk, state: State, answers: Mapping[str, Answer], raw: str) -> Outcome:
    """The next state after one reply at the current prompt."""
    assert state.index is not None, "the walk is over"
    question = walk.questions[state.index]
    current = answers.get(question.id)
    reply = read_reply(raw, state.stage, question)
    if reply.problem:
        return Outcome(state, notice=Notice.PROBLEM, detail=reply.problem)
    if reply.command is not None:
        return _command(walk, state, question, answers, reply.command)
    if state.stage is Stage.ANSWER:
        return _answer(walk, state, question, answers, reply.option)
    if state.stage is Stage.REASON:
        return _reason(state, question, current, reply.text)
    if state.stage is Stage.EVIDENCE:
        if not reply.text:
            return Outcome(replace(state, stage=Stage.NOTES))
        change = add_evidence(question.id, (reply.text,), current)
        return Outcome(state, change=change, notice=None if change.add_evidence
                       else Notice.ALREADY)
    return _notes(walk, state, question, answers, reply.text)


def _next(walk: Walk, index: int, answers: Mapping[str, Answer],
          change: Change | None = None) -> State:
    answered = set(answered_ids(answers))
    if change is not None and change.value is not None:
        answered.add(change.question)
    return State(walk.after(index, answered))


def _command(walk: Walk, state: State, question: Question, answers: Mapping[str, Answer],
             command: Command) -> Outcome:
    assert state.index is not None
    if command is Command.HELP:
        return Outcome(state, notice=Notice.HELP)
    if command is Command.QUIT:
        return Outcome(replace(state, done=True))
    if command is Command.BACK:
        back = walk.before(state.index)
        return (Outcome(state, notice=Notice.FIRST) if back is None
                else Outcome(State(back)))
    if command is Command.SKIP:
        return Outcome(_next(walk, state.index, answers))
    if not question.allow_na:
        return Outcome(state, notice=Notice.NO_NA)
    return Outcome(replace(state, stage=Stage.REASON))


def _answer(walk: Walk, state: State, question: Question, answers: Mapping[str, Answer],
            option: str | None) -> Outcome:
    assert state.index is not None
    current = answers.get(question.id)
    if option is None:  # Enter: keep the current answer and move on
        if current is not None and current.value is not None:
            return Outcome(_next(walk, state.index, answers))
        return Outcome(state, notice=Notice.NEED_ANSWER)
    evidence = replace(state, stage=Stage.EVIDENCE)
    if current is not None and current.value == option:
        return Outcome(evidence)
    return Outcome(evidence, change=pick(question.id, option, current))


def _reason(state: State, question: Question, current: Answer | None, text: str) -> Outcome:
    evidence = replace(state, stage=Stage.EVIDENCE)
    if not text:
        if current is not None and current.value == NA and current.reason:
            return Outcome(evidence)
        return Outcome(state, notice=Notice.NEED_REASON)
    if current is not None and current.value == NA and current.reason == text:
        return Outcome(evidence)
    return Outcome(evidence, change=pick(question.id, NA, current, reason=text))


def _notes(walk: Walk, state: State, question: Question, answers: Mapping[str, Answer],
           text: str) -> Outcome:
    assert state.index is not None
    current = answers.get(question.id)
    had = current.notes if current is not None else ""
    wanted = "" if text == CLEAR else text
    change = (Change(question.id, notes=wanted) if (text and wanted != had) else None)
    return Outcome(_next(walk, state.index, answers, change), change=change)
