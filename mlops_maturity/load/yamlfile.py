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

from mlops_maturity.files.read import Source, read_source
from mlops_maturity.model.errors import InputFileError, Problem
from mlops_maturity.model.textenum import TextEnum

MAX_INT_DIGITS = 1000
_INT_LIMIT = 10 ** MAX_INT_DIGITS


class YamlMap(dict[Any, Any]):
    """A mapping that remembers where it and each of its keys were written.

    Keys and values stay ``Any``: YAML keys may be any hashable scalar (numbers, booleans,
    dates), and every reader checks a value's type before using it.
    """

    line: int | None = None
    # problems found in the document's values (a date that is no date, a repeated key), kept
    # on the top-level mapping when the caller reports them together with its own checks
    value_problems: tuple[Problem, ...] = ()

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


class YamlInt(int):
    """An integer that remembers how it was written (``0x10``, ``1_000``, ``12:30:00``), so a
    message can quote the file rather than the value YAML made of it."""

    source: str = ""


class YamlFloat(float):
    """A float that remembers how it was written."""

    source: str = ""


def as_written(value: Any) -> str:
    """A value as the file wrote it, for messages: numbers by their source text."""
    source = getattr(value, "source", "")
    if source:
        return str(source)
    if value is True or value is False:
        return str(value).lower()
    return str(value)


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
    written: dict[Any, str] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if key_node.tag == "tag:yaml.org,2002:merge":
            loader.problems.append(Problem(loader.filename, "merge keys ('<<:') are not allowed "
                                           "here", line, hint="write each key out in full"))
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            loader.problems.append(Problem(loader.filename, "a mapping key must be a plain value",
                                           line))
            continue
        source = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key)
        if key in data.lines:
            loader.problems.append(_duplicate(loader.filename, written[key], data.lines[key],
                                              source, line))
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines[key] = line
        written[key] = source


def _duplicate(file: str, first: str, first_line: int, second: str, line: int) -> Problem:
    """Two equal keys; when they are written differently (``1`` and ``true``), say why equal."""
    if first == second:
        return Problem(file, f"key '{second}' is given twice, on lines {first_line} and {line}",
                       line, hint="keep one; YAML would silently drop the first")
    return Problem(file, f"keys '{first}' (line {first_line}) and '{second}' (line {line}) are "
                   "the same key to YAML, which reads both as the same value", line,
                   hint="quote them, or keep one")


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Iterator[YamlList]:
    data = YamlList()
    data.line = node.start_mark.line + 1
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.lines.append(item.start_mark.line + 1)


# C0 controls other than tab and newline, DEL, C1 controls, the bidirectional marks and
# overrides that can make text read differently from what it is ("Trojan source"), and the
# Unicode line and paragraph separators, which split a line where no one sees a break.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069]")


def first_unsafe(text: str) -> str | None:
    """The first character of ``text`` that no file read here may hold (see above), if any."""
    found = _UNSAFE.search(text)
    return found.group() if found else None


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
    number = YamlFloat(value)
    number.source = str(node.value)
    return number


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
        number = YamlInt(value)
        number.source = str(node.value)
        return number
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
    data, problems = _parse(text, display)
    if problems:
        raise InputFileError(problems)
    return data


def _parse(text: str, display: str) -> tuple[Any, list[Problem]]:
    """The document and the problems found in its values (reported once the caller knows
    what kind of file it is); structural faults raise at once, without quoting the file."""
    if "!" in text:
        _refuse_tags(text, display)
    quick = _quick_parse(text, display)
    return quick if quick is not None else _composed_parse(text, display)


def _composed_parse(text: str, display: str) -> tuple[Any, list[Problem]]:
    """The full path: libyaml's composer, the alias walk and PyYAML's constructors."""
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
    except yaml.composer.ComposerError as exc:
        raise InputFileError(_composer_problem(exc, text, display)) from None
    except yaml.MarkedYAMLError as exc:
        raise InputFileError(_syntax_problem(exc, text, display)) from None
    except yaml.YAMLError:
        raise InputFileError(Problem(display, "is not valid YAML")) from None
    except RecursionError:
        raise InputFileError(Problem(display, "is nested too deeply")) from None
    finally:
        loader.dispose()
    return data, loader.problems


_CORE = "tag:yaml.org,2002:"


# --- the quick path -------------------------------------------------------------------------
# PyYAML's composer and constructors (a Python node per value, a generator per mapping, an
# alias walk) cost more than libyaml's own parse. Nearly every rubric and questionnaire is a
# plain tree: no anchor or alias, no tag, no merge key, no key given twice, no key that is a
# list or mapping, one document. Such a file is built here straight from libyaml's events,
# with the same constructors for its scalars, so the data, the lines and the problems are the
# ones ``construct_document`` gives (``tests/test_yamlload.py`` checks this on generated
# documents). Anything else, a syntax error included, goes to the full path above, which
# then reports it exactly as before.

