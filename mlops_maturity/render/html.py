"""HTML for people: one self-contained file (inline CSS and SVG, no script, no other host).

Works offline, attached to an email or a wiki page, and prints to clean PDF pages.
"""

from __future__ import annotations

from mlops_maturity.report.build import Report


def render(report: Report) -> str:
    """The report as one HTML document; every text from a questionnaire or rubric is escaped."""
    from mlops_maturity.render import charts as radar
    from mlops_maturity.render.context import context
    from mlops_maturity.render.templating import render_template
    return render_template("report.html.j2", **context(report), chart=radar.chart(report),
                           ladder=radar.ladder(report))
