"""``compare``: golden files for every format, rubric versions, git revisions, regressions.

Golden files live in tests/golden/history/; after an intended change to an output:

    python -m pytest tests/test_history_compare.py tests/test_history_trend.py --update-golden
    git diff tests/golden/history
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from history_helpers import DATA, check_golden, commit, invoke, new_repo
from mlops_maturity import api
from mlops_maturity.history.compare import (AnswerChangeKind, Direction, RegressionKind,
                                            compare)
from mlops_maturity.history.compare_render import LIMIT, render
from mlops_maturity.history.formats import HistoryFormat

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "tiny-automation.yaml"
SUFFIX = {HistoryFormat.TEXT: ".txt", HistoryFormat.MARKDOWN: ".md",
          HistoryFormat.JSON: ".json", HistoryFormat.HTML: ".html"}
FORMATS = list(SUFFIX)


def run_compare(*args: str, cwd: Path = DATA):
    return invoke(["compare", *args], cwd)


# ── golden files ──────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.value)
def test_golden_forecast(fmt, update_golden):
    """The forecast before and after: a design change, answers both ways, blockers."""
    result = run_compare("forecast-before.yaml", "forecast-after.yaml", "-f", fmt.value)
    assert result.exit_code == 0, result.output
    check_golden("forecast" + SUFFIX[fmt], result.stdout, update_golden)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.value)
def test_golden_rubric_versions(fmt, update_golden):
    """Two versions of one rubric: shared questions compared, added and removed named."""
    result = run_compare("versions/q-v1.yaml", "versions/q-v2.yaml", "-f", fmt.value)
    assert result.exit_code == 0, result.output
    check_golden("versions" + SUFFIX[fmt], result.stdout, update_golden)


def test_rubric_versions_name_added_and_removed_questions():
    result = run_compare("versions/q-v1.yaml", "versions/q-v2.yaml", "-f", "json")
    doc = json.loads(result.stdout)
    assert doc["rubric_version_changed"] is True
    assert doc["questions_added"] == ["ops.alerts", "docs.runbook"]
    assert doc["questions_removed"] == ["build.manual-steps"]
    assert doc["sections_added"] == ["docs"]
    assert {a["question"] for a in doc["answers"]} <= {"build.ci", "ops.rollback",
                                                       "ops.dashboards"}


def forecast_repo(tmp_path: Path) -> Path:
    """A repository whose last commit holds the August assessment and whose working tree
    holds the November one, as a pull request would."""
    repo = new_repo(tmp_path / "repo")
    commit(repo, {"mlops/assessment.yaml": (DATA / "forecast-before.yaml").read_text()},
           "2026-08-21T09:00:00Z")
    shutil.copy(DATA / "forecast-after.yaml", repo / "mlops" / "assessment.yaml")
    return repo


def test_golden_git_revision(tmp_path, update_golden):
    """OLD as REV:PATH, read through git from a repository made here."""
    repo = forecast_repo(tmp_path)
    result = run_compare("main:mlops/assessment.yaml", "mlops/assessment.yaml", "-f",
                         "markdown", cwd=repo)
    assert result.exit_code == 0, result.output
    check_golden("git-revision.md", result.stdout, update_golden)
    assert "main:mlops/assessment.yaml → mlops/assessment.yaml" in result.stdout


def test_git_base_reads_the_same_file_at_a_revision(tmp_path):
    repo = forecast_repo(tmp_path)
    spelled = run_compare("main:mlops/assessment.yaml", "mlops/assessment.yaml", "-f", "json",
                          cwd=repo)
    based = run_compare("--git-base", "main", "mlops/assessment.yaml", "-f", "json", cwd=repo)
    assert based.exit_code == 0, based.output
    assert json.loads(based.stdout)["answers"] == json.loads(spelled.stdout)["answers"]
    from_folder = run_compare("--git-base", "HEAD", "assessment.yaml", cwd=repo / "mlops")
    assert from_folder.exit_code == 0, from_folder.output
    assert from_folder.stdout.startswith("Compare: HEAD:mlops/assessment.yaml → assessment.yaml")


def test_git_revision_leaves_the_repository_as_it_was(tmp_path):
    from history_helpers import git
    repo = forecast_repo(tmp_path)
    before = git(repo, "status", "--porcelain=v1", "--untracked-files=all")
    files = sorted(p.relative_to(repo) for p in repo.rglob("*") if ".git" not in p.parts)
    run_compare("main:mlops/assessment.yaml", "mlops/assessment.yaml", cwd=repo)
    assert git(repo, "status", "--porcelain=v1", "--untracked-files=all") == before
    assert sorted(p.relative_to(repo) for p in repo.rglob("*") if ".git" not in p.parts) == files


def test_a_revision_is_checked_like_a_file_and_named_in_messages(tmp_path):
    repo = new_repo(tmp_path / "repo")
    text = (DATA / "forecast-before.yaml").read_text().replace(
        "  data.pipeline: yes", "  data.pipeline: maybe")
    commit(repo, {"mlops/assessment.yaml": text}, "2026-08-21T09:00:00Z")
    shutil.copy(DATA / "forecast-after.yaml", repo / "mlops" / "assessment.yaml")
    result = run_compare("main:mlops/assessment.yaml", "mlops/assessment.yaml", cwd=repo)
    assert result.exit_code == 2
    line = text.splitlines().index("  data.pipeline: maybe") + 1
    assert result.stderr.startswith(
        f"error: main:mlops/assessment.yaml:{line}: answers.data.pipeline: 'maybe' is not "
        "an allowed answer")
    assert "Traceback" not in result.output


def test_a_rubric_path_resolves_from_the_working_tree(tmp_path):
    """A revision's ``rubric:`` path is read from the working tree at the same place."""
    repo = new_repo(tmp_path / "repo")
    versions = DATA / "versions"
    q1 = (versions / "q-v1.yaml").read_text().replace("rubric: rubric-v1.yaml",
                                                      "rubric: ../rubrics/checks.yaml")
    commit(repo, {"rubrics/checks.yaml": (versions / "rubric-v1.yaml").read_text(),
                  "teams/ranking.yaml": q1}, "2026-05-05T09:00:00Z")
    (repo / "rubrics" / "checks.yaml").write_text((versions / "rubric-v2.yaml").read_text())
    q2 = (versions / "q-v2.yaml").read_text().replace("rubric: rubric-v2.yaml",
                                                      "rubric: ../rubrics/checks.yaml")
    (repo / "teams" / "ranking.yaml").write_text(q2)
    result = run_compare("--git-base", "main", "teams/ranking.yaml", "-f", "json", cwd=repo)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    # both sides are scored by the working tree's rubric, version 2.0
    assert doc["old"]["rubric_version"] == doc["new"]["rubric_version"] == "2.0"
    assert "answers were filled for release-checks version 1.0" in result.stderr


