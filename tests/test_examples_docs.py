"""``examples`` and ``docs``: the bundled examples listed and copied out, the guides printed.

Run in a checkout (editable install) here; ``tests/test_packaging.py`` runs the same commands
from a wheel installed outside the checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlops_maturity.cli.application import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def here(tmp_path):
    before = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(before)


def test_examples_lists_every_bundled_example_with_its_rubric():
    result = run("examples")
    assert result.exit_code == 0, result.stderr
    for path in EXAMPLES:
        assert path.stem in result.stdout
    assert "mlops-automation" in result.stdout and "ml-test-score" in result.stdout


def test_copy_writes_the_example_less_the_checkout_schema_line(here):
    result = run("examples", "copy", "speech-edge")
    assert result.exit_code == 0, result.stderr
    copied = (here / "speech-edge.yaml").read_text(encoding="utf-8")
    original = (ROOT / "examples" / "speech-edge.yaml").read_text(encoding="utf-8")
    assert copied == original.split("\n", 1)[1] and original.startswith("# yaml-language-server")
    assert "wrote speech-edge.yaml" in result.stderr
    assert run("score", "speech-edge.yaml").exit_code == 0


def test_copy_into_a_folder_keeps_the_readme_paths_working(here):
    (here / "examples").mkdir()
    result = run("examples", "copy", "fraud-realtime-canary", "demand-forecast-batch",
                 "-o", "examples/")
    assert result.exit_code == 0, result.stderr
    assert run("score", "examples/fraud-realtime-canary.yaml").exit_code == 0
    assert run("score", "examples/demand-forecast-batch.yaml").exit_code == 0


def test_copy_never_overwrites_without_force(here):
    (here / "speech-edge.yaml").write_text("mine\n", encoding="utf-8")
    refused = run("examples", "copy", "speech-edge")
    assert refused.exit_code == 2 and "already exists (pass --force" in refused.stderr
    assert (here / "speech-edge.yaml").read_text(encoding="utf-8") == "mine\n"
    assert run("examples", "copy", "speech-edge", "--force").exit_code == 0
    assert (here / "speech-edge.yaml").read_text(encoding="utf-8") != "mine\n"


def test_copy_writes_all_or_nothing(here):
    (here / "b").mkdir()
    (here / "b" / "speech-edge.yaml").write_text("mine\n", encoding="utf-8")
    result = run("examples", "copy", "fraud-realtime-canary", "speech-edge", "-o", "b/")
    assert result.exit_code == 2
    assert sorted(p.name for p in (here / "b").iterdir()) == ["speech-edge.yaml"]


@pytest.mark.parametrize("args, fragment", [
    (["speeh-edge"], "'speeh-edge' is not a bundled example (did you mean 'speech-edge'?)"),
    (["speech-edge", "fraud-realtime-canary", "-o", "one.yaml"],
     "'one.yaml' is one file, but 2 examples are named (give a folder: -o one.yaml/)"),
    (["speech-edge", "fraud-realtime-canary", "-o", "-"], "- prints one example"),
    (["speech-edge", "-o", "missing/"], "folder 'missing' does not exist"),
    (["speech-edge", "-o", "/dev/null"], "is a device, not a regular file"),
])
def test_copy_refuses_with_one_line(here, args, fragment):
    result = run("examples", "copy", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert fragment in result.stderr, result.stderr


def test_copy_to_stdout_prints_the_example():
    result = run("examples", "copy", "ml-test-score-recsys", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# ML Test Score self-assessment")


def test_docs_lists_and_prints_the_rubric_format_guide():
    listed = run("docs")
    assert listed.exit_code == 0 and "rubric-format" in listed.stdout
    assert "Online: https://" in listed.stdout  # declared in the package metadata
    printed = run("docs", "rubric-format")
    assert printed.exit_code == 0
    assert printed.stdout == (ROOT / "docs" / "rubric-format.md").read_text(encoding="utf-8")
    unknown = run("docs", "rubric-formats")
    assert unknown.exit_code == 2 and "did you mean 'rubric-format'?" in unknown.stderr


def test_the_pointers_to_the_guide_name_the_docs_command(here):
    result = run("rubrics", "new", "my-rubric")
    assert "`mlops-maturity docs rubric-format`" in result.stderr
    assert "`mlops-maturity docs rubric-format`" in (here / "my-rubric.yaml").read_text()
    assert "`mlops-maturity docs rubric-format`" in run("schema", "rubric").stdout
