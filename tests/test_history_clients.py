"""Real clients read what ``compare`` and ``trend`` write: the Nu Html Checker (valid HTML,
warnings included) and cmark-gfm (GitHub's renderer, for the pull-request comment).

The pages checked: the forecast comparison, two rubric versions, a hostile questionnaire on a
hostile rubric compared with a changed copy of itself, and trends from a folder, from git
(with a skipped version) and of the hostile pair. Skipped loudly without the tools; with
``MLOPS_MATURITY_REQUIRE_BROWSER`` set (CI) a missing tool fails instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from history_helpers import DATA, commit, invoke, new_repo
from test_report_html import HOSTILE, hostile_everything

JAR = os.environ.get("MLOPS_MATURITY_VNU_JAR", "")
JAVA = shutil.which("java")
CMARK = shutil.which("cmark-gfm")
NO_VNU = ("no Java runtime on PATH (apt-get install default-jre-headless)" if JAVA is None else
          "MLOPS_MATURITY_VNU_JAR does not name a file (python .ci/fetch_vnu.py DIR)"
          if not Path(JAR).is_file() else None)
NO_CMARK = None if CMARK else "cmark-gfm is not on PATH (apt-get install cmark-gfm)"
if (NO_VNU or NO_CMARK) and os.environ.get("MLOPS_MATURITY_REQUIRE_BROWSER"):
    raise RuntimeError(f"MLOPS_MATURITY_REQUIRE_BROWSER is set but {NO_VNU or NO_CMARK}")
needs_vnu = pytest.mark.skipif(NO_VNU is not None, reason=f"SKIPPED HTML CHECKER: {NO_VNU}")
needs_cmark = pytest.mark.skipif(CMARK is None, reason=f"SKIPPED GFM TESTS: {NO_CMARK}")


def hostile_pair(folder: Path) -> tuple[Path, Path]:
    """The hostile questionnaire on the hostile rubric, and a later copy with answers moved."""
    old = hostile_everything(folder)
    q = yaml.safe_load(old.read_text(encoding="utf-8"))
    q["project"]["assessed_on"] = "2026-12-24"
    q["answers"]["build.ci"] = {"answer": "yes"}
    new = folder / "hostile-later.yaml"
    new.write_text(yaml.safe_dump(q, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return old, new


HOSTILE_NAME = "Store | <b>demand</b> `forecast` *now* [x](javascript:alert(1))"


def renamed_pair(folder: Path, hostile: Path) -> tuple[Path, Path]:
    """Warnings hold user text: the hostile questionnaire under a hostile new name, and a
    repository where the forecast is renamed to it between two versions."""
    q = yaml.safe_load(hostile.read_text(encoding="utf-8"))
    q["project"]["name"] = HOSTILE_NAME
    renamed = folder / "hostile-renamed.yaml"
    renamed.write_text(yaml.safe_dump(q, sort_keys=False, allow_unicode=True), encoding="utf-8")
    repo = new_repo(folder / "renames")
    after = (DATA / "forecast-after.yaml").read_text()
    commit(repo, {"a.yaml": (DATA / "forecast-before.yaml").read_text()},
           "2026-09-01T09:00:00Z")
    commit(repo, {"a.yaml": after.replace("name: Store demand forecast",
                                          f"name: '{HOSTILE_NAME}'")}, "2026-11-20T09:00:00Z")
    return renamed, repo


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, tuple[str, str]]:
    """name → (HTML, Markdown) of every case."""
    folder = tmp_path_factory.mktemp("clients")
    old, new = hostile_pair(folder)
    repo = new_repo(folder / "repo")
    before = (DATA / "forecast-before.yaml").read_text()
    commit(repo, {"a.yaml": before}, "2026-09-01T09:00:00Z")
    commit(repo, {"a.yaml": before.replace("data.pipeline: yes", "data.pipeline: maybe")},
           "2026-10-01T09:00:00Z")
    commit(repo, {"a.yaml": (DATA / "forecast-after.yaml").read_text()}, "2026-11-20T09:00:00Z")
    renamed, renames = renamed_pair(folder, new)
    cases = {
        "compare-forecast": (["compare", "forecast-before.yaml", "forecast-after.yaml"], DATA),
        "compare-versions": (["compare", "versions/q-v1.yaml", "versions/q-v2.yaml"], DATA),
        "compare-hostile": (["compare", old.name, new.name], folder),
        "trend-folder": (["trend", "."], DATA),
        "trend-git": (["trend", "--git", "a.yaml"], repo),
        "trend-hostile": (["trend", old.name, new.name], folder),
        "compare-systems": (["compare", new.name, renamed.name], folder),
        "trend-renamed": (["trend", "--git", "a.yaml"], renames),
    }
    found = {}
    for name, (args, cwd) in cases.items():
        pages = [invoke([*args, "-f", fmt], cwd).stdout for fmt in ("html", "markdown")]
        assert all(pages), name
        found[name] = (pages[0], pages[1])
    for name in ("compare-systems", "trend-renamed"):  # the cases are what they say
        assert 'class="warning"' in found[name][0] and "> **Warning:**" in found[name][1]
    return found


CASES = ["compare-forecast", "compare-versions", "compare-hostile", "trend-folder",
         "trend-git", "trend-hostile", "compare-systems", "trend-renamed"]


@pytest.fixture(scope="module")
def checked(documents, tmp_path_factory) -> dict[str, list[dict]]:
    """The checker's messages for each page, from one run (it takes seconds to start)."""
    if NO_VNU:
        pytest.skip(f"SKIPPED HTML CHECKER: {NO_VNU}")
    folder = tmp_path_factory.mktemp("vnu")
    pages = {}
    for name, (page, _) in documents.items():
        path = folder / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        pages[path.resolve().as_uri()] = name
    run = subprocess.run([JAVA or "java", "-jar", JAR, "--format", "json", "--stdout",
                          *(str(folder / f"{n}.html") for n in pages.values())],
                         capture_output=True, text=True, timeout=600)
    messages: dict[str, list[dict]] = {name: [] for name in pages.values()}
    for message in json.loads(run.stdout)["messages"]:
        messages[pages[message["url"]]].append(message)
    return messages


