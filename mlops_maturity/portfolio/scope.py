"""Which assessments count: the latest of each system, or all of them.

A system is a ``project.name`` on one rubric (the same name on two rubrics is two
assessments, each the latest of its own). Its latest assessment is the one with the newest
``assessed_on`` (``YYYY-MM-DD``, optionally followed by a time); a date that is missing or
not of that form counts as older than any real one. Two files with the same newest date are
a tie: the one whose file name sorts last is kept (``2026-q4.yaml`` after ``2026-q3.yaml``),
and the tie is reported. A questionnaire without a name is always a system of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Sequence

from mlops_maturity.portfolio.row import SystemRow

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Superseded:
    """An assessment of a system left out because another is kept: an older one, or one with
    the same latest date (a tie, where the file whose name sorts last is kept)."""

    file: str
    by: str  # the file kept instead
    tie: bool = False  # the same date as the one kept, not older


@dataclass(frozen=True)
class Scoped:
    """The assessments in scope, the older ones left out, and the ties worth a warning."""

    rows: tuple[SystemRow, ...]
    superseded: tuple[Superseded, ...]
    ties: tuple[str, ...]


def when(assessed_on: str) -> tuple[int, str]:
    """A sort key: real dates in date order (then by the time, if one follows), any other
    text before all of them."""
    text = assessed_on.strip()
    match = _ISO_DATE.match(text)
    if match is None:
        return (0, "")
    try:
        dt.date.fromisoformat(match.group())
    except ValueError:
        return (0, "")
    return (1, text)


def everything(rows: Sequence[SystemRow]) -> Scoped:
    """``--all``: every file is in scope."""
    return Scoped(tuple(rows), (), ())


def system_key(row: SystemRow) -> tuple[str, str]:
    """What makes one system: its name on its rubric (a file without a name is its own)."""
    return row.rubric, row.name or "\0" + row.file


def latest(rows: Sequence[SystemRow]) -> Scoped:
    """The newest assessment of each named system on each rubric; rows keep file order."""
    systems: dict[tuple[str, str], list[SystemRow]] = {}
    for row in rows:
        systems.setdefault(system_key(row), []).append(row)
    kept: set[str] = set()
    superseded: list[Superseded] = []
    ties: list[str] = []
    for found in systems.values():
        newest = max(found, key=lambda r: (when(r.assessed_on), r.file))
        kept.add(newest.file)
        superseded += [Superseded(r.file, newest.file,
                                  tie=when(r.assessed_on) == when(newest.assessed_on))
                       for r in found if r is not newest]
        tied = [r.file for r in found if when(r.assessed_on) == when(newest.assessed_on)]
        if len(tied) > 1:
            date = newest.assessed_on or "no date"
            ties.append(f"{len(tied)} files assess '{newest.name}' with the same latest date "
                        f"({date}): {', '.join(tied)}; keeping {newest.file}")
    return Scoped(tuple(r for r in rows if r.file in kept),
                  tuple(sorted(superseded, key=lambda s: s.file)), tuple(sorted(ties)))
