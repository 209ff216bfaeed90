"""The fast roadmap gives exactly the reference roadmap's steps, for any rubric and any answers.

``tests/reference_roadmap.py`` is the original simulation (re-score after every step, ``max()``
over every candidate) and is the specification. Hypothesis builds random but valid rubrics
through the real loader (so every rubric here is one a user could write) and random answers,
and every field of every step must match: question, current and next option, the exact
``Fraction`` gain, the degree, the blocker flag and the unanswered flag, in the same order.
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
from mlops_maturity.engine.readiness import TargetSource, readiness
from mlops_maturity.engine.roadmap import roadmap
from mlops_maturity.engine.scoring import Result, score
from mlops_maturity.load.assessment import open_assessment
from mlops_maturity.load.resolve import bundled_rubrics
from mlops_maturity.load.rubric import load_rubric, rubric_from_data
from mlops_maturity.load.yamlfile import parse_yaml
from mlops_maturity.model.answers import NA
from mlops_maturity.model.rubric import OverallRule, Rubric

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BENCH = ROOT / "benchmarks" / "bench_roadmap.py"
ABSENT = object()  # the question is left out of the questionnaire altogether
STARTS = [0, 0, 10, 12.5, 20, 25, 33.3, 40, 50, 60, 75, 80, 90, 100]
POINTS = [0, 0, Fraction(1, 2), 1, 1, 2, 3, Fraction(3, 4)]
WEIGHTS = [0, 0, Fraction(1, 2), 1, 1, 2, 3, Fraction(3, 2)]
MAX_SCORES = [100, 100, 10, 7, 2.5]


def number(value: Fraction | int) -> float | int:
    """A weight or points as YAML writes it (halves and quarters are exact in binary)."""
    return value if isinstance(value, int) else float(value)


@st.composite
def scales(draw: st.DrawFn) -> list[dict[str, Any]]:
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
    """Questions of every type; choice options may share points (steps that gain nothing)."""
    out = []
    for j in range(count):
        kind = draw(st.sampled_from(["yes_partial_no", "degree", "choice"]))
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


@st.composite
def gates(draw: st.DrawFn, scale: list[dict[str, Any]], sections: list[dict[str, Any]],
          most: int) -> list[dict[str, Any]]:
    """Gates on any degree above the lowest, on default (every stage) or drawn sections."""
    qs = [q for s in sections for q in s["questions"]]
    out = []
    for g in range(draw(st.integers(0, most))):
        gate: dict[str, Any] = {"id": f"g{g}",
                                "degree": draw(st.sampled_from([lv["id"] for lv in scale[1:]]))}
        if draw(st.booleans()):
            gate["sections"] = draw(st.lists(st.sampled_from([s["id"] for s in sections]),
                                             unique=True, max_size=len(sections)))
        picked = draw(st.lists(st.sampled_from(qs), min_size=1, max_size=3,
                               unique_by=lambda q: q["id"]))
        gate["requires"] = {q["id"]: draw(st.sampled_from(option_ids(q, scale))) for q in picked}
        out.append(gate)
    return out


def option_ids(q: dict[str, Any], scale: list[dict[str, Any]]) -> list[str]:
    """The answers a drawn question will have once loaded, worst first for fixed types."""
    if q["type"] == "choice":
        return [o["id"] for o in q["options"]]
    if q["type"] == "degree":
        return [lv["id"] for lv in scale]
    return ["no", "partial", "yes"]


@st.composite
def rubric_data(draw: st.DrawFn, most_sections: int = 4, questions_each: int = 5,
                most_gates: int = 3) -> dict[str, Any]:
    """A whole rubric as the YAML mapping an author would write."""
    scale = draw(scales())
    sections = []
    for i in range(draw(st.integers(1, most_sections))):
        sid = f"s{i}"
        sections.append({"id": sid, "title": sid,
                         "kind": draw(st.sampled_from(["stage", "checklist"])),
                         "weight": number(draw(st.sampled_from(WEIGHTS))),
                         "questions": draw(questions(sid, draw(st.integers(1, questions_each))))})
    if all(s["weight"] == 0 for s in sections):
        sections[0]["weight"] = 1
    band = draw(st.sampled_from(["score", "degree"]))
    data: dict[str, Any] = {
        "rubric_format": 1, "id": "generated", "title": "Generated", "version": "1",
        "scoring": {"section": draw(st.sampled_from(["weighted_mean", "sum"])),
                    "overall": draw(st.sampled_from(["weighted_mean", "min"])),
                    "max_score": draw(st.sampled_from(MAX_SCORES)), "band": band},
        "scale": scale, "sections": sections,
        "gates": draw(gates(scale, sections, most_gates))}
    if band == "score":
        data["bands"] = [{"id": "all", "label": "All", "min": 0}]
    return data


def build(data: dict[str, Any]) -> Rubric:
    """Through the real loader, so the rubric has passed every check a user's rubric does."""
    text = yaml.safe_dump(data, sort_keys=False)
    return rubric_from_data(parse_yaml(text, "generated.yaml"), "generated.yaml")


