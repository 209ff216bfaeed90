"""The maximum scores a rubric can produce, shared by validation (bands) and scoring."""

from __future__ import annotations

from fractions import Fraction
from typing import Iterable

from mlops_maturity.model.rubric import OverallRule, Question, Scoring, Section, SectionRule


def section_max(scoring: Scoring, questions: Iterable[Question]) -> Fraction:
    """Best possible score of a section over the given (not n/a) questions."""
    if scoring.section is SectionRule.WEIGHTED_MEAN:
        return scoring.max_score
    return sum((q.weight * q.best.points for q in questions), Fraction(0))


def overall_max(scoring: Scoring, sections: Iterable[Section]) -> Fraction | None:
    """Best possible overall score when every question is answered; None without sections.

    A section that asks only the automation question has nothing to score, so it is left out:
    under ``min`` its maximum of 0 would otherwise pin every overall score to 0.
    """
    maxima = [(s.weight, section_max(scoring, s.questions)) for s in sections
              if any(q.scored for q in s.questions)]
    if not maxima:
        return None
    if scoring.overall is OverallRule.MIN:
        return min(m for _, m in maxima)
    total = sum((w for w, _ in maxima), Fraction(0))
    if total == 0:
        return max(m for _, m in maxima)
    return sum((w * m for w, m in maxima), Fraction(0)) / total
