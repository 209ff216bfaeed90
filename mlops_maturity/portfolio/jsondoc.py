"""The portfolio as JSON for machines: versioned (``format_version``), with a JSON Schema in
``mlops_maturity/schemas/portfolio.schema.json``.

Ids are the rubric's own (levels, degrees, sections, questions), so a consumer can join them
with ``rubrics show --format json``; numbers are the display numbers of the reports (one
decimal, never rounded up over a threshold). A degree appears only where a team declared it
or a rubric defines it; the supported degree is what the practices support, named as such.
"""

from __future__ import annotations

import json
from typing import Any

from mlops_maturity.portfolio.document import FORMAT_VERSION, TOOL, Portfolio
from mlops_maturity.portfolio.rollup import GroupRollup, PracticeCount, RubricRollup
from mlops_maturity.portfolio.row import BELOW, UNANSWERED, RubricInfo, SystemRow
from mlops_maturity.report.numbers import num


def render(doc: Portfolio) -> str:
    """The whole document, keys in a fixed order, ending in a newline."""
    return json.dumps(to_dict(doc), indent=2, ensure_ascii=False) + "\n"


def to_dict(doc: Portfolio) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": TOOL, "version": doc.version},
        "kind": "portfolio",
        "generated_at": doc.generated_at,
        "scope": "latest" if doc.latest_only else "all",
        "group_by": doc.group_by.value,
        "counts": {"files": doc.files, "systems": doc.systems,
                   "assessments": doc.assessments, "invalid": len(doc.invalid),
                   "superseded": len(doc.superseded), "skipped": len(doc.skipped)},
        "rubrics": [_rubric(r) for r in doc.rubrics],
        "invalid": [{"file": i.file, "problems": list(i.problems)} for i in doc.invalid],
        "superseded": [{"file": s.file, "by": s.by, "tie": s.tie} for s in doc.superseded],
        "skipped": [{"file": s.file, "reason": s.reason} for s in doc.skipped],
        "warnings": list(doc.ties + doc.shared),
    }


def _rubric(r: RubricRollup) -> dict[str, Any]:
    info = r.rubric
    return {
        "id": info.id, "title": info.title, "version": info.version, "key": info.key,
        "file": None if info.bundled else info.path,
        "max_score": num(info.max_score),
        "levels": [{"id": lv.id, "label": lv.label} for lv in info.levels],
        "degrees": (None if info.degrees is None
                    else [{"id": d.id, "label": d.label} for d in info.degrees]),
        "sections": [{"id": s.id, "title": s.title, "kind": "stage" if s.stage else "checklist",
                      "max_score": num(s.max_score)} for s in info.sections],
        "systems": [_system(row, info) for row in r.rows],
        "declared_degrees": (None if r.degrees is None else [
            {"degree": None if d.degree is None or info.degrees is None
             else info.degrees[d.degree].id, "systems": d.systems,
             "beyond_support": d.beyond_support} for d in r.degrees]),
        "beyond_support": [row.file for row in r.beyond_support],
        "furthest_from_target": [row.file for row in r.furthest],
        "practices": [_practice(p, info) for p in r.practices],
        "groups": [_group(g, info) for g in r.groups],
    }


def _system(row: SystemRow, info: RubricInfo) -> dict[str, Any]:
    target = row.target
    return {
        "file": row.file, "folder": row.folder, "name": row.name, "team": row.team,
        "assessed_on": row.assessed_on, "score": num(row.score),
        "level": None if row.level is None else info.levels[row.level].id,
        "band": row.band,
        "sections": [{"id": s.id, "score": num(c.score),
                      "level": None if c.level is None else info.levels[c.level].id}
                     for s, c in zip(info.sections, row.cells)],
        "automation": None if info.degrees is None else {
            "declared": None if row.declared is None else info.degrees[row.declared].id,
            "supported": None if row.supported is None else info.degrees[row.supported].id,
            "within_support": row.within_support},
        "target": None if target is None else {
            "id": target.id, "kind": target.kind.value, "origin": target.origin.value,
            "ready": target.ready, "blockers": target.blockers, "gap": target.gap},
        "missing": [q.id for q, s in zip(info.questions, row.answers)
                    if s in (BELOW, UNANSWERED)],
        "blocking": [info.questions[i].id for i in row.blocking],
        "warnings": list(row.warnings),
    }


def _practice(p: PracticeCount, info: RubricInfo) -> dict[str, Any]:
    q = info.questions[p.question]
    return {"question": q.id, "section": q.section, "best": p.best, "below_best": p.below,
            "unanswered": p.unanswered, "not_applicable": p.not_applicable,
            "missing": p.missing, "blocking": p.blocking}


def _group(g: GroupRollup, info: RubricInfo) -> dict[str, Any]:
    return {"group": g.group, "systems": g.systems, "mean_score": num(g.mean_score),
            "lowest_score": num(g.lowest_score),
            "levels": {lv.id: n for lv, n in zip(info.levels, g.levels)},
            "beyond_support": g.beyond_support, "not_declared": g.not_declared,
            "targets": g.targets, "targets_ready": g.targets_ready}
