"""Findings placed in files, for the outputs that annotate files: GitHub workflow commands
(``render/github.py``) and SARIF (``render/sarif.py``).

Two sources give them. A report's blockers, each at the questionnaire line of the answer it is
about; a blocker about an unanswered question, or about no single question (a section's or
the overall score, the stages), is placed on the ``answers:`` key's line, or on line 1 where
the file has none. And the problems of input that does not validate, each at its own file and
line. Both become the same frozen ``Annotation``s with the ``Rule``s they belong to, so the
two formats say the same things, in words written once elsewhere: ``report/wording.py`` for
blockers, ``Problem.detail`` for problems (the message and hint as the CLI prints them).

Levels: running beyond what the practices support is an error (the most important finding a
report can make); what stands between the system and its target is a warning; a problem in
the input is an error.
"""

from __future__ import annotations

import os
import re
from typing import Sequence

from mlops_maturity.engine.findings import BlockerKind
from mlops_maturity.load.rules import RULES
from mlops_maturity.model.errors import (InputFileError, MaturityError, OutputError, Problem,
                                         QuestionnaireError, RubricError, UsageError)
from mlops_maturity.model.record import record
from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.report import wording
from mlops_maturity.report.model import Report

TOOL = "mlops-maturity"


class Level(TextEnum):
    """How serious a finding is; SARIF's names (GitHub calls a note a notice)."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@record
class Rule:
    """What a kind of finding means and what to do about it (a SARIF rule)."""

    id: str
    name: str  # one line: the question, or what the rule checks
    description: str = ""  # why it matters
    help: str = ""  # what to do: the rubric's advice


@record
class Annotation:
    """One finding at one place; ``file`` is None only where no file is concerned."""

    rule: str
    level: Level
    title: str
    message: str
    file: str | None
    line: int | None
    help: str = ""


@record
class Annotations:
    """The findings of one run, the rules they belong to, and a summary line (GitHub)."""

    rules: tuple[Rule, ...]
    items: tuple[Annotation, ...]
    summary: Annotation | None = None


# Blockers that are about no single question: what each means, in the tool's own words.
KIND_RULES = {
    BlockerKind.BEYOND_SUPPORT: Rule(
        "beyond-support", "The system runs at a degree of automation its practices do not "
        "support.", "The degree the team declares is above the highest degree its practices "
        "support; running beyond support is the first thing a readiness review must know.",
        "Put in place what the declared degree needs: each missing practice is reported "
        "with its own advice."),
    BlockerKind.SECTION: Rule(
        "section-below-minimum", "A section scores below the minimum a degree of automation "
        "needs.", help="Improve the section's answers; `mlops-maturity score` lists the "
        "steps in order."),
    BlockerKind.SCORE: Rule(
        "score-below-level", "The overall score is below where the target maturity level "
        "starts.", help="Improve the answers the roadmap lists first."),
    BlockerKind.STAGES: Rule(
        "no-stage-at-level", "No lifecycle stage is rated at the target maturity level yet.",
        help="Bring one stage up to the target level first; the report lists the blockers "
        "by stage."),
}


# Blockers whose phrase names the target, or has none: no "(for TARGET)" after them.
NAMES_TARGET = (BlockerKind.BEYOND_SUPPORT, BlockerKind.SCORE, BlockerKind.STAGES)


def question_rule(rubric: str, question: str) -> str:
    """A question's rule id, named by its rubric so that two rubrics never share one."""
    return f"{rubric}/{question}"


def first_sentence(text: str) -> str:
    """A question's first sentence, as the one line a rule is listed under; the whole text
    is the rule's description."""
    match = _SENTENCE_END.search(text)
    return text[:match.end()].strip() if match else text.strip()


_SENTENCE_END = re.compile(r"[?.!](?=\s+[A-Z]|\s*$)")  # "e.g. 0.9" goes on


