"""Build the wheel, install it outside the checkout, and run the tool from another folder.

A non-editable install only carries ``rubrics/``, ``templates/``, ``examples/`` and the
rubric-format guide because the build maps them into the package; this test fails if that
mapping or the resource lookup breaks, and runs the README's commands that name an example
from a folder that is not the checkout, with the examples copied out by the installed tool.
"""

from __future__ import annotations

import json
import os
import re
import shlex
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
    for example in (ROOT / "examples").glob("*.yaml"):
        assert f"mlops_maturity/_data/examples/{example.name}" in names
    assert "mlops_maturity/_data/docs/rubric-format.md" in names
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


def test_installed_examples_and_guide_come_from_the_package(installed, tmp_path):
    listed = run_installed(installed, tmp_path, "examples")
    assert listed.returncode == 0, listed.stderr
    assert "fraud-realtime-canary" in listed.stdout
    copied = run_installed(installed, tmp_path, "examples", "copy", "speech-edge")
    assert copied.returncode == 0, copied.stderr
    assert (tmp_path / "speech-edge.yaml").read_text(encoding="utf-8") == (
        ROOT / "examples" / "speech-edge.yaml").read_text(encoding="utf-8").split("\n", 1)[1]
    guides = run_installed(installed, tmp_path, "docs")
    assert guides.returncode == 0 and str(installed) in guides.stdout, guides.stdout
    guide = run_installed(installed, tmp_path, "docs", "rubric-format")
    assert guide.stdout == (ROOT / "docs" / "rubric-format.md").read_text(encoding="utf-8")


EXAMPLE = re.compile(r"examples/[\w-]+\.yaml$")


def readme_example_commands() -> list[list[str]]:
    """Every ``mlops-maturity`` command in the README's bash blocks that names an example."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```bash\n(.*?)```", readme, re.DOTALL):
        for line in block.splitlines():
            for part in line.split("#", 1)[0].split("&&"):
                words = shlex.split(part)
                if words[:1] == ["mlops-maturity"] and any(EXAMPLE.match(w) for w in words):
                    found.append(words[1:])
    return found


def test_readme_example_commands_work_from_any_folder_after_a_wheel_install(installed,
                                                                            tmp_path):
    commands = readme_example_commands()
    assert len(commands) >= 3, commands
    names = sorted({Path(w).stem for c in commands for w in c if EXAMPLE.match(w)})
    (tmp_path / "examples").mkdir()
    copied = run_installed(installed, tmp_path, "examples", "copy", *names, "-o", "examples/")
    assert copied.returncode == 0, copied.stderr
    for args in commands:
        done = run_installed(installed, tmp_path, *args)
        assert done.returncode == 0, (args, done.stderr)
    assert (tmp_path / "report.html").is_file() and (tmp_path / "review.html").is_file()


def without_checkout_block() -> str:
    """The README's commands for a wheel installed without a checkout, word for word."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("Without a checkout", 1)[1]
    return re.search(r"```bash\n(.*?)```", after, re.DOTALL).group(1)


def test_readme_quick_start_without_a_checkout_in_a_fresh_venv(wheel, tmp_path):
    """``pip install`` of the wheel, with its dependencies, into a new virtual environment,
    then the README's commands as written, run by bash from an empty folder."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                                str(wheel)], capture_output=True, text=True, timeout=900)
    assert installed.returncode == 0, installed.stderr
    folder = tmp_path / "anywhere"
    folder.mkdir()
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin"}
    env.pop("PYTHONPATH", None)
    script = "set -euo pipefail\n" + without_checkout_block()
    done = subprocess.run(["bash", "-c", script], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Runs at: Partial automation (declared)" in done.stdout
    assert (folder / "examples" / "demand-forecast-batch.yaml").is_file()
