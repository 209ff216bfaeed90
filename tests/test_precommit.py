"""The pre-commit hook (``.pre-commit-hooks.yaml``), run by pre-commit itself.

``pre-commit try-repo`` installs the hook from a git repository into an environment of its
own and runs it on a project, as a team's ``.pre-commit-config.yaml`` entry would. The
repository it installs from is a snapshot of this working tree (committed or not) in a
temporary folder: the real repository, its index and its stash are never touched, and
nothing is pushed. Installing needs the package registry, as every pre-commit user does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOK = "mlops-maturity-validate"
# What `pip install` of the snapshot needs (the wheel's sources and the files it maps in).
NEEDED = ("mlops_maturity", "rubrics", "templates", "examples", "docs", "pyproject.toml",
          "README.md", ".pre-commit-hooks.yaml")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without git's per-repository variables, so each git call stays in the
    folder it is run in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="test", GIT_AUTHOR_EMAIL="test@example.com",
               GIT_COMMITTER_NAME="test", GIT_COMMITTER_EMAIL="test@example.com", **extra)
    return env


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, env=clean_env(), check=True,
                          capture_output=True, text=True, timeout=120).stdout


def snapshot(target: Path) -> Path:
    """This working tree's files, tracked and new (less ignored ones), committed in a
    repository of their own."""
    listed = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if name.split("/", 1)[0] in NEEDED and source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot of the working tree")
    return target


def project(folder: Path) -> Path:
    """A team's repository: a questionnaire and a rubric under mlops/, one questionnaire with
    a wrong answer, and a workflow file that the hook must leave alone."""
    (folder / "mlops").mkdir(parents=True)
    (folder / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "fraud-realtime-canary.yaml", folder / "mlops" / "q.yaml")
    shutil.copy(ROOT / "tests" / "data" / "tiny-rubric.yaml", folder / "mlops" / "tiny.yaml")
    (folder / "mlops" / "broken.yaml").write_text(
        "rubric: tiny.yaml\nanswers:\n  build.ci: maybe\n", encoding="utf-8")
    (folder / ".github" / "workflows" / "ci.yml").write_text(
        "on: push\njobs: {}\n", encoding="utf-8")
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    return folder


def try_repo(tool: Path, cwd: Path, home: Path, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(tool), HOOK, "--files", *files],
        cwd=cwd, env=clean_env(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never"),
        capture_output=True, text=True, timeout=900)


def test_the_hook_file_declares_the_validate_hook():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == HOOK and hook["entry"] == "mlops-maturity validate"
    assert hook["language"] == "python" and hook["types"] == ["yaml"]


@pytest.fixture(scope="module")
def repos(tmp_path_factory) -> tuple[Path, Path, Path]:
    if shutil.which("git") is None:
        pytest.skip("SKIPPED PRE-COMMIT TEST: git is not on PATH")
    base = tmp_path_factory.mktemp("precommit")
    (base / "tool").mkdir()
    return snapshot(base / "tool"), project(base / "team"), base / "cache"


def test_try_repo_passes_valid_files_and_leaves_other_yaml_alone(repos):
    tool, team, home = repos
    result = try_repo(tool, team, home, "mlops/q.yaml", "mlops/tiny.yaml",
                      ".github/workflows/ci.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mlops-maturity validate" in result.stdout and "Passed" in result.stdout


def test_try_repo_fails_on_a_wrong_answer_with_its_line(repos):
    tool, team, home = repos
    result = try_repo(tool, team, home, "mlops/q.yaml", "mlops/broken.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "error: mlops/broken.yaml:3: answers.build.ci: 'maybe' is not an allowed answer" \
        in result.stdout
