"""The terminal view of a score: who decides, maturity, the verdict and the real next steps.

Rendered through rich into a string, so it goes through the same interface and write path as
every other format. Prose wraps at word boundaries to the width given (a blocker's advice and
a long step keep their indent), colour is on only when the caller asks for it, and questions
left unanswered are one summary line rather than the whole roadmap.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from mlops_maturity.engine.findings import BlockerKind, StepAction
from mlops_maturity.render.base import Format, RenderOptions
from mlops_maturity.report import wording
from mlops_maturity.report.model import Report
from mlops_maturity.report.numbers import fmt_num, score_of

if TYPE_CHECKING:  # rich is imported where it is used, to keep start-up cheap
    from rich.table import Table
    from rich.text import Text

# A line to print: (indent of every wrapped line, first-line prefix, rich markup).
Line = tuple[int, str, str]


def _markup(phrase: wording.Phrase) -> str:
    """A worded finding as rich markup: everything escaped, identifiers in bold."""
    from rich.markup import escape
    return "".join(f"[bold]{escape(s.text)}[/bold]" if s.kind is wording.Seg.CODE
                   else escape(s.text) for s in phrase)


def _sections_table(report: Report, ascii_only: bool, width: int) -> Table:
    """Sections, their level and score. Below 60 columns, when every score has the same
    maximum, the title says "scores of 100" once and the cells hold the numbers, so that
    section titles keep room to wrap between words."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table
    o = report.overall
    tops = {s.max_score for s in report.sections} | {o.max_score}
    compact = width < 60 and len(tops) == 1

    def cell(score: float | None, top: float | None) -> str:
        return fmt_num(score) if compact else score_of(score, top)

    title = escape(f"{report.rubric.title} (v{report.rubric.version})"
                   + (f", scores of {fmt_num(o.max_score)}" if compact else ""))
    table = Table(title=title, title_justify="left",
                  box=box.ASCII2 if ascii_only else box.HEAVY_HEAD)
    table.add_column("Section", overflow="fold")
    table.add_column("Level" if report.levels else "Kind", overflow="fold")
    table.add_column("Score", justify="right", no_wrap=True)
    for s in report.sections:
        level = s.level_label or ("checklist" if s.kind == "checklist" else "—")
        if s.caps:
            level += " (capped)"
        table.add_row(escape(s.title), escape(level), cell(s.score, s.max_score))
    table.add_section()
    table.add_row("[bold]Overall[/bold]", f"[bold]{escape(o.level_label or o.band_label or '—')}"
                  "[/bold]", f"[bold]{cell(o.score, o.max_score)}[/bold]")
    return table


def _heading(report: Report) -> list[Line]:
    """The project, then both axes: who decides (and whether it is supported), and maturity."""
    from rich.markup import escape
    p, a = report.project, report.automation
    title = " · ".join(x for x in (p.name, p.team, p.assessed_on) if x) or "Unnamed project"
    out: list[Line] = [(0, "", f"[bold]{escape(title)}[/bold]")]
    if a is not None:
        colour = "red" if a.within_support is False else ("yellow" if a.declared is None
                                                          else "green")
        out.append((0, "", f"[bold {colour}]{escape(a.verdict)}[/bold {colour}]"))
    out.append((0, "", f"[bold]{escape(report.overall.verdict)}[/bold]"))
    return out


def _held_back(report: Report) -> list[Line]:
    from rich.markup import escape
    return [(4, "", f"[dim]{escape(s.title)} is held back by {escape(s.held_back_by)}[/dim]")
            for s in report.sections if s.held_back_by]


def _blocker(phrase: wording.Phrase, advice: str | None) -> list[Line]:
    """One line per blocker, the rubric's advice indented on the next."""
    from rich.markup import escape
    out: list[Line] = [(4, "  ✗ ", _markup(phrase))]
    if advice:
        out.append((6, "", f"[dim]{escape(advice)}[/dim]"))
    return out


def _readiness(report: Report) -> list[Line]:
    from rich.markup import escape
    out: list[Line] = []
    a = report.automation
    if a is not None:
        colour = "green" if a.target_ready else "red"
        out.append((0, "\n", f"[bold {colour}]{escape(a.target_verdict)}[/bold {colour}]"))
        for b in a.blockers:
            out += _blocker(wording.automation_blocker(b),
                            b.advice if b.kind is BlockerKind.PRACTICE else None)
    r = report.readiness
    if r is not None:
        colour = "green" if r.met else "red"
        out.append((0, "\n", f"[bold {colour}]{escape(r.verdict)}[/bold {colour}]"))
        for b in r.blockers:
            if b.kind is BlockerKind.GATE:
                out += _blocker(wording.practice_blocker(b), b.advice)
            else:
                out += _blocker(wording.overall_blocker(b, r.target_label), None)
    return out