@needs_vnu
@pytest.mark.parametrize("name", CASES)
def test_html_is_valid(checked, name):
    assert checked[name] == [], "\n".join(
        f"{m.get('lastLine')}: {m['type']}: {m['message']}" for m in checked[name])


@pytest.mark.parametrize("name", CASES)
def test_html_is_self_contained_and_escaped(documents, name):
    page = documents[name][0]
    assert "<script" not in page and "javascript:" not in page.replace(
        "javascript:alert", "")  # hostile text is escaped, never markup
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # no other host
    for svg in re.findall(r"<svg.*?</svg>", page, re.S):
        assert re.search(r"<title id=", svg) and "<desc id=" in svg and 'role="img"' in svg


def gfm(markdown: str) -> str:
    assert CMARK is not None
    done = subprocess.run([CMARK, "--unsafe", "-e", "table", "-e", "autolink"],
                          input=markdown.encode("utf-8"), capture_output=True, check=True,
                          timeout=30)
    return done.stdout.decode("utf-8")


@needs_cmark
@pytest.mark.parametrize("name", CASES)
def test_markdown_under_gfm(documents, name):
    """Tables stay tables (one cell per column in every row), and no hostile text becomes
    a tag or a link that runs script."""
    html = gfm(documents[name][1])
    for table in re.findall(r"<table>.*?</table>", html, re.S):
        head = len(re.findall(r"<th[ >]", table.split("</thead>")[0]))
        rows = re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.S)
        assert rows and all(len(re.findall(r"<td[ >]", r)) == head for r in rows)
    assert "<script" not in html and "<img" not in html
    assert not re.search(r'href="javascript:', html)
    if name.startswith("compare"):
        assert "<h3>Answers changed</h3>" in html
