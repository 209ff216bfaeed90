"""A rubric as JSON or plain text, for ``rubrics show``: what a team needs to answer it."""

from __future__ import annotations

import textwrap
from typing import Any

from mlops_maturity.model.answers import NA
from mlops_maturity.model.rubric import Rubric
from mlops_maturity.report.numbers import num


def rubric_json(r: Rubric) -> dict[str, Any]:
    """Every question with its section, type, text, weight and answers (worst to best)."""
    return {
        "id": r.id, "title": r.title, "version": r.version, "description": r.description,
        "sources": [s.__dict__ for s in r.sources],
        "scoring": {"section": r.scoring.section.value, "overall": r.scoring.overall.value,
                    "max_score": num(r.scoring.max_score), "band": r.scoring.band.value},
        "scale": [{"id": lv.id, "label": lv.label, "description": lv.description, "from": num(lv.start)}
                  for lv in r.scale],
        "sections": [{"id": s.id, "title": s.title, "kind": s.kind.value, "weight": num(s.weight, 2),
                      "questions": [q.id for q in s.questions]} for s in r.sections],
        "questions": [{"id": q.id, "section": q.section, "type": q.type.value, "text": q.text,
                       "weight": num(q.weight, 2), "answers": list(q.answer_ids), "allow_na": q.allow_na,
                       "options": [{"id": o.id, "label": o.label, "points": num(o.points, 2)} for o in q.options],
                       "why": q.why, "advice": q.advice} for q in r.questions],
        "gates": [{"id": g.id, "degree": g.degree, "sections": list(g.sections),
                   "requires": {req.question: req.at_least for req in g.requires}, "why": g.why}
                  for g in r.gates],
        "bands": [{"id": b.id, "label": b.label, "lower": num(b.lower), "lower_inclusive": b.lower_inclusive,
                   "upper": num(b.upper), "upper_inclusive": b.upper_inclusive} for b in r.bands],
    }


def rubric_text(r: Rubric) -> str:
    """A readable outline of the rubric."""
    out = [f"{r.title} ({r.id} version {r.version}), {len(r.questions)} questions"]
    if r.scale:
        out.append("Scale: " + " < ".join(lv.id for lv in r.scale))
    for s in r.sections:
        out += ["", f"== {s.title} [{s.id}, {s.kind.value}] =="]
        for q in s.questions:
            answers = ", ".join(q.answer_ids) + (f", {NA}" if q.allow_na else "")
            out.append(f"- {q.id} (weight {num(q.weight, 2):g}): answers {answers}")
            out += textwrap.wrap(q.text, 92, initial_indent="    ", subsequent_indent="    ")
    for g in r.gates:
        reqs = ", ".join(f"{req.question} >= {req.at_least}" for req in g.requires)
        out.append(f"\nGate {g.id}: {g.degree} needs {reqs}")
    return "\n".join(out)
