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


def rule_literals() -> dict[str, list[str]]:
    """Every ``rule="..."`` literal (and rule argument of ``unique``) in the loader's code."""
    found: dict[str, list[str]] = {}
    for path in sorted(LOADER.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            values = [k.value for k in node.keywords if k.arg == "rule"]
            if isinstance(node.func, ast.Name) and node.func.id == "unique":
                values.append(node.args[-1])
            for value in values:
                if isinstance(value, ast.Name) and value.id == "rule":
                    continue  # a helper passing on its caller's rule id
                assert isinstance(value, ast.Constant), f"{path.name}:{node.lineno}: literal id"
                found.setdefault(value.value, []).append(f"{path.name}:{node.lineno}")
    return found


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
