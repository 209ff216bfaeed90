"""Real clients read the portfolio: the Nu Html Checker (valid, accessible HTML, warnings
included) and cmark-gfm, GitHub's Markdown renderer (every table keeps its columns, and no
name from a questionnaire becomes markup).

As in ``tests/test_html_validity.py``: ``MLOPS_MATURITY_VNU_JAR`` names the checker's jar
(``python .ci/fetch_vnu.py DIR`` fetches it); with ``MLOPS_MATURITY_REQUIRE_BROWSER`` set, as
in CI, a missing client is a failure, not a skip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXED_TIME
from mlops_maturity.portfolio.formats import PortfolioFormat, render
from mlops_maturity.portfolio.make import assemble, gather
from mlops_maturity.portfolio.rollup import GroupBy

DATA = Path(__file__).resolve().parent / "data"
JAR = os.environ.get("MLOPS_MATURITY_VNU_JAR", "")
JAVA = shutil.which("java")
CMARK = shutil.which("cmark-gfm")
REQUIRED = bool(os.environ.get("MLOPS_MATURITY_REQUIRE_BROWSER"))
NO_VNU = ("no Java runtime on PATH (apt-get install default-jre-headless)" if JAVA is None else
          "MLOPS_MATURITY_VNU_JAR does not name a file (python .ci/fetch_vnu.py DIR)"
          if not Path(JAR).is_file() else None)
NO_CMARK = None if CMARK else "cmark-gfm is not on PATH (apt-get install cmark-gfm)"
for missing in (NO_VNU, NO_CMARK):
    if missing and REQUIRED:
        raise RuntimeError(f"MLOPS_MATURITY_REQUIRE_BROWSER is set but {missing}")


def documents(folder: Path) -> dict[str, str]:
    """name -> HTML of the portfolios to check: the fixed set grouped every way, every file
    in scope, and one system alone (no rubric with a decision axis)."""
    pages = {}
    for by in GroupBy:
        doc = assemble(gather(["portfolio"]), generated_at=FIXED_TIME, jobs=1, by=by)
        pages[f"by-{by.value}"] = render(doc, PortfolioFormat.HTML)
    every = assemble(gather(["portfolio"]), generated_at=FIXED_TIME, jobs=1, latest_only=False)
    pages["all"] = render(every, PortfolioFormat.HTML)
    alone = assemble(gather(["portfolio/recommendations"]), generated_at=FIXED_TIME, jobs=1)
    pages["checklists-only"] = render(alone, PortfolioFormat.HTML)
    return pages


@pytest.mark.skipif(NO_VNU is not None, reason=f"SKIPPED HTML CHECKER: {NO_VNU}")
def test_portfolio_pages_are_valid_html(tmp_path, monkeypatch):
    monkeypatch.chdir(DATA)
    files = []
    for name, page in documents(tmp_path).items():
        path = tmp_path / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        files.append(str(path))
    run = subprocess.run([JAVA or "java", "-jar", JAR, "--format", "json", "--stdout", *files],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stdout)["messages"]
    assert messages == [], "\n".join(
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['type']}: "
        f"{m['message']}" for m in messages)


@pytest.mark.skipif(NO_CMARK is not None, reason=f"SKIPPED MARKDOWN CLIENT: {NO_CMARK}")
@pytest.mark.parametrize("latest_only", [True, False], ids=["latest", "all"])
def test_github_renders_every_table_whole_and_no_name_as_markup(tmp_path, monkeypatch,
                                                                 latest_only):
    monkeypatch.chdir(DATA)
    doc = assemble(gather(["portfolio"]), generated_at=FIXED_TIME, jobs=1,
                   latest_only=latest_only)
    source = tmp_path / "portfolio.md"
    source.write_text(render(doc, PortfolioFormat.MARKDOWN), encoding="utf-8")
    html = subprocess.run([CMARK or "cmark-gfm", "-e", "table", "-e", "autolink", str(source)],
                          capture_output=True, text=True, check=True, timeout=60).stdout
    assert "<b>bold</b>" not in html and "<i>infra</i>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    tables = html.split("<table>")[1:]
    assert len(tables) >= 8
    for table in tables:
        body = table.split("</table>")[0]
        head = len(re.findall(r"<th[ >]", body.split("</thead>")[0]))
        rows = body.split("<tbody>")[1].split("</tr>")[:-1] if "<tbody>" in body else []
        assert head > 1 and all(len(re.findall(r"<td[ >]", r)) == head for r in rows), body[:400]
