"""The JSON report (format_version 3) against its published schema.

Every bundled example, and variants that reach the shapes the examples do not (a target level
named on the command line, a target degree, no target at all, nothing answered, everything
n/a, an overall level capped by a gate or by the stages), is scored through the CLI and
validated with the schema's own draft and a format checker. The schema is also shown to
reject broken documents, to follow the report model field by field and to list exactly the
engine's kinds; and no key outside ``automation`` says ``degree``, so the two axes stay named
apart.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from typer.testing import CliRunner

import mlops_maturity
from mlops_maturity.cli.application import app
from mlops_maturity.engine.findings import BlockerKind, CapKind, StepAction, TowardsKind
from mlops_maturity.engine.readiness import TargetSource
from mlops_maturity.engine.scoring import Status
from mlops_maturity.load.resolve import bundled_rubrics
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.model.rubric import QuestionType, Rubric, SectionKind
from mlops_maturity.report import model

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FIXED_TIME = "2026-11-30T12:00:00Z"
SCHEMA_PATH = Path(mlops_maturity.__file__).parent / "schemas" / "report.schema.json"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
runner = CliRunner()

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def schema() -> Doc:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: Doc) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def score_json(path: Path, *options: str) -> Doc:
    """``score --format json`` through the CLI, parsed."""
    args = ["score", str(path), "--format", "json", "--generated-at", FIXED_TIME, *options]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, (path.name, result.exit_code, result.stderr)
    return json.loads(result.stdout)


def leaves(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    """The errors themselves, not "none of the branches matched": inside an ``anyOf``, the
    errors of the branch that was meant (a report's ``automation`` that is not null, say)."""
    for error in errors:
        if error.context:
            branches = error.validator_value
            meant = [e for e in error.context
                     if branches[e.relative_schema_path[0]] != {"type": "null"}]
            yield from leaves(meant or error.context)
        else:
            yield error


def problems(validator: Draft202012Validator, doc: Doc) -> list[str]:
    """Every schema error in a document, as ``path: message``, for readable failures."""
    found = sorted(leaves(validator.iter_errors(doc)), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:200]}"
            for e in found]


def bundled(rubric_id: str) -> Rubric:
    return load_rubric(bundled_rubrics()[rubric_id])


def values(kind: type[Enum]) -> set[str]:
    return {k.value for k in kind}


def walk(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every (key path, value) of a JSON document; list items add no step to the path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield path + (key,), item
            yield from walk(item, path + (key,))
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, path)


# ── Documents: the examples and variants ────────────────────────────────────────────────────

def target_level(tmp: Path) -> Doc:
    """A maturity level of the bundled rubric as --target: readiness for it, and the degree
    axis judged against the degree above the declared one."""
    top = bundled("mlops-automation").levels[-1].id
    doc = score_json(ROOT / "examples" / "fraud-realtime-canary.yaml", "--target", top)
    assert doc["readiness"]["target"] == top
    assert doc["readiness"]["target_source"] == TargetSource.COMMAND_LINE.value
    assert doc["automation"]["target_source"] == TargetSource.NEXT_DEGREE.value
    return doc


def target_degree(tmp: Path) -> Doc:
    """The most automated degree as --target: many practices block it."""
    rubric = bundled("mlops-automation")
    assert rubric.automation is not None
    top = rubric.automation.degrees[-1].id
    doc = score_json(ROOT / "examples" / "speech-edge.yaml", "--target", top)
    assert doc["automation"]["target"] == top and not doc["automation"]["target_ready"]
    assert doc["automation"]["target_source"] == TargetSource.COMMAND_LINE.value
    assert doc["readiness"] is None
    return doc


def no_target(tmp: Path) -> Doc:
    """No target on a rubric without a decision axis: readiness for the next level."""
    source = ROOT / "examples" / "google-levels-churn.yaml"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("target:")]
    assert len(kept) == len(lines) - 1, "the example names a target on one line"
    path = tmp / "no-target.yaml"
    path.write_text("".join(kept), encoding="utf-8")
    doc = score_json(path)
    assert doc["automation"] is None
    assert doc["readiness"]["target_source"] == TargetSource.NEXT_LEVEL.value
    return doc


def nothing_answered(tmp: Path) -> Doc:
    """Nobody said who decides: declared and within_support are null, and that blocks."""
    path = tmp / "empty.yaml"
    path.write_text("rubric: mlops-automation\nproject: {name: Nothing yet}\nanswers: {}\n",
                    encoding="utf-8")
    doc = score_json(path)
    axis = doc["automation"]
    assert axis["declared"] is None and axis["within_support"] is None
    assert BlockerKind.UNDECLARED.value in [b["kind"] for b in axis["blockers"]]
    assert doc["overall"]["unanswered"] == doc["overall"]["questions"]
    return doc


