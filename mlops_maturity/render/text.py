"""The terminal view of a score: a table a person reads at a glance, in a terminal or a CI log.

Rendered through rich into a string, so it goes through the same interface and write path as
every other format; colour is on only when the caller asks for it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from mlops_maturity.engine.findings import BlockerKind, StepAction
from mlops_maturity.render.base import Format, RenderOptions
from mlops_maturity.report import wording
from mlops_maturity.report.model import Report
from mlops_maturity.report.numbers import score_of

if TYPE_CHECKING:  # rich is imported where it is used, to keep start-up cheap
    from rich.table import Table

ROADMAP_LINES = 8


def _markup(phrase: wording.Phrase) -> str:
    """A worded finding as rich markup: everything escaped, identifiers in bold."""
    from rich.markup import escape
    return "".join(f"[bold]{escape(s.text)}[/bold]" if s.kind is wording.Seg.CODE
                   else escape(s.text) for s in phrase)


def _sections_table(report: Report, ascii_only: bool) -> Table:
    from rich import box
    from rich.markup import escape
    from rich.table import Table
    title = escape(f"{report.rubric.title} (v{report.rubric.version})")
    table = Table(title=title, title_justify="left",
                  box=box.ASCII2 if ascii_only else box.HEAVY_HEAD)
    table.add_column("Section")
    table.add_column("Level" if report.levels else "Kind")
    table.add_column("Score", justify="right")
    for s in report.sections:
        level = s.level_label or ("checklist" if s.kind == "checklist" else "—")
        if s.caps:
            level += " (capped)"
        table.add_row(escape(s.title), escape(level), score_of(s.score, s.max_score))
    o = report.overall
    table.add_section()
    table.add_row("[bold]Overall[/bold]", f"[bold]{escape(o.level_label or o.band_label or '—')}"
                  "[/bold]", f"[bold]{score_of(o.score, o.max_score)}[/bold]")
    return table


def _heading(report: Report, out: list[str]) -> None:
    """The project, then both axes: who decides (and whether it is supported), and maturity."""
    from rich.markup import escape
    p, a = report.project, report.automation
    title = " · ".join(x for x in (p.name, p.team, p.assessed_on) if x) or "Unnamed project"
    out.append(f"[bold]{escape(title)}[/bold]")
    if a is not None:
        colour = "red" if a.within_support is False else ("yellow" if a.declared is None
                                                          else "green")
        out.append(f"[bold {colour}]{escape(a.verdict)}[/bold {colour}]")
    out.append(f"[bold]{escape(report.overall.verdict)}[/bold]")


def _held_back(report: Report, out: list[str]) -> None:
    from rich.markup import escape
    for s in report.sections:
        if s.held_back_by:
            out.append(f"[dim]  {escape(s.title)} is held back by {escape(s.held_back_by)}[/dim]")


def _blocker_lines(phrase: wording.Phrase, advice: str | None, out: list[str]) -> None:
    """One line per blocker, the rubric's advice indented below it."""
    from rich.markup import escape
    out.append(f"  ✗ {_markup(phrase)}")
    if advice:
        out.append(f"      {escape(advice)}")


def _readiness(report: Report, out: list[str]) -> None:
    from rich.markup import escape
    a = report.automation
    if a is not None:
        colour = "green" if a.target_ready else "red"
        out.append(f"\n[bold {colour}]{escape(a.target_verdict)}[/bold {colour}]")
        for b in a.blockers:
            _blocker_lines(wording.automation_blocker(b),
                           b.advice if b.kind is BlockerKind.PRACTICE else None, out)
    r = report.readiness
    if r is None:
        return
    colour = "green" if r.met else "red"
    out.append(f"\n[bold {colour}]{escape(r.verdict)}[/bold {colour}]")
    for b in r.blockers:
        if b.kind is BlockerKind.GATE:
            _blocker_lines(wording.practice_blocker(b), b.advice, out)
        else:
            _blocker_lines(wording.overall_blocker(b, r.target_label), None, out)


def _roadmap(report: Report, out: list[str]) -> None:
    from rich.markup import escape
    steps = report.recommendations
    if not steps:
        return
    shown = min(len(steps), ROADMAP_LINES)
    out.append(f"\n[bold]Next steps[/bold] (first {shown} of {len(steps)}; "
               "all in the JSON and reports):")
    for i, s in enumerate(steps[:ROADMAP_LINES], 1):
        if s.action is StepAction.ANSWER_FIRST:
            out.append(f"  {i}. {escape(s.question)}: unanswered, answer this first "
                       "(it counts as its worst answer until then)")
            continue
        towards = f" [dim]→ {escape(s.towards_label)}[/dim]" if s.towards_label else ""
        gain = wording.plain((wording.number(s.gain),))
        out.append(f"  {i}. {escape(s.question)}: {escape(s.current_label)} → "
                   f"{escape(s.next_label)} (+{gain}){towards}")


def _missing(report: Report, out: list[str]) -> None:
    from rich.markup import escape
    o = report.overall
    if o.unanswered:
        out.append(f"[yellow]{o.unanswered} of {o.questions} questions unanswered "
                   f"(scored as their worst answer):[/yellow] "
                   + escape(", ".join(q.id for q in report.unanswered)))
    if o.not_applicable:
        out.append(f"{o.not_applicable} answered n/a (left out of the score).")


class TextRenderer:
    """Plain text, or ANSI-styled text when ``options.color`` is set."""

    format: Format = Format.TEXT
    suffixes: tuple[str, ...] = (".txt",)

    def render(self, report: Report, options: RenderOptions = RenderOptions()) -> str:
        from rich.console import Console
        buffer = io.StringIO()
        console = Console(file=buffer, width=options.width, highlight=False, soft_wrap=True,
                          force_terminal=options.color, no_color=not options.color,
                          color_system="standard" if options.color else None,
                          legacy_windows=False, emoji=False)
        head: list[str] = []
        _heading(report, head)
        for line in head:
            console.print(line)
        console.print(_sections_table(report, options.ascii_only))
        rest: list[str] = []
        _held_back(report, rest)
        _readiness(report, rest)
        _roadmap(report, rest)
        _missing(report, rest)
        for line in rest:
            console.print(line)
        return buffer.getvalue()


RENDERER = TextRenderer()
