"""Settings: where they are found, which value wins, and how a bad file is reported.

Each case lays out a small tree of folders in ``tmp_path`` and runs from one of them. Every
tree has a ``.git`` somewhere, so no walk leaves ``tmp_path``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlops_maturity.cli.application import app
from mlops_maturity.load.settings import (KEY_NAMES, COMMAND_LINE, OriginKind, Settings,
                                          load_settings)
from mlops_maturity.model.errors import SettingsError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
runner = CliRunner()

PYPROJECT = '[project]\nname = "team"\n\n[tool.mlops-maturity]\nrubric = "ml-test-score"\n'
DOT = 'rubric = "google-mlops-levels"\n'


def lay_out(base: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".git"):
            path.mkdir(exist_ok=True)
        else:
            path.write_text(text, encoding="utf-8")


def run(*args, **kwargs):
    result = runner.invoke(app, [str(a) for a in args], **kwargs)
    assert "Traceback" not in result.output + (result.stderr or "")
    return result


# (files, working folder, the settings file used or None, the rubric it sets)
DISCOVERY = [
    pytest.param({".git": "", ".mlops-maturity.toml": DOT}, ".", ".mlops-maturity.toml",
                 "google-mlops-levels", id="dot-file-here"),
    pytest.param({".git": "", "pyproject.toml": PYPROJECT}, ".", "pyproject.toml",
                 "ml-test-score", id="pyproject-table-here"),
    pytest.param({".git": "", "pyproject.toml": PYPROJECT, ".mlops-maturity.toml": DOT}, ".",
                 ".mlops-maturity.toml", "google-mlops-levels", id="both-dot-file-wins"),
    pytest.param({".git": "", "pyproject.toml": PYPROJECT, "a/b/x": ""}, "a/b",
                 "../../pyproject.toml", "ml-test-score", id="found-two-folders-up"),
    pytest.param({".git": "", "pyproject.toml": PYPROJECT,
                  "a/pyproject.toml": '[project]\nname = "mlops-maturity-plugin"\n'}, "a",
                 "../pyproject.toml", "ml-test-score", id="pyproject-without-table-passed-by"),
    pytest.param({".git": "", "pyproject.toml": PYPROJECT,
                  "a/pyproject.toml": "not [valid toml\n"}, "a",
                 "../pyproject.toml", "ml-test-score", id="broken-foreign-pyproject-ignored"),
    pytest.param({".git": "", "pyproject.toml": PYPROJECT, "a/.mlops-maturity.toml": DOT},
                 "a", ".mlops-maturity.toml", "google-mlops-levels", id="nearest-folder-wins"),
    pytest.param({".git": "", ".mlops-maturity.toml": DOT,
                  "a/pyproject.toml": '[tool.mlops-maturity]\nrubric = "ml-test-score"\n'},
                 "a", "pyproject.toml", "ml-test-score", id="walk-stops-at-first-folder"),
    pytest.param({".mlops-maturity.toml": DOT, "repo/.git": "", "repo/a/x": ""}, "repo/a",
                 None, None, id="stops-at-git-root"),
    pytest.param({".mlops-maturity.toml": DOT, "repo/.git": ""}, "repo", None, None,
                 id="git-root-itself-stops"),
    pytest.param({"repo/.git": "", "repo/.mlops-maturity.toml": DOT, "repo/a/b/x": ""},
                 "repo/a/b", "../../.mlops-maturity.toml", "google-mlops-levels",
                 id="settings-at-git-root-from-deep"),
    pytest.param({".git": "", "pyproject.toml":
                  '[tool]\nmlops-maturity = { rubric = "ml-test-score" }\n'}, ".",
                 "pyproject.toml", "ml-test-score", id="inline-table-under-bare-tool"),
    pytest.param({".git": "", "pyproject.toml": '[tool.black]\nline-length = 100\n'}, ".",
                 None, None, id="pyproject-of-other-tools-only"),
]


@pytest.mark.parametrize("files, cwd, used, rubric", DISCOVERY)
def test_discovery(tmp_path, files, cwd, used, rubric):
    lay_out(tmp_path, files)
    s = load_settings(tmp_path / cwd)
    assert (s.file.display if s.file else None) == used
    assert s.rubric.value == rubric
    if used is not None:
        assert s.rubric.origin.kind is OriginKind.FILE and s.rubric.origin.line is not None
    assert Path(s.searched[0]) == tmp_path / cwd


def test_both_files_say_which_is_ignored(tmp_path, monkeypatch):
    lay_out(tmp_path, {".git": "", "pyproject.toml": PYPROJECT, ".mlops-maturity.toml": DOT})
    assert load_settings(tmp_path).file.ignored == "pyproject.toml"
    monkeypatch.chdir(tmp_path)
    result = run("config")
    assert result.exit_code == 0
    assert ("warning: pyproject.toml: the [tool.mlops-maturity] table is ignored, because "
            ".mlops-maturity.toml is in the same folder") in result.stderr
    assert "rubric            google-mlops-levels  .mlops-maturity.toml:1" in result.stdout


def test_lines_are_found_in_the_table_not_elsewhere(tmp_path):
    text = ('[tool.other]\ntarget = "x"\n\n[tool."mlops-maturity"]  # ours\n'
            '# a comment\ntarget = "managed"\nfail_under = 60\n\n[tool.after]\nstrict = 1\n')
    lay_out(tmp_path, {".git": "", "pyproject.toml": text})
    s = load_settings(tmp_path)
    assert (s.target.value, str(s.target.origin)) == ("managed", "pyproject.toml:6")
    assert (s.fail_under.value, s.fail_under.origin.line) == ("60", 7)
    assert s.strict.value is False and s.strict.origin.kind is OriginKind.DEFAULT


def test_every_key_can_be_set(tmp_path):
    text = ('questionnaire = "mlops/answers.yaml"\nrubric = "rubrics/team.yaml"\n'
            'target = "managed"\nfail_under = 72.5\nfail_under_level = "defined"\n'
            'fail_unsupported = true\nstrict = true\nevidence_root = "."\n'
            'outputs = ["out/r.html", "out/r.md"]\n')
    lay_out(tmp_path, {".git": "", ".mlops-maturity.toml": text})
    s = load_settings(tmp_path)
    assert set(s.from_file()) == set(KEY_NAMES)
    assert s.questionnaire.value == Path("mlops/answers.yaml")
    assert s.rubric.value == "rubrics/team.yaml"
    assert (s.fail_under.value, s.fail_unsupported.value, s.strict.value) == ("72.5", True, True)
    assert s.evidence_root.value == Path(".")
    assert s.outputs.value == ("out/r.html", "out/r.md")
    assert [s.get(k).origin.line for k in KEY_NAMES] == list(range(1, 10))


def test_paths_are_relative_to_the_settings_file_from_any_folder(tmp_path):
    lay_out(tmp_path, {".git": "", ".mlops-maturity.toml":
                       'questionnaire = "mlops/answers.yaml"\noutputs = ["out/r.html"]\n',
                       "deep/er/x": ""})
    s = load_settings(tmp_path / "deep" / "er")
    assert s.questionnaire.value == Path("../../mlops/answers.yaml")
    assert s.outputs.value == ("../../out/r.html",)
    assert (tmp_path / "deep" / "er" / s.questionnaire.value).resolve() == (
        tmp_path / "mlops" / "answers.yaml")


# (settings, command-line options, key, effective value, origin kind)
PRECEDENCE = [
    ("", {}, "target", None, OriginKind.DEFAULT),
    ('target = "managed"', {}, "target", "managed", OriginKind.FILE),
    ('target = "managed"', {"target": "defined"}, "target", "defined", OriginKind.COMMAND_LINE),
    ('fail_unsupported = true', {"fail_unsupported": False}, "fail_unsupported", False,
     OriginKind.COMMAND_LINE),
    ('fail_unsupported = true', {"fail_unsupported": None}, "fail_unsupported", True,
     OriginKind.FILE),
    ("", {"strict": True}, "strict", True, OriginKind.COMMAND_LINE),
    ('outputs = ["a.html"]', {"outputs": []}, "outputs", ("a.html",), OriginKind.FILE),
    ('outputs = ["a.html"]', {"outputs": ["-"]}, "outputs", ("-",), OriginKind.COMMAND_LINE),
    ('fail_under = 60', {"fail_under": "70"}, "fail_under", "70", OriginKind.COMMAND_LINE),
]


@pytest.mark.parametrize("text, options, key, value, origin", PRECEDENCE)
def test_precedence(tmp_path, text, options, key, value, origin):
    lay_out(tmp_path, {".git": "", ".mlops-maturity.toml": text + "\n"})
    s = load_settings(tmp_path).given(**options)
    assert (s.get(key).value, s.get(key).origin.kind) == (value, origin)


def test_given_refuses_a_key_that_does_not_exist():
    with pytest.raises(KeyError):
        Settings(None, ()).given(fail_undr="1")
    assert Settings(None, ()).given(target="x").target.origin == COMMAND_LINE


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git work tree holding the examples, entered as the working folder."""
    lay_out(tmp_path, {".git": ""})
    for name in ("demand-forecast-batch.yaml", "fraud-realtime-canary.yaml",
                 "speech-edge.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)

    def settings(text: str) -> Path:
        (tmp_path / ".mlops-maturity.toml").write_text(text, encoding="utf-8")
        return tmp_path
    return settings


# demand-forecast-batch runs beyond support (partial automation declared, AI assistance
# supported) at 58.6 and level Defined; fraud-realtime-canary is within support at 79.6.
# (settings, command line, exit code, text in stderr)
CLI_PRECEDENCE = [
    ('questionnaire = "fraud-realtime-canary.yaml"\n', [], 0, None),
    ('questionnaire = "fraud-realtime-canary.yaml"\nfail_under = 80\n', [], 1,
     "note: --fail-under 80 is set by .mlops-maturity.toml:2 (fail_under)"),
    ('questionnaire = "fraud-realtime-canary.yaml"\nfail_under = 80\n',
     ["--fail-under", "79.6"], 0, None),
    ('questionnaire = "demand-forecast-batch.yaml"\nfail_unsupported = true\n', [], 1,
     "--fail-unsupported is set by .mlops-maturity.toml:2"),
    ('questionnaire = "demand-forecast-batch.yaml"\nfail_unsupported = true\n',
     ["--no-fail-unsupported"], 0, None),
    ('questionnaire = "demand-forecast-batch.yaml"\n', ["--fail-unsupported"], 1,
     "beyond what its practices support"),
    ('questionnaire = "fraud-realtime-canary.yaml"\nfail_under_level = "adaptive"\n', [], 1,
     "below --fail-under-level adaptive"),
    ('questionnaire = "speech-edge.yaml"\nstrict = true\n', [], 2, "unanswered"),
    ('questionnaire = "speech-edge.yaml"\nstrict = true\n', ["--no-strict"], 0, None),
    ('questionnaire = "fraud-realtime-canary.yaml"\nfail_under = 80\n',
     ["demand-forecast-batch.yaml", "--fail-under", "50"], 0, None),
]


@pytest.mark.parametrize("text, args, code, message", CLI_PRECEDENCE)
def test_score_options_over_settings(repo, text, args, code, message):
    repo(text)
    result = run("score", *args)
    assert result.exit_code == code, result.stderr
    if message:
        assert message in result.stderr


def test_target_and_rubric_from_settings_override_the_questionnaire(repo):
    repo('questionnaire = "fraud-realtime-canary.yaml"\ntarget = "managed"\n')
    data = json.loads(run("score", "--format", "json").stdout)
    assert data["readiness"]["target"] == "managed"
    data = json.loads(run("score", "--format", "json", "--target", "shadow_mode").stdout)
    assert data["automation"]["target"] == "shadow_mode" and data["readiness"] is None
    repo('rubric = "ml-test-score"\n')
    result = run("score", "fraud-realtime-canary.yaml")
    assert result.exit_code == 2 and "ml-test-score" in result.stderr  # answers do not fit


def test_report_writes_the_outputs_setting_and_o_overrides(repo, tmp_path):
    repo('questionnaire = "fraud-realtime-canary.yaml"\n'
         'outputs = ["out/review.html", "out/review.md"]\n')
    (tmp_path / "out").mkdir()
    result = run("report", "--generated-at", "2026-11-30T12:00:00Z")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["review.html", "review.md"]
    result = run("report", "-o", "only.json")
    assert result.exit_code == 0 and (tmp_path / "only.json").exists()
    assert not (tmp_path / "out" / "only.json").exists()


def test_report_without_outputs_anywhere(repo):
    repo('questionnaire = "fraud-realtime-canary.yaml"\n')
    result = run("report")
    assert result.exit_code == 2
    assert "error: --output: no file to write (give -o FILE" in result.stderr


def test_no_questionnaire_anywhere(repo):
    repo('target = "managed"\n')
    result = run("score")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: QUESTIONNAIRE: no questionnaire given")


def test_validate_and_badge_use_the_questionnaire_setting(repo):
    repo('questionnaire = "fraud-realtime-canary.yaml"\n')
    result = run("validate")
    assert result.exit_code == 0 and result.stdout.startswith("ok: fraud-realtime-canary.yaml")
    result = run("badge", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<svg")


def test_init_uses_the_rubric_setting(repo):
    repo('rubric = "ml-test-score"\n')
    result = run("init")
    assert result.exit_code == 0 and 'rubric: "ml-test-score"' in result.stdout
    assert 'rubric: "google-mlops-levels"' in run("init", "-r", "google-mlops-levels").stdout


def test_settings_rubric_path_from_a_subfolder(repo, tmp_path, monkeypatch):
    shutil.copy(ROOT / "tests" / "data" / "tiny-rubric.yaml", tmp_path / "tiny.yaml")
    (tmp_path / "answers.yaml").write_text("rubric: mlops-automation\nanswers:\n  build.ci: yes\n")
    repo('rubric = "tiny.yaml"\nquestionnaire = "answers.yaml"\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    result = run("score", "--format", "json", "-v")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rubric"]["id"] == "tiny"
    assert result.stderr.splitlines() == [
        "info: settings: ../.mlops-maturity.toml, giving questionnaire, rubric",
        "info: questionnaire: ../answers.yaml (from ../.mlops-maturity.toml:2)",
        f"info: rubric: tiny 1.0 from {tmp_path / 'tiny.yaml'}"]


# (settings text, the one error line expected)
ERRORS = [
    ('questionaire = "a.yaml"\n',
     "error: .mlops-maturity.toml:1: questionaire: unknown key 'questionaire' (did you mean "
     "'questionnaire'?)"),
    ('fail-under = 60\n', "error: .mlops-maturity.toml:1: fail-under: unknown key 'fail-under' "
     "(did you mean 'fail_under'?)"),
    ('\n\nfail_under = "sixty"  # a comment\n',
     'error: .mlops-maturity.toml:3: fail_under: "sixty" is not a number (write a number '
     'without quotes, such as 60 or 72.5)'),
    ('fail_under = true\n', "error: .mlops-maturity.toml:1: fail_under: true is not a number"),
    ("fail_unsupported = 'yes'\n",
     "error: .mlops-maturity.toml:1: fail_unsupported: 'yes' is not true or false (write "
     "true or false, without quotes)"),
    ('strict = 1\n', "error: .mlops-maturity.toml:1: strict: 1 is not true or false"),
    ('target = 3\n', "error: .mlops-maturity.toml:1: target: 3 is not text (write it in "
     "double quotes)"),
    ('target = "  "\n', "error: .mlops-maturity.toml:1: target: is empty"),
    ('target = "man\\u202eaged"\n',
     "error: .mlops-maturity.toml:1: target: text contains the control character U+202E"),
    ('rubric = "ml-tset-score"\n', "error: .mlops-maturity.toml:1: rubric: unknown rubric "
     "'ml-tset-score' (did you mean 'ml-test-score'?)"),
    ('rubric = "/etc/rubric.yaml"\n', "error: .mlops-maturity.toml:1: rubric: path "
     "'/etc/rubric.yaml' is absolute; it must be relative to the settings file"),
    ('questionnaire = "../elsewhere/a.yaml"\n',
     "error: .mlops-maturity.toml:1: questionnaire: path '../elsewhere/a.yaml' leads outside "
     "the repository that holds the settings file"),
    ('evidence_root = "~/evidence"\n', "error: .mlops-maturity.toml:1: evidence_root: path "
     "'~/evidence' is absolute"),
    ('outputs = "r.html"\n', 'error: .mlops-maturity.toml:1: outputs: "r.html" is not a list '
     'of files'),
    ('outputs = []\n', "error: .mlops-maturity.toml:1: outputs: [] is not a list of files"),
    ('outputs = ["r.html", 3]\n',
     "error: .mlops-maturity.toml:1: outputs: 3 is not a file name"),
    ('outputs = ["-"]\n', "error: .mlops-maturity.toml:1: outputs: '-' (stdout) cannot be a "
     "setting (use -o - on the command line)"),
    ('[report]\nformat = "html"\n', "error: .mlops-maturity.toml:1: report: unknown key "
     "'report'"),
    ('target = "managed\n', "error: .mlops-maturity.toml:1: is not valid TOML: "),
    ('a = 1\na = 2\n', "error: .mlops-maturity.toml:2: is not valid TOML: "),
]


@pytest.mark.parametrize("text, line", ERRORS)
def test_bad_settings_are_one_line_each_and_exit_2(repo, text, line):
    repo(text)
    result = run("config")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(line), result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_every_problem_at_once(repo):
    repo('questionaire = "a.yaml"\nfail_under = "x"\nstrict = "no"\n')
    lines = run("score", "x.yaml").stderr.splitlines()
    assert [line.split(":")[3] for line in lines] == [" questionaire", " fail_under", " strict"]


def test_pyproject_errors_name_the_table_key(tmp_path, monkeypatch):
    lay_out(tmp_path, {".git": "", "pyproject.toml":
                       '[project]\nname = "x"\n\n[tool.mlops-maturity]\nrubic = "x"\n'})
    monkeypatch.chdir(tmp_path)
    result = run("config")
    assert result.exit_code == 2
    assert result.stderr == ("error: pyproject.toml:5: tool.mlops-maturity.rubic: unknown key "
                             "'rubic' (did you mean 'rubric'?)\n")
    (tmp_path / "pyproject.toml").write_text('[tool]\nmlops-maturity = 3\n')
    assert run("config").stderr == ("error: pyproject.toml:2: tool.mlops-maturity: "
                                    "'tool.mlops-maturity' must be a table of settings (write "
                                    "[tool.mlops-maturity] and the keys under it)\n")


# Values the file can hold but the rubric refuses are reported at the settings line.
# (settings, the error expected)
VALUE_ERRORS = [
    ('fail_under = 200\n', "error: .mlops-maturity.toml:2: fail_under: 200 is not a score "
     "this rubric can give (use a number from 0 to 100)"),
    ('fail_under_level = "manged"\n', "error: .mlops-maturity.toml:2: fail_under_level: "
     "'manged' is not a maturity level of rubric 'mlops-automation' (did you mean 'managed'?)"),
    ('target = "fully"\n', "error: .mlops-maturity.toml:2: target: 'fully' is not a degree or "
     "level"),
    ('questionnaire = "tiny-answers.yaml"\nfail_unsupported = true\nrubric = "tiny.yaml"\n',
     "error: .mlops-maturity.toml:2: fail_unsupported: rubric 'tiny' has no decision axis"),
]


@pytest.mark.parametrize("text, line", VALUE_ERRORS)
def test_values_refused_by_the_rubric_point_at_the_settings_line(repo, tmp_path, text,
                                                                  line):
    shutil.copy(ROOT / "tests" / "data" / "tiny-rubric.yaml", tmp_path / "tiny.yaml")
    (tmp_path / "tiny-answers.yaml").write_text("rubric: tiny.yaml\nanswers:\n  build.ci: yes\n")
    fraud = 'questionnaire = "fraud-realtime-canary.yaml"\n'
    repo(text if "questionnaire" in text else fraud + text)
    result = run("score")
    assert result.exit_code == 2
    assert any(got.startswith(line) for got in result.stderr.splitlines()), result.stderr


def test_a_missing_file_named_by_a_setting_is_followed_by_the_line_naming_it(repo):
    repo('questionnaire = "fraud-realtime-canary.yaml"\nrubric = "rubrics/nope.yaml"\n')
    assert run("score").stderr.splitlines() == [
        "error: rubrics/nope.yaml: no such file",
        "error: .mlops-maturity.toml:2: rubric: names 'rubrics/nope.yaml', which cannot be used"
        " (paths are relative to the settings file)"]
    repo('questionnaire = "gone.yaml"\n')
    assert run("score").stderr.splitlines() == [
        "error: gone.yaml: no such file",
        "error: .mlops-maturity.toml:1: questionnaire: names 'gone.yaml', which cannot be used"
        " (paths are relative to the settings file)"]



@pytest.mark.parametrize("command", [["init", "-o", "new.yaml"], ["scan", ".", "-o", "s.yaml"]])
def test_commands_that_name_the_rubric_by_absolute_path_still_blame_the_setting(repo, tmp_path,
                                                                                command):
    repo('rubric = "rubrics/nope.yaml"\n')
    lines = run(*command).stderr.splitlines()
    assert lines[-1] == ("error: .mlops-maturity.toml:1: rubric: names 'rubrics/nope.yaml', "
                         "which cannot be used (paths are relative to the settings file)")
    assert not (tmp_path / command[-1]).exists()


def test_an_error_about_an_option_typed_on_the_command_line_stays_there(repo):
    repo('questionnaire = "fraud-realtime-canary.yaml"\nfail_under = 50\n')
    result = run("score", "--fail-under", "200")
    assert result.stderr.startswith("error: --fail-under: 200 is not a score")


def test_config_text_and_json(repo, tmp_path):
    repo('questionnaire = "fraud-realtime-canary.yaml"\nfail_under = 60\n')
    (tmp_path / "sub").mkdir()
    result = run("config")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == ("settings: .mlops-maturity.toml, giving questionnaire, fail_under")
    assert lines[2].split() == ["key", "value", "from"]
    rows = {line.split()[0]: line.split(None, 2)[1:] for line in lines[3:]
            if line and not line.startswith(" ")}  # a wrapped "from" continues indented
    assert rows["questionnaire"] == ["fraud-realtime-canary.yaml", ".mlops-maturity.toml:1"]
    assert rows["fail_under"] == ["60", ".mlops-maturity.toml:2"]
    assert rows["strict"] == ["false", "default: false"]
    assert list(rows) == list(KEY_NAMES)
    data = json.loads(run("config", "--format", "json").stdout)
    assert data["settings_file"] == ".mlops-maturity.toml" and data["table"] is None
    assert data["settings"]["fail_under"] == {
        "value": 60, "from": {"kind": "file", "file": ".mlops-maturity.toml", "line": 2}}
    assert data["settings"]["outputs"] == {
        "value": [], "from": {"kind": "default", "file": None, "line": None}}
    assert run("config", "--format", "yaml").exit_code == 2
    repo('fail_under = 72.5\n')
    assert json.loads(run("config", "-f", "json").stdout)["settings"]["fail_under"]["value"] == 72.5


@pytest.mark.parametrize("columns", [80, 200])
def test_config_wraps_the_from_column_under_itself(repo, columns):
    repo('questionnaire = "fraud-realtime-canary.yaml"\n')
    lines = run("config", env={"COLUMNS": str(columns)}).stdout.splitlines()[2:]
    start = lines[0].index("from")
    keys = [line.split()[0] for line in lines[1:] if not line.startswith(" ")]
    assert keys == list(KEY_NAMES)  # every key on its own row, in order
    assert all(len(line) <= columns for line in lines)
    continued = [line for line in lines[1:] if line.startswith(" ")]
    assert all(line[start - 1] == " " and line[start] != " " for line in continued)
    assert bool(continued) is (columns == 80)  # the defaults' wording fits in 200 columns
    joined = " ".join(line[start:].strip() for line in lines[1:])
    assert "default: the questionnaire's rubric: key (init and scan: mlops-automation)" in joined


def test_config_without_settings_says_where_it_looked(tmp_path, monkeypatch):
    lay_out(tmp_path, {".git": "", "a/b/x": ""})
    monkeypatch.chdir(tmp_path / "a" / "b")
    first = run("config").stdout.splitlines()[0]
    assert first == (f"settings: none found (looked in {tmp_path / 'a' / 'b'} and each folder "
                     f"up to {tmp_path})")


def test_a_settings_file_that_is_a_directory_or_fifo_is_refused(repo, tmp_path):
    (tmp_path / ".mlops-maturity.toml").mkdir()
    result = run("config")
    assert result.exit_code == 2 and "is a directory" in result.stderr


def test_validate_checks_evidence_under_the_evidence_root_setting(repo, tmp_path):
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "canary.yaml").write_text("steps: 3\n", encoding="utf-8")
    cited = (tmp_path / "cited.yaml")
    cited.write_text("rubric: mlops-automation\nanswers:\n  deployment.rollback:\n"
                     "    answer: yes\n    evidence:\n      - {path: deploy/canary.yaml}\n"
                     "      - {path: deploy/gone.yaml}\n", encoding="utf-8")
    repo('questionnaire = "cited.yaml"\n')
    result = run("validate")
    assert result.exit_code == 0 and "evidence:" not in result.stdout  # no root, no check
    repo('questionnaire = "cited.yaml"\nevidence_root = "."\n')
    result = run("validate")
    assert result.exit_code == 2
    assert "cited.yaml:7" in result.stderr and "deploy/gone.yaml" in result.stderr
    cited.write_text(cited.read_text().replace("      - {path: deploy/gone.yaml}\n", ""))
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert "evidence: 1 cited files and addresses checked, 0 stale" in result.stdout
    result = run("validate", "-", input=cited.read_text())
    assert result.exit_code == 0 and "evidence not checked" in result.stderr
    result = run("validate", "-", "--evidence", ".", input=cited.read_text())
    assert result.exit_code == 2 and "error: --evidence: needs the questionnaire" in result.stderr


def _config_as_nobody(cwd: Path) -> tuple[int, str, str]:
    """``config`` in a forked child that entered ``cwd`` as root, then dropped to nobody (as
    when a checkout sits inside another user's private folder)."""
    import os
    run("config")  # import what the child needs while everything is readable
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.chdir(cwd)
            os.setgid(65534)
            os.setuid(65534)
            result = CliRunner().invoke(app, ["config"])
            os.write(write, json.dumps([result.exit_code, result.stdout, result.stderr]).encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as got:
        code, stdout, stderr = json.loads(got.read())
    return code, stdout, stderr


# Settings the child can check without reading the package's own files: in CI the checkout
# (and so the bundled rubrics) sits inside a folder nobody may enter.
GATE = "fail_under = 60\n"
GATE_TABLE = '[project]\nname = "team"\n\n[tool.mlops-maturity]\nfail_under = 60\n'


@pytest.fixture
def open_tmp():
    """A folder anyone may enter (pytest's own temporary folders are root's alone, and an
    absolute path below them is closed to nobody whatever the folder's own mode)."""
    import os
    import tempfile
    if os.geteuid() != 0:
        pytest.skip("needs root to drop to another user")
    folder = Path(tempfile.mkdtemp(prefix="mlops-maturity-settings-"))
    os.chmod(folder, 0o755)
    yield folder
    for inner in folder.rglob("*"):
        if inner.is_dir():
            os.chmod(inner, 0o755)
    shutil.rmtree(folder)


def test_the_walk_stops_at_a_folder_it_may_not_search(open_tmp):
    import os
    private = open_tmp / "private"
    lay_out(private, {"pyproject.toml": GATE_TABLE, "repo/sub/x": ""})
    os.chmod(private, 0o700)  # nobody may not look inside, yet its working folder is below
    for folder in (private / "repo", private / "repo" / "sub"):
        os.chmod(folder, 0o755)
    sub, repo = private / "repo" / "sub", private / "repo"
    code, stdout, stderr = _config_as_nobody(sub)
    assert code == 0 and stderr == "", stderr
    assert stdout.splitlines()[0] == (f"settings: none found (looked in {sub} and each "
                                      f"folder up to {repo})")
    (repo / ".mlops-maturity.toml").write_text(GATE, encoding="utf-8")
    os.chmod(repo / ".mlops-maturity.toml", 0o644)
    code, stdout, stderr = _config_as_nobody(sub)
    assert code == 0, stderr
    assert stdout.splitlines()[0] == "settings: ../.mlops-maturity.toml, giving fail_under"


def test_an_unreadable_pyproject_is_passed_by(open_tmp):
    import os
    lay_out(open_tmp, {".git": "", ".mlops-maturity.toml": GATE,
                      "a/pyproject.toml": GATE_TABLE})
    os.chmod(open_tmp / "a" / "pyproject.toml", 0o600)
    os.chmod(open_tmp / "a", 0o755)
    os.chmod(open_tmp / ".mlops-maturity.toml", 0o644)
    code, stdout, stderr = _config_as_nobody(open_tmp / "a")
    assert code == 0, stderr
    assert stdout.splitlines()[0] == "settings: ../.mlops-maturity.toml, giving fail_under"
