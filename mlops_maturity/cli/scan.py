"""``scan``: propose answers from a repository's files, each with the files that prove it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import List, Optional

import typer

from mlops_maturity.cli import completion
from mlops_maturity.cli.application import EXIT_HELP, VERBOSITY, app, handled, note, out
from mlops_maturity.cli.settings import blamed, settled, used_rubric
from mlops_maturity.model.errors import Problem, UsageError

FORMATS = ("yaml", "json", "text")
FORMAT_COMPLETION = completion.words(
    yaml="a questionnaire with the proposed answers", json="the scan, for machines",
    text="a summary for the terminal")


@app.command(epilog=EXIT_HELP)
@handled
def scan(
    repo: Path = typer.Argument(..., metavar="REPO", help="The repository's root folder."),
    rubric: Optional[str] = typer.Option(
        None, "--rubric", "-r", metavar="ID_OR_PATH",
        help="A bundled rubric id or a rubric file; default the 'rubric' setting, else the "
             "--merge file's rubric, else mlops-automation.",
        autocompletion=completion.rubric_ids),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="File to write; default stdout."),
    merge: Optional[Path] = typer.Option(
        None, "--merge", metavar="EXISTING",
        help="A questionnaire to fold the proposals into; its answers are never changed."),
    confirm: List[str] = typer.Option(
        [], "--confirm", metavar="QUESTION",
        help="With --merge: a proposal (source: scan) a person confirms; repeatable, or all."),
    fmt: str = typer.Option("yaml", "--format", "-f", metavar="FORMAT",
                            help="yaml (a questionnaire), json or text (a summary).",
                            autocompletion=FORMAT_COMPLETION),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Propose answers from a repository's files: each proposal lists the files (and lines)
    that support it. It never proposes who decides, never proposes 'no', and never changes
    an answer a person gave; disagreements are listed."""
    from mlops_maturity.files.write import ensure_writable, write_all
    from mlops_maturity.model.answers import Project
    from mlops_maturity.report.clock import generated_at
    from mlops_maturity.scan.session import rubric_ref_for, scan_session
    from mlops_maturity.starters import scanned
    if fmt not in FORMATS:
        raise UsageError(Problem("--format", f"'{fmt}' is not a scan format",
                                 hint="use yaml, json or text"))
    today = _date(generated_at(None))
    if output is not None and merge is not None:
        ensure_writable(output, force, inputs=(merge,))  # before the scan: fail fast
    settings = settled(rubric=rubric)  # --verbose: which settings file was used
    with blamed(settings):
        s = scan_session(repo, settings.rubric.value, merge, frozenset(confirm), today)
    used_rubric(s.rubric)
    if output is not None:
        ensure_writable(output, force, inputs=s.inputs)
    for warning in s.warnings:
        note(f"warning: {merge}: {warning}")
    if fmt == "yaml":
        header = scanned.Header(rubric_ref_for(s, output), s.rubric.version,
                                s.existing.target if s.existing else None,
                                s.existing.project if s.existing else Project())
        text = scanned.questionnaire_yaml(s.rubric, header, s.merged, s.scan, today)
    elif fmt == "json":
        text = scanned.scan_json(s.rubric, s.merged, s.scan, today)
    else:
        text = scanned.scan_text(s.merged, s.scan)
    for d in s.merged.disagreements:
        note("disagrees: " + scanned.disagreement_lines(d)[0])
    if output is None:
        out(text)
        return
    write_all([(output, text)])
    note(f"wrote {output} ({len(s.merged.proposed)} proposed answers, "
        f"{len(s.merged.disagreements)} disagreements)")


def _date(stamp: str) -> dt.date:
    """The day of an ISO time (the scan's evidence is dated by it)."""
    return dt.date.fromisoformat(stamp[:10])
