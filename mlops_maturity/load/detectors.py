"""A question's ``detectors``: what a file in a repository can prove about its answer.

Detectors are data in the rubric, so a custom rubric gets scanning without code. Each is
checked here once, where its line is known: exactly one of ``glob``, ``path``, ``content``
or ``dependency``; a glob that stays inside the repository; a regular expression that
compiles and cannot backtrack catastrophically (no quantifier inside another quantifier, no
backreference), because a scan runs every expression over thousands of files that anyone
can write; and an answer it ``supports`` that the question allows and that is better than
the worst (a file can show a practice exists, never that it is missing). The automation
question takes none: who decides is declared by people, never found in files.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from mlops_maturity.load.fields import Fields, as_word, describe, join
from mlops_maturity.load.globs import glob_problem
from mlops_maturity.load.yamlfile import YamlList, YamlMap
from mlops_maturity.model.rubric import Detector, DetectorKind, Option, QuestionType

DETECTOR_KEYS = ("glob", "path", "content", "dependency", "files", "supports", "reason")
KIND_KEYS = tuple(k.value for k in DetectorKind)
MAX_PATTERN = 500
# How the scanner compiles each kind; validation compiles with the same flags.
REGEX_FLAGS = {
    DetectorKind.PATH: 0,
    DetectorKind.CONTENT: re.MULTILINE,
    DetectorKind.DEPENDENCY: re.MULTILINE | re.IGNORECASE,  # package names ignore case
}

# Python's own parser of regular expressions (``re._parser`` since 3.11, ``sre_parse``
# before), so the check sees exactly the tree that ``re`` will run.
SRE_PARSE: Any = importlib.import_module("re._parser" if hasattr(re, "_parser")
                                         else "sre_parse")
SRE_CONSTANTS: Any = importlib.import_module("re._constants" if hasattr(re, "_constants")
                                             else "sre_constants")


MAX_AGE_DAYS = 36_500  # a hundred years: anything longer means "never stale"


def read_max_age(f: Fields, data: YamlMap) -> int | None:
    """``evidence_max_age``: whole days after which dated evidence is reported as stale."""
    if "evidence_max_age" not in data:
        return None
    value, line = data["evidence_max_age"], data.line_of("evidence_max_age")
    if isinstance(value, bool) or not isinstance(value, int):
        f.add(f"must be a whole number of days, not {describe(value)}", line,
              "evidence_max_age", "for example 365", rule="wrong-type")
        return None
    if value <= 0:
        f.add(f"must be at least 1 day, not {value}", line, "evidence_max_age",
              rule="number-too-low")
        return None
    if value > MAX_AGE_DAYS:
        f.add(f"must be at most {MAX_AGE_DAYS:,} days, not {value}", line, "evidence_max_age",
              "leave the key out for evidence that never goes stale",
              rule="number-out-of-range")
        return None
    return int(value)


def read_detectors(f: Fields, m: YamlMap, path: str, qtype: QuestionType,
                   options: tuple[Option, ...]) -> tuple[Detector, ...]:
    """The detectors of one question (none when the key is absent)."""
    if "detectors" not in m:
        return ()
    dpath = join(path, "detectors")
    if qtype is QuestionType.DEGREE:
        f.add("the automation question takes no detectors: who decides is declared by "
              "people, never found in files", m.line_of("detectors"), dpath,
              "remove 'detectors'", rule="detector-on-degree-question")
        return ()
    items = f.seq(m["detectors"], dpath, m.line_of("detectors")) or YamlList()
    result = []
    for i, item in enumerate(items):
        ipath = join(dpath, i)
        dm = f.mapping(item, ipath, items.line_of(i))
        if dm is not None:
            detector = read_detector(f, dm, ipath, options)
            if detector is not None:
                result.append(detector)
    return tuple(result)


def read_detector(f: Fields, m: YamlMap, path: str,
                  options: tuple[Option, ...]) -> Detector | None:
    """One detector; None when it is too broken to use (its problems are recorded)."""
    f.check_keys(m, path, DETECTOR_KEYS, ("supports", "reason"))
    kinds = [k for k in KIND_KEYS if k in m]
    if len(kinds) != 1:
        said = "none" if not kinds else " and ".join(f"'{k}'" for k in kinds)
        f.add(f"a detector names exactly one of {', '.join(KIND_KEYS)}, not {said}", m.line,
              path, rule="detector-kind")
        return None
    kind = DetectorKind(kinds[0])
    if "files" in m and kind is not DetectorKind.CONTENT:
        f.add(f"'files' narrows a 'content' search; a '{kind.value}' detector takes none",
              m.line_of("files"), join(path, "files"), rule="detector-kind")
    pattern = f.text(m, kind.value, path)
    files = f.text(m, "files", path, "")
    supports = _supports(f, m, path, options)
    reason = f.text(m, "reason", path)
    if not pattern:
        if m[kind.value] is not None:  # None is reported as not text already
            f.add("must not be empty", m.line_of(kind.value), join(path, kind.value),
                  rule="wrong-type")
        return None
    if kind is DetectorKind.GLOB:
        _check_glob(f, pattern, m.line_of("glob"), join(path, "glob"))
    else:
        _check_regex(f, pattern, kind, m.line_of(kind.value), join(path, kind.value))
    if files:
        _check_glob(f, files, m.line_of("files"), join(path, "files"))
    return Detector(kind, pattern, supports, reason, files, m.line)


def _supports(f: Fields, m: YamlMap, path: str, options: tuple[Option, ...]) -> str:
    """The answer a match supports: one the question allows, better than its worst."""
    raw = m.get("supports")
    if raw is None:
        return ""
    word = str(as_word(raw)).strip()
    ids = [o.id for o in options]
    match = next((o for o in ids if o.lower() == word.lower()), None)
    where, line = join(path, "supports"), m.line_of("supports")
    if match is None:
        f.add(f"'{word}' is not an answer of this question", line, where,
              f"use one of: {', '.join(ids[1:])}", rule="detector-unknown-answer")
        return ""
    if len(options) > 1 and match == ids[0]:
        f.add(f"a detector may not support '{match}', the worst answer: a file can show that "
              "a practice exists, never that it is missing", line, where,
              f"support one of: {', '.join(ids[1:])}", rule="detector-supports-worst")
    return match


def _check_glob(f: Fields, glob: str, line: int | None, where: str) -> None:
    problem = glob_problem(glob)
    if problem is not None:
        f.add(f"the glob '{glob}' {problem}", line, where, rule="detector-glob-invalid")


def _check_regex(f: Fields, pattern: str, kind: DetectorKind, line: int | None,
                 where: str) -> None:
    """A pattern compiles, is short, cannot backtrack catastrophically, and is not empty."""
    if len(pattern) > MAX_PATTERN:
        f.add(f"the expression is longer than {MAX_PATTERN} characters", line, where,
              rule="detector-regex-invalid")
        return
    try:
        compiled = re.compile(pattern, REGEX_FLAGS[kind])
        tree = SRE_PARSE.parse(pattern, REGEX_FLAGS[kind])
    except (re.error, OverflowError, RecursionError) as exc:
        f.add(f"the regular expression does not compile: {_words(exc)}", line, where,
              rule="detector-regex-invalid")
        return
    danger = backtracking_risk(tree)
    if danger is not None:
        f.add(f"the regular expression {danger}, which can take exponential time on some "
              "files", line, where, "use one quantifier per repeated part, such as '[a-z_]+' "
              "rather than '([a-z]+_?)+'", rule="detector-regex-backtracking")
        return
    if compiled.search("") is not None:
        f.add("the regular expression matches an empty string, so it would match every file",
              line, where, "make it require at least one character",
              rule="detector-matches-everything")


def _words(exc: BaseException) -> str:
    text = str(exc) if isinstance(exc, re.error) else type(exc).__name__
    return text.split(" at position")[0] if isinstance(exc, re.error) else text


def backtracking_risk(tree: Any) -> str | None:
    """Why a parsed expression may backtrack catastrophically, or None.

    A quantifier that can repeat more than once inside another such quantifier
    (``(a+)+``, ``(\\w*,)*``) lets one input be matched in exponentially many ways; a
    backreference makes matching non-regular. Both are refused: detectors never need them.
    """
    return _walk(tree, False)


def _walk(items: Any, in_repeat: bool) -> str | None:
    c = SRE_CONSTANTS
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT} | ({c.POSSESSIVE_REPEAT}
                                             if hasattr(c, "POSSESSIVE_REPEAT") else set())
    for op, av in items:
        if op in repeats:
            _low, high, sub = av
            many = high > 1  # MAXREPEAT (unbounded) included
            if many and in_repeat:
                return "has a quantifier inside another quantifier"
            found = _walk(sub, in_repeat or many)
        elif op in (c.GROUPREF, c.GROUPREF_EXISTS):
            return "uses a backreference"
        else:
            found = _walk_children(op, av, in_repeat)
        if found is not None:
            return found
    return None


def _walk_children(op: Any, av: Any, in_repeat: bool) -> str | None:
    c = SRE_CONSTANTS
    if op is c.SUBPATTERN:
        return _walk(av[-1], in_repeat)
    if op is c.BRANCH:
        return next((r for r in (_walk(b, in_repeat) for b in av[1]) if r is not None), None)
    if op in (c.ASSERT, c.ASSERT_NOT):
        return _walk(av[1], in_repeat)
    if hasattr(c, "ATOMIC_GROUP") and op is c.ATOMIC_GROUP:
        return _walk(av, in_repeat)
    return None
