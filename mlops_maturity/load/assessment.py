"""The core entry points the CLI calls: resolve a rubric, load answers, score them.

Keeping this outside ``cli.py`` means the same path (and the same error handling) serves
every command and every test, and the CLI stays a thin layer of options and output.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from pathlib import Path
from typing import Sequence

from mlops_maturity.files.read import STDIN, Source, Stdin, same_file
from mlops_maturity.model.errors import (InputFileError, MaturityError, Problem,
                                         QuestionnaireError, RubricError)
from mlops_maturity.model.answers import NA, EvidenceSource, Questionnaire
from mlops_maturity.model.rubric import Rubric
from mlops_maturity.load.questionnaire import bind, load_questionnaire_data, require_complete
from mlops_maturity.load.resolve import is_path_ref, resolve_rubric
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.load.yamlfile import YamlMap
from mlops_maturity.model.record import record


@record
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


def open_assessment(path: Source, rubric_ref: str | None = None, strict: bool = False,
                    display: str | None = None, text: str | None = None) -> Assessment:
    """Load a questionnaire (a file, standard input, or its ``text`` when it was read
    already) and the rubric it names (or ``rubric_ref``), checked together."""
    display = display or str(path)
    data = load_questionnaire_data(path, display, text)
    return assess_data(data, display, folder_of(path), rubric_ref, strict)


def folder_of(source: Source) -> Path:
    """The folder a questionnaire's relative ``rubric:`` path starts from: the file's own,
    or the working folder for standard input (which has no folder of its own)."""
    return Path.cwd() if isinstance(source, Stdin) else source.parent


def assess_data(data: YamlMap, display: str, base: Path, rubric_ref: str | None = None,
                strict: bool = False) -> Assessment:
    """Bind already-parsed questionnaire data to its rubric; problems the parse kept in
    ``data.value_problems`` are reported with the binding's own, in line order."""
    if not data.value_problems:
        return _assess_data(data, display, base, rubric_ref, strict)
    try:
        _assess_data(data, display, base, rubric_ref, strict)
    except MaturityError as exc:
        raise QuestionnaireError(with_value_problems(data, exc.problems)) from None
    raise QuestionnaireError(with_value_problems(data, ()))


def with_value_problems(data: YamlMap, checked: Sequence[Problem | str]) -> list[Problem | str]:
    """The parse's value problems and the checks' problems, in line order. A check's
    complaint on the line of a value problem is about the same value (a date that is no date
    is then "not a date"): the value problem stays, named by the check's key or else by the
    key that holds the value."""
    found = data.value_problems
    keys = {p.line: p.key for p in checked if isinstance(p, Problem) and p.line and p.key}
    lines = {p.line for p in found}
    merged: list[Problem | str] = [
        dataclasses.replace(p, key=p.key or (keys.get(p.line) if p.line else None)
                            or _key_holding(data, p)) for p in found]
    merged += [p for p in checked if not isinstance(p, Problem) or p.line not in lines]
    return sorted(merged, key=lambda p: p.line or 0 if isinstance(p, Problem) else 0)


def _key_holding(data: YamlMap, problem: Problem) -> str | None:
    """The dotted key a problem is about, when exactly one key fits: a key given twice (named
    by the message, first written on the line it gives), or a key on the problem's line
    whose value is the text the message quotes (``'2026-13-45'``)."""
    found: list[str] = []
    stack: list[tuple[str, YamlMap]] = [("", data)]
    while stack:
        prefix, mapping = stack.pop()
        for key, value in mapping.items():
            name, line = f"{prefix}{key}", mapping.lines.get(key)
            if isinstance(value, YamlMap):
                stack.append((name + ".", value))
            twice = f"key '{key}' is given twice, on lines {line} and {problem.line}"
            if twice in problem.message or (
                    line == problem.line and isinstance(value, str)
                    and f"'{value}'" in problem.message):
                found.append(name)
    return found[0] if len(found) == 1 else None


def _assess_data(data: YamlMap, display: str, base: Path, rubric_ref: str | None,
                 strict: bool) -> Assessment:
    if rubric_ref is None:
        ref, rubric = _named_rubric(data, display, base)
    else:
        ref, rubric = rubric_ref, open_rubric(rubric_ref)
    # rubric_version speaks of the rubric the file names; under another rubric (--rubric
    # with another id) it says nothing, and the answers are checked as they stand
    change = version_change(data, rubric) if _names(data, rubric, rubric_ref, base) else None
    removed = frozenset(change.removed) if change else frozenset()
    try:
        questionnaire = bind(data, rubric, display, ref, ignore=removed)
    except QuestionnaireError as exc:
        raise QuestionnaireError(_other_rubric(data, rubric, rubric_ref, display, base)
                                 + exc.problems) from None
    warnings = change.warnings(rubric) if change else ()
    if strict:
        require_complete(questionnaire, rubric)
    bare = [a.question for a in questionnaire.answers if a.value == NA and not a.reason]
    if bare:
        warnings += (f"answered n/a without a reason: {', '.join(bare)}",)
    proposed = [a.question for a in questionnaire.answers
                if a.source is EvidenceSource.SCAN and a.value is not None]
    if proposed:
        warnings += (f"proposed by a scan and not yet confirmed by a person: "
                     f"{', '.join(proposed)}",)
    return Assessment(rubric, questionnaire, warnings)


