"""Rubric validation: every problem at once, each with file, line and key path.

The inline rubrics are format 2: maturity ``levels`` (with gates on them) on one axis, and on
the other an optional ``automation`` block whose degrees a ``degree`` question declares.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from helpers import make_questionnaire
from mlops_maturity.engine.scoring import score
from mlops_maturity.model.errors import RubricError
from mlops_maturity.load.rubric import load_rubric

HEAD = """id: t
title: T
version: "1"
"""
LEVELS = """levels:
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
VALID = HEAD + LEVELS + SECTIONS + BANDS

# The decision axis: lines 7-11 of AUTOMATED, whose question 'who' is on line 21.
AUTOMATION = """automation:
  question: who
  degrees:
    - {id: people, label: People decide}
    - {id: model, label: The model decides, requires: {q1: yes}, sections: {s: 50}}
"""
DECLARING = "      - {id: who, type: degree, text: t, why: w, advice: a}\n"
AUTOMATED = HEAD + LEVELS + AUTOMATION + SECTIONS + DECLARING + BANDS


def errors(write, text: str) -> list[str]:
    return [str(p) for p in problems(write, text)]


def problems(write, text: str) -> list:
    path = write("rubric.yaml", text)
    with pytest.raises(RubricError) as info:
        load_rubric(path, "rubric.yaml")
    return list(info.value.problems)


def test_valid_rubric_loads(write):
    rubric = load_rubric(write("rubric.yaml", VALID))
    assert [q.id for q in rubric.questions] == ["q1"]
    assert [lv.start for lv in rubric.levels] == [0, 50]  # even split by default
    assert rubric.automation is None and rubric.target_ids == ("low", "high")


def test_rubric_format_2_may_be_written_or_left_out(write):
    written = load_rubric(write("a.yaml", "rubric_format: 2\n" + VALID))
    left_out = load_rubric(write("b.yaml", VALID))
    assert written.levels == left_out.levels and written.bands == left_out.bands
    assert [q.id for q in written.questions] == [q.id for q in left_out.questions]


def test_a_rubric_with_a_decision_axis_loads(write):
    rubric = load_rubric(write("rubric.yaml", AUTOMATED))
    axis = rubric.automation
    assert axis is not None and axis.question == "who"
    assert [d.id for d in axis.degrees] == ["people", "model"]
    people, model = axis.degrees
    assert people.requires == () and people.minimums == ()
    assert [(r.question, r.at_least) for r in model.requires] == [("q1", "yes")]
    assert [(m.section, m.at_least) for m in model.minimums] == [("s", Fraction(50))]
    who = rubric.question("who")
    assert who is not None and who.answer_ids == ("people", "model")  # the degrees, in order
    assert who.weight == 0 and not who.scored
    assert rubric.target_ids == ("people", "model", "low", "high")


def test_the_decision_axis_needs_no_levels(write):
    rubric = load_rubric(write("rubric.yaml", HEAD + AUTOMATION + SECTIONS + DECLARING + BANDS))
    assert rubric.levels == () and rubric.automation is not None


