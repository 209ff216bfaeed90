"""Validation of the cross-referencing parts of a rubric: the maturity levels, gates and bands.

These are where hand-written rubrics go wrong in ways a schema cannot see: a gate naming a
question that was renamed, or bands that leave a score with no label. Every problem names the
rule in ``mlops_maturity.load.rules`` that found it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from mlops_maturity.model.errors import did_you_mean
from mlops_maturity.load.fields import Fields, as_word, join
from mlops_maturity.model.rubric import (Band, BandRule, Gate, Level, Question, Requirement,
                                         Scoring, Section, SectionKind)
from mlops_maturity.model.maxima import overall_max
from mlops_maturity.load.yamlfile import YamlList, YamlMap

LEVEL_KEYS = ("id", "label", "description", "from")
GATE_KEYS = ("id", "level", "sections", "requires", "why")
BAND_KEYS = ("id", "label", "description", "min", "above", "max", "below")
SAME_POINT_HINT = "use 'max: x' then 'above: x', or 'below: x' then 'min: x'"


def unique(f: Fields, seen: dict[str, int | None], ident: str, line: int | None, path: str,
           what: str, rule: str) -> None:
    """Report an id already used by another item of the same kind; remember a new one.

    The first definition's line is quoted because the author usually copied that item.
    """
    if ident in seen:
        f.add(f"duplicate {what} id '{ident}' (first defined on line {seen[ident]})", line, path,
              rule=rule)
    elif ident:
        seen[ident] = line


def read_levels(f: Fields, data: YamlMap) -> tuple[Level, ...]:
    """The maturity levels, lowest first; ``from`` defaults to an even split of 0-100."""
    if "levels" not in data:
        return ()
    items = f.seq(data["levels"], "levels", data.line_of("levels"))
    if items is None:
        return ()
    if not items:
        f.add("the levels list is empty; list at least one level, lowest first",
              data.line_of("levels"), "levels", rule="empty-levels")
        return ()
    given = [isinstance(i, YamlMap) and "from" in i for i in items]
    if any(given) and not all(given):
        f.add("give 'from' on every level or on none", items.line, "levels",
              rule="levels-from-partial")
    levels: list[tuple[int, Level]] = []
    seen: dict[str, int | None] = {}
    for i, item in enumerate(items):
        path = join("levels", i)
        m = f.mapping(item, path, items.line_of(i))
        if m is None:
            continue
        f.check_keys(m, path, LEVEL_KEYS, ("id", "label"))
        lid = f.text(m, "id", path)
        unique(f, seen, lid, m.line_of("id"), path, "level", "duplicate-level-id")
        start = f.number(m, "from", path, Fraction(100 * i, len(items)))
        levels.append((i, Level(lid, f.text(m, "label", path), f.text(m, "description", path, ""),
                                start)))
    _check_starts(f, levels, items)
    return tuple(level for _, level in levels)


def _check_starts(f: Fields, levels: list[tuple[int, Level]], items: YamlList) -> None:
    """``from`` starts at 0 and rises strictly, so each level is a distinct band of scores.

    Levels that all start at 0 are the one exception: there the score never decides a level
    and gates alone do (the Google and Azure level rubrics work this way).
    """
    if levels and levels[0][1].start != 0:
        f.add("the lowest level must start 'from: 0'", items.line_of(levels[0][0]),
              join("levels", levels[0][0]) + ".from", rule="levels-not-from-zero")
    gates_decide = all(level.start == 0 for _, level in levels)
    for (_, below), (i, level) in zip(levels, levels[1:]):
        line, path = items.line_of(i), join("levels", i) + ".from"
        if level.start < below.start:
            f.add("levels must be listed lowest first: 'from' may not decrease", line, path,
                  rule="levels-from-not-increasing")
        elif level.start == below.start and not gates_decide:
            f.add(f"'from: {amount(level.start)}' is the same as the level below; each level "
                  "must start higher", line, path, "or let every level start 'from: 0' so that "
                  "gates alone decide the level", rule="levels-from-not-increasing")
        if level.start > 100:
            f.add("'from' is a percent of the maximum score and may not exceed 100", line, path,
                  rule="levels-from-above-100")


def read_gates(f: Fields, data: YamlMap, levels: tuple[Level, ...],
               sections: tuple[Section, ...], questions: dict[str, Question]) -> tuple[Gate, ...]:
    """Gates, each checked against the levels, sections and questions it names."""
    if "gates" not in data:
        return ()
    items = f.seq(data["gates"], "gates", data.line_of("gates")) or YamlList()
    gates = []
    seen: dict[str, int | None] = {}
    for i, item in enumerate(items):
        path = join("gates", i)
        m = f.mapping(item, path, items.line_of(i))
        if m is None:
            continue
        f.check_keys(m, path, GATE_KEYS, ("id", "level", "requires"))
        gid = f.text(m, "id", path)
        unique(f, seen, gid, m.line_of("id"), join(path, "id"), "gate", "duplicate-gate-id")
        level = str(as_word(m.get("level", "")))
        _check_level(f, m, path, level, levels)
        required = requirements(f, m, path, questions, "gate")
        gates.append(Gate(gid, level, _gate_sections(f, m, path, sections), required,
                          f.text(m, "why", path, "")))
    return tuple(gates)


def _check_level(f: Fields, m: YamlMap, path: str, level: str,
                 levels: tuple[Level, ...]) -> None:
    """A gate's level must be one of the rubric's levels, and above the lowest."""
    ids = [lv.id for lv in levels]
    if "level" not in m:
        return
    line, where = m.line_of("level"), join(path, "level")
    if not ids:
        f.add("gates need maturity levels; this rubric has none", line, where,
              rule="gate-without-levels")
    elif level not in ids:
        f.add(f"gate names unknown level '{level}'", line, where,
              did_you_mean(level, ids) or f"the levels are: {', '.join(ids)}",
              rule="gate-unknown-level")
    elif level == ids[0]:
        f.add(f"a gate on the lowest level '{level}' could never be met", line, where,
              "gate a higher level", rule="gate-on-lowest-level")


def _gate_sections(f: Fields, m: YamlMap, path: str,
                   sections: tuple[Section, ...]) -> tuple[str, ...]:
    """Sections a gate caps; by default every stage section."""
    known = [s.id for s in sections]
    if "sections" not in m:
        return tuple(s.id for s in sections if s.kind is SectionKind.STAGE)
    items = f.seq(m["sections"], join(path, "sections"), m.line_of("sections")) or YamlList()
    for j, sid in enumerate(items):
        if sid not in known:
            f.add(f"gate names unknown section '{sid}'", items.line_of(j), join(path, "sections"),
                  did_you_mean(sid, known) or f"sections are: {', '.join(known)}",
                  rule="gate-unknown-section")
    return tuple(str(s) for s in items)


def requirements(f: Fields, m: YamlMap, path: str, questions: dict[str, Question],
                 owner: str) -> tuple[Requirement, ...]:
    """A ``requires`` mapping (of a gate, or of a degree): question id -> the least answer
    that satisfies it. The rule ids name the owner: ``gate-...`` or ``degree-...``."""
    rpath = join(path, "requires")
    req = f.mapping(m.get("requires"), rpath, m.line_of("requires")) if "requires" in m else None
    if req is None:
        return ()
    if not req and owner == "gate":
        f.add("a gate must require at least one answer", m.line_of("requires"), rpath,
              rule="gate-requires-nothing")
    result = []
    for qid, raw in req.items():
        answer = str(as_word(raw)).strip()
        line = req.line_of(qid)
        question = questions.get(qid)
        if question is None:
            f.add(f"{owner} names unknown question '{qid}'", line, join(rpath, qid),
                  did_you_mean(qid, questions) or None, rule=f"{owner}-unknown-question")
        elif question.option(answer) is None:
            f.add(f"'{answer}' is not an answer of question '{qid}'", line, join(rpath, qid),
                  f"allowed: {', '.join(question.answer_ids)}", rule=f"{owner}-unknown-answer")
        elif not question.scored:
            f.add(f"'{qid}' is the automation question, which a {owner} cannot require: who "
                  "decides is declared, never earned", line, join(rpath, qid),
                  "require the practices that make the degree safe instead",
                  rule=f"{owner}-requires-automation-question")
        result.append(Requirement(str(qid), answer))
    return tuple(result)


def read_bands(f: Fields, data: YamlMap, scoring: Scoring,
               sections: tuple[Section, ...]) -> tuple[Band, ...]:
    """Score bands, checked to cover the whole score range with no gap and no overlap."""
    if scoring.band is BandRule.LEVEL:
        if "bands" in data:
            f.add("bands are not used when scoring.band is 'level'; the band is the level",
                  data.line_of("bands"), "bands", rule="bands-with-level-band")
        return ()
    if "bands" not in data:
        f.add("missing required key 'bands' (or set scoring.band: level)", data.line, None,
              rule="missing-key")
        return ()
    items = f.seq(data["bands"], "bands", data.line_of("bands")) or YamlList()
    if not items:
        f.add("list at least one band", data.line_of("bands"), "bands", rule="no-bands")
    bands: list[tuple[int, Band]] = []
    seen: dict[str, int | None] = {}
    for i, item in enumerate(items):
        band = _band(f, items, i, item, seen)
        if band is not None:
            bands.append((i, band))
    _check_coverage(f, bands, items, overall_max(scoring, sections))
    return tuple(band for _, band in bands)


def _band(f: Fields, items: YamlList, i: int, item: Any,
          seen: dict[str, int | None]) -> Band | None:
    """One band: a lower bound, and an upper bound unless it is the last."""
    path = join("bands", i)
    m = f.mapping(item, path, items.line_of(i))
    if m is None:
        return None
    f.check_keys(m, path, BAND_KEYS, ("id", "label"))
    bid = f.text(m, "id", path)
    unique(f, seen, bid, m.line_of("id"), join(path, "id"), "band", "duplicate-band-id")
    for a, b in (("min", "above"), ("max", "below")):
        if a in m and b in m:
            f.add(f"give '{a}' or '{b}', not both", m.line_of(b), path, rule="band-both-bounds")
    if "min" not in m and "above" not in m:
        f.add("a band needs a lower bound: 'min' (inclusive) or 'above' (exclusive)", m.line,
              path, rule="band-no-lower-bound")
    lower_key = "above" if "above" in m else "min"
    upper_key = "below" if "below" in m else ("max" if "max" in m else None)
    known = len(f.problems)
    band = Band(bid, f.text(m, "label", path), f.number(m, lower_key, path, Fraction(0)),
                lower_key == "min",
                f.number(m, upper_key, path, Fraction(0)) if upper_key else None,
                upper_key == "max", f.text(m, "description", path, ""))
    if len(f.problems) == known and _is_empty(band):  # a bad field is reported once, not twice
        upper = amount(band.upper or Fraction(0))
        f.add(f"band '{bid}' contains no score: it starts at {amount(band.lower)} and ends at "
              f"{upper}", m.line, path, "its upper bound must be above its lower one "
              "('min: x' with 'max: x' holds just x)", rule="band-empty")
    return band


def _is_empty(band: Band) -> bool:
    """Whether no score fits between a band's bounds (``min: 5, max: 5`` still holds 5)."""
    if band.upper is None or band.upper > band.lower:
        return False
    return band.upper < band.lower or not (band.lower_inclusive and band.upper_inclusive)


