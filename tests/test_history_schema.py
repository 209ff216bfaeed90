"""The JSON of ``compare`` and ``trend`` against their published schemas.

Documents that reach every shape (a decision axis or none, rubric versions, a git series with
commits, a skipped version) are validated with the schema's own draft and a format checker;
each schema is shown to reject a broken document and to list exactly the model's fields.
"""

from __future__ import annotations

import copy
import json
from dataclasses import fields
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import mlops_maturity
from history_helpers import DATA, commit, invoke, new_repo
from mlops_maturity.history import compare, trend

SCHEMAS = Path(mlops_maturity.__file__).parent / "schemas"
BEFORE = (DATA / "forecast-before.yaml").read_text()
AFTER = (DATA / "forecast-after.yaml").read_text()


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_json(args: list[str], cwd: Path = DATA) -> dict:
    result = invoke([*args, "-f", "json"], cwd)
    assert result.stdout, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def git_series(tmp_path_factory) -> dict:
    repo = new_repo(tmp_path_factory.mktemp("schema") / "repo")
    commit(repo, {"a.yaml": BEFORE}, "2026-09-01T09:00:00Z")
    commit(repo, {"a.yaml": BEFORE.replace("data.pipeline: yes", "data.pipeline: maybe")},
           "2026-10-01T09:00:00Z")
    commit(repo, {"a.yaml": AFTER}, "2026-11-20T09:00:00Z")
    return as_json(["trend", "--git", "a.yaml"], repo)


COMPARES = {
    "forecast": ["compare", "forecast-before.yaml", "forecast-after.yaml"],
    "versions": ["compare", "versions/q-v1.yaml", "versions/q-v2.yaml"],
    "same": ["compare", "forecast-after.yaml", "forecast-after.yaml"],
}


@pytest.mark.parametrize("name", COMPARES)
def test_compare_json_follows_its_schema(name):
    doc = as_json(COMPARES[name])
    errors = [e.message for e in validator("compare").iter_errors(doc)]
    assert errors == []


def test_trend_json_follows_its_schema(git_series):
    folder = as_json(["trend", "."])
    for doc in (folder, git_series):
        assert [e.message for e in validator("trend").iter_errors(doc)] == []
    assert git_series["skipped"] and git_series["points"][0]["commit"]


@pytest.mark.parametrize("name, break_it", [
    ("compare", lambda d: d["overall"].update(direction="sideways")),
    ("compare", lambda d: d["answers"][0].update(kind="better")),
    ("compare", lambda d: d.pop("regressions")),
    ("compare", lambda d: d["automation"].update(declared_improved=True)),
    ("trend", lambda d: d["points"].clear()),
    ("trend", lambda d: d["points"][0].update(committed_at="yesterday")),
    ("trend", lambda d: d["steps"][0].update(improved=-1)),
])
def test_the_schemas_reject_broken_documents(name, break_it, git_series):
    doc = copy.deepcopy(as_json(COMPARES["forecast"]) if name == "compare" else git_series)
    break_it(doc)
    assert list(validator(name).iter_errors(doc))


@pytest.mark.parametrize("name, model, defs", [
    ("compare", compare.Comparison, {"side": compare.SideView, "score": compare.ScoreChange,
                                     "level": compare.LevelChange,
                                     "section": compare.SectionChange,
                                     "automation": compare.AutomationChange,
                                     "answer": compare.AnswerChange,
                                     "blocker_change": compare.BlockerChange,
                                     "regression": compare.Regression}),
    ("trend", trend.Trend, {"point": trend.Point, "step": trend.Step}),
])
def test_the_schemas_list_the_models_fields_in_order(name, model, defs):
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert list(schema["properties"]) == [f.name for f in fields(model)]
    for key, cls in defs.items():
        assert list(schema["$defs"][key]["properties"]) == [f.name for f in fields(cls)], key


def test_the_enums_match_the_engine():
    schema = json.loads((SCHEMAS / "compare.schema.json").read_text(encoding="utf-8"))
    d = schema["$defs"]
    assert d["answer"]["properties"]["kind"]["enum"] == [k.value for k in
                                                         compare.AnswerChangeKind]
    assert d["regression"]["properties"]["kind"]["enum"] == [k.value for k in
                                                             compare.RegressionKind]
    assert d["score"]["properties"]["direction"]["enum"] == [k.value for k in compare.Direction]