def tiny(tmp: Path, answers: dict[str, Any], *, allow_na: bool = False,
         ops_weight: float | None = None) -> Doc:
    """A questionnaire on a copy of the tiny test rubric written beside it (a questionnaire's
    ``rubric:`` path may not leave its folder), changed as asked, scored."""
    rubric = yaml.safe_load((DATA / "tiny-rubric.yaml").read_text(encoding="utf-8"))
    for section in rubric["sections"]:
        if ops_weight is not None and section["id"] == "ops":
            section["weight"] = ops_weight
        for q in section["questions"]:
            q["allow_na"] = q.get("allow_na", False) or allow_na
    (tmp / "tiny-rubric.yaml").write_text(yaml.safe_dump(rubric, sort_keys=False),
                                          encoding="utf-8")
    path = tmp / "answers.yaml"
    path.write_text(yaml.safe_dump({"rubric": "tiny-rubric.yaml", "project": {"name": "Tiny"},
                                    "answers": answers}, sort_keys=False), encoding="utf-8")
    return score_json(path)


TINY_QUESTIONS = ("build.ci", "build.level", "ops.rollback")


def all_not_applicable(tmp: Path) -> Doc:
    """Every question n/a: nothing can be scored, so no score, level or roadmap."""
    na = {qid: {"answer": "n/a", "reason": "Not part of this system"} for qid in TINY_QUESTIONS}
    doc = tiny(tmp, na, allow_na=True)
    overall = doc["overall"]
    assert overall["score"] is None and overall["percent"] is None and overall["level"] is None
    assert overall["not_applicable"] == overall["questions"] == len(TINY_QUESTIONS)
    assert doc["readiness"] is None and doc["recommendations"] == []
    return doc


def capped_by_a_gate(tmp: Path) -> Doc:
    """A score in the top level with the practice its gate needs missing (the checklist made
    light so that the score gets there): the overall level is capped by the gate."""
    doc = tiny(tmp, {"build.ci": "yes", "build.level": "high", "ops.rollback": "manual"},
               ops_weight=0.2)
    overall = doc["overall"]
    assert overall["level_by_score"] == "high" and overall["level"] != "high"
    assert [c["kind"] for c in overall["caps"]] == [CapKind.GATE.value]
    return doc


def capped_by_the_stages(tmp: Path) -> Doc:
    """A checklist lifting the overall score above the only stage's level: the lifecycle is
    held at its most mature stage."""
    doc = tiny(tmp, {"build.ci": "partial", "build.level": "high", "ops.rollback": "automated"})
    overall = doc["overall"]
    assert overall["level_by_score"] == "high" and overall["level"] != "high"
    assert [c["kind"] for c in overall["caps"]] == [CapKind.STAGES.value]
    return doc


VARIANTS: dict[str, Callable[[Path], Doc]] = {
    "target-level": target_level,
    "target-degree": target_degree,
    "no-target": no_target,
    "nothing-answered": nothing_answered,
    "all-na": all_not_applicable,
    "capped-by-a-gate": capped_by_a_gate,
    "capped-by-the-stages": capped_by_the_stages,
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Doc]:
    """Every example and every variant, scored once for the whole module."""
    docs = {path.stem: score_json(path) for path in EXAMPLES}
    for name, make in VARIANTS.items():
        docs[name] = make(tmp_path_factory.mktemp(name))
    return docs


NAMES = [path.stem for path in EXAMPLES] + list(VARIANTS)


def test_there_are_examples_to_check():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("name", NAMES)
def test_the_report_validates_against_the_schema(validator, documents, name):
    doc = documents[name]
    assert doc["format_version"] == model.FORMAT_VERSION == 3
    assert problems(validator, doc) == []


KINDS: dict[str, type[Enum]] = {
    "sections/kind": SectionKind, "sections/questions/type": QuestionType,
    "sections/questions/status": Status, "overall/caps/kind": CapKind,
    "recommendations/action": StepAction, "recommendations/towards_kind": TowardsKind,
}


def test_the_documents_reach_every_value_of_every_kind(documents):
    """Between them, the examples and variants put every value of every kind in a report, so
    no branch of the schema for one goes untested."""
    seen: dict[str, set[str]] = {}
    for doc in documents.values():
        for path, value in walk(doc):
            if isinstance(value, str):
                seen.setdefault("/".join(path), set()).add(value)
    for where, kind in KINDS.items():
        assert seen[where] == values(kind), where
    blockers = [w for w in seen if w.endswith("blockers/kind")]
    assert set().union(*(seen[w] for w in blockers)) == values(BlockerKind)
    sources = [w for w in seen if w.endswith("target_source")]
    assert set().union(*(seen[w] for w in sources)) == values(TargetSource)


