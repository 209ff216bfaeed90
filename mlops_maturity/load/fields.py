"""Small readers for YAML fields that collect problems instead of stopping at the first one.

Both the rubric and the questionnaire loaders use one ``Fields`` object per file, so every
problem carries the same file name, a line and a dotted key path.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from enum import Enum
from typing import Any, Iterable, TypeVar

from mlops_maturity.model.errors import Problem, did_you_mean
from mlops_maturity.load.rules import MAX_DECIMALS, MAX_NUMBER, rule_id
from mlops_maturity.load.yamlfile import YamlList, YamlMap, as_written

_MISSING = object()
E = TypeVar("E", bound=Enum)


def as_word(value: Any) -> Any:
    """Undo YAML 1.1's booleans, so that unquoted yes/no/on/off mean the words yes and no."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def line_in(container: Any, key: Any) -> int | None:
    """Line of a key or index in a YAML container, if known."""
    if isinstance(container, (YamlMap, YamlList)):
        return container.line_of(key)
    return None


class Fields:
    """Collects problems for one file while its fields are read.

    The rubric loader creates it with ``rules_required``: then every problem must name the
    registered validation rule that found it, so no rubric check can exist outside the
    registry. The questionnaire reader shares the shape checks (and their rule ids) but has
    checks of its own that are not rubric rules, so there a rule is optional.
    """

    def __init__(self, file: str, rules_required: bool = False) -> None:
        self.file = file
        self.rules_required = rules_required
        self.problems: list[Problem] = []

    def add(self, message: str, line: int | None = None, key: str | None = None,
            hint: str | None = None, *, rule: str | None = None) -> None:
        """Record a problem; reading goes on so that every problem is reported.

        An unregistered rule id (or none where one is required) is a programming error and
        raises at once rather than producing a problem nobody can trace to a rule.
        """
        if rule is not None:
            rule_id(rule)
        elif self.rules_required:
            raise ValueError(f"problem {message!r} names no validation rule")
        self.problems.append(Problem(self.file, message, line, key, hint, rule))

    def in_line_order(self) -> list[Problem]:
        """The problems by line, as an author reads the file (problems without a line first)."""
        return sorted(self.problems, key=lambda p: p.line or 0)

    def check_keys(self, mapping: YamlMap, path: str, allowed: Iterable[str],
                   required: Iterable[str] = ()) -> None:
        """Report unknown keys (with a suggestion) and missing required ones."""
        allowed = list(allowed)
        for key in mapping:
            if key not in allowed:
                self.add(f"unknown key '{key}'", mapping.line_of(key), join(path, key),
                         did_you_mean(key, allowed) or f"allowed keys: {', '.join(allowed)}",
                         rule="unknown-key")
        for key in required:
            if key not in mapping:
                self.add(f"missing required key '{key}'", mapping.line, path or None,
                         rule="missing-key")

    def mapping(self, value: Any, path: str, line: int | None) -> YamlMap | None:
        """The value if it is a mapping, else a problem and None."""
        if isinstance(value, YamlMap):
            return value
        self.add(f"must be a mapping, not {describe(value)}", line, path, rule="wrong-type")
        return None

    def seq(self, value: Any, path: str, line: int | None) -> YamlList | None:
        """The value if it is a list, else a problem and None."""
        if isinstance(value, YamlList):
            return value
        self.add(f"must be a list, not {describe(value)}", line, path, rule="wrong-type")
        return None

    def text(self, mapping: YamlMap, key: str, path: str, default: Any = _MISSING) -> str:
        """A string field; numbers are accepted as their text (for versions like 1.0)."""
        value = mapping.get(key, default)
        if value is _MISSING:
            return ""  # missing required keys are reported by check_keys
        if value is None:
            return "" if default is not _MISSING else self._bad_text(mapping, key, path, value)
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return self._bad_text(mapping, key, path, value)
        return str(value).strip()

    def _bad_text(self, mapping: YamlMap, key: str, path: str, value: Any) -> str:
        self.add(f"must be text, not {describe(value)}", mapping.line_of(key), join(path, key),
                 rule="wrong-type")
        return ""

    def number(self, mapping: YamlMap, key: str, path: str, default: Fraction,
               positive: bool = False) -> Fraction:
        """A non-negative number as an exact Fraction, within ``MAX_NUMBER``/``MAX_DECIMALS``.

        Huge or finely divided numbers are refused here because exact arithmetic on them
        later (sums of fractions, conversion to float for display) would blow up.
        """
        if key not in mapping:
            return default
        value = mapping[key]
        line, where = mapping.line_of(key), join(path, key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(f"must be a number, not {describe(value)}", line, where, rule="wrong-type")
            return default
        result = Fraction(value) if isinstance(value, int) else Fraction(str(value))
        if result < 0 or (positive and result == 0):
            least = "greater than zero" if positive else "zero or more"
            self.add(f"must be {least}, not {shown(value)}", line, where, rule="number-too-low")
            return default
        if result > MAX_NUMBER or (result * 10 ** MAX_DECIMALS).denominator != 1:
            self.add(f"must be at most {MAX_NUMBER:,} with at most {MAX_DECIMALS} decimal places,"
                     f" not {shown(value)}", line, where, rule="number-out-of-range")
            return default
        return result

    def flag(self, mapping: YamlMap, key: str, path: str, default: bool) -> bool:
        """A true/false field."""
        value = mapping.get(key, default)
        if not isinstance(value, bool):
            self.add(f"must be true or false, not {describe(value)}", mapping.line_of(key),
                     join(path, key), rule="wrong-type")
            return default
        return value

    def choice(self, mapping: YamlMap, key: str, path: str, enum_type: type[E], default: E) -> E:
        """An enum field, with the allowed values in the hint."""
        if key not in mapping:
            return default
        value = as_word(mapping[key])
        allowed = [m.value for m in enum_type]
        if value not in allowed:
            self.add(f"'{value}' is not allowed", mapping.line_of(key), join(path, key),
                     did_you_mean(value, allowed) or f"use one of: {', '.join(allowed)}",
                     rule="unknown-value")
            return default
        return enum_type(value)


def join(path: str, key: Any) -> str:
    """Dotted key path, with list indexes in brackets."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def describe(value: Any) -> str:
    """A short name for a value's YAML type, for error messages."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, YamlMap):
        return "a mapping"
    if isinstance(value, YamlList):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {as_written(value)}"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    return f"'{value}'" if isinstance(value, str) else "a value of another kind"


def shown(value: int | float) -> str:
    """A number as a message shows it: a huge integer is described rather than printed."""
    if isinstance(value, int) and abs(value) >= 10 ** 15:
        return "a number with more than 15 digits"
    return str(value)
