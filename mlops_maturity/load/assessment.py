"""The core entry points the CLI calls: resolve a rubric, load answers, score them.

Keeping this outside ``cli.py`` means the same path (and the same error handling) serves
every command and every test, and the CLI stays a thin layer of options and output.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from mlops_maturity.model.errors import InputFileError, Problem, QuestionnaireError
from mlops_maturity.model.answers import NA, Questionnaire
from mlops_maturity.model.rubric import Rubric
from mlops_maturity.load.questionnaire import bind, load_questionnaire_data, require_complete
from mlops_maturity.load.resolve import resolve_rubric
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.load.yamlfile import YamlMap


@dataclass(frozen=True)
class Assessment:
    """A rubric, the answers bound to it, and warnings worth showing but not failing on."""

    rubric: Rubric
    questionnaire: Questionnaire
    warnings: tuple[str, ...]


def open_rubric(ref: str, base: Path | None = None, source: str = "--rubric",
                line: int | None = None) -> Rubric:
    """Load a rubric by bundled id or path; a file already loaded is not parsed again."""
    path, display = resolve_rubric(ref, base, source, line)
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return load_rubric(path, display)  # reports the problem with the file
    return _cached_rubric(key, display)


@functools.lru_cache(maxsize=32)
def _cached_rubric(key: tuple[str, int, int], display: str) -> Rubric:
    return load_rubric(Path(key[0]), display)


def open_assessment(path: Path, rubric_ref: str | None = None, strict: bool = False,
                    display: str | None = None) -> Assessment:
    """Load a questionnaire and the rubric it names (or ``rubric_ref``), checked together."""
    display = display or str(path)
    data = load_questionnaire_data(path, display)
    return assess_data(data, display, path.parent, rubric_ref, strict)


def assess_data(data: YamlMap, display: str, base: Path, rubric_ref: str | None = None,
                strict: bool = False) -> Assessment:
    """Bind already-parsed questionnaire data to its rubric."""
    ref = rubric_ref
    if ref is None:
        raw = data.get("rubric")
        if not isinstance(raw, str) or not raw.strip():
            raise QuestionnaireError(Problem(display, "no 'rubric:' key naming the rubric to use",
                                             data.line_of("rubric"), "rubric",
                                             "add `rubric: mlops-automation` or pass --rubric"))
        ref = raw.strip()
        try:
            rubric = open_rubric(ref, base, display, data.line_of("rubric"))
        except InputFileError as exc:
            named = Problem(display, f"names the rubric file '{ref}', which cannot be used", data.line_of("rubric"),
                            "rubric", "paths are relative to the questionnaire; or pass --rubric")
            raise InputFileError(exc.problems + (named,)) from None
    else:
        rubric = open_rubric(ref)
    data, warnings = _reconcile_versions(data, rubric)
    questionnaire = bind(data, rubric, display, ref)
    if strict:
        require_complete(questionnaire, rubric)
    bare = [a.question for a in questionnaire.answers if a.value == NA and not a.reason]
    if bare:
        warnings += (f"answered n/a without a reason: {', '.join(bare)}",)
    return Assessment(rubric, questionnaire, warnings)


def _reconcile_versions(data: YamlMap, rubric: Rubric) -> tuple[YamlMap, tuple[str, ...]]:
    """When the rubric changed version since the answers were filled, warn about added and
    removed questions instead of failing on answers to questions that no longer exist."""
    filled = data.get("rubric_version")
    if filled is None or str(filled) == rubric.version:
        return data, ()
    answers = data.get("answers") if isinstance(data.get("answers"), YamlMap) else YamlMap()
    known = {q.id for q in rubric.questions}
    removed = [k for k in answers if k not in known]
    added = [q.id for q in rubric.questions if q.id not in answers]
    warnings = [f"answers were filled for {rubric.id} version {filled}; the rubric is now version {rubric.version}"]
    if added and len(added) < len(rubric.questions):
        warnings.append(f"questions added since (unanswered): {', '.join(added)}")
    if removed:
        warnings.append(f"questions removed since (their answers are ignored): {', '.join(map(str, removed))}")
    if removed:
        kept = YamlMap({k: v for k, v in answers.items() if k in known})
        kept.line, kept.lines = answers.line, {k: v for k, v in answers.lines.items() if k in known}
        trimmed = YamlMap(data)
        trimmed.line, trimmed.lines = data.line, dict(data.lines)
        trimmed["answers"] = kept
        data = trimmed
    return data, tuple(warnings)
