"""Helpers for the history tests: a CLI runner in a folder, and git repositories made here."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from mlops_maturity.cli.application import app

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "history"
GOLDEN = ROOT / "tests" / "golden" / "history"
UPDATE = "python -m pytest tests/test_history_compare.py tests/test_history_trend.py --update-golden"


def invoke(args: list[str], cwd: Path | None = None):
    """Run the CLI as a user would, from ``cwd``; stdout and stderr apart."""
    runner = CliRunner()
    before = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return runner.invoke(app, args)
    finally:
        os.chdir(before)


def git(repo: Path, *args: str, when: str = "2026-01-01T12:00:00Z") -> str:
    """Run git in ``repo`` with a fixed author, committer and time, so commits are the same
    on every run (and their ids with them)."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          check=True)
    return done.stdout


def new_repo(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    return folder


def commit(repo: Path, files: dict[str, str], when: str, message: str = "update") -> str:
    """Write ``files`` (path → text), commit them at ``when``, and return the commit id."""
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        git(repo, "add", name)
    git(repo, "commit", "-q", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD").strip()


def check_golden(name: str, actual: str, update: bool) -> None:
    golden = GOLDEN / name
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"missing {golden}; run: {UPDATE}"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{name} differs; if the change is intended run `{UPDATE}` and review "
        "`git diff tests/golden/history`")
