"""``mlops-maturity scan`` through Typer's test runner: golden output in each format, writes
that refuse to destroy anything, merge and confirmation, and errors as one line each.

Regenerate the golden files after an intended change, and review the diff:

    python -m pytest tests/test_scan_cli.py --update-golden
    git diff tests/golden/scan
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlops_maturity.cli import app
from mlops_maturity.load.assessment import open_assessment
from mlops_maturity.model.answers import EvidenceSource
from scan_helpers import ROLLOUT, SCAN_RUBRIC, WORKFLOW, build

GOLDEN = Path(__file__).resolve().parent / "golden" / "scan"
EPOCH = {"SOURCE_DATE_EPOCH": "1796040000"}  # 2026-11-30


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A working folder holding the rubric and a small repository, as the cwd."""
    shutil.copy(SCAN_RUBRIC, tmp_path / "scan-rubric.yaml")
    build(tmp_path / "repo", {".github/workflows/ci.yml": WORKFLOW,
                              "deploy/rollout.yaml": ROLLOUT, "README.md": "# demo\n"})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=EPOCH)


@pytest.mark.parametrize("fmt, suffix", [("yaml", ".yaml"), ("json", ".json"),
                                         ("text", ".txt")])
def test_golden(here, fmt, suffix, update_golden):
    result = run("scan", "repo", "--rubric", "scan-rubric.yaml", "--format", fmt)
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"demo{suffix}"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
        return
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        "scan output changed; if intended run `python -m pytest tests/test_scan_cli.py "
        "--update-golden` and review `git diff tests/golden/scan`")


def test_the_written_questionnaire_validates_and_links_every_answer_to_a_file(here):
    result = run("scan", "repo", "--rubric", "scan-rubric.yaml", "-o", "repo/answers.yaml")
    assert result.exit_code == 0, result.output
    assert "wrote repo/answers.yaml (2 proposed answers, 0 disagreements)" in result.stderr
    shutil.copy("scan-rubric.yaml", "repo/scan-rubric.yaml")
    text = Path("repo/answers.yaml").read_text()
    assert 'rubric: "../scan-rubric.yaml"' in text
    checked = run("validate", "--rubric", "scan-rubric.yaml", "repo/answers.yaml")
    assert checked.exit_code == 0, checked.output
    a = open_assessment(Path("repo/answers.yaml"), "scan-rubric.yaml")
    for answer in a.questionnaire.answers:
        if answer.value is not None:
            assert answer.source is EvidenceSource.SCAN
            assert answer.evidence and all((here / "repo" / e.path).is_file()
                                           for e in answer.evidence)


def test_an_existing_file_is_never_overwritten_without_force(here):
    Path("repo/answers.yaml").write_text("mine\n")
    result = run("scan", "repo", "--rubric", "scan-rubric.yaml", "-o", "repo/answers.yaml")
    assert result.exit_code == 2
    assert result.stderr == ("error: repo/answers.yaml: already exists (pass --force to "
                             "overwrite it)\n")
    assert Path("repo/answers.yaml").read_text() == "mine\n"
    forced = run("scan", "repo", "--rubric", "scan-rubric.yaml", "-o", "repo/answers.yaml",
                 "--force")
    assert forced.exit_code == 0 and Path("repo/answers.yaml").read_text().startswith("# gen")


def test_merge_keeps_the_person_lists_disagreements_and_never_writes_over_its_input(here):
    Path("answers.yaml").write_text(
        "rubric: scan-rubric.yaml\nproject: {name: Demo}\nanswers:\n"
        "  ops.ci: {answer: no, notes: we run tests by hand}\n  ops.tracking: yes\n")
    same = run("scan", "repo", "--merge", "answers.yaml", "-o", "answers.yaml", "--force")
    assert same.exit_code == 2 and "is an input of this command" in same.stderr
    result = run("scan", "repo", "--merge", "answers.yaml", "-o", "merged.yaml")
    assert result.exit_code == 0, result.output
    assert ("disagrees: ops.ci: answered 'no', but files support 'yes'" in result.stderr)
    assert ("disagrees: ops.tracking: answered 'yes', but none of what the scan looks for is "
            "there" in result.stderr)
    merged = open_assessment(Path("merged.yaml")).questionnaire
    ci = merged.answer("ops.ci")
    assert (ci.value, ci.notes, ci.source) == ("no", "we run tests by hand",
                                               EvidenceSource.DECLARED)
    assert merged.answer("ops.rollout").source is EvidenceSource.SCAN
    assert merged.project.name == "Demo"
    assert "# scan disagrees: ops.ci: answered 'no'" in Path("merged.yaml").read_text()


def test_confirm_drops_the_marker_of_a_proposal(here):
    assert run("scan", "repo", "--rubric", "scan-rubric.yaml", "-o", "a.yaml").exit_code == 0
    result = run("scan", "repo", "--merge", "a.yaml", "--confirm", "ops.rollout",
                 "-o", "b.yaml")
    assert result.exit_code == 0, result.output
    b = open_assessment(Path("b.yaml")).questionnaire
    assert b.answer("ops.rollout").source is EvidenceSource.DECLARED
    assert b.answer("ops.ci").source is EvidenceSource.SCAN
    typo = run("scan", "repo", "--merge", "a.yaml", "--confirm", "ops.rolout")
    assert typo.exit_code == 2
    assert typo.stderr == ("error: --confirm: 'ops.rolout' is not a question of rubric "
                           "'scan-test' (did you mean 'ops.rollout'?)\n")