@pytest.mark.parametrize("text, expected", [
    (VALID.replace("title: T", "titel: T"),
     "rubric.yaml:2: titel: unknown key 'titel' (did you mean 'title'?)"),
    (HEAD + LEVELS + SECTIONS + "  - id: s2\n    title: S2\n    questions:\n" + QUESTION + BANDS,
     "rubric.yaml:19: sections[1].questions[0].id: duplicate question id 'q1' "
     "(first defined on line 11)"),
    (VALID.replace("advice: a", "advice: a\n        weight: heavy"),
     "rubric.yaml:16: sections[0].questions[0].weight: must be a number, not 'heavy'"),
    (VALID.replace("advice: a", "advice: a\n        weight: -2"),
     "rubric.yaml:16: sections[0].questions[0].weight: must be zero or more, not -2"),
    (VALID.replace("advice: a", "advice: a\n        weight: 0"),
     "rubric.yaml:10: sections[0].questions: every question in section 's' has weight 0, "
     "so it cannot be scored"),
    (HEAD + "levels: []\n" + SECTIONS + BANDS,
     "rubric.yaml:4: levels: the levels list is empty; list at least one level, lowest first"),
    (VALID + "gates:\n  - {id: g, level: hihg, requires: {q1: yes}}\n",
     "rubric.yaml:19: gates[0].level: gate names unknown level 'hihg' (did you mean 'high'?)"),
    (VALID + "gates:\n  - {id: g, level: high, requires: {q2: yes}}\n",
     "rubric.yaml:19: gates[0].requires.q2: gate names unknown question 'q2'"),
    (VALID + "gates:\n  - {id: g, level: high, requires: {q1: maybe}}\n",
     "rubric.yaml:19: gates[0].requires.q1: 'maybe' is not an answer of question 'q1' "
     "(allowed: no, partial, yes)"),
    (VALID + "gates:\n  - {id: g, level: low, requires: {q1: yes}}\n",
     "rubric.yaml:19: gates[0].level: a gate on the lowest level 'low' could never be met "
     "(gate a higher level)"),
    (VALID + "gates:\n  - {id: g, level: high, sections: [t], requires: {q1: yes}}\n",
     "rubric.yaml:19: gates[0].sections: gate names unknown section 't'"),
    (HEAD + SECTIONS + BANDS + "gates:\n  - {id: g, level: high, requires: {q1: yes}}\n",
     "rubric.yaml:16: gates[0].level: gates need maturity levels; this rubric has none"),
    (VALID.replace("type: yes_partial_no", "type: choise"),
     "rubric.yaml:12: sections[0].questions[0].type: 'choise' is not allowed "
     "(did you mean 'choice'?)"),
    (VALID.replace("type: yes_partial_no", "type: choice"),
     "rubric.yaml:11: sections[0].questions[0]: a 'choice' question needs options"),
    (HEAD + "scoring: {band: level}\n" + SECTIONS,
     "rubric.yaml:4: scoring.band: scoring.band is 'level', but the rubric has no maturity "
     "levels"),
    (HEAD + "scoring: {band: level}\n" + LEVELS + SECTIONS + BANDS,
     "rubric.yaml:17: bands: bands are not used when scoring.band is 'level'; the band is the "
     "level"),
])
def test_single_problem(write, text, expected):
    found = errors(write, text)
    assert any(e.startswith(expected) for e in found), found


def _degree(line: str) -> str:
    """AUTOMATED with the automation block's second degree (line 11) replaced."""
    return AUTOMATED.replace(AUTOMATION.splitlines()[-1], line)


