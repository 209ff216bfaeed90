"""``-`` reads the questionnaire from standard input, for score, report, validate and badge.

The same document comes out as from the file; messages say ``<stdin>:LINE``; a relative
``rubric:`` path starts from the working folder and may not leave its repository; a terminal
on stdin is refused instead of waited on; the 5 MiB limit holds.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlops_maturity.cli.application import app
from mlops_maturity.files.read import MAX_BYTES, STDIN, read_stdin
from mlops_maturity.model.errors import InputFileError

ROOT = Path(__file__).resolve().parent.parent
FRAUD = ROOT / "examples" / "fraud-realtime-canary.yaml"
FIXED = ["--generated-at", "2026-11-30T12:00:00Z"]
runner = CliRunner()


def run(*args, input=None):
    result = runner.invoke(app, [str(a) for a in args], input=input)
    assert "Traceback" not in result.output + (result.stderr or "")
    return result


# (command, arguments after the questionnaire): the output must equal the file's
SAME_AS_FILE = [
    ("score", []),
    ("score", ["--format", "json", *FIXED]),
    ("report", ["-o", "-", "--format", "json", *FIXED]),
    ("report", ["-o", "-", "--format", "markdown", *FIXED]),
    ("badge", ["-o", "-", "--score"]),
]


@pytest.mark.parametrize("command, args", SAME_AS_FILE)
def test_stdin_gives_the_same_document_as_the_file(command, args):
    from_file = run(command, FRAUD, *args)
    from_stdin = run(command, "-", *args, input=FRAUD.read_bytes())
    assert from_stdin.exit_code == from_file.exit_code == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout
    assert from_stdin.stdout


def test_validate_reads_stdin_among_files(root):
    result = run("validate", root / "rubrics" / "ml-test-score.yaml", "-",
                 input=FRAUD.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith(
        "ok: <stdin> (questionnaire: 62 answered, 4 n/a, 0 unanswered")


def test_validate_reads_a_rubric_from_stdin(root):
    result = run("validate", "-", input=(root / "rubrics" / "ml-test-score.yaml").read_bytes())
    assert result.exit_code == 0 and result.stdout.startswith("ok: <stdin> (rubric: ml-test-score")


def test_stdin_twice_is_a_usage_error():
    result = run("validate", "-", "-", input=b"")
    assert result.exit_code == 2 and "given more than once" in result.stderr


TYPO = b"rubric: mlops-automation\nanswers:\n  deployment.rolback: yes\n"


@pytest.mark.parametrize("command, args", [("score", []), ("report", ["-o", "-", "-f", "json"]),
                                           ("validate", []), ("badge", ["-o", "-"])])
def test_messages_say_stdin_and_the_line(command, args):
    result = run(command, "-", *args, input=TYPO)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: <stdin>:3: answers.deployment.rolback: unknown "
                                    "question id 'deployment.rolback' (did you mean "
                                    "'deployment.rollback'?)")
    assert result.stdout == ""


@pytest.mark.parametrize("data, message", [
    (b"", "error: <stdin>: is empty"),
    (b"rubric: x\n\xff\n", "error: <stdin>:2: is not UTF-8 text"),
    (b"- a\n", "error: <stdin>:1: the top level must be a mapping"),
    (b"answers: [\n", "error: <stdin>:1: YAML syntax error"),
])
def test_bad_stdin(data, message):
    result = run("score", "-", input=data)
    assert result.exit_code == 2 and result.stderr.startswith(message), result.stderr


def test_more_than_the_limit_is_refused_without_reading_it_all():
    result = run("score", "-", input=b"#" * (MAX_BYTES + 1))
    assert result.exit_code == 2
    assert result.stderr == "error: <stdin>: is larger than 5 MiB\n"
    endless = _Endless()
    with pytest.raises(InputFileError, match="larger than 10 bytes"):
        read_stdin(limit=10, stream=endless)
    assert endless.asked == [11]  # like /dev/zero on stdin: one bounded read, then refused


class _Endless:
    """A stream that never ends, recording how much was asked of it."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def isatty(self) -> bool:
        return False

    def read(self, size: int) -> bytes:
        self.asked.append(size)
        return b"x" * size


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_is_refused_before_reading():
    with pytest.raises(InputFileError) as caught:
        read_stdin(stream=_Terminal("never read"))
    assert str(caught.value.problems[0]) == (
        "<stdin>: standard input is a terminal, not a file (pipe a file in: `... - < "
        "answers.yaml`, or give its path instead of -)")


