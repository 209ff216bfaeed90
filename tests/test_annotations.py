"""GitHub workflow commands and SARIF: placed where the finding is, escaped, and valid.

SARIF logs are checked against the official SARIF 2.1.0 schema (vendored in
``tests/data/sarif/``, its source named there). Workflow commands are read back by a parser
that follows the Actions runner's own rules, so escaping is tested by reading, not by
pattern: whatever text a rubric, a questionnaire or a file name holds, each finding is one
command whose message and properties read back exactly as written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator, FormatChecker
from typer.testing import CliRunner

from mlops_maturity.cli.application import app
from mlops_maturity.render.annotations import Annotation, Level, first_sentence
from mlops_maturity.render.github import command

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SECRET = "hunter2"


def sarif_errors(log: dict) -> list[str]:
    validator = Draft4Validator(SCHEMA, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(log)]


# ── A reader of workflow commands, as the Actions runner reads them ─────────────────────────

def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """(command, properties, message) of one line, or an AssertionError if it is none."""
    assert line.startswith("::"), line
    end = line.index("::", 2)
    info, data = line[2:end], line[end + 2:]
    name, _, props = info.partition(" ")
    properties = {}
    for pair in filter(None, props.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = unescape_property(value)
    return name, properties, unescape_data(data)


def commands_of(text: str) -> list[tuple[str, dict[str, str], str]]:
    assert text.endswith("\n") or not text
    return [parse(line) for line in text.splitlines()]


# ── Golden files: SARIF valid, and every finding at the line of its answer ───────────────────

@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_golden_sarif_is_valid_sarif_2_1_0(example):
    log = json.loads((GOLDEN / f"{example.stem}.sarif").read_text(encoding="utf-8"))
    assert sarif_errors(log) == []
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": f"examples/{example.name}",
                                                "uriBaseId": "%SRCROOT%"}
        assert physical["region"]["startLine"] >= 1


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_golden_annotations_point_at_the_answer_they_are_about(example):
    lines = example.read_text(encoding="utf-8").splitlines()
    found = commands_of((GOLDEN / f"{example.stem}.github.txt").read_text(encoding="utf-8"))
    assert found and found[-1][0] == "notice", "the verdicts come last"
    for name, props, message in found[:-1]:
        assert name in ("error", "warning")
        assert props["file"] == f"examples/{example.name}"
        written = lines[int(props["line"]) - 1]
        question = message.split(":", 1)[0]
        if name == "error":  # beyond support: at the declared degree
            assert written.strip().startswith("scoping.degree:"), written
        elif "." in question or "-" in question:  # a practice: at its answer
            assert written.strip().startswith(f"{question}:"), (question, written)
        else:  # about no single question: at the answers: key
            assert written.startswith("answers:"), written


def test_sarif_rules_carry_the_rubric_advice_as_help():
    log = json.loads((GOLDEN / "demand-forecast-batch.sarif").read_text(encoding="utf-8"))
    (run,) = log["runs"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    routing = rules["mlops-automation/deployment.confidence-routing"]
    assert routing["help"]["text"].startswith("Derive a routing threshold")
    assert rules["beyond-support"]["shortDescription"]["text"]
    levels = [r["level"] for r in run["results"]]
    assert levels == ["error", "warning", "warning", "warning"]


@pytest.mark.parametrize("text, first", [
    ("Is there CI?", "Is there CI?"),
    ("Who decides? Answer with the degree.", "Who decides?"),
    ("A bar, e.g. 0.90 recall. Agreed", "A bar, e.g. 0.90 recall."),
    ("No end at all", "No end at all"),
])
def test_a_rule_is_listed_under_the_first_sentence_of_its_question(text, first):
    assert first_sentence(text) == first


# ── Escaping ─────────────────────────────────────────────────────────────────────────────────

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(title=TEXT, message=TEXT, help_=st.text(max_size=20), file=TEXT,
       level=st.sampled_from(list(Level)), line=st.one_of(st.none(), st.integers(1, 10**6)))
def test_a_command_reads_back_exactly_whatever_the_text(title, message, help_, file, level,
                                                         line):
    a = Annotation("rule", level, title, message, file, line, help_)
    text = command(a)
    assert "\n" not in text and "\r" not in text
    name, props, read = parse(text)
    assert name == {"error": "error", "warning": "warning", "note": "notice"}[level.value]
    assert props["title"] == title
    assert read == message + (f"\n{help_}" if help_ else "")
    assert set(props) == {"file", "title"} | ({"line"} if line else set())


def hostile_rubric(tmp_path: Path) -> Path:
    """The tiny rubric with advice, texts and labels that try to end a command early, start
    another one, or add a property."""
    text = (DATA / "tiny-rubric.yaml").read_text(encoding="utf-8")
    text = text.replace("advice: Roll back.", 'advice: "100%0A::error::pwned, line=1 :: 50% done\\n'
                        '::warning file=x::injected"')
    text = text.replace("title: Tiny test rubric", 'title: "Tiny, test: rubric %25 ::stop"')
    text = text.replace("label: High", 'label: "High, line=9: ::notice::x"')
    path = tmp_path / "tiny-rubric.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_hostile_rubric_text_stays_inside_its_command(tmp_path):
    hostile_rubric(tmp_path)
    q = tmp_path / "q.yaml"
    q.write_text("rubric: tiny-rubric.yaml\ntarget: high\nanswers:\n  build.ci: partial\n",
                 encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(q), "--format", "github"])
    assert result.exit_code == 0, result.stderr
    found = commands_of(result.stdout)
    assert [name for name, _, _ in found] == ["warning", "warning", "warning", "notice"]
    ci = next(m for _, _, m in found if m.startswith("ops.rollback:"))
    assert ci.endswith('100%0A::error::pwned, line=1 :: 50% done\n::warning file=x::injected')
    for _, props, _ in found:
        assert props["file"] == str(q)
        assert set(props) <= {"file", "line", "title"}
    assert found[-1][1]["title"] == "mlops-maturity: Tiny, test: rubric %25 ::stop"
    assert found[0][1]["title"] == "mlops-maturity: blocks High, line=9: ::notice::x"


def test_hostile_rubric_text_in_sarif_is_valid(tmp_path):
    hostile_rubric(tmp_path)
    q = tmp_path / "q.yaml"
    q.write_text("rubric: tiny-rubric.yaml\ntarget: high\nanswers:\n  build.ci: partial\n",
                 encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(q), "--format", "sarif"])
    assert result.exit_code == 0, result.stderr
    log = json.loads(result.stdout)
    assert sarif_errors(log) == []
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert "::error::pwned" in rules["tiny/ops.rollback"]["help"]["text"]


# ── Where a blocker goes when its question has no answer ─────────────────────────────────────

def test_a_blocker_on_an_unanswered_question_is_placed_on_the_answers_key(tmp_path,
                                                                         tiny_rubric):
    q = tmp_path / "q.yaml"
    q.write_text(f"# a comment\nrubric: {tiny_rubric}\ntarget: high\n\nanswers:\n"
                 "  build.ci: yes\n  build.level: high\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(q), "--format", "github"])
    found = commands_of(result.stdout)
    rollback = [p for _, p, m in found if m.startswith("ops.rollback: unanswered")]
    assert rollback and rollback[0]["line"] == "5", found


# ── The commands: validate and score ─────────────────────────────────────────────────────────

CORPUS = DATA / "hostile"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "repo"
    shutil.copytree(CORPUS, folder)
    return folder


def bad_files(folder: Path) -> list[Path]:
    ok = {"empty-string-answer.yaml", "bom.yaml", "all-na.yaml", "na-rubric.yaml",
          "tiny-rubric.yaml", "huge-weight-rubric.yaml"}
    return sorted(p for p in folder.iterdir() if p.name not in ok)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir()))
def test_validate_annotates_every_problem_of_the_hostile_corpus(corpus, name):
    path = corpus / name
    text = CliRunner().invoke(app, ["validate", "--format", "github", str(path)])
    sarif = CliRunner().invoke(app, ["validate", "--format", "sarif", str(path)])
    plain = CliRunner().invoke(app, ["validate", str(path)])
    assert text.exit_code == sarif.exit_code == plain.exit_code
    assert text.stderr == sarif.stderr  # the same error lines in every format
    for output in (text.stdout, text.stderr, sarif.stdout, sarif.stderr):
        assert SECRET not in output and "Traceback" not in output
    errors = [line for line in plain.stderr.splitlines() if line.startswith("error: ")]
    found = commands_of(text.stdout)
    log = json.loads(sarif.stdout)
    assert sarif_errors(log) == []
    results = log["runs"][0]["results"]
    if plain.exit_code == 0:
        assert found == [] and results == []
        assert plain.stdout.startswith("ok: ") and text.stderr.startswith("ok: ")
        return
    assert len(found) == len(results) >= len(errors) > 0
    for (name_, props, message), result in zip(found, results):
        assert name_ == "error" and result["level"] == "error"
        assert message == result["message"]["text"]
        # the file given, or the rubric it names
        assert Path(props["file"]).parent == corpus and Path(props["file"]).is_file()
        where = props["file"]
        shown = f"error: {where}:{props['line']}: " if "line" in props else f"error: {where}: "
        assert any(e.startswith(shown) and e.endswith(message) for e in errors[:40]) or \
            len(errors) > 40, (message, errors)


def test_validate_sarif_of_good_files_has_no_results_and_ok_lines_on_stderr():
    paths = [str(p) for p in EXAMPLES[:2]] + [str(ROOT / "rubrics" / "ml-test-score.yaml")]
    result = CliRunner().invoke(app, ["validate", "--format", "sarif", *paths])
    assert result.exit_code == 0, result.stderr
    log = json.loads(result.stdout)
    assert sarif_errors(log) == [] and log["runs"][0]["results"] == []
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {"unknown-key", "band-gap", "invalid-questionnaire"} <= rules
    assert [line.split()[0] for line in result.stderr.splitlines()] == ["ok:"] * 3


def test_validate_rubric_problems_are_placed_on_the_rubric(tmp_path):
    rubric = tmp_path / "r.yaml"
    text = (DATA / "tiny-rubric.yaml").read_text(encoding="utf-8")
    rubric.write_text(text.replace("weight: 2", "weight: -2"), encoding="utf-8")
    q = tmp_path / "q.yaml"
    q.write_text("rubric: r.yaml\nanswers: {build.ci: yes}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--format", "sarif", str(q)])
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    assert sarif_errors(log) == []
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]]
    assert any(uri.endswith("r.yaml") for uri in uris) and any(u.endswith("q.yaml")
                                                               for u in uris)
    ids = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert "number-too-low" in ids


def test_an_unknown_rubric_option_is_placed_on_the_file_validated(tmp_path):
    q = tmp_path / "q.yaml"
    q.write_text("rubric: mlops-automation\nanswers: {}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--format", "github", "--rubric",
                                      "mlops-automaton", str(q)])
    assert result.exit_code == 2
    ((name, props, message),) = commands_of(result.stdout)
    assert props == {"file": str(q), "title": "mlops-maturity: usage"}
    assert message.startswith("--rubric: unknown rubric 'mlops-automaton'")


@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_score_annotates_bad_input_and_exits_2(corpus, fmt):
    path = corpus / "wrong-answer.yaml"
    result = CliRunner().invoke(app, ["score", str(path), "--format", fmt])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:")
    if fmt == "github":
        ((name, props, message),) = commands_of(result.stdout)
        assert name == "error" and props["file"] == str(path) and "'maybe'" in message
    else:
        log = json.loads(result.stdout)
        assert sarif_errors(log) == [] and len(log["runs"][0]["results"]) == 1


def test_score_github_annotates_a_threshold_not_met_and_exits_1():
    example = str(ROOT / "examples" / "demand-forecast-batch.yaml")
    result = CliRunner().invoke(app, ["score", example, "--format", "github",
                                      "--fail-under", "60", "--fail-unsupported"])
    assert result.exit_code == 1
    gates = [(p, m) for n, p, m in commands_of(result.stdout)
             if p["title"] == "mlops-maturity: threshold not met"]
    assert [m.split()[0] for _, m in gates] == ["overall", "runs"]
    assert "FAIL: overall score 58.6 is below --fail-under 60" in result.stderr


def test_score_sarif_stdout_is_only_the_log():
    example = str(ROOT / "examples" / "speech-edge.yaml")
    result = CliRunner().invoke(app, ["score", example, "--format", "sarif"])
    assert result.exit_code == 0, result.stderr
    assert sarif_errors(json.loads(result.stdout)) == []


@pytest.mark.parametrize("command", ["score", "validate"])
def test_an_unknown_format_is_a_usage_error(command):
    example = str(ROOT / "examples" / "speech-edge.yaml")
    result = CliRunner().invoke(app, [command, example, "--format", "sarf"])
    assert result.exit_code == 2
    assert "did you mean 'sarif'?" in result.stderr
