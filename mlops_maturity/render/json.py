"""JSON for machines: the report model as stable, versioned JSON (``format_version``)."""

from __future__ import annotations

import json

from mlops_maturity.report.build import Report


def render(report: Report) -> str:
    """Serialise the report; key order follows the model so diffs stay small."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
