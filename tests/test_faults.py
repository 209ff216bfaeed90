"""Faults of the file system and the streams: nothing is destroyed, nothing hangs, no exit 3.

Each test sets up a real fault (a device, a FIFO, a symlink, a read-only folder, a full
stdout, a broken pipe, Ctrl-C during a write) and checks the exit code, the one-line message
and, above all, that no file was replaced or left half written.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlops_maturity.cli.application import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "fraud-realtime-canary.yaml"
FIXED = ["--generated-at", "2026-11-30T12:00:00Z"]


def cli(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def tool(*args: object, **kwargs):
    """The installed entry point in a subprocess, as a shell would run it."""
    code = "import sys; from mlops_maturity.cli import main; sys.argv[0] = 'mlops-maturity'; main()"
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True,
                          timeout=60, **kwargs)


@pytest.fixture
def example(tmp_path) -> Path:
    path = tmp_path / "q.yaml"
    shutil.copy(EXAMPLE, path)
    return path


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_device_at_the_output_path_is_never_replaced(example, force):
    result = cli("report", example, "-o", "/dev/null", "--format", "json", *force)
    assert result.exit_code == 2 and "is a device, not a regular file" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("make, kind", [(os.mkfifo, "a FIFO"), (os.mkdir, "a directory")])
def test_a_fifo_or_a_folder_at_the_output_path_is_refused(example, tmp_path, make, kind):
    target = tmp_path / "out.json"
    make(target)
    result = cli("report", example, "-o", target, "--force")
    assert result.exit_code == 2 and kind in result.stderr


def test_a_symlink_to_an_earlier_report_is_written_through_and_stays_a_link(example, tmp_path):
    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    assert cli("report", example, "-o", real, *FIXED).exit_code == 0
    link = tmp_path / "report.json"
    link.symlink_to(real)
    before = real.read_text()
    (tmp_path / "q.yaml").write_text(example.read_text().replace("Card fraud scoring", "Renamed"))
    result = cli("report", tmp_path / "q.yaml", "-o", link, *FIXED)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Renamed" in real.read_text() and real.read_text() != before
    assert not list(real.parent.glob(".*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_a_symlink_to_a_users_file_is_judged_by_that_file(example, tmp_path):
    mine = tmp_path / "notes.md"
    mine.write_text("my own notes\n")
    link = tmp_path / "report.md"
    link.symlink_to(mine)
    result = cli("report", example, "-o", link)
    assert result.exit_code == 2 and "not written by mlops-maturity" in result.stderr
    assert mine.read_text() == "my own notes\n" and link.is_symlink()


def test_a_symlink_to_the_input_is_refused_even_with_force(example, tmp_path):
    link = tmp_path / "out.json"
    link.symlink_to(example)
    before = example.read_bytes()
    result = cli("report", example, "-o", link, "--format", "json", "--force")
    assert result.exit_code == 2 and "is an input of this command" in result.stderr
    assert example.read_bytes() == before


def test_init_never_overwrites_the_rubric_it_reads(tmp_path, monkeypatch):
    rubric = tmp_path / "r.yaml"
    shutil.copy(ROOT / "tests" / "data" / "tiny-rubric.yaml", rubric)
    before = rubric.read_bytes()
    monkeypatch.chdir(tmp_path)
    for out in ("r.yaml", "./sub/../r.yaml"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        result = cli("init", "--rubric", "./r.yaml", "-o", out, "--force")
        assert result.exit_code == 2 and "is an input of this command" in result.stderr
    assert rubric.read_bytes() == before


def test_an_input_reached_through_dot_dot_is_refused(example, tmp_path):
    (tmp_path / "sub").mkdir()
    result = cli("report", example, "-o", tmp_path / "sub" / ".." / "q.yaml", "--format", "json",
                 "--force")
    assert result.exit_code == 2 and "is an input of this command" in result.stderr


def test_missing_folder_and_long_name_are_one_line_each(example, tmp_path):
    result = cli("report", example, "-o", tmp_path / "nope" / "r.json")
    assert result.exit_code == 2 and "does not exist" in result.stderr
    result = cli("report", example, "-o", tmp_path / ("x" * 300 + ".json"))
    assert result.exit_code == 2 and "too long" in result.stderr
    for r in (result,):
        assert len(r.stderr.strip().splitlines()) == 1


def test_a_full_disk_is_one_line_and_leaves_nothing_behind(example, tmp_path, monkeypatch):
    import errno

    from mlops_maturity.files import write

    real_stage = write._stage
    calls = []

    def stage_then_fail(target, *rest):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_stage(target, *rest)

    monkeypatch.setattr(write, "_stage", stage_then_fail)
    result = cli("report", example, "-o", tmp_path / "a.json", "-o", tmp_path / "b.md", *FIXED)
    assert result.exit_code == 2 and "the disk is full" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.yaml"], "all or nothing"


def _as_nobody(args: list[str]) -> tuple[int, str]:
    """Run the CLI in a forked child that has dropped root, so permissions apply to it."""
    cli("--version")  # import everything the child needs while the files are readable
    CliRunner().invoke(app, args[:2] + ["--format", "json", "-o", "-"])
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = CliRunner().invoke(app, args)
            os.write(write, json.dumps([result.exit_code, result.stderr]).encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as handle:
        code, stderr = json.loads(handle.read() or "[-1, \"\"]")
    return code, stderr


def test_a_read_only_folder_is_one_line(example, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(tmp_path, 0o755)
    os.chmod(example, 0o644)
    os.chmod(folder, 0o555)
    args = ["report", str(example), "-o", str(folder / "r.json")]
    try:
        if os.geteuid() == 0:
            code, stderr = _as_nobody(args)
        else:
            result = cli(*args)
            code, stderr = result.exit_code, result.stderr
    finally:
        os.chmod(folder, 0o755)
    assert code == 2, stderr
    assert "permission denied" in stderr and len(stderr.strip().splitlines()) == 1
    assert list(folder.iterdir()) == []


def test_a_fifo_or_a_device_as_input_neither_hangs_nor_reads(tmp_path):
    fifo = tmp_path / "q.yaml"
    os.mkfifo(fifo)
    start = time.monotonic()
    for path, words in ((fifo, "is a FIFO"), ("/dev/zero", "is a device")):
        result = tool("score", path)
        assert result.returncode == 2 and words in result.stderr.decode()
    assert time.monotonic() - start < 30


def test_a_huge_input_is_refused_after_reading_little(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(10 * 1024 ** 3)  # a sparse 10 GB file
    result = tool("score", big)
    assert result.returncode == 2 and "larger than 5 MiB" in result.stderr.decode()


def test_a_full_stdout_is_one_line_and_exit_2():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-c", "import sys; from mlops_maturity.cli "
                                 "import main; sys.argv[0]='mlops-maturity'; main()", "score",
                                 str(EXAMPLE), "--format", "json"], stdout=full,
                                stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode().strip().splitlines() == [
        "error: stdout: cannot be written: the disk is full"]


def test_a_closed_stdout_is_an_error_not_lost_output():
    code = ("import os, sys; os.close(1); sys.stdout = None; from mlops_maturity.cli import main;"
            "sys.argv[0] = 'mlops-maturity'; main()")
    result = subprocess.run([sys.executable, "-c", code, "score", str(EXAMPLE)],
                            stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 2 and b"stdout: is closed" in result.stderr


def test_a_broken_pipe_exits_141_quietly():
    code = "import sys; from mlops_maturity.cli import main; sys.argv[0]='mlops-maturity'; main()"
    proc = subprocess.Popen([sys.executable, "-c", code, "score", str(EXAMPLE), "--format",
                             "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away, like `| head -c 10`
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 141
    assert stderr == b""


def test_a_stdout_that_cannot_encode_gets_replacements():
    result = tool("score", EXAMPLE, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("ascii")
    assert "Card fraud scoring" in text and "+--" in text
    # the summary's own marks are spelled in ASCII, not replaced by "?"
    assert "Card fraud scoring - Risk ML - 2026-11-30" in text and "?" not in text
    assert "Partly -> Yes" in text


def test_ctrl_c_during_a_write_leaves_no_temporary_file(tmp_path):
    """A subprocess writes a large file through the write path; SIGINT arrives mid-write."""
    target = tmp_path / "big.json"
    code = ("import sys; from pathlib import Path; from mlops_maturity.files.write import write_all;"
            "write_all([(Path(sys.argv[1]), 'x' * (400 * 1024 * 1024)), (Path(sys.argv[2]), 'y')])")
    proc = subprocess.Popen([sys.executable, "-c", code, str(target), str(tmp_path / "small.md")],
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".big.json.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert list(tmp_path.iterdir()) == [], "no temporary file and no partial output"
