"""Markdown for GitHub and GitLab wikis (GFM): tables, a checklist of gaps, no HTML of its own
beyond a leading comment and ``<br>`` inside table cells, both of which GitHub renders safely.
"""

from __future__ import annotations

from mlops_maturity.report.build import Report


def render(report: Report) -> str:
    """The report as GFM; every text from a questionnaire or rubric is Markdown-escaped."""
    from mlops_maturity.render import charts as radar
    from mlops_maturity.render.context import context
    from mlops_maturity.render.templating import render_template
    return render_template("report.md.j2", **context(report), ladder=radar.ladder(report),
                           chart_mode=radar.chart_sections(report)[0])
