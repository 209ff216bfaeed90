"""A rubric's detectors compiled once into matchers that are cheap to run on every file.

Globs are grouped by their text, so a glob that many detectors share is tested once per
file, and globs without a ``/`` are tested on the file name alone. Each regular expression
gets a literal that every match must contain (``Rollout`` in ``^\\s*kind:\\s*Rollout``),
found from its parse tree, so that most files are passed over with a substring test and the
expression itself runs only where it could match.
"""

from __future__ import annotations

import re
from typing import Any

from mlops_maturity.model.record import record
from mlops_maturity.load.detectors import REGEX_FLAGS, SRE_CONSTANTS, SRE_PARSE
from mlops_maturity.load.globs import glob_regex
from mlops_maturity.model.rubric import Detector, DetectorKind, Rubric

# Dependency manifests, where 'dependency' detectors look (docs/rubric-format.md).
MANIFESTS = ("{requirements*.txt,requirements*.in,pyproject.toml,setup.cfg,setup.py,Pipfile,"
             "environment.yml,environment.yaml,conda.yml,conda.yaml,package.json}")
MANIFEST_FOLDERS = "**/requirements/*.{txt,in}"
MIN_LITERAL = 3


@record
class Glob:
    """A compiled glob, tested on the file name or on the whole path."""

    text: str
    regex: re.Pattern[str]
    on_name: bool

    def matches(self, path: str, name: str) -> bool:
        return self.regex.fullmatch(name if self.on_name else path) is not None


@record
class Matcher:
    """One regular-expression detector, with the literal that any match contains."""

    detector: Detector
    regex: re.Pattern[str]
    literal: str | None
    caseless: bool


@record
class Compiled:
    """Every detector of a rubric, grouped for speed."""

    globs: tuple[tuple[Glob, tuple[Detector, ...]], ...]
    paths: tuple[Matcher, ...]
    contents: tuple[tuple[Glob | None, tuple[Matcher, ...]], ...]
    dependencies: tuple[Matcher, ...]
    manifests: tuple[Glob, ...]


def make_glob(text: str) -> Glob:
    on_name = "/" not in text.rstrip("/")
    return Glob(text, glob_regex(text), on_name)


def compile_rubric(rubric: Rubric) -> Compiled:
    """Group and compile the detectors of every question, in rubric order."""
    globs: dict[str, list[Detector]] = {}
    contents: dict[str, list[Matcher]] = {}
    paths: list[Matcher] = []
    deps: list[Matcher] = []
    for question in rubric.questions:
        for d in question.detectors:
            if d.kind is DetectorKind.GLOB:
                globs.setdefault(d.pattern, []).append(d)
            elif d.kind is DetectorKind.PATH:
                paths.append(matcher(d))
            elif d.kind is DetectorKind.CONTENT:
                contents.setdefault(d.files, []).append(matcher(d))
            else:
                deps.append(matcher(d))
    return Compiled(
        tuple((make_glob(g), tuple(ds)) for g, ds in globs.items()), tuple(paths),
        tuple((make_glob(g) if g else None, tuple(ms)) for g, ms in contents.items()),
        tuple(deps), (make_glob(MANIFESTS), make_glob(MANIFEST_FOLDERS)))


def matcher(d: Detector) -> Matcher:
    """A detector's expression, compiled with the flags its kind uses."""
    regex = re.compile(d.pattern, REGEX_FLAGS[d.kind])
    # The compiled flags include any the pattern sets itself (a leading '(?i)'), so that
    # the literal test ignores case exactly when the expression does.
    caseless = bool(regex.flags & re.IGNORECASE)
    literal = required_literal(SRE_PARSE.parse(d.pattern, REGEX_FLAGS[d.kind]))
    if literal is not None and caseless:
        literal = literal.casefold()
    return Matcher(d, regex, literal, caseless)


def required_literal(tree: Any) -> str | None:
    """The longest run of literal characters that every match must contain, if one of at
    least three characters can be read off the top of the expression."""
    best = ""
    run: list[str] = []
    c = SRE_CONSTANTS
    for op, av in tree:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        best = max(best, "".join(run), key=len)
        run = []
        if op is c.SUBPATTERN and not av[1] and not av[2]:  # a plain group, flags unchanged
            inner = required_literal(av[-1]) or ""
            best = max(best, inner, key=len)
    best = max(best, "".join(run), key=len)
    return best if len(best) >= MIN_LITERAL else None
