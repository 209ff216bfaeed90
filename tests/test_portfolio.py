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
    assert data["scope"] == "all" and not data["superseded"]
    assert (data["counts"]["assessments"], data["counts"]["systems"]) == (6, 5)  # fraud twice


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
        ("pipe.yaml", "not a regular file (a FIFO); not read")]


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


# --- Fixes found in review: each format tells apart what it shows, and says what it did.

VOICE = (SET / "mobile" / "voice-notes.yaml").read_text(encoding="utf-8")
BUNDLED = (DATA.parent.parent / "rubrics" / "mlops-automation.yaml").read_text(encoding="utf-8")


def questionnaire(rubric: str, name: str = "Field voice notes",
                  assessed_on: str = "2026-12-03") -> str:
    """The voice-notes questionnaire on another rubric, under another name or date."""
    text = VOICE.replace("rubric: mlops-automation\nrubric_version: \"2.0.0\"\n",
                         f"rubric: {rubric}\n")
    return text.replace("name: Field voice notes", f"name: {name}").replace(
        "assessed_on: 2026-12-03", f"assessed_on: {assessed_on}")


def organisation(tmp_path, files: dict[str, str]) -> Path:
    """A repository (so ``../rubrics`` stays inside it) holding ``files``; the working
    folder is its parent, so files are named ``org/...``."""
    org = tmp_path / "org"
    (org / ".git").mkdir(parents=True)
    for name, text in files.items():
        (org / name).parent.mkdir(parents=True, exist_ok=True)
        (org / name).write_text(text, encoding="utf-8")
    return org


def summary_of(*args: str) -> str:
    """The terminal summary, wide enough that no line wraps."""
    return runner.invoke(app, ["portfolio", *args], env={"COLUMNS": "400"}).stdout


def every_format(tmp_path, *args: str):
    """The command's result and its four documents, by suffix."""
    names = {s: tmp_path / f"out{s}" for s in (".md", ".html", ".csv", ".json")}
    result = invoke(*args, *[a for p in names.values() for a in ("-o", str(p))])
    assert result.exit_code == 0, result.output
    return result, {s: p.read_text(encoding="utf-8") for s, p in names.items()}


TEAM = BUNDLED.replace("id: mlops-automation\n", "id: team\n", 1).replace(
    'version: "2.0.0"\n', 'version: "0.1.0"\n', 1)