def draw_answers(draw: st.DrawFn, rubric: Rubric) -> dict[str, str | None]:
    """Any option, n/a where allowed, an empty answer, or no answer at all."""
    answers: dict[str, str | None] = {}
    for q in rubric.questions:
        picks: list[Any] = [*q.answer_ids, None, ABSENT] + ([NA, NA] if q.allow_na else [])
        value = draw(st.sampled_from(picks))
        if value is not ABSENT:
            answers[q.id] = value
    return answers


def targets(rubric: Rubric) -> list[str | None]:
    """No target (the next degree) and every degree of the scale."""
    return [None] + [lv.id for lv in rubric.scale]


def assert_same(result: Result, target: str | None) -> None:
    """Both roadmaps for one target; None also tries the roadmap without any readiness."""
    ready = readiness(result, target, TargetSource.COMMAND_LINE)
    for judged in ([ready, None] if target is None else [ready]):
        expected = reference_roadmap.roadmap(result, judged)
        actual = roadmap(result, judged)
        assert actual == expected
        assert all(type(s.gain) is Fraction for s in actual)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_roadmap_equals_reference_on_random_rubrics(data: st.DataObject) -> None:
    """The proof: hundreds of random valid rubrics and answers, every target."""
    rubric = build(data.draw(rubric_data()))
    result = score(rubric, make_questionnaire(rubric, draw_answers(data.draw, rubric)))
    for target in targets(rubric):
        assert_same(result, target)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_roadmap_equals_reference_on_larger_rubrics(data: st.DataObject) -> None:
    """More and longer sections, more gates: long climbs, gates passing one by one, the
    weakest section changing hands, many ties."""
    rubric = build(data.draw(rubric_data(most_sections=8, questions_each=12, most_gates=8)))
    result = score(rubric, make_questionnaire(rubric, draw_answers(data.draw, rubric)))
    for target in targets(rubric):
        assert_same(result, target)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), name=st.sampled_from(sorted(bundled_rubrics())))
def test_fast_roadmap_equals_reference_on_bundled_rubrics(data: st.DataObject, name: str) -> None:
    """The rubrics users run, with random answers."""
    rubric = load_rubric(bundled_rubrics()[name])
    result = score(rubric, make_questionnaire(rubric, draw_answers(data.draw, rubric)))
    assert_same(result, data.draw(st.sampled_from(targets(rubric))))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_fast_roadmap_equals_reference_on_every_example(example: Path) -> None:
    """Every bundled example, for every target and for its own."""
    a = open_assessment(example)
    result = score(a.rubric, a.questionnaire)
    for target in targets(a.rubric) + [a.questionnaire.target]:
        assert_same(result, target)


def test_generated_rubrics_cover_the_edge_cases() -> None:
    """The generator can reach what the fast path must get right (guards against a strategy
    that silently stopped producing them)."""
    seen: set[str] = set()

    @settings(max_examples=300, deadline=None, database=None)
    @given(data=rubric_data())
    def look(data: dict[str, Any]) -> None:
        rubric = build(data)
        scoring = rubric.scoring
        seen.add(f"{scoring.section}/{scoring.overall}")
        if any(s.weight == 0 for s in rubric.sections):
            seen.add("section weight 0")
        if len({lv.start for lv in rubric.scale}) == 1:
            seen.add("gate-decided scale")
        if any(len({o.points for o in q.options}) < len(q.options) for q in rubric.questions):
            seen.add("equal points")
        if rubric.gates:
            seen.add("gates")
    look()
    assert {"weighted_mean/weighted_mean", "weighted_mean/min", "sum/weighted_mean", "sum/min",
            "section weight 0", "gate-decided scale", "equal points", "gates"} <= seen


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
    """The benchmark's rubrics: ten sections, many gates and long roadmaps."""
    b = bench()
    rubric = b.generated_rubric(150, seed=seed, overall=overall)
    result = score(rubric, b.random_questionnaire(rubric, seed=seed))
    for target in [None, rubric.scale[-1].id]:
        assert_same(result, target)


def test_the_quick_benchmark_runs() -> None:
    """A smoke test of ``bench_roadmap.py --quick``: it runs, and prints its three figures
    (their times are not checked: the machines are shared)."""
    run = subprocess.run([sys.executable, str(BENCH), "--quick"], capture_output=True,
                         text=True, timeout=120, check=True)
    assert all(f"\n{k}. " in "\n" + run.stdout for k in (1, 2, 3)), run.stdout
    assert "fitted exponent" in run.stdout
