"""Which detectors apply to each file, decided cheaply enough for 50,000 files.

Per file the scanner must not loop in Python over every detector. So:
- globs are tested through one combined expression first (one C call rejects most files);
- which content searches apply depends mostly on a file's extension, so it is worked out
  once per extension, and only the few other globs are tested per file;
- all the expressions that can search a file are compiled, once per such combination, into
  one RE2 set (``google-re2``): one linear pass over the text says which of them can match,
  and only those are run with Python's ``re``, which finds the lines and has the last word.
  RE2 runs in linear time whatever the expression, so it is also a bound on the cost of a
  file. Text that is not plain ASCII, or that holds whitespace the two engines read
  differently, takes the exact path (every expression, each behind its literal), and so
  does any expression RE2 cannot compile (a look-ahead, say).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from mlops_maturity.model.rubric import Detector, DetectorKind
from mlops_maturity.scan.compiled import Compiled, Glob, Matcher

_EXT_ONLY = re.compile(r"^\*\.(?:\{[A-Za-z0-9_+-]+(?:,[A-Za-z0-9_+-]+)*\}|[A-Za-z0-9_+-]+)$")
# Whitespace that Python's \s matches and RE2's does not: such text takes the exact path.
_ODD_SPACE = (b"\x0b", b"\x1c", b"\x1d", b"\x1e", b"\x1f")


def exact_only(data: bytes) -> bool:
    """Whether the engines could disagree on ``data`` (each test is one memchr pass)."""
    return not data.isascii() or any(ch in data for ch in _ODD_SPACE)
_RE2_FLAGS = {DetectorKind.CONTENT: "(?m)", DetectorKind.DEPENDENCY: "(?mi)"}


def _re2() -> Any:
    try:
        return importlib.import_module("re2")
    except ImportError:  # pragma: no cover - google-re2 is a dependency; stay correct without
        return None


RE2 = _re2()


def _combined(patterns: list[str], flags: int) -> re.Pattern[str] | None:
    """One expression that matches where any of ``patterns`` does, or None."""
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    except re.error:
        return None


class PathIndex:
    """The glob and path detectors, behind one combined expression per kind."""

    def __init__(self, compiled: Compiled) -> None:
        self.on_name = [(g, ds) for g, ds in compiled.globs if g.on_name]
        self.on_path = [(g, ds) for g, ds in compiled.globs if not g.on_name]
        self.regexes = compiled.paths
        self.any_name = _combined([g.regex.pattern for g, _ in self.on_name], re.DOTALL)
        self.any_path = _combined([g.regex.pattern for g, _ in self.on_path], re.DOTALL)
        self.any_regex = _combined([m.regex.pattern for m in self.regexes], 0)

    def detectors(self, path: str, name: str) -> list[Detector]:
        """The glob and path detectors a file's path matches, in rubric order of groups."""
        found: list[Detector] = []
        if self.on_name and (self.any_name is None or self.any_name.fullmatch(name)):
            found += [d for g, ds in self.on_name if g.regex.fullmatch(name) for d in ds]
        if self.on_path and (self.any_path is None or self.any_path.fullmatch(path)):
            found += [d for g, ds in self.on_path if g.regex.fullmatch(path) for d in ds]
        if self.regexes and (self.any_regex is None or self.any_regex.search(path)):
            found += [m.detector for m in self.regexes if m.regex.search(path)]
        return found


@dataclass
class Searcher:
    """The expressions that search one kind of file, and the RE2 set that gates them."""

    matchers: tuple[Matcher, ...]
    gate: Any = None
    members: tuple[int, ...] = ()  # the matcher behind each member of the set
    ungated: tuple[int, ...] = ()  # matchers RE2 could not take: always run

    def candidates(self, data: bytes) -> Iterable[Matcher]:
        """The matchers that may match a file's bytes: all of them on the exact path."""
        if self.gate is None or exact_only(data):
            return self.matchers
        found = self.gate.Match(data) or ()
        chosen = sorted({self.members[i] for i in found} | set(self.ungated))
        return [self.matchers[i] for i in chosen]


def build_searcher(matchers: tuple[Matcher, ...]) -> Searcher:
    """A searcher with an RE2 set over every matcher RE2 can compile."""
    if RE2 is None:
        return Searcher(matchers)
    options = RE2.Options()
    options.log_errors = False
    options.max_mem = 64 << 20
    gate = RE2.Set.SearchSet(options)
    members, ungated = [], []
    for i, m in enumerate(matchers):
        try:
            gate.Add(_RE2_FLAGS[m.detector.kind] + m.regex.pattern)
            members.append(i)
        except Exception:  # RE2 refuses it (a look-around): Python's re alone decides
            ungated.append(i)
    try:
        gate.Compile()
    except Exception:  # pragma: no cover - too large a set: the exact path for all
        return Searcher(matchers)
    return Searcher(matchers, gate if members else None, tuple(members), tuple(ungated))


@dataclass
class ContentIndex:
    """Which content and dependency matchers search a file, cached per kind of file."""

    compiled: Compiled
    by_ext: list[tuple[int, Glob]] = field(default_factory=list)
    other: list[tuple[int, Glob]] = field(default_factory=list)
    everywhere: tuple[int, ...] = ()
    any_other: re.Pattern[str] | None = None  # one test for every glob below
    _ext_groups: dict[str | None, tuple[int, ...]] = field(default_factory=dict)
    _searchers: dict[tuple[tuple[int, ...], bool], Searcher] = field(default_factory=dict)

    def __post_init__(self) -> None:
        every = []
        for i, (glob, _) in enumerate(self.compiled.contents):
            if glob is None:
                every.append(i)
            elif glob.on_name and _EXT_ONLY.match(glob.text):
                self.by_ext.append((i, glob))
            else:
                self.other.append((i, glob))
        self.everywhere = tuple(every)
        others = [g for _, g in self.other] + (list(self.compiled.manifests)
                                              if self.compiled.dependencies else [])
        self.any_other = _combined([g.regex.pattern for g in others if not g.on_name]
                                   + [g.regex.pattern for g in others if g.on_name],
                                   re.DOTALL)

    def searcher(self, path: str, name: str) -> Searcher | None:
        """The searcher for a file, or None when nothing searches it."""
        ext = name.rpartition(".")[2] if "." in name else None
        groups = self._ext_groups.get(ext)
        if groups is None:
            probe = f"x.{ext}" if ext is not None else name
            groups = tuple(i for i, g in self.by_ext if ext is not None and g.matches(probe, probe))
            self._ext_groups[ext] = groups
        extra: tuple[int, ...] = ()
        deps = False
        if self.any_other is None or self.any_other.fullmatch(path):
            extra = tuple(i for i, g in self.other if g.matches(path, name))
            deps = bool(self.compiled.dependencies) and any(
                g.matches(path, name) for g in self.compiled.manifests)
        chosen = tuple(sorted(groups + extra + self.everywhere))
        if not chosen and not deps:
            return None
        key = (chosen, deps)
        found = self._searchers.get(key)
        if found is None:
            matchers = tuple(m for i in chosen for m in self.compiled.contents[i][1])
            found = build_searcher(matchers + (self.compiled.dependencies if deps else ()))
            self._searchers[key] = found
        return found