# The decision axis: (rubric, the rules it breaks, the exact problems it gets).
DECISION_AXIS = [
    pytest.param(
        AUTOMATED.replace("question: who", "question: whom"),
        {"automation-question-unknown", "degree-question-not-declaring"},
        ["rubric.yaml:8: automation.question: the automation question 'whom' is not a question "
         "of this rubric (did you mean 'who'?)",
         "rubric.yaml:21: who: 'who' is a 'degree' question, but only the automation question "
         "('whom') answers with a degree of automation (make it a 'choice' question with its "
         "own options)"],
        id="declaring-question-unknown"),
    pytest.param(
        HEAD + LEVELS + AUTOMATION.replace("who", "nobody") + SECTIONS + BANDS,
        {"automation-question-unknown"},
        ["rubric.yaml:8: automation.question: the automation question 'nobody' is not a "
         "question of this rubric (add it to a section, with type: degree)"],
        id="declaring-question-missing-from-the-sections"),
    pytest.param(
        HEAD + LEVELS + AUTOMATION.replace("question: who", "question: q1") + SECTIONS + BANDS,
        {"automation-question-not-degree"},
        ["rubric.yaml:8: automation.question: the automation question 'q1' must be of type "
         "'degree', so that its answers are the degrees (it is a 'yes_partial_no' question)"],
        id="declaring-question-not-a-degree-question"),
    pytest.param(
        _degree("    - {id: model, label: M, requires: {q11: yes}}"),
        {"degree-unknown-question"},
        ["rubric.yaml:11: automation.degrees[1].requires.q11: degree names unknown question 'q11' "
         "(did you mean 'q1'?)"],
        id="requirement-unknown-question"),
    pytest.param(
        _degree("    - {id: model, label: M, requires: {q1: always}}"),
        {"degree-unknown-answer"},
        ["rubric.yaml:11: automation.degrees[1].requires.q1: 'always' is not an answer of "
         "question 'q1' (allowed: no, partial, yes)"],
        id="requirement-unknown-answer"),
    pytest.param(
        _degree("    - {id: model, label: M, requires: {who: model}}"),
        {"degree-requires-automation-question"},
        ["rubric.yaml:11: automation.degrees[1].requires.who: 'who' is the automation question, "
         "which a degree cannot require: who decides is declared, never earned (require the "
         "practices that make the degree safe instead)"],
        id="requirement-on-the-declaring-question"),
    pytest.param(
        _degree("    - {id: model, label: M, sections: {z: 50}}"),
        {"degree-unknown-section"},
        ["rubric.yaml:11: automation.degrees[1].sections.z: degree names unknown section 'z' "
         "(sections are: s)"],
        id="requirement-unknown-section"),
    pytest.param(
        _degree("    - {id: model, label: M, sections: {s: 100.5}}"),
        {"degree-minimum-unreachable"},
        ["rubric.yaml:11: automation.degrees[1].sections.s: section 's' could never score "
         "100.5% of its maximum (give a percent from 0 to 100 of a section that is scored)"],
        id="section-minimum-above-100"),
    pytest.param(
        HEAD + LEVELS + AUTOMATION.replace("sections: {s: 50}", "sections: {d: 1}") + SECTIONS
        + "  - id: d\n    title: D\n    questions:\n" + DECLARING + BANDS,
        {"degree-minimum-unreachable"},
        ["rubric.yaml:11: automation.degrees[1].sections.d: section 'd' could never score 1% "
         "of its maximum (give a percent from 0 to 100 of a section that is scored)"],
        id="section-minimum-of-an-unscored-section"),
    pytest.param(
        HEAD + LEVELS + AUTOMATION.replace("  question: who\n", "") + SECTIONS + BANDS,
        {"automation-question-missing"},
        ["rubric.yaml:8: automation: a decision axis needs the question that declares the degree "
         "(add 'question: <id of a degree question>')"],
        id="automation-without-a-question"),
    pytest.param(
        AUTOMATED.replace("{id: people, label: People decide}",
                          "{id: people, label: People decide, requires: {q1: partial}}"),
        {"lowest-degree-requires"},
        ["rubric.yaml:10: automation.degrees[0]: the lowest degree 'people' may not require "
         "anything: every system can run with people deciding"],
        id="lowest-degree-requires-an-answer"),
    pytest.param(
        AUTOMATED.replace("{id: people, label: People decide}",
                          "{id: people, label: People decide, sections: {s: 10}}"),
        {"lowest-degree-requires"},
        ["rubric.yaml:10: automation.degrees[0]: the lowest degree 'people' may not require "
         "anything: every system can run with people deciding"],
        id="lowest-degree-requires-a-section-score"),
    pytest.param(
        AUTOMATED.replace(DECLARING, DECLARING + DECLARING.replace("who", "who2")),
        {"degree-question-not-declaring"},
        ["rubric.yaml:22: who2: 'who2' is a 'degree' question, but only the automation question "
         "('who') answers with a degree of automation (make it a 'choice' question with its "
         "own options)"],
        id="two-degree-questions"),
    pytest.param(
        AUTOMATED.replace(DECLARING, DECLARING.replace("}", ", weight: 1}")),
        {"degree-question-weight"},
        ["rubric.yaml:21: sections[0].questions[1].weight: the automation question carries no "
         "points, so that declaring who decides never changes a score (remove 'weight')"],
        id="declaring-question-with-a-weight"),
    pytest.param(
        AUTOMATED.replace("id: high, label: High", "id: model, label: High"),
        {"degree-and-level-share-an-id"},
        ["rubric.yaml:11: automation.degrees[1]: 'model' is both a degree and a maturity level "
         "(give the level or the degree another id)"],
        id="degree-and-level-share-an-id"),
    pytest.param(
        AUTOMATED + "gates:\n  - {id: g, level: high, requires: {who: model}}\n",
        {"gate-requires-automation-question"},
        ["rubric.yaml:25: gates[0].requires.who: 'who' is the automation question, which a gate "
         "cannot require: who decides is declared, never earned (require the practices that "
         "make the degree safe instead)"],
        id="gate-on-the-declaring-question"),
    pytest.param(  # the item that is not a mapping does not shift the degrees after it
        AUTOMATED.replace("    - {id: people, label: People decide}\n",
                          "    - {id: people, label: People decide}\n    - just text\n")
        .replace("requires: {q1: yes}", "requires: {q1: always}"),
        {"wrong-type", "degree-unknown-answer"},
        ["rubric.yaml:11: automation.degrees[1]: must be a mapping, not 'just text'",
         "rubric.yaml:12: automation.degrees[2].requires.q1: 'always' is not an answer of "
         "question 'q1' (allowed: no, partial, yes)"],
        id="a-degree-that-is-not-a-mapping"),
    pytest.param(  # one problem: its degree question is not also 'without automation'
        AUTOMATED.replace("    - {id: model, label: The model decides, requires: {q1: yes}, "
                          "sections: {s: 50}}\n", ""),
        {"too-few-degrees"},
        ["rubric.yaml:9: automation.degrees: list at least two degrees, least automated first"],
        id="a-single-degree"),
    pytest.param(  # the degree question is not blamed for a declaring question never named
        AUTOMATED.replace("  question: who\n", ""),
        {"automation-question-missing"},
        ["rubric.yaml:8: automation: a decision axis needs the question that declares the degree "
         "(add 'question: <id of a degree question>')"],
        id="automation-without-a-question-but-with-a-degree-question"),
    pytest.param(
        HEAD + LEVELS + SECTIONS + DECLARING + BANDS,
        {"degree-question-without-automation"},
        ["rubric.yaml:16: sections[0].questions[1].type: a 'degree' question answers with the "
         "degrees of the 'automation' block, which this rubric does not have (add an "
         "'automation' block, or make it a 'choice' question)"],
        id="degree-question-with-levels-but-no-automation"),
]


