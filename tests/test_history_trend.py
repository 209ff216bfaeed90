"""``trend``: ordering by date and by commit, ties, a missing date, a broken version, golden
files for every format, and git's failures.

Golden files live in tests/golden/history/; after an intended change to an output:

    python -m pytest tests/test_history_compare.py tests/test_history_trend.py --update-golden
    git diff tests/golden/history
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from history_helpers import DATA, check_golden, commit, git, invoke, new_repo
from mlops_maturity.history.trend import Entry, order, parse_date
from mlops_maturity.model.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {"text": ".txt", "markdown": ".md", "json": ".json", "csv": ".csv", "html": ".html"}
BEFORE = (DATA / "forecast-before.yaml").read_text()
MID = (DATA / "forecast-mid.yaml").read_text()
AFTER = (DATA / "forecast-after.yaml").read_text()


def run_trend(*args: str, cwd: Path = DATA):
    return invoke(["trend", *args], cwd)


def dated(text: str, when: str) -> str:
    """The same assessment with another assessed_on date (or none, for '')."""
    for old in ("2026-08-20", "2026-09-30", "2026-11-18"):
        if f"assessed_on: {old}" in text:
            line = f"assessed_on: {when}" if when else ""
            return text.replace(f"  assessed_on: {old}\n", f"  {line}\n" if line else "")
    raise AssertionError("no date to replace")


# ── ordering, pure ────────────────────────────────────────────────────────────────────────

def e(source: str, day: str, committed: int | None = None, at: int = 0) -> Entry:
    return Entry(source, day, committed, None, at)


@pytest.mark.parametrize("entries, expected", [
    ([e("b", "2026-02-01"), e("a", "2026-01-01")], ["a", "b"]),  # by date, not as given
    ([e("a", "2026-01-01"), e("b", "2026-01-02")], ["a", "b"]),  # one day apart
    ([e("y", "2026-01-01", 200, 0), e("x", "2026-01-01", 100, 1)], ["x", "y"]),  # commit time
    ([e("p", "2026-01-01", 100, 0), e("q", "2026-01-01", 100, 1)], ["p", "q"]),  # git's order
    ([e("z", "2026-03-01", 100, 0), e("w", "2026-01-01", 300, 1)], ["w", "z"]),  # date first
    ([e("t", "2026-01-01T23:00:00"), e("s", "2025-12-31")], ["s", "t"]),  # a date and time
])
def test_order(entries, expected):
    ordered, skipped = order(entries)
    assert [x.source for x in ordered] == expected and skipped == []


def test_a_tie_without_commits_names_both_files():
    with pytest.raises(UsageError) as caught:
        order([e("a.yaml", "2026-01-01"), e("b.yaml", "2026-01-01")])
    assert str(caught.value.problems[0]) == (
        "b.yaml: project.assessed_on: has the same assessed_on date (2026-01-01) as a.yaml, so "
        "their order is unknown (correct one of the dates, or read the versions with --git, "
        "which orders them by commit)")


@pytest.mark.parametrize("day, reason", [
    ("", "has no date, so it cannot be placed in the series"),
    ("soon", "'soon' is not a date"),
    ("2026-13-01", "'2026-13-01' is not a date"),
])
def test_an_undated_assessment_is_skipped_with_the_reason(day, reason):
    ordered, skipped = order([e("a.yaml", "2026-01-01"), e("b.yaml", day)])
    assert [x.source for x in ordered] == ["a.yaml"]
    assert skipped[0].reasons == (f"b.yaml: project.assessed_on: {reason} (write assessed_on: "
                                  "YYYY-MM-DD under project)",)


@pytest.mark.parametrize("text, day", [("2026-11-30", "2026-11-30"),
                                       ("2026-11-30T08:00:00Z", "2026-11-30"),
                                       (" 2026-01-02 ", "2026-01-02"), ("30/11/2026", None)])
def test_parse_date(text, day):
    parsed = parse_date(text)
    assert (parsed.isoformat() if parsed else None) == day


# ── golden files: a folder of three assessments ───────────────────────────────────────────

@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_folder(fmt, update_golden):
    result = run_trend(".", "-f", fmt)
    assert result.exit_code == 0, result.output
    check_golden("trend" + FORMATS[fmt], result.stdout, update_golden)


def test_a_folder_is_ordered_by_date_not_by_name():
    doc = json.loads(run_trend(".", "-f", "json").stdout)
    assert [p["source"] for p in doc["points"]] == [
        "forecast-before.yaml", "forecast-mid.yaml", "forecast-after.yaml"]
    assert len(doc["steps"]) == 2 and doc["skipped"] == []


def test_files_on_one_day_are_an_error_that_names_both(tmp_path):
    (tmp_path / "a.yaml").write_text(BEFORE)
    (tmp_path / "b.yaml").write_text(dated(MID, "2026-08-20"))
    result = run_trend("a.yaml", "b.yaml", cwd=tmp_path)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("error: b.yaml: project.assessed_on: has the same "
                                    "assessed_on date (2026-08-20) as a.yaml")


def test_csv_reads_back_and_defuses_formulas(tmp_path):
    """A spreadsheet would run a cell that starts with '=' as a formula: it gets a quote."""
    (tmp_path / "=1+1.yaml").write_text(BEFORE)
    shutil.copy(DATA / "forecast-after.yaml", tmp_path / "b.yaml")
    result = run_trend("=1+1.yaml", "b.yaml", "-f", "csv", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["assessed_on"] for r in rows] == ["2026-08-20", "2026-11-18"]
    assert [r["source"] for r in rows] == ["'=1+1.yaml", "b.yaml"]
    assert rows[1]["declared"] == "partial_automation" and rows[1]["within_support"] == "false"
    assert [r["score"] for r in rows] == ["57.1", "58.6"]


# ── git mode ──────────────────────────────────────────────────────────────────────────────

def history_repo(tmp_path: Path, texts: list[tuple[str, str]]) -> Path:
    """A repository with one commit per (text, commit time) of mlops/assessment.yaml."""
    repo = new_repo(tmp_path / "repo")
    for text, when in texts:
        commit(repo, {"mlops/assessment.yaml": text}, when)
    return repo


def git_points(repo: Path, *args: str):
    result = run_trend("--git", "mlops/assessment.yaml", "-f", "json", *args, cwd=repo)
    return result, json.loads(result.stdout) if result.stdout else None


def test_git_versions_are_ordered_by_date_then_commit(tmp_path):
    repo = history_repo(tmp_path, [
        (MID, "2026-10-01T09:00:00Z"),  # committed first, assessed in September
        (BEFORE, "2026-10-02T09:00:00Z"),  # an August assessment committed later
        (dated(AFTER, "2026-09-30"), "2026-10-03T09:00:00Z"),  # the same day as MID
    ])
    result, doc = git_points(repo)
    assert result.exit_code == 0, result.output
    days = [(p["assessed_on"], p["committed_at"]) for p in doc["points"]]
    assert days == [("2026-08-20", "2026-10-02T09:00:00Z"), ("2026-09-30", "2026-10-01T09:00:00Z"),
                    ("2026-09-30", "2026-10-03T09:00:00Z")]
    assert all(p["source"].endswith(":mlops/assessment.yaml") for p in doc["points"])
    assert [p["commit"] for p in doc["points"]][1] == git(repo, "rev-list", "--reverse",
                                                          "HEAD").split()[0]


def test_a_broken_version_is_listed_and_skipped(tmp_path):
    broken = MID.replace("  data.pipeline: yes", "  data.pipeline: maybe")
    repo = history_repo(tmp_path, [(BEFORE, "2026-09-01T09:00:00Z"),
                                   (broken, "2026-10-01T09:00:00Z"),
                                   (AFTER, "2026-11-20T09:00:00Z")])
    out = tmp_path / "trend.html"
    result = run_trend("--git", "mlops/assessment.yaml", "-o", str(out), cwd=repo)
    assert result.exit_code == 2
    bad = git(repo, "rev-list", "--reverse", "HEAD").split()[1][:10]
    line = broken.splitlines().index("  data.pipeline: maybe") + 1
    assert result.stderr.splitlines()[-2:] == [
        f"error: {bad}:mlops/assessment.yaml:{line}: answers.data.pipeline: 'maybe' is not an "
        "allowed answer (allowed: no, partial, yes)",
        f"error: skipped 1 of 3 assessments: {bad}:mlops/assessment.yaml"]
    page = out.read_text()  # the outputs are still written, with what was skipped
    assert "Skipped" in page and bad in page and page.count("<figure>") == 7


def test_a_version_without_a_date_is_skipped(tmp_path):
    repo = history_repo(tmp_path, [(dated(BEFORE, ""), "2026-09-01T09:00:00Z"),
                                   (AFTER, "2026-11-20T09:00:00Z")])
    result, doc = git_points(repo)
    assert result.exit_code == 2
    assert len(doc["points"]) == 1 and len(doc["skipped"]) == 1
    assert "has no date, so it cannot be placed in the series" in result.stderr


def test_a_change_of_rubric_between_versions_is_named(tmp_path):
    other = (ROOT / "examples" / "ml-test-score-recsys.yaml").read_text().replace(
        "assessed_on: 2026-11-30", "assessed_on: 2026-09-01")
    repo = history_repo(tmp_path, [(other, "2026-09-01T09:00:00Z"),
                                   (AFTER, "2026-11-20T09:00:00Z")])
    result, doc = git_points(repo)
    assert result.exit_code == 2
    assert ("uses rubric 'ml-test-score', but the newest assessment uses 'mlops-automation'"
            in result.stderr)
    assert [p["assessed_on"] for p in doc["points"]] == ["2026-11-18"]


def test_git_outside_a_repository(tmp_path):
    shutil.copy(DATA / "forecast-after.yaml", tmp_path / "a.yaml")
    result = run_trend("--git", "a.yaml", cwd=tmp_path)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: a.yaml: is not in a git repository")


def test_git_on_an_untracked_file(tmp_path):
    repo = history_repo(tmp_path, [(AFTER, "2026-11-20T09:00:00Z")])
    (repo / "mlops" / "new.yaml").write_text(AFTER)
    result = run_trend("--git", "mlops/new.yaml", cwd=repo)
    assert result.exit_code == 2
    assert result.stderr == ("error: mlops/new.yaml: is not tracked by git (git add and "
                             "commit it first)\n")


def test_git_not_installed(tmp_path, monkeypatch):
    repo = history_repo(tmp_path, [(AFTER, "2026-11-20T09:00:00Z")])
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    result = run_trend("--git", "mlops/assessment.yaml", cwd=repo)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: git: is not installed, or not on PATH")


def test_git_mode_writes_nothing_into_the_repository(tmp_path):
    repo = history_repo(tmp_path, [(BEFORE, "2026-09-01T09:00:00Z"),
                                   (AFTER, "2026-11-20T09:00:00Z")])
    before = sorted(str(p.relative_to(repo)) for p in repo.rglob("*"))
    status = git(repo, "status", "--porcelain=v1", "--untracked-files=all")
    assert run_trend("--git", "mlops/assessment.yaml", cwd=repo).exit_code == 0
    assert sorted(str(p.relative_to(repo)) for p in repo.rglob("*")) == before
    assert git(repo, "status", "--porcelain=v1", "--untracked-files=all") == status


@pytest.mark.parametrize("args, message", [
    ([], "error: trend: give questionnaire files, one folder, or --git FILE"),
    (["a.yaml", "--git", "a.yaml"], "error: trend: give questionnaire files"),
    ([".", "-f", "pdf"], "error: --format: 'pdf' is not a format of this command"),
    ([".", "-o", "trend.svg"], "error: --output: cannot tell the format of 'trend.svg'"),
])
def test_usage_errors(args, message):
    """Each is one line and exit 2, before anything is read or written."""
    result = run_trend(*args)
    assert result.exit_code == 2 and result.stderr.startswith(message), result.output


def test_a_users_csv_is_replaced_only_with_force(tmp_path):
    out = tmp_path / "trend.csv"
    out.write_text("a,b\n")
    shutil.copy(DATA / "forecast-after.yaml", tmp_path / "a.yaml")
    refused = run_trend("a.yaml", "-o", str(out), cwd=tmp_path)
    assert refused.exit_code == 2 and out.read_text() == "a,b\n"
    forced = run_trend("a.yaml", "-o", str(out), "--force", cwd=tmp_path)
    assert forced.exit_code == 0 and out.read_text().startswith("assessed_on,source")


def test_a_folder_without_questionnaires(tmp_path):
    shutil.copy(DATA / "versions" / "rubric-v1.yaml", tmp_path / "rubric.yaml")
    result = run_trend(".", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (f"error: .: holds no questionnaire (*.yaml, *.yml) (give the "
                             "files, or --git FILE)\n")


def test_the_history_benchmark_runs():
    """benchmarks/bench_history.py still runs (its figures are printed, never asserted)."""
    import re
    import subprocess
    import sys
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_history.py"),
                          "--versions", "3"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert re.search(r"trend --git .*: \d+\.\d+x baseline", run.stdout), run.stdout
