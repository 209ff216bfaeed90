"""HTML for people: one self-contained file (inline CSS and SVG, no script, no other host).

Works offline, attached to an email or a wiki page, and prints to clean PDF pages.
"""

from __future__ import annotations

from mlops_maturity.render.base import Format, RenderOptions
from mlops_maturity.report.model import Report


class HtmlRenderer:
    """Every text from a questionnaire or rubric is escaped by the template's autoescape."""

    format: Format = Format.HTML
    suffixes: tuple[str, ...] = (".html", ".htm")

    def render(self, report: Report, options: RenderOptions = RenderOptions()) -> str:
        from mlops_maturity.render import charts
        from mlops_maturity.render.context import context
        from mlops_maturity.render.templating import render_template
        return render_template("report.html.j2", **context(report), chart=charts.chart(report),
                               narrow_chart=charts.chart(report, narrow=True),
                               ladder=charts.ladder(report))


RENDERER = HtmlRenderer()
