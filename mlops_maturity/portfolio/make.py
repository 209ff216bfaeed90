"""The portfolio in two calls: find the files, then assess them and build the document.

Kept in two steps so that the CLI can check its output paths between them, before a long
run starts, and never writes over a file the run is about to read.
"""

from __future__ import annotations

from typing import Sequence

from mlops_maturity.model.errors import Problem, UsageError, did_you_mean
from mlops_maturity.portfolio.collect import Collected, collect
from mlops_maturity.portfolio.document import Portfolio, build
from mlops_maturity.portfolio.rollup import GroupBy
from mlops_maturity.portfolio.run import Tracker, assess_all, default_jobs
from mlops_maturity.portfolio.scope import everything, latest


def group_by_named(name: str) -> GroupBy:
    """The ``--group-by`` value as a ``GroupBy``, or a usage error with a suggestion."""
    word = name.strip().lower()
    found = next((g for g in GroupBy if g.value == word), None)
    if found is None:
        names = [g.value for g in GroupBy]
        raise UsageError(Problem("--group-by", f"'{name}' is not something to group by",
                                 hint=did_you_mean(word, names) or f"use {', '.join(names)}"))
    return found


def gather(arguments: Sequence[str]) -> Collected:
    """The files to assess; finding none at all is a usage error."""
    collected = collect(arguments)
    if not collected.sources:
        where = ", ".join(arguments)
        raise UsageError(Problem(where, "holds no YAML files to assess (*.yaml, *.yml)",
                                 hint="name a folder of questionnaires, or the files"))
    return collected


def assemble(collected: Collected, *, generated_at: str, jobs: int | None = None,
             latest_only: bool = True, by: GroupBy = GroupBy.TEAM,
             tracker: Tracker | None = None) -> Portfolio:
    """Assess every file (on ``jobs`` processes, by default every core) and build the
    document; invalid files are listed in it and never stop the others."""
    assessed = assess_all(collected.sources, jobs or default_jobs(), tracker)
    if not assessed.rows and not assessed.invalid:
        raise UsageError(Problem(", ".join(collected.arguments) or "portfolio",
                                 "holds no questionnaires (files with a top-level 'rubric:' "
                                 "or 'answers:' key)", hint="see `mlops-maturity init`"))
    scoped = latest(assessed.rows) if latest_only else everything(assessed.rows)
    return build(assessed, scoped, latest_only, by, generated_at, collected.skipped)
