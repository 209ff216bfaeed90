"""CI gates: whether a result meets ``--fail-under``, ``--fail-under-level`` and
``--fail-unsupported``, exactly.

The score compared is the engine's exact score (already rounded down to one decimal by the
scoring rule), never a display number, and an equal score passes. ``--fail-unsupported`` is
the gate a platform team puts in CI so that no system runs at a degree of automation its
practices do not support.
"""

from __future__ import annotations

from fractions import Fraction

from mlops_maturity.engine.automation import AutomationResult
from mlops_maturity.engine.scoring import Result
from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.model.record import record


class ThresholdKind(TextEnum):
    SCORE = "score"
    LEVEL = "level"
    SUPPORT = "support"


@record
class Thresholds:
    """What a CI job asks of a result."""

    fail_under: Fraction | None = None
    fail_under_level: str | None = None
    fail_unsupported: bool = False


@record
class ThresholdFailure:
    """A threshold not met, with what the result has and what was needed."""

    kind: ThresholdKind
    have: Fraction | str | None  # a score, a level id, or the declared degree id
    needed: Fraction | str  # a score, a level id, or the supported degree id
    gap: Fraction | int  # points short, or levels or degrees beyond


def check(result: Result, axis: AutomationResult | None,
          thresholds: Thresholds) -> tuple[ThresholdFailure, ...]:
    """Every threshold the result does not meet; an empty tuple when all hold."""
    failures: list[ThresholdFailure] = []
    if thresholds.fail_under is not None:
        have = result.score if result.score is not None else Fraction(0)
        if have < thresholds.fail_under:
            failures.append(ThresholdFailure(ThresholdKind.SCORE, have, thresholds.fail_under,
                                             thresholds.fail_under - have))
    wanted = thresholds.fail_under_level
    if wanted is not None:
        rubric = result.rubric
        level = result.level.id if result.level else None
        reached = rubric.level_index(level) if level else -1
        gap = rubric.level_index(wanted) - reached
        if gap > 0:
            failures.append(ThresholdFailure(ThresholdKind.LEVEL, level, wanted, gap))
    if thresholds.fail_unsupported and axis is not None and axis.within_support is False:
        declared = axis.declared_index or 0
        failures.append(ThresholdFailure(ThresholdKind.SUPPORT, axis.declared.id if axis.declared
                                         else None, axis.supported.id,
                                         declared - axis.supported_index))
    return tuple(failures)
