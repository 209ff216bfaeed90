"""What every format module shares: the ``Format`` enum, the options, the ``Renderer`` protocol.

Kept apart from the registry in ``render/__init__.py``, which imports the format modules, so
that the format modules can import these without an import cycle.
"""

from __future__ import annotations

from typing import Protocol

from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.report.model import Report
from mlops_maturity.model.record import record


class Format(TextEnum):
    """The output formats."""

    TEXT = "text"
    JSON = "json"
    HTML = "html"
    MARKDOWN = "markdown"
    BADGE = "badge"
    PDF = "pdf"
    SUMMARY = "summary"  # a short Markdown page: step summaries, pull-request comments
    GITHUB = "github"  # workflow commands: annotations on a pull request's files
    SARIF = "sarif"  # SARIF 2.1.0 for code scanning


@record
class RenderOptions:
    """What a caller may tune; each renderer reads only what concerns it."""

    width: int = 100  # text: the terminal's width in columns
    color: bool = False  # text: ANSI colours and bold
    with_score: bool = False  # badge: show the score beside the degree
    ascii_only: bool = False  # text: the terminal cannot show box-drawing characters
    steps: int | None = 8  # text: how many roadmap steps to show (None: all)
    show_unanswered: bool = False  # text: list the unanswered questions


class Renderer(Protocol):
    """What every format module provides, as its ``RENDERER``."""

    format: Format
    suffixes: tuple[str, ...]  # file name endings that select this format, first preferred

    def render(self, report: Report, options: RenderOptions = RenderOptions()) -> str | bytes:
        """The whole document (text, or bytes for binary formats such as PDF), deterministic
        for the same report and options."""
        ...  # pragma: no cover - a Protocol
