"""The decision axis: who decides (declared by the team), and which degrees the team's
practices support.

The degree a system runs at is a fact the team declares, never computed from a score. What
the engine judges is support: a degree is supported when its requirements, and those of every
degree below it, are all met. A system that runs at a degree above the supported one runs
beyond its safety net, the most important thing a report can say. Pure and exact.
"""

from __future__ import annotations

from fractions import Fraction

from mlops_maturity.engine.scoring import QuestionResult, Result, SectionResult, Status, meets
from mlops_maturity.model.rubric import Automation, Degree, Requirement, SectionMinimum
from mlops_maturity.model.record import record


@record
class PracticeCheck:
    """One answer a degree requires, and whether the questionnaire meets it."""

    requirement: Requirement
    result: QuestionResult
    met: bool


@record
class SectionCheck:
    """One section score a degree requires, and whether the section reaches it."""

    minimum: SectionMinimum
    section: SectionResult
    percent: Fraction | None  # the section's score as a percent of its maximum
    met: bool


@record
class DegreeCheck:
    """Everything one degree requires (its own requirements only), each checked."""

    degree: Degree
    practices: tuple[PracticeCheck, ...]
    sections: tuple[SectionCheck, ...]

    @property
    def met(self) -> bool:
        return all(c.met for c in self.practices) and all(c.met for c in self.sections)


@record
class AutomationResult:
    """Declared against supported, with every degree's requirements checked."""

    automation: Automation
    declared: Degree | None  # None when the automation question is unanswered (or n/a)
    supported: Degree  # the highest degree whose requirements, and all below, are met
    checks: tuple[DegreeCheck, ...]  # one per degree, least automated first

    @property
    def declared_index(self) -> int | None:
        return None if self.declared is None else self.automation.index(self.declared.id)

    @property
    def supported_index(self) -> int:
        return self.automation.index(self.supported.id)

    @property
    def within_support(self) -> bool | None:
        """Declared at or below supported; None when nothing is declared."""
        declared = self.declared_index
        return None if declared is None else declared <= self.supported_index

    def supports(self, degree_id: str) -> bool:
        """Whether the practices support running at this degree."""
        return self.automation.index(degree_id) <= self.supported_index


def judge(result: Result) -> AutomationResult | None:
    """The decision axis of a scored questionnaire, or None for a rubric without one."""
    automation = result.rubric.automation
    if automation is None:
        return None
    answer = result.question(automation.question)
    declared = (automation.degree(answer.option_id)
                if answer.status is Status.ANSWERED and answer.option_id else None)
    checks = tuple(_check(result, d) for d in automation.degrees)
    supported = automation.degrees[0]
    for check in checks:
        if not check.met:
            break
        supported = check.degree
    return AutomationResult(automation, declared, supported, checks)


def _check(result: Result, degree: Degree) -> DegreeCheck:
    practices = tuple(PracticeCheck(req, qr, meets(qr, req.at_least))
                      for req in degree.requires
                      for qr in (result.question(req.question),))
    sections = tuple(_section_check(result, m) for m in degree.minimums)
    return DegreeCheck(degree, practices, sections)


def _section_check(result: Result, minimum: SectionMinimum) -> SectionCheck:
    """A section without a score (all n/a) cannot show that it reaches the minimum."""
    section = next(s for s in result.sections if s.section.id == minimum.section)
    pct = section.percent
    return SectionCheck(minimum, section, pct, pct is not None and pct >= minimum.at_least)