# ── bad input ─────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("args, message", [
    (["nope:mlops/assessment.yaml", "mlops/assessment.yaml"],
     "error: nope:mlops/assessment.yaml: cannot be read from git"),
    (["main:mlops/missing.yaml", "mlops/assessment.yaml"],
     "error: main:mlops/missing.yaml: cannot be read from git"),
    (["main:mlops", "mlops/assessment.yaml"], "error: main:mlops: is a tree in git, not a file"),
    (["--git-base", "main"], None),
    (["mlops/assessment.yaml"], "error: compare: needs OLD and NEW"),
    (["main:", "mlops/assessment.yaml"], "error: main:: is neither a file nor a git revision"),
])
def test_bad_revisions_are_one_line_and_exit_2(tmp_path, args, message):
    repo = forecast_repo(tmp_path)
    result = run_compare(*args, cwd=repo)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    if message:
        assert result.stderr.startswith(message), result.stderr


def test_outside_a_repository(tmp_path):
    shutil.copy(DATA / "forecast-after.yaml", tmp_path / "a.yaml")
    result = run_compare("--git-base", "main", "a.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: a.yaml: is not in a git repository")


def test_without_git_installed(tmp_path, monkeypatch):
    repo = forecast_repo(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run_compare("main:mlops/assessment.yaml", "mlops/assessment.yaml", cwd=repo)
    assert result.exit_code == 2
    assert result.stderr == ("error: git: is not installed, or not on PATH (install git "
                             "(apt-get install git) to read revisions)\n")


def test_two_rubrics_cannot_be_compared():
    other = ROOT / "examples" / "ml-test-score-recsys.yaml"
    result = run_compare("forecast-after.yaml", str(other))
    assert result.exit_code == 2
    assert "only assessments against one rubric can be compared" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# ── --fail-on-regression ──────────────────────────────────────────────────────────────────

def test_fail_on_regression_exits_1_and_says_why():
    result = run_compare("forecast-before.yaml", "forecast-after.yaml", "--fail-on-regression")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "FAIL: it now runs beyond what its practices support: declared Partial automation, "
        "supported AI assistance"]


