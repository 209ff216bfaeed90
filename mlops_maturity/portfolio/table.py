"""The portfolio as CSV for spreadsheets: one line per system, RFC 4180 quoting.

The first columns are the same for every rubric, ending in the rubric's key (id, version and
a digest of its file) and its file, so that a pivot on the key never puts a team's edited copy
with the original; then each section of each rubric has a score column (and a level column
for a stage), empty for systems on another rubric, so one sheet can be filtered and sorted
without mixing rubrics up. A cell that a spreadsheet would
run as a formula (text from a questionnaire starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) is prefixed with ``'``, as OWASP advises against CSV injection.
"""

from __future__ import annotations

import csv
import io

from mlops_maturity.portfolio.document import Portfolio
from mlops_maturity.portfolio.rollup import group_of
from mlops_maturity.portfolio.row import BELOW, UNANSWERED, RubricInfo, SystemRow
from mlops_maturity.report.numbers import fmt_num, num

# The first columns, in this order; files/write.py recognises a portfolio CSV by them.
HEAD = ("rubric", "rubric_version", "group", "system", "team", "file", "assessed_on", "score",
        "level", "band", "declared_degree", "supported_degree", "support", "target",
        "target_ready", "target_blockers", "missing_practices", "rubric_key", "rubric_file")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """Text as a spreadsheet will show it, never as a formula it would run."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _support(row: SystemRow, info: RubricInfo) -> str:
    if info.degrees is None:
        return ""
    within = row.within_support
    return "not declared" if within is None else "within" if within else "beyond"


def _line(row: SystemRow, info: RubricInfo, group: str) -> list[str]:
    degrees = info.degrees or ()
    t = row.target
    return [cell(info.id), cell(info.version), cell(group), cell(row.system), cell(row.team),
            cell(row.file), cell(row.assessed_on), fmt_num(num(row.score), ""),
            "" if row.level is None else cell(info.levels[row.level].label),
            cell(row.band or ""),
            "" if row.declared is None else cell(degrees[row.declared].label),
            "" if row.supported is None else cell(degrees[row.supported].label),
            _support(row, info), "" if t is None else cell(t.id),
            "" if t is None else ("yes" if t.ready else "no"),
            "" if t is None else str(t.blockers),
            str(sum(1 for s in row.answers if s in (BELOW, UNANSWERED))),
            cell(info.key), cell(info.source)]


def render(doc: Portfolio) -> str:
    """The whole sheet, a header line first."""
    columns: list[tuple[str, int, str]] = []  # (rubric key, section position, score|level)
    header = list(HEAD)
    for r in doc.rubrics:
        name = doc.column_name(r.rubric)
        for i, s in enumerate(r.rubric.sections):
            header.append(cell(f"{name} {s.id} score"))
            columns.append((r.rubric.key, i, "score"))
            if s.stage:
                header.append(cell(f"{name} {s.id} level"))
                columns.append((r.rubric.key, i, "level"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for r in doc.rubrics:
        info = r.rubric
        for row in r.rows:
            line = _line(row, info, group_of(row, doc.group_by, info)[1])
            for key, i, what in columns:
                c = row.cells[i] if key == info.key else None
                if c is None:
                    line.append("")
                elif what == "score":
                    line.append(fmt_num(num(c.score), ""))
                else:
                    line.append("" if c.level is None else cell(info.levels[c.level].label))
            writer.writerow(line)
    return out.getvalue()
