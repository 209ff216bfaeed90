"""The public API: the whole chain (load → score → readiness → roadmap → report) in one call.

Tests, other programs and the CLI all go through here, so they get the same document::

    from pathlib import Path
    import mlops_maturity

    report = mlops_maturity.assess(Path("examples/fraud-realtime-canary.yaml"),
                                   generated_at="2026-11-30T12:00:00Z")
    print(report.automation.verdict)       # who decides, and what the practices support
    print(report.overall.verdict)          # lifecycle maturity
    for blocker in report.automation.blockers:
        print(blocker.kind, blocker.question, blocker.needed_label)
    html = mlops_maturity.render_report(report, "html")
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

from mlops_maturity.engine.automation import AutomationResult, judge
from mlops_maturity.engine.readiness import (DegreeReadiness, Readiness, TargetSource,
                                             judge_target)
from mlops_maturity.engine.roadmap import roadmap
from mlops_maturity.engine.scoring import Result, score
from mlops_maturity.engine.thresholds import (ThresholdFailure, ThresholdKind, Thresholds)
from mlops_maturity.engine.thresholds import check as _check
from mlops_maturity.files.read import Source, Stdin
from mlops_maturity.load.assessment import Assessment, open_assessment
from mlops_maturity.model.errors import Problem, UsageError, did_you_mean
from mlops_maturity.model.rubric import Rubric
from mlops_maturity.render import Format, RenderOptions, format_named, renderer_for
from mlops_maturity.report.build import Judged, build_report
from mlops_maturity.report.clock import generated_at as clock
from mlops_maturity.report.model import Report
from mlops_maturity.report.numbers import fmt_num, shortfall, threshold
from mlops_maturity.report.wording import plural
from mlops_maturity.model.record import record
from mlops_maturity.report.scan_compare import ScanComparison


@record
class Assessed:
    """Everything one run of the chain produced, for callers that need more than the report."""

    assessment: Assessment
    result: Result
    automation: AutomationResult | None
    degree_readiness: DegreeReadiness | None
    readiness: Readiness | None
    report: Report
    source: Source | None = None

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Files the run read, which no command may overwrite (standard input is no file)."""
        found = ([] if isinstance(self.source, Stdin)
                 else [Path(self.assessment.questionnaire.path)])
        if self.assessment.rubric.path is not None:
            found.append(self.assessment.rubric.path)
        return tuple(found)


def run(path: Source, rubric: str | None = None, target: str | None = None,
        strict: bool = False, generated_at: str | None = None) -> Assessed:
    """Load, score and judge one questionnaire (a file, or ``STDIN`` from
    ``mlops_maturity.files.read``), and build its report document."""
    stamp = clock(generated_at)
    return run_assessment(open_assessment(path, rubric, strict), target, stamp, path)


def run_assessment(assessment: Assessment, target: str | None = None,
                   generated_at: str | None = None, read_from: Source | None = None
                   ) -> Assessed:
    """Score and judge a questionnaire already bound to its rubric (read from a file, or
    from a git revision by ``history``), and build its report document."""
    stamp = clock(generated_at)
    loaded, answers = assessment.rubric, assessment.questionnaire
    if target is not None:
        check_target(loaded, target, "--target")
    source = TargetSource.COMMAND_LINE if target is not None else TargetSource.QUESTIONNAIRE
    chosen = target if target is not None else answers.target
    result = score(loaded, answers)
    axis, degree_ready, level_ready = judge_target(result, chosen, source)
    steps = roadmap(result, axis, degree_ready, level_ready)
    judged = Judged(result, axis, degree_ready, level_ready, steps)
    report = build_report(judged, stamp, assessment.warnings)
    return Assessed(assessment, result, axis, degree_ready, level_ready, report, read_from)


def assess(path: Path | str, *, rubric: str | None = None, target: str | None = None,
           strict: bool = False, generated_at: str | None = None) -> Report:
    """The report document for one questionnaire file (raises ``MaturityError`` on bad input)."""
    return run(Path(path), rubric, target, strict, generated_at).report


def render_report(report: Report, fmt: Format | str,
                  options: RenderOptions | None = None) -> str | bytes:
    """One report in one format: text for ``text``, ``json``, ``html``, ``markdown`` and
    ``badge``; bytes for ``pdf``."""
    chosen = fmt if isinstance(fmt, Format) else format_named(fmt)
    if chosen is None:
        raise UsageError(Problem("format", f"'{fmt}' is not a format",
                                 hint=f"use one of: {', '.join(f.value for f in Format)}"))
    return renderer_for(chosen).render(report, options or RenderOptions())


