"""The hostile corpus: one file per way a questionnaire or rubric can be wrong, or malicious.

Every case runs through the CLI (Typer's runner) from a copy of ``tests/data/hostile`` that is
its own folder, and must give its exit code, one ``error:`` line per problem naming the file,
a fragment of the expected message, and never a traceback, a Python repr or a type name.
Secrets planted in files that are not rubrics must never appear in any output.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlops_maturity.cli.application import app

CORPUS = Path(__file__).resolve().parent / "data" / "hostile"
SECRET = "hunter2"

# (file, command, exit code, fragment of the message on stderr, or None)
CASES = [
    ("typo-question-id.yaml", "score", 2, "did you mean 'deployment.rollback'?"),
    ("wrong-answer.yaml", "score", 2, "'maybe' is not an allowed answer"),
    ("answered-twice.yaml", "score", 2, "is given twice, on lines 4 and 5"),
    ("empty.yaml", "score", 2, "is empty"),
    ("only-comments.yaml", "score", 2, "is empty"),
    ("tabs.yaml", "score", 2, "indent with spaces"),
    ("merge-key.yaml", "score", 2, "merge keys ('<<:') are not allowed here"),
    ("tag-binary.yaml", "score", 2, "the YAML tag '!!binary'"),
    ("tag-python.yaml", "score", 2, "the YAML tag '!!python/object/apply:os.system'"),
    ("tag-set.yaml", "score", 2, "the YAML tag '!!set'"),
    ("tag-timestamp.yaml", "score", 2, "the YAML tag '!!timestamp'"),
    ("two-documents.yaml", "score", 2, "holds more than one YAML document"),
    ("alias.yaml", "score", 2, "uses a YAML anchor/alias"),
    ("alias-bomb.yaml", "score", 2, "uses a YAML anchor/alias"),
    ("lookalike-cyrillic.yaml", "score", 2, "U+0435 CYRILLIC SMALL LETTER IE"),
    ("zero-width.yaml", "score", 2, "U+200B ZERO WIDTH SPACE"),
    ("bidi-override.yaml", "score", 2, "control character U+202E"),
    ("left-to-right-mark.yaml", "score", 2, "control character U+200E"),
    ("line-separator.yaml", "score", 2, "control character U+2028"),
    ("escape-sequence.yaml", "score", 2, "control character U+001B"),
    ("one-and-true.yaml", "score", 2, "keys '1' (line 4) and 'true' (line 5) are the same key"),
    ("hex-answer.yaml", "score", 2, "'0x10' is not an allowed answer"),
    ("sexagesimal-answer.yaml", "score", 2, "'12:30:00' is not an allowed answer"),
    ("underscore-number-answer.yaml", "score", 2, "'1_000' is not an allowed answer"),
    ("empty-string-answer.yaml", "score", 0, None),
    ("rubric-absolute.yaml", "score", 2, "rubric path '/etc/passwd' is absolute"),
    ("rubric-home.yaml", "score", 2, "rubric path '~/rubric.yaml' is absolute"),
    ("rubric-escapes.yaml", "score", 2, "leads outside the repository"),
    ("rubric-is-questionnaire.yaml", "score", 2, "is a questionnaire, not a rubric"),
    ("rubric-is-secret.yaml", "score", 2, "is not a rubric: it has no 'sections:' key"),
    ("rubric-is-shadow.yaml", "score", 2, "is not a rubric"),
    ("tiny-rubric.yaml", "score", 2, "is a rubric, not a questionnaire"),
    ("invalid-date.yaml", "score", 2, "'2026-02-30' is not a valid date"),
    ("nan-answer.yaml", "score", 2, "'.nan' is not a finite number"),
    ("huge-int.yaml", "score", 2, "is too long a number (5000 characters)"),
    ("deep-nesting.yaml", "score", 2, "nest"),
    ("unknown-top-key.yaml", "score", 2, "did you mean 'answers'?"),
    ("na-not-allowed.yaml", "score", 2, "cannot be answered n/a"),
    ("target-unknown.yaml", "score", 2, "did you mean 'full_automation'?"),
    ("list-top.yaml", "score", 2, "the top level must be a mapping of keys, not a list"),
    ("scalar-top.yaml", "score", 2, "not a single value"),
    ("bom.yaml", "score", 0, None),
    ("evidence-not-text.yaml", "score", 2, "unknown key 'a'"),
    ("answer-as-list.yaml", "score", 2, "answer must be one word, not a list"),
    ("answer-as-date.yaml", "score", 2, "answer must be one word, not the date 2026-11-30"),
    ("reason-without-na.yaml", "score", 2, "'reason' explains an n/a answer"),
    ("unknown-answer-key.yaml", "score", 2, "did you mean 'answer'?"),
    ("no-rubric-key.yaml", "score", 2, "no 'rubric:' key naming the rubric to use"),
    ("unknown-rubric-id.yaml", "score", 2, "did you mean 'mlops-automation'?"),
    ("unclosed-bracket.yaml", "score", 2, "YAML syntax error"),
    ("not-utf8.yaml", "score", 2, "is not UTF-8 text"),
    ("secret.yaml", "validate", 2, "is neither a rubric"),
    ("shadow.yml", "validate", 2, "is neither a rubric"),
    ("huge-weight-rubric.yaml", "validate", 2, "weight"),
    ("huge-weight-answers.yaml", "score", 2, "weight"),
    ("all-na.yaml", "score", 0, None),
]

FORBIDDEN = ("Traceback", "internal error", "this is a bug", "<class ", "object at 0x",
             "YamlMap", "NoneType", "Fraction(", "'float'", "'int'", "'str'", SECRET)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The corpus copied into a folder of its own, which is then the questionnaires' root."""
    folder = tmp_path_factory.mktemp("hostile") / "repo"
    shutil.copytree(CORPUS, folder)
    return folder


