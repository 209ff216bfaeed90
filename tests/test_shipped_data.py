"""Everything we ship loads, validates against its JSON Schema, and scores."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from mlops_maturity.load.assessment import open_assessment
from mlops_maturity.load.resolve import bundled_rubrics, schema_path
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.starters.schemas import questionnaire_schema
from mlops_maturity.engine.scoring import score
from mlops_maturity.load.yamlfile import load_mapping

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def plain(data):
    """YAML data as JSON would see it (dates become text)."""
    return json.loads(json.dumps(data, default=str))


def schema(name: str) -> dict:
    return json.loads(schema_path(name).read_text())


@pytest.mark.parametrize("rubric_id", sorted(bundled_rubrics()))
def test_bundled_rubric_loads_and_matches_schema(rubric_id):
    path = bundled_rubrics()[rubric_id]
    rubric = load_rubric(path)
    assert rubric.id == rubric_id == path.stem
    jsonschema.validate(plain(load_mapping(path)), schema("rubric"))
    assert all(q.text and q.why and q.advice for q in rubric.questions)


def test_bundled_rubrics_present():
    assert {"mlops-automation", "ml-test-score", "google-mlops-levels", "azure-mlops-maturity"} <= set(bundled_rubrics())


def test_flagship_rubric_shape():
    """The flagship keeps its two axes apart: five degrees of who decides, five maturity levels,
    and the practices that fully automated decisions lean on required by that degree."""
    rubric = load_rubric(bundled_rubrics()["mlops-automation"])
    assert rubric.automation is not None
    assert [d.id for d in rubric.automation.degrees] == [
        "human_only", "shadow_mode", "ai_assistance", "partial_automation", "full_automation"]
    assert [lv.id for lv in rubric.levels] == [
        "exploratory", "repeatable", "defined", "managed", "adaptive"]
    assert 40 <= len(rubric.questions) <= 80
    stages = [s.id for s in rubric.sections if s.kind.value == "stage"]
    assert stages == ["scoping", "data", "modeling", "deployment", "monitoring"]
    assert {q.type.value for q in rubric.questions} == {"degree", "yes_partial_no", "choice"}
    full = rubric.automation.degrees[-1]
    required = {r.question for r in full.requires}
    assert {"deployment.rollback", "monitoring.data-drift"} <= required
    assert not rubric.automation.degrees[0].requires  # people deciding needs nothing first
    assert {g.level for g in rubric.gates} <= {lv.id for lv in rubric.levels}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_validates_against_both_schemas_and_scores(example):
    data = plain(load_mapping(example))
    jsonschema.validate(data, schema("questionnaire"))
    a = open_assessment(example)
    jsonschema.validate(data, questionnaire_schema(a.rubric))
    result = score(a.rubric, a.questionnaire)
    assert result.score is not None and result.band is not None


def test_each_bundled_rubric_has_an_example():
    used = {open_assessment(e).rubric.id for e in EXAMPLES}
    assert set(bundled_rubrics()) <= used


def test_mlops_automation_examples_land_in_different_bands():
    bands = {}
    for e in EXAMPLES:
        a = open_assessment(e)
        if a.rubric.id == "mlops-automation":
            bands[e.stem] = score(a.rubric, a.questionnaire).band.id
    assert len(bands) >= 3 and len(set(bands.values())) == len(bands)


def test_json_report_matches_its_schema():
    from mlops_maturity.api import assess
    from mlops_maturity.render import Format, renderer_for
    for example in EXAMPLES:
        report = assess(example, generated_at="2026-11-30T12:00:00Z")
        jsonschema.validate(json.loads(renderer_for(Format.JSON).render(report)), schema("report"))