def from_report(report: Report) -> Annotations:
    """The report's blockers, most urgent first, each at the line of its answer."""
    from mlops_maturity.render.summary import blockers
    rules = [Rule(question_rule(report.rubric.id, q.id), first_sentence(q.text),
                  "\n\n".join(t for t in (q.text, q.why) if t), q.advice)
             for s in report.sections for q in s.questions]
    items = []
    for item in blockers(report):
        b = item.blocker
        kind_rule = KIND_RULES.get(b.kind)
        if b.question is None and kind_rule is not None and kind_rule not in rules:
            rules.append(kind_rule)
        beyond = b.kind is BlockerKind.BEYOND_SUPPORT
        question = (report.automation.question if beyond and report.automation
                    else b.question)
        rule = (kind_rule.id if b.question is None and kind_rule is not None
                else question_rule(report.rubric.id, b.question or ""))
        origin = report.origin
        items.append(Annotation(
            rule, Level.ERROR if beyond else Level.WARNING,
            f"{TOOL}: {'runs beyond support' if beyond else 'blocks ' + item.target}",
            wording.plain(item.phrase) + ("" if b.kind in NAMES_TARGET
                                          else f" (for {item.target})"),
            origin.file if origin else None, origin.line_of(question) if origin else None,
            b.advice or ""))
    return Annotations(tuple(rules), tuple(items), _summary(report))


def _summary(report: Report) -> Annotation:
    """Who decides, lifecycle maturity and the verdict for the target, as one notice."""
    a, r = report.automation, report.readiness
    lines = [a.verdict] if a else []
    lines.append(report.overall.verdict)
    if a:
        lines.append(a.target_verdict)
    elif r:
        lines.append(f"{r.verdict}.")
    origin = report.origin
    return Annotation("summary", Level.NOTE, f"{TOOL}: {report.rubric.title}", "\n".join(lines),
                      origin.file if origin else None, None)


# Problems no validation rule names, by the kind of error that carried them.
CATEGORIES: tuple[tuple[type[MaturityError], Rule], ...] = (
    (InputFileError, Rule("unreadable-file", "A file cannot be read, or is not the YAML this "
                          "tool reads.")),
    (QuestionnaireError, Rule("invalid-questionnaire", "A questionnaire does not fit its "
                              "rubric.")),
    (RubricError, Rule("invalid-rubric", "A rubric breaks the rubric format's rules.")),
    (UsageError, Rule("usage", "An option, or a name given to one, cannot be used.")),
    (OutputError, Rule("cannot-write", "An output cannot be written.")),
    (MaturityError, Rule("invalid-input", "An input cannot be used.")),
)

# Every check ``validate`` makes, for SARIF's list of rules.
VALIDATION_RULES = tuple(Rule(rule.id, rule.description) for rule in RULES.values()) + tuple(
    rule for _, rule in CATEGORIES)


def category(exc: MaturityError) -> Rule:
    """The rule of a problem that names none: the first category its error belongs to."""
    return next(rule for kind, rule in CATEGORIES if isinstance(exc, kind))


def from_problems(failures: Sequence[tuple[MaturityError, str | None]]) -> Annotations:
    """Every problem of every failed file, each at its own file and line.

    ``failures`` pairs each error with the file it was raised for. A problem whose ``file``
    names no file here (an option such as ``--rubric``, or a bundled rubric) is placed on that
    file instead, with its whole line as the CLI prints it for the message.
    """
    items = []
    for exc, fallback in failures:
        for problem in exc.problems:
            items.append(_problem(exc, problem, fallback))
    return Annotations(VALIDATION_RULES, tuple(items))


def _problem(exc: MaturityError, problem: Problem | str, fallback: str | None) -> Annotation:
    if isinstance(problem, str):
        rule = category(exc).id
        return Annotation(rule, Level.ERROR, f"{TOOL}: {rule}", problem, fallback, None)
    rule = problem.rule if problem.rule in RULES else category(exc).id
    title = f"{TOOL}: {rule}"
    if os.path.isfile(problem.file):  # a stat, never a read
        return Annotation(rule, Level.ERROR, title, problem.detail(), problem.file,
                          problem.line)
    return Annotation(rule, Level.ERROR, title, str(problem), fallback, None)