def test_the_cli_and_the_api_write_the_same_json():
    path = ROOT / "examples" / "fraud-realtime-canary.yaml"
    report = mlops_maturity.assess(path, generated_at=FIXED_TIME)
    assert json.loads(mlops_maturity.render_report(report, "json")) == score_json(path)


# ── No degree outside automation ────────────────────────────────────────────────────────────

def degree_keys(doc: Doc) -> list[str]:
    """Keys that say ``degree`` where they may not: anywhere but ``degrees`` in automation."""
    return ["/".join(path) for path, _ in walk(doc) if "degree" in path[-1].lower()
            and not (path[0] == "automation" and path[-1] == "degrees")]


@pytest.mark.parametrize("name", NAMES)
def test_no_key_outside_automation_says_degree(documents, name):
    assert degree_keys(documents[name]) == []


def test_the_degree_walk_sees_automation_and_catches_a_stray_key(documents):
    doc = copy.deepcopy(documents["fraud-realtime-canary"])
    assert ("automation", "degrees") in [path for path, _ in walk(doc)]
    doc["sections"][0]["questions"][0]["degree_hint"] = None
    doc["readiness"] = {"sections": [{"degree": "x"}]}
    assert degree_keys(doc) == ["sections/questions/degree_hint", "readiness/sections/degree"]


def test_the_schema_declares_no_degree_key_outside_automation(schema):
    names = [(path, name) for path, value in walk(schema) if path[-1] == "properties"
             and isinstance(value, dict) for name in value if "degree" in name.lower()]
    assert names == [(("$defs", "automation", "properties"), "degrees")]


# ── The schema can fail ─────────────────────────────────────────────────────────────────────

def first(items: list[Doc], **match: Any) -> Doc:
    found = [i for i in items if all(i.get(k) == v for k, v in match.items())]
    assert found, f"no item with {match}"
    return found[0]


def question_with(doc: Doc, status: str) -> Doc:
    return first([q for s in doc["sections"] for q in s["questions"]], status=status)


# What is broken, where the schema must say so (a path prefix), and how to break it.
BREAKAGES: dict[str, tuple[str, Callable[[Doc], None]]] = {
    "unknown top-level key": ("(root)", lambda d: d.update(degree="managed")),
    "unknown key in a blocker":
        ("automation/blockers", lambda d: d["automation"]["blockers"][0].update(gates=[])),
    "unknown key in overall": ("overall", lambda d: d["overall"].update(degree=None)),
    "missing key": ("overall", lambda d: d["overall"].pop("level")),
    "format 1": ("format_version", lambda d: d.update(format_version=1)),
    "wrong step action":
        ("recommendations/0/action", lambda d: d["recommendations"][0].update(action="go")),
    "wrong towards kind": ("recommendations/0/towards_kind",
                           lambda d: d["recommendations"][0].update(towards_kind="gate")),
    "wrong status": ("sections", lambda d: question_with(d, "answered").update(status="done")),
    "wrong section kind": ("sections/0/kind", lambda d: d["sections"][0].update(kind="stages")),
    "wrong cap kind": ("overall/caps/0/kind",
                       lambda d: d["overall"].update(caps=[{"kind": "score", "gate": None}],
                                                     held_back_by="a score")),
    "a level target source on the degree axis":
        ("automation/target_source",
         lambda d: d["automation"].update(target_source="next level")),
    "a degree-axis blocker in level readiness":
        ("readiness/blockers/0/kind",
         lambda d: d["readiness"]["blockers"][0].update(kind="practice")),
    "a failed gate that misses nothing":
        ("gates", lambda d: first(d["gates"], passed=True).update(passed=False)),
    "n/a with points":
        ("sections", lambda d: question_with(d, "not_applicable").update(points=1.0)),
    "within_support without a declared degree":
        ("automation/within_support",
         lambda d: d["automation"].update(declared=None, declared_label=None)),
    "a step to answer first that has an answer":
        ("recommendations", lambda d: first(d["recommendations"], action="unblock")
         .update(action="answer this first")),
    "a percent over 100": ("overall/percent", lambda d: d["overall"].update(percent=100.1)),
    "a time that is not UTC":
        ("generated_at", lambda d: d.update(generated_at="2026-11-30T12:00:00+01:00")),
}