def _roadmap(report: Report, limit: int | None) -> list[Line]:
    """The first real steps; the unanswered questions in one line before them. Steps are
    numbered as shown: answering comes first and is not a numbered step here."""
    from rich.markup import escape
    steps = [s for s in report.recommendations if s.action is not StepAction.ANSWER_FIRST]
    out: list[Line] = []
    unanswered = report.overall.unanswered
    if unanswered:
        out.append((2, "\n", f"[yellow]{wording.plural(unanswered, 'question')} unanswered: "
                    "answer them first (until then each counts as its worst answer).[/yellow]"))
        # its own line, so that the option is never split where the sentence wraps
        out.append((2, "", "[yellow]--show unanswered lists them.[/yellow]"))
    if not steps:
        return out
    shown = steps if limit is None else steps[:limit]
    more = "" if len(shown) == len(steps) else "; --steps all shows every one"
    out.append((0, "\n", f"[bold]Next steps[/bold] ({len(shown)} of {len(steps)}{more}):"))
    for i, s in enumerate(shown, 1):
        towards = f" [dim]→ {escape(s.towards_label)}[/dim]" if s.towards_label else ""
        gain = wording.plain((wording.number(s.gain),))
        out.append((6, f"  {i:>2}. ", f"{escape(s.question)}: {escape(s.current_label)} → "
                    f"{escape(s.next_label)} (+{gain}){towards}"))
    return out


def _missing(report: Report, show_unanswered: bool) -> list[Line]:
    from rich.markup import escape
    o = report.overall
    out: list[Line] = []
    if show_unanswered and report.unanswered:
        out.append((0, "\n", "[bold]Unanswered[/bold] (each counts as its worst answer):"))
        out += [(6, "  - ", f"{escape(q.id)}: {escape(q.text)}") for q in report.unanswered]
    if o.not_applicable:
        out.append((0, "\n", f"{o.not_applicable} answered n/a (left out of the score)."))
    return out


class TextRenderer:
    """Plain text, or ANSI-styled text when ``options.color`` is set."""

    format: Format = Format.TEXT
    suffixes: tuple[str, ...] = (".txt",)

    def render(self, report: Report, options: RenderOptions = RenderOptions()) -> str:
        from rich.console import Console
        from rich.text import Text
        buffer = io.StringIO()
        console = Console(file=buffer, width=options.width, highlight=False, soft_wrap=False,
                          force_terminal=options.color, no_color=not options.color,
                          color_system="standard" if options.color else None,
                          legacy_windows=False, emoji=False)
        lines = _heading(report)
        rest = (_held_back(report) + _readiness(report) + _roadmap(report, options.steps)
                + _missing(report, options.show_unanswered))

        def emit(line: Line) -> None:
            indent, prefix, markup = line
            if prefix.startswith("\n"):
                console.print()
                prefix = prefix[1:]
            # The first line starts with its prefix (a mark or a number), or at the indent.
            lead = Text(prefix.rjust(indent) if prefix else " " * indent)
            console.print(_hanging(lead, Text.from_markup(markup), options.width))

        for line in lines:
            emit(line)
        console.print(_sections_table(report, options.ascii_only, options.width))
        for line in rest:
            emit(line)
        # rich pads a table's title and leaves a space where it wraps; no line ends in blanks
        text = "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))
        return text.translate(ASCII_MARKS) if options.ascii_only else text


# The marks the summary uses, in ASCII for a terminal that cannot show them (an ASCII or
# Latin-1 locale would print each as "?"); the same marks in a team's own words go too, and
# any other character such a terminal cannot show is still printed as "?".
ASCII_MARKS = str.maketrans({"·": "-", "→": "->", "✗": "x", "✓": "+", "—": "-", "–": "-",
                             "…": "...", "≥": ">=", "≤": "<="})


def _hanging(lead: Text, body: Text, width: int) -> Text:
    """``lead`` then ``body`` wrapped at word boundaries to ``width``, every line after the
    first indented as far as the lead reaches, so that all lines fill the same width."""
    from rich.console import Console
    from rich.text import Text
    indent = len(lead)
    room = max(20, width - indent)
    wrapped = body.wrap(Console(width=room, file=io.StringIO(), legacy_windows=False), room)
    if len(wrapped) <= 1:
        return lead + body
    pad = Text(" " * indent)
    return Text("\n").join([lead + wrapped[0], *(pad + part for part in wrapped[1:])])


RENDERER = TextRenderer()
