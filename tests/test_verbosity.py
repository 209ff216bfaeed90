"""``--quiet`` and ``--verbose`` on every command.

``--quiet`` leaves errors, failed thresholds and the document; ``--verbose`` adds which
settings file and which rubric file were used. Every command must have both, so a command
added later without the one-line option fails here.
"""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from mlops_maturity.cli.application import app

runner = CliRunner()
NA_WITHOUT_REASON = ("rubric: mlops-automation\nanswers:\n  deployment.rollback: yes\n"
                     "  serving.accelerators: n/a\n")


def run(*args, **kwargs):
    result = runner.invoke(app, [str(a) for a in args], **kwargs)
    assert "Traceback" not in result.output + (result.stderr or "")
    return result


def every_command(group, path=()):
    for name, command in group.commands.items():
        yield (*path, name), command
        if hasattr(command, "commands"):
            yield from every_command(command, (*path, name))


COMMANDS = list(every_command(typer.main.get_command(app)))


def test_the_walk_finds_the_commands():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"score", "report", "badge", "validate", "init", "schema", "config", "rubrics",
            "rubrics show", "rubrics new"} <= names


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_quiet_and_verbose(path, command):
    flags = {flag for param in command.params for flag in (*param.opts, *param.secondary_opts)}
    assert {"--quiet", "-q", "--verbose", "-v"} <= flags, (
        f"{' '.join(path)}: add `talk: Optional[bool] = VERBOSITY` to its parameters")
    assert "--quiet" in run(*path, "--help").stdout


@pytest.fixture
def warned(write):
    return write("answers.yaml", NA_WITHOUT_REASON)


def test_normal_prints_warnings_and_what_was_written(warned, tmp_path):
    result = run("report", warned, "-o", tmp_path / "r.json")
    assert result.exit_code == 0
    assert "warning: " in result.stderr and f"wrote {tmp_path / 'r.json'}" in result.stderr
    assert "info:" not in result.stderr


def test_quiet_prints_only_the_document(warned, tmp_path):
    result = run("score", warned, "--format", "json", "-q")
    assert result.exit_code == 0 and result.stderr == "" and result.stdout.startswith("{")
    result = run("report", warned, "-o", tmp_path / "r.json", "--quiet")
    assert result.exit_code == 0 and result.stderr == "" and (tmp_path / "r.json").exists()
    result = run("init", "-o", tmp_path / "a.yaml", "-q")
    assert result.exit_code == 0 and result.stderr == "" and result.stdout == ""
    result = run("rubrics", "new", "team", "-o", tmp_path / "team.yaml", "-q")
    assert result.exit_code == 0 and result.stderr == ""


def test_quiet_validate_is_silent_when_all_is_well(warned, root):
    assert run("validate", warned, "-q").output == ""
    result = run("validate", warned, root / "README.md", "-q")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("error: ")


def test_quiet_keeps_errors_and_failed_thresholds(warned):
    result = run("score", warned, "--fail-under", "99", "-q")
    assert result.exit_code == 1
    assert result.stderr.startswith("FAIL: overall score")
    result = run("score", warned, "--target", "fully", "-q")
    assert result.exit_code == 2 and "is not a degree or level" in result.stderr


def test_verbose_says_which_settings_and_rubric_files(warned, root):
    result = run("score", warned, "-v")
    assert result.exit_code == 0
    info = [line for line in result.stderr.splitlines() if line.startswith("info: ")]
    assert info[0].startswith("info: settings: ")
    rubric_file = root / "rubrics" / "mlops-automation.yaml"
    assert info[-1] == f"info: rubric: mlops-automation 2.0.0 from {rubric_file}"
    assert any(line.startswith("warning: ") for line in result.stderr.splitlines())


@pytest.mark.parametrize("args", [
    ["validate", "{q}"], ["badge", "{q}", "-o", "-"], ["report", "{q}", "-o", "-", "-f", "json"],
    ["init"], ["schema", "questionnaire", "--rubric", "mlops-automation"],
    ["rubrics", "show", "mlops-automation"],
])
def test_verbose_names_the_rubric_file_everywhere(warned, root, args):
    result = run(*[a.format(q=warned) for a in args], "--verbose")
    assert result.exit_code == 0, result.stderr
    rubric_file = root / "rubrics" / "mlops-automation.yaml"
    assert f"info: rubric: mlops-automation 2.0.0 from {rubric_file}" in result.stderr


def test_the_last_of_quiet_and_verbose_wins_and_nothing_carries_over(warned):
    assert "info:" in run("score", warned, "-q", "-v").stderr
    assert run("score", warned, "-v", "-q").stderr == ""
    assert "info:" not in run("score", warned).stderr  # the previous run's level is gone
