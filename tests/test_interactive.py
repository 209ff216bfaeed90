"""The guided assessment's pure logic, without a terminal: the walk, the replies, the changes.

Tables of replies in, states and changes out. The file edits and saves are tested in
tests/test_interactive_edit.py, the terminal in tests/test_interactive_pty.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlops_maturity.cli.application import app
from mlops_maturity.interactive.change import Change, add_evidence, apply, pick
from mlops_maturity.interactive.session import (Command, Mode, Notice, Stage, State, Walk,
                                                advance, answered_ids, plan, progress,
                                                read_reply)
from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.model.answers import NA, Answer, Evidence
from mlops_maturity.model.errors import UsageError
from tests.conftest import DATA

AUTOMATION = load_rubric(DATA / "tiny-automation.yaml")  # the degree question is build.decides
TINY = load_rubric(DATA / "tiny-rubric.yaml")  # no decision axis



def ev(*texts: str) -> tuple[Evidence, ...]:
    """Evidence as the loader reads plain strings."""
    return tuple(Evidence(text=t) for t in texts)

def ids(walk: Walk) -> list[str]:
    return [q.id for q in walk.questions]


def answers(**given: str | None) -> dict[str, Answer]:
    """Answers by question id; ``build_ci="yes"`` answers build.ci."""
    return {k.replace("_", "."): Answer(k.replace("_", "."), v) for k, v in given.items()}


# ---------------------------------------------------------------- the walk


def test_who_decides_comes_first_then_every_section_in_rubric_order():
    walk = plan(AUTOMATION, Mode.REVIEW)
    assert ids(walk) == ["build.decides", "build.eval", "build.ci", "watch.logs",
                         "watch.alerts", "watch.drift"]


def test_a_rubric_without_a_decision_axis_starts_with_its_first_section():
    assert ids(plan(TINY, Mode.REVIEW)) == ["build.ci", "build.level", "ops.rollback"]


def test_the_degree_question_goes_first_even_when_the_rubric_asks_it_later(tmp_path):
    text = (DATA / "tiny-automation.yaml").read_text(encoding="utf-8")
    decides = "      - {id: build.decides, type: degree, text: Who decides?, why: W, advice: A}\n"
    moved = text.replace(decides, "").replace(
        "      - {id: watch.logs,", decides + "      - {id: watch.logs,")
    path = tmp_path / "late.yaml"
    path.write_text(moved, encoding="utf-8")
    rubric = load_rubric(path)
    assert [q.id for q in rubric.questions][0] != "build.decides"
    assert ids(plan(rubric, Mode.REVIEW))[0] == "build.decides"


@pytest.mark.parametrize("section, expected", [
    ("build", ["build.decides", "build.eval", "build.ci"]),
    ("watch", ["watch.logs", "watch.alerts", "watch.drift"]),
])
def test_section_limits_the_walk_to_one_section(section, expected):
    assert ids(plan(AUTOMATION, Mode.REVIEW, section)) == expected


def test_an_unknown_section_is_a_usage_error_with_a_suggestion():
    with pytest.raises(UsageError) as info:
        plan(AUTOMATION, Mode.REVIEW, "wach")
    assert str(info.value.problems[0]) == (
        "--section: 'wach' is not a section of rubric 'tiny-automation' "
        "(did you mean 'watch'?)")


def test_unanswered_visits_only_what_was_open_at_the_start():
    done = answered_ids(answers(build_decides="shadow", build_ci="yes", watch_drift=NA))
    assert ids(plan(AUTOMATION, Mode.UNANSWERED, answered=done)) == [
        "build.eval", "watch.logs", "watch.alerts"]


def test_an_empty_answer_is_open_and_n_a_is_answered():
    assert answered_ids(answers(build_ci=None, watch_drift=NA)) == {"watch.drift"}


# position: where each mode starts (first), goes on (after) and goes back (before)
@pytest.mark.parametrize("mode, done, first, after_first, after_2", [
    # resume: the first open question, then the next open one
    (Mode.RESUME, set(), 0, 1, 3),
    (Mode.RESUME, {"build.decides", "build.eval"}, 2, 3, 3),
    (Mode.RESUME, {"build.decides", "build.ci", "watch.logs"}, 1, 4, 4),
    (Mode.RESUME, {"build.decides", "build.eval", "build.ci", "watch.logs", "watch.alerts",
                   "watch.drift"}, None, None, None),
    # review: every question, answered or not
    (Mode.REVIEW, {"build.decides", "build.eval"}, 0, 1, 3),
])
def test_where_a_walk_starts_and_goes_on(mode, done, first, after_first, after_2):
    walk = plan(AUTOMATION, mode)
    assert walk.first(done) == first
    if first is not None:
        assert walk.after(first, done) == after_first
    assert walk.after(2, done) == after_2


def test_the_end_of_a_walk_and_back_from_its_start():
    walk = plan(AUTOMATION, Mode.REVIEW)
    assert walk.after(5, set()) is None
    assert walk.before(0) is None and walk.before(3) == 2


def test_progress_counts_each_section():
    found = progress(AUTOMATION, answers(build_decides="people", build_ci=None, watch_drift=NA))
    assert [(p.id, p.answered, p.total) for p in found] == [("build", 1, 3), ("watch", 1, 3)]


# ---------------------------------------------------------------- replies

EVAL = AUTOMATION.question("build.eval")  # no, partial, yes
LEVEL = TINY.question("build.level")  # low, mid, high; allows n/a
ROLLBACK = TINY.question("ops.rollback")  # none, manual, automated


@pytest.mark.parametrize("raw, question, option", [
    ("1", EVAL, "no"), ("3", EVAL, "yes"), (" 2 ", EVAL, "partial"),
    ("yes", EVAL, "yes"), ("YES", EVAL, "yes"), ("Partly", EVAL, "partial"),  # by label
    ("part", EVAL, "partial"),  # the start of exactly one id
    ("auto", ROLLBACK, "automated"), ("m", ROLLBACK, "manual"),
    ("high", LEVEL, "high"),
])
def test_an_answer_by_number_or_by_name(raw, question, option):
    assert read_reply(raw, Stage.ANSWER, question).option == option


@pytest.mark.parametrize("raw, question, problem", [
    ("0", EVAL, "'0' is not an answer to this question (type 1 to 3, or a name)"),
    ("4", EVAL, "'4' is not an answer to this question (type 1 to 3, or a name)"),
    ("maybe", EVAL, "'maybe' is not an answer to this question (type 1 to 3, or a name)"),
    ("-1", EVAL, "'-1' is not an answer to this question (type 1 to 3, or a name)"),
])
def test_a_reply_that_is_no_answer_says_so(raw, question, problem):
    assert read_reply(raw, Stage.ANSWER, question).problem == problem


@pytest.mark.parametrize("raw, command", [
    ("?", Command.HELP), ("s", Command.SKIP), ("S", Command.SKIP), ("b", Command.BACK),
    ("n", Command.NA), ("n/a", Command.NA), ("N/A", Command.NA), ("not applicable", Command.NA),
    ("q", Command.QUIT), (" q ", Command.QUIT),
])
def test_commands_at_the_answer_prompt(raw, command):
    assert read_reply(raw, Stage.ANSWER, LEVEL).command is command


@pytest.mark.parametrize("stage", [Stage.REASON, Stage.EVIDENCE, Stage.NOTES])
def test_commands_work_at_every_prompt_and_other_text_is_text(stage):
    assert read_reply("b", stage, EVAL).command is Command.BACK
    assert read_reply("q", stage, EVAL).command is Command.QUIT
    assert read_reply("n/a", stage, EVAL).command is None  # a word, not the one-letter n
    assert read_reply(" https://runbooks.example/rollback ", stage, EVAL).text == (
        "https://runbooks.example/rollback")


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\u202e", "\u2028", "\x85"])
def test_control_characters_are_refused_as_they_are_typed(char):
    reply = read_reply(f"see {char}[31mthe runbook", Stage.EVIDENCE, EVAL)
    assert reply.problem.startswith("the text contains the control character U+")
    assert not reply.text


def test_what_is_refused_as_typed_is_what_the_loader_refuses(write):
    """Every character the loader refuses in a questionnaire is refused at the prompt, and
    every one it accepts is accepted, so a save never makes a file the loader rejects."""
    from mlops_maturity.load.yamlfile import parse_yaml
    from mlops_maturity.model.errors import InputFileError
    import json
    for code in list(range(0x0, 0x2100)) + list(range(0x2200, 0x2300)):
        char = chr(code)
        if char in "\n\r" or 0xD800 <= code < 0xE000:
            continue
        try:
            parse_yaml(f"notes: {json.dumps('a' + char + 'b')}\n", "t.yaml")
            loader_refuses = False
        except InputFileError:
            loader_refuses = True
        refused = bool(read_reply(f"a{char}b", Stage.NOTES, EVAL).problem)
        assert refused == loader_refuses, f"U+{code:04X}"


# ---------------------------------------------------------------- one question, step by step


def walk_through(replies: list[str], given: dict[str, Answer] | None = None,
                 mode: Mode = Mode.REVIEW, start: int = 1, rubric=AUTOMATION):
    """Feed replies to ``advance`` as the flow does, applying each change to the answers."""
    walk = plan(rubric, mode)
    now = dict(given or {})
    state = State(start)
    changes, notices = [], []
    for raw in replies:
        outcome = advance(walk, state, now, raw)
        if outcome.change is not None and not outcome.change.empty:
            changes.append(outcome.change)
            now[outcome.change.question] = apply(now.get(outcome.change.question),
                                                 outcome.change)
        if outcome.notice is not None:
            notices.append(outcome.notice)
        state = outcome.state
    return state, changes, notices, now


def test_an_answer_then_evidence_then_notes_then_the_next_question():
    state, changes, notices, now = walk_through(
        ["3", "https://ci.example/run/1", "drill on 2026-10-02", "", "weekly"])
    assert changes == [Change("build.eval", value="yes"),
                       Change("build.eval", add_evidence=("https://ci.example/run/1",)),
                       Change("build.eval", add_evidence=("drill on 2026-10-02",)),
                       Change("build.eval", notes="weekly")]
    assert now["build.eval"] == Answer("build.eval", "yes",
                                       ev("https://ci.example/run/1", "drill on 2026-10-02"),
                                       "weekly")
    assert state == State(2) and not notices


@pytest.mark.parametrize("replies, state, changes, notices", [
    # Enter with no answer yet asks again; Enter with one keeps it and goes on
    ([""], State(1), [], [Notice.NEED_ANSWER]),
    # skip leaves the question as it is
    (["s"], State(2), [], []),
    # back goes to the question before, even from the evidence prompt
    (["b"], State(0), [], []),
    (["2", "b"], State(0), [Change("build.eval", value="partial")], []),
    # n/a where the rubric does not allow it
    (["n"], State(1), [], [Notice.NO_NA]),
    # quit, at any prompt
    (["q"], State(1, done=True), [], []),
    (["1", "", "q"], State(1, Stage.NOTES, done=True), [Change("build.eval", value="no")], []),
    # help changes nothing
    (["?"], State(1), [], [Notice.HELP]),
    # the same evidence twice is recorded once
    (["3", "runbook", "runbook"], State(1, Stage.EVIDENCE),
     [Change("build.eval", value="yes"), Change("build.eval", add_evidence=("runbook",))],
     [Notice.ALREADY]),
])
def test_commands_and_replies_on_one_question(replies, state, changes, notices):
    found_state, found_changes, found_notices, _ = walk_through(replies)
    assert (found_state, found_changes, found_notices) == (state, changes, notices)


def test_back_from_the_first_question_says_so():
    state, _, notices, _ = walk_through(["b"], start=0)
    assert state == State(0) and notices == [Notice.FIRST]


def test_enter_keeps_an_answer_and_picking_it_again_only_opens_its_evidence():
    given = {"build.eval": Answer("build.eval", "partial", ev("doc"), "note")}
    assert walk_through([""], given)[0] == State(2)
    state, changes, _, now = walk_through(["partial", "more", "", ""], given)
    assert changes == [Change("build.eval", add_evidence=("more",))]
    assert now["build.eval"].evidence == ev("doc", "more") and now["build.eval"].notes == "note"


def test_n_a_asks_for_a_reason_and_an_answer_later_drops_it():
    tiny = plan(TINY, Mode.REVIEW)
    assert tiny.questions[1].id == "build.level"
    state, changes, notices, now = walk_through(["n", "", "batch only", "", ""], start=1,
                                                rubric=TINY)
    assert notices == [Notice.NEED_REASON]
    assert changes == [Change("build.level", value=NA, reason="batch only")]
    assert now["build.level"].reason == "batch only" and state == State(2)
    _, changes, _, now = walk_through(["high", "", ""], now, start=1, rubric=TINY)
    assert changes == [Change("build.level", value="high", reason="")]
    assert now["build.level"] == Answer("build.level", "high")


def test_notes_are_replaced_and_a_dash_removes_them():
    given = {"build.eval": Answer("build.eval", "yes", notes="old")}
    assert walk_through(["yes", "", "new"], given)[1] == [Change("build.eval", notes="new")]
    assert walk_through(["yes", "", "-"], given)[1] == [Change("build.eval", notes="")]
    assert walk_through(["yes", "", ""], given)[1] == []


def test_resume_goes_on_to_the_next_open_question_after_an_answer():
    given = answers(build_decides="people", build_ci="yes")
    state, _, _, _ = walk_through(["2", "", ""], given, mode=Mode.RESUME, start=1)
    assert state == State(3)  # build.ci is answered, so watch.logs is next


def test_the_degree_is_written_only_when_picked():
    """No reply but an explicit pick declares a degree: Enter, skip, back, help, quit and
    n/a all leave the degree question unanswered."""
    for replies in ([""], ["s"], ["?"], ["q"], ["n"], ["b"], ["x"]):
        _, changes, _, now = walk_through(replies, start=0)
        assert not changes and "build.decides" not in now, replies
    _, changes, _, _ = walk_through(["model"], start=0)
    assert changes == [Change("build.decides", value="model")]


# ---------------------------------------------------------------- changes


@pytest.mark.parametrize("current, value, reason, change", [
    (None, "yes", "", Change("q", value="yes")),
    (Answer("q", NA, reason="r"), "yes", "", Change("q", value="yes", reason="")),
    (Answer("q", "no"), NA, "batch", Change("q", value=NA, reason="batch")),
])
def test_pick(current, value, reason, change):
    assert pick("q", value, current, reason) == change


def test_apply_and_add_evidence():
    current = Answer("q", "no", ev("a"), "n", line=4)
    assert add_evidence("q", ("a", "b", "b"), current) == Change("q", add_evidence=("b",))
    assert apply(current, Change("q", value="yes", add_evidence=("b",), notes="")) == Answer(
        "q", "yes", ev("a", "b"), "")
    assert apply(None, Change("q", value="yes")) == Answer("q", "yes")


# ---------------------------------------------------------------- the command without a terminal


def test_without_a_terminal_assess_refuses_and_suggests_init(tmp_path):
    result = CliRunner().invoke(app, ["assess", str(tmp_path / "a.yaml")], input="yes\n")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: stdin: is not a terminal, and assess asks its questions one at a time (to "
        "fill a questionnaire without a terminal, write one with `mlops-maturity init -o "
        "FILE`, edit it, then `mlops-maturity score FILE`)")
    assert not (tmp_path / "a.yaml").exists()


def test_review_and_unanswered_together_are_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["assess", "a.yaml", "--review", "--unanswered"])
    assert result.exit_code == 2
    assert "--review: and --unanswered cannot be combined" in result.stderr


def test_assess_has_help_with_its_exit_codes():
    result = CliRunner().invoke(app, ["assess", "--help"])
    assert result.exit_code == 0
    for word in ("--section", "--review", "--unanswered", "Exit codes", "130"):
        assert word in result.stdout


# ---------------------------------------------------------------- screens (golden files)
# After an intended change to what assess shows, regenerate them with
#   python -m pytest tests/test_interactive.py --update-golden
# and review `git diff tests/golden/assess`.

GOLDEN = Path(__file__).resolve().parent / "golden" / "assess"


def screen_of(parts, columns: int, monkeypatch) -> str:
    """What the terminal layer prints for these parts at a width, without colour."""
    import io
    import shutil
    from mlops_maturity.interactive.console import Terminal
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=None: os.terminal_size(
        (columns, 24)))
    stream = io.StringIO()
    Terminal(stream).show(*parts)
    return stream.getvalue()


def fraud_example():
    from mlops_maturity.load.assessment import open_assessment
    from tests.conftest import ROOT
    a = open_assessment(ROOT / "examples" / "fraud-realtime-canary.yaml")
    return a.rubric, {x.question: x for x in a.questionnaire.answers}


def screens_to_check():
    from mlops_maturity.interactive import screens
    rubric, given = fraud_example()
    walk = plan(rubric, Mode.REVIEW)
    by_section = {p.id: p for p in progress(rubric, given)}

    def question(qid: str):
        index = ids(walk).index(qid)
        q = walk.questions[index]
        return [screens.header(walk, index, by_section[q.section]),
                *screens.question(rubric, q, given.get(q.id)),
                screens.prompt(Stage.ANSWER, q, given.get(q.id))]

    return {
        "opening": [screens.opening(rubric, "answers.yaml", plan(rubric, Mode.RESUME), {}, True),
                    screens.sections(rubric, {}), screens.WHO_DECIDES],
        "degree": question("scoping.degree"),
        "choice-with-evidence": question("deployment.canary-ramp"),
        "long-options-with-notes": question("data.automation"),
        "n-a-with-reason": question(next(a.question for a in given.values() if a.value == NA)),
        "help": [screens.help_screen()],
    }


@pytest.mark.parametrize("columns", [80, 200])
@pytest.mark.parametrize("name", ["opening", "degree", "choice-with-evidence",
                                  "long-options-with-notes", "n-a-with-reason", "help"])
def test_screens_match_their_golden_files(name, columns, monkeypatch, update_golden):
    actual = screen_of(screens_to_check()[name], columns, monkeypatch)
    golden = GOLDEN / f"{name}-{columns}.txt"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run: python -m pytest {__file__} --update-golden"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if intended, run `python -m pytest tests/test_interactive.py "
        "--update-golden` and review `git diff tests/golden/assess`")
    widest = max(len(line) for line in actual.splitlines())
    assert widest <= min(columns, 100) and not any(line.endswith(" ")
                                                  for line in actual.splitlines())


def test_other_commands_do_not_pay_for_assess():
    """The interactive package, readline and pexpect load only inside ``assess``."""
    import subprocess
    import sys
    probe = ("import sys, mlops_maturity.cli; print(sorted(m for m in sys.modules if "
             "m.startswith(('mlops_maturity.interactive', 'readline', 'pexpect'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]"
