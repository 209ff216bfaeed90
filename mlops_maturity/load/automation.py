"""The rubric's decision axis: the degrees of automation, the question that declares one, and
what each degree requires.

Read in two passes: the degrees first (a ``degree`` question's answers are the degrees), then,
once the sections and questions are known, the declaring question and the requirements. Every
problem names its rule in ``mlops_maturity.load.rules``.
"""

from __future__ import annotations

from fractions import Fraction

from mlops_maturity.load.fields import Fields, join
from mlops_maturity.load.rubric_checks import amount, requirements, unique
from mlops_maturity.load.yamlfile import YamlList, YamlMap
from mlops_maturity.model.errors import did_you_mean
from mlops_maturity.model.rubric import (Automation, Degree, Level, Question, QuestionType,
                                         Section, SectionMinimum)

AUTOMATION_KEYS = ("question", "degrees")
DEGREE_KEYS = ("id", "label", "description", "example", "requires", "sections", "why")


def read_degrees(f: Fields, data: YamlMap) -> tuple[Degree, ...]:
    """The degrees, least automated first, without their requirements (read later)."""
    if "automation" not in data:
        return ()
    block = f.mapping(data["automation"], "automation", data.line_of("automation"))
    if block is None:
        return ()
    f.check_keys(block, "automation", AUTOMATION_KEYS, ("degrees",))
    if "question" not in block:
        f.add("a decision axis needs the question that declares the degree", block.line,
              "automation", "add 'question: <id of a degree question>'",
              rule="automation-question-missing")
    items = f.seq(block.get("degrees"), "automation.degrees", block.line_of("degrees")) \
        if "degrees" in block else None
    if items is None:
        return ()
    if len(items) < 2:
        f.add("list at least two degrees, least automated first", block.line_of("degrees"),
              "automation.degrees", rule="too-few-degrees")
    degrees: list[Degree] = []
    seen: dict[str, int | None] = {}
    for i, item in enumerate(items):
        path = join("automation.degrees", i)
        m = f.mapping(item, path, items.line_of(i))
        if m is None:
            continue
        f.check_keys(m, path, DEGREE_KEYS, ("id", "label"))
        did = f.text(m, "id", path)
        unique(f, seen, did, m.line_of("id"), join(path, "id"), "degree", "duplicate-degree-id")
        degrees.append(Degree(did, f.text(m, "label", path), f.text(m, "description", path, ""),
                              f.text(m, "example", path, ""), (), (), f.text(m, "why", path, "")))
    return tuple(degrees)


def read_automation(f: Fields, data: YamlMap, degrees: tuple[Degree, ...],
                    sections: tuple[Section, ...], levels: tuple[Level, ...]
                    ) -> Automation | None:
    """The declaring question and each degree's requirements, checked against the rubric."""
    if not degrees:
        return None
    block = data["automation"]
    questions = {q.id: q for s in sections for q in s.questions}
    question = _declaring(f, block, questions)
    items: YamlList = block["degrees"]
    # read_degrees skipped the items that are not mappings (already reported); keep in step
    mapped = [(i, m) for i, m in enumerate(items) if isinstance(m, YamlMap)]
    full = []
    for (i, m), degree in zip(mapped, degrees):
        path = join("automation.degrees", i)
        required = requirements(f, m, path, questions, "degree")
        minimums = _minimums(f, m, path, sections)
        if i == 0 and (required or minimums):
            f.add(f"the lowest degree '{degree.id}' may not require anything: every system can "
                  "run with people deciding", m.line_of("requires") if "requires" in m
                  else m.line_of("sections"), path, rule="lowest-degree-requires")
        full.append(Degree(degree.id, degree.label, degree.description, degree.example,
                           required, minimums, degree.why))
    _check_degree_questions(f, sections, question)
    _check_ids_apart(f, mapped, degrees, levels)
    return Automation(question, tuple(full))


def _declaring(f: Fields, block: YamlMap, questions: dict[str, Question]) -> str:
    """The question that records the degree: it must exist and be a ``degree`` question."""
    if "question" not in block:
        return ""
    qid = f.text(block, "question", "automation")
    line, path = block.line_of("question"), "automation.question"
    question = questions.get(qid)
    if question is None:
        f.add(f"the automation question '{qid}' is not a question of this rubric", line, path,
              did_you_mean(qid, questions) or "add it to a section, with type: degree",
              rule="automation-question-unknown")
    elif question.type is not QuestionType.DEGREE:
        f.add(f"the automation question '{qid}' must be of type 'degree', so that its answers "
              f"are the degrees (it is a '{question.type.value}' question)", line, path,
              rule="automation-question-not-degree")
    return qid


def _check_degree_questions(f: Fields, sections: tuple[Section, ...], declaring: str) -> None:
    """Only the declaring question answers with a degree, and it carries no points. Without a
    declaring question (reported as missing) there is nothing to compare with."""
    for s in sections:
        for q in s.questions:
            if q.type is QuestionType.DEGREE and declaring and q.id != declaring:
                f.add(f"'{q.id}' is a 'degree' question, but only the automation question "
                      f"('{declaring}') answers with a degree of automation", q.line,
                      q.id, "make it a 'choice' question with its own options",
                      rule="degree-question-not-declaring")


def _minimums(f: Fields, m: YamlMap, path: str,
              sections: tuple[Section, ...]) -> tuple[SectionMinimum, ...]:
    """``sections: {id: percent}``: the least score, as a percent of the section's maximum."""
    if "sections" not in m:
        return ()
    spath = join(path, "sections")
    raw = f.mapping(m["sections"], spath, m.line_of("sections"))
    if raw is None:
        return ()
    known = {s.id: s for s in sections}
    result = []
    for sid, _ in raw.items():
        line = raw.line_of(sid)
        at_least = f.number(raw, sid, spath, Fraction(0))
        section = known.get(sid)
        if section is None:
            f.add(f"degree names unknown section '{sid}'", line, join(spath, sid),
                  did_you_mean(str(sid), known) or f"sections are: {', '.join(known)}",
                  rule="degree-unknown-section")
        elif at_least > 100 or not any(q.scored and q.weight for q in section.questions):
            f.add(f"section '{sid}' could never score {amount(at_least)}% of its maximum", line,
                  join(spath, sid), "give a percent from 0 to 100 of a section that is scored",
                  rule="degree-minimum-unreachable")
        result.append(SectionMinimum(str(sid), at_least))
    return tuple(result)


def _check_ids_apart(f: Fields, mapped: list[tuple[int, YamlMap]], degrees: tuple[Degree, ...],
                     levels: tuple[Level, ...]) -> None:
    """A ``target:`` names a degree or a level by id alone, so no id may be both."""
    shared = {lv.id for lv in levels} & {d.id for d in degrees}
    for (i, m), degree in zip(mapped, degrees):
        if degree.id in shared:
            f.add(f"'{degree.id}' is both a degree and a maturity level", m.line,
                  join("automation.degrees", i), "give the level or the degree another id",
                  rule="degree-and-level-share-an-id")
