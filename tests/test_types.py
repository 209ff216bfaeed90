"""The bottom two layers are strictly typed, so the frozen model and the loaders that build it
cannot drift apart without a type error."""

from __future__ import annotations

from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

PACKAGE = Path(__file__).resolve().parent.parent / "mlops_maturity"


def test_model_and_load_pass_mypy_strict(tmp_path):
    out, err, status = mypy_api.run(["--strict", "--cache-dir", str(tmp_path),
                                     str(PACKAGE / "model"), str(PACKAGE / "load")])
    assert status == 0, out + err
