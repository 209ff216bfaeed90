"""A rubric as JSON or plain text, for ``rubrics show``: what a team needs to answer it.

Both views hold the whole rubric: the decision axis (degrees and what each requires), the
maturity levels with their thresholds, the bands, the gates, and every question with the
points of each answer.
"""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from typing import Any

from mlops_maturity.model.answers import NA
from mlops_maturity.model.rubric import Band, Requirement, Rubric, SectionMinimum
from mlops_maturity.report.numbers import fmt_num, num

WIDTH = 92


def _requires(reqs: tuple[Requirement, ...]) -> dict[str, str]:
    return {req.question: req.at_least for req in reqs}


def _minimums(minimums: tuple[SectionMinimum, ...]) -> dict[str, float | None]:
    return {m.section: num(m.at_least) for m in minimums}


def rubric_json(r: Rubric) -> dict[str, Any]:
    """The rubric as plain data: every key the format has, numbers as display numbers."""
    a = r.automation
    return {
        "id": r.id, "title": r.title, "version": r.version, "description": r.description,
        "sources": [asdict(s) for s in r.sources],
        "scoring": {"section": r.scoring.section.value, "overall": r.scoring.overall.value,
                    "max_score": num(r.scoring.max_score), "band": r.scoring.band.value},
        "automation": None if a is None else {
            "question": a.question,
            "degrees": [{"id": d.id, "label": d.label, "description": d.description,
                         "example": d.example, "requires": _requires(d.requires),
                         "sections": _minimums(d.minimums), "why": d.why}
                        for d in a.degrees]},
        "levels": [{"id": lv.id, "label": lv.label, "description": lv.description,
                    "from": num(lv.start)} for lv in r.levels],
        "sections": [{"id": s.id, "title": s.title, "kind": s.kind.value,
                      "weight": num(s.weight, 2), "questions": [q.id for q in s.questions]}
                     for s in r.sections],
        "questions": [{"id": q.id, "section": q.section, "type": q.type.value, "text": q.text,
                       "weight": num(q.weight, 2), "answers": list(q.answer_ids),
                       "allow_na": q.allow_na,
                       "options": [{"id": o.id, "label": o.label, "points": num(o.points, 2)}
                                   for o in q.options],
                       "why": q.why, "advice": q.advice} for q in r.questions],
        "gates": [{"id": g.id, "level": g.level, "sections": list(g.sections),
                   "requires": _requires(g.requires), "why": g.why} for g in r.gates],
        "bands": [{"id": b.id, "label": b.label, "lower": num(b.lower),
                   "lower_inclusive": b.lower_inclusive, "upper": num(b.upper),
                   "upper_inclusive": b.upper_inclusive} for b in r.bands],
    }


def _wrap(text: str, indent: str = "    ") -> list[str]:
    return textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent=indent,
                         subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


def _band_range(b: Band) -> str:
    low = ("from " if b.lower_inclusive else "above ") + fmt_num(float(b.lower))
    if b.upper is None:
        return low
    return f"{low} {'to' if b.upper_inclusive else 'below'} {fmt_num(float(b.upper))}"


def _automation_text(r: Rubric) -> list[str]:
    a = r.automation
    if a is None:
        return []
    out = ["", f"== Who decides: degrees of automation (declared in {a.question}) =="]
    for i, d in enumerate(a.degrees, 1):
        out.append(f"{i}. {d.id} ({d.label})")
        out += _wrap(d.description)
        needs = [f"{q} >= {v}" for q, v in _requires(d.requires).items()]
        needs += [f"section {m.section} >= {fmt_num(float(m.at_least))}%" for m in d.minimums]
        out += _wrap("needs: " + (", ".join(needs) if needs else "nothing"), "    ")
    return out


def _maturity_text(r: Rubric) -> list[str]:
    out: list[str] = []
    if r.levels:
        out += ["", "== Maturity levels (from: percent of the maximum score) =="]
        out += [f"{i}. {lv.id} ({lv.label}), from {fmt_num(float(lv.start))}%"
                for i, lv in enumerate(r.levels, 1)]
    if r.bands:
        out += ["", "== Bands (overall score) =="]
        out += [f"- {b.id} ({b.label}): {_band_range(b)}" for b in r.bands]
    if r.gates:
        out += ["", "== Gates =="]
        for g in r.gates:
            reqs = ", ".join(f"{q} >= {v}" for q, v in _requires(g.requires).items())
            out += _wrap(f"- {g.id}: level {g.level} needs {reqs}", "")
    return out


def rubric_text(r: Rubric) -> str:
    """A readable outline of the rubric."""
    out = [f"{r.title} ({r.id} version {r.version}), {len(r.questions)} questions"]
    out += _automation_text(r) + _maturity_text(r)
    for s in r.sections:
        out += ["", f"== {s.title} [{s.id}, {s.kind.value}, weight {fmt_num(float(s.weight))}] =="]
        for q in s.questions:
            weight = f"weight {fmt_num(float(q.weight))}" if q.scored else "no points"
            out.append(f"- {q.id} ({weight})")
            out += _wrap(q.text)
            points = ", ".join(f"{o.id} {fmt_num(float(o.points))}" if q.scored else o.id
                               for o in q.options)
            out.append(f"    answers: {points}" + (f", {NA}" if q.allow_na else ""))
    return "\n".join(out)
