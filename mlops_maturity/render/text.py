"""The terminal view of a score: a rich table a person can read at a glance in CI logs too."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mlops_maturity.report.build import Report

ROADMAP_LINES = 8


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _top(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def sections_table(report: Report) -> Table:
    """Sections with their degree and score."""
    table = Table(title=escape(f"{report.rubric['title']} (v{report.rubric['version']})"), title_justify="left")
    table.add_column("Section")
    table.add_column("Degree")
    table.add_column("Score", justify="right")
    for s in report.sections:
        degree = s.degree_label or ("checklist" if s.kind == "checklist" else "—")
        if s.capped_by:
            degree += " (capped)"
        table.add_row(escape(s.title), escape(degree), f"{_fmt(s.score)} / {_top(s.max_score)}")
    o = report.overall
    table.add_section()
    table.add_row("[bold]Overall[/bold]", f"[bold]{escape(o['degree_label'] or '—')}[/bold]",
                  f"[bold]{_fmt(o['score'])} / {_top(o['max_score'])}[/bold]")
    return table


def render_text(report: Report, console: Console) -> None:
    """Print the score, the readiness verdict, the first roadmap steps and what is missing."""
    p = report.project
    title = " · ".join(x for x in (p["name"], p["team"], p["assessed_on"]) if x) or "Unnamed project"
    console.print(f"[bold]{escape(title)}[/bold]")
    console.print(sections_table(report))
    for s in report.sections:
        if s.capped_by:
            console.print(f"[dim]  {escape(s.title)} is held back by {escape(s.held_back_by)}[/dim]")
    o = report.overall
    if o["band_label"]:
        console.print(f"Band: [bold]{escape(o['band_label'])}[/bold]")
    console.print(escape(o["verdict"]))
    _readiness(report, console)
    _roadmap(report, console)
    if o["unanswered"]:
        console.print(f"[yellow]{o['unanswered']} of {o['questions']} questions unanswered "
                      f"(scored as their worst answer):[/yellow] "
                      + escape(", ".join(q["id"] for q in report.unanswered)))
    if o["not_applicable"]:
        console.print(f"{o['not_applicable']} answered n/a (left out of the score).")


def _readiness(report: Report, console: Console) -> None:
    r = report.readiness
    if r is None:
        return
    colour = "green" if r.met else "red"
    console.print(f"\n[bold {colour}]{escape(r.verdict)}[/bold {colour}]")
    for b in r.blockers:
        if b.kind == "gate":
            console.print(f"  ✗ {escape(b.question)}: {escape(b.current_label or 'unanswered')} → needs "
                          f"{escape(b.needed_label)}. {escape(b.advice or '')}")
        elif b.kind == "stages":
            console.print(f"  ✗ no lifecycle stage is rated {escape(b.needed_label)} yet "
                          f"(the highest is {escape(b.current_label)})")
        else:
            console.print(f"  ✗ overall score {_fmt(b.score)} is below {_fmt(b.needed_score)}, "
                          f"where {escape(r.target_label)} starts")


def _roadmap(report: Report, console: Console) -> None:
    steps = report.recommendations
    if not steps:
        return
    console.print(f"\n[bold]Next steps[/bold] (first {min(len(steps), ROADMAP_LINES)} of {len(steps)}; "
                  "all in the JSON and reports):")
    for i, s in enumerate(steps[:ROADMAP_LINES], 1):
        if s.action == "answer this first":
            console.print(f"  {i}. {escape(s.question)}: unanswered, answer this first "
                          "(it counts as its worst answer until then)")
            continue
        towards = f" [dim]→ {escape(s.degree_label)}[/dim]" if s.degree_label else ""
        console.print(f"  {i}. {escape(s.question)}: {escape(s.current_label)} → {escape(s.next_label)} "
                      f"(+{s.gain:g}){towards}")
