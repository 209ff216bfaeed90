"""The command line, the top layer: options in, the core called, text out, errors to exit codes.

``app`` holds the Typer application and the one place where errors meet the terminal; each
command module registers its commands on it. Importing this package registers them all.
``main`` owns the streams: a stdout that cannot encode a character prints a replacement, a
broken pipe exits 141 quietly, and a full stdout is one line and exit 2.
"""

from __future__ import annotations

import io
import sys

from mlops_maturity.cli import assess, docs, examples, rubrics, starters, validate  # noqa: F401
from mlops_maturity.cli import config  # noqa: F401  (registers `config`)
from mlops_maturity.cli import history  # noqa: F401  (registers compare and trend)
from mlops_maturity.cli import interactive  # noqa: F401  (registers `assess`)
from mlops_maturity.cli import portfolio  # noqa: F401  (registers)
from mlops_maturity.cli import scan  # noqa: F401  (registers)
from mlops_maturity.cli.application import EXIT_BROKEN_PIPE, app, err, silence_stdout
from mlops_maturity.model.errors import EXIT_BAD_INPUT


def _tolerant_streams() -> None:
    """Never crash on a character the terminal's encoding lacks (``LANG=C``): replace it."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            try:
                stream.reconfigure(errors="replace")
            except (OSError, ValueError):
                pass


def main() -> None:
    """Console-script entry point."""
    _tolerant_streams()
    code = app(standalone_mode=False)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        code = EXIT_BROKEN_PIPE
    except OSError:
        silence_stdout()
        err("error: stdout: cannot be written")
        code = EXIT_BAD_INPUT
    sys.exit(code if isinstance(code, int) else 0)
