"""CI gates: whether a result meets ``--fail-under`` and ``--fail-under-degree``, exactly.

The score compared is the engine's exact score (already rounded down to one decimal by the
scoring rule), never a display number, and an equal score passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from mlops_maturity.engine.scoring import Result
from mlops_maturity.model.textenum import TextEnum


class ThresholdKind(TextEnum):
    SCORE = "score"
    DEGREE = "degree"


@dataclass(frozen=True)
class Thresholds:
    """What a CI job asks of a result."""

    fail_under: Fraction | None = None
    fail_under_degree: str | None = None


@dataclass(frozen=True)
class ThresholdFailure:
    """A threshold not met, with what the result has and what was needed."""

    kind: ThresholdKind
    have: Fraction | str | None  # a score, or a degree id
    needed: Fraction | str
    gap: Fraction | int  # points short, or degrees short


def check(result: Result, thresholds: Thresholds) -> tuple[ThresholdFailure, ...]:
    """Every threshold the result does not meet; an empty tuple when all hold."""
    failures: list[ThresholdFailure] = []
    if thresholds.fail_under is not None:
        have = result.score if result.score is not None else Fraction(0)
        if have < thresholds.fail_under:
            failures.append(ThresholdFailure(ThresholdKind.SCORE, have, thresholds.fail_under,
                                             thresholds.fail_under - have))
    wanted = thresholds.fail_under_degree
    if wanted is not None:
        rubric = result.rubric
        degree = result.degree.id if result.degree else None
        reached = rubric.level_index(degree) if degree else -1
        gap = rubric.level_index(wanted) - reached
        if gap > 0:
            failures.append(ThresholdFailure(ThresholdKind.DEGREE, degree, wanted, gap))
    return tuple(failures)