_STR, _MERGE = _CORE + "str", _CORE + "merge"
_BOOLS: dict[str, bool] = yaml.constructor.SafeConstructor.bool_values
_MARKED = {_CORE + "int": _construct_int, _CORE + "float": _construct_float,
           _CORE + "timestamp": _construct_timestamp}
_PLAIN = (None, "!")  # the tags the composer resolves itself
_TAG_OF: dict[str, str] = {}  # plain scalars already resolved (short ones, bounded)


class _NotPlain(Exception):
    """The document needs the full composer."""


def _resolve_plain(value: str) -> str:
    """The tag of a plain scalar, as ``yaml.resolver.Resolver.resolve`` decides it."""
    known = _TAG_OF.get(value)
    if known is not None:
        return known
    table = yaml.resolver.Resolver.yaml_implicit_resolvers
    tag = next((str(t) for t, regexp in table.get(value[:1], []) + table.get(None, [])
                if regexp.match(value)), _STR)
    if len(value) <= 40 and len(_TAG_OF) < 4096:
        _TAG_OF[value] = tag
    return tag


def _typed(loader: _Loader, event: Any, tag: str) -> Any:
    """A scalar that is not plain text, or text with a character to refuse, built by the
    loader's own constructor for its tag."""
    if tag == _CORE + "bool":
        return _BOOLS[event.value.lower()]
    if tag == _CORE + "null":
        return None
    if tag == _STR:
        return _construct_str(loader, yaml.ScalarNode(tag, event.value, event.start_mark))
    build = _MARKED.get(tag)
    if build is None:  # merge keys, '=' values: the full path says what is wrong
        raise _NotPlain
    return build(loader, yaml.ScalarNode(tag, event.value, event.start_mark))


def _quick_parse(text: str, display: str) -> tuple[Any, list[Problem]] | None:
    """The document and its problems when the file is a plain tree; None otherwise."""
    loader = _Loader(text, display)
    # Text with no character to refuse and no escape cannot give a scalar one either (only
    # a double-quoted escape can make one), so then no scalar needs that check.
    each = "\\" in text or _UNSAFE.search(text) is not None
    try:
        data = _plain_tree(loader, each)
    except (_NotPlain, yaml.YAMLError, RecursionError, ValueError, TypeError, KeyError):
        return None
    finally:
        loader.dispose()
    return data, loader.problems


# First characters of a plain scalar that some implicit resolver looks at; any other
# plain scalar is text (``yaml.resolver.Resolver`` keys its table the same way).
_TYPED_START = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)
_ANY_START = None in yaml.resolver.Resolver.yaml_implicit_resolvers


def _plain_tree(loader: _Loader, check_each: bool) -> Any:
    """Build the one document of the stream from its events, with an explicit stack.

    ``parent`` is the innermost mapping or list being filled and ``key`` the key waiting
    for its value in it (``_NotPlain`` while none waits); ``stack`` keeps the pairs of the
    enclosing ones. The hot case, a plain text scalar, is inline.
    """
    get, unsafe, tag_of, starts = loader.get_event, _UNSAFE.search, _TAG_OF, _TYPED_START
    scalar_event, mapping_start = yaml.ScalarEvent, yaml.MappingStartEvent
    sequence_start = yaml.SequenceStartEvent
    if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
        raise _NotPlain
    parent: Any = None
    key: Any = _NotPlain
    stack: list[tuple[Any, Any]] = []
    while True:
        event: Any = get()  # libyaml's events, told apart by their exact class
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None or event.tag not in _PLAIN:
                raise _NotPlain
            value = event.value
            if event.implicit[0] and (_ANY_START or value[:1] in starts or not value):
                tag = tag_of.get(value) or _resolve_plain(value)
                if tag != _STR or (check_each and unsafe(value)):
                    value = _typed(loader, event, tag)
            elif check_each and unsafe(value):
                value = _typed(loader, event, _STR)
            scalar = True
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag not in _PLAIN:
                raise _NotPlain
            stack.append((parent, key))
            parent = YamlMap() if kind is mapping_start else YamlList()
            parent.line = event.start_mark.line + 1
            key = _NotPlain
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = parent
            parent, key = stack.pop()
            scalar = False
        else:  # an alias, or anything else the composer has to judge
            raise _NotPlain
        if parent is None:
            break  # the root is complete
        if key is not _NotPlain:  # the value of the mapping's waiting key
            parent[key] = value
            key = _NotPlain
        elif type(parent) is YamlList:
            parent.append(value)
            parent.lines.append(event.start_mark.line + 1 if scalar else value.line)
        elif not scalar or value in parent.lines:
            raise _NotPlain  # a list or a mapping as a key, or a key given twice
        else:
            parent.lines[value] = event.start_mark.line + 1
            key = value
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        raise _NotPlain
    return value


