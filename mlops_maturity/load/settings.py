"""Settings: defaults for the command-line options, kept in the repository beside the answers.

**Where.** Walking up from the working folder, the first folder that holds a
``.mlops-maturity.toml`` (keys at its top level) or a ``pyproject.toml`` with a
``[tool.mlops-maturity]`` table. A ``pyproject.toml`` without the table is not a settings
file, and the walk goes on past it. The walk ends at that first folder, and at the root of
the git work tree (a folder with ``.git``), so one repository never picks up the settings of
the folder it sits in. When one folder has both files, ``.mlops-maturity.toml`` wins: a file
of its own is the more deliberate choice, and the table beside it is reported as ignored.

**Values.** Every value remembers where it came from (file and line, the command line, or
the default), so ``config`` and ``--verbose`` can say, and an error about a value points at
its line. Paths are relative to the settings file's folder and may not leave the repository
that holds it, the rule a questionnaire's ``rubric:`` path follows and for the same reason:
the file comes from anyone who can open a pull request.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any, Generic, TypeVar

from mlops_maturity.files.read import read_text
from mlops_maturity.load.resolve import bundled_rubrics, is_path_ref
from mlops_maturity.load.yamlfile import first_unsafe
from mlops_maturity.model.errors import InputFileError, Problem, SettingsError, did_you_mean
from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.model.record import record

DOT_FILE = ".mlops-maturity.toml"
PYPROJECT = "pyproject.toml"
TABLE = "tool.mlops-maturity"
_TOOL, _NAME = TABLE.split(".")
# A pyproject.toml can hold the table only if it names it, as a [tool.mlops-maturity] header
# or dotted key, or as a key under a bare [tool] table; any other is not read as TOML at all.
_MAY_HOLD = re.compile(r"""tool\s*\.\s*["']?mlops-maturity|^\s*\[\s*tool\s*\]""", re.M)


class OriginKind(TextEnum):
    """Where an effective value came from."""

    DEFAULT = "default"
    FILE = "file"
    COMMAND_LINE = "command line"


@record
class Origin:
    """The source of one value: ``pyproject.toml:7``, ``command line`` or ``default``."""

    kind: OriginKind
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.kind is not OriginKind.FILE:
            return str(self.kind)
        return f"{self.file}:{self.line}" if self.line is not None else str(self.file)


DEFAULT = Origin(OriginKind.DEFAULT)
COMMAND_LINE = Origin(OriginKind.COMMAND_LINE)
T = TypeVar("T")


@record
class Setting(Generic[T]):
    """One effective value and its origin."""

    value: T
    origin: Origin = DEFAULT

    @property
    def from_file(self) -> bool:
        return self.origin.kind is OriginKind.FILE


class ValueKind(TextEnum):
    """What a key holds, which decides how it is checked."""

    TEXT = "text"
    NUMBER = "number"
    FLAG = "true or false"
    PATH = "a path"
    RUBRIC = "a bundled rubric id or a path"
    PATHS = "a list of paths"


@record
class Key:
    """A settings key, the option it stands for, and what applies while it is not set."""

    name: str
    kind: ValueKind
    option: str
    unset: str


KEYS = (
    Key("questionnaire", ValueKind.PATH, "QUESTIONNAIRE",
        "none: score, report, badge and validate need a file or -"),
    Key("rubric", ValueKind.RUBRIC, "--rubric",
        "the questionnaire's rubric: key (init and scan: mlops-automation)"),
    Key("target", ValueKind.TEXT, "--target",
        "the questionnaire's target:, else the degree (or level) above"),
    Key("fail_under", ValueKind.NUMBER, "--fail-under", "no score gate"),
    Key("fail_under_level", ValueKind.TEXT, "--fail-under-level", "no level gate"),
    Key("fail_unsupported", ValueKind.FLAG, "--fail-unsupported", "false"),
    Key("strict", ValueKind.FLAG, "--strict", "false"),
    Key("evidence_root", ValueKind.PATH, "--evidence",
        "none: validate checks evidence only with --evidence ROOT"),
    Key("outputs", ValueKind.PATHS, "--output", "none: report needs -o FILE"),
)
KEY_NAMES = tuple(k.name for k in KEYS)


@record
class SettingsFile:
    """The settings file in use: its path, its name in messages, and its table."""

    path: Path
    display: str
    table: str  # "" for .mlops-maturity.toml, where the keys sit at the top level
    ignored: str | None = None  # a [tool.mlops-maturity] table beside it, not used

    def key(self, name: str) -> str:
        """A key as a message names it: ``tool.mlops-maturity.rubric`` or ``rubric``."""
        return f"{self.table}.{name}" if self.table else name