def test_no_regression_exits_0():
    result = run_compare("forecast-after.yaml", "forecast-after.yaml", "--fail-on-regression")
    assert result.exit_code == 0, result.output
    assert "no regression" in result.stdout


def tiny_run(tmp_path: Path, answers: dict[str, str | None], name: str) -> api.Assessed:
    folder = tmp_path / "q"
    folder.mkdir(exist_ok=True)
    shutil.copy(TINY, folder / "tiny.yaml")
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"rubric": "tiny.yaml", "answers": answers}))
    return api.run(path, generated_at="2026-01-01T00:00:00Z")


BASE = {"build.decides": "assist", "build.eval": "partial", "build.ci": "yes",
        "watch.logs": "yes", "watch.alerts": "partial", "watch.drift": "partial"}


@pytest.mark.parametrize("change, regressions", [
    ({}, []),
    ({"watch.drift": "yes"}, []),  # one answer better: nothing goes down
    ({"watch.drift": "no"}, [RegressionKind.SCORE]),  # the score down by a little
    ({"build.ci": "partial"}, [RegressionKind.SCORE]),  # stays at the gate's minimum
    # the gate fails, and a gate that names no sections caps every stage: both drop a level
    ({"build.ci": "no"}, [RegressionKind.SCORE, RegressionKind.SECTION_LEVEL,
                          RegressionKind.SECTION_LEVEL]),
    ({"watch.drift": "n/a"}, []),  # out of the score: the rest is all that counts
    ({"build.decides": "people"}, []),  # the team's design: never a regression
    ({"build.decides": "shadow"}, []),
    ({"build.decides": "model"}, [RegressionKind.BEYOND_SUPPORT]),  # declared past support
    ({"build.decides": "people", "build.eval": "no"},
     [RegressionKind.SCORE, RegressionKind.SECTION_LEVEL, RegressionKind.SUPPORTED]),
    ({"build.eval": "no"}, [RegressionKind.SCORE, RegressionKind.SECTION_LEVEL,
                            RegressionKind.SUPPORTED, RegressionKind.BEYOND_SUPPORT]),
])
def test_regressions_at_their_thresholds(tmp_path, change, regressions):
    old = tiny_run(tmp_path, BASE, "old")
    new = tiny_run(tmp_path, {**BASE, **change}, "new")
    assert [r.kind for r in compare(old, new).regressions] == regressions


def test_a_declared_degree_change_is_design_not_an_answer(tmp_path):
    old = tiny_run(tmp_path, BASE, "old")
    new = tiny_run(tmp_path, {**BASE, "build.decides": "people"}, "new")
    c = compare(old, new)
    assert c.answers == ()
    assert c.automation is not None and c.automation.design_changed
    words = render(c, HistoryFormat.TEXT)
    assert "the team changed its design, which is neither better nor worse" in words
    assert "improved" not in words.split("Result:")[1].split("\n")[0].replace(
        "0 answers improved", "")


def test_an_undeclared_degree_is_never_named(tmp_path):
    """Neither side declares who decides: no output says who decides, or that it runs at any
    degree; only what the practices support is named, as such."""
    answers = {k: v for k, v in BASE.items() if k != "build.decides"}
    c = compare(tiny_run(tmp_path, answers, "old"), tiny_run(tmp_path, answers, "new"))
    for fmt in FORMATS:
        document = render(c, fmt)
        for label in ("People decide", "Shadow", "Model decides"):
            assert label not in document, (fmt, label)
        assert "Runs at" not in document and "runs at" not in document


