"""Validation of the cross-referencing parts of a rubric: the scale, gates and bands.

These are where hand-written rubrics go wrong in ways a schema cannot see: a gate naming a
question that was renamed, or bands that leave a score with no label.
"""

from __future__ import annotations

from fractions import Fraction

from mlops_maturity.model.errors import did_you_mean
from mlops_maturity.load.fields import Fields, as_word, join
from mlops_maturity.model.rubric import Band, BandRule, Gate, Level, Question, Requirement, Scoring, Section, SectionKind
from mlops_maturity.model.maxima import overall_max
from mlops_maturity.load.yamlfile import YamlMap

LEVEL_KEYS = ("id", "label", "description", "from")
GATE_KEYS = ("id", "degree", "sections", "requires", "why")
BAND_KEYS = ("id", "label", "description", "min", "above", "max", "below")


def read_scale(f: Fields, data: YamlMap) -> tuple[Level, ...]:
    """The ordered scale, lowest first; ``from`` defaults to an even split of 0-100."""
    if "scale" not in data:
        return ()
    items = f.seq(data["scale"], "scale", data.line_of("scale"))
    if items is None:
        return ()
    if not items:
        f.add("the scale is empty; list at least one level, lowest first", data.line_of("scale"), "scale")
        return ()
    given = [isinstance(i, YamlMap) and "from" in i for i in items]
    if any(given) and not all(given):
        f.add("give 'from' on every scale level or on none", items.line, "scale")
    levels: list[Level] = []
    seen: dict[str, int | None] = {}
    for i, item in enumerate(items):
        path = join("scale", i)
        m = f.mapping(item, path, items.line_of(i))
        if m is None:
            continue
        f.check_keys(m, path, LEVEL_KEYS, ("id", "label"))
        lid = f.text(m, "id", path)
        if lid in seen:
            f.add(f"duplicate scale id '{lid}' (first defined on line {seen[lid]})", m.line_of("id"), path)
        seen[lid] = m.line_of("id")
        start = f.number(m, "from", path, Fraction(100 * i, len(items)))
        levels.append(Level(lid, f.text(m, "label", path), f.text(m, "description", path, ""), start))
    _check_starts(f, levels, items)
    return tuple(levels)


def _check_starts(f: Fields, levels: list[Level], items) -> None:
    if levels and levels[0].start != 0:
        f.add("the lowest scale level must start 'from: 0'", items.line_of(0), "scale[0].from")
    for i in range(1, len(levels)):
        if levels[i].start < levels[i - 1].start:
            f.add("scale levels must be listed lowest first: 'from' may not decrease",
                  items.line_of(i), join("scale", i) + ".from")
        if levels[i].start > 100:
            f.add("'from' is a percent of the maximum score and may not exceed 100",
                  items.line_of(i), join("scale", i) + ".from")


def read_gates(f: Fields, data: YamlMap, scale: tuple[Level, ...], sections: tuple[Section, ...],
               questions: dict[str, Question]) -> tuple[Gate, ...]:
    """Gates, each checked against the scale, sections and questions it names."""
    if "gates" not in data:
        return ()
    items = f.seq(data["gates"], "gates", data.line_of("gates")) or []
    gates = []
    for i, item in enumerate(items):
        path = join("gates", i)
        m = f.mapping(item, path, items.line_of(i))
        if m is None:
            continue
        f.check_keys(m, path, GATE_KEYS, ("id", "degree", "requires"))
        degree = str(as_word(m.get("degree", "")))
        _check_degree(f, m, path, degree, scale)
        gates.append(Gate(f.text(m, "id", path), degree, _gate_sections(f, m, path, sections),
                          _requirements(f, m, path, questions), f.text(m, "why", path, "")))
    return tuple(gates)


def _check_degree(f: Fields, m: YamlMap, path: str, degree: str, scale: tuple[Level, ...]) -> None:
    ids = [lv.id for lv in scale]
    if "degree" not in m:
        return
    if not ids:
        f.add("gates need a scale; this rubric has none", m.line_of("degree"), join(path, "degree"))
        return
    if degree not in ids:
        f.add(f"gate names unknown degree '{degree}'", m.line_of("degree"), join(path, "degree"),
              did_you_mean(degree, ids) or f"the scale is: {', '.join(ids)}")
    elif degree == ids[0]:
        f.add(f"a gate on the lowest degree '{degree}' could never be met", m.line_of("degree"),
              join(path, "degree"), "gate a higher degree")


def _gate_sections(f: Fields, m: YamlMap, path: str, sections: tuple[Section, ...]) -> tuple[str, ...]:
    """Sections a gate caps; by default every stage section."""
    known = [s.id for s in sections]
    if "sections" not in m:
        return tuple(s.id for s in sections if s.kind is SectionKind.STAGE)
    items = f.seq(m["sections"], join(path, "sections"), m.line_of("sections")) or []
    for j, sid in enumerate(items):
        if sid not in known:
            f.add(f"gate names unknown section '{sid}'", items.line_of(j), join(path, "sections"),
                  did_you_mean(sid, known) or f"sections are: {', '.join(known)}")
    return tuple(str(s) for s in items)