@record
class Settings:
    """The effective settings: the file's values under the command line's, over defaults."""

    file: SettingsFile | None
    searched: tuple[str, ...]  # the folders the walk looked in, nearest first
    questionnaire: Setting[Path | None] = Setting(None)
    rubric: Setting[str | None] = Setting(None)
    target: Setting[str | None] = Setting(None)
    fail_under: Setting[str | None] = Setting(None)
    fail_under_level: Setting[str | None] = Setting(None)
    fail_unsupported: Setting[bool] = Setting(False)
    strict: Setting[bool] = Setting(False)
    evidence_root: Setting[Path | None] = Setting(None)
    outputs: Setting[tuple[str, ...]] = Setting(())

    def get(self, name: str) -> Setting[Any]:
        """A setting by its key."""
        if name not in KEY_NAMES:
            raise KeyError(name)
        value: Setting[Any] = getattr(self, name)
        return value

    def given(self, **options: Any) -> Settings:
        """These settings with the options given on the command line in place of theirs
        (``None``, and an empty list of outputs, mean "not given")."""
        changes: dict[str, Any] = {
            name: Setting(tuple(v) if isinstance(v, list) else v, COMMAND_LINE)
            for name, v in options.items() if v is not None and v != []}
        for name in changes:
            self.get(name)  # a typo in a command's code is a bug, caught by every test
        return dataclasses.replace(self, **changes)

    def from_file(self) -> tuple[str, ...]:
        """The keys whose value the settings file gave."""
        return tuple(name for name in KEY_NAMES if self.get(name).from_file)


def load_settings(start: Path) -> Settings:
    """The settings that apply in ``start`` (the working folder), with defaults where the
    file is silent; raises ``SettingsError`` with every problem in the file."""
    found, searched = find_settings(start)
    if found is None:
        return Settings(None, searched)
    file, table, text = found
    problems: list[Problem] = []
    values = _read_table(file, table, text, start, problems)
    if problems:
        raise SettingsError(problems)
    return Settings(file, searched, **values)


def find_settings(start: Path) -> tuple[tuple[SettingsFile, dict[str, Any], str] | None,
                                        tuple[str, ...]]:
    """The settings file that applies (with its table and text), and the folders searched.

    The walk stops at a git work tree's root, and at a folder this user may not search.
    Files are reached by paths relative to the working folder (``../pyproject.toml``), so a
    checkout inside a folder its user may not enter (another user's private temporary
    folder, which an absolute path would have to cross) is searched as far as it can be.
    """
    searched: list[str] = []
    for folder in (start, *start.parents):
        near_path = Path(os.path.relpath(folder))
        if _present(near_path / DOT_FILE) is None:
            break
        searched.append(str(folder))
        found = _in_folder(folder, near_path, start)
        if found is not None:
            return found, tuple(searched)
        if _present(near_path / ".git"):
            break
    return None, tuple(searched or [str(start)])


def _present(path: Path) -> bool | None:
    """Whether anything (a link included) is at ``path``; None when its folder cannot be
    searched, which ``Path.exists`` reports by raising ``PermissionError``."""
    try:
        os.lstat(path)
    except PermissionError:
        return None
    except OSError:
        return False
    return True


def _in_folder(folder: Path, reach: Path, start: Path
               ) -> tuple[SettingsFile, dict[str, Any], str] | None:
    """The settings in ``folder`` (reached as ``reach``, relative to the working folder)."""
    dot, pyproject = folder / DOT_FILE, folder / PYPROJECT
    in_pyproject = _pyproject_table(pyproject, reach / PYPROJECT, start)
    if _present(reach / DOT_FILE):
        from mlops_maturity.load.tomlfile import parse_toml
        display = near(dot, start)
        text = read_text(reach / DOT_FILE, display)
        ignored = near(pyproject, start) if in_pyproject is not None else None
        return SettingsFile(dot, display, "", ignored), parse_toml(text, display), text
    if in_pyproject is None:
        return None
    table, text = in_pyproject
    return SettingsFile(pyproject, near(pyproject, start), TABLE), table, text


def _pyproject_table(path: Path, reach: Path, start: Path
                     ) -> tuple[dict[str, Any], str] | None:
    """The ``[tool.mlops-maturity]`` table of a pyproject.toml, if it has one. A file that
    cannot hold it is not parsed at all, so a broken pyproject.toml of another project on
    the way up costs nothing and blames nobody; nor does one this user may not read."""
    if not _present(reach):
        return None
    display = near(path, start)
    try:
        text = read_text(reach, display)
    except InputFileError:  # not a regular file, or not readable: not one we can use
        return None
    if _NAME not in text or not _MAY_HOLD.search(text):
        return None
    from mlops_maturity.load.tomlfile import key_lines, parse_toml
    tool = parse_toml(text, display).get(_TOOL)
    if not isinstance(tool, dict) or _NAME not in tool:
        return None
    table = tool[_NAME]
    if not isinstance(table, dict):
        where = key_lines(text, _TOOL).get(_NAME) or key_lines(text, "").get(_TOOL)
        raise SettingsError(Problem(display, f"'{TABLE}' must be a table of settings",
                                    where.line if where else None, TABLE,
                                    f"write [{TABLE}] and the keys under it"))
    return table, text