def test_answers_unanswered_and_na_are_neither_better_nor_worse(tmp_path):
    old = tiny_run(tmp_path, {**BASE, "watch.alerts": None}, "old")
    new = tiny_run(tmp_path, {**BASE, "watch.alerts": "no", "watch.drift": "n/a"}, "new")
    kinds = {a.question: a.kind for a in compare(old, new).answers}
    assert kinds == {"watch.alerts": AnswerChangeKind.NEUTRAL,
                     "watch.drift": AnswerChangeKind.NEUTRAL}


OPTIONS = ["no", "partial", "yes"]
SCORED = ["build.eval", "build.ci", "watch.logs", "watch.alerts", "watch.drift"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.fixed_dictionaries({q: st.sampled_from(OPTIONS) for q in SCORED}),
       question=st.sampled_from(SCORED), degree=st.sampled_from(["people", "shadow", "assist",
                                                                 "model"]))
def test_improving_one_answer_never_regresses(tmp_path, start, question, degree):
    """Moving one answer up never shows a regression, and that answer reads as improved."""
    if start[question] == "yes":
        return
    old_answers = {**start, "build.decides": degree}
    new_answers = {**old_answers, question: OPTIONS[OPTIONS.index(start[question]) + 1]}
    c = compare(tiny_run(tmp_path, old_answers, "old"), tiny_run(tmp_path, new_answers, "new"))
    assert c.regressions == ()
    assert [(a.question, a.kind) for a in c.answers] == [(question, AnswerChangeKind.IMPROVED)]
    assert c.overall.direction in (Direction.UP, Direction.SAME)


# ── Markdown for pull requests ─────────────────────────────────────────────────────────────

def test_markdown_fits_a_pull_request_comment_unless_full(tmp_path):
    """Everything unanswered against everything answered: 65 answers change."""
    empty = invoke(["init", "-o", str(tmp_path / "empty.yaml")])
    assert empty.exit_code == 0, empty.output
    full_path = ROOT / "examples" / "fraud-realtime-canary.yaml"
    short = run_compare(str(tmp_path / "empty.yaml"), str(full_path), "-f", "markdown")
    long = run_compare(str(tmp_path / "empty.yaml"), str(full_path), "-f", "markdown", "--full")
    assert short.exit_code == long.exit_code == 0, short.output
    assert len(short.stdout.encode()) <= LIMIT < len(long.stdout.encode())
    assert "more (`--full` lists them all)" in short.stdout
    assert long.stdout.count("\n- ✓ ") == json.loads(run_compare(
        str(tmp_path / "empty.yaml"), str(full_path), "-f", "json").stdout
    ).get("answers").__len__() - long.stdout.count("\n- · ") - long.stdout.count("\n- ✗ ")


def test_outputs_are_written_atomically_and_never_over_an_input(tmp_path):
    out = tmp_path / "change.md"
    first = run_compare("forecast-before.yaml", "forecast-after.yaml", "-o", str(out))
    assert first.exit_code == 0 and out.read_text().startswith("<!-- generated by")
    again = run_compare("forecast-before.yaml", "forecast-after.yaml", "-o", str(out))
    assert again.exit_code == 0, again.output  # our own output may be replaced
    mine = tmp_path / "notes.md"
    mine.write_text("my notes")
    refused = run_compare("forecast-before.yaml", "forecast-after.yaml", "-o", str(mine))
    assert refused.exit_code == 2 and mine.read_text() == "my notes"
    into_input = run_compare("forecast-before.yaml", "forecast-after.yaml", "-o",
                             "forecast-after.yaml", "--force", "-f", "text")
    assert into_input.exit_code == 2 and "is an input of this command" in into_input.stderr


def test_a_rubric_without_levels_shows_its_band_not_a_level():
    """The ML Test Score has bands and no maturity levels: no output invents a level."""
    example = str(ROOT / "examples" / "ml-test-score-recsys.yaml")
    text = run_compare(example, example).stdout
    assert "Maturity: 2.5 → 2.5 of 7 (±0), band Reasonably tested (unchanged)" in text
    assert "level" not in text.split("Maturity:")[1].split("\n")[0]
    markdown = run_compare(example, example, "-f", "markdown").stdout
    assert "· level" not in markdown and "**Band:** Reasonably tested (unchanged)" in markdown
