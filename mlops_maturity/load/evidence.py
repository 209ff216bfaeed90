"""``validate --evidence ROOT``: evidence that can be verified, checked without the network.

Pure checks given a root folder and today's date: every cited path exists under the root
(and does not leave it, through ``..`` or a symlink), every range of lines lies within its
file, every address is a well-formed ``http(s)`` URL, and no item is past its ``review_by``
or older than the rubric's ``evidence_max_age``. The first three are errors, since a
reviewer cannot follow such evidence; staleness is a warning, or an error with ``--strict``.
Every message names the questionnaire's file, line and key.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from urllib.parse import urlsplit

from mlops_maturity.model.record import record
from mlops_maturity.files.read import read_bytes
from mlops_maturity.load.fields import join
from mlops_maturity.model.answers import Evidence, EvidenceKind, Questionnaire
from mlops_maturity.model.errors import InputFileError, Problem
from mlops_maturity.model.rubric import Rubric

MAX_CITED_BYTES = 64 * 1024 * 1024  # a file whose lines are cited is read up to this size


@record
class EvidenceCheck:
    """What the check found: problems that fail it, and stale items."""

    errors: tuple[Problem, ...]
    stale: tuple[Problem, ...]
    checked: int  # items that cite a path or an address


def check_evidence(q: Questionnaire, rubric: Rubric, root: Path,
                   today: dt.date) -> EvidenceCheck:
    """Check every evidence item of every answer against ``root`` and ``today``."""
    errors: list[Problem] = []
    stale: list[Problem] = []
    checked = 0
    real_root = os.path.realpath(root)
    for answer in q.answers:
        for i, item in enumerate(answer.evidence):
            key = join(join(join("answers", answer.question), "evidence"), i)
            line = item.line or answer.line
            if item.kind is not EvidenceKind.TEXT:
                checked += 1
            problem = (path_problem(item, real_root) if item.kind is EvidenceKind.PATH
                       else url_problem(item.url) if item.kind is EvidenceKind.URL else None)
            if problem is not None:
                errors.append(Problem(q.path, problem[0], line, key, problem[1]))
            old = staleness(item, today, rubric.evidence_max_age)
            if old is not None:
                stale.append(Problem(q.path, old, line, key,
                                     "look at it again and update its date"))
    return EvidenceCheck(tuple(errors), tuple(stale), checked)


def path_problem(item: Evidence, real_root: str) -> tuple[str, str | None] | None:
    """Why a cited path cannot be followed (message, hint), or None."""
    cited = item.path
    if os.path.isabs(cited) or cited.startswith("~"):
        return f"'{cited}' is absolute", "cite paths relative to the repository's root"
    target = os.path.realpath(os.path.join(real_root, cited))
    if target != real_root and not target.startswith(real_root.rstrip(os.sep) + os.sep):
        return f"'{cited}' leads outside {real_root}", "cite a file inside the repository"
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return f"'{cited}' does not exist under {real_root}", "fix the path, or remove the item"
    if item.lines is None:
        return None
    if not stat.S_ISREG(mode):
        return f"'{cited}' is not a regular file, so it has no lines", None
    return _lines_problem(item, target)


def _lines_problem(item: Evidence, target: str) -> tuple[str, str | None] | None:
    assert item.lines is not None
    try:
        data = read_bytes(Path(target), item.path, MAX_CITED_BYTES)
    except InputFileError as exc:
        return f"'{item.path}' cannot be read to check its lines: " + " ".join(
            p.message if isinstance(p, Problem) else str(p) for p in exc.problems), None
    count = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    if item.lines.last > count:
        return (f"lines {item.lines} of '{item.path}' do not exist: it has {count} "
                f"line{'s' if count != 1 else ''}", "update the range")
    return None


def url_problem(url: str) -> tuple[str, str | None] | None:
    """Why an address is not a well-formed http(s) URL, or None (nothing is fetched)."""
    hint = "write a full address such as https://wiki.example.com/page"
    if any(ch.isspace() for ch in url):
        return f"'{url}' is not a well-formed address: it contains a space", hint
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        return f"'{url}' is not a well-formed address", hint
    if parts.scheme.lower() not in ("http", "https"):
        return f"'{url}' is not an http or https address", hint
    host = parts.hostname or ""
    if not host or host.startswith(".") or ".." in host or not port_ok:
        return f"'{url}' has no valid host", hint
    return None


def staleness(item: Evidence, today: dt.date, max_age: int | None) -> str | None:
    """Why an item is stale (past ``review_by``, or dated more than ``max_age`` days ago)."""
    if item.review_by is not None and item.review_by < today:
        return (f"'{item.shown}' was to be reviewed by {item.review_by.isoformat()}, "
                f"{(today - item.review_by).days} days ago")
    if item.date is not None and max_age is not None and (today - item.date).days > max_age:
        return (f"'{item.shown}' is dated {item.date.isoformat()}, "
                f"{(today - item.date).days} days ago; the rubric's evidence_max_age is "
                f"{max_age} days")
    return None
