"""The example questionnaires that come with the tool, as a team copies them out.

The README's commands name ``examples/NAME.yaml``. After a wheel install there is no checkout
to run them from, so ``mlops-maturity examples copy`` writes them where the user is. Every
example names a bundled rubric by id, so a copy scores from any folder; its first line, which
points editors at a schema by a path inside the checkout, is left out of the copy.
"""

from __future__ import annotations

from pathlib import Path

from mlops_maturity.files.read import read_text
from mlops_maturity.load.resolve import bundled_examples
from mlops_maturity.load.yamlfile import Kind, YamlMap, load_document
from mlops_maturity.model.errors import Problem, UsageError, did_you_mean
from mlops_maturity.model.record import record

MODELINE = "# yaml-language-server:"


@record
class Example:
    """One bundled example: its name, the rubric it answers, the system it describes."""

    name: str
    path: Path
    rubric: str
    system: str


def examples() -> tuple[Example, ...]:
    """Every bundled example, sorted by name."""
    found = []
    for name, path in bundled_examples().items():
        data = load_document(path, f"{name} (bundled example)", Kind.QUESTIONNAIRE)
        project = data.get("project")
        system = project.get("name", "") if isinstance(project, YamlMap) else ""
        found.append(Example(name, path, str(data.get("rubric", "")), str(system)))
    return tuple(found)


def example_path(name: str) -> Path:
    """The file of a bundled example; an unknown name is a usage error with a suggestion."""
    known = bundled_examples()
    if name in known:
        return known[name]
    listed = ", ".join(known) or "none are installed"
    raise UsageError(Problem("NAME", f"'{name}' is not a bundled example",
                             hint=did_you_mean(name, known) or f"examples: {listed}"))


def example_text(name: str) -> str:
    """An example as it is copied out: the file, less the editor line that points into the
    checkout."""
    path = example_path(name)
    lines = read_text(path, f"{name} (bundled example)").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith(MODELINE))
