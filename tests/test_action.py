"""The GitHub Action (``action.yml`` and ``action/*.sh``).

``action.yml`` is checked against the schema of GitHub's action metadata, as vendored by
``check-jsonschema`` (run as its own command, the way a pre-commit hook or CI runs it). Every
input it reads is declared, every script it runs exists and passes shellcheck, and every
``mlops-maturity`` command and option the scripts call exists in the CLI. Then the
assessment step runs on this machine the way the runner runs it: the inputs as environment
variables, with a step summary file and an output file, and the tool on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
import yaml

from mlops_maturity.cli.application import app

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
SCRIPTS = sorted((ROOT / "action").glob("*.sh"))
BIN = Path(sys.executable).parent

SHELLCHECK = shutil.which("shellcheck")
MISSING = None if SHELLCHECK else "shellcheck is not on PATH (apt-get install shellcheck)"
if MISSING and os.environ.get("MLOPS_MATURITY_REQUIRE_BROWSER"):
    # CI sets this: there a missing client is a failure, never a quiet skip.
    raise RuntimeError(f"MLOPS_MATURITY_REQUIRE_BROWSER is set but {MISSING}")


def metadata() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_action_yml_is_valid_action_metadata():
    checker = BIN / "check-jsonschema"
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-actions",
                             str(ACTION)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_would_catch_a_broken_action(tmp_path):
    broken = metadata()
    broken["runs"]["using"] = "compositee"
    path = tmp_path / "action.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema",
                             "vendor.github-actions", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1


def test_the_inputs_the_issue_names_are_declared_and_every_input_used_is():
    meta = metadata()
    declared = set(meta["inputs"])
    assert {"questionnaire", "rubric", "target", "fail-under", "version"} <= declared
    assert meta["inputs"]["questionnaire"]["required"] is True
    used = set(re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", ACTION.read_text()))
    assert used == declared


def test_every_step_runs_a_script_that_exists_with_variables_it_is_given():
    steps = metadata()["runs"]["steps"]
    ran = [step for step in steps if "run" in step]
    assert ran and all(step["shell"] == "bash" for step in ran)
    for step in ran:
        assert "${{" not in step["run"], "inputs reach scripts as variables, never as text"
        (script,) = re.findall(r'"\$GITHUB_ACTION_PATH/(action/[\w-]+\.sh)"', step["run"])
        path = ROOT / script
        assert path.is_file()
        read = set(re.findall(r"\bMM_[A-Z_]+", path.read_text(encoding="utf-8")))
        assert read <= set(step.get("env", {})), (script, read - set(step.get("env", {})))
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploads) == 1 and uploads[0]["if"].startswith("always()")


@pytest.mark.skipif(SHELLCHECK is None, reason=f"SKIPPED SHELLCHECK: {MISSING}")
def test_the_scripts_pass_shellcheck():
    result = subprocess.run([str(SHELLCHECK), *map(str, SCRIPTS)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout


def cli_calls() -> list[tuple[str, list[str]]]:
    """(command, options) of every ``mlops-maturity`` call in the scripts."""
    calls = []
    for script in SCRIPTS:
        text = script.read_text(encoding="utf-8").replace("\\\n", " ")
        for line in text.splitlines():
            line = line.split(" # ", 1)[0]
            if line.lstrip().startswith("#"):
                continue
            for match in re.finditer(r"mlops-maturity\s+([a-z][\w-]*)([^|;&]*)", line):
                calls.append((match.group(1), re.findall(r"(?<![\w-])--?[a-z][\w-]*",
                                                          match.group(2))))
    return calls


def test_every_command_and_option_the_scripts_call_exists():
    group = typer.main.get_command(app)
    calls = cli_calls()
    assert {name for name, _ in calls} >= {"validate", "score", "report"}
    for name, options in calls:
        command = group.commands[name]  # type: ignore[attr-defined]
        known = {opt for param in command.params for opt in param.opts}
        unknown = [o for o in options if o not in known and o != "-"]
        assert not unknown, (name, unknown)
    # the options built up in arrays (rubric, target, gate) and passed on to the commands
    text = (ROOT / "action" / "assess.sh").read_text(encoding="utf-8")
    arrays = dict.fromkeys(re.findall(r"\b(\w+)\+?=\(", text))
    assert list(arrays) == ["rubric", "target", "gate"]
    for array in arrays:
        options = set(re.findall(rf"\b{array}\+?=\((--[\w-]+)", text))
        users = {n for n in re.findall(rf"mlops-maturity (\w+)[^|;&]*\${{{array}\[@\]",
                                       text.replace("\\\n", " "))}
        assert options and users, array
        for name in users:
            known = {opt for p in group.commands[name].params for opt in p.opts}  # type: ignore
            assert options <= known, (array, name, options - known)


# ── The assessment step, run as the runner runs it ───────────────────────────────────────────

def assess(tmp_path: Path, questionnaire: str, **inputs: str) -> subprocess.CompletedProcess:
    runner = tmp_path / "runner"
    runner.mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("MM_")}
    env.update({"PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
                "RUNNER_TEMP": str(runner), "GITHUB_ACTION_PATH": str(ROOT),
                "GITHUB_STEP_SUMMARY": str(runner / "summary.md"),
                "GITHUB_OUTPUT": str(runner / "output"), "MM_QUESTIONNAIRE": questionnaire,
                "MM_REPORT": "mlops-maturity-report", "MM_FAIL_UNSUPPORTED": "false"})
    env.update({f"MM_{key.upper()}": value for key, value in inputs.items()})
    return subprocess.run(["bash", str(ROOT / "action" / "assess.sh")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_gate_not_met_fails_the_step_after_annotating_and_summarising(tmp_path):
    result = assess(tmp_path, "examples/demand-forecast-batch.yaml", fail_under="60",
                    fail_unsupported="true")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=examples/demand-forecast-batch.yaml,line=22,")
    assert sum(line.startswith("::warning file=") for line in lines) == 3
    assert "FAIL: overall score 58.6 is below --fail-under 60" in result.stderr
    summary = (tmp_path / "runner" / "summary.md").read_text(encoding="utf-8")
    assert "## Store demand forecast: readiness review" in summary
    report = tmp_path / "runner" / "mlops-maturity-report" / "report.html"
    assert report.is_file() and "<html" in report.read_text(encoding="utf-8")
    output = (tmp_path / "runner" / "output").read_text(encoding="utf-8")
    assert output == f"report={report}\n"


def test_a_gate_met_passes_and_the_target_input_is_used(tmp_path):
    result = assess(tmp_path, "examples/fraud-realtime-canary.yaml", fail_under="60",
                    target="managed", report="")
    assert result.returncode == 0, result.stderr
    assert "blocks Managed" not in result.stdout  # the level is reached: nothing blocks it
    assert not (tmp_path / "runner" / "output").exists()  # no report asked for
    summary = (tmp_path / "runner" / "summary.md").read_text(encoding="utf-8")
    assert "Ready for Managed" in summary


def test_bad_input_stops_at_validate_with_its_problems_annotated(tmp_path):
    bad = ROOT / "tests" / "data" / "hostile" / "wrong-answer.yaml"
    result = assess(tmp_path, str(bad.relative_to(ROOT)))
    assert result.returncode == 2
    assert result.stdout.startswith(f"::error file={bad.relative_to(ROOT)},line=")
    summary = (tmp_path / "runner" / "summary.md").read_text(encoding="utf-8")
    assert "does not validate" in summary


def test_the_readme_shows_a_five_line_usage_with_declared_inputs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    (usage,) = [b for b in blocks if "uses: OWNER/mlops-maturity@" in b]
    assert len(usage.strip().splitlines()) == 5
    steps = yaml.safe_load(usage)
    (step,) = [s for s in steps if s["uses"].startswith("OWNER/mlops-maturity@")]
    inputs = metadata()["inputs"]
    assert set(step["with"]) <= set(inputs)
    assert {name for name, spec in inputs.items() if spec.get("required")} <= set(step["with"])