@pytest.mark.parametrize("args, message", [
    (["scan", "nope"], "error: nope: no such folder\n"),
    (["scan", "repo", "--format", "xml"], "error: --format: 'xml' is not a scan format "
                                          "(use yaml, json or text)\n"),
    (["scan", "repo", "--confirm", "all"], "error: --confirm: confirms answers of the file "
                                           "given with --merge (add --merge ANSWERS.yaml)\n"),
    (["scan", "repo", "-o", "missing/x.yaml"], "error: missing/x.yaml: folder 'missing' does "
                                               "not exist (create it first, or choose another "
                                               "path)\n"),
])
def test_bad_input_is_one_line_and_exit_2(here, args, message):
    result = run(*args)
    assert (result.exit_code, result.stderr) == (2, message)


def test_json_is_a_document_for_machines(here):
    doc = json.loads(run("scan", "repo", "--rubric", "scan-rubric.yaml", "-f", "json").stdout)
    assert [p["question"] for p in doc["proposals"]] == ["ops.ci", "ops.rollout"]
    assert doc["proposals"][0]["evidence"] == [
        {"path": ".github/workflows/ci.yml", "lines": "8", "reason": "the workflow runs pytest"}]
    assert {n["question"] for n in doc["not_found"]} == {"ops.tracking", "ops.dags"}


def test_score_scan_shows_proposals_beside_the_answers_and_the_score_if_accepted(here):
    Path("answers.yaml").write_text(
        "rubric: scan-rubric.yaml\nanswers:\n  ops.degree: human_only\n  ops.ci: no\n"
        "  ops.tracking: yes\n  ops.runbook: yes\n")
    result = run("score", "answers.yaml", "--scan", "repo")
    assert result.exit_code == 0, result.output
    tail = result.stdout.split("\nScan of repo: ")[1].splitlines()
    assert tail[0].startswith("2 proposals, 2 disagreements (3 files listed by")
    assert [line.split() for line in tail[1:5]] == [
        ["question", "declared", "proposed", "evidence"],
        ["ops.ci", "No", "Yes", ".github/workflows/ci.yml:8", "(disagrees)"],
        ["ops.tracking", "Yes", "—", "nothing", "of", "what", "it", "looks", "for",
         "(disagrees)"],
        ["ops.rollout", "unanswered", "Stepped", "deploy/rollout.yaml:2"]]
    # accepting fills ops.rollout only (1 of 2 points): (0 + 1 + 0.5 + 0 + 1) / 5 questions
    assert tail[5] == "If the proposals were accepted: maturity 50 of 100 (now 40 of 100)."
    assert "who decides stays as declared" in tail[6]


def test_score_scan_is_for_the_text_summary(here):
    Path("answers.yaml").write_text("rubric: scan-rubric.yaml\nanswers:\n  ops.ci: no\n")
    result = run("score", "answers.yaml", "--scan", "repo", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --scan: adds a comparison to the text summary only")


def test_verbose_says_which_settings_and_rubric_files_were_used(here):
    result = run("scan", "repo", "--rubric", "scan-rubric.yaml", "-f", "text", "-v")
    assert result.exit_code == 0, result.output
    info = [line for line in result.stderr.splitlines() if line.startswith("info: ")]
    assert info[0].startswith("info: settings: none found (looked in ")
    assert info[-1] == f"info: rubric: scan-test 1.0 from {here / 'scan-rubric.yaml'}"
    assert "info:" not in run("scan", "repo", "--rubric", "scan-rubric.yaml").stderr


def test_the_rubric_setting_is_used_and_named(here):
    (here / ".git").mkdir()  # the settings walk stops at the work tree's root
    (here / ".mlops-maturity.toml").write_text('rubric = "scan-rubric.yaml"\n')
    result = run("scan", "repo", "-f", "json", "-v")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rubric"]["id"] == "scan-test"
    assert "info: settings: .mlops-maturity.toml, giving rubric" in result.stderr
    assert f"info: rubric: scan-test 1.0 from {here / 'scan-rubric.yaml'}" in result.stderr
    given = run("scan", "repo", "-f", "json", "--rubric", "mlops-automation")
    assert json.loads(given.stdout)["rubric"]["id"] == "mlops-automation"  # the option wins
    (here / ".mlops-maturity.toml").write_text('rubric = "scan-rubric.yml"\n')
    wrong = run("scan", "repo")
    assert wrong.exit_code == 2 and wrong.stderr.startswith("error: ")
    assert wrong.stderr.splitlines()[1] == (
        "error: .mlops-maturity.toml:1: rubric: names 'scan-rubric.yml', which cannot be used "
        "(paths are relative to the settings file)")  # blamed on the line that names it
    assert wrong.stderr == run("init").stderr  # as init reports the same setting