def _check_coverage(f: Fields, bands: list[tuple[int, Band]], items: YamlList,
                    top: Fraction | None) -> None:
    """Bands start at 0, meet end to end, and the last one reaches the top score."""
    if not bands:
        return
    first_index, first = bands[0]
    if first.lower != 0 or not first.lower_inclusive:
        f.add("the first band must start at 'min: 0' so every score has a band",
              items.line_of(first_index), join("bands", first_index), rule="band-not-from-zero")
    for (i, a), (j, b) in zip(bands, bands[1:]):
        if a.upper is None:
            f.add(f"band '{a.id}' has no upper bound but is not the last band", items.line_of(i),
                  join("bands", i), rule="band-open-before-last")
        else:
            _check_meeting(f, a, a.upper, b, items.line_of(j), join("bands", j))
    last_index, last = bands[-1]
    if last.upper is not None and top is not None and (
            last.upper < top or (last.upper == top and not last.upper_inclusive)):
        f.add(f"the last band ends at {amount(last.upper)} but scores reach {amount(top)}",
              items.line_of(last_index), join("bands", last_index), "drop its upper bound",
              rule="band-ends-below-top")


def _check_meeting(f: Fields, a: Band, upper: Fraction, b: Band, line: int | None,
                   path: str) -> None:
    """Band ``b`` must start exactly where ``a`` ends, with the shared score in one of them."""
    if b.lower > upper:
        f.add(f"bands '{a.id}' and '{b.id}' leave a gap between {amount(upper)} and "
              f"{amount(b.lower)}", line, path,
              "make the next band start where this one ends ('max: x' then 'above: x')",
              rule="band-gap")
    elif b.lower == upper and not (a.upper_inclusive or b.lower_inclusive):
        f.add(f"bands '{a.id}' and '{b.id}' both leave out the score {amount(upper)}", line, path,
              SAME_POINT_HINT, rule="band-point-excluded")
    elif b.lower < upper:
        f.add(f"bands '{a.id}' and '{b.id}' overlap between {amount(b.lower)} and {amount(upper)}",
              line, path, "make the next band start where this one ends", rule="band-overlap")
    elif a.upper_inclusive and b.lower_inclusive:
        f.add(f"bands '{a.id}' and '{b.id}' both include the score {amount(b.lower)}", line, path,
              SAME_POINT_HINT, rule="band-point-twice")


def amount(value: Fraction) -> str:
    """A bound as the author wrote it: 50, not 50.0 or Fraction(50, 1)."""
    return f"{float(value):g}"
