"""The fast roadmap gives exactly the reference roadmap's steps, for any rubric and any answers.

``tests/reference_roadmap.py`` is the specification (re-score after every step, ``judge`` for
support, ``max()`` over every candidate). Hypothesis builds random but valid format 2 rubrics
through the real loader (so every rubric here is one a user could write: maturity levels,
gates, and often a decision axis with practice requirements and section minimums), random
answers, and a declared degree placed on purpose below, at or beyond what those answers
support, or left open. Every field of every step must match: question, current and next
option, the exact ``Fraction`` gain, what it works towards, the required flag and the
unanswered flag, in the same order.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reference_roadmap
from helpers import make_questionnaire
from mlops_maturity.engine.automation import AutomationResult, judge
from mlops_maturity.engine.findings import Step, TowardsKind
from mlops_maturity.engine.readiness import (DegreeReadiness, Readiness, TargetSource,
                                             judge_target, readiness)
from mlops_maturity.engine.roadmap import roadmap
from mlops_maturity.engine.scoring import Result, Status, score
from mlops_maturity.load.assessment import open_assessment
from mlops_maturity.load.resolve import bundled_rubrics
from mlops_maturity.load.rubric import load_rubric, rubric_from_data
from mlops_maturity.load.yamlfile import parse_yaml
from mlops_maturity.model.answers import NA
from mlops_maturity.model.rubric import OverallRule, QuestionType, Rubric

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BENCH = ROOT / "benchmarks" / "bench_roadmap.py"
ABSENT = object()  # the question is left out of the questionnaire altogether
STARTS = [0, 0, 10, 12.5, 20, 25, 33.3, 40, 50, 60, 75, 80, 90, 100]
POINTS = [0, 0, Fraction(1, 2), 1, 1, 2, 3, Fraction(3, 4)]
WEIGHTS = [0, 0, Fraction(1, 2), 1, 1, 2, 3, Fraction(3, 2)]
MAX_SCORES = [100, 100, 10, 7, 2.5]
MINIMUMS = [0, 10, 25, 33.3, 50, 50, 60, 66.7, 75, 90, 99.9, 100]
WHO = "who.decides"  # the automation question's id
# Where the declared degree is put, against the degree the other answers support.
DECLARED = ["unanswered", "absent", "n/a", "below", "equal", "equal", "beyond", "beyond"]
Judged = tuple[AutomationResult | None, DegreeReadiness | None, Readiness | None]


def number(value: Fraction | int) -> float | int:
    """A weight or points as YAML writes it (halves and quarters are exact in binary)."""
    return value if isinstance(value, int) else float(value)


@st.composite
def levels(draw: st.DrawFn) -> list[dict[str, Any]]:
    """2-5 levels; ``from`` left to its default, all 0 (gates decide), or drawn and sorted."""
    count = draw(st.integers(2, 5))
    mode = draw(st.sampled_from(["default", "zero", "drawn"]))
    starts = [0] * count
    if mode == "drawn":
        starts = [0] + sorted(draw(st.lists(st.sampled_from([s for s in STARTS if s > 0]),
                                            min_size=count - 1, max_size=count - 1,
                                            unique=True)))
    return [{"id": f"l{i}", "label": f"L{i}", **({} if mode == "default" else {"from": s})}
            for i, s in enumerate(starts)]


@st.composite
def questions(draw: st.DrawFn, sid: str, count: int) -> list[dict[str, Any]]:
    """Scored questions; choice options may share points (steps that gain nothing)."""
    out = []
    for j in range(count):
        kind = draw(st.sampled_from(["yes_partial_no", "choice"]))
        q: dict[str, Any] = {"id": f"{sid}.q{j}", "type": kind, "text": "t", "why": "w",
                             "advice": "a", "weight": number(draw(st.sampled_from(WEIGHTS))),
                             "allow_na": draw(st.booleans())}
        if kind == "choice":
            points = draw(st.lists(st.sampled_from(POINTS), min_size=2, max_size=4))
            if max(points) == 0:
                points[-1] = 1
            if len(set(points)) == 1:  # some options may share points, but not all of them
                points[0] = 0 if points[0] else 1
            q["options"] = [{"id": f"o{k}", "points": number(p)} for k, p in enumerate(points)]
        out.append(q)
    if all(q["weight"] == 0 for q in out):
        out[draw(st.integers(0, count - 1))]["weight"] = 1
    return out


def option_ids(q: dict[str, Any]) -> list[str]:
    """The answers a drawn scored question will have once loaded, worst first."""
    if q["type"] == "choice":
        return [o["id"] for o in q["options"]]
    return ["no", "partial", "yes"]


def requires(draw: st.DrawFn, qs: list[dict[str, Any]], least: int, most: int
             ) -> dict[str, str]:
    """Some questions, each with any of its answers (the worst one too: only answering it,
    or n/a, meets that)."""
    picked = draw(st.lists(st.sampled_from(qs), min_size=least, max_size=most,
                           unique_by=lambda q: q["id"]))
    return {q["id"]: draw(st.sampled_from(option_ids(q))) for q in picked}


@st.composite
def gates(draw: st.DrawFn, scale: list[dict[str, Any]], sections: list[dict[str, Any]],
          most: int) -> list[dict[str, Any]]:
    """Gates on any level above the lowest, on default (every stage) or drawn sections."""
    qs = [q for s in sections for q in s["questions"] if q["type"] != "degree"]
    out = []
    for g in range(draw(st.integers(0, most))):
        gate: dict[str, Any] = {"id": f"g{g}",
                                "level": draw(st.sampled_from([lv["id"] for lv in scale[1:]]))}
        if draw(st.booleans()):
            gate["sections"] = draw(st.lists(st.sampled_from([s["id"] for s in sections]),
                                             unique=True, max_size=len(sections)))
        gate["requires"] = requires(draw, qs, 1, 3)
        out.append(gate)
    return out


@st.composite
def automation(draw: st.DrawFn, sections: list[dict[str, Any]]) -> dict[str, Any]:
    """A decision axis: 2-5 degrees, the lowest requiring nothing, each higher one some
    practices and some section minimums (on sections a weighted question can score).
    Also adds the automation question, without points, to a section or to one of its own
    (a section that never has a score)."""
    who: dict[str, Any] = {"id": WHO, "type": "degree", "text": "t", "why": "w", "advice": "a",
                           "allow_na": draw(st.booleans())}
    place = draw(st.integers(0, len(sections)))
    if place == len(sections):
        sections.append({"id": "who", "title": "Who", "kind": draw(st.sampled_from(
            ["stage", "checklist"])), "weight": number(draw(st.sampled_from(WEIGHTS))),
            "questions": [who]})
    else:
        own = sections[place]["questions"]
        own.insert(draw(st.integers(0, len(own))), who)
    qs = [q for s in sections for q in s["questions"] if q["type"] != "degree"]
    scorable = [s["id"] for s in sections
                if any(q["type"] != "degree" and q["weight"] for q in s["questions"])]
    degrees: list[dict[str, Any]] = [{"id": "d0", "label": "D0"}]
    for d in range(1, draw(st.integers(2, 5))):
        degree: dict[str, Any] = {"id": f"d{d}", "label": f"D{d}"}
        if draw(st.booleans()):
            degree["requires"] = requires(draw, qs, 1, 3)
        if draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(scorable), min_size=1, max_size=2,
                                   unique=True))
            degree["sections"] = {sid: number(Fraction(str(draw(st.sampled_from(MINIMUMS)))))
                                  for sid in chosen}
        degrees.append(degree)
    return {"question": WHO, "degrees": degrees}


@st.composite
def rubric_data(draw: st.DrawFn, most_sections: int = 4, questions_each: int = 5,
                most_gates: int = 3) -> dict[str, Any]:
    """A whole format 2 rubric as the YAML mapping an author would write."""
    scale = draw(levels())
    sections = []
    for i in range(draw(st.integers(1, most_sections))):
        sid = f"s{i}"
        sections.append({"id": sid, "title": sid,
                         "kind": draw(st.sampled_from(["stage", "checklist"])),
                         "weight": number(draw(st.sampled_from(WEIGHTS))),
                         "questions": draw(questions(sid, draw(st.integers(1, questions_each))))})
    axis = draw(automation(sections)) if draw(st.integers(0, 3)) else None
    if all(s["weight"] == 0 for s in sections):
        sections[0]["weight"] = 1
    band = draw(st.sampled_from(["score", "level"]))
    data: dict[str, Any] = {
        "rubric_format": 2, "id": "generated", "title": "Generated", "version": "1",
        "scoring": {"section": draw(st.sampled_from(["weighted_mean", "sum"])),
                    "overall": draw(st.sampled_from(["weighted_mean", "min"])),
                    "max_score": draw(st.sampled_from(MAX_SCORES)), "band": band},
        "levels": scale, "sections": sections,
        "gates": draw(gates(scale, sections, most_gates))}
    if axis is not None:
        data["automation"] = axis
    if band == "score":
        data["bands"] = [{"id": "all", "label": "All", "min": 0}]
    return data


def build(data: dict[str, Any]) -> Rubric:
    """Through the real loader, so the rubric has passed every check a user's rubric does."""
    text = yaml.safe_dump(data, sort_keys=False)
    return rubric_from_data(parse_yaml(text, "generated.yaml"), "generated.yaml")


