"""Which system an assessment is of, by its ``project.name``: a trend follows one system, and
a comparison of two systems says so.

Names are compared as people mean them: case, Unicode compatibility forms and runs of spaces
do not make another system ("Store demand forecast" is "store  demand forecast"). They are
shown as written.

- **Files** (``trend FILES...|DIR``) that name two systems are a usage error naming both,
  with files of each: a series of two systems would chart changes that never happened. A
  system renamed between two files needs one name in both (or ``--git``, below).
- **One file's history** (``trend --git FILE``) is one system by construction, so a change of
  name along it is a rename: accepted, and said in a warning.
- **No name**: an assessment without ``project.name`` cannot contradict the others, so it is
  kept; among files, a warning says it could not be checked.
- **Two assessments** (``compare``) of different names give a warning, never an error: a
  rename is legitimate, and the user named both files (worded in ``history/wording.py``).
"""

from __future__ import annotations

import unicodedata
from typing import Sequence

from mlops_maturity.model.errors import Problem, UsageError

SHOWN = 2  # example files named per system
SYSTEMS_SHOWN = 3  # systems named in the error


def key(name: str) -> str:
    """The name as it identifies a system: case, compatibility forms and spacing folded."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def shown(name: str) -> str:
    """The name as written, on one line (a YAML block scalar may hold line breaks)."""
    return " ".join(name.split())


def differ(old: str, new: str) -> bool:
    """Whether two names, both given, name different systems."""
    return bool(key(old)) and bool(key(new)) and key(old) != key(new)


def _files(sources: list[str]) -> str:
    shown = ", ".join(sources[:SHOWN])
    more = len(sources) - SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _by_system(named: Sequence[tuple[str, str]]) -> dict[str, tuple[str, list[str]]]:
    """Each system (by key, in order of first appearance): its name as first written, and
    the sources that name it."""
    systems: dict[str, tuple[str, list[str]]] = {}
    for source, name in named:
        if key(name):
            systems.setdefault(key(name), (shown(name), []))[1].append(source)
    return systems


def check_series(named: Sequence[tuple[str, str]], along_history: bool) -> tuple[str, ...]:
    """``(source, project.name)`` of each assessment of a series, in the order given (for
    ``--git``, oldest first). Files that name two systems raise a ``UsageError``; what is
    accepted but worth knowing (a rename along one file's history, files without a name)
    comes back as warnings."""
    systems = _by_system(named)
    if len(systems) > 1 and not along_history:
        listed = [f"'{name}' ({_files(sources)})" for name, sources in systems.values()]
        more = len(listed) - SYSTEMS_SHOWN
        shown = listed[:SYSTEMS_SHOWN] + ([f"{more} more"] if more > 0 else [])
        raise UsageError(Problem(
            "trend", f"the assessments are of {len(systems)} systems: "
            + ", ".join(shown[:-1]) + f" and {shown[-1]}", key="project.name",
            hint="trend takes one system's assessments; for many systems use `mlops-maturity "
                 "portfolio`; for a renamed system, give every file one project.name"))
    if along_history:
        return _renames(named)
    nameless = [source for source, name in named if not key(name)]
    if not nameless or len(named) < 2:
        return ()
    return (f"{len(nameless)} of {len(named)} assessments have no project.name "
            f"({_files(nameless)}), so trend cannot check that they are of one system "
            "(write name: under project)",)


def _renames(named: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """Each change of name along one file's history, oldest first."""
    found = []
    last: tuple[str, str] | None = None
    for source, name in named:
        if not key(name):
            continue
        if last is not None and key(last[1]) != key(name):
            found.append(f"renamed from '{shown(last[1])}' ({last[0]}) to '{shown(name)}' "
                         f"({source}); read as one system, since these are versions of one "
                         "file")
        last = (source, name)
    return tuple(found)
