"""Geometry for the trend's pictures: line charts of scores and step lines of the degrees.

Pure functions of the trend that return coordinates and labels; the SVG markup is in
``templates/trend.html.j2``. Assessments are spaced evenly along the x axis in their order
(two on one day stay apart), each labelled with its date. Every chart has a title and a
description that says in words what it shows, every series is named in text beside its last
point (never by colour alone), and each point carries its value as a tooltip. Coordinates
are rounded to one decimal so the output is the same on every machine.
"""

from __future__ import annotations

from typing import Sequence

from mlops_maturity.history.trend import Trend
from mlops_maturity.report.numbers import fmt_num
from mlops_maturity.model.record import record

WIDTH, HEIGHT = 720.0, 300.0
LEFT, RIGHT, TOP, BOTTOM = 150.0, 110.0, 20.0, 60.0


@record
class Tick:
    """A label on an axis, at a position along it, with its grid line."""

    at: float
    label: str


@record
class Mark:
    """One point of a series and what it says."""

    x: float
    y: float
    tip: str


@record
class Series:
    name: str  # shown beside the last point
    css: str
    path: str  # an SVG path: lines, or steps
    marks: tuple[Mark, ...]
    end_x: float
    end_y: float


@record
class LineChart:
    id: str
    title: str
    description: str
    width: float
    height: float
    left: float
    right: float  # x of the plot's right edge
    top: float
    bottom: float  # y of the plot's bottom edge
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    series: tuple[Series, ...]


def _r(value: float) -> float:
    return round(value + 0.0, 1) + 0.0


def _xs(count: int) -> list[float]:
    span = WIDTH - LEFT - RIGHT
    if count == 1:
        return [_r(LEFT + span / 2)]
    return [_r(LEFT + span * i / (count - 1)) for i in range(count)]


def _y(value: float, top: float) -> float:
    """A value from 0 to ``top`` as a height on the plot (0 at the bottom)."""
    share = 0.0 if top <= 0 else min(max(value / top, 0.0), 1.0)
    return _r(HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * share)


def _x_ticks(t: Trend) -> tuple[Tick, ...]:
    return tuple(Tick(x, p.assessed_on) for x, p in zip(_xs(len(t.points)), t.points))


def _line(name: str, css: str, values: Sequence[float | None], top: float,
          tips: Sequence[str]) -> Series:
    """A polyline through the points that have a value; a gap where one has none."""
    xs = _xs(len(values))
    marks = tuple(Mark(x, _y(v, top), tip) for x, v, tip in zip(xs, values, tips)
                  if v is not None)
    parts, pen_down = [], False
    for x, v in zip(xs, values):
        if v is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{x:g},{_y(v, top):g}")
        pen_down = True
    last = marks[-1] if marks else Mark(xs[-1], _y(0, top), "")
    return Series(name, css, " ".join(parts), marks, last.x, last.y)


def _scale(top: float) -> tuple[Tick, ...]:
    return tuple(Tick(_y(top * i / 4, top), fmt_num(top * i / 4)) for i in range(5))


def score_chart(t: Trend) -> LineChart:
    """The overall score of each assessment."""
    top = next((p.max_score for p in reversed(t.points) if p.max_score), None) or 100.0
    values = [p.score for p in t.points]
    tips = [f"{p.assessed_on}: {fmt_num(p.score)} of {fmt_num(p.max_score)}" for p in t.points]
    said = "; ".join(tips)
    return LineChart("overall", "Overall score over time",
                     f"The overall lifecycle maturity score of each assessment, oldest first: "
                     f"{said}.", WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM,
                     _scale(top), _x_ticks(t), (_line("overall", "series", values, top, tips),))


def stage_charts(t: Trend) -> tuple[LineChart, ...]:
    """One line chart per stage: its score in each assessment (a gap where it was absent)."""
    top = next((p.max_score for p in reversed(t.points) if p.max_score), None) or 100.0
    charts = []
    for stage in t.stages:
        values = [p.sections.get(stage["id"]) for p in t.points]
        tips = [f"{p.assessed_on}: {fmt_num(v)}" for p, v in zip(t.points, values)]
        charts.append(LineChart(
            f"stage-{stage['id']}", f"{stage['title']}: score over time",
            f"The score of the stage {stage['title']} in each assessment, oldest first: "
            f"{'; '.join(tips)}.", WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM,
            _scale(top), _x_ticks(t),
            (_line("score", "series", values, top, tips),)))
    return tuple(charts)


def _steps(xs: Sequence[float], ys: Sequence[float | None]) -> str:
    """A step line: level until the next assessment, then straight up or down."""
    parts, last = [], None
    for x, y in zip(xs, ys):
        if y is None:
            last = None
            continue
        parts.append(f"M{x:g},{y:g}" if last is None else f"H{x:g} V{y:g}")
        last = y
    return " ".join(parts)


def degree_chart(t: Trend) -> LineChart | None:
    """Who decides as the team declared it, and the degree its practices supported, as two
    step lines on the rubric's degrees; None for a rubric without a decision axis."""
    if not t.degrees:
        return None
    ids = [d["id"] for d in t.degrees]
    top = float(max(len(ids) - 1, 1))
    xs = _xs(len(t.points))

    def level(degree: str | None) -> float | None:
        return _y(ids.index(degree), top) if degree in ids else None

    series = []
    for name, css, key, label in (("declared", "series declared", "declared", "declared_label"),
                                  ("supported", "series supported", "supported",
                                   "supported_label")):
        ys = [level(getattr(p, key)) for p in t.points]
        marks = tuple(Mark(x, y, f"{p.assessed_on}: {name} {getattr(p, label)}")
                      for x, y, p in zip(xs, ys, t.points) if y is not None)
        last = marks[-1] if marks else Mark(xs[-1], _y(0, top), "")
        series.append(Series(name, css, _steps(xs, ys), marks, last.x, last.y))
    said = "; ".join(f"{p.assessed_on}: declared {p.declared_label or 'not declared'}, "
                     f"supported {p.supported_label}" for p in t.points)
    return LineChart("degrees", "Who decides (declared) and what the practices support",
                     f"For each assessment, oldest first, the degree of automation the team "
                     f"declared and the highest its practices supported: {said}.", WIDTH,
                     HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM,
                     tuple(Tick(_y(i, top), d["label"]) for i, d in enumerate(t.degrees)),
                     _x_ticks(t), tuple(series))