def draw_answers(draw: st.DrawFn, rubric: Rubric) -> dict[str, str | None]:
    """Any option, n/a where allowed, an empty answer, or no answer at all; the automation
    question is drawn the same way (``declare`` places it on purpose instead)."""
    answers: dict[str, str | None] = {}
    for q in rubric.questions:
        picks: list[Any] = [*q.answer_ids, None, ABSENT] + ([NA, NA] if q.allow_na else [])
        value = draw(st.sampled_from(picks))
        if value is not ABSENT:
            answers[q.id] = value
    return answers


def declare(draw: st.DrawFn, rubric: Rubric, answers: dict[str, str | None]) -> None:
    """Put the declared degree below, at or beyond the degree the other answers support, or
    leave it open. The automation question carries no points and no degree may require it,
    so what the other answers support does not depend on it."""
    if rubric.automation is None:
        return
    qid = rubric.automation.question
    answers.pop(qid, None)
    axis = judge(score(rubric, make_questionnaire(rubric, answers)))
    assert axis is not None
    ids, supported = [d.id for d in rubric.automation.degrees], axis.supported_index
    where = draw(st.sampled_from(DECLARED))
    if where == "n/a" and not rubric.question(qid).allow_na:  # type: ignore[union-attr]
        where = "unanswered"
    if where == "below" and supported > 0:
        answers[qid] = draw(st.sampled_from(ids[:supported]))
    elif where == "beyond" and supported + 1 < len(ids):
        answers[qid] = draw(st.sampled_from(ids[supported + 1:]))
    elif where in ("below", "equal", "beyond"):
        answers[qid] = ids[supported]
    elif where != "absent":
        answers[qid] = NA if where == "n/a" else None


