"""The lines a scan cites for a content or dependency match are the lines that hold what was
found, never the line before or a blank line after.

An expression like ``(?:^|[\\s"'\\[,(])evidently`` (the bundled dependency detectors) or
``^\\s*import`` finds its leftmost match at the line break *before* the name, and
``^\\s+limits:\\s*$`` runs on over the blank lines after it; those cited ``requirements.txt:2-3``
for a dependency on line 3. ``validate --evidence`` cannot see this (the lines exist), so it is
checked here: tables at the first line, the last line without a line break, CRLF files and the
middle, and a property that puts a known line anywhere among other lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mlops_maturity.cli import app
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.model.answers import LineRange
from mlops_maturity.model.rubric import Detector, DetectorKind
from mlops_maturity.scan.compiled import compile_rubric, matcher
from mlops_maturity.scan.matcher import content_hits, lines_of
from mlops_maturity.scan.plan import ContentIndex
from mlops_maturity.scan.run import scan_repository
from scan_helpers import build

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = load_rubric(ROOT / "rubrics" / "mlops-automation.yaml")
INDEX = ContentIndex(compile_rubric(RUBRIC))

# (file name, a line that a bundled detector finds, that detector's reason)
KNOWN = [
    ("requirements.txt", "evidently==0.4", "Evidently is a dependency"),
    ("requirements.txt", "great_expectations", "Great Expectations is a dependency"),
    ("requirements.txt", "mlflow>=2.9 ; python_version > '3.9'", "MLflow is a dependency"),
    ("requirements-dev.in", "  wandb", "Weights & Biases is a dependency"),
    ("pyproject.toml", '  "nannyml>=0.10",', "NannyML is a dependency"),
    ("train.py", "import mlflow", "the code logs to MLflow"),
    ("train.py", "    from mlflow import log_metric", "the code logs to MLflow"),
    ("k8s/deploy.yaml", "        limits:", "a Kubernetes manifest sets resource limits"),
    ("k8s/rollout.yaml", "      analysis:", "an Argo Rollouts analysis can abort the rollout"),
]
# Lines that no detector of the rubric finds, in any of those files.
FILLER = ["", "   ", "\t", "numpy", "pandas==2.1", "# pinned", "-r base.txt", "x = 1",
          "name: demo", "  requests: {cpu: 1}", "[project]", "scikit-learn>=1.3"]


def cited(name: str, text: str, reason: str) -> list[LineRange | None]:
    """The lines cited by the detector with ``reason`` in a file, as the scanner finds them
    (the same index, RE2 gate and search that ``scan_repository`` uses)."""
    searcher = INDEX.searcher(name, name.rsplit("/", 1)[-1])
    assert searcher is not None, name
    candidates = list(searcher.candidates(text.encode()))
    return [h.lines for h in content_hits(candidates, name, text) if h.detector.reason == reason]


def test_no_filler_line_is_found_by_a_detector():
    for name, _, reason in KNOWN:
        assert cited(name, "\n".join(FILLER) + "\n", reason) == [], (name, reason)


@settings(max_examples=200, deadline=None)
@given(known=st.sampled_from(KNOWN), before=st.lists(st.sampled_from(FILLER), max_size=8),
       after=st.lists(st.sampled_from(FILLER), max_size=8), eol=st.sampled_from(["\n", "\r\n"]),
       final=st.booleans())
def test_the_cited_lines_are_exactly_the_line_that_was_found(known, before, after, eol, final):
    name, line, reason = known
    text = eol.join(before + [line] + after) + (eol if final else "")
    where = len(before) + 1
    found = cited(name, text, reason)  # two questions may share a detector: each cites
    assert found and set(found) == {LineRange(where, where)}


@pytest.mark.parametrize("text, where", [
    ("evidently==0.4\nnumpy\n", 1),                  # first line
    ("numpy\npandas\nevidently==0.4", 3),            # last line, no line break after it
    ("numpy\r\npandas\r\nevidently==0.4\r\n", 3),    # CRLF
    ("numpy\r\nevidently==0.4\r\npandas", 2),        # CRLF, in the middle
    ("numpy\nevidently==0.4\npandas\n", 2),          # the middle
    ("numpy\n\n\nevidently==0.4\n\n\n", 4),          # after and before blank lines
    ("\ufeffevidently==0.4\n", 1),                   # a byte-order mark
], ids=["first", "last-no-eol", "crlf-last", "crlf-middle", "middle", "blank-lines", "bom"])
def test_a_requirement_is_cited_on_its_own_line(tmp_path, text, where):
    build(tmp_path, {"requirements.txt": text.encode("utf-8")})
    p = scan_repository(tmp_path, RUBRIC).proposal("monitoring.data-drift")
    assert p is not None
    assert [(h.path, h.lines) for h in p.hits] == [("requirements.txt", LineRange(where, where))]


def test_the_reported_examples_cite_the_line_of_the_dependency(tmp_path, monkeypatch):
    build(tmp_path, {"a/requirements.txt": "numpy\npandas\nevidently==0.4",
                     "b/requirements.txt": "mlflow\ngreat_expectations\n"})
    monkeypatch.chdir(tmp_path)
    a = CliRunner().invoke(app, ["scan", "a", "--format", "text"])
    b = CliRunner().invoke(app, ["scan", "b", "--format", "text"])
    assert a.exit_code == b.exit_code == 0, a.output + b.output
    assert "requirements.txt:3 (Evidently is a dependency)" in a.stdout
    assert "requirements.txt:2 (Great Expectations is a dependency)" in b.stdout
    assert "requirements.txt:1 (MLflow is a dependency)" in b.stdout


@pytest.mark.parametrize("text, pattern, lines", [
    ("a\n\n  kind: Rollout\n", r"^\s*kind:\s*Rollout\b", (3, 3)),   # \s* over a blank line
    ("  limits:\n\n\nx: 1\n", r"^\s+limits:\s*$", (1, 1)),         # \s*$ over blank lines
    ("kind:\n  Rollout\n", r"^kind:\s*Rollout\b", (1, 2)),          # a match on two lines
    ("a\r\n\r\nb: c\r\n\r\n", r"\sb: c\s+", (3, 3)),                # CRLF on both sides
    ("x\n\t\ny\n", r"\n\t\n", (1, 2)),                              # only whitespace: as found
])
def test_content_matches_cite_the_lines_that_hold_what_was_found(text, pattern, lines):
    m = matcher(Detector(DetectorKind.CONTENT, pattern, "yes", "r", "", 1))
    assert content_hits([m], "f.yaml", text)[0].lines == LineRange(*lines)


@given(st.text(alphabet="ab \t\r\n", max_size=40), st.data())
def test_lines_of_any_span_lie_within_the_file(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    r = lines_of(text, start, end)
    assert 1 <= r.first <= r.last <= text.count("\n") + 1
    core = text[start:end].strip()
    if core:  # the first and last lines hold the first and last characters found
        first = text.index(core, start)
        assert r.first == text.count("\n", 0, first) + 1
        assert r.last == text.count("\n", 0, first + len(core) - 1) + 1


def test_an_expression_that_sets_its_own_ignore_case_flag_still_matches():
    m = matcher(Detector(DetectorKind.CONTENT, "(?i)mlflow", "yes", "r", "", 1))
    assert [h.lines for h in content_hits([m], "t.py", "x\nimport MLflow\n")] == [
        LineRange(2, 2)]
