"""The start-up baseline: a minimal two-command Typer app that does the same I/O as ``score``.

``score Q --format json`` reads the questionnaire and its rubric with libyaml and prints JSON;
``--help`` prints the help of two commands. mlops-maturity is timed against it in the same run
(``benchmarks/bench.py``), so the ratio says what the tool adds on top of Typer and YAML.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer
import yaml

# MINIMAL_APP_COMPLETION=1 turns Typer's completion on, so bench.py can tell what completion
# alone costs at start-up.
app = typer.Typer(add_completion=os.environ.get("MINIMAL_APP_COMPLETION") == "1",
                  pretty_exceptions_show_locals=False)
RUBRICS = Path(__file__).resolve().parent.parent / "rubrics"


@app.command()
def score(questionnaire: Path, fmt: str = typer.Option("text", "--format", "-f")) -> None:
    """Read a questionnaire and its rubric, print them as JSON."""
    answers = yaml.load(questionnaire.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    rubric_file = RUBRICS / f"{answers['rubric']}.yaml"
    rubric = yaml.load(rubric_file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    document = {"answers": answers, "questions": len(rubric["sections"])}
    sys.stdout.write(json.dumps(document, indent=2, default=str) + "\n")


@app.command()
def validate(path: Path) -> None:
    """A second command, so that --help lists two."""
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    app()