class Case:
    """A drawn rubric and its answers, shown as the YAML that reproduces them when Hypothesis
    reports a failure (a ``Result`` would print thousands of lines)."""

    def __init__(self, data: dict[str, Any], answers: dict[str, str | None]):
        self.data, self.answers = data, answers
        rubric = build(data)
        self.result = score(rubric, make_questionnaire(rubric, answers))

    def __repr__(self) -> str:
        return "\n" + yaml.safe_dump({"rubric": self.data, "answers": self.answers},
                                     sort_keys=False, width=100)


@st.composite
def cases(draw: st.DrawFn, **sizes: int) -> Case:
    """A random rubric and its answers."""
    data = draw(rubric_data(**sizes))
    rubric = build(data)
    answers = draw_answers(draw, rubric)
    declare(draw, rubric, answers)
    return Case(data, answers)


def targets(rubric: Rubric) -> list[str | None]:
    """No target, every degree of automation and every maturity level."""
    return [None, *rubric.target_ids]


def judged(result: Result, target: str | None) -> Judged:
    """What ``api.run`` hands the roadmap for a target: the decision axis, readiness for a
    degree (always, with an axis: the target, or the next degree) and readiness for a level
    (a level target, or the next level when there is no axis)."""
    return judge_target(result, target, TargetSource.COMMAND_LINE)


