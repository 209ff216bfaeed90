"""mlops-maturity: score how mature and how automated an ML system is, from a rubric kept as data.

The public API is ``assess`` (a questionnaire file in, the report document out) and
``render_report`` (a report in, text in one of the output formats out). Both are imported on first
use, so ``import mlops_maturity`` (and ``mlops-maturity --version``) stays cheap.
"""

from __future__ import annotations

from typing import Any

from mlops_maturity._version import __version__

__all__ = ["__version__", "assess", "render_report"]


def __getattr__(name: str) -> Any:
    if name in ("assess", "render_report"):
        from mlops_maturity import api
        return getattr(api, name)
    raise AttributeError(f"module 'mlops_maturity' has no attribute {name!r}")
