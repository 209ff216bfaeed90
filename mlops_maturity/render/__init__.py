"""Report formats: one module per format behind one small interface.

Renderer modules are imported only when their format is asked for, so ``score`` never pays
for Jinja2 and a new format is one module plus one enum member.
"""

from __future__ import annotations

import enum
import importlib
from pathlib import Path
from typing import Protocol

from mlops_maturity.report.build import Report


class Format(str, enum.Enum):
    """Report formats; each member names its renderer module."""

    HTML = "html"
    MARKDOWN = "markdown"
    JSON = "json"


SUFFIXES = {".html": Format.HTML, ".htm": Format.HTML, ".md": Format.MARKDOWN,
            ".markdown": Format.MARKDOWN, ".json": Format.JSON}


class Renderer(Protocol):
    """What every format module provides."""

    def render(self, report: Report) -> str:  # pragma: no cover - a Protocol
        ...


def renderer_for(fmt: Format) -> Renderer:
    """The renderer module of a format."""
    return importlib.import_module(f"mlops_maturity.render.{fmt.value}")  # type: ignore[return-value]


def format_for_path(path: str) -> Format | None:
    """Guess the format from a file name's suffix."""
    return SUFFIXES.get(Path(path).suffix.lower())