def _requirements(f: Fields, m: YamlMap, path: str, questions: dict[str, Question]) -> tuple[Requirement, ...]:
    """A gate's ``requires`` mapping: question id -> the least answer that satisfies it."""
    rpath = join(path, "requires")
    req = f.mapping(m.get("requires"), rpath, m.line_of("requires")) if "requires" in m else None
    if req is None:
        return ()
    if not req:
        f.add("a gate must require at least one answer", m.line_of("requires"), rpath)
    result = []
    for qid, answer in req.items():
        answer = str(as_word(answer)).strip()
        line = req.line_of(qid)
        question = questions.get(qid)
        if question is None:
            f.add(f"gate names unknown question '{qid}'", line, join(rpath, qid),
                  did_you_mean(qid, questions) or None)
        elif question.option(answer) is None:
            f.add(f"'{answer}' is not an answer of question '{qid}'", line, join(rpath, qid),
                  f"allowed: {', '.join(question.answer_ids)}")
        result.append(Requirement(str(qid), answer))
    return tuple(result)


def read_bands(f: Fields, data: YamlMap, scoring: Scoring, sections: tuple[Section, ...]) -> tuple[Band, ...]:
    """Score bands, checked to cover the whole score range with no gap and no overlap."""
    if scoring.band is BandRule.DEGREE:
        if "bands" in data:
            f.add("bands are not used when scoring.band is 'degree'; the band is the degree",
                  data.line_of("bands"), "bands")
        return ()
    if "bands" not in data:
        f.add("missing required key 'bands' (or set scoring.band: degree)", data.line, None)
        return ()
    items = f.seq(data["bands"], "bands", data.line_of("bands")) or []
    if not items:
        f.add("list at least one band", data.line_of("bands"), "bands")
    bands = [b for i, item in enumerate(items) if (b := _band(f, items, i, item)) is not None]
    _check_coverage(f, bands, items, overall_max(scoring, sections))
    return tuple(bands)


def _band(f: Fields, items, i: int, item) -> Band | None:
    path = join("bands", i)
    m = f.mapping(item, path, items.line_of(i))
    if m is None:
        return None
    f.check_keys(m, path, BAND_KEYS, ("id", "label"))
    for a, b in (("min", "above"), ("max", "below")):
        if a in m and b in m:
            f.add(f"give '{a}' or '{b}', not both", m.line_of(b), path)
    if "min" not in m and "above" not in m:
        f.add("a band needs a lower bound: 'min' (inclusive) or 'above' (exclusive)", m.line, path)
    lower_key = "above" if "above" in m else "min"
    upper_key = "below" if "below" in m else ("max" if "max" in m else None)
    return Band(f.text(m, "id", path), f.text(m, "label", path),
                f.number(m, lower_key, path, Fraction(0)), lower_key == "min",
                f.number(m, upper_key, path, Fraction(0)) if upper_key else None,
                upper_key == "max", f.text(m, "description", path, ""))


def _check_coverage(f: Fields, bands: list[Band], items, top: Fraction | None) -> None:
    if not bands:
        return
    if bands[0].lower != 0 or not bands[0].lower_inclusive:
        f.add("the first band must start at 'min: 0' so every score has a band", items.line_of(0), "bands[0]")
    for i in range(len(bands) - 1):
        a, b = bands[i], bands[i + 1]
        where = (items.line_of(i + 1), join("bands", i + 1))
        if a.upper is None:
            f.add(f"band '{a.id}' has no upper bound but is not the last band", items.line_of(i), join("bands", i))
        elif b.lower > a.upper:
            f.add(f"bands '{a.id}' and '{b.id}' leave a gap between {_num(a.upper)} and {_num(b.lower)}", *where,
                  "make the next band start where this one ends ('max: x' then 'above: x')")
        elif b.lower == a.upper and not (a.upper_inclusive or b.lower_inclusive):
            f.add(f"bands '{a.id}' and '{b.id}' both leave out the score {_num(a.upper)}", *where,
                  "use 'max: x' then 'above: x', or 'below: x' then 'min: x'")
        elif b.lower < a.upper:
            f.add(f"bands '{a.id}' and '{b.id}' overlap between {_num(b.lower)} and {_num(a.upper)}", *where,
                  "make the next band start where this one ends")
        elif a.upper_inclusive and b.lower_inclusive:
            f.add(f"bands '{a.id}' and '{b.id}' both include the score {_num(b.lower)}", *where,
                  "use 'max: x' then 'above: x', or 'below: x' then 'min: x'")
    last = bands[-1]
    if last.upper is not None and top is not None and (last.upper < top or (last.upper == top and not last.upper_inclusive)):
        f.add(f"the last band ends at {_num(last.upper)} but scores reach {_num(top)}",
              items.line_of(len(bands) - 1), join("bands", len(bands) - 1), "drop its upper bound")


def _num(value: Fraction) -> str:
    return f"{float(value):g}"
