"""``--format github`` and ``--format sarif`` for commands whose input may not validate.

The problems of bad input are printed as ``error:`` lines on stderr in every format (by
``handled``); with a format that annotates files they also go to stdout, as workflow commands
or a SARIF log, so CI shows them on the files concerned.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Iterator

from mlops_maturity.cli.application import out
from mlops_maturity.model.errors import MaturityError

if TYPE_CHECKING:
    from mlops_maturity.render import Format


@contextlib.contextmanager
def problems_annotated(fmt: Format, file: str) -> Iterator[None]:
    """Print the problems of a failing block in ``fmt`` (if it annotates), then re-raise."""
    try:
        yield
    except MaturityError as exc:
        from mlops_maturity.render.problems import ANNOTATING, render_problems
        if fmt in ANNOTATING:
            out(render_problems([(exc, file)], fmt))
        raise


def gate_commands(failures: list[str], file: str) -> str:
    """Each threshold not met as a GitHub error annotation on the questionnaire."""
    from mlops_maturity.render.annotations import TOOL, Annotation, Level
    from mlops_maturity.render.github import command
    return "".join(command(Annotation("threshold", Level.ERROR, f"{TOOL}: threshold not met",
                                      line, file, None)) + "\n" for line in failures)
