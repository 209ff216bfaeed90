"""Shell completion: the scripts Typer generates for bash, zsh and fish are real scripts that
the real shells accept and run, and the callbacks answer through the ``_MLOPS_MATURITY_COMPLETE``
protocol with bundled rubric ids, the degrees and levels of the rubric in play, and formats.

A missing shell skips its tests loudly; with ``MLOPS_MATURITY_REQUIRE_BROWSER`` set (as CI
sets it for every client the tests drive) a missing shell is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlops_maturity.cli.application import app

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
runner = CliRunner()
SHELLS = ("bash", "zsh", "fish")
MISSING = [s for s in SHELLS if shutil.which(s) is None]
if MISSING and os.environ.get("MLOPS_MATURITY_REQUIRE_BROWSER"):
    raise RuntimeError(f"MLOPS_MATURITY_REQUIRE_BROWSER is set but {MISSING} missing "
                       "(apt-get install zsh fish)")
DEGREES = ["human_only", "shadow_mode", "ai_assistance", "partial_automation",
           "full_automation"]
LEVELS = ["exploratory", "repeatable", "defined", "managed", "adaptive"]
BUNDLED = ["azure-mlops-maturity", "google-mlops-levels", "ml-test-score", "mlops-automation"]


def needs(shell: str):
    return pytest.mark.skipif(shell in MISSING, reason=f"{shell} is not installed: its "
                              "completion script is not checked (apt-get install zsh fish)")


def script(shell: str) -> str:
    result = runner.invoke(app, [], env={"_MLOPS_MATURITY_COMPLETE": f"source_{shell}"},
                           prog_name="mlops-maturity")
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("shell", SHELLS)
def test_show_completion_prints_the_script_for_the_named_shell(shell, monkeypatch):
    # Typer names the shell itself only when detection is off; by default it detects the
    # shell it runs in, which in a test run is no shell at all.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = runner.invoke(app, ["--show-completion", shell], prog_name="mlops-maturity")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == script(shell).strip()


def test_help_offers_install_and_show_completion():
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


@pytest.mark.parametrize("shell, check, marker", [
    ("bash", ["bash", "-n"], "complete -o default -F _mlops_maturity_completion mlops-maturity"),
    ("zsh", ["zsh", "-n"], "#compdef mlops-maturity"),
    ("fish", ["fish", "--no-execute"], "complete --command mlops-maturity"),
])
def test_scripts_are_valid_for_their_shell(tmp_path, shell, check, marker):
    if shell in MISSING:
        pytest.skip(f"{shell} is not installed (apt-get install zsh fish)")
    text = script(shell)
    assert marker in text and "_MLOPS_MATURITY_COMPLETE=complete_" + shell in text
    path = tmp_path / f"completion.{shell}"
    path.write_text(text)
    done = subprocess.run([*check, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def _shell_env() -> dict[str, str]:
    if not (BIN / "mlops-maturity").exists():
        pytest.skip("the mlops-maturity console script is not installed beside this Python")
    return dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


@needs("bash")
def test_bash_completes_target_ids_for_real(tmp_path):
    path = tmp_path / "c.bash"
    path.write_text(script("bash"))
    program = (f"source {path}\nCOMP_WORDS=(mlops-maturity score --target '')\nCOMP_CWORD=3\n"
               "_mlops_maturity_completion mlops-maturity\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    done = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True,
                          timeout=120, env=_shell_env(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == DEGREES + LEVELS


@needs("fish")
def test_fish_completes_rubric_ids_with_help_for_real(tmp_path):
    path = tmp_path / "c.fish"
    path.write_text(script("fish"))
    program = f"source {path}; complete -C 'mlops-maturity rubrics show '"
    done = subprocess.run(["fish", "--no-config", "-c", program], capture_output=True,
                          text=True, timeout=120, env=_shell_env(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert sorted(line.split("\t")[0] for line in lines) == BUNDLED  # fish sorts its own way
    assert all(line.endswith("\tbundled rubric") for line in lines)


@needs("zsh")
def test_zsh_script_hands_degrees_to_the_completion_system(tmp_path):
    path = tmp_path / "c.zsh"
    path.write_text(script("zsh"))
    # Outside an interactive shell there is no completion system, so compdef and _arguments
    # are stood in for: the script's own function runs and evaluates the tool's answer.
    program = (f"compdef() {{ : }}\n_arguments() {{ print -r -- \"$@\" }}\nsource {path}\n"
               "words=(mlops-maturity score --target sha)\nCURRENT=4\n"
               "_mlops_maturity_completion\n")
    done = subprocess.run(["zsh", "-f", "-c", program], capture_output=True, text=True,
                          timeout=120, env=_shell_env(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    offered = done.stdout.strip()
    assert offered.startswith('*: :(("shadow_mode":"degree') and offered.endswith(
        ' Shadow mode"))') and "human_only" not in offered


def complete(line: str, cwd: Path | None = None, monkeypatch=None) -> list[str]:
    """What bash would be offered for the last word of ``line`` (empty after a space)."""
    words = line.split()
    if line.endswith(" "):
        words.append("")
    env = {"_MLOPS_MATURITY_COMPLETE": "complete_bash",
           "COMP_WORDS": " ".join(["mlops-maturity", *words]), "COMP_CWORD": str(len(words))}
    if cwd is not None and monkeypatch is not None:
        monkeypatch.chdir(cwd)
    result = runner.invoke(app, [], env=env, prog_name="mlops-maturity")
    assert result.exit_code == 0, result.output
    assert not result.stderr
    return result.stdout.split()


# (what was typed, what must be offered)
PROTOCOL = [
    ("score --target ", DEGREES + LEVELS),
    ("score --target f", ["full_automation"]),
    ("report -t ", DEGREES + LEVELS),
    ("score --rubric google-mlops-levels --target ", ["level_0", "level_1", "level_2"]),
    ("score -r azure-mlops-maturity --target l", [f"level_{i}" for i in range(5)]),
    ("score examples/google-levels-churn.yaml --target ", ["level_0", "level_1", "level_2"]),
    ("score --rubric ml-test-score --target ", []),  # bands only: nothing to aim for
    ("score --rubric no-such-rubric --target ", []),  # unreadable: nothing, quietly
    ("score --fail-under-level ", LEVELS),
    ("score --fail-under-level m", ["managed"]),
    ("score --rubric ", BUNDLED),
    ("validate --rubric ml", ["ml-test-score", "mlops-automation"]),
    ("init -r g", ["google-mlops-levels"]),
    ("rubrics show ", BUNDLED),
    ("schema questionnaire --rubric a", ["azure-mlops-maturity"]),
    ("score --format ", ["text", "json", "github", "sarif"]),
    ("validate --format ", ["text", "github", "sarif"]),
    ("report --format ", ["html", "markdown", "json", "pdf", "summary"]),
    ("report -f s", ["summary"]),
    ("rubrics show mlops-automation --format ", ["text", "json"]),
    ("config --format ", ["text", "json"]),
    ("schema ", ["rubric", "questionnaire"]),
    ("score --show ", ["unanswered"]),
    ("sc", ["score", "schema", "scan"]),
    ("co", ["config", "compare"]),
    ("ex", ["examples"]),
    ("portfolio --group-by ", ["team", "folder", "degree", "level"]),
    ("portfolio --format c", ["csv"]),
    ("scan . --format ", ["yaml", "json", "text"]),
    ("scan . -f t", ["text"]),
    ("scan --rubric g", ["google-mlops-levels"]),
    ("compare --format ", ["text", "markdown", "json", "html"]),
    ("compare a.yaml b.yaml -f m", ["markdown"]),
    ("trend --format ", ["text", "markdown", "json", "html", "csv"]),
    ("trend --git a.yaml -f c", ["csv"]),
]


@pytest.mark.parametrize("typed, offered", PROTOCOL)
def test_completion_protocol(typed, offered, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert complete(typed) == offered


def test_target_ids_follow_the_rubric_setting(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".mlops-maturity.toml").write_text('rubric = "google-mlops-levels"\n')
    assert complete("score --target ", tmp_path, monkeypatch) == ["level_0", "level_1",
                                                                  "level_2"]
    assert complete("score -r mlops-automation --target h", tmp_path, monkeypatch) == [
        "human_only"]
    (tmp_path / ".mlops-maturity.toml").write_text('rubric = "broken\n')
    assert complete("score --target h", tmp_path, monkeypatch) == ["human_only"]


def test_a_questionnaire_rubric_path_outside_its_repository_is_not_followed(tmp_path,
                                                                           monkeypatch):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    shutil.copy(ROOT / "rubrics" / "google-mlops-levels.yaml", tmp_path / "outside.yaml")
    (tmp_path / "repo" / "a.yaml").write_text("rubric: ../outside.yaml\nanswers: {}\n")
    offered = complete("score a.yaml --target h", tmp_path / "repo", monkeypatch)
    assert offered == ["human_only"]  # the default rubric, not the file outside
