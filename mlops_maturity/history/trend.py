"""One system's assessments as a series: ordered, checked, and summarised point by point.

Ordering is pure and table-tested: by ``project.assessed_on``, then (reading through git) by
commit time, then by the order git lists the commits in. Two files with the same date and no
commit to tell them apart are an error that names both, because a trend in a guessed order
would be wrong without anyone noticing. An assessment without a date, against another
rubric than the newest, or one that does not load at all, is listed and skipped; the
command's exit code says so. Files that name two systems are refused (``history/systems.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any, Sequence

from mlops_maturity.api import Assessed
from mlops_maturity.history.changes import Comparison
from mlops_maturity.history.compare import compare
from mlops_maturity.history.systems import check_series
from mlops_maturity.model.errors import MaturityError, Problem, UsageError
from mlops_maturity.model.rubric import SectionKind
from mlops_maturity.model.record import record

FORMAT_VERSION = 1


@record
class Entry:
    """One assessment that loaded, with what orders it; ``order`` is the position it was
    given in (files as listed, commits oldest first)."""

    source: str
    assessed_on: str
    committed_at: int | None
    commit: str | None
    order: int
    run: Assessed | None = None  # None only in tests of the ordering alone


@record
class Skipped:
    """An assessment that could not be used, and every reason, one line each."""

    source: str
    reasons: tuple[str, ...]


def parse_date(text: str) -> dt.date | None:
    """``assessed_on`` as a date: ``YYYY-MM-DD``, or the date of an ISO date and time."""
    value = text.strip()
    for candidate in (value, value[:10]):
        try:
            return dt.date.fromisoformat(candidate)
        except ValueError:
            continue
    return None


def dated(entries: Sequence[Entry]) -> tuple[list[tuple[dt.date, Entry]], list[Skipped]]:
    """Entries with a date they can be ordered by; the others, skipped with the reason."""
    kept: list[tuple[dt.date, Entry]] = []
    skipped: list[Skipped] = []
    for e in entries:
        when = parse_date(e.assessed_on) if e.assessed_on else None
        if when is None:
            why = (f"'{e.assessed_on}' is not a date" if e.assessed_on
                   else "has no date, so it cannot be placed in the series")
            skipped.append(Skipped(e.source, (str(Problem(
                e.source, why, key="project.assessed_on",
                hint="write assessed_on: YYYY-MM-DD under project")),)))
        else:
            kept.append((when, e))
    return kept, skipped


def order(entries: Sequence[Entry]) -> tuple[list[Entry], list[Skipped]]:
    """The series oldest first, and what was skipped for want of a date. Ties on the date
    are broken by commit time, then by the order given (git lists commits in order); a tie
    with no commit to break it is a ``UsageError`` naming both files."""
    kept, skipped = dated(entries)
    kept.sort(key=lambda pair: (pair[0], pair[1].committed_at or 0, pair[1].order))
    for (d1, a), (d2, b) in zip(kept, kept[1:]):
        if d1 == d2 and (a.committed_at is None or b.committed_at is None):
            raise UsageError(Problem(
                b.source, f"has the same assessed_on date ({d2.isoformat()}) as {a.source}, "
                "so their order is unknown", key="project.assessed_on",
                hint="correct one of the dates, or read the versions with --git, which "
                     "orders them by commit"))
    return [e for _, e in kept], skipped


def one_rubric(entries: Sequence[Entry]) -> tuple[list[Entry], list[Skipped]]:
    """A series is read against one rubric: the newest assessment's. Assessments against
    another rubric are skipped, with a line that says which."""
    runs = [e for e in entries if e.run is not None]
    if not runs:
        return list(entries), []
    newest = runs[-1].run
    assert newest is not None
    rid = newest.assessment.rubric.id
    kept, skipped = [], []
    for e in entries:
        used = e.run.assessment.rubric.id if e.run is not None else rid
        if used == rid:
            kept.append(e)
        else:
            skipped.append(Skipped(e.source, (str(Problem(
                e.source, f"uses rubric '{used}', but the newest assessment uses '{rid}'",
                key="rubric", hint="a trend follows one rubric; the rubric changed between "
                                   "these versions")),)))
    return kept, skipped


def failed(source: str, exc: MaturityError) -> Skipped:
    """A version that did not load, with each of its problems."""
    return Skipped(source, tuple(str(p) for p in exc.problems))


@record
class Point:
    """One assessment in the series, in display numbers."""

    source: str
    commit: str | None
    committed_at: str | None  # ISO 8601, UTC
    assessed_on: str
    rubric_version: str
    score: float | None
    max_score: float | None
    level: str | None
    level_label: str | None
    band_label: str | None
    declared: str | None
    declared_label: str | None
    supported: str | None
    supported_label: str | None
    within_support: bool | None
    sections: dict[str, float | None]  # each stage's score, by section id


@record
class Step:
    """What changed from one assessment to the next, as ``compare`` found it."""

    source: str  # the later assessment
    score_delta: float | None
    level_old: str | None
    level_new: str | None
    declared_old: str | None
    declared_new: str | None
    supported_old: str | None
    supported_new: str | None
    improved: int
    regressed: int
    blockers_cleared: int
    blockers_introduced: int
    regressions: int
    rubric_version_old: str
    rubric_version_new: str


@record
class Trend:
    """The series; field order is the JSON's key order."""

    format_version: int
    tool: dict[str, str]
    rubric: dict[str, str]
    project: str
    degrees: tuple[dict[str, str], ...]  # id and label, least automated first
    levels: tuple[dict[str, str], ...]
    stages: tuple[dict[str, str], ...]  # the stage sections charted, id and title
    points: tuple[Point, ...]
    steps: tuple[Step, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]  # a rename along one file's history, files without a name

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _utc(seconds: int | None) -> str | None:
    if seconds is None:
        return None
    when = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def point(e: Entry) -> Point:
    assert e.run is not None
    r = e.run.report
    a = r.automation
    stages = {s.id: s.score for s in r.sections if s.kind is SectionKind.STAGE}
    return Point(e.source, e.commit, _utc(e.committed_at), r.project.assessed_on,
                 r.rubric.version, r.overall.score, r.overall.max_score, r.overall.level,
                 r.overall.level_label, r.overall.band_label,
                 a.declared if a else None, a.declared_label if a else None,
                 a.supported if a else None, a.supported_label if a else None,
                 a.within_support if a else None, stages)


