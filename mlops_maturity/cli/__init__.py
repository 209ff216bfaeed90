"""The command line, the top layer: options in, the core called, text out, errors to exit codes.

``app`` holds the Typer application and the one place where errors meet the terminal; each
command module registers its commands on it. Importing this package registers them all.
"""

from __future__ import annotations

import sys

from mlops_maturity.cli import assess, rubrics, starters, validate  # noqa: F401  (registers)
from mlops_maturity.cli.app import app


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:  # e.g. `mlops-maturity score x.yaml | head -1`
        sys.stderr.close()
        sys.exit(0)
