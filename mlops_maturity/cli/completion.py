"""Shell completion: what the shell offers after ``--rubric``, ``--target``, ``--format`` ...

Typer asks these callbacks through the ``_MLOPS_MATURITY_COMPLETE`` protocol while the user
presses Tab, so each one is quick, imports what it needs only when called, and never
prints or raises: a rubric that cannot be read simply offers nothing.

Typer inspects every callback's signature each time the command line is built, so this
module keeps real annotations (no ``from __future__ import annotations``): string
annotations would be evaluated on every start-up.
"""

from pathlib import Path
from typing import Any, Callable

import typer

Candidates = list[tuple[str, str]]  # (value, the help a shell such as zsh or fish shows)

FORMAT_HELP = {
    "text": "a summary for the terminal", "json": "the report document (versioned JSON)",
    "html": "a self-contained page for readiness reviews", "markdown": "GitHub-flavoured",
    "pdf": "the HTML report printed by Chromium", "summary": "page one in under 4 KB, for CI",
    "github": "workflow commands that annotate files on GitHub",
    "sarif": "SARIF 2.1.0 for code scanning",
}
DEFAULT_RUBRIC = "mlops-automation"


def _matching(items: Candidates, incomplete: str) -> Candidates:
    return [(value, help) for value, help in items if value.startswith(incomplete)]


def formats(*names: str) -> Callable[[str], Candidates]:
    """A completion callback offering these output formats."""
    def complete(incomplete: str) -> Candidates:
        return _matching([(n, FORMAT_HELP.get(n, "")) for n in names], incomplete)
    return complete


def words(**choices: str) -> Callable[[str], Candidates]:
    """A completion callback offering fixed words, each with its help."""
    def complete(incomplete: str) -> Candidates:
        return _matching(list(choices.items()), incomplete)
    return complete


def rubric_ids(incomplete: str) -> Candidates:
    """The bundled rubric ids (a path is completed by the shell itself)."""
    from mlops_maturity.load.resolve import bundled_rubrics
    return _matching([(rid, "bundled rubric") for rid in bundled_rubrics()], incomplete)


def target_ids(ctx: typer.Context, incomplete: str) -> Candidates:
    """The degrees of automation and maturity levels of the rubric in play."""
    rubric = _rubric_in_play(ctx)
    if rubric is None:
        return []
    degrees = rubric.automation.degrees if rubric.automation else ()
    items = [(d.id, f"degree: {d.label}") for d in degrees]
    items += [(lv.id, f"level: {lv.label}") for lv in rubric.levels]
    return _matching(items, incomplete)


def level_ids(ctx: typer.Context, incomplete: str) -> Candidates:
    """The maturity levels of the rubric in play."""
    rubric = _rubric_in_play(ctx)
    if rubric is None:
        return []
    return _matching([(lv.id, lv.label) for lv in rubric.levels], incomplete)


def _rubric_in_play(ctx: typer.Context) -> Any:
    """The rubric the command would use: ``--rubric`` on the line, else the settings' rubric,
    else the one the questionnaire on the line names, else the default; None if unreadable."""
    from mlops_maturity.load.assessment import open_rubric
    from mlops_maturity.model.errors import MaturityError
    cwd = Path.cwd()
    ref, base = _rubric_ref(ctx, cwd)
    try:
        return open_rubric(ref, base)
    except (MaturityError, OSError):
        return None


def _rubric_ref(ctx: typer.Context, cwd: Path) -> tuple[str, Path]:
    from mlops_maturity.load.settings import load_settings
    from mlops_maturity.model.errors import MaturityError
    given = ctx.params.get("rubric")
    if isinstance(given, str) and given:
        return given, cwd
    try:
        configured = load_settings(cwd).rubric.value
    except (MaturityError, OSError):
        configured = None
    if configured:
        return configured, cwd
    # While an option waits for its value, Click leaves the positional arguments unparsed.
    named = ctx.params.get("questionnaire") or next(
        (a for a in ctx.args if not a.startswith("-")), None)
    return _named_by_questionnaire(named) or (DEFAULT_RUBRIC, cwd)


def _named_by_questionnaire(given: Any) -> tuple[str, Path] | None:
    """The ``rubric:`` of the questionnaire named on the line, under the confinement rule."""
    from mlops_maturity.load.assessment import confine
    from mlops_maturity.load.questionnaire import load_questionnaire_data
    from mlops_maturity.load.resolve import is_path_ref
    from mlops_maturity.model.errors import MaturityError
    if not isinstance(given, str) or given in ("", "-"):
        return None
    path = Path(given)
    try:
        data = load_questionnaire_data(path)
        ref = data.get("rubric")
        if not isinstance(ref, str) or not ref.strip():
            return None
        if is_path_ref(ref.strip()):
            confine(ref.strip(), path.parent, str(path), None)
        return ref.strip(), path.parent
    except (MaturityError, OSError):
        return None