def _other_rubric(data: YamlMap, rubric: Rubric, rubric_ref: str | None, display: str,
                  base: Path) -> tuple[Problem, ...]:
    """A first line when ``--rubric`` named another rubric than the file's: why nothing fits."""
    named = data.get("rubric")
    if rubric_ref is None or not isinstance(named, str) or _names(data, rubric, rubric_ref,
                                                                  base):
        return ()
    return (Problem(display, f"the answers were filled for rubric '{named.strip()}', and "
                    f"--rubric checks them against '{rubric.id}'", data.line_of("rubric"),
                    "rubric", f"drop --rubric to use '{named.strip()}'"),)


def _names(data: YamlMap, rubric: Rubric, rubric_ref: str | None, base: Path) -> bool:
    """Whether ``rubric`` is the one the questionnaire's ``rubric:`` key names: always when it
    was loaded from that key; under ``--rubric``, when the key is that rubric's id or a path
    to that rubric's file."""
    if rubric_ref is None:
        return True
    named = data.get("rubric")
    if not isinstance(named, str):
        return False
    ref = named.strip()
    if not is_path_ref(ref):
        return ref == rubric.id
    return rubric.path is not None and same_file(base / ref, rubric.path)


def _named_rubric(data: YamlMap, display: str, base: Path) -> tuple[str, Rubric]:
    """The rubric the questionnaire's ``rubric:`` key names; a bad file is blamed on that line."""
    raw = data.get("rubric")
    line = data.line_of("rubric")
    if not isinstance(raw, str) or not raw.strip():
        raise QuestionnaireError(Problem(display, "no 'rubric:' key naming the rubric to use",
                                         line, "rubric",
                                         "add `rubric: mlops-automation` or pass --rubric"))
    ref = raw.strip()
    if is_path_ref(ref):
        confine(ref, base, display, line)
    try:
        return ref, open_rubric(ref, base, display, line)
    except (InputFileError, RubricError) as exc:
        named = Problem(display, f"names the rubric file '{ref}', which cannot be used", line,
                        "rubric", f"paths are relative to {_base_word(display)}; "
                                  "or pass --rubric")
        raise type(exc)(exc.problems + (named,)) from None


def _base_word(display: str) -> str:
    """What a relative ``rubric:`` path starts from, in words."""
    return "the working folder" if display == STDIN.display else "the questionnaire"


def repository_root(folder: Path) -> Path:
    """The git work tree that holds ``folder`` (the nearest parent with a ``.git``), or the
    folder itself outside git."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def confine(ref: str, base: Path, display: str, line: int | None) -> None:
    """A questionnaire's ``rubric:`` path may not leave the repository that holds it.

    Questionnaires come from anyone who can open a pull request, so an absolute path, a
    ``~``, a ``..`` that climbs out, or a symlink that points out is refused before anything
    is read. ``--rubric`` (the operator's choice) has no such limit.
    """
    hint = "keep the rubric inside the repository, or pass --rubric"
    if Path(ref).is_absolute() or ref.startswith("~"):
        raise QuestionnaireError(Problem(display, f"rubric path '{ref}' is absolute; it must "
                                         f"be relative to {_base_word(display)}", line,
                                         "rubric", hint))
    folder = Path(os.path.realpath(base))
    root = repository_root(folder)
    target = Path(os.path.realpath(folder / ref))
    if target != root and root not in target.parents:
        raise QuestionnaireError(Problem(display, f"rubric path '{ref}' leads outside the "
                                         f"repository that holds the questionnaire ({root})",
                                         line, "rubric", hint))


@record
class VersionChange:
    """What one questionnaire can tell about a rubric that changed version since it was filled.

    The file does not say which questions the old version had, so only two things are
    certain: ids the file lists that the rubric no longer has were removed, and questions the
    file does not list at all are either new or were left out by the team. The first are
    named (and their answers ignored); the second are only counted, because naming them
    would call every question the team skipped "added".
    """

    filled: str
    removed: tuple[str, ...]
    unmentioned: int

    def warnings(self, rubric: Rubric) -> tuple[str, ...]:
        """The lines ``validate``, ``score`` and ``report`` print as warnings."""
        result = [f"answers were filled for {rubric.id} version {self.filled}; "
                  f"the rubric is now version {rubric.version}"]
        if self.removed:
            result.append("questions removed since (their answers are ignored): "
                          + ", ".join(self.removed))
        if self.unmentioned:
            result.append(f"{self.unmentioned} of the rubric's {len(rubric.questions)} questions "
                          "are not in this file and count as unanswered; any question added "
                          f"since version {self.filled} is among them")
        return tuple(result)


def version_change(data: YamlMap, rubric: Rubric) -> VersionChange | None:
    """Compare the questionnaire's ``rubric_version`` and answer ids with the rubric."""
    filled = data.get("rubric_version")
    if filled is None or str(filled) == rubric.version:
        return None
    answers = data.get("answers")
    listed = list(answers) if isinstance(answers, YamlMap) else []
    known = {q.id for q in rubric.questions}
    removed = tuple(str(k) for k in listed if k not in known)
    unmentioned = len(known - set(listed))
    return VersionChange(str(filled), removed, unmentioned)
