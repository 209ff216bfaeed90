"""Findings: what holds a degree back, what blocks a target, and what to do next, as types.

In the spirit of OpenSSF Scorecard's findings, each one has a kind, typed references to the
gate, question or section it is about, and the answers or scores involved. Nothing is
encoded in strings: the report words each kind once (``report/wording.py``), and no code
parses a string back into meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mlops_maturity.model.rubric import Question
from mlops_maturity.model.textenum import TextEnum


class CapKind(TextEnum):
    """Why a degree is lower than the score alone would give."""

    GATE = "gate"  # a gate's required practices are not all in place
    CLAIM = "claim"  # the team's own answer to a stage's degree question is lower
    STAGES = "stages"  # the system is never rated above its most automated stage


@dataclass(frozen=True)
class Cap:
    """One reason a degree was held below the degree its score reaches."""

    kind: CapKind
    gate: str | None = None  # the gate's id, for GATE
    question: str | None = None  # the degree question's id, for CLAIM

    @property
    def reference(self) -> str:
        """The id the JSON report lists in ``capped_by``: a gate, a question, or the stages."""
        if self.kind is CapKind.GATE:
            return str(self.gate)
        if self.kind is CapKind.CLAIM:
            return str(self.question)
        return "stage-degrees"


class BlockerKind(TextEnum):
    """Why a target degree is not met."""

    GATE = "gate"  # a practice a gate requires is below the answer it needs
    SCORE = "score"  # the score is below where the target degree starts
    CLAIM = "claim"  # a stage's own degree answer is below the target
    STAGES = "stages"  # no lifecycle stage is rated at the target yet


@dataclass(frozen=True)
class Blocker:
    """One reason a target is not met, with what is there now and what is needed."""

    kind: BlockerKind
    question: Question | None = None
    current: str | None = None  # option id (or degree id for STAGES); None when unanswered
    needed: str | None = None
    gates: tuple[str, ...] = ()
    section: str | None = None
    score: Fraction | None = None
    needed_score: Fraction | None = None


class StepAction(TextEnum):
    """What a roadmap step asks of the team."""

    ANSWER_FIRST = "answer this first"
    UNBLOCK = "unblock"
    IMPROVE = "improve"


@dataclass(frozen=True)
class Step:
    """One roadmap item: move one answer up by one option."""

    question: Question
    current: str | None  # None when unanswered
    next: str
    gain: Fraction  # overall score gained by this step, given the steps before it
    degree: str | None  # the degree this step helps reach; None beyond the top of the scale
    blocker: bool  # required by a gate on the way to the target
    unanswered: bool

    @property
    def action(self) -> StepAction:
        """Unanswered questions come first; then gate requirements; then improvements."""
        if self.unanswered:
            return StepAction.ANSWER_FIRST
        return StepAction.UNBLOCK if self.blocker else StepAction.IMPROVE
