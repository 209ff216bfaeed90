"""``docs``: the guides that come with the tool, readable after a wheel install.

``rubrics new``, the rubric scaffold and the rubric schema point here (``mlops-maturity docs
rubric-format``) rather than at a path: a path into the checkout does not exist after
``pip install``, a path into site-packages differs on every machine, and a command is the
same everywhere and works offline. The package metadata also declares the documentation's
address, which the list shows.
"""

from __future__ import annotations

from typing import Optional

import typer

from mlops_maturity.cli.application import EXIT_HELP, app, handled, out
from mlops_maturity.model.errors import Problem, UsageError, did_you_mean


@app.command(epilog=EXIT_HELP)
@handled
def docs(
    guide: Optional[str] = typer.Argument(None, metavar="GUIDE",
                                          help="The guide to print, e.g. rubric-format."),
) -> None:
    """Print a guide that comes with the tool (Markdown); without GUIDE, list them."""
    from mlops_maturity.files.read import read_text
    from mlops_maturity.load.resolve import GUIDES, documentation_url, guide_path
    if guide is None:
        rows = [f"{name}  {title}\n  {guide_path(name)}\n" for name, title in GUIDES.items()]
        url = documentation_url()
        online = f"\nOnline: {url}\n" if url else ""
        out("".join(rows) + "\nPrint one with `mlops-maturity docs GUIDE`.\n" + online)
        return
    if guide not in GUIDES:
        raise UsageError(Problem("GUIDE", f"'{guide}' is not a guide",
                                 hint=did_you_mean(guide, GUIDES)
                                 or f"guides: {', '.join(GUIDES)}"))
    out(read_text(guide_path(guide), f"{guide} (bundled guide)"))
