"""``assess``: the guided assessment, one question at a time, in a terminal.

The command parses its options and hands over to ``mlops_maturity.interactive``, imported
inside the command so that every other command starts as fast as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from mlops_maturity.cli.application import app, handled
from mlops_maturity.model.errors import Problem, UsageError

ASSESS_EXIT_HELP = ("\b\nExit codes: 0 done or stopped with q; 2 bad input or usage (no terminal\n"
                    "on stdin, a questionnaire that does not load); 3 internal error (a bug);\n"
                    "130 interrupted with Ctrl-C (every answer given is saved).")


@app.command(epilog=ASSESS_EXIT_HELP)
@handled
def assess(
    questionnaire: Path = typer.Argument(
        Path("assessment.yaml"), metavar="QUESTIONNAIRE",
        help="The questionnaire to fill: opened if it exists (resuming at the first open "
             "question), started if it does not."),
    rubric: Optional[str] = typer.Option(
        None, "--rubric", "-r", metavar="ID_OR_PATH",
        help="A bundled rubric id or a rubric file: for a new questionnaire, the rubric to "
             "answer (default mlops-automation); for an existing one, overrides its 'rubric:'."),
    section: Optional[str] = typer.Option(None, "--section", metavar="ID",
                                          help="Walk one section only."),
    review: bool = typer.Option(False, "--review",
                                help="Walk every question from the first, showing the current "
                                     "answers."),
    unanswered: bool = typer.Option(False, "--unanswered",
                                    help="Visit only the questions still open."),
) -> None:
    """Assess with the team, one question at a time: who decides first, then each section.
    Every answer is saved to the questionnaire as soon as it is given; at the end, the score
    summary and the verdict."""
    if review and unanswered:
        raise UsageError(Problem("--review", "and --unanswered cannot be combined",
                                 hint="--review walks every question; --unanswered only the "
                                      "open ones"))
    from mlops_maturity.interactive.flow import Options, run
    from mlops_maturity.interactive.session import Mode
    mode = Mode.REVIEW if review else Mode.UNANSWERED if unanswered else Mode.RESUME
    code = run(Options(questionnaire, rubric, section, mode))
    if code:
        raise typer.Exit(code)