def _refuse_tags(text: str, display: str) -> None:
    """Explicit YAML tags (``!!binary``, ``!!set``, ``!!python/...``) are refused in plain
    words: nothing in a rubric or questionnaire needs one, and some are unsafe elsewhere."""
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            tag = getattr(event, "tag", None)
            if tag and tag != "!":
                name = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
                mark = event.start_mark
                raise InputFileError(Problem(
                    display, f"uses the YAML tag '{name}', which is not allowed here",
                    mark.line + 1 if mark else None, hint="write a plain value, without a tag"))
    except yaml.YAMLError:
        return  # the composer reports syntax errors with their line


def _composer_problem(exc: yaml.composer.ComposerError, text: str, display: str) -> Problem:
    if "single document" in str(exc.context or "") + str(exc.problem or ""):
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        return Problem(display, "holds more than one YAML document", line,
                       hint="keep one document: remove the second '---' or split the file")
    return _syntax_problem(exc, text, display)


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


class Kind(TextEnum):
    """What a YAML file is, told by its top-level keys alone."""

    RUBRIC = "rubric"
    QUESTIONNAIRE = "questionnaire"
    REPORT = "report"
    OTHER = "other"


def kind_of(data: YamlMap) -> Kind:
    """Rubrics have ``sections:``; questionnaires ``answers:`` (or a ``rubric:`` and no
    sections); reports are this tool's JSON. Anything else is not ours to read."""
    if "format_version" in data and "tool" in data:
        return Kind.REPORT
    if "sections" in data or "rubric_format" in data:
        return Kind.RUBRIC
    if "answers" in data or "rubric" in data:
        return Kind.QUESTIONNAIRE
    return Kind.OTHER


_NOT = {
    Kind.RUBRIC: "is not a rubric: it has no 'sections:' key",
    Kind.QUESTIONNAIRE: "is not a questionnaire: it has no 'answers:' key",
}
_IS = {
    Kind.RUBRIC: "a rubric", Kind.QUESTIONNAIRE: "a questionnaire",
    Kind.REPORT: "a report written by mlops-maturity",
}


def load_document(path: Source, display: str, expect: Kind | tuple[Kind, ...] | None,
                  defer_values: bool = False) -> YamlMap:
    """Load a YAML file whose top level must be a mapping, of the kind expected.

    A file that turns out not to be a rubric or a questionnaire is refused without quoting a
    word of it, because the path may come from anyone who can open a pull request
    (``rubric: /etc/shadow``); its own problems are reported only once it is one of ours.
    """
    return load_document_text(read_source(path, display), display, expect, defer_values)


def load_document_text(text: str, display: str, expect: Kind | tuple[Kind, ...] | None,
                       defer_values: bool = False) -> YamlMap:
    """``load_document`` for text that was read elsewhere (a file at a git revision), checked
    exactly as a file is; ``display`` names it in every message.

    With ``defer_values`` the problems in the document's values do not stop the load: they
    are kept in ``value_problems`` for a caller that reports them beside its own, so one run
    names every mistake (``load.assessment.assess_data`` does)."""
    data, problems = _parse(text, display)
    if not isinstance(data, YamlMap):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise InputFileError(Problem(display, f"the top level must be a mapping of keys, "
                                     f"not {kind}", 1))
    found = kind_of(data)
    if isinstance(expect, tuple) and found not in expect:
        message = ("is a report written by mlops-maturity, not a rubric or a questionnaire"
                   if found is Kind.REPORT else "is neither a rubric (no 'sections:') nor a "
                   "questionnaire (no 'answers:')")
        raise InputFileError(Problem(display, message, data.line))
    if isinstance(expect, Kind) and found is not expect:
        message = (f"is {_IS[found]}, not {_IS[expect]}" if found in _IS else _NOT[expect])
        raise InputFileError(Problem(display, message, data.line))
    if problems and defer_values:
        data.value_problems = tuple(problems)
    elif problems:
        raise InputFileError(problems)
    return data


def load_mapping(path: Path, display: str | None = None) -> YamlMap:
    """Load a YAML file whose top level must be a mapping, of any kind (for tests and tools
    that read YAML of their own; user files go through ``load_document``)."""
    return load_document(path, display or str(path), None)
