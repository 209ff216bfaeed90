"""One system per trend, and a comparison of two systems said so (``history/systems.py``).

A trend of files that name different ``project.name`` values is refused; along one file's
git history a change of name is a rename, read as one system; a file without a name is kept
with a warning. ``compare`` of two names warns, in every format, and still compares.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from history_helpers import DATA, commit, invoke, new_repo
from mlops_maturity.history.systems import check_series, differ, key
from mlops_maturity.model.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
BEFORE = (DATA / "forecast-before.yaml").read_text()
MID = (DATA / "forecast-mid.yaml").read_text()
AFTER = (DATA / "forecast-after.yaml").read_text()
FRAUD = (ROOT / "examples" / "fraud-realtime-canary.yaml").read_text().replace(
    "assessed_on: 2026-11-30", "assessed_on: 2026-10-01")
NAME = "  name: Store demand forecast\n"


def named(text: str, name: str | None) -> str:
    """The same assessment under another project.name (None: without one)."""
    assert NAME in text
    return text.replace(NAME, f"  name: {name}\n" if name is not None else "")


def folder_of(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "d"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# ── the pure check, at its edges ──────────────────────────────────────────────────────────

@pytest.mark.parametrize("a, b, same", [
    ("Store demand forecast", "Store demand forecast", True),
    ("Store demand forecast", "store  DEMAND forecast ", True),  # case and spacing
    ("Ｓtore demand forecast", "Store demand forecast", True),  # a full-width letter (NFKC)
    ("Store demand forecast", "Store demand forecasts", False),
    ("Card fraud scoring", "Store demand forecast", False),
])
def test_names_name_one_system_as_people_mean_it(a, b, same):
    assert (key(a) == key(b)) is same and differ(a, b) is not same


@pytest.mark.parametrize("a, b", [("", "Store demand forecast"), ("  ", "x"), ("", "")])
def test_a_missing_name_differs_from_nothing(a, b):
    assert not differ(a, b) and not differ(b, a)


def test_files_of_two_systems_are_refused_with_files_of_each():
    with pytest.raises(UsageError) as caught:
        check_series([("a.yaml", "Forecast"), ("b.yaml", "Fraud"), ("c.yaml", "forecast"),
                      ("d.yaml", "Forecast"), ("e.yaml", "Forecast")], along_history=False)
    assert [str(p) for p in caught.value.problems] == [
        "trend: project.name: the assessments are of 2 systems: 'Forecast' (a.yaml, c.yaml "
        "and 2 more) and 'Fraud' (b.yaml) (trend takes one system's assessments; for many "
        "systems use `mlops-maturity portfolio`; for a renamed system, give every file one "
        "project.name)"]


def test_a_name_on_several_lines_is_shown_on_one():
    with pytest.raises(UsageError) as caught:
        check_series([("a.yaml", "Store\ndemand  forecast\n"), ("b.yaml", "Fraud")],
                     along_history=False)
    assert "\n" not in str(caught.value.problems[0])
    assert "'Store demand forecast' (a.yaml)" in str(caught.value.problems[0])


def test_many_systems_are_counted_past_the_third():
    with pytest.raises(UsageError) as caught:
        check_series([(f"{n}.yaml", n) for n in "pqrst"], along_history=False)
    line = str(caught.value.problems[0])
    assert "are of 5 systems: 'p' (p.yaml), 'q' (q.yaml), 'r' (r.yaml) and 2 more (" in line


@pytest.mark.parametrize("series, warnings", [
    ([("a", "X"), ("b", "X")], ()),
    ([("a", "X")], ()),
    ([("a", "")], ()),  # one assessment: nothing to check it against
    ([("a", "X"), ("b", "")], ("1 of 2 assessments have no project.name (b), so trend cannot "
                               "check that they are of one system (write name: under "
                               "project)",)),
    ([("a", ""), ("b", "")], ("2 of 2 assessments have no project.name (a, b), so trend "
                              "cannot check that they are of one system (write name: under "
                              "project)",)),
])
def test_files_without_a_name_are_kept_with_a_warning(series, warnings):
    assert check_series(series, along_history=False) == warnings


@pytest.mark.parametrize("series, warnings", [
    ([("v1", "Old"), ("v2", "old "), ("v3", "Old")], ()),  # the same name, as written
    ([("v1", "Old"), ("v2", ""), ("v3", "New")],
     ("renamed from 'Old' (v1) to 'New' (v3); read as one system, since these are versions "
      "of one file",)),
    ([("v1", "A"), ("v2", "B"), ("v3", "A")],
     ("renamed from 'A' (v1) to 'B' (v2); read as one system, since these are versions of "
      "one file", "renamed from 'B' (v2) to 'A' (v3); read as one system, since these are "
      "versions of one file")),
    ([("v1", ""), ("v2", "X")], ()),  # a name given later is not a rename
])
def test_along_one_files_history_a_change_of_name_is_a_rename(series, warnings):
    assert check_series(series, along_history=True) == warnings


# ── trend through the CLI ─────────────────────────────────────────────────────────────────

def test_a_folder_of_two_systems_is_a_usage_error(tmp_path):
    """The reviewer's case: two versions of the forecast and the fraud system, one rubric."""
    folder = folder_of(tmp_path, {"forecast-1.yaml": BEFORE, "forecast-2.yaml": AFTER,
                                  "fraud.yaml": FRAUD})
    out = tmp_path / "trend.html"
    result = invoke(["trend", "d", "-o", str(out)], tmp_path)
    assert result.exit_code == 2 and result.stdout == "" and not out.exists()
    assert result.stderr == (
        "error: trend: project.name: the assessments are of 2 systems: 'Store demand "
        "forecast' (d/forecast-1.yaml, d/forecast-2.yaml) and 'Card fraud scoring' "
        "(d/fraud.yaml) (trend takes one system's assessments; for many systems use "
        "`mlops-maturity portfolio`; for a renamed system, give every file one "
        "project.name)\n")


