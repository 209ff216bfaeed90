"""Before the first question: open the questionnaire, or start one after asking what is
being assessed. Nothing is written until the project's name and team are given."""

from __future__ import annotations

import os
from pathlib import Path

from mlops_maturity.interactive import screens
from mlops_maturity.interactive.console import EndOfInput, Terminal
from mlops_maturity.interactive.session import UNSAFE, check_section
from mlops_maturity.interactive.store import Snapshot, new_questionnaire, open_snapshot

DEFAULT_RUBRIC = "mlops-automation"


def start(path: Path, rubric_ref: str | None, section: str | None,
          term: Terminal) -> tuple[Snapshot, bool] | None:
    """The questionnaire to work on and whether it is new, or None when the user stopped
    before anything was written. A bad ``--section`` is refused before a file is started."""
    if os.path.lexists(path):
        return open_snapshot(path, rubric_ref), False
    from mlops_maturity.load.assessment import open_rubric
    from mlops_maturity.report.clock import generated_at
    ref = rubric_ref or DEFAULT_RUBRIC
    rubric = open_rubric(ref, Path.cwd())
    check_section(rubric, section)
    term.show(screens.starting(str(path), rubric))
    name = ask_text(term, "project name: ")
    team = ask_text(term, "team: ") if name is not None else None
    if name is None or team is None:
        term.show("Nothing was written.")
        return None
    # the date follows SOURCE_DATE_EPOCH where it is set, as reports do
    snap = new_questionnaire(path, ref, name, team, generated_at(None)[:10])
    term.show(f"[dim]wrote {screens.escape(str(path))}[/dim]")
    return snap, True


def ask_text(term: Terminal, prompt: str) -> str | None:
    """A free-text field of the project; ``q`` (or Ctrl-D) stops."""
    while True:
        try:
            text = term.ask(prompt).strip()
        except EndOfInput:
            return None
        if text.lower() == "q":
            return None
        if text == "?":
            term.show("Type the text and Enter; Enter alone leaves it empty; q stops.")
        elif UNSAFE.search(text):
            term.show("[yellow]The text contains a control character; type it again.[/yellow]")
        else:
            return text
