"""``validate``: tell rubrics from questionnaires by content and check each fully."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mlops_maturity.files.read import Source, Stdin
from mlops_maturity.load.assessment import assess_data, folder_of
from mlops_maturity.load.evidence import check_evidence
from mlops_maturity.model.errors import InputFileError, Problem, QuestionnaireError
from mlops_maturity.model.answers import count_answers
from mlops_maturity.model.rubric import Rubric
from mlops_maturity.load.rubric import rubric_from_data
from mlops_maturity.load.yamlfile import Kind, kind_of, load_document
from mlops_maturity.model.record import record


@record
class Validated:
    """A file that passed: what it is, a one-line summary, warnings, and the rubric it was
    checked as or against (so ``--verbose`` can say which rubric file that was)."""

    kind: str
    summary: str
    warnings: tuple[str, ...]
    rubric: Rubric


def validate_file(path: Source, rubric_ref: str | None, strict: bool) -> Validated:
    """The verdict on a valid file; raises with every problem otherwise."""
    display = str(path)
    data = load_document(path, display, (Kind.RUBRIC, Kind.QUESTIONNAIRE), defer_values=True)
    if kind_of(data) is Kind.QUESTIONNAIRE:  # its value problems come with the other checks
        a = assess_data(data, display, folder_of(path), rubric_ref, strict)
        counts = count_answers((q.id for q in a.rubric.questions), a.questionnaire.answers)
        return Validated("questionnaire",
                         f"{counts.summary()}, rubric {a.rubric.id} {a.rubric.version}",
                         a.warnings, a.rubric)
    if data.value_problems:
        raise InputFileError(data.value_problems)
    r = rubric_from_data(data, display, None if isinstance(path, Stdin) else path)
    summary = f"{r.id} {r.version}, {len(r.sections)} sections, {len(r.questions)} questions"
    return Validated("rubric", summary, (), r)


def validate_evidence(path: Source, rubric_ref: str | None, root: Path, today: dt.date,
                      strict: bool
                      ) -> tuple[int, tuple[Problem, ...], QuestionnaireError | None]:
    """``validate --evidence ROOT`` for one questionnaire: (items checked, stale items, the
    error that fails it or None).

    Missing files, bad ranges of lines and malformed addresses fail it, with every problem;
    stale items are warnings, or fail it too when ``strict``.
    """
    display = str(path)
    data = load_document(path, display, Kind.QUESTIONNAIRE)
    a = assess_data(data, display, folder_of(path), rubric_ref)
    found = check_evidence(a.questionnaire, a.rubric, root, today)
    failed: tuple[Problem, ...] = found.errors + (found.stale if strict else ())
    if not failed:
        return found.checked, found.stale, None
    ordered = sorted(failed, key=lambda p: p.line or 0)
    return found.checked, () if strict else found.stale, QuestionnaireError(ordered)
