"""What the portfolio's HTML and Markdown pages show, worded and numbered once for both.

Every cell of the heatmap carries its text (the level's label and the score), so the page
reads the same without colour; the colour is a class that only repeats the level. A degree
is named only as a team declared it, or as what its practices support; the portfolio never
names a degree as a goal the team did not set itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from mlops_maturity.portfolio.document import Portfolio
from mlops_maturity.portfolio.rollup import (DegreeCount, GroupRollup, PracticeCount,
                                             RubricRollup, group_of)
from mlops_maturity.portfolio.row import RubricInfo, SystemRow, TargetKind, TargetOrigin
from mlops_maturity.portfolio.scope import system_key
from mlops_maturity.report.numbers import fmt_num, num, shown_percent
from mlops_maturity.report.wording import plural

PRACTICES_SHOWN = 10
FURTHEST_SHOWN = 10


@dataclass(frozen=True)
class HeatCell:
    """One cell: its words, and a colour class that only repeats them (``lv-0`` to
    ``lv-4``, lowest to highest level; ``sc-*`` for a checklist's score by fifths)."""

    text: str
    detail: str  # the score beside a level; empty for checklists
    css: str


@dataclass(frozen=True)
class HeatRow:
    system: str
    file: str
    assessed_on: str
    group: str
    cells: tuple[HeatCell, ...]
    overall: HeatCell


@dataclass(frozen=True)
class Line:
    """A row of a plain table: its heading (a system, a practice, a group), a note under
    or beside it (the system's file, the practice's question), and its cells as text."""

    head: str
    note: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class RubricPage:
    """Everything one rubric's part of the page shows."""

    title: str
    anchor: str
    summary: str
    columns: tuple[str, ...]  # the heatmap's section headings
    heatmap: tuple[tuple[str, tuple[HeatRow, ...]], ...]  # (group, its rows), in group order
    degrees: tuple[tuple[str, ...], ...] | None  # degree, systems, of them beyond support
    beyond: tuple[Line, ...]  # declared, supported
    furthest: tuple[Line, ...]  # target, where it comes from, to go, blockers
    furthest_total: int
    practices: tuple[Line, ...]  # practice, section, best, missing, n/a, blocking
    practices_total: int
    groups: tuple[Line, ...]  # group, systems, mean, lowest, levels, beyond support
    legend: tuple[tuple[str, str], ...]  # (level label, colour class), lowest first
    has_degrees: bool


def score_text(value: Fraction | None) -> str:
    return fmt_num(num(value))


def _level_class(level: int | None, levels: int) -> str:
    """Five colour steps whatever the number of levels, the lowest always ``lv-0``."""
    if level is None or levels <= 1:
        return "none" if level is None else "lv-0"
    return f"lv-{round(4 * level / (levels - 1))}"


def _score_class(score: Fraction | None, top: Fraction | None) -> str:
    if score is None or not top:
        return "none"
    return f"sc-{min(4, int(score * 5 / top))}"


def heat_row(row: SystemRow, info: RubricInfo, group: str) -> HeatRow:
    cells = []
    for section, cell in zip(info.sections, row.cells):
        if cell.score is None:
            cells.append(HeatCell("n/a", "", "none"))
        elif section.stage and cell.level is not None:
            cells.append(HeatCell(info.levels[cell.level].label, score_text(cell.score),
                                  _level_class(cell.level, len(info.levels))))
        else:
            cells.append(HeatCell(score_text(cell.score), "",
                                  _score_class(cell.score, section.max_score)))
    if row.level is not None:
        overall = HeatCell(info.levels[row.level].label, score_text(row.score),
                           _level_class(row.level, len(info.levels)))
    else:
        overall = HeatCell(score_text(row.score), row.band or "",
                           _score_class(row.score, info.max_score))
    return HeatRow(row.system, row.file, row.assessed_on, group, tuple(cells), overall)


def target_words(row: SystemRow, info: RubricInfo) -> tuple[str, str, str]:
    """(the target's label, where it comes from, how far it is) for one system."""
    t = row.target
    assert t is not None, "only systems with a target are ranked"
    if t.kind is TargetKind.DEGREE and info.degrees is not None:
        label = next(d.label for d in info.degrees if d.id == t.id)
        unit = "degree"
    else:
        label = next(lv.label for lv in info.levels if lv.id == t.id)
        unit = "level"
    origin = ("its target" if t.origin is TargetOrigin.QUESTIONNAIRE
              else "the degree it declares")
    return label, origin, plural(t.gap, unit) if t.gap else "the practices are not all in place"


def _degrees(r: RubricRollup) -> tuple[tuple[str, ...], ...] | None:
    info = r.rubric
    if r.degrees is None or info.degrees is None:
        return None
    return tuple((_degree_label(d, info), str(d.systems), str(d.beyond_support))
                 for d in r.degrees)


def _degree_label(d: DegreeCount, info: RubricInfo) -> str:
    if d.degree is None or info.degrees is None:
        return "Not declared"
    return info.degrees[d.degree].label


def _practice(p: PracticeCount, info: RubricInfo) -> Line:
    q = info.questions[p.question]
    section = next((s.title for s in info.sections if s.id == q.section), q.section)
    share = shown_percent(Fraction(100 * p.best, p.applicable)) if p.applicable else None
    return Line(q.id, q.text, (section, f"{p.best} ({fmt_num(share)}%)" if share is not None
                               else "0", str(p.missing), str(p.not_applicable),
                               str(p.blocking)))


def _group(g: GroupRollup, info: RubricInfo) -> Line:
    levels = ", ".join(f"{lv.label} {n}" for lv, n in zip(info.levels, g.levels) if n)
    return Line(g.group, "", (str(g.systems), score_text(g.mean_score),
                              score_text(g.lowest_score), levels or "—",
                              str(g.beyond_support) if info.degrees is not None else "—",
                              f"{g.targets_ready} of {g.targets}"))


def rubric_page(r: RubricRollup, index: int, doc: Portfolio) -> RubricPage:
    info = r.rubric
    heat: dict[str, list[HeatRow]] = {}
    for row in r.rows:  # already in group order
        group = group_of(row, doc.group_by, info)[1]
        heat.setdefault(group, []).append(heat_row(row, info, group))
    beyond = tuple(Line(row.system, row.file, (
        info.degrees[row.declared].label if info.degrees and row.declared is not None else "",
        info.degrees[row.supported].label if info.degrees and row.supported is not None
        else "")) for row in r.beyond_support)
    furthest = tuple(Line(row.system, row.file, (*target_words(row, info),
                                                 str(row.target.blockers if row.target else 0)))
                     for row in r.furthest[:FURTHEST_SHOWN])
    summary = (counted(r.rows, doc.latest_only)
               + (f"; {len(r.beyond_support)} beyond what their practices support"
                  if info.degrees is not None else ""))
    return RubricPage(
        title=f"{info.title} ({doc.rubric_name(info)})", anchor=f"rubric-{index}",
        summary=summary, columns=tuple(s.title for s in info.sections),
        heatmap=tuple((group, tuple(rows)) for group, rows in heat.items()),
        degrees=_degrees(r), beyond=beyond, furthest=furthest, furthest_total=len(r.furthest),
        practices=tuple(_practice(p, info) for p in r.practices[:PRACTICES_SHOWN]
                        if p.missing or p.blocking),
        practices_total=sum(1 for p in r.practices if p.missing or p.blocking),
        groups=tuple(_group(g, info) for g in r.groups),
        legend=tuple((lv.label, _level_class(i, len(info.levels)))
                     for i, lv in enumerate(info.levels)),
        has_degrees=info.degrees is not None)


def counted(rows: Sequence[SystemRow], latest_only: bool) -> str:
    """``3 systems``; with ``--all``, where a system can have several rows, ``4 assessments
    of 3 systems``."""
    systems = plural(len({system_key(r) for r in rows}), "system")
    return systems if latest_only else f"{plural(len(rows), 'assessment')} of {systems}"


def scope_words(doc: Portfolio) -> str:
    """One sentence on what is in the portfolio."""
    systems = plural(doc.systems, "system")
    if doc.latest_only:
        left = [plural(len(doc.older), "older assessment")] if doc.older else []
        if doc.tied:
            left.append(f"{plural(len(doc.tied), 'tied assessment')} (the same latest date)")
        out = f"; {' and '.join(left)} left out" if left else ""
        return f"The latest assessment of each of {systems}{out}."
    return (f"Every assessment given: {plural(doc.assessments, 'assessment')} of "
            f"{systems}.")


def pages(doc: Portfolio) -> tuple[RubricPage, ...]:
    return tuple(rubric_page(r, i, doc) for i, r in enumerate(doc.rubrics, 1))


def summary_lines(doc: Portfolio) -> list[str]:
    """What ``portfolio`` prints without ``-o``: one block per rubric, for a terminal."""
    lines = [scope_words(doc)]
    for r in doc.rubrics:
        info = r.rubric
        lines.append("")
        lines.append(f"{info.title} ({doc.rubric_name(info)}): "
                     f"{counted(r.rows, doc.latest_only)}")
        if r.degrees is not None and info.degrees is not None:
            declared = ", ".join(f"{_degree_label(d, info)} {d.systems}" for d in r.degrees
                                 if d.systems)
            lines.append(f"  declared degrees: {declared}")
            names = ", ".join(row.system for row in r.beyond_support[:5])
            more = ", ..." if len(r.beyond_support) > 5 else ""
            lines.append(f"  beyond what their practices support: {len(r.beyond_support)}"
                         + (f" ({names}{more})" if names else ""))
        levels = [(lv.label, n) for i, lv in enumerate(info.levels)
                  if (n := sum(1 for row in r.rows if row.level == i))]
        if levels:
            lines.append("  maturity levels: " + ", ".join(f"{label} {n}" for label, n in levels))
        missing = [p for p in r.practices if p.missing][:3]
        if missing:
            lines.append("  most often missing: " + ", ".join(
                f"{info.questions[p.question].id} ({p.missing})" for p in missing))
        if r.furthest:
            lines.append(f"  not ready for their target: {len(r.furthest)}")
    if doc.invalid:
        lines.append("")
        lines.append(f"{plural(len(doc.invalid), 'questionnaire')} could not be assessed")
    return lines