def inputs(result: Result, target: str | None) -> list[Judged]:
    """The roadmap's inputs for one target as ``api.run`` builds them; for no target, also
    no readiness at all, the axis alone, and a degree's and a level's readiness together."""
    run = judged(result, target)
    if target is not None:
        return [run]
    axis, degree_ready, _ = run
    both = readiness(result, None, TargetSource.NEXT_LEVEL)
    return [run, (None, None, None), (axis, None, None), (axis, degree_ready, both)]


def assert_same(result: Result, target: str | None) -> list[Step]:
    """Both roadmaps for one target, for each of ``inputs``; the api's steps are returned."""
    found: list[Step] = []
    for judgement in inputs(result, target):
        expected = reference_roadmap.roadmap(result, *judgement)
        actual = roadmap(result, *judgement)
        if actual != expected:
            raise AssertionError(difference(expected, actual, target, judgement))
        assert all(type(s.gain) is Fraction for s in actual)
        found = found or list(actual)
    return found


def difference(expected: tuple[Step, ...], actual: tuple[Step, ...], target: str | None,
               judgement: Judged) -> str:
    """The first step where the roadmaps part, with one step either side, in one line each."""
    at = next((i for i, (e, a) in enumerate(zip(expected, actual)) if e != a),
              min(len(expected), len(actual)))
    passed = ", ".join(type(j).__name__ for j in judgement if j is not None) or "nothing"
    lines = [(f"target {target}, given {passed}: the roadmaps part at step {at} "
              f"(reference {len(expected)} steps, fast {len(actual)})")]
    for name, steps in (("reference", expected), ("fast", actual)):
        lines.append(f"  {name}:")
        lines += [f"    {i}. {brief(s)}" for i, s in enumerate(steps) if at - 1 <= i <= at + 1]
    return "\n".join(lines)


def brief(step: Step) -> str:
    """A step on one line."""
    towards = f"{step.towards.kind.value} {step.towards.id}" if step.towards else "-"
    return (f"{step.question.id}: {step.current} -> {step.next}, gain {step.gain}, towards "
            f"{towards}, required {step.required}, unanswered {step.unanswered}")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_fast_roadmap_equals_reference_on_random_rubrics(case: Case) -> None:
    """The proof: hundreds of random valid rubrics and answers, every target."""
    for target in targets(case.result.rubric):
        assert_same(case.result, target)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(most_sections=8, questions_each=12, most_gates=8))
def test_fast_roadmap_equals_reference_on_larger_rubrics(case: Case) -> None:
    """More and longer sections, more gates: long climbs, gates passing one by one, the
    weakest section changing hands, section minimums met step by step, many ties."""
    for target in [None, *case.result.rubric.target_ids[-1:]]:
        assert_same(case.result, target)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), name=st.sampled_from(sorted(bundled_rubrics())))
def test_fast_roadmap_equals_reference_on_bundled_rubrics(data: st.DataObject, name: str) -> None:
    """The rubrics users run, with random answers and a declared degree placed on purpose."""
    rubric = load_rubric(bundled_rubrics()[name])
    answers = draw_answers(data.draw, rubric)
    declare(data.draw, rubric, answers)
    result = score(rubric, make_questionnaire(rubric, answers))
    assert_same(result, data.draw(st.sampled_from(targets(rubric))))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_fast_roadmap_equals_reference_on_every_example(example: Path) -> None:
    """Every bundled example, for every target and for its own."""
    a = open_assessment(example)
    result = score(a.rubric, a.questionnaire)
    for target in targets(a.rubric) + [a.questionnaire.target]:
        assert_same(result, target)


