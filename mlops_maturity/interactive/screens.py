"""What the guided assessment shows, worded once: rich markup built from the rubric and the
answers, with every value from a file escaped. Pure functions; ``console`` prints them.

Only ASCII is used for the tool's own marks, so a terminal without UTF-8 shows them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from mlops_maturity.interactive.change import Change
from mlops_maturity.interactive.session import (CLEAR, Notice, SectionProgress, Stage, Walk,
                                                progress)
from mlops_maturity.model.answers import NA, Answer, count_answers
from mlops_maturity.model.rubric import Question, QuestionType, Rubric, Section
from mlops_maturity.report.wording import plural

if TYPE_CHECKING:  # rich is imported where it is used, to keep start-up cheap
    from rich.console import RenderableType

COMMANDS = (
    ("?", "this help"),
    ("s", "skip: leave this question as it is and go on to the next"),
    ("b", "back to the previous question"),
    ("n", "n/a: the question does not apply here (asks why; only where the rubric allows it)"),
    ("q", "quit: every answer is saved as soon as it is given; the same command resumes"),
)


def help_screen() -> RenderableType:
    """The commands, then how answers, evidence and notes are typed."""
    from rich.console import Group
    from rich.table import Table
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for key, words in COMMANDS:
        table.add_row(f"  [bold]{key}[/bold]", words)
    return Group("[bold]At any prompt[/bold]", table,
                 "At the answer prompt, type the number or the name of an answer; Enter keeps "
                 "the current one. Evidence is one link or sentence per line; an empty line "
                 "goes on to the notes.")


WHO_DECIDES = ("[bold]First, who decides.[/bold] Declare the degree of automation the "
               "system's decision runs at today: who makes the decision, the model, a person, "
               "or both. It earns no points. The rest of the assessment shows whether the "
               "team's practices support running at that degree, and a person in the loop is "
               "often the right design.")


LONG_LABEL = 24
RELOAD = "what now? [r/d/q]: "


def escape(text: str) -> str:
    """Text from a file, safe inside rich markup."""
    from rich.markup import escape as rich_escape
    return rich_escape(text)


_e = escape


def starting(display: str, rubric: Rubric) -> str:
    """Before a new questionnaire is written: what it will hold."""
    return (f"[bold]Starting a new questionnaire at {_e(display)}[/bold] for {_e(rubric.title)}"
            f" ({plural(len(rubric.questions), 'question')}).\nFirst, what is being assessed. "
            "Enter leaves a field empty; q stops without writing anything.")


def opening(rubric: Rubric, display: str, walk: Walk, answers: Mapping[str, Answer],
            created: bool, warnings: tuple[str, ...] = ()) -> str:
    """What the session is about to do, and how far the file already is."""
    verb = "New questionnaire" if created else "Questionnaire"
    counts = count_answers((q.id for q in rubric.questions), answers.values())
    lines = [f"[bold]{verb} {_e(display)}[/bold]",
             f"Rubric: {_e(rubric.title)} ({_e(rubric.id)} {_e(rubric.version)})",
             f"Answered so far: {counts.answered + counts.not_applicable} of "
             f"{plural(counts.questions, 'question')}",
             f"This session: {plural(len(walk.questions), 'question')}, "
             f"{_MODES[walk.mode.value]}. Type ? at any prompt for help."]
    lines += [f"[yellow]warning: {_e(w)}[/yellow]" for w in warnings]
    return "\n".join(lines)


_MODES = {"resume": "from the first open one", "review": "every one with its answer",
          "unanswered": "the open ones only"}


def sections(rubric: Rubric, answers: Mapping[str, Answer]) -> RenderableType:
    """Per-section progress, one line each, under a title."""
    from rich.table import Table
    table = Table.grid(padding=(0, 2))
    table.add_column(overflow="fold")
    table.add_column(justify="right", no_wrap=True)
    table.add_row("[bold]Answered, by section[/bold]", "")
    for p in progress(rubric, answers):
        table.add_row(f"  {_e(p.title)}", f"{p.answered} of {p.total}")
    return table


def section_intro(section: Section) -> str:
    """The first question of a section is preceded by what the section covers."""
    about = " ".join(section.description.split())
    return f"[bold]{_e(section.title)}[/bold]" + (f": {_e(about)}" if about else "")


def header(walk: Walk, index: int, section: SectionProgress) -> str:
    """Question k of N, how far its section is, and the question's id in the file."""
    return (f"[bold]Question {index + 1} of {len(walk.questions)}[/bold] | "
            f"{_e(section.title)}: {section.answered} of {section.total} answered\n"
            f"[dim]{_e(walk.questions[index].id)}[/dim]")


def question(rubric: Rubric, q: Question, current: Answer | None) -> list[RenderableType]:
    """The question, why it matters, the allowed answers with their meaning, and the current
    answer with its evidence and notes."""
    return [_e(" ".join(q.text.split())), "",
            f"[dim]Why it matters: {_e(' '.join(q.why.split()))}[/dim]", "",
            _options(rubric, q), "", _current(q, current)]


