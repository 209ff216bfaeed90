"""Evidence items and ``validate --evidence ROOT``: missing paths, bad line ranges, bad
addresses and stale items, each with file, line and key; no network access."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlops_maturity.cli import app
from mlops_maturity.load.assessment import open_assessment
from mlops_maturity.load.evidence import check_evidence, staleness, url_problem
from mlops_maturity.model.answers import Evidence, EvidenceKind, EvidenceSource, LineRange
from mlops_maturity.model.errors import QuestionnaireError
from scan_helpers import SCAN_RUBRIC, build

TODAY = dt.date(2026, 11, 30)
EPOCH = {"SOURCE_DATE_EPOCH": "1796040000"}  # 2026-11-30


@pytest.fixture
def repo(tmp_path, monkeypatch):
    shutil.copy(SCAN_RUBRIC, tmp_path / "rubric.yaml")
    build(tmp_path, {"deploy/rollout.yaml": "a\nb\nc\n", "README.md": "one line, no newline"})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def answers(repo: Path, evidence: str) -> Path:
    path = repo / "answers.yaml"
    path.write_text("rubric: rubric.yaml\nanswers:\n  ops.rollout:\n    answer: stepped\n"
                    f"    evidence:\n{evidence}", encoding="utf-8")
    return path


def checked(repo: Path, evidence: str):
    a = open_assessment(answers(repo, evidence))
    return check_evidence(a.questionnaire, a.rubric, repo, TODAY)


def test_the_forms_of_an_item_are_read_into_typed_values(repo):
    a = open_assessment(answers(repo, (
        "      - plain words\n"
        "      - {path: deploy/rollout.yaml, lines: 2-3, date: 2026-01-05}\n"
        "      - {path: README.md, lines: 1}\n"
        "      - {url: 'https://wiki.example.com/x', review_by: '2027-01-01', note: n}\n"
        "      - {text: a drill, date: 2026-10-02, source: scan}\n")))
    items = a.questionnaire.answer("ops.rollout").evidence
    assert [e.kind for e in items] == [EvidenceKind.TEXT, EvidenceKind.PATH, EvidenceKind.PATH,
                                       EvidenceKind.URL, EvidenceKind.TEXT]
    assert items[1].lines == LineRange(2, 3) and items[1].date == dt.date(2026, 1, 5)
    assert items[2].lines == LineRange(1, 1) and items[3].review_by == dt.date(2027, 1, 1)
    assert items[4].source is EvidenceSource.SCAN and not items[4].plain and items[0].plain
    assert [e.line for e in items] == [6, 7, 8, 9, 10]


@pytest.mark.parametrize("item, message", [
    ("{path: a, url: b}", "an evidence item names exactly one of text, path or url, not path "
                          "and url"),
    ("{note: x}", "not none"),
    ("{url: u, lines: 3}", "'lines' belongs to a path"),
    ("{path: a, lines: 3-1}", "'3-1' is not a range of lines"),
    ("{path: a, lines: 0}", "'0' is not a range of lines"),
    ("{path: a, lines: many}", "must be a line or a range of lines such as 12 or 10-20"),
    ("{path: a, date: soon}", "must be a date (YYYY-MM-DD), not 'soon'"),
    ("{path: a, source: robot}", "'robot' is not allowed"),
    ("{path: a, colour: red}", "unknown key 'colour'"),
    ("[a, b]", "must be text or a mapping with text, path or url, not a list"),
])
def test_malformed_items_are_refused_with_their_line(repo, item, message):
    with pytest.raises(QuestionnaireError) as info:
        open_assessment(answers(repo, f"      - {item}\n"))
    (problem,) = info.value.problems
    assert message in str(problem) and problem.line == 6


def test_paths_and_lines_are_checked_under_the_root(repo):
    (repo / "outside.txt").write_text("x\n")
    found = checked(repo, ("      - {path: deploy/rollout.yaml, lines: 1-3}\n"
                           "      - {path: README.md, lines: 1}\n"
                           "      - {path: deploy}\n"
                           "      - {path: deploy/missing.yaml}\n"
                           "      - {path: deploy/rollout.yaml, lines: 3-4}\n"
                           "      - {path: README.md, lines: 2}\n"
                           "      - {path: ../outside.txt}\n"
                           "      - {path: /etc/hostname}\n"
                           "      - {path: deploy, lines: 1}\n"))
    assert found.checked == 9
    assert [(p.line, p.key, p.message) for p in found.errors] == [
        (9, "answers.ops.rollout.evidence[3]",
         f"'deploy/missing.yaml' does not exist under {repo.resolve()}"),
        (10, "answers.ops.rollout.evidence[4]",
         "lines 3-4 of 'deploy/rollout.yaml' do not exist: it has 3 lines"),
        (11, "answers.ops.rollout.evidence[5]",
         "lines 2 of 'README.md' do not exist: it has 1 line"),
        (12, "answers.ops.rollout.evidence[6]", f"'../outside.txt' leads outside {repo.resolve()}"),
        (13, "answers.ops.rollout.evidence[7]", "'/etc/hostname' is absolute"),
        (14, "answers.ops.rollout.evidence[8]",
         "'deploy' is not a regular file, so it has no lines"),
    ]


def test_a_symlink_out_of_the_root_is_outside(repo, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "x.txt"
    elsewhere.write_text("x\n")
    (repo / "link.txt").symlink_to(elsewhere)
    (problem,) = checked(repo, "      - {path: link.txt}\n").errors
    assert "'link.txt' leads outside" in problem.message


@pytest.mark.parametrize("url, ok", [
    ("https://wiki.example.com/page#x", True), ("http://10.0.0.1:8080/a?b=c", True),
    ("HTTPS://EXAMPLE.COM", True), ("ftp://example.com/f", False), ("https://", False),
    ("https://exa mple.com", False), ("wiki/page", False), ("https://a..b/", False),
    ("https://example.com:99999/", False), ("https://[::1/", False),
    ("javascript:alert(1)", False),
])
def test_addresses_must_be_well_formed_http(url, ok):
    assert (url_problem(url) is None) is ok


@pytest.mark.parametrize("item, max_age, stale", [
    (Evidence(text="t", review_by=TODAY), None, False),  # due today: not yet past
    (Evidence(text="t", review_by=TODAY - dt.timedelta(days=1)), None, True),
    (Evidence(text="t", date=TODAY - dt.timedelta(days=365)), 365, False),  # at the limit
    (Evidence(text="t", date=TODAY - dt.timedelta(days=366)), 365, True),
    (Evidence(text="t", date=TODAY - dt.timedelta(days=3000)), None, False),  # no max age
    (Evidence(text="t"), 1, False),  # undated: never stale
])
def test_staleness_at_its_thresholds(item, max_age, stale):
    assert (staleness(item, TODAY, max_age) is not None) is stale


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=EPOCH)


def test_validate_evidence_reports_missing_files_as_errors(repo):
    answers(repo, "      - {path: deploy/gone.yaml, lines: 4}\n      - {url: 'ftp://x'}\n")
    result = run("validate", "answers.yaml", "--evidence", ".")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: answers.yaml:6: answers.ops.rollout.evidence[0]: 'deploy/gone.yaml' does not "
        f"exist under {repo.resolve()} (fix the path, or remove the item)",
        "error: answers.yaml:7: answers.ops.rollout.evidence[1]: 'ftp://x' is not an http or "
        "https address (write a full address such as https://wiki.example.com/page)"]


def test_stale_evidence_warns_and_fails_only_with_strict(repo):
    answers(repo, "      - {path: deploy/rollout.yaml, lines: 2, date: 2025-06-01}\n"
                  "      - {url: 'https://x.example', review_by: 2026-11-01}\n")
    result = run("validate", "answers.yaml", "--evidence", ".")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: answers.yaml:6: answers.ops.rollout.evidence[0]: 'deploy/rollout.yaml:2' is "
        "dated 2025-06-01, 547 days ago; the rubric's evidence_max_age is 365 days (look at it "
        "again and update its date)",
        "warning: answers.yaml:7: answers.ops.rollout.evidence[1]: 'https://x.example' was to "
        "be reviewed by 2026-11-01, 29 days ago (look at it again and update its date)"]
    assert "evidence: 2 cited files and addresses checked, 2 stale" in result.stdout
    with open("answers.yaml", "a", encoding="utf-8") as rest:  # --strict: all answered
        rest.write("  ops.degree: human_only\n  ops.ci: no\n  ops.tracking: no\n"
                   "  ops.dags: no\n  ops.runbook: no\n")
    strict = run("validate", "answers.yaml", "--evidence", ".", "--strict")
    assert strict.exit_code == 2
    assert [line[:30] for line in strict.stderr.splitlines()] == [
        "error: answers.yaml:6: answers", "error: answers.yaml:7: answers"]


def test_validate_evidence_on_a_clean_file_and_a_missing_root(repo):
    answers(repo, "      - {path: deploy/rollout.yaml, lines: 1-3, date: 2026-11-01}\n")
    ok = run("validate", "answers.yaml", "--evidence", ".")
    assert ok.exit_code == 0 and ok.stderr == ""
    bad = run("validate", "answers.yaml", "--evidence", "nowhere")
    assert (bad.exit_code, bad.stderr) == (2, "error: nowhere: is not a folder (--evidence "
                                              "names the repository's root)\n")


def test_stale_items_are_still_reported_beside_a_missing_file(repo):
    answers(repo, "      - {path: gone.yaml}\n"
                  "      - {url: 'https://x.example', review_by: 2026-01-01}\n")
    result = run("validate", "answers.yaml", "--evidence", ".")
    assert result.exit_code == 2
    assert [line.split(":")[0] + ":" + line.split(":")[2] for line in
            result.stderr.splitlines()] == ["warning:7", "error:6"]