def test_a_closed_stdin_is_refused():
    closed = io.StringIO()
    closed.close()
    with pytest.raises(InputFileError, match="standard input is closed"):
        read_stdin(stream=closed)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_real_terminal_on_stdin_does_not_hang():
    primary, secondary = os.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "mlops_maturity", "score", "-"],
                              stdin=secondary, capture_output=True, timeout=60, cwd=ROOT)
    finally:
        os.close(primary)
        os.close(secondary)
    assert done.returncode == 2
    assert done.stderr.decode().startswith("error: <stdin>: standard input is a terminal")


def test_a_real_pipe_through_the_console_entry_point():
    done = subprocess.run([sys.executable, "-m", "mlops_maturity", "score", "-", "-f", "json",
                           *FIXED], input=FRAUD.read_bytes(), capture_output=True, timeout=120,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert b'"id": "mlops-automation"' in done.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "rubrics").mkdir()
    shutil.copy(ROOT / "tests" / "data" / "tiny-rubric.yaml", tmp_path / "rubrics" / "tiny.yaml")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


TINY = b"rubric: rubrics/tiny.yaml\nanswers:\n  build.ci: yes\n"


def test_relative_rubric_path_starts_from_the_working_folder(repo, monkeypatch):
    result = run("score", "-", "--format", "json", input=TINY)
    assert result.exit_code == 0, result.stderr
    assert '"id": "tiny"' in result.stdout
    monkeypatch.chdir(repo / "work")  # from here rubrics/tiny.yaml does not exist
    result = run("score", "-", input=TINY)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "error: <stdin>:1: rubric: names the rubric file 'rubrics/tiny.yaml', which cannot be "
        "used (paths are relative to the working folder; or pass --rubric)")
    assert run("score", "-", input=TINY.replace(b"rubrics/", b"../rubrics/")).exit_code == 0


@pytest.mark.parametrize("ref, message", [
    ("../outside.yaml", "rubric path '../outside.yaml' leads outside the repository"),
    ("/etc/rubric.yaml", "rubric path '/etc/rubric.yaml' is absolute; it must be relative to "
                         "the working folder"),
])
def test_rubric_path_from_stdin_is_confined_to_the_working_folders_repository(repo, ref,
                                                                             message):
    shutil.copy(ROOT / "tests" / "data" / "tiny-rubric.yaml", repo.parent / "outside.yaml")
    data = f"rubric: {ref}\nanswers:\n  build.ci: yes\n".encode()
    result = run("score", "-", input=data)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: <stdin>:1: rubric: {message}"), result.stderr


def test_a_file_named_dash_is_read_as_a_file(repo):
    (repo / "-").write_bytes(TINY)
    result = run("score", "./-", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"id": "tiny"' in result.stdout


def test_a_report_from_stdin_may_write_anywhere_but_its_rubric(repo):
    result = run("report", "-", "-o", "report.json", *FIXED, input=TINY)
    assert result.exit_code == 0, result.stderr
    assert (repo / "report.json").exists() and "wrote report.json" in result.stderr
    result = run("report", "-", "-o", "rubrics/tiny.yaml", "-f", "json", "--force", input=TINY)
    assert result.exit_code == 2
    assert result.stderr == ("error: rubrics/tiny.yaml: is an input of this command; refusing "
                             "to overwrite it (choose another output file)\n")
    result = run("report", "-", "-o", "<stdin>", "-f", "json", *FIXED, input=TINY)
    assert result.exit_code == 0 and (repo / "<stdin>").exists()  # stdin is no file to guard


def test_stdin_is_a_source_of_its_own():
    assert str(STDIN) == "<stdin>" and STDIN != Path("-")