def check_target(rubric: Rubric, target: str, option: str) -> None:
    """A target named on the command line must be one of the rubric's degrees or levels."""
    ids = list(rubric.target_ids)
    if not ids:
        raise UsageError(Problem(option, f"rubric '{rubric.id}' has no degrees of automation "
                                 "and no maturity levels to aim for"))
    if target not in ids:
        raise UsageError(Problem(option, f"'{target}' is not a degree or level of rubric "
                                 f"'{rubric.id}'",
                                 hint=did_you_mean(target, ids) or f"use one of: {', '.join(ids)}"))


def check_level(rubric: Rubric, level: str, option: str) -> None:
    """A maturity level named on the command line must be one of the rubric's."""
    ids = [lv.id for lv in rubric.levels]
    if not ids:
        raise UsageError(Problem(option, f"rubric '{rubric.id}' has no maturity levels"))
    if level not in ids:
        degree = rubric.automation is not None and rubric.automation.degree(level) is not None
        hint = ("that is a degree of automation, which is declared, not earned; to gate on "
                "it use --fail-unsupported" if degree else did_you_mean(level, ids)
                or f"use one of: {', '.join(ids)}")
        raise UsageError(Problem(option, f"'{level}' is not a maturity level of rubric "
                                 f"'{rubric.id}'", hint=hint))


def thresholds(result: Result, fail_under: str | float | None,
               fail_under_level: str | None, fail_unsupported: bool = False) -> Thresholds:
    """Threshold options checked before any output: impossible values are usage errors."""
    limit = None if fail_under is None else _score_limit(result, fail_under)
    if fail_under_level is not None:
        check_level(result.rubric, fail_under_level, "--fail-under-level")
    if fail_unsupported and result.rubric.automation is None:
        raise UsageError(Problem("--fail-unsupported", f"rubric '{result.rubric.id}' has no "
                                 "decision axis, so no degree of automation is declared",
                                 hint="gate on --fail-under or --fail-under-level instead"))
    return Thresholds(limit, fail_under_level, fail_unsupported)


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


def failure_lines(failures: tuple[ThresholdFailure, ...], result: Result) -> list[str]:
    """One line per threshold not met, saying by how much."""
    lines = []
    for f in failures:
        if f.kind is ThresholdKind.SCORE:
            have = f.have if isinstance(f.have, Fraction) else Fraction(0)
            needed = f.needed if isinstance(f.needed, Fraction) else Fraction(0)
            lines.append(f"overall score {fmt_num(float(have))} is below --fail-under "
                         f"{threshold(needed)} by {shortfall(needed, have)}")
        elif f.kind is ThresholdKind.LEVEL:
            lines.append(f"maturity level {f.have} is below --fail-under-level {f.needed} "
                         f"by {plural(int(f.gap), 'level')}")
        else:
            lines.append(f"runs at {f.have} (declared), beyond what its practices support "
                         f"({f.needed}): --fail-unsupported")
    return lines


def check(assessed: Assessed, gates: Thresholds) -> tuple[ThresholdFailure, ...]:
    """The thresholds a run does not meet."""
    return _check(assessed.result, assessed.automation, gates)


# ── score --scan: a scan's proposals beside the declared answers ──

def compare_scan(assessed: Assessed, repo: Path, scanned_on: dt.date) -> ScanComparison:
    """Scan ``repo`` with the assessment's rubric and score the answers with it merged in."""
    from mlops_maturity.scan.merge import merge  # the scanner loads only when asked for
    from mlops_maturity.scan.run import scan_repository
    rubric, answers = assessed.assessment.rubric, assessed.assessment.questionnaire
    found = scan_repository(repo, rubric, assessed.inputs)
    merged = merge(rubric, answers, found, scanned_on)
    accepted = score(rubric, replace(answers, answers=merged.answers))
    return ScanComparison(found, merged, assessed.result, accepted, assessed.automation,
                          judge(accepted))


__all__ = ["Assessed", "assess", "render_report", "run", "run_assessment", "check", "thresholds",
           "failure_lines", "compare_scan"]
