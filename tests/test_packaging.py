"""Build the wheel, install it outside the checkout, and run the tool from another folder.

A non-editable install only carries ``rubrics/`` and ``templates/`` because the build maps
them into the package; this test fails if that mapping or the resource lookup breaks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True, timeout=600)
    (path,) = out.glob("mlops_maturity-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True, timeout=600)
    return target


def test_wheel_carries_rubrics_templates_and_schemas(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for rubric in (ROOT / "rubrics").glob("*.yaml"):
        assert f"mlops_maturity/_data/rubrics/{rubric.name}" in names
    for template in (ROOT / "templates").iterdir():
        assert f"mlops_maturity/_data/templates/{template.name}" in names
    assert "mlops_maturity/schemas/rubric.schema.json" in names
    assert "mlops_maturity/schemas/questionnaire.schema.json" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "mlops-maturity = mlops_maturity.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def run_installed(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(installed), "PYTHONSAFEPATH": "1"}
    code = ("import sys; sys.path.insert(0, sys.argv.pop(1)); "
            "import mlops_maturity, mlops_maturity.load.resolve as r; "
            "assert mlops_maturity.__file__.startswith(sys.path[0]), mlops_maturity.__file__; "
            "from mlops_maturity.cli import main; sys.argv[0] = 'mlops-maturity'; main()")
    return subprocess.run([sys.executable, "-c", code, str(installed), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_installed_tool_runs_from_another_folder(installed, tmp_path):
    listed = run_installed(installed, tmp_path, "rubrics")
    assert listed.returncode == 0, listed.stderr
    assert "mlops-automation" in listed.stdout and "ml-test-score" in listed.stdout
    example = ROOT / "examples" / "fraud-realtime-canary.yaml"
    scored = run_installed(installed, tmp_path, "score", str(example), "--format", "json")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["rubric"]["id"] == "mlops-automation"
    reported = run_installed(installed, tmp_path, "report", str(example), "-o", "r.html", "-o", "r.md")
    assert reported.returncode == 0, reported.stderr
    assert "<html" in (tmp_path / "r.html").read_text()


def test_installed_resources_come_from_the_package(installed, tmp_path):
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from mlops_maturity.load.resolve import data_dir; "
            "print(data_dir('rubrics')); print(data_dir('templates'))")
    out = subprocess.run([sys.executable, "-c", code, str(installed)], cwd=tmp_path, capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONSAFEPATH": "1"}).stdout.split()
    assert all(line.startswith(str(installed)) and "_data" in line for line in out)


def test_installed_tool_reads_settings_and_stdin_from_any_folder(installed, tmp_path):
    """From a wheel, in a subfolder of a repository: the settings above are found, the rubric
    comes from the package, and '-' reads standard input."""
    (tmp_path / ".git").mkdir()
    example = ROOT / "examples" / "fraud-realtime-canary.yaml"
    (tmp_path / "assessment.yaml").write_bytes(example.read_bytes())
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mlops-maturity]\nquestionnaire = "assessment.yaml"\nfail_under = 90\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    scored = run_installed(installed, deep, "score", "--format", "json", "--verbose")
    assert scored.returncode == 1, scored.stderr  # 79.6 is below the setting's 90
    assert "info: settings: ../../pyproject.toml [tool.mlops-maturity]" in scored.stderr
    assert f"from {installed}" in scored.stderr  # the bundled rubric, from the wheel
    assert "note: --fail-under 90 is set by ../../pyproject.toml:3" in scored.stderr
    env = {**os.environ, "PYTHONPATH": str(installed), "PYTHONSAFEPATH": "1"}
    code = ("import sys; sys.path.insert(0, sys.argv.pop(1)); from mlops_maturity.cli import "
            "main; sys.argv[0] = 'mlops-maturity'; main()")
    piped = subprocess.run([sys.executable, "-c", code, str(installed), "validate", "-"],
                           input=example.read_text(), cwd=deep, env=env, capture_output=True,
                           text=True, timeout=120)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith("ok: <stdin> (questionnaire: 62 answered")