@pytest.mark.parametrize("text, rules, expected", DECISION_AXIS)
def test_decision_axis_problem(write, text, rules, expected):
    found = problems(write, text)
    assert {p.rule for p in found} == rules, [(p.rule, str(p)) for p in found]
    assert [str(p) for p in found] == expected


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
    found = errors(write, HEAD + LEVELS + SECTIONS + "bands:\n" + bands)
    assert any(expected in e for e in found), found


def test_adjacent_bands_meeting_exactly_are_valid(write):
    text = HEAD + LEVELS + SECTIONS + ("bands:\n  - {id: a, label: A, min: 0, max: 50}\n"
                                       "  - {id: b, label: B, above: 50, below: 70}\n"
                                       "  - {id: c, label: C, min: 70}\n")
    assert [b.id for b in load_rubric(write("r.yaml", text)).bands] == ["a", "b", "c"]


def test_all_problems_are_reported_together_in_line_order(write):
    text = (HEAD.replace("title", "titel") + "levels: []\n"
            + SECTIONS.replace("advice: a", "advice: a\n        weight: x")
            + BANDS + "gates:\n  - {id: g, level: high, requires: {nope: yes}}\n")
    found = problems(write, text)
    assert {p.rule for p in found} >= {"unknown-key", "empty-levels", "wrong-type",
                                       "gate-unknown-question"}
    lines = [p.line for p in found]
    assert lines == sorted(lines)


def test_both_axes_report_their_problems_together(write):
    text = (AUTOMATED.replace("question: who", "question: q1")
            .replace("{id: high, label: High}", "{id: high, label: High, from: 120}")
            + "gates:\n  - {id: g, level: low, requires: {q1: yes}}\n")
    found = problems(write, text)
    assert {p.rule for p in found} == {"levels-from-partial", "levels-from-above-100",
                                       "automation-question-not-degree",
                                       "degree-question-not-declaring", "gate-on-lowest-level"}
    assert [p.line for p in found] == sorted(p.line for p in found)


