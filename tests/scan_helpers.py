"""Builders for the scanner's tests: small repositories made in a temporary folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
SCAN_RUBRIC = DATA / "scan-rubric.yaml"

WORKFLOW = """\
name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: python -m pytest -q
"""
ROLLOUT = """\
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: fraud}
spec:
  strategy:
    canary:
      steps:
        - setWeight: 10
"""


def build(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write each file (text or bytes) under ``root``, creating folders; returns ``root``."""
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return root


def git_init(root: Path) -> None:
    """Make ``root`` a git work tree with everything in it added (skip without git)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    run = {"cwd": root, "check": True, "capture_output": True}
    subprocess.run(["git", "init", "-q"], **run)
    subprocess.run(["git", "add", "-A"], **run)
