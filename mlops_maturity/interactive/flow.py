"""The guided assessment in a terminal: open or start the questionnaire, walk the questions,
save every answer as it is given, and end on the score summary.

This is the only part that waits on a person. What to ask and what a reply means come from
``session``; what a save does comes from ``store``; what is shown comes from ``screens``.
"""

from __future__ import annotations

import os
import shlex
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Callable

from mlops_maturity.interactive import screens
from mlops_maturity.interactive.change import Change
from mlops_maturity.interactive.console import EndOfInput, Terminal
from mlops_maturity.interactive.session import (Mode, Notice, Outcome, Stage, State, Walk,
                                                advance, answered_ids, plan, progress)
from mlops_maturity.interactive.store import (ChangedOnDisk, Snapshot, new_questionnaire,
                                              open_snapshot, reload, save)
from mlops_maturity.model.errors import Problem, UsageError

EXIT_INTERRUPTED = 130
EXIT_HANGUP = 129
DEFAULT_RUBRIC = "mlops-automation"


class Hangup(Exception):
    """The terminal was closed (SIGHUP)."""


class Quit(Exception):
    """The user chose to stop."""


@dataclass(frozen=True)
class Options:
    """What the command line asked for."""

    path: Path
    rubric: str | None = None
    section: str | None = None
    mode: Mode = Mode.RESUME


