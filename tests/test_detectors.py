"""Detectors in the rubric: how they are read, and the globs and expressions they may use.

The validation rules themselves each have a failing fixture in ``tests/data/rules/``; these
tests pin the dialect (globs), the backtracking check at its edges, and the typed result.
"""

from __future__ import annotations

import pytest

from mlops_maturity.load.detectors import REGEX_FLAGS, backtracking_risk, SRE_PARSE
from mlops_maturity.load.globs import glob_problem, glob_regex
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.model.errors import RubricError
from mlops_maturity.model.rubric import DetectorKind

RUBRIC = """\
id: t
title: T
version: "1"
evidence_max_age: 365
sections:
  - id: s
    title: S
    questions:
      - id: s.ci
        type: yes_partial_no
        text: T
        why: W
        advice: A
        detectors:
          - {glob: ".github/workflows/*.{yml,yaml}", supports: partial, reason: a workflow}
          - {content: '^\\s*pytest\\b', files: "*.yml", supports: Yes, reason: tests run}
          - {dependency: '^mlflow\\b', supports: partial, reason: mlflow}
          - {path: '(^|/)Jenkinsfile$', supports: partial, reason: Jenkins}
bands:
  - {id: all, label: All, min: 0}
"""


def test_detectors_load_into_typed_values(write):
    rubric = load_rubric(write("r.yaml", RUBRIC))
    detectors = rubric.question("s.ci").detectors
    assert [d.kind for d in detectors] == [DetectorKind.GLOB, DetectorKind.CONTENT,
                                           DetectorKind.DEPENDENCY, DetectorKind.PATH]
    assert detectors[1].supports == "yes"  # matched to the option id, whatever the case
    assert detectors[1].files == "*.yml" and detectors[0].files == ""
    assert detectors[0].reason == "a workflow" and detectors[0].line == 15
    assert rubric.evidence_max_age == 365


def test_every_problem_is_reported_at_once_with_its_line(write):
    broken = RUBRIC.replace("'^mlflow\\b'", "'(x+)*'").replace("supports: partial, reason: "
                                                               "Jenkins", "supports: no")
    with pytest.raises(RubricError) as info:
        load_rubric(write("r.yaml", broken))
    found = {(p.rule, p.line) for p in info.value.problems}
    assert ("detector-regex-backtracking", 17) in found
    assert ("detector-supports-worst", 18) in found
    assert ("missing-key", 18) in found  # 'reason' went with the edit


@pytest.mark.parametrize("glob, path, matches", [
    ("Dockerfile", "Dockerfile", True),
    ("Dockerfile", "svc/api/Dockerfile", True),
    ("Dockerfile", "svc/Dockerfile.dev", False),
    ("*.tf", "infra/main.tf", True),
    (".github/workflows/*.{yml,yaml}", ".github/workflows/ci.yaml", True),
    (".github/workflows/*.{yml,yaml}", ".github/workflows/sub/ci.yaml", False),
    (".github/workflows/*.{yml,yaml}", "x/.github/workflows/ci.yml", False),
    ("**/dags/*.py", "dags/etl.py", True),
    ("**/dags/*.py", "a/b/dags/etl.py", True),
    ("src/**", "src/a/b/c.py", True),
    ("src/**/test_*.py", "src/test_x.py", True),
    ("src/**/test_*.py", "src/a/b/test_x.py", True),
    ("test_?.py", "tests/test_a.py", True),
    ("test_?.py", "tests/test_ab.py", False),
    ("[Mm]akefile", "Makefile", True),
    ("*.[!c]", "a.h", True),
    ("*.[!c]", "a.c", False),
    ("a\\*b", "a*b", True),
    ("a\\*b", "axb", False),
])
def test_glob_dialect(glob, path, matches):
    assert glob_problem(glob) is None
    assert bool(glob_regex(glob).fullmatch(path)) is matches


@pytest.mark.parametrize("glob, words", [
    ("", "is empty"), ("/etc/*", "absolute"), ("~/x", "absolute"), ("a/../b", "'..'"),
    ("*.{a,{b}}", "inside another"), ("*.{a", "not closed"), ("[abc", "not closed"),
    ("x\\", "lone backslash"), ("x" * 301, "longer than 300"),
])
def test_bad_globs_say_why(glob, words):
    problem = glob_problem(glob)
    assert problem is not None and words in problem


@pytest.mark.parametrize("pattern, risky", [
    ("(a+)+b", True), ("(\\w*,)*", True), ("(?:a|b+)*", True), ("(a{2,5})+", True),
    ("((ab)+c)+", True), ("(?=(a+)+)x", True), ("(a)\\1", True), ("(?P<x>a)(?P=x)", True),
    ("(ab?)+", False), ("a+b*c+", False), ("[ab]+", False), ("(ab)+", False),
    ("^\\s*kind:\\s*Rollout\\b", False), ("(?:x{1})+", False), ("a?+", False),
])
def test_backtracking_risk_at_its_edges(pattern, risky):
    tree = SRE_PARSE.parse(pattern, REGEX_FLAGS[DetectorKind.CONTENT])
    assert (backtracking_risk(tree) is not None) is risky

