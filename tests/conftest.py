"""Shared fixtures; ``--update-golden`` rewrites the golden report files in tests/golden."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
FIXED_TIME = "2026-11-30T12:00:00Z"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/* from the current output instead of comparing.")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def write(tmp_path):
    """Write a text file into tmp_path and return its path."""
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
    return _write


@pytest.fixture
def tiny_rubric(tmp_path) -> str:
    """The tiny test rubric copied into tmp_path, named the way a questionnaire there may name it
    (a questionnaire's ``rubric:`` path may not leave its folder or repository)."""
    import shutil
    shutil.copy(DATA / "tiny-rubric.yaml", tmp_path / "tiny-rubric.yaml")
    return "tiny-rubric.yaml"
