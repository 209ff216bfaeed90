"""The portfolio document: everything a portfolio page shows, built once for every format.

``build`` takes the rows of a run and the scope and returns one frozen ``Portfolio``; the
HTML, Markdown, CSV and JSON outputs all read it, so they never disagree. Numbers stay exact
here; the formats show them through the one numbers policy (``report/numbers.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from mlops_maturity._version import __version__
from mlops_maturity.portfolio.rollup import GroupBy, RubricRollup, rollup
from mlops_maturity.portfolio.row import Invalid, Skipped
from mlops_maturity.portfolio.run import Assessed
from mlops_maturity.portfolio.scope import Scoped, Superseded

FORMAT_VERSION = 1
TOOL = "mlops-maturity"


@dataclass(frozen=True)
class Portfolio:
    """Many systems' latest assessments, one set of views per rubric."""

    generated_at: str
    version: str
    latest_only: bool  # the latest assessment of each system (False: every file, --all)
    group_by: GroupBy
    files: int  # questionnaires read: assessed, invalid and superseded alike
    rubrics: tuple[RubricRollup, ...]  # in rubric key order
    invalid: tuple[Invalid, ...]
    skipped: tuple[Skipped, ...]
    superseded: tuple[Superseded, ...]
    ties: tuple[str, ...]

    @property
    def systems(self) -> int:
        return sum(len(r.rows) for r in self.rubrics)

    @property
    def generator(self) -> str:
        return f"{TOOL} {self.version}"

    @property
    def warnings(self) -> int:
        """What the CLI counts as warnings: invalid files and ties between latest dates."""
        return len(self.invalid) + len(self.ties)


def build(assessed: Assessed, scoped: Scoped, latest_only: bool, by: GroupBy,
          generated_at: str, skipped: tuple[Skipped, ...] = ()) -> Portfolio:
    """The document for the rows in scope, grouped per rubric, never across rubrics;
    ``skipped`` adds what was left alone before the run (links, devices)."""
    per_rubric = [rollup([r for r in scoped.rows if r.rubric == info.key], info, by)
                  for info in assessed.rubrics]
    left = tuple(sorted(skipped + assessed.skipped, key=lambda s: s.file))
    return Portfolio(generated_at, __version__, latest_only, by,
                     len(assessed.rows) + len(assessed.invalid),
                     tuple(r for r in per_rubric if r.rows), assessed.invalid, left,
                     scoped.superseded, scoped.ties)
