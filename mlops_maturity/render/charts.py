"""Geometry for the report's pictures: the automation ladder and the chart of stages.

Pure functions of the report model that return coordinates and labels; the SVG and HTML
markup lives in the templates. With maturity levels, the chart places each stage section on
the levels; without them (or without stage sections), it shows each section's
score as a percent of its maximum. Three or more sections make a radar, fewer make bars.
Coordinates are rounded to one decimal so the output is byte-identical on every machine.
"""

from __future__ import annotations

import math
import textwrap
from typing import Sequence

from mlops_maturity.model.rubric import SectionKind
from mlops_maturity.report.model import Report, SectionView
from mlops_maturity.model.record import record

WIDTH, HEIGHT = 640, 470
CX, CY, RADIUS = 320.0, 240.0, 150.0
LABEL_GAP, LINE = 16.0, 14.0
BAR_LABEL_W, BAR_W, BAR_ROW, BAR_TOP = 170.0, 400.0, 46.0, 52.0


@record
class BarLayout:
    """Where bars go: the label column, the bar length, the picture's width, label wrapping."""

    label_w: float
    bar_w: float
    width: float
    wrap: int


WIDE = BarLayout(BAR_LABEL_W, BAR_W, WIDTH, 22)
NARROW = BarLayout(118.0, 214.0, 360.0, 15)  # about 1:1 on a 390-px phone
PERCENT_RINGS = (20, 40, 60, 80, 100)


@record
class Label:
    """Lines of text at a point; ``x``/``y`` is the first line's baseline."""

    x: float
    y: float
    anchor: str
    lines: tuple[str, ...]


@record
class Spoke:
    """One section on the chart: its axis, its point and its labels."""

    title: str
    value_label: str
    fraction: float | None
    x: float
    y: float
    end_x: float
    end_y: float
    label: Label


@record
class Ring:
    """One level (numbered from 1) or percent step of the chart's scale."""

    label: str
    fraction: float
    points: str
    at: Label


@record
class Chart:
    kind: str  # "radar" or "bars"
    mode: str  # "level" or "percent"
    title: str
    description: str
    width: float
    height: float
    cx: float  # radar: centre; bars: left end of the bars
    cy: float  # radar: centre; bars: top of the first bar
    span: float  # radar: radius; bars: full length of a bar
    rings: tuple[Ring, ...]
    spokes: tuple[Spoke, ...]
    shape: str
    target: str | None
    target_label: str | None


@record
class Rung:
    """One step of a ladder: the degrees of automation, or the maturity levels."""

    number: int
    label: str
    description: str
    example: str
    height: int  # percent of the ladder's height
    current: bool  # the declared degree, or the level reached
    supported: bool | None  # degrees: within what the practices support; levels: None
    reached: bool  # at or below the current rung
    target: bool


