"""The loader's quick path builds exactly what the full path (composer + constructors) builds.

``load/yamlfile.py`` builds plain documents straight from libyaml's events and sends every
other document to PyYAML's composer and constructors. Both must give the same values, of the
same types, with the same line on every key and item, and the same problems in the same
order; and the quick path must step aside (return None) for what only the full path judges.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlops_maturity.load import yamlfile
from mlops_maturity.load.yamlfile import YamlList, YamlMap


def shape(value: Any) -> Any:
    """A value with its type and lines made explicit, so ``True`` never equals ``1``."""
    if isinstance(value, YamlMap):
        return ("map", value.line, [(shape(k), value.lines[k], shape(v))
                                    for k, v in value.items()])
    if isinstance(value, YamlList):
        return ("list", value.line, value.lines, [shape(v) for v in value])
    return (type(value).__name__, value, getattr(value, "source", None))


def both(text: str) -> tuple[Any, Any]:
    quick = yamlfile._quick_parse(text, "f.yaml")
    full = yamlfile._composed_parse(text, "f.yaml")
    return quick, full


def assert_same(text: str) -> None:
    quick, full = both(text)
    assert quick is not None, f"the quick path stepped aside for a plain document:\n{text}"
    assert shape(quick[0]) == shape(full[0])
    assert [str(p) for p in quick[1]] == [str(p) for p in full[1]]


# Scalars that YAML 1.1 reads as something other than text, or that the loader refuses.
TRICKY = ["yes", "No", "on", "OFF", "true", "~", "null", "", "010", "0x1F", "1_000", "1e3",
          "1.5", "-.inf", ".nan", "12:30:00", "2026-11-30", "2026-02-30", "2026-11-30 12:00:00",
          "n/a", "partial", "'quoted yes'", '"tab\\tin"', '"bell\\a"', '"\\u202e"', "x" * 50,
          "1" * 1200, "-0", "+12", "0o17", "3.", "é", "a: b"]
scalar_text = st.sampled_from(TRICKY) | st.from_regex(r"[a-z][a-z0-9._-]{0,12}", fullmatch=True)


def render_scalar(text: str) -> str:
    """A scalar as YAML text: the tricky ones as written, others plain; ``a: b`` quoted."""
    return f"'{text}'" if ": " in text else text


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    """A block-style YAML mapping with nested mappings, lists and flow collections."""
    indent = "  " * depth
    lines = []
    used: set[str] = set()
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.from_regex(r"[a-z][a-z0-9_.-]{0,8}", fullmatch=True))
        if key in used:
            continue
        used.add(key)
        kind = draw(st.sampled_from(["scalar", "map", "list", "flow"] if depth < 3
                                    else ["scalar", "flow"]))
        if kind == "scalar":
            lines.append(f"{indent}{key}: {render_scalar(draw(scalar_text))}")
        elif kind == "map":
            lines.append(f"{indent}{key}:")
            lines.append(draw(documents(depth + 1)))
        elif kind == "list":
            lines.append(f"{indent}{key}:")
            for item in draw(st.lists(scalar_text, min_size=1, max_size=3)):
                lines.append(f"{indent}  - {render_scalar(item)}")
        else:
            items = draw(st.lists(st.sampled_from(["yes", "1", "x", "'a b'", "2026-01-01"]),
                                  max_size=3))
            lines.append(f"{indent}{key}: [{', '.join(items)}]")
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_quick_path_equals_full_path(text):
    assert_same(text + "\n")


@pytest.mark.parametrize("text", [
    "answers:\n  a: {answer: yes, evidence: [x, 'y'], notes: 'n'}\n",
    "---\nrubric: x\n...\n",
    "---\n",
    "a:\n  - [1, [2, {b: c}]]\n  - {}\n  - []\n",
    "1: one\nfalse: no\n2026-01-01: date\n~: none\n",
    "a: |\n  block\n  text\nb: >-\n  folded\n  text\n",
    "a: \"\\u0007\"\nb: 2026-02-30\nc: " + "9" * 1100 + "\nd: .nan\n",
    "just a scalar\n",
    "- a\n- b\n",
])
def test_quick_path_equals_full_path_on_cases(text):
    assert_same(text)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",  # anchors and aliases
    "a: 1\na: 2\n",  # a key given twice
    "1: a\ntrue: b\n",  # two keys YAML reads as equal
    "<<: {a: 1}\n",  # a merge key
    "? [a, b]\n: c\n",  # a list as a key
    "a: !!str 1\n",  # an explicit tag
    "a: 1\n---\nb: 2\n",  # two documents
    "",  # nothing at all
    "a: [1, 2\n",  # a syntax error
    "a: =\n",  # the YAML 1.1 value key, which no safe constructor builds
])
def test_quick_path_steps_aside_for_what_the_full_path_judges(text):
    assert yamlfile._quick_parse(text, "f.yaml") is None


def test_dates_and_numbers_keep_their_types_and_source():
    data, problems = yamlfile._quick_parse("a: 2026-11-30\nb: 0x10\nc: 1.50\n", "f.yaml") or (
        None, None)
    assert data == {"a": dt.date(2026, 11, 30), "b": 16, "c": 1.5} and problems == []
    assert yamlfile.as_written(data["b"]) == "0x10" and yamlfile.as_written(data["c"]) == "1.50"
