"""PDF for people: the HTML report printed by headless Chromium.

Chromium is the engine the HTML report is designed and tested in, so the PDF is exactly what a
reviewer sees when printing the page (page one decides; the appendix follows). It is driven
through Playwright for Python, which the optional ``pdf`` extra installs; the browser itself
is the system's Chromium (Debian's ``chromium``), found on PATH or named by
``MLOPS_MATURITY_CHROMIUM``. Without either, the error says how to get them.
"""

from __future__ import annotations

import os
import shutil

from mlops_maturity.model.errors import OutputError, Problem
from mlops_maturity.render.base import Format, RenderOptions
from mlops_maturity.report.model import Report

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
HOW = "pip install 'mlops-maturity[pdf]' and a Chromium (apt-get install chromium)"
# The PDF's title ends with this, which is how the tool recognises its own PDFs.
MARK = " (mlops-maturity report)"


def browser_path() -> str | None:
    """The Chromium to print with, if there is one."""
    named = os.environ.get("MLOPS_MATURITY_CHROMIUM")
    if named:
        return named if os.path.exists(named) else None
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


class PdfRenderer:
    """The HTML report as a Letter-sized PDF (print styles decide the layout)."""

    format: Format = Format.PDF
    suffixes: tuple[str, ...] = (".pdf",)

    def render(self, report: Report, options: RenderOptions = RenderOptions()) -> bytes:
        from mlops_maturity.render.html import RENDERER as HTML
        try:
            from playwright.sync_api import Error, sync_playwright
        except ImportError:
            raise OutputError(Problem("PDF", "writing a PDF needs Playwright for Python",
                                      hint=HOW)) from None
        executable = browser_path()
        if executable is None:
            raise OutputError(Problem("PDF", "writing a PDF needs a Chromium on PATH", hint=HOW))
        html = HTML.render(report, options)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=executable, args=ARGS)
                page = browser.new_page()
                page.set_content(html, wait_until="load")
                page.evaluate("mark => { document.title = document.title + mark; }", MARK)
                data = page.pdf(format="Letter", print_background=True)
                browser.close()
        except Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "it failed"
            raise OutputError(Problem("PDF", f"Chromium could not print the report: {first}",
                                      hint=HOW)) from None
        return data


RENDERER = PdfRenderer()