@pytest.mark.parametrize("files, first, second", [
    pytest.param({"rubrics/team.yaml": TEAM, "rubrics/team-edited.yaml": TEAM + "# edited\n",
                  "a/q.yaml": questionnaire("../rubrics/team.yaml"),
                  "b/q.yaml": questionnaire("../rubrics/team-edited.yaml", "Other")},
                 "team 0.1.0 from org/rubrics/team.yaml",
                 "team 0.1.0 from org/rubrics/team-edited.yaml", id="two-copies"),
    pytest.param({"rubrics/mlops-automation.yaml": BUNDLED + "# edited\n",
                  "a/q.yaml": questionnaire("mlops-automation"),
                  "b/q.yaml": questionnaire("../rubrics/mlops-automation.yaml", "Other")},
                 "mlops-automation 2.0.0, bundled",
                 "mlops-automation 2.0.0 from org/rubrics/mlops-automation.yaml",
                 id="bundled-and-an-edited-copy"),
])
def test_rubric_files_with_one_id_and_version_are_told_apart_everywhere(
        tmp_path, monkeypatch, files, first, second):
    organisation(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    result, docs = every_format(tmp_path, "org")
    shared = [line for line in result.stderr.splitlines() if "different rubric files" in line]
    assert len(shared) == 1 and shared[0].startswith("warning: 2 different rubric files share "
                                                     "id "), result.stderr
    summary = summary_of("org")
    headings = [line for line in docs[".md"].splitlines() if line.startswith("## ")]
    assert headings[:2] == [f"## MLOps automation maturity ({name})"
                            for name in sorted([first, second], key=lambda n: n not in
                                               headings[0])]
    for name in (first, second):
        assert f"MLOps automation maturity ({name}): 1 system" in summary
        assert docs[".html"].count(f"MLOps automation maturity ({name})</h2>") == 1
    ids = [part.split('"', 1)[0] for part in docs[".html"].split(' id="')[1:]]
    assert len(ids) == len(set(ids))
    sheet = list(csv.DictReader(io.StringIO(docs[".csv"])))
    assert len({row["rubric_key"] for row in sheet}) == 2  # a pivot keeps them apart
    header = next(csv.reader(io.StringIO(docs[".csv"])))
    assert len(header) == len(set(header))
    data = json.loads(docs[".json"])
    assert any("different rubric files" in w for w in data["warnings"])
    assert len({r["key"] for r in data["rubrics"]}) == 2


def test_a_tie_is_called_a_tie_not_an_older_assessment(tmp_path, monkeypatch):
    organisation(tmp_path, {"a.yaml": questionnaire("mlops-automation"),
                            "b.yaml": questionnaire("mlops-automation")})
    monkeypatch.chdir(tmp_path)
    result, docs = every_format(tmp_path, "org")
    summary = summary_of("org")
    assert summary.startswith("The latest assessment of each of 1 system; 1 tied assessment "
                              "(the same latest date) left out.")
    assert "older" not in summary
    lines = result.stderr.splitlines()
    assert ("warning: 2 files assess 'Field voice notes' with the same latest date "
            "(2026-12-03): org/a.yaml, org/b.yaml; keeping org/b.yaml") in lines
    assert "warning: 1 warning" in lines  # one, not "1 warnings"
    for text in (docs[".md"], docs[".html"]):
        assert "Older assessments" not in text and "superseded by" not in text
        assert "Assessments tied with the one kept" in text
    assert "from 1 questionnaire." not in docs[".html"]  # two were read
    assert "· 1 system</title>" in docs[".html"]
    assert json.loads(docs[".json"])["superseded"] == [
        {"file": "org/a.yaml", "by": "org/b.yaml", "tie": True}]


def test_older_and_tied_are_both_said(tmp_path, monkeypatch):
    organisation(tmp_path, {"a.yaml": questionnaire("mlops-automation"),
                            "b.yaml": questionnaire("mlops-automation"),
                            "c.yaml": questionnaire("mlops-automation", assessed_on="2026-01-02")})
    monkeypatch.chdir(tmp_path)
    assert summary_of("org").startswith(
        "The latest assessment of each of 1 system; 1 older assessment and 1 tied assessment "
        "(the same latest date) left out.")


def test_all_counts_assessments_and_systems_and_tells_rows_apart(in_data):
    doc = document(latest_only=False)
    assert (doc.assessments, doc.systems) == (6, 5)
    summary = summary_of("portfolio", "--all")
    assert summary.startswith("Every assessment given: 6 assessments of 5 systems.")
    assert "MLOps automation maturity (mlops-automation 2.0.0): 5 assessments of 4 systems" in (
        summary)
    markdown = render(doc, PortfolioFormat.MARKDOWN)
    fraud = [line for line in markdown.splitlines()
             if line.startswith("| Risk ML | Card fraud scoring |")]  # the heatmap's rows
    assert len(fraud) == 2 and len(set(fraud)) == 2
    assert "2026-06-" in fraud[0] + fraud[1] and "`portfolio/risk-ml/fraud-2026-11.yaml`" in (
        fraud[0] + fraud[1])
    page = render(doc, PortfolioFormat.HTML)
    rows = [part.split("</th>", 1)[0] for part in page.split('<tr><th scope="row">')[1:]
            if part.startswith("Card fraud scoring<br>")]
    assert len(rows) == 2 and len(set(rows)) == 2
    assert '<th scope="col">Assessments</th>' in page


def test_latest_heatmap_keeps_its_columns(in_data):
    markdown = render(document(), PortfolioFormat.MARKDOWN)
    assert "| Assessed on |" not in markdown and "| Systems |" in markdown


@pytest.mark.parametrize("rubric, expected", [
    ("../rubrics/broken.yaml", "warning: org/rubrics/broken.yaml: no such file"),
    ("../../outside.yaml", "leads outside the repository that holds the questionnaire"),
    ("", "no 'rubric:' key naming the rubric to use"),
])
def test_the_listing_offers_no_option_portfolio_lacks_and_tidies_paths(
        tmp_path, monkeypatch, rubric, expected):
    organisation(tmp_path, {"team/q.yaml": questionnaire(rubric),
                            "team/ok.yaml": questionnaire("mlops-automation", "Ok")})
    monkeypatch.chdir(tmp_path)
    result, docs = every_format(tmp_path, "org")
    assert expected in result.stderr, result.stderr
    for text in (result.stderr, docs[".md"], docs[".html"], docs[".json"]):
        assert "--rubric" not in text and "team/.." not in text  # the path as written is kept


def test_skipped_files_say_why_by_kind(tmp_path, monkeypatch):
    org = organisation(tmp_path, {"ok.yaml": questionnaire("mlops-automation"),
                                  "ci.yaml": "on: push\n"})
    (tmp_path / "outside.yaml").write_text(VOICE, encoding="utf-8")
    (org / "out.yaml").symlink_to(tmp_path / "outside.yaml")
    os.mkfifo(org / "pipe.yaml")
    monkeypatch.chdir(tmp_path)
    _, docs = every_format(tmp_path, "org")
    for text, heading in ((docs[".md"], "### Files skipped"), (docs[".html"],
                                                               "<h3>Files skipped</h3>")):
        assert heading in text and "Not questionnaires" not in text
        assert "pipe.yaml</code>: not a regular file (a FIFO)" in text.replace("`", "</code>")
        assert "out.yaml</code>: a symbolic link that leads outside the folder" in text.replace(
            "`", "</code>")
        assert "ci.yaml</code>: not a questionnaire (no top-level" in text.replace(
            "`", "</code>")


def test_more_problems_than_shown_are_counted_in_words(tmp_path, monkeypatch):
    typos = "".join(f"  nothing.{i}: yes\n" for i in range(6))
    organisation(tmp_path, {"bad.yaml": f"rubric: mlops-automation\nanswers:\n{typos}",
                            "ok.yaml": questionnaire("mlops-automation")})
    monkeypatch.chdir(tmp_path)
    result = invoke("org")
    assert "warning: org/bad.yaml: ... and 1 more problem" in result.stderr.splitlines()
    assert "warning: 1 of 2 questionnaires could not be assessed and are left out" in (
        result.stderr.splitlines())


def test_verbose_says_the_settings_and_every_rubric_file(in_data):
    result = invoke("portfolio", "--verbose")
    lines = [line for line in result.stderr.splitlines() if line.startswith("info: ")]
    assert lines[0].startswith("info: settings: none found (looked in ")
    rubrics = [line for line in lines if line.startswith("info: rubric: ")]
    root = DATA.parent.parent / "rubrics"
    digests = [r.rubric.digest for r in document().rubrics]
    assert rubrics == [
        f"info: rubric: ml-test-score 2017.2 from {root / 'ml-test-score.yaml'} "
        f"(digest {digests[0]}, bundled)",
        f"info: rubric: mlops-automation 2.0.0 from {root / 'mlops-automation.yaml'} "
        f"(digest {digests[1]}, bundled)"]
    assert all(len(d) == 12 for d in digests)
    assert "info:" not in invoke("portfolio").stderr


@pytest.mark.parametrize("settings, said", [
    ('rubric = "google-mlops-levels"\n', "info: settings: .mlops-maturity.toml, giving rubric"),
    ("rubric = [\n", "(not used by portfolio)"),  # cannot be read: said, not an error
])
def test_verbose_says_the_settings_file_portfolio_does_not_use(tmp_path, monkeypatch,
                                                                 settings, said):
    organisation(tmp_path, {"ok.yaml": questionnaire("mlops-automation")})
    (tmp_path / ".git").mkdir()
    (tmp_path / ".mlops-maturity.toml").write_text(settings, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("org", "-v")
    assert result.exit_code == 0, result.output
    assert any(line.startswith(said) or said in line for line in result.stderr.splitlines()
               if line.startswith("info: settings: ")), result.stderr
    assert "MLOps automation maturity (mlops-automation 2.0.0)" in result.stdout
