"""Rubric validation: every problem at once, each with file, line and key path."""

from __future__ import annotations

import pytest

from mlops_maturity.model.errors import RubricError
from mlops_maturity.load.rubric import load_rubric

HEAD = """id: t
title: T
version: "1"
"""
SCALE = """scale:
  - {id: low, label: Low}
  - {id: high, label: High}
"""
QUESTION = """      - id: q1
        type: yes_partial_no
        text: t
        why: w
        advice: a
"""
SECTIONS = "sections:\n  - id: s\n    title: S\n    questions:\n" + QUESTION
BANDS = "bands:\n  - {id: all, label: All, min: 0}\n"
VALID = HEAD + SCALE + SECTIONS + BANDS


def errors(write, text: str) -> list[str]:
    path = write("rubric.yaml", text)
    with pytest.raises(RubricError) as info:
        load_rubric(path, "rubric.yaml")
    return [str(p) for p in info.value.problems]


def test_valid_rubric_loads(write):
    rubric = load_rubric(write("rubric.yaml", VALID))
    assert [q.id for q in rubric.questions] == ["q1"]
    assert [lv.start for lv in rubric.scale] == [0, 50]  # even split by default


@pytest.mark.parametrize("text, expected", [
    (VALID.replace("title: T", "titel: T"),
     "rubric.yaml:2: titel: unknown key 'titel' (did you mean 'title'?)"),
    (HEAD + SCALE + SECTIONS + "  - id: s2\n    title: S2\n    questions:\n" + QUESTION + BANDS,
     "rubric.yaml:19: sections[1].questions[0].id: duplicate question id 'q1' "
     "(first defined on line 11)"),
    (VALID.replace("advice: a", "advice: a\n        weight: heavy"),
     "rubric.yaml:16: sections[0].questions[0].weight: must be a number, not 'heavy'"),
    (VALID.replace("advice: a", "advice: a\n        weight: -2"),
     "rubric.yaml:16: sections[0].questions[0].weight: must be zero or more, not -2"),
    (VALID.replace("advice: a", "advice: a\n        weight: 0"),
     "rubric.yaml:10: sections[0].questions: every question in section 's' has weight 0, "
     "so it cannot be scored"),
    (HEAD + "scale: []\n" + SECTIONS + BANDS,
     "rubric.yaml:4: scale: the scale is empty; list at least one level, lowest first"),
    (VALID + "gates:\n  - {id: g, degree: hihg, requires: {q1: yes}}\n",
     "rubric.yaml:19: gates[0].degree: gate names unknown degree 'hihg' (did you mean 'high'?)"),
    (VALID + "gates:\n  - {id: g, degree: high, requires: {q2: yes}}\n",
     "rubric.yaml:19: gates[0].requires.q2: gate names unknown question 'q2'"),
    (VALID + "gates:\n  - {id: g, degree: high, requires: {q1: maybe}}\n",
     "rubric.yaml:19: gates[0].requires.q1: 'maybe' is not an answer of question 'q1' "
     "(allowed: no, partial, yes)"),
    (VALID + "gates:\n  - {id: g, degree: low, requires: {q1: yes}}\n",
     "rubric.yaml:19: gates[0].degree: a gate on the lowest degree 'low' could never be met "
     "(gate a higher degree)"),
    (VALID + "gates:\n  - {id: g, degree: high, sections: [t], requires: {q1: yes}}\n",
     "rubric.yaml:19: gates[0].sections: gate names unknown section 't'"),
    (VALID.replace("type: yes_partial_no", "type: choise"),
     "rubric.yaml:12: sections[0].questions[0].type: 'choise' is not allowed "
     "(did you mean 'choice'?)"),
    (VALID.replace("type: yes_partial_no", "type: choice"),
     "rubric.yaml:11: sections[0].questions[0]: a 'choice' question needs options"),
])
def test_single_problem(write, text, expected):
    found = errors(write, text)
    assert any(e.startswith(expected) for e in found), found


