"""The guided assessment in a terminal: walk the questions, save every answer as it is
given, and end on the score summary.

This is the only part that waits on a person. What to ask and what a reply means come from
``session``; what a save does from ``store``; what is shown from ``screens``.
"""

from __future__ import annotations

import os
import shlex
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from mlops_maturity.interactive import screens
from mlops_maturity.interactive.change import Change
from mlops_maturity.interactive.console import EndOfInput, Terminal
from mlops_maturity.interactive.opening import start
from mlops_maturity.interactive.session import (Mode, Notice, Outcome, State, Walk, advance,
                                                answered_ids, plan, progress)
from mlops_maturity.interactive.store import ChangedOnDisk, Snapshot, reload, save
from mlops_maturity.model.errors import Problem, UsageError

EXIT_INTERRUPTED = 130
EXIT_HANGUP = 129


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
    if sys.stdin is None or not sys.stdin.isatty():
        raise UsageError(Problem(
            "stdin", "is not a terminal, and assess asks its questions one at a time",
            hint="to fill a questionnaire without a terminal, write one with "
                 "`mlops-maturity init -o FILE`, edit it, then `mlops-maturity score FILE`"))


def run(options: Options, terminal: Terminal | None = None) -> int:
    """The whole session; the exit code is 0, 130 after Ctrl-C or 129 after a hang-up."""
    require_terminal()
    term = terminal or Terminal()
    previous = _on_hangup()
    try:
        try:
            started = start(options.path, options.rubric, options.section, term)
        except KeyboardInterrupt:
            _stderr("interrupted" + ("" if os.path.lexists(options.path)
                                     else ": nothing was written"))
            return EXIT_INTERRUPTED
        if started is None:
            return 0
        return Guided(term, options, *started).walk()
    except Hangup:
        return EXIT_HANGUP
    finally:
        if previous is not None:
            signal.signal(signal.SIGHUP, previous)


def _on_hangup() -> Any:
    """A closed terminal stops the session as Ctrl-C does, never in the middle of a save
    (``store.uninterrupted`` holds it until the file is renamed into place)."""
    if not hasattr(signal, "SIGHUP"):
        return None

    def hung_up(number: int, frame: FrameType | None) -> None:
        raise Hangup()

    previous = signal.getsignal(signal.SIGHUP)
    signal.signal(signal.SIGHUP, hung_up)
    return previous if previous is not None else signal.SIG_DFL


