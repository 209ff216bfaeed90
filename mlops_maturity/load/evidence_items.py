"""Reading an answer's ``evidence``: plain strings as always, or items that can be checked.

An item is a string (a sentence or an address, as evidence always was) or a mapping with
exactly one of ``text``, ``path`` or ``url``; a ``path`` may name ``lines`` (``12`` or
``10-20``); any item may carry a ``date``, a ``review_by`` date, a ``source`` (``scan`` for
what a scan found) and a ``note``. Their shape is checked here; whether a path exists or an
item is stale is ``load/evidence.py``'s business, given a root.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from mlops_maturity.load.fields import Fields, describe, join
from mlops_maturity.load.yamlfile import YamlList, YamlMap
from mlops_maturity.model.answers import Evidence, EvidenceSource, LineRange

ITEM_KEYS = ("text", "path", "lines", "url", "date", "review_by", "source", "note")
WHAT_KEYS = ("text", "path", "url")
_RANGE = re.compile(r"^\s*(\d{1,9})\s*(?:-\s*(\d{1,9})\s*)?$")


def read_evidence(f: Fields, m: YamlMap, path: str) -> tuple[Evidence, ...]:
    """The ``evidence`` of one long-form answer: one item, or a list of items."""
    value = m.get("evidence")
    if value is None:
        return ()
    where = join(path, "evidence")
    if not isinstance(value, YamlList):
        item = _item(f, value, where, m.line_of("evidence"))
        return (item,) if item is not None else ()
    found = (_item(f, v, join(where, i), value.line_of(i)) for i, v in enumerate(value))
    return tuple(e for e in found if e is not None)


def _item(f: Fields, value: Any, where: str, line: int | None) -> Evidence | None:
    if isinstance(value, YamlMap):
        return _mapping(f, value, where)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        return Evidence(text=text, line=line) if text else None
    f.add(f"must be text or a mapping with text, path or url, not {describe(value)}", line,
          where, rule="wrong-type")
    return None


def _mapping(f: Fields, m: YamlMap, where: str) -> Evidence | None:
    """A mapping item: exactly one of text, path and url, and the fields that go with it."""
    f.check_keys(m, where, ITEM_KEYS)
    named = [k for k in WHAT_KEYS if k in m]
    if len(named) != 1:
        said = "none" if not named else " and ".join(named)
        f.add(f"an evidence item names exactly one of text, path or url, not {said}", m.line,
              where)
        return None
    what = named[0]
    value = f.text(m, what, where)
    if not value:
        f.add("must not be empty", m.line_of(what), join(where, what))
        return None
    lines = _lines(f, m, where, what)
    return Evidence(
        text=value if what == "text" else "", path=value if what == "path" else "",
        url=value if what == "url" else "", lines=lines,
        date=_date(f, m, "date", where), review_by=_date(f, m, "review_by", where),
        source=f.choice(m, "source", where, EvidenceSource, EvidenceSource.DECLARED),
        note=f.text(m, "note", where, ""), line=m.line)


def _lines(f: Fields, m: YamlMap, where: str, what: str) -> LineRange | None:
    """``lines: 12`` or ``lines: 10-20``, for a path only."""
    if "lines" not in m:
        return None
    raw, line, key = m["lines"], m.line_of("lines"), join(where, "lines")
    if what != "path":
        f.add("'lines' belongs to a path", line, key, "remove it, or cite a path")
        return None
    text = str(raw) if isinstance(raw, (int, str)) and not isinstance(raw, bool) else ""
    match = _RANGE.match(text)
    if match is None:
        f.add(f"must be a line or a range of lines such as 12 or 10-20, not {describe(raw)}",
              line, key)
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first < 1 or last < first:
        f.add(f"'{text.strip()}' is not a range of lines: lines count from 1 and the range "
              "may not run backwards", line, key)
        return None
    return LineRange(first, last)


def _date(f: Fields, m: YamlMap, key: str, where: str) -> dt.date | None:
    """A date written bare (``2026-11-30``) or quoted; a time of day is dropped."""
    if key not in m or m[key] is None:
        return None
    raw = m[key]
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            pass
    f.add(f"must be a date (YYYY-MM-DD), not {describe(raw)}", m.line_of(key), join(where, key))
    return None
