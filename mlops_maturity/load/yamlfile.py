"""Safe YAML loading that keeps line numbers and refuses what PyYAML would silently get wrong.

PyYAML keeps the last of two equal keys (losing an answer without a word) and expands alias
"bombs" lazily, so both are caught here before any other module walks the data. Mappings and
lists come back as dict/list subclasses that remember the line of each key or item, so every
later error can name a line.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any, Iterator

import yaml

try:  # libyaml is ten times faster and still gives marks; fall back where it is missing.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

from mlops_maturity.files.read import read_text
from mlops_maturity.model.errors import InputFileError, Problem

MAX_INT_DIGITS = 1000
_INT_LIMIT = 10 ** MAX_INT_DIGITS


class YamlMap(dict[Any, Any]):
    """A mapping that remembers where it and each of its keys were written.

    Keys and values stay ``Any``: YAML keys may be any hashable scalar (numbers, booleans,
    dates), and every reader checks a value's type before using it.
    """

    line: int | None = None

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int | None:
        """Line of a key, or of the mapping itself when the key is absent."""
        return self.lines.get(key, self.line)


class YamlList(list[Any]):
    """A list that remembers the line of each item."""

    line: int | None = None

    def __init__(self, *args: Any):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int | None:
        """Line of an item, or of the list itself when out of range."""
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class _Loader(_BaseLoader):
    """Safe loader whose mappings report duplicate keys instead of dropping one."""

    def __init__(self, stream: str, filename: str) -> None:
        super().__init__(stream)
        self.filename = filename
        self.problems: list[Problem] = []


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterator[YamlMap]:
    data = YamlMap()
    data.line = node.start_mark.line + 1
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            loader.problems.append(Problem(loader.filename, "a mapping key must be a plain value",
                                           line))
            continue
        if key in data.lines:
            loader.problems.append(Problem(
                loader.filename,
                f"key '{key}' is given twice, on lines {data.lines[key]} and {line}",
                line, hint="keep one; YAML would silently drop the first"))
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines[key] = line


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Iterator[YamlList]:
    data = YamlList()
    data.line = node.start_mark.line + 1
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.lines.append(item.start_mark.line + 1)


# C0 controls other than tab and newline, DEL, C1 controls, and the bidirectional overrides
# that can make text read differently from what it is ("Trojan source").
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    """Strings may not carry control characters that could rewrite a terminal or a report."""
    value = loader.construct_scalar(node)
    bad = _UNSAFE.search(value)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        loader.problems.append(Problem(loader.filename,
                                       f"text contains the control character {code}",
                                       node.start_mark.line + 1, hint="remove it"))
        return _UNSAFE.sub("", value)
    return value


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> dt.date | str:
    """A date-like value that is not a real date (2026-02-30) is a problem, not a crash."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        loader.problems.append(Problem(loader.filename,
                                       f"'{node.value}' is not a valid date ({exc})",
                                       node.start_mark.line + 1,
                                       hint="write YYYY-MM-DD, or quote it"))
        return str(node.value)


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> float:
    """NaN and infinity are never meaningful here and would poison every comparison."""
    value = yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)
    if not math.isfinite(value):
        loader.problems.append(Problem(loader.filename, f"'{node.value}' is not a finite number",
                                       node.start_mark.line + 1))
        return 0.0
    return value


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    """An integer too long to be printed is a problem, not a crash.

    Python refuses ``int()`` of, and ``str()`` of, decimal numbers with more than 4,300
    digits; PyYAML would let that ``ValueError`` escape. No value in a rubric or questionnaire
    needs more than a few digits, so anything past ``MAX_INT_DIGITS`` is refused here, and
    rubric validation bounds the rest.
    """
    try:
        value: int = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        value = _INT_LIMIT
    if abs(value) < _INT_LIMIT:
        return value
    loader.problems.append(Problem(
        loader.filename, f"'{node.value[:12]}...' is too long a number ({len(node.value)} "
        f"characters)", node.start_mark.line + 1, hint=f"numbers here have at most "
        f"{MAX_INT_DIGITS} digits"))
    return 0


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _find_alias(node: yaml.Node) -> yaml.Node | None:
    """Return a node reached twice (an alias), walking each node once so bombs stay cheap."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return current
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def parse_yaml(text: str, display: str) -> Any:
    """Parse YAML text, refusing aliases and duplicate keys, with line numbers on every error."""
    loader = _Loader(text, display)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputFileError(Problem(display, "is empty", hint="see `mlops-maturity init`"))
        alias = _find_alias(node)
        if alias is not None:
            raise InputFileError(Problem(
                display, "uses a YAML anchor/alias, which is not allowed here",
                alias.start_mark.line + 1, hint="write the value out in full"))
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise InputFileError(_syntax_problem(exc, text, display)) from None
    except yaml.YAMLError as exc:
        raise InputFileError(Problem(display, f"YAML error: {exc}")) from None
    except RecursionError:
        raise InputFileError(Problem(display, "is nested too deeply")) from None
    finally:
        loader.dispose()
    if loader.problems:
        raise InputFileError(loader.problems)
    return data


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    """A syntax error at a line inside the file, with a hint for the two commonest causes."""
    mark = exc.problem_mark or exc.context_mark
    last = text.count("\n") + (0 if text.endswith("\n") else 1)
    line = min(mark.line + 1, max(last, 1)) if mark else None  # libyaml may point past the end
    reason = exc.problem or exc.context or "invalid YAML"
    at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    unclosed = (line is not None and line == last and exc.context_mark is not None
                and exc.context_mark.line + 1 < line)
    hint = ("indent with spaces; YAML does not allow tabs" if at_tab or "tab" in reason
            else "a bracket or quote opened earlier may not be closed" if unclosed else None)
    return Problem(display, f"YAML syntax error: {reason}", line, hint=hint)


def load_mapping(path: Path, display: str | None = None) -> YamlMap:
    """Load a YAML file whose top level must be a mapping (every rubric and questionnaire)."""
    display = display or str(path)
    data = parse_yaml(read_text(path, display), display)
    if not isinstance(data, YamlMap):
        kind = ("a list" if isinstance(data, list) else "empty" if data is None
                else f"a single value ({data!r:.40})")
        message = f"the top level must be a mapping of keys, not {kind}"
        raise InputFileError(Problem(display, message, 1))
    return data
