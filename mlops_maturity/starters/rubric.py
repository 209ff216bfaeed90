"""``rubrics new``: a small valid rubric whose comments teach the format."""

from __future__ import annotations

import re

from mlops_maturity.model.errors import Problem, UsageError
from mlops_maturity.load.resolve import data_dir

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def new_rubric(rubric_id: str) -> str:
    """The scaffold text for a rubric id (lowercase letters, digits, '.', '_' and '-')."""
    if not ID_PATTERN.match(rubric_id):
        raise UsageError(Problem("ID", f"'{rubric_id}' is not a valid rubric id",
                                 hint="use lowercase letters, digits, '-', '_' or '.', e.g. my-team-rubric"))
    text = (data_dir("templates") / "new-rubric.yaml").read_text(encoding="utf-8")
    title = rubric_id.replace("-", " ").replace("_", " ").capitalize()
    return text.replace("__ID__", rubric_id).replace("__TITLE__", title)
