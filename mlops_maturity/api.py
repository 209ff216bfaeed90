"""The chain every assessment command runs: load → score → readiness → report model → write.

Kept out of the CLI so tests and other programs get the same document the commands print.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Iterable

from mlops_maturity.load.assessment import Assessment, open_assessment
from mlops_maturity.report.clock import generated_at as clock
from mlops_maturity.model.errors import Problem, UsageError, did_you_mean
from mlops_maturity.files.write import ensure_writable, write_atomic
from mlops_maturity.model.rubric import Rubric
from mlops_maturity.engine.readiness import readiness, roadmap
from mlops_maturity.report.build import Report, build_report
from mlops_maturity.engine.scoring import score


def build(path: Path, rubric_ref: str | None, target: str | None, strict: bool,
          when: str | None) -> tuple[Assessment, Report]:
    """Load, score and judge one questionnaire, and build its report document."""
    stamp = clock(when)
    assessment = open_assessment(path, rubric_ref, strict)
    rubric, q = assessment.rubric, assessment.questionnaire
    if target is not None:
        _check_degree(rubric, target, "--target")
    result = score(rubric, q)
    chosen, source = (target, "command line") if target else (q.target, "questionnaire")
    ready = readiness(result, chosen, source)
    return assessment, build_report(result, ready, roadmap(result, ready), stamp, assessment.warnings)


def _check_degree(rubric: Rubric, degree: str, option: str) -> None:
    ids = [lv.id for lv in rubric.scale]
    if not ids:
        raise UsageError(Problem(option, f"rubric '{rubric.id}' has no scale of degrees"))
    if degree not in ids:
        raise UsageError(Problem(option, f"'{degree}' is not a degree of rubric '{rubric.id}'",
                                 hint=did_you_mean(degree, ids) or f"use one of: {', '.join(ids)}"))


def validate_thresholds(rubric: Rubric, report: Report, fail_under: float | None,
                        fail_under_degree: str | None) -> None:
    """Reject threshold options that could never be met or never fail, before any output."""
    if fail_under is not None:
        top = report.overall["max_score"]
        if not math.isfinite(fail_under) or fail_under < 0 or (top is not None and fail_under > top):
            raise UsageError(Problem("--fail-under", f"{fail_under:g} is not a score this rubric can give",
                                     hint=f"use a number from 0 to {top:g}" if top is not None else None))
    if fail_under_degree is not None:
        _check_degree(rubric, fail_under_degree, "--fail-under-degree")


def check_thresholds(rubric: Rubric, report: Report, fail_under: float | None,
                     fail_under_degree: str | None) -> list[str]:
    """One line per threshold not met, saying by how much; equal passes."""
    failures = []
    overall = report.overall
    if fail_under is not None:
        value = overall["score"] if overall["score"] is not None else 0.0
        if value < fail_under:
            failures.append(f"overall score {value:g} is below --fail-under {fail_under:g} "
                            f"by {num_diff(fail_under, value)}")
    if fail_under_degree is not None:
        have = overall["degree"]
        gap = rubric.level_index(fail_under_degree) - rubric.level_index(have)
        if gap > 0:
            failures.append(f"overall degree {have} is below --fail-under-degree {fail_under_degree} "
                            f"by {gap} degree{'s' * (gap != 1)}")
    return failures


def num_diff(a: float, b: float) -> str:
    """The shortfall, with enough decimals that it is never shown as 0."""
    return f"{round(a - b, 6):g}"


def write_outputs(report: Report, outputs: Iterable[str], fmt: str | None,
                  force: bool, inputs: tuple[Path, ...] = ()) -> list[tuple[Path | None, str]]:
    """Render every requested output first, then write them, so a bad option writes nothing."""
    from mlops_maturity.render import format_for_path, renderer_for
    outputs = list(outputs)
    forced = _parse_format(fmt) if fmt else None
    seen: set[str] = set()
    plan = []
    for out in outputs:
        if out != "-" and str(Path(out).resolve()) in seen:
            raise UsageError(Problem("--output", f"'{out}' is given twice"))
        seen.add(str(Path(out).resolve()) if out != "-" else "-")
        chosen = forced or (format_for_path(out) if out != "-" else None)
        if chosen is None:
            hint = "use a .html, .md or .json file name, or --format" if out != "-" else "with -o -, give --format"
            raise UsageError(Problem("--output", f"cannot tell the format of '{out}'", hint=hint))
        if out != "-":
            ensure_writable(Path(out), force, own_output=True, inputs=inputs)
        plan.append((out, chosen))
    rendered = [(out, renderer_for(chosen).render(report)) for out, chosen in plan]
    results = []
    for out, text in rendered:
        if out == "-":
            results.append((None, text))
        else:
            write_atomic(Path(out), text)
            results.append((Path(out), text))
    return results


def write_one(out: str, text: str, force: bool, inputs: tuple[Path, ...] = ()) -> Path:
    """Write one text output to a file, safely; returns the path written."""
    path = Path(out)
    ensure_writable(path, force, own_output=True, inputs=inputs)
    write_atomic(path, text)
    return path


def _parse_format(fmt: str):
    from mlops_maturity.render import Format
    names = {f.value: f for f in Format} | {"md": Format.MARKDOWN}
    if fmt.lower() not in names:
        raise UsageError(Problem("--format", f"'{fmt}' is not a report format",
                                 hint=did_you_mean(fmt, names) or "use html, markdown or json"))
    return names[fmt.lower()]