@pytest.mark.parametrize("bands, expected", [
    ("  - {id: a, label: A, min: 0, below: 50}\n  - {id: b, label: B, min: 60}\n",
     "bands 'a' and 'b' leave a gap between 50 and 60"),
    ("  - {id: a, label: A, min: 0, below: 50}\n  - {id: b, label: B, above: 50}\n",
     "bands 'a' and 'b' both leave out the score 50"),
    ("  - {id: a, label: A, min: 0, max: 50}\n  - {id: b, label: B, min: 50}\n",
     "bands 'a' and 'b' both include the score 50"),
    ("  - {id: a, label: A, min: 0, max: 60}\n  - {id: b, label: B, min: 50}\n",
     "bands 'a' and 'b' overlap between 50 and 60"),
    ("  - {id: a, label: A, min: 10}\n", "the first band must start at 'min: 0'"),
    ("  - {id: a, label: A, min: 0, max: 90}\n", "the last band ends at 90 but scores reach 100"),
])
def test_band_gaps_and_overlaps(write, bands, expected):
    found = errors(write, HEAD + SCALE + SECTIONS + "bands:\n" + bands)
    assert any(expected in e for e in found), found


def test_adjacent_bands_meeting_exactly_are_valid(write):
    text = HEAD + SCALE + SECTIONS + ("bands:\n  - {id: a, label: A, min: 0, max: 50}\n"
                                      "  - {id: b, label: B, above: 50, below: 70}\n"
                                      "  - {id: c, label: C, min: 70}\n")
    assert [b.id for b in load_rubric(write("r.yaml", text)).bands] == ["a", "b", "c"]


def test_all_problems_are_reported_together_in_line_order(write):
    text = (HEAD.replace("title", "titel") + "scale: []\n"
            + SECTIONS.replace("advice: a", "advice: a\n        weight: x")
            + BANDS + "gates:\n  - {id: g, degree: high, requires: {nope: yes}}\n")
    found = errors(write, text)
    assert len(found) >= 4
    lines = [int(e.split(":")[1]) for e in found]
    assert lines == sorted(lines)


def test_unknown_format_version(write):
    found = errors(write, "rubric_format: 2\n" + VALID)
    assert any("rubric_format 2 is not supported" in e for e in found)


def test_degree_question_needs_a_scale(write):
    text = HEAD + SECTIONS.replace("yes_partial_no", "degree") + BANDS
    assert any("needs a scale" in e for e in errors(write, text))


def test_choice_options_are_sorted_worst_first(write):
    text = VALID.replace("type: yes_partial_no", "type: choice").replace(
        "advice: a", "advice: a\n        options:\n          - {id: hi, points: 2}\n"
                     "          - {id: lo, points: 0}\n          - {id: mid, points: 1}")
    assert load_rubric(write("r.yaml", text)).questions[0].answer_ids == ("lo", "mid", "hi")


def test_a_scale_whose_levels_all_start_at_zero_is_valid(write):
    """Gates alone decide the degree there; the bundled Google and Azure rubrics rely on it."""
    scale = "scale:\n  - {id: low, label: Low, from: 0}\n  - {id: high, label: High, from: 0}\n"
    rubric = load_rubric(write("r.yaml", HEAD + scale + SECTIONS + BANDS))
    assert [lv.start for lv in rubric.scale] == [0, 0]


def test_a_boolean_is_not_format_one(write):
    found = errors(write, "rubric_format: true\n" + VALID)
    assert any("rubric_format True is not supported" in e for e in found), found


def test_a_wrongly_typed_title_is_reported_not_dropped(write):
    found = errors(write, VALID.replace("title: T", "title: [T]"))
    assert found == ["rubric.yaml:2: title: must be text, not a list"]


def test_problems_name_their_rule(write):
    path = write("rubric.yaml", VALID.replace("advice: a", "advice: a\n        weight: -2"))
    with pytest.raises(RubricError) as info:
        load_rubric(path, "rubric.yaml")
    assert [p.rule for p in info.value.problems] == ["number-too-low"]
