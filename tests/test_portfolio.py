"""``mlops-maturity portfolio``: golden files for every format on a fixed set (two rubrics, an
older assessment, invalid files, hostile names, a CI file and a dot folder), the command's
exit codes and messages, its safety with files, and verdicts equal to the single report's.

When a change to the portfolio's output is intended, regenerate the golden files and review:

    python -m pytest tests/test_portfolio.py --update-golden
    git diff tests/golden/portfolio
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from conftest import FIXED_TIME
from mlops_maturity.api import run
from mlops_maturity.cli.application import app
from mlops_maturity.load.resolve import schema_path
from mlops_maturity.portfolio.collect import collect
from mlops_maturity.portfolio.formats import PortfolioFormat, render
from mlops_maturity.portfolio.make import assemble, gather
from mlops_maturity.portfolio.rollup import GroupBy
from mlops_maturity.portfolio.worker import Source, assess_one

DATA = Path(__file__).resolve().parent / "data"
SET = DATA / "portfolio"
GOLDEN = Path(__file__).resolve().parent / "golden" / "portfolio"
SUFFIX = {PortfolioFormat.HTML: ".html", PortfolioFormat.MARKDOWN: ".md",
          PortfolioFormat.CSV: ".csv", PortfolioFormat.JSON: ".json"}


@pytest.fixture
def in_data(monkeypatch):
    """Run from tests/data, so files are named ``portfolio/...`` in every output."""
    monkeypatch.chdir(DATA)


def document(jobs: int = 1, by: GroupBy = GroupBy.TEAM, latest_only: bool = True):
    return assemble(gather(["portfolio"]), generated_at=FIXED_TIME, jobs=jobs, by=by,
                    latest_only=latest_only)


@pytest.mark.parametrize("fmt", list(PortfolioFormat), ids=lambda f: f.value)
def test_golden(in_data, fmt, update_golden):
    golden = GOLDEN / f"portfolio{SUFFIX[fmt]}"
    actual = render(document(), fmt)
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
        return
    assert golden.exists(), f"missing {golden}; run: python -m pytest {__file__} --update-golden"
    assert actual == golden.read_bytes().decode("utf-8"), (
        f"{golden.name} differs; if intended, run `python -m pytest tests/test_portfolio.py "
        "--update-golden` and review `git diff tests/golden/portfolio`")


def test_the_fixed_set_has_what_the_goldens_are_for(in_data):
    doc = document()
    assert [r.rubric.id for r in doc.rubrics] == ["ml-test-score", "mlops-automation"]
    assert [i.file for i in doc.invalid] == ["portfolio/broken/typo.yaml",
                                              "portfolio/broken/unclosed.yaml"]
    assert [(s.file, s.by) for s in doc.superseded] == [
        ("portfolio/risk-ml/fraud-2026-06.yaml", "portfolio/risk-ml/fraud-2026-11.yaml")]
    assert [s.file for s in doc.skipped] == ["portfolio/ci.yml"]  # .github is not entered
    automation = doc.rubrics[1]
    assert len(automation.beyond_support) == 2 and automation.degrees is not None


def test_workers_give_the_same_document_as_one_process(in_data):
    one = render(document(jobs=1), PortfolioFormat.JSON)
    assert render(document(jobs=2), PortfolioFormat.JSON) == one
    from mlops_maturity.portfolio import run as run_module
    many = gather(["portfolio"])
    assert len(many.sources) < run_module.IN_PROCESS_BELOW  # so force the pool below
    original = run_module.IN_PROCESS_BELOW
    run_module.IN_PROCESS_BELOW = 0
    try:
        pooled = assemble(many, generated_at=FIXED_TIME, jobs=2)
    finally:
        run_module.IN_PROCESS_BELOW = original
    assert render(pooled, PortfolioFormat.JSON) == one


def test_json_follows_its_schema(in_data):
    schema = json.loads(schema_path("portfolio").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for by in GroupBy:
        for latest_only in (True, False):
            data = json.loads(render(document(by=by, latest_only=latest_only),
                                     PortfolioFormat.JSON))
            errors = sorted(validator.iter_errors(data), key=lambda e: e.path)
            assert not errors, errors[0].message
    broken = json.loads(render(document(), PortfolioFormat.JSON))
    broken["rubrics"][0]["systems"][0]["automation"] = {"declared": "x"}
    assert list(validator.iter_errors(broken))


@pytest.mark.parametrize("example", sorted((DATA.parent.parent / "examples").glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_verdicts_are_the_single_reports_verdicts(example):
    """The portfolio skips the roadmap; every verdict it shows is the report's own."""
    row, info = assess_one(Source(str(example), example.name, ".", found=False))
    assert info is not None and not hasattr(row, "problems")
    target = row.target  # type: ignore[union-attr]
    report = run(example, target=target.id if target else None, generated_at=FIXED_TIME).report
    assert float(row.score) == report.overall.score  # type: ignore[union-attr, arg-type]
    level = row.level  # type: ignore[union-attr]
    assert (info.levels[level].id if level is not None else None) == report.overall.level
    a = report.automation
    if a is None:
        assert row.declared is None and row.supported is None  # type: ignore[union-attr]
    else:
        assert info.degrees is not None
        assert info.degrees[row.supported].id == a.supported  # type: ignore[union-attr]
        assert row.within_support == a.within_support  # type: ignore[union-attr]
    if target is not None and target.kind.value == "degree":
        assert a is not None and a.target == target.id and target.ready == a.target_ready
        assert target.blockers == len(a.blockers)
    elif target is not None:
        assert report.readiness is not None and target.ready == report.readiness.met
        assert target.blockers == len(report.readiness.blockers)


runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, ["portfolio", *args])


def test_invalid_files_are_warnings_and_exit_0(in_data, tmp_path):
    result = invoke("portfolio", "-o", str(tmp_path / "p.html"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert ("warning: portfolio/broken/typo.yaml:5: answers.deployment.rolback: unknown "
            "question id 'deployment.rolback' (did you mean 'deployment.rollback'?)") in lines
    assert "warning: 2 of 8 questionnaires could not be assessed and are left out" in lines
    assert f"wrote {tmp_path / 'p.html'}" in lines
    assert "Traceback" not in result.output


def test_strict_exits_2_and_still_writes(in_data, tmp_path):
    result = invoke("portfolio", "--strict", "-o", str(tmp_path / "p.json"))
    assert result.exit_code == 2
    assert "error: 2 of 8 questionnaires could not be assessed and are left out" in result.stderr
    assert json.loads((tmp_path / "p.json").read_text())["counts"]["invalid"] == 2


def test_strict_on_valid_files_exits_0(in_data):
    result = invoke("portfolio/risk-ml", "portfolio/mobile/voice-notes.yaml", "--strict")
    assert result.exit_code == 0, result.output
    assert "The latest assessment of each of 2 systems; 1 older assessment left out." in (
        result.stdout)


def test_all_keeps_every_file(in_data):
    result = invoke("portfolio", "--all", "-o", "-", "--format", "json")
    data = json.loads(result.stdout)
    assert data["scope"] == "all" and data["counts"]["systems"] == 6 and not data["superseded"]


@pytest.mark.parametrize("args, message", [
    (["portfolio", "--group-by", "tema"], "error: --group-by: 'tema' is not something to group "
                                          "by (did you mean 'team'?)"),
    (["portfolio", "--format", "xml", "-o", "-"], "error: --format: 'xml' is not a portfolio "
                                                  "format (use html, markdown, csv, json)"),
    (["portfolio", "-o", "p.txt"], "error: --output: cannot tell the format of 'p.txt'"),
    (["portfolio", "-o", "-"], "error: --output: cannot tell the format of '-' (with -o -, give "
                               "--format)"),
    (["portfolio/.github"], "error: portfolio/.github: holds no questionnaires"),
    (["nowhere"], "error: nowhere: no such file or folder"),
    (["portfolio/mobile", "nowhere.yaml"], "error: nowhere.yaml: no such file or folder"),
])
def test_usage_errors_are_one_line_and_exit_2(in_data, args, message):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    if message:
        assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.output


def test_a_file_named_on_the_command_line_must_be_a_questionnaire(in_data):
    result = invoke("portfolio/ci.yml", "portfolio/mobile")
    assert result.exit_code == 0
    assert ("warning: portfolio/ci.yml:2: is not a questionnaire: it has no 'answers:' key"
            in result.stderr)


def test_a_users_file_is_not_overwritten_without_force(in_data, tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("my notes\n")
    result = invoke("portfolio/mobile", "-o", str(target))
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert target.read_text() == "my notes\n"
    assert invoke("portfolio/mobile", "-o", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("<!-- generated by mlops-maturity")


@pytest.mark.parametrize("name", ["p.html", "p.md", "p.csv", "p.json"])
def test_its_own_output_is_replaced_without_force(in_data, tmp_path, name):
    out = tmp_path / name
    assert invoke("portfolio/mobile", "-o", str(out)).exit_code == 0
    result = invoke("portfolio/mobile", "-o", str(out))
    assert result.exit_code == 0, result.stderr


def test_nothing_is_written_when_one_output_is_refused(in_data, tmp_path):
    (tmp_path / "taken.csv").write_text("a,b\n")
    result = invoke("portfolio/mobile", "-o", str(tmp_path / "p.html"), "-o",
                    str(tmp_path / "taken.csv"))
    assert result.exit_code == 2
    assert not (tmp_path / "p.html").exists()


def test_a_fifo_at_the_output_is_refused_even_with_force(in_data, tmp_path):
    fifo = tmp_path / "p.html"
    os.mkfifo(fifo)
    result = invoke("portfolio/mobile", "-o", str(fifo), "--force")
    assert result.exit_code == 2 and "FIFO" in result.stderr


def test_links_out_of_the_folder_fifos_and_linked_folders_are_skipped(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text((SET / "mobile" / "voice-notes.yaml").read_text())
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "real.yaml").write_text(outside.read_text())
    (folder / "inside-link.yaml").symlink_to(folder / "real.yaml")
    (folder / "outside-link.yaml").symlink_to(outside)
    (folder / "linked-folder").symlink_to(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    found = collect([str(folder)])
    assert [s.display for s in found.sources] == [str(folder / "inside-link.yaml")]
    assert sorted((Path(s.file).name, s.reason) for s in found.skipped) == [
        ("linked-folder", "a symbolic link to a folder; not followed"),
        ("outside-link.yaml", "a symbolic link that leads outside the folder; not followed"),
        ("pipe.yaml", "not a regular file")]


def test_too_many_files_is_a_usage_error(tmp_path):
    for i in range(4):
        (tmp_path / f"{i}.yaml").write_text("rubric: x\n")
    from mlops_maturity.model.errors import UsageError
    with pytest.raises(UsageError, match="holds more than 3 YAML files"):
        collect([str(tmp_path)], limit=3)


def test_csv_reads_back_and_never_runs_a_formula(in_data):
    sheet = list(csv.reader(io.StringIO(render(document(), PortfolioFormat.CSV))))
    head, rows = sheet[0], sheet[1:]
    assert all(len(r) == len(head) for r in rows)
    hostile = next(r for r in rows if "HYPERLINK" in r[3])
    assert hostile[3].startswith("'=HYPERLINK") and hostile[4].startswith("'-Platform")
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r)


def test_markdown_tables_keep_their_columns(in_data):
    from markdown_it import MarkdownIt
    tokens = MarkdownIt("commonmark").enable("table").parse(render(document(), PortfolioFormat.MARKDOWN))
    rows, cells, widths = 0, 0, []
    for token in tokens:
        if token.type == "tr_open":
            rows, cells = rows + 1, 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            widths.append(cells)
        elif token.type == "table_close":
            assert len(set(widths)) == 1, widths
            widths = []
    assert rows > 10
    html = MarkdownIt("commonmark").enable("table").render(render(document(), PortfolioFormat.MARKDOWN))
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_html_escapes_names_and_is_self_contained(in_data):
    page = render(document(), PortfolioFormat.HTML)
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<script" not in page and "src=" not in page and "http-equiv" in page


def test_heatmap_cells_carry_text_not_only_colour(in_data):
    page = render(document(), PortfolioFormat.HTML)
    assert '<td class="lv-' in page
    assert all("<b>" in cell for cell in page.split('<td class="lv-')[1:])


def test_a_degree_the_team_did_not_name_is_never_its_target(in_data):
    doc = document()
    for r in doc.rubrics:
        for row in r.rows:
            t = row.target
            if t is not None and t.origin.value == "declared degree":
                assert r.rubric.degrees is not None and row.declared is not None
                assert t.id == r.rubric.degrees[row.declared].id


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_only_on_a_terminal_and_for_long_runs():
    from mlops_maturity.portfolio.progress import SHOWN_FROM, Bar, tracker_for
    from mlops_maturity.portfolio.run import Quiet
    assert isinstance(tracker_for(SHOWN_FROM, io.StringIO()), Quiet)  # a pipe or a file
    assert isinstance(tracker_for(SHOWN_FROM - 1, _Terminal()), Quiet)  # over in a moment
    bar = tracker_for(SHOWN_FROM, _Terminal())
    assert isinstance(bar, Bar)
    bar.start(3)
    bar.advance(2)
    bar.stop()
    bar.stop()  # stopping twice is harmless


@pytest.mark.parametrize("columns", [80, 200])
def test_the_terminal_summary_wraps_at_spaces_within_the_terminal(in_data, columns):
    result = runner.invoke(app, ["portfolio", "portfolio"], env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert all(len(line) <= columns for line in lines), lines
    text = " ".join(line.strip() for line in lines)
    assert ("most often missing: monitoring.concept-drift (4), data.automation (4), "
            "modeling.automation (4)") in text  # no name broken across lines
    wrapped = [line for line in lines if line.startswith("    ")]
    assert bool(wrapped) is (columns == 80)
