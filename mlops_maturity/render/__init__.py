"""Every output format behind one interface: the ``Format`` enum, the ``Renderer`` protocol and
one registry that maps each format to the module that renders it.

Modules are imported only when their format is asked for (``score`` never pays for Jinja2),
and a new format is one module, one enum member and one registry line; a test walks every
member of the enum.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from mlops_maturity.render.base import Format, Renderer, RenderOptions

__all__ = ["Format", "Renderer", "RenderOptions", "REGISTRY", "SUFFIXES", "renderer_for",
           "format_for_path", "format_named"]


def _text() -> Renderer:
    from mlops_maturity.render.text import RENDERER
    return RENDERER


def _json() -> Renderer:
    from mlops_maturity.render.json import RENDERER
    return RENDERER


def _html() -> Renderer:
    from mlops_maturity.render.html import RENDERER
    return RENDERER


def _markdown() -> Renderer:
    from mlops_maturity.render.markdown import RENDERER
    return RENDERER


def _badge() -> Renderer:
    from mlops_maturity.render.badge import RENDERER
    return RENDERER


def _pdf() -> Renderer:
    from mlops_maturity.render.pdf import RENDERER
    return RENDERER


def _summary() -> Renderer:
    from mlops_maturity.render.summary import RENDERER
    return RENDERER


def _github() -> Renderer:
    from mlops_maturity.render.github import RENDERER
    return RENDERER


def _sarif() -> Renderer:
    from mlops_maturity.render.sarif import RENDERER
    return RENDERER


REGISTRY: dict[Format, Callable[[], Renderer]] = {
    Format.TEXT: _text,
    Format.JSON: _json,
    Format.HTML: _html,
    Format.MARKDOWN: _markdown,
    Format.BADGE: _badge,
    Format.PDF: _pdf,
    Format.SUMMARY: _summary,
    Format.GITHUB: _github,  # stdout only: no suffix names it
    Format.SARIF: _sarif,
}

# File suffixes, kept here rather than read from the modules so that choosing a format from a
# file name imports nothing.
SUFFIXES: dict[str, Format] = {
    ".txt": Format.TEXT, ".json": Format.JSON, ".html": Format.HTML, ".htm": Format.HTML,
    ".md": Format.MARKDOWN, ".markdown": Format.MARKDOWN, ".svg": Format.BADGE,
    ".pdf": Format.PDF,
    ".summary.md": Format.SUMMARY,  # the longest suffix wins: see format_for_path
    ".sarif": Format.SARIF,
}

# Names accepted by ``--format``, besides each member's value.
ALIASES: dict[str, Format] = {"md": Format.MARKDOWN, "txt": Format.TEXT, "svg": Format.BADGE}


def renderer_for(fmt: Format) -> Renderer:
    """The renderer of a format."""
    return REGISTRY[fmt]()


def format_for_path(path: str) -> Format | None:
    """The format a file name asks for by its suffix, or None. The longest suffix wins, so
    ``pr.summary.md`` is a summary and ``report.md`` the full report."""
    name = Path(path).name.lower()
    found = [s for s in SUFFIXES if name.endswith(s) and len(name) > len(s)]
    return SUFFIXES[max(found, key=len)] if found else None


def format_named(name: str) -> Format | None:
    """The format a ``--format`` value names, or None."""
    word = name.strip().lower()
    return ALIASES.get(word) or next((f for f in Format if f.value == word), None)
