"""Problems of input that does not validate, in the formats that annotate files.

``validate`` (and ``score``, when its input is bad) print their problems as ``error:`` lines
on stderr in every format; with ``--format github`` or ``sarif`` the same problems also go to
stdout as workflow commands or a SARIF log, placed at their files and lines.
"""

from __future__ import annotations

from typing import Sequence

from mlops_maturity.model.errors import MaturityError
from mlops_maturity.render.annotations import from_problems
from mlops_maturity.render.base import Format

ANNOTATING = (Format.GITHUB, Format.SARIF)


def render_problems(failures: Sequence[tuple[MaturityError, str | None]], fmt: Format) -> str:
    """Every problem of ``failures`` (each error with the file it was raised for)."""
    found = from_problems(failures)
    if fmt is Format.GITHUB:
        from mlops_maturity.render.github import commands
        return commands(found)
    if fmt is Format.SARIF:
        from mlops_maturity.render.sarif import sarif_log
        return sarif_log(found)
    raise ValueError(f"{fmt.value} does not annotate files")
