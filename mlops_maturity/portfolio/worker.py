"""One file in, one small row out: the work a worker process does for each questionnaire.

The file goes through the same loader, scoring and readiness as ``mlops-maturity score``:
``open_assessment``, ``score``, ``judge``, then ``degree_readiness`` or ``readiness`` for the
system's target. Only the roadmap is left out: nothing the portfolio shows comes from it (the
roadmap plans steps from the verdicts; it never changes one), so every verdict here is the
one a single report gives for the same target. Each rubric is loaded once per worker (the
loader caches it by path, modification time and size) and described once (``RubricInfo``).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Sequence

from mlops_maturity.engine.automation import AutomationResult, judge
from mlops_maturity.engine.findings import BlockerKind
from mlops_maturity.engine.readiness import TargetSource, degree_readiness, readiness
from mlops_maturity.engine.scoring import Result, Status, score
from mlops_maturity.files.read import read_bytes, read_text
from mlops_maturity.load.assessment import open_assessment
from mlops_maturity.load.resolve import bundled_rubrics
from mlops_maturity.model.errors import MaturityError, Problem
from mlops_maturity.model.maxima import overall_max, section_max
from mlops_maturity.model.rubric import Rubric, Section, SectionKind
from mlops_maturity.portfolio.row import (BELOW, BEST, NOT_APPLICABLE, UNANSWERED, UNSCORED,
                                          Cell, Invalid, Named, Outcome, QuestionInfo,
                                          RubricInfo, SectionInfo, Skipped, SystemRow,
                                          TargetKind, TargetOrigin, TargetVerdict)

# In a folder, a YAML file is a questionnaire when a line starts with one of its top-level
# keys; CI configurations, manifests and rubrics beside the questionnaires are skipped
# without being parsed (and without a word of them being quoted).
_QUESTIONNAIRE_LINE = re.compile(r"^(?:rubric|answers)[ \t]*:", re.MULTILINE)
# The loader's hints offer ``--rubric``, an option of the commands that assess one file;
# the portfolio has none (each questionnaire names its own rubric), so it is left out here.
_RUBRIC_OPTION = re.compile(r"[;,]?\s*or pass --rubric\b")


@dataclass(frozen=True)
class Source:
    """A file to assess: where it is, how messages name it, and the folder it is grouped in."""

    path: str
    display: str
    folder: str
    found: bool  # found in a folder (may be skipped) rather than named on the command line


@dataclass(frozen=True)
class Chunk:
    """What a worker sends back for a batch of files: their outcomes, and each rubric they
    were assessed on (described once per batch)."""

    outcomes: tuple[Outcome, ...]
    rubrics: tuple[RubricInfo, ...]


# id(rubric) -> (the rubric, kept alive so the id stays its own; its description)
_DESCRIBED: dict[int, tuple[Rubric, RubricInfo]] = {}


def assess_chunk(sources: Sequence[Source]) -> Chunk:
    """Assess a batch of files; a bad file becomes an ``Invalid`` and never stops the rest."""
    outcomes: list[Outcome] = []
    rubrics: dict[str, RubricInfo] = {}
    for source in sources:
        outcome, info = assess_one(source)
        outcomes.append(outcome)
        if info is not None:
            rubrics[info.key] = info
    return Chunk(tuple(outcomes), tuple(rubrics.values()))


def assess_one(source: Source) -> tuple[Outcome, RubricInfo | None]:
    """The row for one file (with its rubric's description), or why there is none."""
    path = Path(source.path)
    try:
        text = read_text(path, source.display)
        if source.found and not _QUESTIONNAIRE_LINE.search(text):
            return Skipped(source.display, "not a questionnaire (no top-level 'rubric:' or "
                                           "'answers:' key)"), None
        assessment = open_assessment(path, display=source.display, text=text)
    except MaturityError as exc:
        return Invalid(source.display, tuple(problem_text(p) for p in exc.problems)), None
    result = score(assessment.rubric, assessment.questionnaire)
    info = describe(assessment.rubric)
    return system_row(source, info, result, assessment.warnings), info


def shown_path(path: str) -> str:
    """A path as the portfolio prints it: ``.`` and ``..`` taken out (``a/b/../r.yaml`` is
    ``a/r.yaml``), unless that would name another file (a ``..`` after a link to a folder)."""
    tidy = os.path.normpath(path)
    if tidy == path:
        return path
    try:
        same = os.path.realpath(tidy) == os.path.realpath(path)
    except (OSError, ValueError):
        return path
    return tidy if same else path


def problem_text(problem: Problem | str) -> str:
    """A loader's problem as the portfolio lists it: the file's path tidied, and no hint to
    pass ``--rubric``, which ``portfolio`` does not have."""
    if isinstance(problem, str):
        return problem
    hint = _RUBRIC_OPTION.sub("", problem.hint).strip() if problem.hint else None
    return str(replace(problem, file=shown_path(problem.file), hint=hint or None))


def system_row(source: Source, info: RubricInfo, result: Result,
               warnings: tuple[str, ...]) -> SystemRow:
    """Everything the portfolio keeps of one scored questionnaire."""
    rubric, project = result.rubric, result.questionnaire.project
    axis = judge(result)
    verdict, blocking = target_verdict(result, axis)
    order = rubric.question_order
    return SystemRow(
        file=source.display, folder=source.folder, rubric=info.key, name=project.name,
        team=project.team, assessed_on=project.assessed_on, score=result.score,
        level=None if result.level is None else rubric.level_index(result.level.id),
        band=None if result.band is None else result.band.label,
        cells=tuple(Cell(s.score, None if s.level is None else rubric.level_index(s.level.id))
                    for s in result.sections),
        declared=None if axis is None else axis.declared_index,
        supported=None if axis is None else axis.supported_index,
        target=verdict, answers=answer_states(result),
        blocking=tuple(sorted({order[q] for q in blocking})), warnings=warnings)


def answer_states(result: Result) -> bytes:
    """One byte per question: best, below best, unanswered, n/a, or not a practice (the
    same as ``QuestionResult.is_best`` and ``Question.scored`` decide)."""
    states = bytearray()
    answered, na = Status.ANSWERED, Status.NOT_APPLICABLE
    for q in result.questions:
        question = q.question
        if not question.scored:
            states.append(UNSCORED)
        elif q.status is answered:
            states.append(BEST if q.option_id == question.options[-1].id else BELOW)
        else:
            states.append(NOT_APPLICABLE if q.status is na else UNANSWERED)
    return bytes(states)


def target_verdict(result: Result, axis: AutomationResult | None
                   ) -> tuple[TargetVerdict | None, tuple[str, ...]]:
    """Readiness for the team's own target, or, without one, for the degree it declares.

    A degree the team did not name is never a target here: no next degree is proposed, so a
    portfolio never pushes a system towards fewer people in the decision. Without a target
    and without a declared degree there is no verdict. The blockers are the engine's own.
    """
    rubric = result.rubric
    chosen, origin = result.questionnaire.target, TargetOrigin.QUESTIONNAIRE
    if chosen is None and axis is not None and axis.declared is not None:
        chosen, origin = axis.declared.id, TargetOrigin.DECLARED
    if chosen is None:
        return None, ()
    if axis is not None and axis.automation.degree(chosen) is not None:
        ready = degree_readiness(result, axis, chosen, TargetSource.QUESTIONNAIRE)
        gap = max(0, axis.automation.index(chosen) - axis.supported_index)
        practices = tuple(b.question.id for b in ready.blockers
                          if b.kind is BlockerKind.PRACTICE and b.question is not None)
        return TargetVerdict(chosen, TargetKind.DEGREE, origin, ready.ready,
                             len(ready.blockers), gap), practices
    level = readiness(result, chosen, TargetSource.QUESTIONNAIRE)
    if level is None or result.level is None:  # no levels, or nothing scored
        return None, ()
    gap = max(0, rubric.level_index(chosen) - rubric.level_index(result.level.id))
    gates = tuple(b.question.id for b in level.blockers
                  if b.kind is BlockerKind.GATE and b.question is not None)
    return TargetVerdict(chosen, TargetKind.LEVEL, origin, level.met, len(level.blockers),
                         gap), gates


def describe(rubric: Rubric) -> RubricInfo:
    """The rubric's description, made once per rubric object in this process."""
    known = _DESCRIBED.get(id(rubric))
    if known is not None and known[0] is rubric:
        return known[1]
    info = RubricInfo(
        key=rubric_key(rubric), id=rubric.id, title=rubric.title, version=rubric.version,
        levels=tuple(Named(lv.id, lv.label) for lv in rubric.levels),
        degrees=None if rubric.automation is None else tuple(
            Named(d.id, d.label) for d in rubric.automation.degrees),
        sections=tuple(SectionInfo(s.id, s.title, s.kind is SectionKind.STAGE,
                                   _section_max(rubric, s)) for s in rubric.sections),
        questions=tuple(QuestionInfo(q.id, q.section, q.text) for q in rubric.questions),
        max_score=overall_max(rubric.scoring, rubric.sections),
        path=None if rubric.path is None else _rubric_shown(rubric.path),
        bundled=_is_bundled(rubric))
    if len(_DESCRIBED) >= 64:
        _DESCRIBED.clear()
    _DESCRIBED[id(rubric)] = (rubric, info)
    return info


def _rubric_shown(path: Path) -> str:
    """A rubric's file as the portfolio names it: from the working folder when it is inside
    it (the loader may have made the path absolute), else as it is, tidied."""
    tidy = shown_path(str(path))
    if not os.path.isabs(tidy):
        return tidy
    try:
        inside = os.path.relpath(tidy)
    except ValueError:  # pragma: no cover - another drive, on Windows
        return tidy
    return tidy if inside == os.pardir or inside.startswith(os.pardir + os.sep) else inside


def _is_bundled(rubric: Rubric) -> bool:
    """Read from one of the rubric files that ship with the tool (by any path)."""
    if rubric.path is None:
        return False
    real = os.path.realpath(rubric.path)
    return any(os.path.realpath(p) == real for p in bundled_rubrics().values())


def _section_max(rubric: Rubric, section: Section) -> Fraction | None:
    """A section's maximum when nothing is n/a (the heatmap's column heading); None for a
    section that only asks who decides."""
    scored = [q for q in section.questions if q.scored]
    return section_max(rubric.scoring, scored) if scored else None


def rubric_key(rubric: Rubric) -> str:
    """Id, version and a digest of the rubric file: same id and version with other contents
    (a team's edited copy) is another rubric, and is never averaged with the original."""
    digest = hashlib.sha256(repr(rubric).encode("utf-8"))
    if rubric.path is not None:
        try:
            digest = hashlib.sha256(read_bytes(rubric.path, str(rubric.path)))
        except MaturityError:
            pass  # the rubric was read a moment ago; its model still tells it apart
    return f"{rubric.id}@{rubric.version}#{digest.hexdigest()[:12]}"
