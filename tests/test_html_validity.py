"""Every HTML report is valid HTML, as the Nu Html Checker (the W3C validator) reads it.

Browsers forgive broken markup, so a report can look right in Chromium and still be wrong for
a screen reader or a wiki that re-parses it. The checker runs once over every report built
here: the examples, a hostile questionnaire on a hostile rubric, nothing answered, and every
bundled rubric. Warnings count too: the reports are meant to give none.

The checker is ``vnu.jar`` on a Java runtime: ``MLOPS_MATURITY_VNU_JAR`` names the jar
(``python .ci/fetch_vnu.py DIR`` fetches it); CI sets it, and with
``MLOPS_MATURITY_REQUIRE_BROWSER`` set a missing checker is a failure, not a skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mlops_maturity.render import html as html_renderer
from test_report_html import EXAMPLES, HOSTILE, dump, hostile_everything, report_of, tiny

JAR = os.environ.get("MLOPS_MATURITY_VNU_JAR", "")
JAVA = shutil.which("java")
MISSING = ("no Java runtime on PATH (apt-get install default-jre-headless)" if JAVA is None else
           "MLOPS_MATURITY_VNU_JAR does not name a file (python .ci/fetch_vnu.py DIR)"
           if not Path(JAR).is_file() else None)
if MISSING and os.environ.get("MLOPS_MATURITY_REQUIRE_BROWSER"):
    raise RuntimeError(f"MLOPS_MATURITY_REQUIRE_BROWSER is set but {MISSING}")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=f"SKIPPED HTML CHECKER: {MISSING}")


def nothing_answered(folder: Path) -> Path:
    """The tiny rubric's questionnaire with every answer left empty."""
    rubric = dump(folder / "tiny.yaml", tiny())
    return dump(folder / "empty-q.yaml", {"rubric": rubric.name, "project": {"name": "Empty"},
                                          "answers": {}})


def bundled(folder: Path) -> list[Path]:
    """A questionnaire for each bundled rubric, made by ``init`` so every question is there."""
    from typer.testing import CliRunner
    from mlops_maturity.cli.application import app
    from mlops_maturity.load.resolve import bundled_rubrics

    made = []
    for rid in sorted(bundled_rubrics()):
        out = folder / f"init-{rid}.yaml"
        result = CliRunner().invoke(app, ["init", "--rubric", rid, "-o", str(out)])
        assert result.exit_code == 0, result.output
        made.append(out)
    return made


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[str, list[dict]]:
    """Each report's messages from one run of the checker (it takes seconds to start)."""
    folder = tmp_path_factory.mktemp("vnu")
    inputs = {p.stem: p for p in EXAMPLES}
    inputs["hostile"] = HOSTILE
    inputs["hostile-everything"] = hostile_everything(folder)
    inputs["nothing-answered"] = nothing_answered(folder)
    inputs.update({p.stem: p for p in bundled(folder)})
    pages = {}
    for name, questionnaire in inputs.items():
        page = folder / f"{name}.html"
        page.write_text(html_renderer.RENDERER.render(report_of(questionnaire)), encoding="utf-8")
        pages[page.resolve().as_uri()] = name
    run = subprocess.run([JAVA or "java", "-jar", JAR, "--format", "json", "--stdout", *(
        str(folder / f"{n}.html") for n in pages.values())], capture_output=True, text=True,
        timeout=600)
    messages: dict[str, list[dict]] = {name: [] for name in pages.values()}
    for message in json.loads(run.stdout)["messages"]:
        messages[pages[message["url"]]].append(message)
    return messages


CASES = [p.stem for p in EXAMPLES] + ["hostile", "hostile-everything", "nothing-answered"]


@pytest.mark.parametrize("name", CASES)
def test_report_is_valid_html(checked, name):
    assert checked[name] == [], "\n".join(
        f"{m.get('lastLine')}: {m['type']}: {m['message']}" for m in checked[name])


def test_every_bundled_rubric_renders_valid_html(checked):
    """A questionnaire from ``init`` for each rubric: unanswered everywhere, levels or none."""
    reports = [name for name in checked if name.startswith("init-")]
    assert len(reports) >= 4
    bad = {name: [m["message"] for m in checked[name]] for name in reports if checked[name]}
    assert bad == {}


def test_the_checker_does_find_errors(tmp_path):
    """The run above would pass if the checker saw nothing: show it flags a broken page."""
    page = tmp_path / "broken.html"
    page.write_text("<!doctype html><html lang=en><title>x</title><p><div></p>", encoding="utf-8")
    run = subprocess.run([JAVA or "java", "-jar", JAR, "--format", "json", "--stdout", str(page)],
                         capture_output=True, text=True, timeout=600)
    assert [m["type"] for m in json.loads(run.stdout)["messages"]].count("error") >= 1
