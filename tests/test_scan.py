"""The scanner on small repositories built in the tests: what it lists, reads, skips and
proposes. Safety first: symlinks out of the repository, FIFOs, devices, binaries and huge
files are never searched, and nothing blocks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.model.answers import LineRange
from mlops_maturity.scan.listing import GIT_LISTER, WALK_LISTER, list_files, walk_files
from mlops_maturity.scan.matcher import MAX_EVIDENCE, MAX_LINE
from mlops_maturity.scan.proposals import SkipReason
from mlops_maturity.scan.reading import MAX_SCAN_BYTES
from mlops_maturity.scan.run import scan_repository
from scan_helpers import ROLLOUT, SCAN_RUBRIC, WORKFLOW, build, git_init


@pytest.fixture(scope="module")
def rubric():
    return load_rubric(SCAN_RUBRIC)


def proposals(result):
    return {p.question: p.answer for p in result.proposals}


def test_each_kind_of_detector_proposes_with_its_evidence(tmp_path, rubric):
    build(tmp_path, {".github/workflows/ci.yml": WORKFLOW, "requirements.txt": "MLflow==2.9\n",
                     "deploy/rollout.yaml": ROLLOUT, "airflow/dags/train.py": "x = 1\n"})
    result = scan_repository(tmp_path, rubric)
    assert proposals(result) == {"ops.ci": "yes", "ops.tracking": "yes",
                                 "ops.rollout": "stepped", "ops.dags": "partial"}
    ci = result.proposal("ops.ci")
    assert [(h.path, h.lines) for h in ci.hits] == [(".github/workflows/ci.yml",
                                                     LineRange(8, 8))]
    assert result.proposal("ops.tracking").hits[0].lines == LineRange(1, 1)  # ignores case
    assert result.proposal("ops.dags").hits[0].lines is None  # a path match has no lines


def test_the_best_supported_answer_wins_with_only_its_own_evidence(tmp_path, rubric):
    guarded = ROLLOUT.replace("      steps:", "      analysis:\n        templates: []\n"
                                             "      steps:")
    build(tmp_path, {"a/rollout.yaml": ROLLOUT, "b/rollout.yaml": guarded})
    p = scan_repository(tmp_path, rubric).proposal("ops.rollout")
    assert p.answer == "guarded"
    assert [h.path for h in p.hits] == ["b/rollout.yaml"]


def test_nothing_found_stays_unanswered_with_what_was_looked_for(tmp_path, rubric):
    build(tmp_path, {"README.md": "nothing here\n"})
    result = scan_repository(tmp_path, rubric)
    assert result.proposals == ()
    missing = {n.question: n.looked_for for n in result.not_found}
    assert set(missing) == {"ops.ci", "ops.tracking", "ops.rollout", "ops.dags"}
    assert missing["ops.tracking"] == ("MLflow is a dependency (a dependency matching "
                                       "^\\s*\"?mlflow\\b)",)
    # no question without detectors, and never the degree question
    assert "ops.runbook" not in missing and "ops.degree" not in missing


def test_a_workflow_without_tests_supports_only_partial(tmp_path, rubric):
    build(tmp_path, {".github/workflows/lint.yaml": "steps:\n  - run: ruff check .\n"})
    assert proposals(scan_repository(tmp_path, rubric)) == {"ops.ci": "partial"}


def test_many_matching_files_are_listed_up_to_a_limit_and_counted(tmp_path, rubric):
    build(tmp_path, {f"dags/d{i:02}.py": "" for i in range(MAX_EVIDENCE + 5)})
    p = scan_repository(tmp_path, rubric).proposal("ops.dags")
    assert len(p.hits) == MAX_EVIDENCE and p.more == 5
    assert [h.path for h in p.hits] == sorted(h.path for h in p.hits)


def test_dependencies_are_read_from_manifests_only(tmp_path, rubric):
    build(tmp_path, {"notes/requirements.md": "mlflow\n", "src/mlflow_notes.txt": "mlflow\n"})
    assert "ops.tracking" not in proposals(scan_repository(tmp_path, rubric))
    for manifest in ("pyproject.toml", "requirements-dev.txt", "environment.yml",
                     "requirements/base.txt", "svc/package.json"):
        build(tmp_path / manifest.replace("/", "_"), {manifest: '  "mlflow>=2",\n'})
        found = proposals(scan_repository(tmp_path / manifest.replace("/", "_"), rubric))
        assert found.get("ops.tracking") == "yes", manifest


# ── safety ──

def test_a_symlink_out_of_the_repository_is_never_followed(tmp_path, rubric):
    outside = build(tmp_path / "outside", {"rollout.yaml": ROLLOUT, "workflows": ""})
    repo = build(tmp_path / "repo", {"README.md": "x\n"})
    (repo / "deploy").mkdir()
    os.symlink(outside / "rollout.yaml", repo / "deploy" / "rollout.yaml")
    os.symlink(outside, repo / "linked-folder")
    result = scan_repository(repo, rubric)
    assert "ops.rollout" not in proposals(result)
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("deploy/rollout.yaml", SkipReason.SYMLINK_OUT), ("linked-folder",
                                                           SkipReason.SYMLINK_OUT)]


def test_a_symlink_inside_the_repository_is_followed(tmp_path, rubric):
    repo = build(tmp_path, {"base/rollout.yaml": ROLLOUT})
    (repo / "deploy").mkdir()
    os.symlink("../base/rollout.yaml", repo / "deploy" / "rollout.yaml")
    p = scan_repository(repo, rubric).proposal("ops.rollout")
    assert [h.path for h in p.hits] == ["base/rollout.yaml", "deploy/rollout.yaml"]


def test_a_fifo_is_skipped_without_blocking(tmp_path, rubric):
    repo = build(tmp_path, {"deploy/x.yaml": ROLLOUT})
    os.mkfifo(repo / "deploy" / "pipe.yaml")
    result = scan_repository(repo, rubric)
    assert ("deploy/pipe.yaml", SkipReason.NOT_REGULAR) in [(s.path, s.reason)
                                                            for s in result.skipped]
    assert proposals(result)["ops.rollout"] == "stepped"


def test_a_device_linked_into_the_repository_is_never_read(tmp_path, rubric):
    repo = build(tmp_path, {"README.md": "x\n"})
    os.symlink("/dev/zero", repo / "zero.yaml")
    result = scan_repository(repo, rubric)
    assert [(s.path, s.reason) for s in result.skipped] == [("zero.yaml",
                                                             SkipReason.SYMLINK_OUT)]


def test_binaries_and_huge_files_are_matched_by_name_only(tmp_path, rubric):
    huge = ROLLOUT + "#" * MAX_SCAN_BYTES
    repo = build(tmp_path, {"big/rollout.yaml": huge, "bin/rollout.yaml": b"\0" + ROLLOUT.encode(),
                            "dags/big.py": "x" * (MAX_SCAN_BYTES + 1)})
    result = scan_repository(repo, rubric)
    assert sorted((s.path, s.reason) for s in result.skipped) == [
        ("big/rollout.yaml", SkipReason.TOO_LARGE), ("bin/rollout.yaml", SkipReason.BINARY)]
    assert proposals(result) == {"ops.dags": "partial"}  # a name still counts


def test_long_lines_are_cut_before_any_expression_runs(tmp_path, rubric):
    line = "kind: Rollout" + " " * MAX_LINE + "tail"
    repo = build(tmp_path, {"a.yaml": line + "\n", "b.yaml": " " * (MAX_LINE + 5) + "\n"
                            "kind: Rollout\n"})
    p = scan_repository(repo, rubric).proposal("ops.rollout")
    assert [(h.path, h.lines) for h in p.hits] == [("a.yaml", LineRange(1, 1)),
                                                   ("b.yaml", LineRange(2, 2))]


def test_text_that_is_not_utf8_is_still_searched(tmp_path, rubric):
    repo = build(tmp_path, {"r.yaml": b"# caf\xe9\nkind: Rollout\n"})
    assert proposals(scan_repository(repo, rubric)) == {"ops.rollout": "stepped"}


# ── what is listed ──

def test_the_walk_honours_gitignore_files_at_every_depth(tmp_path):
    build(tmp_path, {".gitignore": "build/\n*.log\n", "a.py": "", "x.log": "",
                     "build/out.py": "", "sub/.gitignore": "!keep.log\nlocal/\n",
                     "sub/keep.log": "", "sub/drop.log.bak": "", "sub/local/y.py": "",
                     ".git/config": ""})
    assert walk_files(tmp_path) == (".gitignore", "a.py", "sub/.gitignore", "sub/drop.log.bak",
                                    "sub/keep.log")
    assert list_files(tmp_path).how == WALK_LISTER


def test_a_git_work_tree_is_listed_by_git(tmp_path):
    build(tmp_path, {".gitignore": ".venv/\n", "a.py": "", ".venv/lib.py": "",
                     "new.txt": ""})
    git_init(tmp_path)
    build(tmp_path, {"untracked.py": ""})
    listing = list_files(tmp_path)
    assert listing.how == GIT_LISTER
    assert listing.paths == (".gitignore", "a.py", "new.txt", "untracked.py")


def test_scanning_a_file_or_a_missing_folder_is_bad_input(tmp_path, rubric):
    from mlops_maturity.model.errors import InputFileError
    with pytest.raises(InputFileError, match="no such folder"):
        scan_repository(tmp_path / "nope", rubric)
    with pytest.raises(InputFileError, match="is not a folder"):
        scan_repository(build(tmp_path, {"f": ""}) / "f", rubric)


def test_the_rubric_and_the_answers_in_use_are_never_searched(tmp_path, rubric):
    repo = build(tmp_path, {"mlops/rubric.yaml": "kind: Rollout\n",
                            "other.yaml": "kind: Rollout\n"})
    result = scan_repository(repo, rubric, (repo / "mlops" / "rubric.yaml",))
    assert [h.path for h in result.proposal("ops.rollout").hits] == ["other.yaml"]
    assert ("mlops/rubric.yaml", SkipReason.INPUT) in [(s.path, s.reason) for s in result.skipped]