def test_an_unknown_format_is_refused(write):
    found = problems(write, "rubric_format: 3\n" + VALID)
    assert [str(p) for p in found] == [
        "rubric.yaml:1: rubric_format: rubric_format 3 is not read by this version of "
        "mlops-maturity, which reads format 2"]
    assert found[0].rule == "unsupported-format"


FORMAT_1 = (HEAD + "scoring: {band: degree}\n" + LEVELS.replace("levels:", "scale:") + SECTIONS
            + "gates:\n  - {id: g, degree: high, requires: {q1: yes}}\n")


@pytest.mark.parametrize("text, line, says", [
    ("rubric_format: 1\n" + FORMAT_1, 1, "rubric_format 1 is not read by this version"),
    # the user never wrote 'rubric_format 1', so the message does not quote it
    (FORMAT_1, 5, "'scale' is a key of rubric format 1; this version of mlops-maturity reads "
                  "format 2")], ids=["written", "scale-without-rubric-format"])
def test_format_1_is_refused_with_the_way_to_convert_it(write, text, line, says):
    """One problem, not a list of unknown keys: the hint is the whole conversion."""
    found = problems(write, text)
    assert len(found) == 1 and found[0].rule == "unsupported-format", found
    assert found[0].line == line
    assert says in found[0].message
    for step in ("rename 'scale' to 'levels'", "each gate's 'degree' to 'level'",
                 "'band: degree' to 'band: level'", "'automation' block",
                 "'From format 1' in `mlops-maturity docs rubric-format`"):
        assert step in found[0].hint


def test_a_boolean_is_not_format_one(write):
    found = problems(write, "rubric_format: true\n" + VALID)
    assert [p.rule for p in found] == ["unsupported-format"]
    assert "rubric_format true is not read" in found[0].message
    assert found[0].hint is None  # not told to convert from format 1: it is no format at all


def test_a_degree_question_needs_an_automation_block(write):
    text = HEAD + SECTIONS.replace("yes_partial_no", "degree") + BANDS
    found = problems(write, text)
    assert [p.rule for p in found] == ["degree-question-without-automation"]


def test_a_section_asking_only_who_decides_does_not_pin_a_min_of_sums_to_zero(write):
    """Under ``section: sum, overall: min`` a section with no points must not count as a
    section whose best is 0: every answer would then score 0."""
    text = (HEAD + "scoring: {section: sum, overall: min, band: level}\n" + LEVELS
            + AUTOMATION.replace(", sections: {s: 50}", "") + SECTIONS
            + "  - id: d\n    title: D\n    questions:\n" + DECLARING)
    rubric = load_rubric(write("rubric.yaml", text), "rubric.yaml")
    result = score(rubric, make_questionnaire(rubric, {"q1": "yes", "who": "model"}))
    assert result.score == result.max_score == 1


def test_choice_options_are_sorted_worst_first(write):
    text = VALID.replace("type: yes_partial_no", "type: choice").replace(
        "advice: a", "advice: a\n        options:\n          - {id: hi, points: 2}\n"
                     "          - {id: lo, points: 0}\n          - {id: mid, points: 1}")
    assert load_rubric(write("r.yaml", text)).questions[0].answer_ids == ("lo", "mid", "hi")


def test_levels_that_all_start_at_zero_are_valid(write):
    """Gates alone decide the level there; the bundled Google and Azure rubrics rely on it."""
    levels = "levels:\n  - {id: low, label: Low, from: 0}\n  - {id: high, label: High, from: 0}\n"
    rubric = load_rubric(write("r.yaml", HEAD + levels + SECTIONS + BANDS))
    assert [lv.start for lv in rubric.levels] == [0, 0]


def test_a_wrongly_typed_title_is_reported_not_dropped(write):
    found = errors(write, VALID.replace("title: T", "title: [T]"))
    assert found == ["rubric.yaml:2: title: must be text, not a list"]


def test_problems_name_their_rule(write):
    found = problems(write, VALID.replace("advice: a", "advice: a\n        weight: -2"))
    assert [p.rule for p in found] == ["number-too-low"]
