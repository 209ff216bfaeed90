"""JSON for machines: the report model as stable, versioned JSON (``format_version``)."""

from __future__ import annotations

import json

from mlops_maturity.render.base import Format, RenderOptions
from mlops_maturity.report.model import Report


class JsonRenderer:
    """Key order follows the model, so diffs of committed reports stay small."""

    format: Format = Format.JSON
    suffixes: tuple[str, ...] = (".json",)

    def render(self, report: Report, options: RenderOptions = RenderOptions()) -> str:
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


RENDERER = JsonRenderer()