def test_the_support_phase_makes_the_declared_degree_supported() -> None:
    """What the first phase is for, checked on the reference itself: once its steps are
    applied, the declared degree is supported, unless a section minimum it needs cannot be
    reached (every question of the section at its best, or n/a)."""
    checked = []

    @settings(max_examples=150, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(case=cases())
    def look(case: Case) -> None:
        result = case.result
        axis, degree_ready, _ = judged(result, None)
        if axis is None or axis.within_support is not False:
            return
        steps = reference_roadmap.roadmap(result, axis, degree_ready)
        support = [s for s in steps if s.towards and s.towards.kind is TowardsKind.SUPPORT]
        after = judge(applied(result, support))
        assert after is not None
        if after.supported_index < axis.declared_index:  # type: ignore[operator]
            failed = [c for c in after.checks[:axis.declared_index + 1]  # type: ignore
                      if not c.met]
            assert all(p.met for p in failed[0].practices)
            return
        checked.append(True)
    look()
    assert checked, "the generator never drew a system running beyond its support"


def applied(result: Result, steps: list[Step]) -> Result:
    """The result of taking some steps (each moves one answer to its ``next``)."""
    answers = {qr.question.id: NA if qr.status is Status.NOT_APPLICABLE
               else None if qr.status is Status.UNANSWERED else qr.option_id
               for qr in result.questions}
    for step in steps:
        answers[step.question.id] = step.next
    return score(result.rubric, make_questionnaire(result.rubric, answers))


def test_generated_rubrics_cover_the_edge_cases() -> None:
    """The generator can reach what the fast path must get right (guards against a strategy
    that silently stopped producing them)."""
    seen: set[str] = set()

    @settings(max_examples=400, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(case=cases())
    def look(case: Case) -> None:
        result = case.result
        rubric = result.rubric
        scoring = rubric.scoring
        seen.add(f"{scoring.section}/{scoring.overall}")
        if any(s.weight == 0 for s in rubric.sections):
            seen.add("section weight 0")
        if len({lv.start for lv in rubric.levels}) == 1:
            seen.add("gate-decided levels")
        if any(len({o.points for o in q.options}) < len(q.options) for q in rubric.questions):
            seen.add("equal points")
        if rubric.gates:
            seen.add("gates")
        axis = judge(result)
        if axis is None:
            return
        seen.add("automation")
        if any(s.score is None for s in result.sections):
            seen.add("a section without a score")
        declared, supported = axis.declared_index, axis.supported_index
        seen.add("undeclared" if declared is None else "below support"
                 if declared < supported else "design point" if declared == supported
                 else "beyond support")
        if any(not c.met for check in axis.checks for c in check.sections):
            seen.add("unmet section minimum")
        if any(not p.met and p.result.answer is None and p.requirement.at_least
               == p.result.question.worst.id for check in axis.checks for p in check.practices):
            seen.add("unanswered question required at its worst answer")
    look()
    assert {"weighted_mean/weighted_mean", "weighted_mean/min", "sum/weighted_mean", "sum/min",
            "section weight 0", "gate-decided levels", "equal points", "gates", "automation",
            "a section without a score", "undeclared", "below support", "design point",
            "beyond support", "unmet section minimum",
            "unanswered question required at its worst answer"} <= seen, seen


def bench() -> Any:
    """``benchmarks/bench_roadmap.py`` as a module, for its seeded rubric generator."""
    spec = importlib.util.spec_from_file_location("bench_roadmap", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("overall", list(OverallRule), ids=lambda r: r.value)
@pytest.mark.parametrize("seed", [1, 2])
def test_fast_roadmap_equals_reference_on_a_generated_150_question_rubric(
        overall: OverallRule, seed: int) -> None:
    """The benchmark's rubrics: a decision axis, many gates and long roadmaps."""
    b = bench()
    rubric = b.generated_rubric(150, seed=seed, overall=overall)
    assert rubric.automation is not None
    assert any(q.type is QuestionType.DEGREE for q in rubric.questions)
    result = score(rubric, b.random_questionnaire(rubric, seed=seed))
    for target in [None, rubric.automation.degrees[-1].id, rubric.levels[-1].id]:
        judgement = judged(result, target)
        assert roadmap(result, *judgement) == reference_roadmap.roadmap(result, *judgement)


def test_the_quick_benchmark_runs() -> None:
    """A smoke test of ``bench_roadmap.py --quick``: it runs, and prints its three figures
    (their times are not checked: the machines are shared)."""
    run = subprocess.run([sys.executable, str(BENCH), "--quick"], capture_output=True,
                         text=True, timeout=120, check=True)
    assert all(f"\n{k}. " in "\n" + run.stdout for k in (1, 2, 3)), run.stdout
    assert "fitted exponent" in run.stdout