@pytest.mark.parametrize("name, command, code, fragment", CASES, ids=[c[0] for c in CASES])
def test_hostile_case(corpus, name, command, code, fragment):
    path = corpus / name
    result = CliRunner().invoke(app, [command, str(path)])
    everything = result.stdout + result.stderr
    assert result.exit_code == code, everything
    for word in FORBIDDEN:
        assert word not in everything, f"{word!r} in the output of {name}"
    if code == 2:
        lines = [line for line in result.stderr.splitlines() if line]
        assert lines and all(line.startswith(("error: ", "warning: ")) for line in lines), lines
        assert any(str(path) in line for line in lines), "the message names the file"
    if fragment:
        assert fragment in result.stderr, result.stderr


def test_every_corpus_file_is_in_the_table():
    listed = {c[0] for c in CASES}
    helpers = {"na-rubric.yaml"}  # rubrics the cases name
    missing = sorted(p.name for p in CORPUS.iterdir() if p.name not in listed | helpers)
    assert not missing, f"corpus files without a case: {missing}"


def test_a_symlink_out_of_the_repository_is_refused(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    outside = tmp_path / "outside.yaml"
    shutil.copy(CORPUS / "tiny-rubric.yaml", outside)
    (repo / "rubric.yaml").symlink_to(outside)
    q = repo / "q.yaml"
    q.write_text("rubric: rubric.yaml\nanswers: {}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(q)])
    assert result.exit_code == 2 and "leads outside the repository" in result.stderr


def test_a_shared_rubric_at_the_repository_root_keeps_working(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "rubrics").mkdir()
    shutil.copy(CORPUS / "tiny-rubric.yaml", repo / "rubrics" / "org.yaml")
    team = repo / "teams" / "fraud"
    team.mkdir(parents=True)
    q = team / "q.yaml"
    q.write_text("rubric: ../../rubrics/org.yaml\nanswers: {build.ci: yes}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(q), "--format", "json"])
    assert result.exit_code == 0, result.stderr


def test_the_cli_rubric_option_has_no_such_limit(tmp_path):
    rubric = tmp_path / "elsewhere" / "r.yaml"
    rubric.parent.mkdir()
    shutil.copy(CORPUS / "tiny-rubric.yaml", rubric)
    q = tmp_path / "repo" / "q.yaml"
    q.parent.mkdir()
    q.write_text("rubric: /not/used.yaml\nanswers: {build.ci: yes}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(q), "--rubric", str(rubric)])
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("option", [[], ["--fail-under", "0"], ["--fail-under", "50"],
                                    ["--fail-under-level", "high"], ["--target", "mid"],
                                    ["--strict"]])
def test_every_answer_na_gives_a_defined_result(corpus, option):
    result = CliRunner().invoke(app, ["score", str(corpus / "all-na.yaml"), *option])
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    assert "internal error" not in result.stderr