def step(c: Comparison, source: str) -> Step:
    a = c.automation
    return Step(source, c.overall.delta, c.level.old_label, c.level.new_label,
                a.declared_old_label if a else None, a.declared_new_label if a else None,
                a.supported_old_label if a else None, a.supported_new_label if a else None,
                c.improved, c.regressed, len(c.blockers_cleared), len(c.blockers_introduced),
                len(c.regressions), c.old.rubric_version, c.new.rubric_version)


def trend(entries: Sequence[Entry], skipped: Sequence[Skipped] = (),
          along_history: bool = False) -> Trend:
    """Check the entries are of one system, order them, keep one rubric, and summarise every
    point and every step. ``along_history``: the entries are versions of one file (``--git``),
    where a change of name is a rename."""
    loaded = sorted((e for e in entries if e.run is not None), key=lambda e: e.order)
    warnings = check_series([(e.source, e.run.report.project.name)
                             for e in loaded if e.run is not None], along_history)
    ordered, undated = order(entries)
    series, other_rubric = one_rubric(ordered)
    if not series:
        reasons = [r for s in (*skipped, *undated, *other_rubric) for r in s.reasons]
        raise UsageError(["no assessment in the series could be used", *reasons])
    newest = series[-1].run
    assert newest is not None
    r = newest.report
    degrees = tuple({"id": d.id, "label": d.label} for d in r.automation.degrees) \
        if r.automation else ()
    runs = [e.run for e in series if e.run is not None]
    steps = tuple(step(compare(a, b), e.source)
                  for a, b, e in zip(runs, runs[1:], series[1:]))
    return Trend(FORMAT_VERSION, {"name": r.tool.name, "version": r.tool.version},
                 {"id": r.rubric.id, "title": r.rubric.title, "version": r.rubric.version},
                 r.project.name, degrees,
                 tuple({"id": lv.id, "label": lv.label} for lv in r.levels),
                 tuple({"id": s.id, "title": s.title} for s in r.sections
                       if s.kind is SectionKind.STAGE),
                 tuple(point(e) for e in series), steps,
                 (*skipped, *undated, *other_rubric), warnings)
