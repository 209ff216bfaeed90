"""Anything ``validate`` accepts, ``score``, ``report`` and ``badge`` handle, with every
threshold option: exit 0 or 1, never 3. And the loader, fed random bytes or random YAML,
either returns a document or raises the tool's own input error, quickly.
"""

from __future__ import annotations

import time

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mlops_maturity.cli.application import app
from mlops_maturity.load.yamlfile import parse_yaml
from mlops_maturity.model.errors import MaturityError

NUMBERS = st.sampled_from([0, 0.5, 1, 2, 3, 7.25, 100, 1000000])
WEIGHTS = st.sampled_from([0, 0.5, 1, 1, 2, 3, 1000000])
IDS = st.sampled_from(["a", "b", "c", "d"])


@st.composite
def rubrics(draw) -> dict:
    """Small rubrics of every shape the format allows, valid or not."""
    levels = draw(st.sampled_from([0, 2, 3, 4]))
    step = draw(st.sampled_from([0, 10, 25]))  # 0: the gates alone decide the level
    scale = [{"id": f"l{i}", "label": f"L{i}", "from": step * i} for i in range(levels)]
    sections = []
    for s in range(draw(st.integers(1, 3))):
        questions = []
        for q in range(draw(st.integers(1, 3))):
            kind = draw(st.sampled_from(["yes_partial_no", "choice"] + (["degree"] if scale else [])))
            question = {"id": f"s{s}.q{q}", "type": kind, "text": "T", "why": "W", "advice": "A",
                        "weight": draw(WEIGHTS), "allow_na": draw(st.booleans())}
            if kind == "choice":
                points = draw(st.lists(NUMBERS, min_size=2, max_size=3, unique=True))
                question["options"] = [{"id": f"o{i}", "points": p} for i, p in enumerate(points)]
            questions.append(question)
        sections.append({"id": f"s{s}", "title": f"S{s}", "weight": draw(WEIGHTS),
                         "kind": draw(st.sampled_from(["stage", "checklist"])),
                         "questions": questions})
    rubric = {"rubric_format": 1, "id": "gen", "title": "G", "version": "1",
              "scoring": {"section": draw(st.sampled_from(["weighted_mean", "sum"])),
                          "overall": draw(st.sampled_from(["weighted_mean", "min"]))},
              "sections": sections}
    if scale:
        rubric["scale"] = scale
        if draw(st.booleans()) and levels > 1:
            q = sections[0]["questions"][0]
            answer = "yes" if q["type"] == "yes_partial_no" else (
                q.get("options", [{"id": "l0"}])[-1]["id"] if q["type"] == "choice" else "l0")
            rubric["gates"] = [{"id": "g", "degree": f"l{levels - 1}", "requires": {q["id"]: answer}}]
    if draw(st.booleans()) and scale:
        rubric["scoring"]["band"] = "degree"
    else:
        rubric["bands"] = [{"id": "all", "label": "All", "min": 0}]
    return rubric


def answers_for(draw, rubric: dict) -> dict:
    answers = {}
    for section in rubric["sections"]:
        for q in section["questions"]:
            if q["type"] == "yes_partial_no":
                choices = ["yes", "partial", "no"]
            elif q["type"] == "choice":
                choices = [o["id"] for o in q["options"]]
            else:
                choices = [lv["id"] for lv in rubric["scale"]]
            if q.get("allow_na"):
                choices.append("n/a")
            pick = draw(st.sampled_from(choices + [None]))
            if pick is not None:
                answers[q["id"]] = pick
    return answers


OPTIONS = st.lists(st.sampled_from([
    ["--fail-under", "0"], ["--fail-under", "50"], ["--fail-under", "99.9"],
    ["--fail-under-degree", "l0"], ["--fail-under-degree", "l2"], ["--target", "l1"],
    ["--strict"]]), max_size=3)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_what_validate_accepts_never_crashes_later(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("gen")
    rubric = data.draw(rubrics())
    (folder / "r.yaml").write_text(yaml.safe_dump(rubric), encoding="utf-8")
    answers = answers_for(data.draw, rubric)
    q = folder / "q.yaml"
    q.write_text(yaml.safe_dump({"rubric": "r.yaml", "answers": answers}), encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(app, ["validate", str(folder / "r.yaml"), str(q)])
    assert checked.exit_code in (0, 2), checked.stdout + checked.stderr
    event("validated" if checked.exit_code == 0 else "refused by validate")
    if checked.exit_code != 0:
        return
    for option in data.draw(OPTIONS):
        result = runner.invoke(app, ["score", str(q), "--format", "json", *option])
        assert result.exit_code in (0, 1, 2), result.stderr
        assert "internal error" not in result.stderr, result.stderr
        if result.exit_code == 2:  # only a usage error about the option itself
            assert result.stderr.startswith(("error: --fail-under", "error: --target",
                                             "error: --fail-under-degree",
                                             "error: " + str(q))), result.stderr
    out = folder / "out"
    out.mkdir(exist_ok=True)
    result = runner.invoke(app, ["report", str(q), "-o", str(out / "r.html"), "-o",
                                 str(out / "r.md"), "-o", str(out / "r.json"), "--force"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["badge", str(q), "-o", str(out / "b.svg"), "--force"])
    assert result.exit_code == 0, result.stderr


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_parse_or_fail_cleanly(raw):
    text = raw.decode("utf-8", "replace")
    start = time.monotonic()
    try:
        parse_yaml(text, "fuzz.yaml")
    except MaturityError as exc:
        assert all("fuzz.yaml" in str(p) for p in exc.problems)
    assert time.monotonic() - start < 2


YAML_PIECES = st.sampled_from(["a: 1\n", "- x\n", "? k\n", ": v\n", "&a b\n", "*a\n", "!!str x\n",
                               "<<: {}\n", "'q\n", '"\\u\n', "{", "}", "[", "]", "---\n", "...\n",
                               "\t", "  ", "#c\n", "k: [1, {b: 2}]\n", "y: yes\n", "d: 2026-13-40\n",
                               "n: .inf\n", "x: 0x1F\n", "t: 1:30\n", "%YAML 1.1\n", "u: \u202e\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(YAML_PIECES, max_size=12))
def test_random_yaml_parses_or_fails_cleanly(pieces):
    start = time.monotonic()
    try:
        parse_yaml("".join(pieces), "fuzz.yaml")
    except MaturityError as exc:
        assert exc.problems
    assert time.monotonic() - start < 2
