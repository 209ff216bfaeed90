"""The scoring formula in one place: a section's score from its answers' terms, and the roll-up.

A section's score is ``section_value(total of terms, total of spans)`` over its applicable
questions. Scoring sums the terms once; the roadmap's simulation keeps the two totals and
moves one term at a time. Both read the formula from here, so they cannot disagree.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Iterable, Sequence

from mlops_maturity.model.maxima import overall_max
from mlops_maturity.model.rubric import OverallRule, Question, Rubric, SectionRule

# (section weight, score, maximum) of one section, as the overall rule sees it.
Part = tuple[Fraction, Fraction | None, Fraction | None]


def floor1(value: Fraction) -> Fraction:
    """Round down to one decimal, so rounding never lifts a score over a threshold."""
    return Fraction(math.floor(value * 10), 10)


def percent(score: Fraction | None, top: Fraction | None) -> Fraction | None:
    """Score as a percent of its maximum."""
    if score is None or not top:
        return None
    return score * 100 / top


# (id(question), option, rule) -> (the question, kept so the id stays its own; its term;
# the term's and the span's numerator and denominator). Questions are frozen, so these never
# change; scoring many files against one rubric (a portfolio) computes them once per option.
_Known = tuple[Question, Fraction, tuple[int, int, int, int]]
_TERMS: dict[tuple[int, str, SectionRule], _Known] = {}


def _known(rule: SectionRule, question: Question, option_id: str) -> _Known:
    key = (id(question), option_id, rule)
    known = _TERMS.get(key)
    if known is not None and known[0] is question:
        return known
    value, width = _term(rule, question, option_id), span(rule, question)
    known = (question, value, (value.numerator, value.denominator, width.numerator,
                               width.denominator))
    if len(_TERMS) >= 65536:
        _TERMS.clear()
    _TERMS[key] = known
    return known


def term(rule: SectionRule, question: Question, option_id: str) -> Fraction:
    """What one answer adds to its section's total.

    ``weighted_mean``: the weighted share of the question's best points; ``sum``: the
    weighted points themselves.
    """
    return _known(rule, question, option_id)[1]


def totals(rule: SectionRule, answered: Iterable[tuple[Question, str]]
           ) -> tuple[Fraction, Fraction]:
    """The exact sums of ``term`` and of ``span`` over (question, option) pairs: the two
    totals ``section_value`` takes. Numerators of equal denominators are added as integers
    first (a rubric's terms share a few denominators, such as 1, 2 and 4), which gives the
    same fractions as adding them one by one, without a gcd for every answer."""
    terms: dict[int, int] = {}
    spans: dict[int, int] = {}
    for question, option_id in answered:
        tn, td, sn, sd = _known(rule, question, option_id)[2]
        terms[td] = terms.get(td, 0) + tn
        spans[sd] = spans.get(sd, 0) + sn
    return _over_common_denominator(terms), _over_common_denominator(spans)


def _over_common_denominator(numerators: dict[int, int]) -> Fraction:
    """The sum of numerator/denominator pairs ({denominator: numerator}) as one fraction."""
    if not numerators:
        return Fraction(0)
    common = math.lcm(*numerators)
    return Fraction(sum(n * (common // d) for d, n in numerators.items()), common)


def _term(rule: SectionRule, question: Question, option_id: str) -> Fraction:
    if not question.scored:
        return Fraction(0)
    points = question.points_of(option_id)
    if rule is SectionRule.SUM:
        return question.weight * points
    best = question.best.points
    return question.weight * points / best if best else Fraction(0)


def span(rule: SectionRule, question: Question) -> Fraction:
    """What one applicable question adds to its section's denominator (n/a adds nothing, nor
    does the automation question, which carries no points)."""
    if not question.scored:
        return Fraction(0)
    if rule is SectionRule.SUM:
        return question.weight * question.best.points
    return question.weight


def section_value(rule: SectionRule, max_score: Fraction, total: Fraction, weight: Fraction
                  ) -> tuple[Fraction | None, Fraction | None]:
    """A section's exact (score, maximum), or (None, None) when nothing in it counts."""
    if weight == 0:
        return None, None
    if rule is SectionRule.SUM:
        return total, weight
    return max_score * total / weight, max_score


def combine(rubric: Rubric, parts: Sequence[Part]) -> tuple[Fraction | None, Fraction | None]:
    """Combine (section weight, score, maximum) parts; sections without a score are left out."""
    scored = [(w, v, m) for w, v, m in parts if v is not None and m is not None]
    if not scored:
        return None, None
    if rubric.scoring.overall is OverallRule.MIN:
        # Compare sections as shares of their maxima, so that a small perfect section cannot
        # hide a weak large one, and n/a answers (which shrink a maximum) cannot either.
        top = overall_max(rubric.scoring, rubric.sections)
        if top is None:
            return None, None
        return min(v / m for _, v, m in scored) * top, top
    total = sum((w for w, _, _ in scored), Fraction(0))
    if total == 0:
        return None, None
    value = sum((w * v for w, v, _ in scored), Fraction(0)) / total
    return value, sum((w * m for w, _, m in scored), Fraction(0)) / total