def test_one_system_written_two_ways_is_one_series(tmp_path):
    folder_of(tmp_path, {"a.yaml": BEFORE, "b.yaml": named(AFTER, "store demand  Forecast")})
    result = invoke(["trend", "d", "-f", "json"], tmp_path)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert len(doc["points"]) == 2 and doc["warnings"] == []
    assert doc["project"] == "store demand  Forecast"  # the newest, as written


def test_a_file_without_a_name_joins_with_a_warning(tmp_path):
    folder_of(tmp_path, {"a.yaml": named(BEFORE, None), "b.yaml": AFTER})
    result = invoke(["trend", "d", "-f", "json"], tmp_path)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert len(doc["points"]) == 2
    warning = ("1 of 2 assessments have no project.name (d/a.yaml), so trend cannot check "
               "that they are of one system (write name: under project)")
    assert doc["warnings"] == [warning] and result.stderr == f"warning: {warning}\n"
    text = invoke(["trend", "d"], tmp_path)  # on stdout in text: said once, in the document
    assert f"Warning: {warning}\n" in text.stdout and text.stderr == ""


def rename_repo(tmp_path: Path) -> Path:
    repo = new_repo(tmp_path / "repo")
    commit(repo, {"mlops/assessment.yaml": named(BEFORE, "Demand forecast")},
           "2026-09-01T09:00:00Z")
    commit(repo, {"mlops/assessment.yaml": MID}, "2026-10-01T09:00:00Z")
    commit(repo, {"mlops/assessment.yaml": AFTER}, "2026-11-20T09:00:00Z")
    return repo


def test_a_rename_along_git_history_is_one_system(tmp_path):
    repo = rename_repo(tmp_path)
    result = invoke(["trend", "--git", "mlops/assessment.yaml", "-f", "json"], repo)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    first, second = (p["source"] for p in doc["points"][:2])
    warning = (f"renamed from 'Demand forecast' ({first}) to 'Store demand forecast' "
               f"({second}); read as one system, since these are versions of one file")
    assert len(doc["points"]) == 3 and doc["warnings"] == [warning]
    assert doc["project"] == "Store demand forecast"
    assert result.stderr == f"warning: {warning}\n"


@pytest.mark.parametrize("fmt, mark", [("text", "Warning: renamed from 'Demand forecast'"),
                                       ("markdown", "> **Warning:** renamed from"),
                                       ("html", '<p class="warning" role="note">')])
def test_the_rename_is_in_every_document(tmp_path, fmt, mark):
    repo = rename_repo(tmp_path)
    result = invoke(["trend", "--git", "mlops/assessment.yaml", "-f", fmt], repo)
    assert result.exit_code == 0 and mark in result.stdout


# ── compare of two systems: a warning, everywhere ─────────────────────────────────────────

SYSTEMS = ("the two assessments name different systems ('Store demand forecast', then 'Card "
           "fraud scoring'): expected after a rename; otherwise compare two assessments of "
           "one system")


@pytest.fixture
def two_systems(tmp_path: Path) -> Path:
    folder_of(tmp_path, {"forecast.yaml": AFTER, "fraud.yaml": FRAUD})
    return tmp_path


@pytest.mark.parametrize("fmt, shown", [
    ("text", f"Warning: {SYSTEMS}\n"),
    ("markdown", f"> **Warning:** {SYSTEMS}\n"),
    ("html", "<strong>Warning:</strong> the two assessments name different systems "
             "(&#39;Store demand forecast&#39;, then &#39;Card fraud scoring&#39;)"),
    ("json", json.dumps(SYSTEMS)),
])
def test_compare_of_two_systems_warns_in_every_format(two_systems, fmt, shown):
    result = invoke(["compare", "d/forecast.yaml", "d/fraud.yaml", "-f", fmt], two_systems)
    assert result.exit_code == 0, result.output  # a warning, not an error: renames happen
    assert shown in result.stdout
    # on stderr too, but not twice on a terminal: text on stdout already says it
    assert result.stderr == ("" if fmt == "text" else f"warning: {SYSTEMS}\n")


def test_the_warning_is_on_stderr_when_the_document_goes_to_a_file(two_systems):
    result = invoke(["compare", "d/forecast.yaml", "d/fraud.yaml", "-o", "c.txt"], two_systems)
    assert result.exit_code == 0
    assert result.stderr == f"warning: {SYSTEMS}\nwrote c.txt\n"
    assert f"Warning: {SYSTEMS}\n" in (two_systems / "c.txt").read_text()


@pytest.mark.parametrize("old_name", ["Store demand forecast", "STORE demand forecast", None])
def test_one_system_or_a_nameless_side_gives_no_warning(tmp_path, old_name):
    folder_of(tmp_path, {"a.yaml": named(BEFORE, old_name), "b.yaml": AFTER})
    result = invoke(["compare", "d/a.yaml", "d/b.yaml", "-f", "json"], tmp_path)
    assert result.exit_code == 0 and json.loads(result.stdout)["warnings"] == []
    assert "warning" not in result.stderr


def test_a_renamed_system_is_compared_with_git_base(tmp_path):
    repo = new_repo(tmp_path / "repo")
    commit(repo, {"a.yaml": named(BEFORE, "Demand forecast")}, "2026-09-01T09:00:00Z")
    shutil.copy(DATA / "forecast-after.yaml", repo / "a.yaml")
    result = invoke(["compare", "--git-base", "HEAD", "a.yaml", "-f", "markdown"], repo)
    assert result.exit_code == 0
    assert "('Demand forecast', then 'Store demand forecast')" in result.stdout
