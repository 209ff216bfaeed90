"""The portfolio document: everything a portfolio page shows, built once for every format.

``build`` takes the rows of a run and the scope and returns one frozen ``Portfolio``; the
HTML, Markdown, CSV and JSON outputs all read it, so they never disagree. Numbers stay exact
here; the formats show them through the one numbers policy (``report/numbers.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from mlops_maturity._version import __version__
from mlops_maturity.portfolio.rollup import GroupBy, RubricRollup, rollup
from mlops_maturity.portfolio.row import Invalid, RubricInfo, Skipped
from mlops_maturity.portfolio.run import Assessed
from mlops_maturity.portfolio.scope import Scoped, Superseded, system_key

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
    shared: tuple[str, ...] = ()  # different rubric files with the same id and version

    @property
    def assessments(self) -> int:
        """The rows shown; with ``--all`` a system can have more than one."""
        return sum(len(r.rows) for r in self.rubrics)

    @property
    def systems(self) -> int:
        """The distinct systems shown: a name on a rubric (a file without a name is one)."""
        return len({system_key(row) for r in self.rubrics for row in r.rows})

    @property
    def older(self) -> tuple[Superseded, ...]:
        return tuple(s for s in self.superseded if not s.tie)

    @property
    def tied(self) -> tuple[Superseded, ...]:
        return tuple(s for s in self.superseded if s.tie)

    @property
    def generator(self) -> str:
        return f"{TOOL} {self.version}"

    @property
    def warnings(self) -> int:
        """What the CLI counts as warnings: invalid files, ties between latest dates, and
        rubric files that share an id and a version."""
        return len(self.invalid) + len(self.ties) + len(self.shared)

    def twins(self, info: RubricInfo) -> tuple[RubricInfo, ...]:
        """The other rubrics shown here with the same id and version as ``info``."""
        return tuple(r.rubric for r in self.rubrics if r.rubric.key != info.key
                     and (r.rubric.id, r.rubric.version) == (info.id, info.version))

    def rubric_name(self, info: RubricInfo) -> str:
        """Id and version, and, when another rubric here has both, where each comes from
        (and its digest, if even that is the same), so no two headings read alike."""
        name = f"{info.id} {info.version}"
        twins = self.twins(info)
        if not twins:
            return name
        if info.bundled:
            name += ", bundled"
        elif info.path is not None:
            name += f" from {info.path}"
        if info.path is None or any(t.source == info.source for t in twins):
            name += f", digest {info.digest}"
        return name

    def column_name(self, info: RubricInfo) -> str:
        """The rubric as the CSV's section columns name it: its id, or more where another
        rubric here has the same id (its version), or the same version too (its key)."""
        same_id = [r.rubric for r in self.rubrics
                   if r.rubric.key != info.key and r.rubric.id == info.id]
        if not same_id:
            return info.id
        return f"{info.id} {info.version}" if not self.twins(info) else info.key


def build(assessed: Assessed, scoped: Scoped, latest_only: bool, by: GroupBy,
          generated_at: str, skipped: tuple[Skipped, ...] = ()) -> Portfolio:
    """The document for the rows in scope, grouped per rubric, never across rubrics;
    ``skipped`` adds what was left alone before the run (links, devices)."""
    per_rubric = [rollup([r for r in scoped.rows if r.rubric == info.key], info, by)
                  for info in assessed.rubrics]
    left = tuple(sorted(skipped + assessed.skipped, key=lambda s: s.file))
    shown = tuple(r for r in per_rubric if r.rows)
    return Portfolio(generated_at, __version__, latest_only, by,
                     len(assessed.rows) + len(assessed.invalid), shown, assessed.invalid,
                     left, scoped.superseded, scoped.ties,
                     shared_rubrics(tuple(r.rubric for r in shown)))


def shared_rubrics(rubrics: tuple[RubricInfo, ...]) -> tuple[str, ...]:
    """A warning for each id and version that two different rubric files carry (a team's
    edited copy that kept both): their systems are shown apart, each under its file."""
    same: dict[tuple[str, str], list[RubricInfo]] = {}
    for info in rubrics:
        same.setdefault((info.id, info.version), []).append(info)
    return tuple(
        f"{len(infos)} different rubric files share id '{rubric_id}' and version {version}: "
        + ", ".join(f"{'the bundled file' if i.bundled else i.source} (digest {i.digest})"
                    for i in infos)
        + "; their systems are shown apart, under each file"
        for (rubric_id, version), infos in sorted(same.items()) if len(infos) > 1)
