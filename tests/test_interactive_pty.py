"""``assess`` driven through a real pseudo-terminal, as a facilitator would use it.

Each test spawns the installed console script (or ``python -m mlops_maturity``) under
pexpect, with a fixed terminal size, and types what a person would type. Every wait has a
timeout, so a prompt that never comes fails the test instead of hanging it.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from mlops_maturity import api
from tests.conftest import DATA

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

SCRIPT = Path(sys.executable).parent / "mlops-maturity"
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "mlops_maturity"]
TIMEOUT = 20
ANSWER = r"answer \(1-\d+ or a name"
EVIDENCE = r"evidence, a link or a sentence \(Enter: go on\): "
NOTES = r"notes \(Enter: [^)]*\): "
SGR = re.compile(r"\x1b\[[0-9;]*m")
PROMPT = re.compile(r"(answer \(|evidence, |notes \(|why does it not|project name: |team: )")
CSI = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|[()][0-9A-Za-z]|[=>])")


@pytest.fixture
def folder(tmp_path) -> Path:
    """A repository holding the small rubric with a decision axis."""
    (tmp_path / ".git").mkdir()
    shutil.copy(DATA / "tiny-automation.yaml", tmp_path / "tiny-automation.yaml")
    return tmp_path


class Session:
    """One run of the command in a pseudo-terminal, with everything it printed kept."""

    def __init__(self, folder: Path, *args: str, columns: int = 80, color: bool = False):
        env = {k: v for k, v in os.environ.items()
               if k not in ("NO_COLOR", "COLUMNS", "LINES", "MLOPS_MATURITY_DEBUG")}
        env.update(TERM="xterm", SOURCE_DATE_EPOCH="1796040000")  # 2026-11-30
        if not color:
            env["NO_COLOR"] = "1"
        self.screen = io.StringIO()
        self.child = pexpect.spawn(COMMAND[0], COMMAND[1:] + ["assess", *args], cwd=str(folder),
                                   env=env, dimensions=(40, columns), encoding="utf-8",
                                   timeout=TIMEOUT)
        self.child.logfile_read = self.screen

    def expect(self, pattern: str) -> None:
        self.child.expect(pattern)

    def reply(self, prompt: str, text: str) -> None:
        """Wait for a prompt, then type a line."""
        self.child.expect(prompt)
        self.child.sendline(text)

    def answer(self, text: str, evidence: tuple[str, ...] = (), notes: str = "") -> None:
        """Answer the question on screen, with evidence and notes."""
        self.reply(ANSWER, text)
        for item in evidence:
            self.reply(EVIDENCE, item)
        self.reply(EVIDENCE, "")
        self.reply(NOTES, notes)

    def end(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else (
            128 + self.child.signalstatus)

    @property
    def lines(self) -> list[str]:
        """What the terminal showed, line by line, without control sequences."""
        return [CSI.sub("", line).rstrip("\r") for line in self.screen.getvalue().split("\n")]

    @property
    def printed(self) -> list[str]:
        """The lines the command printed: without the prompts, where the terminal echoes
        what was typed (it wraps a long reply itself)."""
        return [line for line in self.lines if not PROMPT.match(line)]


def answers_of(path: Path) -> dict[str, tuple]:
    found = api.run(path).assessment.questionnaire.answers
    return {a.question: (a.value, tuple(e.shown for e in a.evidence), a.notes, a.reason) for a in found}


def test_a_full_run_over_a_small_rubric(folder):
    s = Session(folder, "answers.yaml", "--rubric", "tiny-automation.yaml")
    s.reply("project name: ", "Card fraud scoring")
    s.reply("team: ", "Risk ML")
    s.expect("First, who decides")
    s.expect(r"Question 1 of 6 \| Build: 0 of 3 answered")
    s.answer("2", evidence=("all predictions logged beside the analysts' calls",),
             notes="since May")
    s.expect(r"Question 2 of 6 \| Build: 1 of 3 answered")
    s.answer("yes")
    s.answer("partial")
    s.expect(r"Question 4 of 6 \| Watch: 0 of 3 answered")
    s.answer("3", evidence=("https://dash.example/logs",))
    s.answer("no")
    s.reply(ANSWER, "n")
    s.reply(r"why does it not apply\? ", "inputs are fixed images")
    s.reply(EVIDENCE, "")
    s.reply(NOTES, "")
    s.expect("Every question of this session is answered in answers.yaml")
    s.expect(r"Runs at: Shadow \(declared\)")
    s.expect("within")
    s.expect(r"mlops-maturity report answers.yaml -o report.html")
    assert s.end() == 0
    path = folder / "answers.yaml"
    assert answers_of(path) == {
        "build.decides": ("shadow", ("all predictions logged beside the analysts' calls",),
                          "since May", ""),
        "build.eval": ("yes", (), "", ""), "build.ci": ("partial", (), "", ""),
        "watch.logs": ("yes", ("https://dash.example/logs",), "", ""),
        "watch.alerts": ("no", (), "", ""),
        "watch.drift": ("n/a", (), "", "inputs are fixed images")}
    report = api.assess(path)  # the file scores and reports like any other
    assert report.project.name == "Card fraud scoring" and report.project.team == "Risk ML"
    assert report.project.assessed_on == "2026-11-30"
    assert report.automation.declared == "shadow" and report.overall.unanswered == 0
    assert all(len(line) <= 80 for line in s.printed), max(s.printed, key=len)


def test_skip_back_and_n_a(folder):
    path = folder / "answers.yaml"
    path.write_text("rubric: tiny-automation.yaml\nanswers:\n  build.decides: people\n",
                    encoding="utf-8")
    s = Session(folder, "answers.yaml", "--review")
    s.expect(r"Question 1 of 6")
    s.expect("Current answer: People decide")
    s.reply(ANSWER, "s")  # skip: the degree stays as it is
    s.expect(r"Question 2 of 6")
    s.reply(ANSWER, "b")  # back to the degree
    s.expect(r"Question 1 of 6")
    s.reply(ANSWER, "b")
    s.expect("This is the first question of this session")
    s.answer("assist")
    s.reply(ANSWER, "n")  # build.eval may not be n/a
    s.expect("cannot be answered n/a")
    s.answer("2")
    s.reply(ANSWER, "s")  # build.ci left open
    s.answer("yes")
    s.answer("yes")
    s.reply(ANSWER, "n")
    s.reply(r"why does it not apply\? ", "")
    s.expect("n/a needs a reason")
    s.reply(r"why does it not apply\? ", "no drift on fixed images")
    s.reply(EVIDENCE, "")
    s.reply(NOTES, "")
    s.expect(r"1 question still open in answers.yaml")
    assert s.end() == 0
    assert {k: v[0] for k, v in answers_of(path).items()} == {
        "build.decides": "assist", "build.eval": "partial", "watch.logs": "yes",
        "watch.alerts": "yes", "watch.drift": "n/a"}


def test_ctrl_c_in_the_middle_then_resume_loses_no_answer(folder):
    s = Session(folder, "answers.yaml", "--rubric", "tiny-automation.yaml")
    s.reply("project name: ", "Fraud")
    s.reply("team: ", "")
    s.answer("model", evidence=("96% of cases settled by the model",))
    s.reply(ANSWER, "yes")
    s.expect("saved answer yes to answers.yaml")
    s.reply(EVIDENCE, "https://eval.example/report")
    s.expect("saved evidence to answers.yaml")
    s.expect(EVIDENCE)
    s.child.send("half-typed evid")  # being typed when Ctrl-C comes: the only thing lost
    s.expect("half-typed evid")
    # CPython's readline looks at signals only while it waits for a key: give it the instant
    # a person's pause would (see console.py)
    time.sleep(0.3)
    s.child.sendintr()
    s.expect("interrupted: every answer given so far is saved in answers.yaml")
    assert s.end() == 130
    path = folder / "answers.yaml"
    assert answers_of(path)["build.eval"] == ("yes", ("https://eval.example/report",), "", "")
    assert not list(folder.glob(".*.tmp"))

    again = Session(folder, "answers.yaml", "--rubric", "tiny-automation.yaml")
    again.expect(r"Answered so far: 2 of 6 questions")
    again.expect(r"Question 3 of 6 \| Build: 2 of 3 answered")  # the first open question
    for reply in ("no", "yes", "yes", "yes"):
        again.answer(reply)
    again.expect("Every question of this session is answered")
    assert again.end() == 0
    found = answers_of(path)
    assert found["build.decides"] == ("model", ("96% of cases settled by the model",), "", "")
    assert found["build.eval"] == ("yes", ("https://eval.example/report",), "", "")
    assert len(found) == 6 and all(v[0] for v in found.values())


HAND_WRITTEN = """\
# Assessment of the fraud model, kept with the code. Reviewed in pull requests.
rubric: tiny-automation.yaml
project: {name: Fraud, team: Risk ML}
answers:
  # who decides: agreed with Fraud Ops on 2026-11-02
  build.decides:
    answer: assist
    evidence:
      - "https://wiki.example/fraud/decision-policy"   # v7
      - analysts see the score on every case
    notes: >-
      Folded notes that a person wrote
      over two lines.
  watch.logs: {answer: yes, evidence: [https://dash.example/logs]}
  build.eval: partial   # offline only, see notes in the eval repo

  # alerts are still manual
  watch.alerts:
    answer: no
"""


def test_a_resumed_run_that_changes_an_answer_keeps_the_others_byte_for_byte(folder):
    path = folder / "answers.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    s = Session(folder, "answers.yaml")
    s.expect(r"Question 3 of 6")  # resumes at build.ci, the first open question
    s.reply(ANSWER, "b")
    s.expect(r"Question 2 of 6")
    s.expect(r"Current answer: Partly \(partial\)")
    s.answer("yes")
    s.expect(r"Question 3 of 6")
    s.reply(ANSWER, "q")
    s.expect("To resume:")
    s.expect("mlops-maturity assess answers.yaml")
    assert s.end() == 0
    new = path.read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(HAND_WRITTEN.splitlines(),
                                                     new.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-  build.eval: partial   # offline only, see notes in the eval repo",
                       "+  build.eval: yes   # offline only, see notes in the eval repo"]


def test_a_file_changed_by_someone_else_is_detected_and_reloaded(folder):
    path = folder / "answers.yaml"
    path.write_text("rubric: tiny-automation.yaml\nanswers:\n  build.decides: people\n",
                    encoding="utf-8")
    s = Session(folder, "answers.yaml")
    s.expect(r"Question 2 of 6")
    theirs = path.read_text(encoding="utf-8") + "  watch.alerts: yes  # added by Priya\n"
    path.write_text(theirs, encoding="utf-8")
    s.reply(ANSWER, "no")
    s.expect("answers.yaml was changed by someone else since this session read it")
    s.reply(r"what now\? \[r/d/q\]: ", "r")
    s.expect("saved answer no to answers.yaml")
    s.reply(EVIDENCE, "")
    s.reply(NOTES, "")
    s.reply(ANSWER, "q")
    assert s.end() == 0
    text = path.read_text(encoding="utf-8")
    assert "  watch.alerts: yes  # added by Priya\n" in text and "  build.eval: no\n" in text


@pytest.mark.parametrize("columns, widest", [(80, 80), (200, 100)])
def test_screens_fit_the_terminal_without_colour_under_no_color(folder, columns, widest):
    """The bundled rubric's long degree texts, at 80 and at 200 columns."""
    s = Session(folder, "answers.yaml", columns=columns)
    s.reply("project name: ", "Fraud")
    s.reply("team: ", "Risk ML")
    s.expect("Example: Inspectors")
    s.answer("4", evidence=("about 96% of cases",))
    s.expect(r"Question 2 of 66 \| Scoping: 1 of 7 answered")
    s.reply(ANSWER, "?")
    s.expect("back to the previous question")
    s.reply(ANSWER, "q")
    assert s.end() == 0
    output = s.screen.getvalue()
    assert not SGR.search(output), "NO_COLOR is set, yet colour was sent"
    assert max(len(line) for line in s.printed) <= widest
    assert max(len(line) for line in s.printed) > widest - 10  # prose fills the width
    assert "Partial automation (partial_automation)" in output


def test_colour_is_on_in_a_terminal_without_no_color(folder):
    s = Session(folder, "answers.yaml", color=True)
    s.reply("project name: ", "q")
    s.expect("Nothing was written")
    assert s.end() == 0
    assert SGR.search(s.screen.getvalue())
    assert not (folder / "answers.yaml").exists()


def test_ctrl_d_saves_and_stops(folder):
    path = folder / "answers.yaml"
    path.write_text("rubric: tiny-automation.yaml\nanswers:\n", encoding="utf-8")
    s = Session(folder, "answers.yaml")
    s.answer("people")
    s.expect(ANSWER)
    s.child.sendeof()
    s.expect("Saved answers.yaml: 1 of 6 questions answered")
    assert s.end() == 0
    assert answers_of(path)["build.decides"][0] == "people"


def test_a_closed_terminal_loses_nothing_and_leaves_no_temporary_file(folder):
    path = folder / "answers.yaml"
    path.write_text("rubric: tiny-automation.yaml\nanswers:\n", encoding="utf-8")
    s = Session(folder, "answers.yaml")
    s.reply(ANSWER, "shadow")
    s.expect("saved answer shadow")
    s.expect(EVIDENCE)
    s.child.close(force=False)  # the terminal goes away: SIGHUP
    assert s.child.exitstatus == 129 or s.child.signalstatus == signal.SIGHUP
    assert answers_of(path)["build.decides"][0] == "shadow"
    assert not list(folder.glob(".*.tmp"))


def test_without_a_terminal_it_refuses_and_points_at_init(folder):
    done = subprocess.run(COMMAND + ["assess", "answers.yaml"], cwd=folder, text=True,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
    assert done.returncode == 2
    assert "error: stdin: is not a terminal" in done.stderr and "init -o FILE" in done.stderr
    assert "Traceback" not in done.stderr and not (folder / "answers.yaml").exists()


def test_a_bad_section_is_refused_before_a_new_file_is_started(folder):
    s = Session(folder, "answers.yaml", "--section", "wach", "--rubric", "tiny-automation.yaml")
    s.expect(r"error: --section: 'wach' is not a section of rubric 'tiny-automation' "
             r"\(did you mean 'watch'\?\)")
    assert s.end() == 2
    assert not (folder / "answers.yaml").exists()
