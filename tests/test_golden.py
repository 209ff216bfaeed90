"""Golden files: every report format for every example, byte for byte.

When a change to a report is intended, regenerate them and review the diff:

    python -m pytest tests/test_golden.py --update-golden
    git diff tests/golden
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

import pytest

from conftest import FIXED_TIME
from mlops_maturity.api import assess
from mlops_maturity.render import Format, format_for_path, renderer_for

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def render(example: Path, fmt: Format) -> str:
    """One format of one example, read by its path from the repository root as CI gives it
    (annotations name the file)."""
    with inside(ROOT):
        report = assess(example.relative_to(ROOT), generated_at=FIXED_TIME)
    return renderer_for(fmt).render(report)


@contextlib.contextmanager
def inside(folder: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def golden_name(example: Path, fmt: Format) -> str:
    """The example's name with the format's first suffix; a format written only to stdout
    (GitHub workflow commands) has none, so its name is made from the format."""
    suffixes = renderer_for(fmt).suffixes or (f".{fmt.value}.txt",)
    return example.stem + suffixes[0]


# A PDF carries its creation time, so it is checked in the browser test instead.
BYTE_STABLE = [f for f in Format if f is not Format.PDF]
STDOUT_ONLY = {Format.GITHUB}  # workflow commands: read by the runner from a step's output


@pytest.mark.parametrize("fmt", BYTE_STABLE, ids=lambda f: f.value)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_golden(example, fmt, update_golden):
    golden = GOLDEN / golden_name(example, fmt)
    actual = render(example, fmt)
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"missing {golden}; run: python -m pytest tests/test_golden.py --update-golden"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, (f"{golden.name} differs; if the change is intended run "
                                "`python -m pytest tests/test_golden.py --update-golden` and review `git diff tests/golden`")


def test_every_format_has_a_renderer_and_a_suffix():
    for fmt in Format:
        renderer = renderer_for(fmt)
        assert renderer.format is fmt
        assert renderer.suffixes or fmt in STDOUT_ONLY
        assert all(format_for_path("x" + s) is fmt for s in renderer.suffixes)


def test_reports_are_deterministic():
    for fmt in BYTE_STABLE:
        assert render(EXAMPLES[0], fmt) == render(EXAMPLES[0], fmt)
