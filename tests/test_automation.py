"""The decision axis: who decides is declared, never computed; the practices support a degree
when its requirements and those of every degree below are met; the roadmap never proposes
taking people out of the decision.
"""

from __future__ import annotations

import json
from pathlib import Path
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import all_answers, make_questionnaire
from mlops_maturity.cli.application import app
from mlops_maturity.engine.automation import judge
from mlops_maturity.engine.findings import BlockerKind, TowardsKind
from mlops_maturity.engine.readiness import TargetSource, degree_readiness
from mlops_maturity.engine.roadmap import roadmap
from mlops_maturity.engine.scoring import score
from mlops_maturity.load.resolve import bundled_rubrics
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.model.answers import Answer


@pytest.fixture(scope="module")
def tiny(request):
    from conftest import DATA
    return load_rubric(DATA / "tiny-automation.yaml")


@pytest.fixture(scope="module")
def bundled():
    return load_rubric(bundled_rubrics()["mlops-automation"])


def axis_of(rubric, answers):
    result = score(rubric, make_questionnaire(rubric, answers))
    return result, judge(result)


ALL_GOOD = {"build.eval": "yes", "build.ci": "yes", "watch.logs": "yes", "watch.alerts": "yes",
            "watch.drift": "yes"}


@pytest.mark.parametrize("answers, supported, declared, within", [
    ({}, "people", None, None),                                    # nothing answered, nothing met
    ({"watch.logs": "yes"}, "shadow", None, None),
    ({"watch.logs": "partial", "build.eval": "yes"}, "people", None, None),  # a gap stops the climb
    ({"watch.logs": "yes", "build.eval": "partial", "build.decides": "assist"}, "assist", "assist",
     True),
    ({"watch.logs": "yes", "build.eval": "partial", "build.decides": "model"}, "assist", "model",
     False),
    ({**ALL_GOOD, "build.decides": "people"}, "model", "people", True),
    # the model degree also asks the watch section for 60%: logs yes, alerts yes, drift no = 66.6
    ({**ALL_GOOD, "watch.drift": "no", "build.decides": "model"}, "model", "model", True),
    # with alerts partial too, watch scores (1 + 1/2 + 0) / 3 = 50%, short of 60%
    ({**ALL_GOOD, "watch.drift": "no", "watch.alerts": "partial", "build.decides": "model"},
     "assist", "model", False),
    ({**ALL_GOOD, "watch.drift": "n/a", "build.decides": "shadow"}, "model", "shadow", True),
])
def test_supported_and_within_support_table(tiny, answers, supported, declared, within):
    _, axis = axis_of(tiny, answers)
    assert axis.supported.id == supported
    assert (axis.declared.id if axis.declared else None) == declared
    assert axis.within_support is within


def test_beyond_support_is_the_first_blocker_in_the_words_of_the_issue(tiny):
    result, axis = axis_of(tiny, {"watch.logs": "yes", "build.decides": "model"})
    ready = degree_readiness(result, axis, None, TargetSource.QUESTIONNAIRE)
    first = ready.blockers[0]
    assert (first.kind, first.current, first.needed) == (BlockerKind.BEYOND_SUPPORT, "model",
                                                         "shadow")
    # the rest is what every degree up to the declared one lacks, lowest degree first
    rest = [(b.kind, b.question.id if b.question else b.section, b.needed) for b in ready.blockers[1:]]
    assert rest == [(BlockerKind.PRACTICE, "build.eval", "yes"),
                    (BlockerKind.PRACTICE, "watch.alerts", "yes"),
                    (BlockerKind.SECTION, "watch", ready.blockers[-1].needed)]


def test_an_undeclared_degree_is_a_blocker_and_the_default_target_is_above_support(tiny):
    result, axis = axis_of(tiny, {"watch.logs": "yes"})
    ready = degree_readiness(result, axis, None, TargetSource.QUESTIONNAIRE)
    assert ready.blockers[0].kind is BlockerKind.UNDECLARED
    assert (ready.target.id, ready.source) == ("assist", TargetSource.NEXT_DEGREE)


