"""Every finding worded once, as phrases that each renderer marks up in its own way.

A phrase is a tuple of segments: the tool's own words, values from rubrics and questionnaires
(which a renderer must escape), identifiers (shown as code) and numbers (formatted by the
numbers policy). The terminal, HTML and Markdown outputs all render these same phrases, so a
blocker reads the same wherever it is shown.
"""

from __future__ import annotations

import enum
from typing import Iterable

from mlops_maturity.engine.findings import BlockerKind, Cap, CapKind
from mlops_maturity.report.model import BlockerView
from mlops_maturity.report.numbers import fmt_num
from mlops_maturity.model.record import record
from mlops_maturity.model.rubric import Question, QuestionType


class Seg(enum.Enum):
    """What a segment of a phrase is, which decides how it is escaped and styled."""

    WORDS = "words"  # the tool's own wording, safe as it is
    VALUE = "value"  # text from a rubric or questionnaire: escape it
    CODE = "code"  # an identifier: show it as code
    NUMBER = "number"  # already formatted by the numbers policy


@record
class Segment:
    kind: Seg
    text: str


Phrase = tuple[Segment, ...]


def words(text: str) -> Segment:
    return Segment(Seg.WORDS, text)


def value(text: str) -> Segment:
    return Segment(Seg.VALUE, text)


def code(text: str) -> Segment:
    return Segment(Seg.CODE, text)


def number(amount: float | None) -> Segment:
    return Segment(Seg.NUMBER, fmt_num(amount))


def plain(phrase: Phrase) -> str:
    """A phrase as plain text (for JSON strings and logs)."""
    return "".join(s.text for s in phrase)


def overall_blocker(b: BlockerView, target_label: str) -> Phrase:
    """A blocker of a target level that is not a single practice (score, or stages)."""
    if b.kind is BlockerKind.STAGES:
        return (words("No lifecycle stage is rated "), value(b.needed_label or ""),
                words(" yet (the highest is "), value(b.current_label or ""),
                words("); see the blockers by stage."))
    return (words("The overall score, "), number(b.score), words(", is below "),
            number(b.needed_score), words(", where "), value(target_label), words(" starts."))


def practice_blocker(b: BlockerView) -> Phrase:
    """A practice below the answer a gate or a degree needs: ``question: current → needed``."""
    return (code(b.question or ""), words(": "), value(b.current_label or "unanswered"),
            words(" → "), value(b.needed_label or ""))


def automation_blocker(b: BlockerView) -> Phrase:
    """Why the practices do not support a degree: nobody said who decides, it runs beyond
    support, a practice is missing, or a section scores too low."""
    if b.kind is BlockerKind.UNDECLARED:
        return (words("Who decides is not declared: answer "), code(b.question or ""),
                words("."))
    if b.kind is BlockerKind.BEYOND_SUPPORT:
        return (words("Runs at "), value(b.current_label or ""),
                words(" (declared); its practices support "), value(b.needed_label or ""),
                words("."))
    if b.kind is BlockerKind.SECTION:
        return (value(b.section_title or b.section or ""), words(": scores "), number(b.score),
                words(" of "), number(b.max_score), words(", needs "),
                number(b.needed_score))
    return practice_blocker(b)


def stage_blocker(b: BlockerView) -> Phrase:
    """Why one stage is not at the target level: a practice, or its score."""
    if b.kind is BlockerKind.GATE:
        return practice_blocker(b)
    return (words("score "), number(b.score), words(" is below "), number(b.needed_score))


def held_back_by(caps: Iterable[Cap]) -> str | None:
    """Plain words for what caps a maturity level: gates, or no stage being rated higher."""
    caps = tuple(caps)
    if not caps:
        return None
    gates = [str(c.gate) for c in caps if c.kind is CapKind.GATE]
    parts = []
    if gates:
        parts.append(("gate " if len(gates) == 1 else "gates ") + ", ".join(gates))
    if any(c.kind is CapKind.STAGES for c in caps):
        parts.append("no stage being rated higher")
    return "; ".join(parts)


def automation_verdict(declared: str | None, supported: str, within: bool | None,
                       question: str) -> str:
    """Who decides and what the practices support, in one line, e.g. ``Runs at: AI assistance
    (declared) · its practices support: Full automation · within support``."""
    if declared is None:
        return (f"Runs at: not declared (answer {question}) · its practices support: "
                f"{supported}")
    where = "within support" if within else "beyond support"
    return f"Runs at: {declared} (declared) · its practices support: {supported} · {where}"


def degree_target_verdict(target: str, ready: bool, blockers: int, design_point: bool,
                          declared: str | None = None, next_degree: bool = False) -> str:
    """The verdict for a target degree; at the design point it is about that degree alone.

    A target below the declared degree can be in place while running at the declared one is
    not: the blockers listed then belong to the declared degree, and the verdict says so.
    Without a target the degree judged is the next one, never called the team's target."""
    subject = (f"At its design point, {target}," if design_point
               else f"For the next degree, {target}," if next_degree else f"For {target},")
    if ready and blockers and declared is not None:
        return (f"{subject} the practices are in place; running at {declared} (declared) "
                f"still has {plural(blockers, 'blocker')}.")
    if ready:
        return f"{subject} the practices are in place."
    return f"{subject} the practices are not all in place ({plural(blockers, 'blocker')})."


def answer_order(question: Question) -> str:
    """How a question's answers are listed. The degrees are choices of design, so they run from
    least to most automated, never from worst to best."""
    if question.type is QuestionType.DEGREE:
        return "least to most automated"
    return "worst to best"


def plural(count: int, noun: str) -> str:
    """``1 blocker``, ``2 blockers``."""
    return f"{count} {noun}{'s' * (count != 1)}"


def evidence_age(days: int) -> str:
    """How old a dated piece of evidence is on the report's date."""
    if days < 0:
        return f"dated {plural(-days, 'day')} after this report"
    if days == 0:
        return "from the day of this report"
    return f"{plural(days, 'day')} old"
