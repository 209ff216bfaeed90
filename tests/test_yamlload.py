"""The YAML loader refuses what PyYAML would silently get wrong, and always names a line."""

from __future__ import annotations

import time

import pytest

from mlops_maturity.model.errors import InputFileError
from mlops_maturity.load.yamlfile import load_mapping, parse_yaml


def problems(text: str) -> list[str]:
    with pytest.raises(InputFileError) as info:
        parse_yaml(text, "f.yaml")
    return [str(p) for p in info.value.problems]


def test_duplicate_key_reports_both_lines():
    assert problems("answers:\n  a: yes\n  b: no\n  a: no\n") == [
        "f.yaml:4: key 'a' is given twice, on lines 2 and 4 "
        "(keep one; YAML would silently drop the first)"]


def test_every_duplicate_is_reported():
    assert len(problems("a: 1\na: 2\nb: 1\nb: 2\n")) == 2


def test_alias_is_refused_with_line():
    found = problems("x: &anchor yes\ny: *anchor\n")
    assert found[0].startswith("f.yaml:1: uses a YAML anchor/alias")


def test_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    start = time.perf_counter()
    assert "alias" in problems("\n".join(lines) + "\n")[0]
    assert time.perf_counter() - start < 5  # walking would take hours; refusing is instant


def test_deep_nesting_is_an_error_not_a_crash():
    assert "YAML" in problems("[" * 20000 + "]" * 20000)[0]


@pytest.mark.parametrize("text, expected", [
    # libyaml points past the end; the line is clamped to the last one
    ("a: [1, 2\n", "f.yaml:1: YAML syntax error"),
    ("a:\n\tb: 1\n", "f.yaml:2: YAML syntax error: found character that cannot start any token "
                     "(indent with spaces; YAML does not allow tabs)"),
    ("a: b: c\n", "f.yaml:1: YAML syntax error: mapping values are not allowed"),
    ("", "f.yaml: is empty"),
    ("# only a comment\n", "f.yaml: is empty"),
])
def test_syntax_errors_name_the_line(text, expected):
    assert problems(text)[0].startswith(expected)


def test_yaml_11_booleans_are_loaded_as_booleans_for_later_mapping():
    data = parse_yaml("a: yes\nb: no\nc: on\nd: off\ne: 010\nf: 1e3\n", "f.yaml")
    assert data == {"a": True, "b": False, "c": True, "d": False, "e": 8, "f": "1e3"}


def test_lines_are_remembered():
    data = parse_yaml("top:\n  x: 1\n  y:\n    - a\n    - b\n", "f.yaml")
    assert data.line_of("top") == 1
    assert data["top"].line_of("y") == 3
    assert data["top"]["y"].line_of(1) == 5


@pytest.mark.parametrize("setup, message", [
    (lambda p: None, "no such file"),
    (lambda p: p.mkdir(), "is a directory"),
    (lambda p: p.write_bytes(b"a: \xff\xfe\n"), "is not UTF-8 text"),
    (lambda p: p.write_text("- a\n- b\n"), "the top level must be a mapping"),
    (lambda p: p.write_text("just text\n"), "the top level must be a mapping"),
])
def test_file_problems(tmp_path, setup, message):
    path = tmp_path / "answers.yaml"
    setup(path)
    with pytest.raises(InputFileError) as info:
        load_mapping(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffa: 1\n".encode("utf-8"))
    assert load_mapping(path) == {"a": 1}


def test_an_integer_too_long_to_print_is_a_problem_not_a_crash():
    found = problems("a: 1\nb: " + "9" * 5000 + "\n")
    assert found == ["f.yaml:2: '999999999999...' is too long a number (5000 characters) "
                     "(numbers here have at most 1000 digits)"]


def test_a_long_but_printable_integer_is_left_to_validation():
    assert parse_yaml("a: " + "9" * 400 + "\n", "f.yaml")["a"] == 10 ** 400 - 1
