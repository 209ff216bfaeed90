"""``rubrics new``: a small valid rubric whose comments teach the format."""

from __future__ import annotations

import re

from mlops_maturity.model.errors import Problem, UsageError
from mlops_maturity.load.resolve import data_dir

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


SAFE_NAME = re.compile(r"^[A-Za-z0-9_./@+-]+$")


def new_rubric(rubric_id: str, file_name: str | None = None) -> str:
    """The scaffold text for a rubric id (lowercase letters, digits, '.', '_' and '-'); its
    comments name the file it is written to (``file_name``, default ``ID.yaml``), or a
    placeholder when that name holds characters a comment line should not carry."""
    if not ID_PATTERN.match(rubric_id):
        raise UsageError(Problem("ID", f"'{rubric_id}' is not a valid rubric id",
                                 hint="use lowercase letters, digits, '-', '_' or '.', e.g. my-team-rubric"))
    text = (data_dir("templates") / "new-rubric.yaml").read_text(encoding="utf-8")
    title = rubric_id.replace("-", " ").replace("_", " ").capitalize()
    shown = file_name or f"{rubric_id}.yaml"
    if not SAFE_NAME.match(shown):
        shown = "RUBRIC.yaml"
    ref = shown if shown.startswith(("/", "./", "../")) else f"./{shown}"
    return (text.replace("__FILE__", shown).replace("__REF__", ref)
            .replace("__ID__", rubric_id).replace("__TITLE__", title))
