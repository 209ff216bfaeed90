"""The blank questionnaire written by ``init``: every question, commented, with empty answers.

Comments carry the question, the allowed answers and whether n/a is allowed, so a team can
fill the file without opening the rubric.
"""

from __future__ import annotations

import json
import textwrap

from mlops_maturity.model.answers import NA
from mlops_maturity.model.rubric import Rubric
from mlops_maturity.report.wording import answer_order

WIDTH = 96


def _comment(text: str, indent: str) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), WIDTH - len(indent) - 2) or [""]
    return [f"{indent}# {line}".rstrip() for line in lines]


def questionnaire_template(rubric: Rubric, rubric_ref: str, schema: str | None = None) -> str:
    """A YAML questionnaire with every question of the rubric and no answers."""
    out = []
    if schema:
        out.append(f"# yaml-language-server: $schema={schema}")
    out += [f"# Questionnaire for {rubric.title} ({rubric.id} version {rubric.version}).",
            "# Give each answer as one word from the list above it. An empty answer counts as",
            "# unanswered and scores as the worst answer. Long form, with evidence:",
            "#   some.question: {answer: yes, evidence: [\"https://...\"], notes: \"...\"}",
            "# Where n/a is allowed, give a reason: {answer: n/a, reason: \"...\"}",
            f"rubric: {json.dumps(rubric_ref)}",
            f"rubric_version: {json.dumps(rubric.version)}"]
    if rubric.automation:
        degrees = ", ".join(d.id for d in rubric.automation.degrees)
        out.append(f"# target: {rubric.automation.degrees[-1].id}   # a degree to judge: {degrees}"
                   " (the one you run at is answered in "
                   f"{rubric.automation.question}; setting the target to it makes it your "
                   "design point)")
    elif rubric.levels:
        out.append(f"# target: {rubric.levels[-1].id}   # the maturity level you aim for: "
                   + ", ".join(lv.id for lv in rubric.levels))
    out += ["project:", '  name: ""', '  team: ""', '  assessed_on: ""   # YYYY-MM-DD', "answers:"]
    for section in rubric.sections:
        out += ["", f"  # ── {section.title} ──"]
        for q in section.questions:
            out += _comment(q.text, "  ")
            allowed = " | ".join(q.answer_ids) + (f" | {NA}" if q.allow_na else "")
            out.append(f"  #   answers ({answer_order(q)}): {allowed}")
            out.append(f"  {q.id}:")
    return "\n".join(out) + "\n"
