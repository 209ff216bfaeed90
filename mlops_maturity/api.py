"""The public API: the whole chain (load → score → readiness → roadmap → report) in one call.

Tests, other programs and the CLI all go through here, so they get the same document::

    from pathlib import Path
    import mlops_maturity

    report = mlops_maturity.assess(Path("examples/fraud-realtime-canary.yaml"),
                                   target="full_automation",
                                   generated_at="2026-11-30T12:00:00Z")
    print(report.overall.score, report.overall.degree_label)
    for blocker in report.readiness.blockers:
        print(blocker.kind, blocker.question, blocker.needed_label)
    html = mlops_maturity.render(report, "html")
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from mlops_maturity.engine.readiness import Readiness, TargetSource, readiness
from mlops_maturity.engine.roadmap import roadmap
from mlops_maturity.engine.scoring import Result, score
from mlops_maturity.engine.thresholds import (ThresholdFailure, ThresholdKind, Thresholds,
                                              check)
from mlops_maturity.load.assessment import Assessment, open_assessment
from mlops_maturity.model.errors import Problem, UsageError, did_you_mean
from mlops_maturity.model.rubric import Rubric
from mlops_maturity.render import Format, RenderOptions, format_named, renderer_for
from mlops_maturity.report.build import build_report
from mlops_maturity.report.clock import generated_at as clock
from mlops_maturity.report.model import Report
from mlops_maturity.report.numbers import fmt_num, shortfall
from mlops_maturity.report.wording import plural


@dataclass(frozen=True)
class Assessed:
    """Everything one run of the chain produced, for callers that need more than the report."""

    assessment: Assessment
    result: Result
    readiness: Readiness | None
    report: Report

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Files the run read, which no command may overwrite."""
        found = [Path(self.assessment.questionnaire.path)]
        if self.assessment.rubric.path is not None:
            found.append(self.assessment.rubric.path)
        return tuple(found)


def run(path: Path, rubric: str | None = None, target: str | None = None,
        strict: bool = False, generated_at: str | None = None) -> Assessed:
    """Load, score and judge one questionnaire, and build its report document."""
    stamp = clock(generated_at)
    assessment = open_assessment(path, rubric, strict)
    loaded, answers = assessment.rubric, assessment.questionnaire
    if target is not None:
        check_degree(loaded, target, "--target")
    result = score(loaded, answers)
    if target is not None:
        ready = readiness(result, target, TargetSource.COMMAND_LINE)
    else:
        ready = readiness(result, answers.target, TargetSource.QUESTIONNAIRE)
    report = build_report(result, ready, roadmap(result, ready), stamp, assessment.warnings)
    return Assessed(assessment, result, ready, report)


def assess(path: Path | str, *, rubric: str | None = None, target: str | None = None,
           strict: bool = False, generated_at: str | None = None) -> Report:
    """The report document for one questionnaire file (raises ``MaturityError`` on bad input)."""
    return run(Path(path), rubric, target, strict, generated_at).report


def render(report: Report, fmt: Format | str, options: RenderOptions | None = None) -> str:
    """One report as text in one format (``text``, ``json``, ``html``, ``markdown``, ``badge``)."""
    chosen = fmt if isinstance(fmt, Format) else format_named(fmt)
    if chosen is None:
        raise UsageError(Problem("format", f"'{fmt}' is not a format",
                                 hint=f"use one of: {', '.join(f.value for f in Format)}"))
    return renderer_for(chosen).render(report, options or RenderOptions())


def check_degree(rubric: Rubric, degree: str, option: str) -> None:
    """A degree named on the command line must be one of the rubric's."""
    ids = [lv.id for lv in rubric.scale]
    if not ids:
        raise UsageError(Problem(option, f"rubric '{rubric.id}' has no scale of degrees"))
    if degree not in ids:
        raise UsageError(Problem(option, f"'{degree}' is not a degree of rubric '{rubric.id}'",
                                 hint=did_you_mean(degree, ids) or f"use one of: {', '.join(ids)}"))


def thresholds(result: Result, fail_under: str | float | None,
               fail_under_degree: str | None) -> Thresholds:
    """Threshold options checked before any output: impossible values are usage errors."""
    limit = None if fail_under is None else _score_limit(result, fail_under)
    if fail_under_degree is not None:
        check_degree(result.rubric, fail_under_degree, "--fail-under-degree")
    return Thresholds(limit, fail_under_degree)


def _score_limit(result: Result, given: str | float) -> Fraction:
    """``--fail-under`` as an exact number on the rubric's scale (0 to its maximum)."""
    top = result.max_score
    scale = f"a score from 0 to {fmt_num(float(top))}" if top is not None else "a score"
    text = str(given).strip()
    try:
        limit = Fraction(text) if isinstance(given, str) else Fraction(repr(given))
    except (ValueError, ZeroDivisionError):
        raise UsageError(Problem("--fail-under", f"'{text}' is not a number",
                                 hint=f"give {scale}, such as 60 or 72.5")) from None
    if limit < 0 or (top is not None and limit > top):
        raise UsageError(Problem("--fail-under", f"{text} is not a score this rubric can give",
                                 hint=f"use {scale.replace('a score from', 'a number from')}"))
    return limit


def failure_lines(failures: tuple[ThresholdFailure, ...]) -> list[str]:
    """One line per threshold not met, saying by how much."""
    lines = []
    for f in failures:
        if f.kind is ThresholdKind.SCORE:
            have = f.have if isinstance(f.have, Fraction) else Fraction(0)
            needed = f.needed if isinstance(f.needed, Fraction) else Fraction(0)
            lines.append(f"overall score {fmt_num(float(have))} is below --fail-under "
                         f"{float(needed):g} by {shortfall(needed, have)}")
        else:
            lines.append(f"overall degree {f.have} is below --fail-under-degree {f.needed} "
                         f"by {plural(int(f.gap), 'degree')}")
    return lines


__all__ = ["Assessed", "assess", "render", "run", "check", "thresholds", "failure_lines"]
