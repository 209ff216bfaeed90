"""A trend in text (a terminal), Markdown, JSON, CSV and self-contained HTML with charts.

HTML has the pictures (inline SVG, ``history/charts.py``) above the same tables the other
formats have; Markdown and text have the tables alone. CSV is one row per assessment, for a
spreadsheet: a cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``,
``-``, ``@`` or a control character) is prefixed with ``'``, so text from a questionnaire
stays text there.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from mlops_maturity.history.formats import HistoryFormat, text_footer
from mlops_maturity.history.trend import Point, Step, Trend
from mlops_maturity.history.wording import signed
from mlops_maturity.report.numbers import fmt_num
from mlops_maturity.report.wording import plural

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def render(t: Trend, fmt: HistoryFormat) -> str:
    if fmt is HistoryFormat.JSON:
        return json.dumps(t.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt is HistoryFormat.CSV:
        return to_csv(t)
    if fmt is HistoryFormat.TEXT:
        return text(t)
    from mlops_maturity.render.templating import render_template
    name = "trend.html.j2" if fmt is HistoryFormat.HTML else "trend.md.j2"
    return render_template(name, **_context(t, fmt is HistoryFormat.HTML))


def _context(t: Trend, pictures: bool) -> dict[str, Any]:
    context: dict[str, Any] = {
        "t": t, "generator": f"{t.tool['name']} {t.tool['version']}",
        "title": t.project or "Unnamed project", "rows": [row(p) for p in t.points],
        "changes": [change(s) for s in t.steps],
    }
    if pictures:
        from mlops_maturity.history import charts
        context.update(score_chart=charts.score_chart(t), stage_charts=charts.stage_charts(t),
                       degree_chart=charts.degree_chart(t))
    return context


def row(p: Point) -> dict[str, str]:
    """One assessment as the tables show it."""
    return {
        "date": p.assessed_on, "source": p.source,
        "score": f"{fmt_num(p.score)} of {fmt_num(p.max_score)}" if p.score is not None
        else "not scored",
        "level": p.level_label or "—", "band": p.band_label or "—",
        "declared": p.declared_label or ("not declared" if p.supported else "—"),
        "supported": p.supported_label or "—",
        "support": ("—" if p.within_support is None
                    else "within support" if p.within_support else "beyond support"),
    }


def _moved(old: str | None, new: str | None) -> str:
    return "unchanged" if old == new else f"{old or 'none'} → {new or 'none'}"


def change(s: Step) -> dict[str, str]:
    """What changed on the way to one assessment, as the tables show it."""
    rubric = ("" if s.rubric_version_old == s.rubric_version_new
              else f"rubric version {s.rubric_version_old} → {s.rubric_version_new}")
    return {
        "source": s.source, "score": signed(s.score_delta) if s.score_delta is not None
        else "—", "level": _moved(s.level_old, s.level_new),
        "declared": _moved(s.declared_old, s.declared_new),
        "supported": _moved(s.supported_old, s.supported_new),
        "answers": f"{s.improved} improved, {s.regressed} regressed",
        "blockers": f"{s.blockers_cleared} cleared, {s.blockers_introduced} introduced",
        "regressions": str(s.regressions), "rubric": rubric,
    }


def text(t: Trend) -> str:
    """Plain lines for a terminal: the assessments, then the changes, then what was skipped."""
    lines = [f"Trend: {t.project or 'Unnamed project'} · rubric {t.rubric['id']} "
             f"version {t.rubric['version']} · {plural(len(t.points), 'assessment')}"]
    lines += [f"Warning: {warning}" for warning in t.warnings] + [""]
    for r in map(row, t.points):
        who = f" · declared {r['declared']}, supported {r['supported']} ({r['support']})" \
            if t.degrees else ""
        level = f", level {r['level']}" if t.levels else f", band {r['band']}"
        lines.append(f"{r['date']}  {r['source']}: {r['score']}{level}{who}")
    if t.steps:
        lines += ["", "Changes:"]
    for c in map(change, t.steps):
        parts = [f"score {c['score']}"] + ([f"level {c['level']}"] if t.levels else [])
        if t.degrees:
            parts += [f"declared {c['declared']}", f"supported {c['supported']}"]
        parts += [c["answers"], f"blockers {c['blockers']}", f"regressions {c['regressions']}"]
        parts += [c["rubric"]] if c["rubric"] else []
        lines.append(f"  → {c['source']}: " + "; ".join(parts))
    if t.skipped:
        lines += ["", "Skipped:"] + [f"  - {s.source}: {len(s.reasons)} problem"
                                     f"{'s' * (len(s.reasons) != 1)}" for s in t.skipped]
    generator = f"{t.tool['name']} {t.tool['version']}"
    return "\n".join(lines + ["", text_footer(generator)]) + "\n"


def _cell(value: Any) -> str:
    text = "" if value is None else fmt_num(value) if isinstance(value, float) else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def to_csv(t: Trend) -> str:
    """One row per assessment, oldest first; one column per stage score."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    stages = [s["id"] for s in t.stages]
    out.writerow(["assessed_on", "source", "commit", "committed_at", "rubric_version",
                  "score", "max_score", "level", "band", "declared", "supported",
                  "within_support", *stages])
    for p in t.points:
        support = "" if p.within_support is None else str(p.within_support).lower()
        out.writerow([_cell(v) for v in (
            p.assessed_on, p.source, p.commit, p.committed_at, p.rubric_version, p.score,
            p.max_score, p.level, p.band_label, p.declared, p.supported, support,
            *(p.sections.get(s) for s in stages))])
    return buffer.getvalue()