def _r(value: float) -> float:
    return round(value + 0.0, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def _pt(x: float, y: float) -> str:
    return f"{_r(x):g},{_r(y):g}"


def _wrap(text: str, width: int = 16) -> tuple[str, ...]:
    """Lines of at most ``width`` characters, broken between words only (a word longer than
    the line keeps its own line rather than being cut)."""
    return tuple(textwrap.wrap(text, width, break_long_words=False,
                               break_on_hyphens=False)) or ("",)


def _height(i: int, count: int) -> int:
    return round(35 + 65 * i / max(count - 1, 1))


def ladder(report: Report) -> tuple[Rung, ...]:
    """Who decides, as a ladder of degrees marking the declared one, how far the practices
    support, and the target; without a decision axis, the maturity levels."""
    a = report.automation
    if a is not None:
        ids = [d.id for d in a.degrees]
        declared = ids.index(a.declared) if a.declared in ids else -1
        return tuple(Rung(i + 1, d.label, d.description, d.example, _height(i, len(ids)),
                          i == declared, d.supported, i <= declared, d.id == a.target)
                     for i, d in enumerate(a.degrees))
    ids = [lv.id for lv in report.levels]
    current = ids.index(report.overall.level) if report.overall.level in ids else -1
    target = report.readiness.target if report.readiness else None
    return tuple(Rung(i + 1, lv.label, lv.description, "", _height(i, len(ids)), i == current,
                      None, i <= current, lv.id == target)
                 for i, lv in enumerate(report.levels))


def chart_sections(report: Report) -> tuple[str, tuple[SectionView, ...]]:
    """What the chart shows: stage sections on levels, or every scored section on percent."""
    stages = tuple(s for s in report.sections if s.kind is SectionKind.STAGE)
    if report.levels and stages:
        return "level", stages
    return "percent", tuple(s for s in report.sections if s.percent is not None) or report.sections


def _value(report: Report, mode: str, section: SectionView) -> tuple[float | None, str]:
    if mode == "percent":
        if section.percent is None:
            return None, "not scored"
        return min(max(section.percent, 0.0), 100.0) / 100, f"{section.percent:g}%"
    ids = [lv.id for lv in report.levels]
    if section.level not in ids:
        return None, "not scored"
    return (ids.index(section.level) + 1) / len(ids), section.level_label or section.level


def _ring_steps(report: Report, mode: str) -> list[tuple[str, float]]:
    if mode == "percent":
        return [(f"{p}%", p / 100) for p in PERCENT_RINGS]
    count = len(report.levels)
    return [(str(i + 1), (i + 1) / count) for i in range(count)]


def _target_fraction(report: Report, mode: str) -> tuple[float | None, str | None]:
    if mode != "level" or report.readiness is None:
        return None, None
    ids = [lv.id for lv in report.levels]
    return (ids.index(report.readiness.target) + 1) / len(ids), report.readiness.target_label


def chart(report: Report, narrow: bool = False) -> Chart:
    """The chart of the report: a radar for three or more sections, bars for fewer; ``narrow``
    gives bars drawn for a phone's width, so that their labels stay readable there."""
    mode, sections = chart_sections(report)
    values = [_value(report, mode, s) for s in sections]
    rings = _ring_steps(report, mode)
    target, target_label = _target_fraction(report, mode)
    if mode == "level":
        title = "Maturity level by stage"
        description = "; ".join(f"{s.title}: {label}" for s, (_, label) in zip(sections, values))
    else:
        title = "Score by section, as a percent of its maximum"
        description = "; ".join(f"{s.title}: {label}" for s, (_, label) in zip(sections, values))
    if narrow:
        return _bars(mode, title, description + ".", sections, values, rings, target,
                     target_label, NARROW)
    build = _radar if len(sections) >= 3 else _bars
    return build(mode, title, description + ".", sections, values, rings, target, target_label)


def _angle(i: int, n: int) -> float:
    return -math.pi / 2 + 2 * math.pi * i / n


def _polygon(fractions: Sequence[float], n: int) -> str:
    return " ".join(_pt(CX + RADIUS * f * math.cos(_angle(i, n)), CY + RADIUS * f * math.sin(_angle(i, n)))
                    for i, f in enumerate(fractions))


def _spoke_label(title: str, value: str, angle: float) -> Label:
    lines = _wrap(title) + (value,)
    cos, sin = math.cos(angle), math.sin(angle)
    x, y = CX + (RADIUS + LABEL_GAP) * cos, CY + (RADIUS + LABEL_GAP) * sin
    anchor = "start" if cos > 0.3 else ("end" if cos < -0.3 else "middle")
    if sin < -0.5:
        first = y - (len(lines) - 1) * LINE
    elif sin > 0.5:
        first = y + 10
    else:
        first = y - (len(lines) - 1) * LINE / 2 + 4
    return Label(_r(x), _r(first), anchor, lines)


Values = Sequence[tuple[float | None, str]]


def _radar(mode: str, title: str, description: str, sections: Sequence[SectionView],
           values: Values, rings: list[tuple[str, float]], target: float | None,
           target_label: str | None) -> Chart:
    n = len(sections)
    spokes = []
    for i, (section, (fraction, label)) in enumerate(zip(sections, values)):
        a = _angle(i, n)
        f = fraction or 0.0
        spokes.append(Spoke(section.title, label, fraction, _r(CX + RADIUS * f * math.cos(a)),
                            _r(CY + RADIUS * f * math.sin(a)), _r(CX + RADIUS * math.cos(a)),
                            _r(CY + RADIUS * math.sin(a)), _spoke_label(section.title, label, a)))
    ring_views = tuple(Ring(label, f, _polygon([f] * n, n), Label(_r(CX + 8), _r(CY - RADIUS * f - 3), "start",
                                                                  (label,)))
                       for label, f in rings)
    return Chart("radar", mode, title, description, WIDTH, HEIGHT, CX, CY, RADIUS, ring_views, tuple(spokes),
                 _polygon([v[0] or 0.0 for v in values], n),
                 _polygon([target] * n, n) if target else None, target_label)


def _bars(mode: str, title: str, description: str, sections: Sequence[SectionView],
          values: Values, rings: list[tuple[str, float]], target: float | None,
          target_label: str | None, layout: BarLayout = WIDE) -> Chart:
    x0, span = layout.label_w, layout.bar_w
    height = BAR_TOP + BAR_ROW * len(sections) + 40
    ring_views = tuple(Ring(label, f, f"{_r(x0 + span * f):g}",
                            Label(_r(x0 + span * f),
                                  BAR_TOP - 10 - LINE * (len(_wrap(label, 12)) - 1), "middle",
                                  _wrap(label, 12)))
                       for label, f in rings)
    spokes = tuple(Spoke(s.title, label, fraction, _r(x0 + span * (fraction or 0.0)),
                         BAR_TOP + BAR_ROW * i + 8, _r(x0 + span), BAR_TOP + BAR_ROW * i + 8,
                         Label(x0 - 10, BAR_TOP + BAR_ROW * i + 24, "end",
                               _wrap(s.title, layout.wrap)[:2]))
                   for i, (s, (fraction, label)) in enumerate(zip(sections, values)))
    target_x = f"{_r(x0 + span * target):g}" if target else None
    return Chart("bars", mode, title, description, layout.width, height, x0, BAR_TOP, span,
                 ring_views, spokes, "", target_x, target_label)