def require_terminal() -> None:
    """The flow asks questions one at a time; without a terminal there is nobody to ask."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise UsageError(Problem(
            "stdin", "is not a terminal, and assess asks its questions one at a time",
            hint="to fill a questionnaire without a terminal, write one with "
                 "`mlops-maturity init -o FILE`, edit it, then `mlops-maturity score FILE`"))


def run(options: Options, terminal: Terminal | None = None) -> int:
    """The whole session; returns the exit code (0, 130 after Ctrl-C, 129 after a hang-up)."""
    require_terminal()
    term = terminal or Terminal()
    previous = _on_hangup()
    try:
        started = _start(options, term)
        if started is not None:
            _walk(*started, options, term)
        return 0
    except KeyboardInterrupt:
        _say_stopped(term, options, "interrupted")
        return EXIT_INTERRUPTED
    except Hangup:
        return EXIT_HANGUP
    finally:
        if previous is not None:
            signal.signal(signal.SIGHUP, previous)


def _on_hangup() -> Callable[[int, FrameType | None], object] | int | None:
    """A closed terminal stops the session like Ctrl-C does (never in the middle of a save:
    ``store.uninterrupted`` holds it until the file is renamed into place)."""
    if not hasattr(signal, "SIGHUP"):
        return None

    def hung_up(number: int, frame: FrameType | None) -> None:
        raise Hangup()

    previous = signal.getsignal(signal.SIGHUP)
    signal.signal(signal.SIGHUP, hung_up)
    return previous if previous is not None else signal.SIG_DFL


def _command(options: Options, *extra: str) -> str:
    """The command line to run next, quoted for a shell."""
    words = ["mlops-maturity", *extra, str(options.path)]
    if options.rubric:
        words += ["--rubric", options.rubric]
    return shlex.join(words)


def _say_stopped(term: Terminal, options: Options, why: str) -> None:
    try:
        term.blank()
        sys.stderr.write(f"{why}: every answer given so far is saved in {options.path}; "
                         f"to resume: {_command(options, 'assess')}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _start(options: Options, term: Terminal) -> tuple[Snapshot, bool] | None:
    """The questionnaire to work on, and whether it is new: opened, or started after asking
    for the project (None when the user stopped before anything was written)."""
    if os.path.lexists(options.path):
        return open_snapshot(options.path, options.rubric), False
    from mlops_maturity.load.assessment import open_rubric
    from mlops_maturity.report.clock import generated_at
    ref = options.rubric or DEFAULT_RUBRIC
    rubric = open_rubric(ref, Path.cwd())
    term.show(f"[bold]Starting a new questionnaire at {screens._e(str(options.path))}[/bold] "
              f"for {screens._e(rubric.title)} ({len(rubric.questions)} questions).",
              "First, what is being assessed. Enter leaves a field empty; q stops without "
              "writing anything.")
    name = _ask_text(term, "project name: ")
    team = _ask_text(term, "team: ") if name is not None else None
    if name is None or team is None:
        term.show("Nothing was written.")
        return None
    snap = new_questionnaire(options.path, ref, name, team, generated_at(None)[:10])
    term.show(f"[dim]wrote {screens._e(str(options.path))}[/dim]")
    return snap, True


def _ask_text(term: Terminal, prompt: str) -> str | None:
    """A free-text field of the project; ``q`` (or Ctrl-D) stops."""
    from mlops_maturity.interactive.session import UNSAFE
    while True:
        try:
            text = term.ask(prompt).strip()
        except EndOfInput:
            return None
        if text.lower() == "q":
            return None
        if text == "?":
            term.show("Type the text and Enter; Enter alone leaves it empty; q stops.")
            continue
        if UNSAFE.search(text):
            term.show("[yellow]The text contains a control character; type it again."
                      "[/yellow]")
            continue
        return text


def _walk(snap: Snapshot, created: bool, options: Options, term: Terminal) -> None:
    walk = plan(snap.rubric, options.mode, options.section, answered_ids(snap.answers))
    term.show(screens.opening(snap.rubric, snap.display, walk, snap.answers, created,
                              snap.assessment.warnings))
    term.show(screens.sections(snap.rubric, snap.answers))
    state = State(walk.first(answered_ids(snap.answers)))
    shown: int | None = None
    try:
        while state.index is not None and not state.done:
            if state.index != shown:
                _question(term, snap, walk, state.index, shown)
                shown = state.index
            q = walk.questions[state.index]
            raw = term.ask(screens.prompt(state.stage, q, snap.answers.get(q.id)))
            outcome = advance(walk, state, snap.answers, raw)
            snap = _apply(term, snap, walk, outcome)
            state = outcome.state
    except (EndOfInput, Quit):
        state = State(state.index, done=True)
    if state.done:
        term.show(screens.stopped(snap.display, snap.rubric, snap.answers,
                                  _command(options, "assess")))
        return
    _finish(term, snap, walk, options, asked=shown is not None)


def _question(term: Terminal, snap: Snapshot, walk: Walk, index: int,
              shown: int | None) -> None:
    q = walk.questions[index]
    section = next(p for p in progress(snap.rubric, snap.answers) if p.id == q.section)
    term.blank()
    degree = snap.rubric.automation is not None and q.id == snap.rubric.automation.question
    if degree:
        term.show(screens.WHO_DECIDES, "")
    elif shown is None or walk.questions[shown].section != q.section:
        about = snap.rubric.section(q.section)
        if about is not None:
            term.show(screens.section_intro(about), "")
    term.show(screens.header(walk, index, section),
              *screens.question(snap.rubric, q, snap.answers.get(q.id)))


def _apply(term: Terminal, snap: Snapshot, walk: Walk, outcome: Outcome) -> Snapshot:
    """Save what the reply changed and say so, or tell why the session did not move on."""
    if outcome.notice is Notice.HELP:
        term.show(screens.HELP, screens.sections(snap.rubric, snap.answers))
    elif outcome.notice is not None and outcome.state.index is not None:
        q = walk.questions[outcome.state.index]
        term.show(screens.notice(outcome.notice, outcome.detail, q))
    if outcome.change is None or outcome.change.empty:
        return snap
    snap = _save(term, snap, outcome.change)
    term.show(screens.saved(snap.display, outcome.change))
    return snap


def _save(term: Terminal, snap: Snapshot, change: Change) -> Snapshot:
    """Save, and when someone else changed the file meanwhile, ask what to do."""
    while True:
        try:
            return save(snap, change)
        except ChangedOnDisk as exc:
            if exc.removed:
                raise
            term.show(screens.changed_on_disk(snap.display))
            choice = _ask_reload(term)
            if choice == "q":
                raise Quit() from None
            snap = reload(snap)
            term.show(f"[dim]reloaded {screens._e(snap.display)}[/dim]")
            if choice == "d":
                return snap


def _ask_reload(term: Terminal) -> str:
    while True:
        try:
            reply = term.ask("r: reload it and save this answer into it, d: reload it and "
                             "drop this answer, q: quit [r/d/q]: ").strip().lower()
        except EndOfInput:
            return "q"
        if reply in ("r", "d", "q"):
            return reply


def _finish(term: Terminal, snap: Snapshot, walk: Walk, options: Options, asked: bool) -> None:
    """The score summary, who decides and whether it is supported, the verdict, and what
    to run next."""
    from mlops_maturity import api
    from mlops_maturity.render import RenderOptions
    left = [q for q in walk.questions if q.id not in answered_ids(snap.answers)]
    term.blank()
    term.show(screens.finished(snap.display, len(left), asked, _command(options, "assess")))
    term.blank()
    run = api.run(snap.path, snap.rubric_ref)
    encoding = (getattr(term.stream, "encoding", None) or "ascii").lower().replace("-", "")
    text = api.render_report(run.report, "text", RenderOptions(
        width=term.width, color=term.color, steps=5,
        ascii_only=encoding not in ("utf8", "utf16", "utf32")))
    term.raw(str(text))
    term.blank()
    term.show(f"Next, the report for the readiness review: "
              f"[bold]{screens._e(_command(options, 'report'))} -o report.html[/bold]")


__all__ = ["Options", "Mode", "Stage", "run", "require_terminal"]
