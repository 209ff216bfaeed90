"""Findings: what holds a degree back, what blocks a target, and what to do next, as types.

In the spirit of OpenSSF Scorecard's findings, each one has a kind, typed references to the
gate, question or section it is about, and the answers or scores involved. Nothing is
encoded in strings: the report words each kind once (``report/wording.py``), and no code
parses a string back into meaning.
"""

from __future__ import annotations

from fractions import Fraction

from mlops_maturity.model.rubric import Question
from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.model.record import record


class CapKind(TextEnum):
    """Why a maturity level is lower than the score alone would give."""

    GATE = "gate"  # a gate's required practices are not all in place
    STAGES = "stages"  # the lifecycle is never rated above its most mature stage


@record
class Cap:
    """One reason a maturity level was held below the level its score reaches."""

    kind: CapKind
    gate: str | None = None  # the gate's id, for GATE


class BlockerKind(TextEnum):
    """Why a target (a degree of automation, or a maturity level) is not met."""

    # The decision axis.
    UNDECLARED = "undeclared"  # nobody said who decides: the automation question is open
    BEYOND_SUPPORT = "beyond_support"  # it runs at a degree its practices do not support
    PRACTICE = "practice"  # a degree needs a better answer to a question
    SECTION = "section"  # a degree needs a section to score higher
    # Lifecycle maturity.
    GATE = "gate"  # a practice a gate requires is below the answer it needs
    SCORE = "score"  # the score is below where the target level starts
    STAGES = "stages"  # no lifecycle stage is rated at the target level yet


@record
class Blocker:
    """One reason a target is not met, with what is there now and what is needed.

    ``current`` and ``needed`` are option ids for PRACTICE and GATE, degree ids for
    BEYOND_SUPPORT (declared, supported) and level ids for STAGES. ``owners`` are the gates
    or degrees that need the answer.
    """

    kind: BlockerKind
    question: Question | None = None
    current: str | None = None
    needed: str | None = None
    owners: tuple[str, ...] = ()
    section: str | None = None
    score: Fraction | None = None
    needed_score: Fraction | None = None


class StepAction(TextEnum):
    """What a roadmap step asks of the team."""

    ANSWER_FIRST = "answer this first"
    UNBLOCK = "unblock"
    IMPROVE = "improve"


class TowardsKind(TextEnum):
    """What a roadmap step works towards."""

    SUPPORT = "support"  # what the degree the system already runs at needs
    DEGREE = "degree"  # what the target degree needs
    LEVEL = "level"  # a maturity level


@record
class Towards:
    """The degree or level a step helps reach."""

    kind: TowardsKind
    id: str


@record
class Step:
    """One roadmap item: move one answer up by one option."""

    question: Question
    current: str | None  # None when unanswered
    next: str
    gain: Fraction  # overall score gained by this step, given the steps before it
    towards: Towards | None  # None beyond the last target
    required: bool  # needed by a degree or a gate on the way to the target
    unanswered: bool

    @property
    def action(self) -> StepAction:
        """Unanswered questions first; then what a target requires; then improvements."""
        if self.unanswered:
            return StepAction.ANSWER_FIRST
        return StepAction.UNBLOCK if self.required else StepAction.IMPROVE