def test_design_point_judges_the_declared_degree_alone(tiny):
    result, axis = axis_of(tiny, {"watch.logs": "yes", "build.eval": "partial",
                                  "build.decides": "assist"})
    ready = degree_readiness(result, axis, "assist", TargetSource.QUESTIONNAIRE)
    assert ready.design_point and ready.ready and ready.blockers == ()
    steps = roadmap(result, axis, ready, None)
    assert all(s.towards is None or s.towards.kind is TowardsKind.LEVEL for s in steps)
    assert "build.decides" not in {s.question.id for s in steps}


def test_roadmap_order_beyond_support_then_target_then_maturity(tiny):
    answers = {"build.decides": "assist", "build.ci": "no"}
    result, axis = axis_of(tiny, answers)
    ready = degree_readiness(result, axis, "model", TargetSource.COMMAND_LINE)
    steps = roadmap(result, axis, ready, None)
    kinds = [s.towards.kind if s.towards else None for s in steps]
    support = [i for i, k in enumerate(kinds) if k is TowardsKind.SUPPORT]
    degree = [i for i, k in enumerate(kinds) if k is TowardsKind.DEGREE]
    level = [i for i, k in enumerate(kinds) if k is TowardsKind.LEVEL]
    assert support and degree and level
    assert max(support) < min(degree) < max(degree) < min(level)
    # unanswered, then partial, then yes: two steps, both for what shadow mode needs
    assert [(s.question.id, s.next) for s in steps if s.towards and s.towards.id == "shadow"] == [
        ("watch.logs", "partial"), ("watch.logs", "yes")]
    assert all(s.question.id != "build.decides" for s in steps)
    # applying every step reaches the target: the practices then support 'model'
    final = apply(tiny, answers, steps)
    assert judge(final).supported.id == "model"


def apply(rubric, answers, steps):
    values = dict(answers)
    for s in steps:
        values[s.question.id] = s.next
    return score(rubric, make_questionnaire(rubric, values))


def test_a_person_decides_with_every_practice_at_its_best(bundled):
    """The case from the issue: with every practice best and people deciding (AI assistance),
    the system runs at AI assistance, within support; no output names full automation as the
    degree it runs at, and the roadmap never proposes changing who decides."""
    answers = all_answers(bundled, lambda q: q.best.id)
    answers["scoping.degree"] = "ai_assistance"
    result, axis = axis_of(bundled, answers)
    assert (axis.declared.id, axis.supported.id, axis.within_support) == (
        "ai_assistance", "full_automation", True)
    ready = degree_readiness(result, axis, "ai_assistance", TargetSource.QUESTIONNAIRE)
    assert ready.design_point and ready.ready
    assert all(s.question.id != "scoping.degree"
               for s in roadmap(result, axis, ready, None))