def _stderr(line: str) -> None:
    try:
        sys.stderr.write("\n" + line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


class Guided:
    """One session over one questionnaire: the walk, where it is, the file as last saved."""

    def __init__(self, term: Terminal, options: Options, snap: Snapshot, created: bool):
        self.term, self.options, self.snap, self.created = term, options, snap, created
        self.walk_plan: Walk = plan(snap.rubric, options.mode, options.section,
                                    answered_ids(snap.answers))
        self.shown: int | None = None

    def command(self, name: str) -> str:
        """The command to run next, quoted for a shell: ``--rubric`` only where the file's own
        ``rubric:`` line is not enough, and ``assess`` keeps the section."""
        words = ["mlops-maturity", name, str(self.options.path)]
        if self.snap.rubric_ref:
            words += ["--rubric", self.snap.rubric_ref]
        if name == "assess" and self.options.section:
            words += ["--section", self.options.section]
        return shlex.join(words)

    def walk(self) -> int:
        snap, walk, term = self.snap, self.walk_plan, self.term
        term.show(screens.opening(snap.rubric, snap.display, walk, snap.answers, self.created,
                                  snap.assessment.warnings),
                  screens.sections(snap.rubric, snap.answers))
        state = State(walk.first(answered_ids(snap.answers)))
        try:
            while state.index is not None and not state.done:
                state = self.step(state)
        except (EndOfInput, Quit):
            state = State(state.index, done=True)
        except KeyboardInterrupt:
            _stderr(f"interrupted: every answer given so far is saved in {self.snap.display}; "
                    f"to resume: {self.command('assess')}")
            return EXIT_INTERRUPTED
        if state.done:
            term.show(screens.stopped(self.snap.display, self.snap.rubric, self.snap.answers))
            term.command(self.command("assess"))
        else:
            self.finish()
        return 0

    def step(self, state: State) -> State:
        """Show the question if it is new, read one reply, save what it changed."""
        assert state.index is not None
        if state.index != self.shown:
            self.show_question(state.index)
        q = self.walk_plan.questions[state.index]
        raw = self.term.ask(screens.prompt(state.stage, q, self.snap.answers.get(q.id)))
        outcome = advance(self.walk_plan, state, self.snap.answers, raw)
        self.tell(outcome)
        if outcome.change is not None and not outcome.change.empty:
            self.snap = self.save(outcome.change)
            self.term.show(screens.saved(self.snap.display, outcome.change))
        return outcome.state

    def show_question(self, index: int) -> None:
        """Who decides is introduced; the first question of a section names the section."""
        walk, snap = self.walk_plan, self.snap
        q = walk.questions[index]
        self.term.blank()
        if snap.rubric.automation is not None and q.id == snap.rubric.automation.question:
            self.term.show(screens.WHO_DECIDES, "")
        elif self.shown is None or walk.questions[self.shown].section != q.section:
            about = snap.rubric.section(q.section)
            if about is not None:
                self.term.show(screens.section_intro(about), "")
        section = next(p for p in progress(snap.rubric, snap.answers) if p.id == q.section)
        self.term.show(screens.header(walk, index, section),
                       *screens.question(snap.rubric, q, snap.answers.get(q.id)))
        self.shown = index

    def tell(self, outcome: Outcome) -> None:
        """Why the session did not move on, or the help."""
        if outcome.notice is Notice.HELP:
            self.term.show(screens.help_screen(),
                           screens.sections(self.snap.rubric, self.snap.answers))
        elif outcome.notice is not None and outcome.state.index is not None:
            q = self.walk_plan.questions[outcome.state.index]
            self.term.show(screens.notice(outcome.notice, outcome.detail, q))

    def save(self, change: Change) -> Snapshot:
        """Save; when someone else changed the file meanwhile, ask what to do."""
        snap = self.snap
        while True:
            try:
                return save(snap, change)
            except ChangedOnDisk as exc:
                if exc.removed:
                    raise
                self.term.show(screens.changed_on_disk(snap.display))
                choice = self.ask_reload()
                if choice == "q":
                    raise Quit() from None
                snap = reload(snap)
                self.term.show(f"[dim]reloaded {screens.escape(snap.display)}[/dim]")
                if choice == "d":
                    return snap

    def ask_reload(self) -> str:
        while True:
            try:
                reply = self.term.ask(screens.RELOAD).strip().lower()
            except EndOfInput:
                return "q"
            if reply in ("r", "d", "q"):
                return reply

    def finish(self) -> None:
        """The score summary with who decides and whether its practices support it, the
        readiness verdict, and what to run next."""
        from mlops_maturity import api
        from mlops_maturity.render import RenderOptions
        snap, term = self.snap, self.term
        left = [q for q in self.walk_plan.questions if q.id not in answered_ids(snap.answers)]
        term.blank()
        term.show(screens.finished(snap.display, len(left), self.shown is not None))
        if left or self.shown is None:
            term.command(self.command("assess") + ("" if left else " --review"))
        term.blank()
        report = api.run(snap.path, snap.rubric_ref).report
        text = api.render_report(report, "text", RenderOptions(
            width=term.width, color=term.color, steps=5, ascii_only=term.ascii_only))
        term.raw(str(text))
        term.blank()
        term.show("Next, the report for the readiness review:")
        term.command(self.command("report") + " -o report.html")


__all__ = ["Options", "Mode", "run", "require_terminal"]