def _options(rubric: Rubric, q: Question) -> RenderableType:
    from rich.table import Table
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(overflow="fold")
    degrees = rubric.automation if q.type is QuestionType.DEGREE else None
    for number, o in enumerate(q.options, 1):
        name = _option_name(o.id, " ".join(o.label.split()))
        degree = degrees.degree(o.id) if degrees is not None else None
        if degree is not None and degree.description:
            name += "\n" + _e(" ".join(degree.description.split()))
        if degree is not None and degree.example:
            name += f"\n[dim]Example: {_e(' '.join(degree.example.split()))}[/dim]"
        table.add_row(f"  {number}", name)
    if q.allow_na:
        table.add_row("  n", "[bold]n/a[/bold]: does not apply here (give the reason)")
    return table


def _option_name(option_id: str, label: str) -> str:
    """A short label with its id after it; a long one (a sentence) after its id, so that the
    word to type comes first."""
    if option_id.lower() == label.lower():
        return f"[bold]{_e(label)}[/bold]"
    if len(label) > LONG_LABEL:
        return f"[bold]{_e(option_id)}[/bold]: {_e(label)}"
    return f"[bold]{_e(label)}[/bold] ({_e(option_id)})"


def _current(q: Question, current: Answer | None) -> RenderableType:
    """The answer in the file, with its reason, evidence and notes under it."""
    from rich.console import Group
    from rich.table import Table
    if current is None or current.value is None:
        head = "[yellow]Not answered yet.[/yellow]"
    elif current.value == NA:
        head = "[green]Current answer:[/green] [bold]n/a[/bold]"
    else:
        option = q.option(current.value) or q.worst
        head = ("[green]Current answer:[/green] "
                + _option_name(option.id, " ".join(option.label.split())))
    rows = [] if current is None else (
        ([("Reason:", current.reason)] if current.reason else [])
        + [("Evidence:", e.shown) for e in current.evidence]
        + ([("Notes:", current.notes)] if current.notes else []))
    if not rows:
        return head
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for name, text in rows:
        table.add_row(f"  {name}", _e(" ".join(text.split())))
    return Group(head, table)


def prompt(stage: Stage, q: Question, current: Answer | None) -> str:
    """The prompt of each stage, plain text (readline measures it), short enough for 80
    columns."""
    if stage is Stage.REASON:
        return "why does it not apply? "
    if stage is Stage.EVIDENCE:
        return "evidence, a link or a sentence (Enter: go on): "
    if stage is Stage.NOTES:
        if current is not None and current.notes:
            return f"notes (Enter keeps them; {CLEAR} removes them): "
        return "notes (Enter: none): "
    keep = ""
    if current is not None and current.value is not None:
        keep = f", Enter keeps {current.value}"
    return f"answer (1-{len(q.options)} or a name{keep}; ? help): "


def notice(kind: Notice, detail: str, q: Question) -> str:
    """One line telling why the session did not move on."""
    words = {
        Notice.FIRST: "This is the first question of this session.",
        Notice.NO_NA: "This question cannot be answered n/a: the rubric expects it of every "
                      "system.",
        Notice.NEED_ANSWER: f"Type a number from 1 to {len(q.options)} or a name, or s to skip.",
        Notice.NEED_REASON: "n/a needs a reason: say why the question does not apply, or type "
                            "s to skip.",
        Notice.ALREADY: "That evidence is already recorded.",
        Notice.PROBLEM: detail,
    }
    return f"[yellow]{_e(words.get(kind, detail))}[/yellow]"


def saved(display: str, change: Change) -> str:
    """Which fields of the answer were just written."""
    what = []
    if change.value is not None:
        what.append(f"answer {change.value}")
    if change.reason:
        what.append("reason")
    if change.add_evidence:
        what.append("evidence")
    if change.notes is not None:
        what.append("notes" if change.notes else "notes removed")
    return f"[dim]saved {_e(', '.join(what))} to {_e(display)}[/dim]"


def changed_on_disk(display: str) -> str:
    """Someone else saved the file meanwhile: what the choices are."""
    return (f"[bold red]{_e(display)} was changed by someone else since this session read "
            "it.[/bold red] Nothing was written over it.\n"
            "  [bold]r[/bold]  reload it, then save this answer into it\n"
            "  [bold]d[/bold]  reload it and drop this answer\n"
            "  [bold]q[/bold]  stop here (this answer is not saved)")


def finished(display: str, open_count: int, asked: bool) -> str:
    """After the last question: what is still open (the command to go on follows)."""
    if open_count:
        them = "it" if open_count == 1 else "them"
        return (f"[yellow]{plural(open_count, 'question')} still open in {_e(display)}."
                f"[/yellow] To answer {them}:")
    done = f"[green]Every question of this session is answered in {_e(display)}.[/green]"
    return done if asked else done + " To walk them again:"


def stopped(display: str, rubric: Rubric, answers: Mapping[str, Answer]) -> str:
    """After q: how far the file is (the command to resume follows)."""
    counts = count_answers((q.id for q in rubric.questions), answers.values())
    return (f"Saved {_e(display)}: {counts.answered + counts.not_applicable} of "
            f"{plural(counts.questions, 'question')} answered. To resume:")
