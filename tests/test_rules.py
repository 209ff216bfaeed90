"""The registry of rubric validation rules, kept honest by fixtures, the docs and the reporter.

Every rule has at least one small rubric in ``tests/data/rules/`` that breaks it and nothing
else. A fixture is named ``<rule-id>.yaml`` or ``<rule-id>.<variant>.yaml`` and starts with a
``# expect: <fragment>`` line naming part of the message it must produce.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from mlops_maturity.load.fields import Fields
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.load.rules import KEBAB_CASE, RULES, Rule, rules_table
from mlops_maturity.model.errors import Problem, RubricError

TESTS = Path(__file__).resolve().parent
FIXTURES = sorted((TESTS / "data" / "rules").glob("*.yaml"))
LOADER = TESTS.parent / "mlops_maturity" / "load"
DOC = TESTS.parent / "docs" / "rubric-format.md"


def rule_of(fixture: Path) -> str:
    """The rule a fixture is for: its name up to the first dot (rule ids have no dots)."""
    return fixture.name.split(".")[0]


def expected_fragment(fixture: Path) -> str:
    first = fixture.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{fixture.name} must start with '# expect: ...'"
    return first.removeprefix("# expect: ").strip()


def problems_of(fixture: Path) -> list[Problem]:
    with pytest.raises(RubricError) as info:
        load_rubric(fixture, fixture.name)
    found = [p for p in info.value.problems if isinstance(p, Problem)]
    assert len(found) == len(info.value.problems)
    return found


def test_there_are_fixtures():
    assert len(FIXTURES) >= len(RULES)


def test_every_rule_has_a_fixture():
    covered = {rule_of(f) for f in FIXTURES}
    missing = [rule for rule in RULES if rule not in covered]
    assert not missing, f"rules without a fixture in tests/data/rules/: {missing}"


def test_every_fixture_belongs_to_a_rule():
    stray = [f.name for f in FIXTURES if rule_of(f) not in RULES]
    assert not stray, f"fixtures named after no registered rule: {stray}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.stem)
def test_fixture_breaks_its_rule_and_no_other(fixture):
    rule = rule_of(fixture)
    found = problems_of(fixture)
    assert {p.rule for p in found} == {rule}, [(p.rule, str(p)) for p in found]
    fragment = expected_fragment(fixture)
    assert any(fragment in str(p) for p in found), [str(p) for p in found]


def test_rule_ids_are_kebab_case_and_descriptions_one_sentence():
    for rule in RULES.values():
        assert KEBAB_CASE.match(rule.id), rule.id
        assert rule.description.endswith(".") and "\n" not in rule.description, rule.id


def test_a_rule_refuses_an_id_that_is_not_kebab_case():
    with pytest.raises(ValueError):
        Rule("Not_Kebab", "A description.")


def test_the_reporter_refuses_an_unregistered_rule():
    fields = Fields("x.yaml")
    with pytest.raises(KeyError, match="no-such-rule"):
        fields.add("a message", rule="no-such-rule")
    assert fields.problems == []


def test_a_rubric_problem_must_name_its_rule():
    with pytest.raises(ValueError, match="names no validation rule"):
        Fields("x.yaml", rules_required=True).add("a message")
    questionnaire = Fields("a.yaml")
    questionnaire.add("a questionnaire-only message")
    assert questionnaire.problems[0].rule is None


def _parse_loader() -> dict[str, ast.Module]:
    return {path.name: ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted(LOADER.glob("*.py"))}


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def _arguments(trees: dict[str, ast.Module], function: ast.FunctionDef,
               parameter: str) -> list[str]:
    """Every constant the loader passes for one parameter of one of its functions."""
    names = [a.arg for a in function.args.posonlyargs + function.args.args]
    position = names.index(parameter)
    found = []
    for tree in trees.values():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _call_name(node) == function.name):
                continue
            given = [k.value for k in node.keywords if k.arg == parameter]
            if len(node.args) > position:
                given.append(node.args[position])
            assert len(given) == 1 and isinstance(given[0], ast.Constant), \
                f"{function.name}() called without a literal {parameter} on line {node.lineno}"
            found.append(given[0].value)
    return found


def _expand(trees: dict[str, ast.Module], function: ast.FunctionDef | None,
            value: ast.JoinedStr, where: str) -> list[str]:
    """An id built as ``f"{owner}-unknown-question"`` inside a helper, as every id its callers
    can make it: the helper's parameter takes the constants the loader passes it."""
    ids = [""]
    for part in value.values:
        if isinstance(part, ast.Constant):
            ids = [i + part.value for i in ids]
            continue
        name = part.value if isinstance(part, ast.FormattedValue) else None
        params = [a.arg for a in function.args.args] if function else []
        assert isinstance(name, ast.Name) and name.id in params, f"{where}: literal id"
        ids = [i + str(arg) for i in ids for arg in _arguments(trees, function, name.id)]
    assert ids, f"{where}: a rule id built from an argument that no caller passes"
    return ids


def rule_literals() -> dict[str, list[str]]:
    """Every ``rule="..."`` literal (and rule argument of ``unique``) in the loader's code.

    An id may also be an f-string of literal text and a parameter of the enclosing function
    (``requirements`` builds ``gate-...`` and ``degree-...`` ids from its ``owner``); it counts
    as every id that the function's callers make of it with the constants they pass.
    """
    trees = _parse_loader()
    found: dict[str, list[str]] = {}
    for name, tree in trees.items():
        functions = [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            values = [k.value for k in node.keywords if k.arg == "rule"]
            if isinstance(node.func, ast.Name) and node.func.id == "unique":
                values.append(node.args[-1])
            where = f"{name}:{node.lineno}"
            for value in values:
                if isinstance(value, ast.Name) and value.id == "rule":
                    continue  # a helper passing on its caller's rule id
                if isinstance(value, ast.JoinedStr):
                    inside = [f for f in functions
                              if f.lineno <= node.lineno <= (f.end_lineno or f.lineno)]
                    ids = _expand(trees, inside[-1] if inside else None, value, where)
                else:
                    assert isinstance(value, ast.Constant), f"{where}: literal id"
                    ids = [value.value]
                for ident in ids:
                    found.setdefault(ident, []).append(where)
    return found


def test_a_rule_id_built_from_an_argument_counts_as_each_id_its_callers_make():
    literals = rule_literals()
    for owner in ("gate", "degree"):
        for rule in ("unknown-question", "unknown-answer", "requires-automation-question"):
            assert any(w.startswith("rubric_checks.py:") for w in literals[f"{owner}-{rule}"])


def test_every_rule_named_in_the_code_is_registered_and_used():
    literals = rule_literals()
    unknown = {rule: where for rule, where in literals.items() if rule not in RULES}
    assert not unknown, f"unregistered rule ids in mlops_maturity/load: {unknown}"
    unused = [rule for rule in RULES if rule not in literals]
    assert not unused, f"registered rules no check reports: {unused}"


def documented_rules() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## Validation rules\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \| (.+?) \|$", section, flags=re.MULTILINE)


def test_the_docs_list_exactly_the_registered_rules():
    assert documented_rules() == [(rule.id, rule.description) for rule in RULES.values()]
    assert rules_table() in DOC.read_text(encoding="utf-8")


def test_problem_text_does_not_show_the_rule():
    plain = Problem("r.yaml", "bad", 3, "bands[0]", "fix it")
    tagged = Problem("r.yaml", "bad", 3, "bands[0]", "fix it", rule="band-gap")
    assert str(tagged) == str(plain) == "r.yaml:3: bands[0]: bad (fix it)"
