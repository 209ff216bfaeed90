"""``validate``: check rubrics and questionnaires, every problem at once, without scoring."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from mlops_maturity.cli import completion
from mlops_maturity.cli.application import (EXIT_HELP, VERBOSITY, app, handled, is_quiet, note,
                                            out, report_problems)
from mlops_maturity.cli.settings import (STDIN_ARG, blamed, questionnaire_source, settled,
                                         used_rubric)
from mlops_maturity.model.errors import EXIT_BAD_INPUT, MaturityError, Problem, UsageError

if TYPE_CHECKING:
    from mlops_maturity.files.read import Source
    from mlops_maturity.load.settings import Settings
    from mlops_maturity.render import Format


@app.command(epilog=EXIT_HELP)
@handled
def validate(
    paths: Optional[List[str]] = typer.Argument(
        None, metavar="PATH...",
        help="Rubric and questionnaire files, told apart by content; - reads one from "
             "standard input. Default: the 'questionnaire' setting."),
    rubric: Optional[str] = typer.Option(None, "--rubric", "-r", metavar="ID_OR_PATH",
                                         help="Check questionnaires against this rubric "
                                              "instead of their own.",
                                         autocompletion=completion.rubric_ids),
    strict: Optional[bool] = typer.Option(None, "--strict/--no-strict",
                                          help="Treat unanswered questions (and, with "
                                               "--evidence, stale evidence) as errors."),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT",
                            help="text, github (workflow commands that annotate the files on "
                                 "GitHub) or sarif (SARIF 2.1.0 for code scanning). Errors go "
                                 "to stderr in every format.",
                            autocompletion=completion.formats("text", "github", "sarif")),
    evidence: Optional[Path] = typer.Option(
        None, "--evidence", metavar="ROOT",
        help="Also check questionnaires' evidence against this folder: cited files exist, "
             "lines lie within them, addresses are http(s), nothing is stale. No network."),
    talk: Optional[bool] = VERBOSITY,
) -> None:
    """Check rubrics and questionnaires; report every problem with file, line and key.

    Each valid file gets an 'ok:' line (on stdout, or on stderr when stdout holds annotations);
    with --quiet only problems are printed.
    """
    from mlops_maturity.load.validate import validate_file
    annotating = _annotating(fmt)
    s = settled(rubric=rubric, strict=strict, evidence_root=evidence)
    if paths and paths.count(STDIN_ARG) > 1:
        raise UsageError(Problem("PATH", "- (standard input) is given more than once",
                                 hint="standard input can be read once"))
    given: List[Optional[str]] = list(paths) if paths else [None]
    failures: list[tuple[MaturityError, str]] = []
    for source in [questionnaire_source(p, s) for p in given]:
        try:
            with blamed(s):
                checked = validate_file(source, s.rubric.value, s.strict.value)
                summary = checked.summary
                if checked.kind == "questionnaire":
                    summary += _evidence_for(source, s)
        except MaturityError as exc:
            failures.append((exc, str(source)))
            report_problems(exc)
            continue
        for warning in checked.warnings:
            note(f"warning: {source}: {warning}")
        used_rubric(checked.rubric)
        line = f"ok: {source} ({checked.kind}: {summary})"
        if annotating is not None:  # stdout holds only the annotations
            note(line)
        elif not is_quiet():  # a quiet check says nothing unless something is wrong
            out(line + "\n")
    if annotating is not None:
        from mlops_maturity.render.problems import render_problems
        out(render_problems(failures, annotating))
    if failures:
        raise typer.Exit(EXIT_BAD_INPUT)


def _annotating(fmt: str) -> Format | None:
    """The format that annotates files, or None for text (the render layer is then never
    imported, so plain ``validate`` starts as fast as before)."""
    if fmt.strip().lower() == "text":
        return None
    from mlops_maturity.render import Format
    from mlops_maturity.render.write import parse_format
    chosen = parse_format(fmt, (Format.TEXT, Format.GITHUB, Format.SARIF), "validate")
    return None if chosen is Format.TEXT else chosen


def _evidence_for(source: Source, s: Settings) -> str:
    """The evidence check when ``--evidence`` or the ``evidence_root`` setting names a root.

    Standard input has been read by then: naming ``-`` with ``--evidence`` is a usage error,
    while a root from the settings file is only noted as not checked for it.
    """
    from mlops_maturity.files.read import Stdin
    root = s.evidence_root
    if root.value is None:
        return ""
    if isinstance(source, Stdin) and root.from_file:
        note(f"note: {source}: evidence not checked (evidence_root is set in the settings, "
             "but standard input has no files beside it)")
        return ""
    return _evidence(source, s.rubric.value, root.value, s.strict.value)


def _evidence(path: Source, rubric: Optional[str], root: Path, strict: bool) -> str:
    """``--evidence``: check one questionnaire's evidence; stale items are warnings."""
    import datetime as dt

    from mlops_maturity.files.read import Stdin
    from mlops_maturity.load.validate import validate_evidence
    from mlops_maturity.model.errors import InputFileError
    from mlops_maturity.report.clock import generated_at
    if isinstance(path, Stdin):  # standard input was read once, by the check above
        raise UsageError(Problem("--evidence", "needs the questionnaire as a file, not -",
                                 hint="give the questionnaire's path"))
    if not root.is_dir():
        raise InputFileError(Problem(str(root), "is not a folder",
                                     hint="--evidence names the repository's root"))
    today = dt.date.fromisoformat(generated_at(None)[:10])
    checked, stale, failed = validate_evidence(path, rubric, root, today, strict)
    for problem in stale:
        note(f"warning: {problem}")
    if failed is not None:
        raise failed
    return f"; evidence: {checked} cited files and addresses checked, {len(stale)} stale"
