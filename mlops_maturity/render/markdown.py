"""Markdown for GitHub and GitLab wikis (GFM): tables, a checklist of gaps, no HTML of its own
beyond a leading comment and ``<br>`` inside table cells, both of which GitHub renders safely.
"""

from __future__ import annotations

from mlops_maturity.render.base import Format, RenderOptions
from mlops_maturity.report.model import Report


class MarkdownRenderer:
    """Every text from a questionnaire or rubric is Markdown-escaped by the environment."""

    format: Format = Format.MARKDOWN
    suffixes: tuple[str, ...] = (".md", ".markdown")

    def render(self, report: Report, options: RenderOptions = RenderOptions()) -> str:
        from mlops_maturity.render import charts
        from mlops_maturity.render.context import context
        from mlops_maturity.render.templating import render_template
        return render_template("report.md.j2", **context(report), ladder=charts.ladder(report),
                               chart_mode=charts.chart_sections(report)[0])


RENDERER = MarkdownRenderer()
