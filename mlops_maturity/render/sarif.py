"""SARIF 2.1.0, the OASIS format that GitHub code scanning and other tools read: one rule per
rubric question (or validation rule), one result per blocker (or problem), each at the file
and line it is about, with the rubric's advice as the rule's help text.

Opt-in, as ``--format sarif``: some teams find code-scanning alerts noisy. Results carry a
region on every location (line 1 where a finding has no line of its own), since code scanning
places only results that have one. Relative paths are given against ``%SRCROOT%``, the
repository root, which is where CI runs the tool from; the tests check every log against the
official schema (``tests/data/sarif/``).
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from mlops_maturity._version import __version__
from mlops_maturity.render.annotations import (TOOL, Annotation, Annotations, Rule,
                                               from_report)
from mlops_maturity.render.base import Format, RenderOptions
from mlops_maturity.report.model import Report

SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
          "sarif-schema-2.1.0.json")
VERSION = "2.1.0"


def sarif_log(found: Annotations) -> str:
    """The whole log: one run of the tool, its rules and its results."""
    index = {rule.id: i for i, rule in enumerate(found.rules)}
    driver = {"name": TOOL, "version": __version__, "semanticVersion": __version__,
              "rules": [_rule(rule) for rule in found.rules]}
    run = {"tool": {"driver": driver},
           "results": [_result(a, index) for a in found.items]}
    log = {"$schema": SCHEMA, "version": VERSION, "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _text(text: str) -> dict[str, str]:
    return {"text": text}


def _rule(rule: Rule) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rule.id, "shortDescription": _text(rule.name)}
    if rule.description:
        out["fullDescription"] = _text(rule.description)
    if rule.help:
        out["help"] = _text(rule.help)
    return out


def _result(a: Annotation, index: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": a.rule, "ruleIndex": index[a.rule],
                           "level": a.level.value, "message": _text(a.message)}
    if a.file is not None:
        out["locations"] = [{"physicalLocation": {
            "artifactLocation": artifact(a.file), "region": {"startLine": a.line or 1}}}]
    return out


def artifact(file: str) -> dict[str, str]:
    """A file as a URI: relative to the repository root, or a ``file:`` URI if absolute."""
    path = PurePath(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


class SarifRenderer:
    """A report's blockers as a SARIF log, for ``github/codeql-action/upload-sarif``."""

    format: Format = Format.SARIF
    suffixes: tuple[str, ...] = (".sarif",)

    def render(self, report: Report, options: RenderOptions = RenderOptions()) -> str:
        return sarif_log(from_report(report))


RENDERER = SarifRenderer()
