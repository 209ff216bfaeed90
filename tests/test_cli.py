"""The CLI through Typer's runner: every command, every documented exit code, no tracebacks."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from mlops_maturity import __version__
from mlops_maturity.cli.application import app

runner = CliRunner()
FIXED = ["--generated-at", "2026-11-30T12:00:00Z"]


def run(*args, **kwargs):
    result = runner.invoke(app, [str(a) for a in args], **kwargs)
    assert "Traceback" not in result.output + (result.stderr or "")
    return result


@pytest.fixture
def fraud(root):
    return root / "examples" / "fraud-realtime-canary.yaml"


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"mlops-maturity {__version__}"


@pytest.mark.parametrize("command", [[], ["score"], ["report"], ["badge"], ["validate"], ["init"], ["schema"],
                                     ["rubrics"], ["rubrics", "show"], ["rubrics", "new"]])
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage" in result.stdout
    if command and command != ["rubrics"]:
        assert "Exit codes" in result.stdout or command == ["rubrics"]


def test_rubrics_lists_bundled():
    result = run("rubrics")
    assert result.exit_code == 0
    for rid in ("mlops-automation", "ml-test-score", "google-mlops-levels", "azure-mlops-maturity"):
        assert rid in result.stdout
    assert re.search(r"mlops-automation.*2\.0\.0\s+66", result.stdout)


def test_rubrics_show_json_lists_answers_worst_to_best():
    result = run("rubrics", "show", "mlops-automation", "--format", "json")
    data = json.loads(result.stdout)
    q = next(q for q in data["questions"] if q["id"] == "deployment.rollback")
    assert {"id", "section", "type", "text", "weight", "answers"} <= set(q)
    assert q["answers"] == ["no", "partial", "yes"]
    degree_q = next(q for q in data["questions"] if q["type"] == "degree")
    assert degree_q["answers"] == ["human_only", "shadow_mode", "ai_assistance", "partial_automation", "full_automation"]


def test_rubrics_show_text_and_unknown():
    assert "deployment.rollback" in run("rubrics", "show", "mlops-automation").stdout
    bad = run("rubrics", "show", "ml-tset-score")
    assert bad.exit_code == 2 and "did you mean 'ml-test-score'" in bad.stderr


def test_score_text(fraud):
    result = run("score", fraud)
    assert result.exit_code == 0
    assert ("Runs at: Partial automation (declared) · its practices support: Partial automation"
            " · within support") in result.stdout
    assert "Maturity: 79.6 of 100, level 'Managed'." in result.stdout
    assert "For Full automation, the practices are not all in place (1 blocker)." in result.stdout


def test_score_json_shape(fraud):
    data = json.loads(run("score", fraud, "--format", "json", *FIXED).stdout)
    assert data["format_version"] == 3
    assert (data["rubric"]["id"], data["rubric"]["version"]) == ("mlops-automation", "2.0.0")
    assert data["project"]["name"]
    automation = data["automation"]
    assert (automation["declared"], automation["supported"], automation["within_support"]) == (
        "partial_automation", "partial_automation", True)
    assert (automation["target"], automation["target_ready"]) == ("full_automation", False)
    assert {"score", "level", "band"} <= set(data["overall"]) and "degree" not in data["overall"]
    assert all({"id", "title", "score", "level"} <= set(s) for s in data["sections"])
    assert [s["level"] for s in data["sections"] if s["kind"] == "checklist"] == [None, None]
    assert isinstance(data["unanswered"], list) and isinstance(data["not_applicable"], list)
    assert data["readiness"] is None  # the target is a degree, judged under "automation"
    first = data["recommendations"][0]
    assert (first["required"], first["towards_kind"], first["towards"]) == (
        True, "degree", "full_automation")


def test_rubric_option_overrides_questionnaire(write, data):
    path = write("a.yaml", "rubric: mlops-automation\nanswers:\n  build.ci: yes\n")
    result = run("score", path, "--rubric", data / "tiny-rubric.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rubric"]["id"] == "tiny"


@pytest.mark.parametrize("args, code, message", [
    (["--fail-under", "79.6"], 0, None),                        # equal passes
    (["--fail-under", "79.9"], 1, "overall score 79.6 is below --fail-under 79.9 by 0.3"),
    (["--fail-under-level", "managed"], 0, None),               # equal passes
    (["--fail-under-level", "defined"], 0, None),
    (["--fail-under-level", "adaptive"], 1, "below --fail-under-level adaptive by 1 level"),
    (["--fail-under-level", "adaptiv"], 2, "did you mean 'adaptive'"),
    (["--fail-unsupported"], 0, None),                          # it runs within support
    (["--fail-under-degree", "ai_assistance"], 2, "use --fail-unsupported"),
    (["--target", "full"], 2, "is not a degree or level"),
    (["--format", "yaml"], 2, "use text, json, github or sarif"),
])
def test_gates_and_exit_codes(fraud, args, code, message):
    result = run("score", fraud, *args)
    assert result.exit_code == code, result.stderr
    if message:
        assert message in result.stderr
    if code == 1:
        assert len([line for line in result.stderr.splitlines() if line.startswith("FAIL")]) == 1


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    ("", "is empty"),
    ("- a\n", "top level must be a mapping"),
    ("rubric: mlops-automation\nanswers:\n  deployment.rolback: yes\n", "did you mean 'deployment.rollback'"),
    ("rubric: mlops-automation\nanswers:\n  deployment.rollback: maybe\n", "allowed: no, partial, yes"),
    ("rubric: mlops-automation\nanswers:\n  deployment.rollback: yes\n  deployment.rollback: no\n",
     "on lines 3 and 4"),
    ("rubric: nope\nanswers: {}\n", "bundled rubrics: "),
    ("rubric: mlops-automation\nanswers: [\n", "YAML syntax error"),
])
def test_bad_input_exits_2_with_one_line_per_problem(tmp_path, content, message):
    path = tmp_path / "answers.yaml"
    if content is not None:
        path.write_text(content)
    result = run("score", path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert str(path) in result.stderr
    assert result.stdout == ""


def test_bad_input_non_utf8_and_directory(tmp_path):
    (tmp_path / "bad.yaml").write_bytes(b"rubric: x\n\xff\n")
    assert run("score", tmp_path / "bad.yaml").exit_code == 2
    assert "is a directory" in run("score", tmp_path).stderr


def test_strict(root):
    result = run("score", root / "examples" / "speech-edge.yaml", "--strict")
    assert result.exit_code == 2 and "unanswered" in result.stderr


def test_validate_tells_kinds_apart(root, tmp_path):
    result = run("validate", root / "rubrics" / "ml-test-score.yaml", root / "examples" / "ml-test-score-recsys.yaml")
    assert result.exit_code == 0
    assert "(rubric: ml-test-score" in result.stdout
    assert "(questionnaire: 28 answered, 0 n/a, 0 unanswered, of 28 questions" in result.stdout
    bad = tmp_path / "r.yaml"
    bad.write_text("id: x\ntitle: X\nversion: 1\nsections: []\nbands: []\n")
    result = run("validate", bad, root / "rubrics" / "ml-test-score.yaml")
    assert result.exit_code == 2 and "at least one section" in result.stderr and "ok:" in result.stdout


def test_init_writes_every_question_and_never_overwrites(tmp_path):
    out = tmp_path / "answers.yaml"
    assert run("init", "-o", out).exit_code == 0
    text = out.read_text()
    assert text.startswith("# yaml-language-server: $schema=mlops-automation.questionnaire.schema.json")
    assert text.count("\n  deployment.") == 10 and "rubric: \"mlops-automation\"" in text
    assert (tmp_path / "mlops-automation.questionnaire.schema.json").exists()
    out.write_text("my answers")
    again = run("init", "-o", out)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert out.read_text() == "my answers"
    assert run("init", "-o", out, "--force").exit_code == 0


def test_init_template_validates_and_scores_zero(tmp_path):
    out = tmp_path / "answers.yaml"
    run("init", "--rubric", "ml-test-score", "-o", out)
    assert run("validate", out).exit_code == 0
    assert json.loads(run("score", out, "--format", "json").stdout)["overall"]["score"] == 0


def test_init_to_stdout():
    result = run("init", "--rubric", "google-mlops-levels")
    assert result.exit_code == 0 and "rubric: \"google-mlops-levels\"" in result.stdout


def test_schema_command():
    assert json.loads(run("schema", "rubric").stdout)["title"] == "mlops-maturity rubric"
    specific = json.loads(run("schema", "questionnaire", "--rubric", "ml-test-score").stdout)
    assert "data-1" in specific["properties"]["answers"]["properties"]
    assert run("schema", "answers").exit_code == 2


def test_rubrics_new_scaffolds_a_valid_rubric(tmp_path):
    out = tmp_path / "team.yaml"
    assert run("rubrics", "new", "team-rubric", "-o", out).exit_code == 0
    assert run("validate", out).exit_code == 0
    assert run("rubrics", "new", "team-rubric", "-o", out).exit_code == 2  # never overwrites
    assert run("rubrics", "new", "Bad Id!", "-o", tmp_path / "x.yaml").exit_code == 2
    # its comments name the file it was written to, not ID.yaml
    text = out.read_text(encoding="utf-8")
    assert f"#   mlops-maturity validate {out}\n" in text and "team-rubric.yaml" not in text
    assert f"#   mlops-maturity init --rubric {out} -o answers.yaml\n" in text
    odd = tmp_path / "odd\nname.yaml"  # a name a comment line cannot carry
    assert run("rubrics", "new", "team-rubric", "-o", odd).exit_code == 0
    assert run("validate", odd).exit_code == 0
    assert "#   mlops-maturity validate RUBRIC.yaml\n" in odd.read_text(encoding="utf-8")


def test_report_writes_several_formats_from_one_run(fraud, tmp_path):
    outs = [tmp_path / "r.json", tmp_path / "r.md", tmp_path / "r.html"]
    result = run("report", fraud, *sum((["-o", o] for o in outs), []), *FIXED)
    assert result.exit_code == 0, result.stderr
    assert all(o.exists() and o.stat().st_size > 0 for o in outs)
    assert json.loads(outs[0].read_text())["overall"]["score"] == 79.6
    # regenerating over our own output is allowed; over a user's file is not
    assert run("report", fraud, "-o", outs[0], *FIXED).exit_code == 0
    mine = tmp_path / "mine.json"
    mine.write_text("{}")
    refused = run("report", fraud, "-o", mine)
    assert refused.exit_code == 2 and mine.read_text() == "{}"


def test_report_json_equals_score_json(fraud, tmp_path):
    run("report", fraud, "-o", tmp_path / "r.json", *FIXED)
    assert (tmp_path / "r.json").read_text() == run("score", fraud, "-f", "json", *FIXED).stdout


@pytest.mark.parametrize("args, message", [
    (["-o", "r.txt"], "cannot tell the format"),
    (["-o", "-"], "with -o -, give --format"),
    (["-o", "r.html", "--format", "svg"], "not a report format"),
    (["-o", "r.html", "--format", "pdf"], "is named as json, but --format is pdf"),
    (["-o", "r.json", "--format", "md"], "is named as json, but --format is markdown"),
    (["-o", "missing/r.html"], "does not exist"),
])
def test_report_usage_errors_write_nothing(fraud, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("report", fraud, "-o", "ok.json", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "ok.json").exists()


def test_report_to_stdout(fraud):
    result = run("report", fraud, "-o", "-", "--format", "json", *FIXED)
    assert json.loads(result.stdout)["format_version"] == 3


def test_badge(fraud, tmp_path):
    import xml.etree.ElementTree as ET
    out = tmp_path / "badge.svg"
    assert run("badge", fraud, "-o", out, "--score").exit_code == 0
    root = ET.parse(out).getroot()
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["who decides", "Partial automation · within support · 79.6/100"]
    title = root.find("{http://www.w3.org/2000/svg}title").text
    assert title == "who decides: Partial automation · within support · 79.6/100"
    assert "href" not in out.read_text()


def test_generated_at_from_source_date_epoch(fraud):
    result = run("score", fraud, "-f", "json", env={"SOURCE_DATE_EPOCH": "1764504000"})
    assert json.loads(result.stdout)["generated_at"] == "2025-11-30T12:00:00Z"
    assert run("score", fraud, "-f", "json", "--generated-at", "yesterday").exit_code == 2


def test_a_file_merely_mentioning_the_tool_is_not_overwritten(fraud, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Our service\nWe track maturity with mlops-maturity.\n")
    result = run("report", fraud, "-o", readme)
    assert result.exit_code == 2 and "was not written by mlops-maturity" in result.stderr
    assert readme.read_text().startswith("# Our service")


def test_never_overwrites_its_own_input_even_with_force(root, tmp_path):
    q = tmp_path / "q.yaml"
    q.write_text((root / "examples" / "ml-test-score-recsys.yaml").read_text())
    before = q.read_text()
    result = run("report", q, "-f", "json", "-o", q, "--force")
    assert result.exit_code == 2 and "is an input of this command" in result.stderr
    assert q.read_text() == before


@pytest.mark.parametrize("args, message", [
    (["--fail-under", "nan"], "'nan' is not a number"),
    (["--fail-under", "50%"], "'50%' is not a number"),
    (["--fail-under", "150"], "use a number from 0 to 100"),
    (["--fail-under", "-1"], "not a score this rubric can give"),
    (["--fail-under-level", "bogus", "-f", "json"], "is not a maturity level"),
])
def test_impossible_thresholds_fail_before_any_output(fraud, args, message):
    result = run("score", fraud, *args)
    assert result.exit_code == 2 and message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("needed, line", [
    ("79.61", "is below --fail-under 79.61 by 0.01"),
    ("79.60000001", "is below --fail-under 79.60000001 by 0.00000001"),
    ("80", "is below --fail-under 80 by 0.4"),
])
def test_shortfall_is_never_shown_as_zero(fraud, needed, line):
    result = run("score", fraud, "--fail-under", needed)
    assert result.exit_code == 1 and f"FAIL: overall score 79.6 {line}\n" in result.stderr


@pytest.mark.parametrize("content, message", [
    ("rubric: ml-test-score\nproject: {assessed_on: 2026-13-45}\nanswers: {}\n", ":2: project.assessed_on: '2026-13-45' is not a valid date"),
    ("rubric: ml-test-score\nanswers:\n  data-1: {answer: manual, notes: 2026-02-30}\n", ":3: answers.data-1.notes: '2026-02-30' is not a valid date"),
    ('rubric: ml-test-score\nproject: {name: "\\e[31mred"}\nanswers: {}\n', ":2: text contains the control character U+001B"),
    ('rubric: ml-test-score\nproject: {name: "abc\\u202edef"}\nanswers: {}\n', "U+202E"),
])
def test_hostile_or_impossible_values_are_input_errors(tmp_path, content, message):
    path = tmp_path / "q.yaml"
    path.write_text(content)
    result = run("score", path)
    assert result.exit_code == 2 and message in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def test_nan_weight_in_a_rubric(tmp_path):
    assert run("rubrics", "new", "r", "-o", tmp_path / "r.yaml").exit_code == 0
    text = (tmp_path / "r.yaml").read_text().replace("weight: 2 ", "weight: .nan ")
    (tmp_path / "r.yaml").write_text(text)
    result = run("validate", tmp_path / "r.yaml")
    assert result.exit_code == 2 and "'.nan' is not a finite number" in result.stderr


def test_validate_refuses_a_report_politely(fraud, tmp_path):
    run("report", fraud, "-o", tmp_path / "r.json")
    result = run("validate", tmp_path / "r.json")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("is a report written by mlops-maturity, not a rubric or a questionnaire")


def test_na_without_reason_warns(tiny_rubric, tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(f"rubric: {tiny_rubric}\nanswers:\n  build.level: n/a\n")
    result = run("validate", path)
    assert result.exit_code == 0 and "n/a without a reason: build.level" in result.stderr


def test_validate_and_the_report_count_answers_the_same_way(root):
    """speech-edge has 3 unanswered and 2 n/a questions: validate and the JSON agree."""
    example = root / "examples" / "speech-edge.yaml"
    line = run("validate", example).stdout
    overall = json.loads(run("score", example, "--format", "json").stdout)["overall"]
    expected = (f"{overall['answered']} answered, {overall['not_applicable']} n/a, "
                f"{overall['unanswered']} unanswered, of {overall['questions']} questions")
    assert expected in line
    assert (overall["answered"], overall["not_applicable"], overall["unanswered"]) == (61, 2, 3)


def test_fail_unsupported_needs_a_decision_axis(root):
    result = run("score", root / "examples" / "ml-test-score-recsys.yaml", "--fail-unsupported")
    assert result.exit_code == 2 and "has no decision axis" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("columns", [40, 80, 200])
@pytest.mark.parametrize("example", ["fraud-realtime-canary", "speech-edge",
                                     "demand-forecast-batch", "ml-test-score-recsys"])
def test_text_fits_the_terminal_and_wraps_at_words(root, example, columns):
    """Every line fits the terminal; prose wraps between words with a hanging indent, so a
    reader at 80 columns sees whole words and options; no line ends in blanks."""
    out = run("score", root / "examples" / f"{example}.yaml", "--steps", "all",
              env={"COLUMNS": str(columns)}).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns, max(lines, key=len)
    assert not [line for line in lines if line != line.rstrip()]
    report = json.loads(run("score", root / "examples" / f"{example}.yaml", "-f", "json").stdout)
    blockers = (report["automation"] or {}).get("blockers", []) + (report["readiness"] or {}).get(
        "blockers", [])
    flowing = " ".join(out.split())
    for b in (b for b in blockers if b.get("question") and b.get("advice")):
        # the advice sits under its blocker, every line at the same hanging indent, and reads
        # back word for word (a word cut at a line end would read as two)
        head = next(i for i, line in enumerate(lines) if line.startswith(f"  ✗ {b['question']}:"))
        under = []
        while not lines[head + 1].startswith("      "):  # the heading itself wrapped
            head += 1
        for line in lines[head + 1:]:
            if not line.startswith("      ") or line[6] == " ":
                break
            under.append(line[6:])
        assert " ".join(under) == " ".join(b["advice"].split()), (under, b["advice"])
    if "--show unanswered" in flowing:
        assert any("--show unanswered" in line for line in lines)


def test_report_summary_for_ci(fraud, tmp_path, monkeypatch):
    """The short summary: to stdout for $GITHUB_STEP_SUMMARY, to a .summary.md file by its
    suffix, or to any Markdown file with --format summary; never into a file named .json."""
    monkeypatch.chdir(tmp_path)
    out = run("report", fraud, "-o", "-", "--format", "summary", *FIXED)
    assert out.exit_code == 0 and out.stdout.startswith("<!-- generated by mlops-maturity")
    assert "Who decides" in out.stdout and len(out.stdout.encode()) < 4096
    assert run("report", fraud, "-o", "pr.summary.md", "-o", "r.md", *FIXED).exit_code == 0
    assert (tmp_path / "pr.summary.md").read_text() == out.stdout
    assert (tmp_path / "r.md").read_text() != out.stdout  # the full report, by its suffix
    assert run("report", fraud, "-o", "comment.md", "--format", "summary", *FIXED).exit_code == 0
    assert (tmp_path / "comment.md").read_text() == out.stdout
    refused = run("report", fraud, "-o", "x.json", "--format", "summary")
    assert refused.exit_code == 2 and "name it .summary.md" in refused.stderr


def test_a_bad_value_does_not_hide_the_other_problems(tmp_path):
    """A date that is no date and a repeated key are found while parsing, the unknown id and
    the answer that is not allowed once the rubric is known; validate names them all, in line
    order, each with its key."""
    path = tmp_path / "q.yaml"
    path.write_text("rubric: mlops-automation\nproject: {name: x, assessed_on: 2026-13-45}\n"
                    "answers:\n  scoping.degre: human_only\n  deployment.rollback: maybe\n"
                    "  deployment.rollback: yes\n", encoding="utf-8")
    for command in ("validate", "score"):
        result = run(command, path)
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert [line.split(": ")[2] for line in lines] == [
            "project.assessed_on", "answers.scoping.degre", "answers.deployment.rollback",
            "answers.deployment.rollback"]  # the key given twice is named too
        assert [line.split(":")[2] for line in lines] == ["2", "4", "5", "6"]


@pytest.mark.parametrize("epoch, message", [
    ("soon", "error: SOURCE_DATE_EPOCH: 'soon' is not a whole number of seconds"),
    ("1.5", "error: SOURCE_DATE_EPOCH: '1.5' is not a whole number of seconds"),
    ("99999999999999", "error: SOURCE_DATE_EPOCH: 99999999999999 seconds is outside the dates"),
])
def test_a_source_date_epoch_that_cannot_be_a_date_is_named(fraud, epoch, message):
    result = run("report", fraud, "-o", "-", "-f", "json", env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 2 and result.stderr.startswith(message), result.stderr