def near(path: Path, start: Path) -> str:
    """A path as messages show it: relative to the working folder where that is shorter."""
    try:
        relative = os.path.relpath(path, start)
    except ValueError:  # another drive on Windows
        return str(path)
    return relative if len(relative) < len(str(path)) else str(path)


def _read_table(file: SettingsFile, table: dict[str, Any], text: str, start: Path,
                problems: list[Problem]) -> dict[str, Setting[Any]]:
    from mlops_maturity.load.tomlfile import key_lines, table_line
    written = key_lines(text, file.table)
    header = table_line(text, file.table) if file.table else None
    values: dict[str, Setting[Any]] = {}
    for name, value in table.items():
        where = written.get(name)
        line = where.line if where else header
        if name not in KEY_NAMES:
            hint = did_you_mean(name, KEY_NAMES) or f"the keys are {', '.join(KEY_NAMES)}"
            problems.append(Problem(file.display, f"unknown key '{name}'", line,
                                    file.key(name), hint))
            continue
        kind = next(k.kind for k in KEYS if k.name == name)
        check = _Check(file, name, line, where.text if where else _spelled(value), start)
        converted = check.value(kind, value)
        if not check.problems:
            values[name] = Setting(converted, Origin(OriginKind.FILE, file.display, line))
        problems.extend(check.problems)
    return values


def _spelled(value: Any) -> str:
    """A value the way TOML would write it, when its line could not be found."""
    if value is True or value is False:
        return str(value).lower()
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_spelled(v) for v in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return str(value)


class _Check:
    """Checks one value against its kind, collecting problems that quote it as written."""

    def __init__(self, file: SettingsFile, name: str, line: int | None, written: str,
                 start: Path) -> None:
        self.file, self.name, self.line, self.written = file, name, line, written
        self.start = start
        self.problems: list[Problem] = []

    def add(self, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.file.display, message, self.line,
                                     self.file.key(self.name), hint))

    def value(self, kind: ValueKind, value: Any) -> Any:
        if kind is ValueKind.FLAG:
            if not isinstance(value, bool):
                self.add(f"{self.written} is not true or false", "write true or false, "
                         "without quotes")
            return value
        if kind is ValueKind.NUMBER:
            return self.number(value)
        if kind is ValueKind.PATHS:
            return self.paths(value)
        text = self.text(value)
        if text is None or kind is ValueKind.TEXT:
            return text
        if kind is ValueKind.RUBRIC and not is_path_ref(text):
            return self.rubric_id(text)
        path = self.path(text)
        return None if path is None else (near(path, self.start) if kind is ValueKind.RUBRIC
                                          else Path(near(path, self.start)))

    def number(self, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(f"{self.written} is not a number", "write a number without quotes, "
                     "such as 60 or 72.5")
            return None
        return repr(value) if isinstance(value, float) else str(value)

    def text(self, value: Any, what: str = "text", written: str | None = None
             ) -> str | None:
        if not isinstance(value, str):
            self.add(f"{written or self.written} is not {what}", "write it in double quotes")
            return None
        if not value.strip():
            self.add("is empty", f"remove the key, or give {what}")
            return None
        bad = first_unsafe(value)
        if bad is not None:
            self.add(f"text contains the control character U+{ord(bad):04X}", "remove it")
            return None
        return value.strip()

    def rubric_id(self, text: str) -> str | None:
        known = bundled_rubrics()
        if text in known:
            return text
        self.add(f"unknown rubric '{text}'", did_you_mean(text, known)
                 or f"bundled rubrics: {', '.join(known)}; or give a path to a .yaml file")
        return None

    def path(self, text: str) -> Path | None:
        """A path from the settings file, inside the repository that holds the file."""
        from mlops_maturity.load.assessment import repository_root
        hint = "give a path relative to the settings file, inside the repository"
        if Path(text).is_absolute() or text.startswith("~"):
            self.add(f"path '{text}' is absolute; it must be relative to the settings file",
                     hint)
            return None
        folder = Path(os.path.realpath(self.file.path.parent))
        root = repository_root(folder)
        target = Path(os.path.realpath(folder / text))
        if target != root and root not in target.parents:
            self.add(f"path '{text}' leads outside the repository that holds the settings "
                     f"file ({root})", hint)
            return None
        return self.file.path.parent / text

    def paths(self, value: Any) -> tuple[str, ...] | None:
        if not isinstance(value, list) or not value:
            self.add(f"{self.written} is not a list of files",
                     'write outputs = ["maturity.html", "maturity.md"]')
            return None
        result = []
        for item in value:
            text = self.text(item, "a file name", _spelled(item))
            if text == "-":
                self.add("'-' (stdout) cannot be a setting", "use -o - on the command line")
                return None
            path = self.path(text) if text is not None else None
            if path is None:
                return None
            result.append(near(path, self.start))
        return tuple(result)