def test_the_human_decides_case_through_every_output(bundled, tmp_path):
    answers = all_answers(bundled, lambda q: q.best.id)
    answers["scoping.degree"] = "ai_assistance"
    path = tmp_path / "q.yaml"
    path.write_text(json.dumps({"rubric": "mlops-automation", "target": "ai_assistance",
                                "answers": answers}), encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(app, ["score", str(path)]).stdout
    assert "Runs at: AI assistance (declared)" in text and "within support" in text
    assert "Runs at: Full automation" not in text
    data = json.loads(runner.invoke(app, ["score", str(path), "--format", "json"]).stdout)
    assert data["automation"]["declared"] == "ai_assistance"
    assert data["automation"]["within_support"] is True
    assert data["overall"]["level"] == "adaptive"
    badge = runner.invoke(app, ["badge", str(path), "-o", "-"]).stdout
    assert "AI assistance · within support" in badge and "Full automation" not in badge


def test_fail_unsupported_gates_ci(tmp_path, root):
    runner = CliRunner()
    beyond = root / "examples" / "demand-forecast-batch.yaml"
    within = root / "examples" / "fraud-realtime-canary.yaml"
    result = runner.invoke(app, ["score", str(beyond), "--fail-unsupported"])
    assert result.exit_code == 1
    assert "runs at partial_automation (declared), beyond what its practices support" in \
        result.stderr
    assert runner.invoke(app, ["score", str(within), "--fail-unsupported"]).exit_code == 0


def test_the_old_degree_gate_names_the_new_flags(root):
    result = CliRunner().invoke(app, ["score", str(root / "examples" / "speech-edge.yaml"),
                                      "--fail-under-degree", "ai_assistance"])
    assert result.exit_code == 2
    assert "--fail-unsupported" in result.stderr and "--fail-under-level" in result.stderr


def test_fail_under_level_refuses_a_degree_with_the_reason(root):
    result = CliRunner().invoke(app, ["score", str(root / "examples" / "speech-edge.yaml"),
                                      "--fail-under-level", "full_automation"])
    assert result.exit_code == 2 and "declared, not earned" in result.stderr
    result = CliRunner().invoke(app, ["score", str(root / "examples" / "speech-edge.yaml"),
                                      "--fail-under-level", "managed"])
    assert result.exit_code == 1 and "below --fail-under-level managed by 2 levels" in \
        result.stderr


# --- properties ---------------------------------------------------------------------------

@st.composite
def answer_sets(draw, rubric):
    return {q.id: draw(st.sampled_from(q.answer_ids + (("n/a",) if q.allow_na else ()) + (None,)))
            for q in rubric.questions}


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_improving_an_answer_never_lowers_score_support_or_level(bundled, data):
    answers = data.draw(answer_sets(bundled))
    declaring = bundled.automation.question
    improvable = [q for q in bundled.questions if q.id != declaring
                  and answers[q.id] not in ("n/a", q.best.id)]
    if not improvable:
        return
    q = data.draw(st.sampled_from(improvable))
    current = answers[q.id]
    rank = -1 if current is None else q.rank(current)
    before_result, before = axis_of(bundled, answers)
    answers[q.id] = data.draw(st.sampled_from(q.answer_ids[rank + 1:]))
    after_result, after = axis_of(bundled, answers)
    assert after_result.score >= before_result.score
    assert after.supported_index >= before.supported_index
    assert bundled.level_index(after_result.level.id) >= bundled.level_index(before_result.level.id)
    for s_before, s_after in zip(before_result.sections, after_result.sections):
        if s_before.level is not None:
            assert bundled.level_index(s_after.level.id) >= bundled.level_index(s_before.level.id)


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_changing_only_the_declared_degree_changes_no_score(bundled, data):
    answers = data.draw(answer_sets(bundled))
    declaring = bundled.question(bundled.automation.question)
    one = score(bundled, make_questionnaire(bundled, answers))
    answers[declaring.id] = data.draw(st.sampled_from(declaring.answer_ids + (None,)))
    two = score(bundled, make_questionnaire(bundled, answers))
    assert (one.score, one.level, one.band) == (two.score, two.level, two.band)
    assert [s.score for s in one.sections] == [s.score for s in two.sections]
    assert judge(one).supported == judge(two).supported


def test_no_starter_calls_the_degrees_worst_to_best():
    """The degrees are choices of design: the template and the editor's schema list them from
    least to most automated, never as if full automation were the best answer."""
    from mlops_maturity.starters.questionnaire import questionnaire_template
    from mlops_maturity.starters.schemas import questionnaire_schema
    rubric = load_rubric(bundled_rubrics()["mlops-automation"])
    lines = questionnaire_template(rubric, "mlops-automation").splitlines()
    listing = next(line for line in lines if "human_only | shadow_mode" in line)
    assert "(least to most automated)" in listing and "worst" not in listing
    described = questionnaire_schema(rubric)["properties"]["answers"]["properties"]
    assert "least to most automated" in described[rubric.automation.question]["description"]
    assert "worst to best" in described["deployment.rollback"]["description"]


def _examples_with_a_decision_axis() -> list[str]:
    from mlops_maturity.load.assessment import open_assessment
    folder = Path(__file__).resolve().parent.parent / "examples"
    return sorted(p.stem for p in folder.glob("*.yaml")
                  if open_assessment(p).rubric.automation is not None)


@pytest.mark.parametrize("example", _examples_with_a_decision_axis())
def test_who_decides_is_never_a_gap_nor_has_a_best_answer(root, example):
    """The question of who decides is declared: no report calls a degree its best answer or
    lists moving up as a gap to close."""
    from mlops_maturity.api import assess, render_report
    report = assess(root / "examples" / f"{example}.yaml", generated_at="2026-11-30T12:00:00Z")
    assert report.automation is not None
    degree_q = [q for s in report.sections for q in s.questions if q.type == "degree"]
    assert len(degree_q) == 1
    data = json.loads(render_report(report, "json"))
    (shown,) = [q for s in data["sections"] for q in s["questions"] if q["type"] == "degree"]
    assert shown["best"] is None and shown["best_label"] is None and shown["is_best"] is None
    markdown = str(render_report(report, "markdown"))
    qid = degree_q[0].id
    assert f"- [ ] `{qid}`" not in markdown
    row = next(line for line in markdown.splitlines() if line.startswith(f"| `{qid}`"))
    assert "(best:" not in row


def test_a_target_below_the_declared_degree_does_not_contradict_its_blockers(root):
    """Demand forecast declares partial automation and its practices support AI assistance.
    Human only is in place, but the blockers listed are those of running where it runs: the
    verdict says whose they are, in the terminal, the JSON and the summary alike."""
    from typer.testing import CliRunner
    from mlops_maturity.cli.application import app
    example = str(root / "examples" / "demand-forecast-batch.yaml")
    expected = ("For Human only, the practices are in place; running at Partial automation "
                "(declared) still has 4 blockers.")
    data = json.loads(CliRunner().invoke(app, ["score", example, "--target", "human_only",
                                               "-f", "json"]).stdout)
    a = data["automation"]
    assert a["target_ready"] is True and len(a["blockers"]) == 4
    assert a["target_verdict"] == expected
    summary = CliRunner().invoke(app, ["report", example, "--target", "human_only", "-o", "-",
                                       "-f", "summary"]).stdout
    assert expected in summary and "### What blocks Partial automation" in summary
    within = json.loads(CliRunner().invoke(app, ["score", example, "--target", "shadow_mode",
                                                 "-f", "json"]).stdout)["automation"]
    assert within["target_verdict"].startswith("For Shadow mode, the practices are in place")


def test_without_a_target_the_next_degree_is_never_called_the_teams_target(root, tmp_path):
    """Speech edge declares shadow mode and sets AI assistance as its target; without the
    target, the degree above is judged, and every format calls it the next degree."""
    from mlops_maturity.api import assess, render_report
    text = (root / "examples" / "speech-edge.yaml").read_text(encoding="utf-8")
    untargeted = tmp_path / "speech.yaml"
    untargeted.write_text("".join(line for line in text.splitlines(keepends=True)
                                  if not line.startswith("target:")), encoding="utf-8")
    report = assess(untargeted, generated_at="2026-11-30T12:00:00Z")
    assert report.automation is not None
    assert report.automation.target_verdict.startswith("For the next degree, AI assistance,")
    html = str(render_report(report, "html"))
    assert '<span class="tag">next degree</span>' in html
    assert '<span class="tag">target</span>' not in html
    summary = str(render_report(report, "summary"))
    assert "- **Next degree:** ✗ For the next degree, AI assistance" in summary
    targeted = assess(root / "examples" / "speech-edge.yaml", generated_at="2026-11-30T12:00:00Z")
    assert '<span class="tag">target</span>' in str(render_report(targeted, "html"))
    assert targeted.automation.target_verdict.startswith("For AI assistance,")