@pytest.fixture(scope="module")
def whole(documents) -> Doc:
    """A report with every part the breakages below break: both axes with blockers, a passed
    gate, an n/a answer, a step that unblocks."""
    doc = documents["target-level"]
    assert doc["automation"]["blockers"] and doc["readiness"]["blockers"]
    assert first(doc["gates"], passed=True) and question_with(doc, "not_applicable")
    assert first(doc["recommendations"], action="unblock")
    return doc


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_the_schema_rejects_a_broken_report(validator, whole, breakage):
    assert problems(validator, whole) == []
    where, breaking = BREAKAGES[breakage]
    broken = copy.deepcopy(whole)
    breaking(broken)
    assert broken != whole
    found = problems(validator, broken)
    assert found, f"the schema accepted a report with {breakage}"
    assert any(p.startswith(where) for p in found), found


# ── The schema follows the model and the engine ─────────────────────────────────────────────

def object_at(schema: Doc, *path: str) -> Doc:
    node = schema
    for step in path:
        node = node[step]
    return node


VIEWS = [
    (model.Report, ()), (model.ToolView, ("properties", "tool")),
    (model.RubricView, ("properties", "rubric")), (model.ProjectView, ("properties", "project")),
    (model.SourceView, ("$defs", "source")), (model.CapView, ("$defs", "cap")),
    (model.OverallView, ("$defs", "overall")), (model.LevelView, ("$defs", "described")),
    (model.BandView, ("$defs", "described")), (model.QuestionView, ("$defs", "question")),
    (model.SectionView, ("$defs", "section")), (model.GateView, ("$defs", "gate")),
    (model.BlockerView, ("$defs", "blocker")), (model.RequirementView, ("$defs", "requirement")),
    (model.DegreeView, ("$defs", "degree")), (model.AutomationView, ("$defs", "automation")),
    (model.ReadinessView, ("$defs", "readiness")),
    (model.SectionReadinessView, ("$defs", "readiness", "properties", "sections", "items")),
    (model.StepView, ("$defs", "step")), (model.MissingView, ("$defs", "unanswered")),
    (model.NotApplicableView, ("$defs", "not_applicable")),
]


@pytest.mark.parametrize("view, path", VIEWS, ids=[v.__name__ for v, _ in VIEWS])
def test_each_object_lists_its_views_fields_in_order_all_required(schema, view, path):
    node = object_at(schema, *path)
    names = [f.name for f in fields(view) if f.metadata.get(model.JSON, True)]
    assert node["additionalProperties"] is False
    assert list(node["properties"]) == names
    assert node["required"] == names


def test_every_object_in_the_schema_is_closed(schema):
    """An object that names its properties admits no others (``if`` tests excepted)."""
    for path, value in walk(schema):
        if (isinstance(value, dict) and value.get("type") == "object"
                and "if" not in path and "then" not in path and "else" not in path):
            assert value.get("additionalProperties") is False, "/".join(path)


ENUMS: list[tuple[str, type[Enum]]] = [
    ("blocker_kind", BlockerKind), ("cap_kind", CapKind), ("step_action", StepAction),
    ("towards_kind", TowardsKind), ("target_source", TargetSource), ("status", Status),
    ("section_kind", SectionKind), ("question_type", QuestionType),
]


@pytest.mark.parametrize("name, kind", ENUMS, ids=[n for n, _ in ENUMS])
def test_each_kind_lists_exactly_the_engines_values(schema, name, kind):
    assert schema["$defs"][name]["enum"] == [k.value for k in kind]


def test_the_kinds_split_between_the_axes_cover_each_kind_once(schema):
    """Degree-axis and level readiness each allow only their own blockers and target
    sources; together they allow every one."""
    defs = schema["$defs"]

    def blocker_kinds(node: Doc) -> list[str]:
        return node["properties"]["blockers"]["items"]["properties"]["kind"]["enum"]

    axis, level = defs["automation"], defs["readiness"]
    stage = level["properties"]["sections"]["items"]
    assert not set(blocker_kinds(axis)) & set(blocker_kinds(level))
    assert set(blocker_kinds(axis)) | set(blocker_kinds(level)) == values(BlockerKind)
    assert set(blocker_kinds(stage)) <= set(blocker_kinds(level))
    sources = [node["properties"]["target_source"]["enum"] for node in (axis, level)]
    assert set(sources[0]) | set(sources[1]) == values(TargetSource)


def test_the_schema_checked_is_the_one_in_this_source_tree():
    """The package under test, and so its schema, is imported from this checkout."""
    assert SCHEMA_PATH == ROOT / "mlops_maturity" / "schemas" / "report.schema.json"
