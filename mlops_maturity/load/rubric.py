"""Turn a rubric YAML file into a validated ``Rubric``, reporting every problem at once.

Rubrics are data written by people, so validation is the product: an author who mistypes a
question id in a gate should learn it from the loader, with a line number, not from a score
that is silently wrong.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from mlops_maturity.model.errors import RubricError
from mlops_maturity.load.fields import Fields, as_word, join
from mlops_maturity.model.answers import NA
from mlops_maturity.load.automation import read_automation, read_degrees
from mlops_maturity.load.detectors import read_detectors, read_max_age
from mlops_maturity.model.rubric import (BandRule, Degree, Option, OverallRule, Question,
                                         QuestionType, Rubric, Scoring, Section, SectionKind,
                                         SectionRule, Source)
from mlops_maturity.load.rubric_checks import (amount, read_bands, read_gates, read_levels,
                                               unique)
from mlops_maturity.load.yamlfile import Kind, YamlList, YamlMap, as_written, load_document

RUBRIC_FORMAT = 2
TOP_KEYS = ("rubric_format", "id", "title", "version", "description", "sources", "scoring",
            "levels", "automation", "sections", "gates", "bands", "evidence_max_age")
FORMAT_1_HINT = ("convert it: rename 'scale' to 'levels', each gate's 'degree' to 'level' and "
                 "'band: degree' to 'band: level'; who decides now has its own 'automation' "
                 "block (see 'From format 1' in `mlops-maturity docs rubric-format`)")
SECTION_KEYS = ("id", "title", "description", "kind", "weight", "questions")
QUESTION_KEYS = ("id", "type", "text", "why", "advice", "weight", "allow_na", "options",
                 "detectors")
OPTION_KEYS = ("id", "label", "points")
SOURCE_KEYS = ("title", "authors", "year", "url", "note")
YES_PARTIAL_NO = (Option("no", "No", Fraction(0)), Option("partial", "Partly", Fraction(1, 2)),
                  Option("yes", "Yes", Fraction(1)))
# What a broken choice question is read as, so that checks further on still have options.
PLACEHOLDER_OPTIONS = (Option("none", "None", Fraction(0)),)


def load_rubric(path: Path, display: str | None = None) -> Rubric:
    """Load and validate a rubric file; raise ``RubricError`` listing every problem."""
    display = display or str(path)
    data = load_document(path, display, Kind.RUBRIC)
    return rubric_from_data(data, display, path)


def rubric_from_data(data: YamlMap, display: str, path: Path | None = None) -> Rubric:
    """Validate already-parsed rubric data (kept separate so tests can feed mappings)."""
    f = Fields(display, rules_required=True)
    if _old_format(f, data):
        raise RubricError(f.in_line_order())
    f.check_keys(data, "", TOP_KEYS, ("id", "title", "version", "sections"))
    scoring = read_scoring(f, data)
    levels = read_levels(f, data)
    degrees = read_degrees(f, data)
    sections = read_sections(f, data, degrees)
    questions = {q.id: q for s in sections for q in s.questions}
    automation = read_automation(f, data, degrees, sections, levels)
    gates = read_gates(f, data, levels, sections, questions)
    if scoring.band is BandRule.LEVEL and not levels and "levels" not in data:
        f.add("scoring.band is 'level', but the rubric has no maturity levels",
              data.line_of("scoring"), "scoring.band", rule="level-band-without-levels")
    bands = read_bands(f, data, scoring, sections)
    header = [f.text(data, key, "") for key in ("id", "title", "version")]
    description, sources = f.text(data, "description", "", ""), read_sources(f, data)
    max_age = read_max_age(f, data)
    if f.problems:
        raise RubricError(f.in_line_order())
    return Rubric(id=header[0], title=header[1], version=header[2], description=description,
                  levels=levels, sections=sections, gates=gates, bands=bands, scoring=scoring,
                  sources=sources, automation=automation, path=path,
                  evidence_max_age=max_age)


def _old_format(f: Fields, data: YamlMap) -> bool:
    """Format 1 (and anything else) is refused with the way to convert, before any other check
    can drown the one message that matters in a list of unknown keys."""
    if "rubric_format" not in data and "scale" in data:
        f.add(f"'scale' is a key of rubric format 1; this version of mlops-maturity reads "
              f"format {RUBRIC_FORMAT}", data.line_of("scale"), "scale", FORMAT_1_HINT,
              rule="unsupported-format")
        return True
    fmt = data.get("rubric_format", RUBRIC_FORMAT)
    if isinstance(fmt, bool) or fmt != RUBRIC_FORMAT:  # True == 1 in Python, not here
        hint = FORMAT_1_HINT if fmt == 1 and not isinstance(fmt, bool) else None
        f.add(f"rubric_format {as_written(fmt)} is not read by this version of mlops-maturity, "
              f"which reads format {RUBRIC_FORMAT}", data.line_of("rubric_format"),
              "rubric_format", hint, rule="unsupported-format")
        return True
    return False


def read_scoring(f: Fields, data: YamlMap) -> Scoring:
    """The roll-up rules, defaulting to weighted means on a 0-100 scale."""
    raw = data.get("scoring")
    if raw is None:
        return Scoring()
    m = f.mapping(raw, "scoring", data.line_of("scoring"))
    if m is None:
        return Scoring()
    f.check_keys(m, "scoring", ("section", "overall", "max_score", "band"))
    return Scoring(
        section=f.choice(m, "section", "scoring", SectionRule, SectionRule.WEIGHTED_MEAN),
        overall=f.choice(m, "overall", "scoring", OverallRule, OverallRule.WEIGHTED_MEAN),
        max_score=f.number(m, "max_score", "scoring", Fraction(100), positive=True),
        band=f.choice(m, "band", "scoring", BandRule, BandRule.SCORE))


def read_sources(f: Fields, data: YamlMap) -> tuple[Source, ...]:
    """Citations of the published work a rubric is derived from."""
    raw = data.get("sources")
    if raw is None:
        return ()
    items = f.seq(raw, "sources", data.line_of("sources")) or YamlList()
    result = []
    for i, item in enumerate(items):
        path = join("sources", i)
        m = f.mapping(item, path, items.line_of(i))
        if m is None:
            continue
        f.check_keys(m, path, SOURCE_KEYS, ("title",))
        result.append(Source(*(f.text(m, k, path, "") for k in SOURCE_KEYS)))
    return tuple(result)


def read_sections(f: Fields, data: YamlMap, degrees: tuple[Degree, ...]) -> tuple[Section, ...]:
    """Sections and their questions, with ids unique across the whole rubric."""
    if "sections" not in data:
        return ()  # reported as a missing required key
    items = f.seq(data["sections"], "sections", data.line_of("sections"))
    if items is None:
        return ()
    if not items:
        f.add("a rubric needs at least one section", data.line_of("sections"), "sections",
              rule="no-sections")
    sections: list[Section] = []
    seen_sections: dict[str, int | None] = {}
    seen_questions: dict[str, int | None] = {}
    for i, item in enumerate(items):
        path = join("sections", i)
        m = f.mapping(item, path, items.line_of(i))
        if m is not None:
            sections.append(read_section(f, m, path, degrees, seen_sections, seen_questions))
    if sections and all(s.weight == 0 for s in sections):
        f.add("every section has weight 0, so the overall score is undefined",
              data.line_of("sections"), "sections", rule="all-section-weights-zero")
    return tuple(sections)


def read_section(f: Fields, m: YamlMap, path: str, degrees: tuple[Degree, ...],
                 seen_sections: dict[str, int | None],
                 seen_questions: dict[str, int | None]) -> Section:
    """One section; a section whose questions all weigh 0 could never be scored."""
    f.check_keys(m, path, SECTION_KEYS, ("id", "title", "questions"))
    sid = f.text(m, "id", path)
    unique(f, seen_sections, sid, m.line_of("id"), join(path, "id"), "section",
           "duplicate-section-id")
    questions = read_questions(f, m, sid, join(path, "questions"), degrees, seen_questions)
    weight = f.number(m, "weight", path, Fraction(1))
    if any(q.scored for q in questions) and all(q.weight == 0 for q in questions if q.scored):
        f.add(f"every question in section '{sid}' has weight 0, so it cannot be scored",
              m.line_of("questions"), join(path, "questions"),
              "give at least one question a weight", rule="all-question-weights-zero")
    return Section(sid, f.text(m, "title", path), f.text(m, "description", path, ""),
                   f.choice(m, "kind", path, SectionKind, SectionKind.STAGE), weight, questions)


def read_questions(f: Fields, section: YamlMap, sid: str, path: str,
                   degrees: tuple[Degree, ...], seen: dict[str, int | None]
                   ) -> tuple[Question, ...]:
    """The questions of one section."""
    if "questions" not in section:
        return ()
    items = f.seq(section["questions"], path, section.line_of("questions"))
    if items is None:
        return ()
    if not items:
        f.add(f"section '{sid}' has no questions", section.line_of("questions"), path,
              rule="empty-section")
    result = []
    for i, item in enumerate(items):
        qpath = join(path, i)
        m = f.mapping(item, qpath, items.line_of(i))
        if m is None:
            continue
        question = read_question(f, m, sid, qpath, degrees)
        unique(f, seen, question.id, m.line_of("id"), join(qpath, "id"), "question",
               "duplicate-question-id")
        result.append(question)
    return tuple(result)


def read_question(f: Fields, m: YamlMap, sid: str, path: str,
                  degrees: tuple[Degree, ...]) -> Question:
    """One question; its answers become options ordered worst to best."""
    f.check_keys(m, path, QUESTION_KEYS, ("id", "type", "text", "why", "advice"))
    qtype = f.choice(m, "type", path, QuestionType, QuestionType.YES_PARTIAL_NO)
    if qtype is QuestionType.CHOICE:
        options = read_options(f, m, path)
    else:
        options = fixed_options(f, m, path, qtype, degrees)
    weight = f.number(m, "weight", path, Fraction(1))
    if qtype is QuestionType.DEGREE:
        weight = Fraction(0)
        if "weight" in m:
            f.add("the automation question carries no points, so that declaring who decides "
                  "never changes a score", m.line_of("weight"), join(path, "weight"),
                  "remove 'weight'", rule="degree-question-weight")
    return Question(
        id=f.text(m, "id", path), section=sid, type=qtype, text=f.text(m, "text", path),
        why=f.text(m, "why", path), advice=f.text(m, "advice", path), weight=weight,
        allow_na=f.flag(m, "allow_na", path, False), options=options, line=m.line,
        detectors=read_detectors(f, m, path, qtype, options))


def fixed_options(f: Fields, m: YamlMap, path: str, qtype: QuestionType,
                  degrees: tuple[Degree, ...]) -> tuple[Option, ...]:
    """The answers of a question that is not a choice: yes/partial/no, or the degrees."""
    if "options" in m:
        f.add(f"only 'choice' questions take options; a '{qtype.value}' question's answers are "
              "fixed", m.line_of("options"), join(path, "options"), rule="options-on-non-choice")
    if qtype is QuestionType.YES_PARTIAL_NO:
        return YES_PARTIAL_NO
    if not degrees:  # one degree is reported as too few; its question is not wrong too
        f.add("a 'degree' question answers with the degrees of the 'automation' block, which "
              "this rubric does not have", m.line_of("type"), join(path, "type"),
              "add an 'automation' block, or make it a 'choice' question",
              rule="degree-question-without-automation")
        return YES_PARTIAL_NO
    return tuple(Option(d.id, d.label, Fraction(0)) for d in degrees)


def read_options(f: Fields, m: YamlMap, path: str) -> tuple[Option, ...]:
    """A choice question's named options, sorted by points (stable, so ties keep rubric order)."""
    opath = join(path, "options")
    if "options" not in m:
        f.add("a 'choice' question needs options", m.line, path, rule="too-few-options")
        return PLACEHOLDER_OPTIONS
    items = f.seq(m["options"], opath, m.line_of("options"))
    if items is None:
        return PLACEHOLDER_OPTIONS
    known = len(f.problems)
    options: list[Option] = []
    seen: dict[str, int | None] = {}
    for i, item in enumerate(items):
        ipath = join(opath, i)
        om = f.mapping(item, ipath, items.line_of(i))
        if om is not None:
            options.append(read_option(f, om, ipath, seen))
    if len(options) < 2:
        f.add("a 'choice' question needs at least two options", m.line_of("options"), opath,
              rule="too-few-options")
    elif len(f.problems) == known:  # points that failed to read would look equal
        _check_points(f, options, m.line_of("options"), opath)
    return tuple(sorted(options, key=lambda o: o.points)) or PLACEHOLDER_OPTIONS


def read_option(f: Fields, om: YamlMap, path: str, seen: dict[str, int | None]) -> Option:
    """One option of a choice question; ``n/a`` is kept for questions that allow it."""
    f.check_keys(om, path, OPTION_KEYS, ("id", "points"))
    oid = str(as_word(om.get("id", ""))).strip()
    if oid.lower() in (NA, "na"):
        f.add("'n/a' is reserved; set allow_na: true on the question instead", om.line_of("id"),
              path, rule="reserved-option-id")
    unique(f, seen, oid, om.line_of("id"), join(path, "id"), "option", "duplicate-option-id")
    label = f.text(om, "label", path, "") or oid.replace("_", " ").capitalize()
    return Option(oid, label, f.number(om, "points", path, Fraction(0)))


def _check_points(f: Fields, options: list[Option], line: int | None, path: str) -> None:
    """Options that are all worth the same make a question that cannot move any score."""
    points = {o.points for o in options}
    if max(points) == 0:
        f.add("at least one option must be worth more than 0 points", line, path,
              rule="options-all-same-points")
    elif len(points) == 1:
        f.add(f"all options are worth {amount(max(points))}, so the answer cannot change "
              "a score", line, path, "give the worse options fewer points",
              rule="options-all-same-points")
