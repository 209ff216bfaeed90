"""Every finding worded once, as phrases that each renderer marks up in its own way.

A phrase is a tuple of segments: the tool's own words, values from rubrics and questionnaires
(which a renderer must escape), identifiers (shown as code) and numbers (formatted by the
numbers policy). The terminal, HTML and Markdown outputs all render these same phrases, so a
blocker reads the same wherever it is shown.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Iterable

from mlops_maturity.engine.findings import BlockerKind, Cap, CapKind
from mlops_maturity.report.model import BlockerView
from mlops_maturity.report.numbers import fmt_num


class Seg(enum.Enum):
    """What a segment of a phrase is, which decides how it is escaped and styled."""

    WORDS = "words"  # the tool's own wording, safe as it is
    VALUE = "value"  # text from a rubric or questionnaire: escape it
    CODE = "code"  # an identifier: show it as code
    NUMBER = "number"  # already formatted by the numbers policy


@dataclass(frozen=True)
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
    """A blocker of the whole system that is not a single practice (score, or stages)."""
    if b.kind is BlockerKind.STAGES:
        return (words("No lifecycle stage is rated "), value(b.needed_label or ""),
                words(" yet (the highest is "), value(b.current_label or ""),
                words("); see the blockers by stage."))
    return (words("The overall score, "), number(b.score), words(", is below "),
            number(b.needed_score), words(", where "), value(target_label), words(" starts."))


def practice_blocker(b: BlockerView) -> Phrase:
    """A practice below the answer a gate needs: ``question: current → needed``."""
    return (code(b.question or ""), words(": "), value(b.current_label or "unanswered"),
            words(" → "), value(b.needed_label or ""))


def stage_blocker(b: BlockerView) -> Phrase:
    """Why one stage is not at the target: a practice, the team's own answer, or its score."""
    if b.kind is BlockerKind.GATE:
        return practice_blocker(b)
    if b.kind is BlockerKind.CLAIM:
        return (words("the team rates this stage "), value(b.current_label or "(unanswered)"),
                words(" in "), code(b.question or ""))
    return (words("score "), number(b.score), words(" is below "), number(b.needed_score))


def held_back_by(caps: Iterable[Cap]) -> str | None:
    """Plain words for what caps a degree: gates, the team's own degree answer, or the stages."""
    caps = tuple(caps)
    if not caps:
        return None
    gates = [c.reference for c in caps if c.kind is CapKind.GATE]
    parts = []
    if gates:
        parts.append(("gate " if len(gates) == 1 else "gates ") + ", ".join(gates))
    parts += [f"the team's own answer to {c.reference}" for c in caps if c.kind is CapKind.CLAIM]
    if any(c.kind is CapKind.STAGES for c in caps):
        parts.append("no stage being rated higher")
    return "; ".join(parts)


def plural(count: int, noun: str) -> str:
    """``1 blocker``, ``2 blockers``."""
    return f"{count} {noun}{'s' * (count != 1)}"
