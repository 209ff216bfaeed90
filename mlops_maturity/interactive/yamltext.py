"""Where YAML nodes sit in a file's text, and scalars written so that YAML reads them back.

PyYAML's composer gives each node a start and an end; a block collection's or block
scalar's end runs on over the comments and blank lines after it, so ``content_end`` finds
where its own content stops. ``scalar`` writes text plain where both libyaml and pure PyYAML
read it back unchanged, and double-quoted otherwise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

import yaml

try:  # the same parser as the loader, so positions mean what the loader read
    from yaml import CSafeLoader as _Fast
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Fast  # type: ignore[assignment]

Loader = _Fast

from mlops_maturity.model.errors import Problem, QuestionnaireError

# (start, end, replacement) in the text, in characters
Splice = tuple[int, int, str]


@dataclass(frozen=True)
class Doc:
    """The text being edited, its line ends, and the name to put in messages."""

    text: str
    newline: str
    display: str

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def after_line(self, index: int) -> int:
        """The index just past the end of the line that holds ``index``."""
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def insert(self, at: int, lines: Sequence[str]) -> Splice:
        """Whole lines inserted at ``at`` (a line start, or the end of the text)."""
        lead = self.newline if at == len(self.text) and not self.text.endswith("\n") else ""
        return (at, at, lead + "".join(line + self.newline for line in lines))

    def trim_before(self, index: int) -> int:
        """Where the spaces before ``index`` start, so that removing a value leaves no
        trailing blank after its key's colon."""
        while index > 0 and self.text[index - 1] == " ":
            index -= 1
        return index

    def delete_lines(self, first: int, last: int) -> Splice:
        """The lines from the one holding ``first`` to the one holding ``last``."""
        return (self.line_start(first), self.after_line(last), "")

    def fail(self, message: str, node: yaml.Node, key: str, hint: str) -> QuestionnaireError:
        return QuestionnaireError(Problem(self.display, message, node.start_mark.line + 1,
                                          key, hint))


def scalar(text: str, flow: bool = False) -> str:
    """Text as a YAML scalar: plain where YAML reads it back as the same text (in a list, for
    ``flow``), otherwise double-quoted (JSON's string escapes are valid YAML). libyaml reads
    ``[a#b?c]`` as a list of one text, pure PyYAML refuses it, so both are asked."""
    plain = (text == text.strip() and text and "\n" not in text and ": " not in text
             and " #" not in text and not text.endswith(":")
             and not (flow and any(c in text for c in ",[]{}")))
    if plain:
        probe, wanted = (f"k: [{text}]", {"k": [text]}) if flow else (f"k: {text}", {"k": text})
        try:  # libyaml and pure PyYAML disagree on a few plain scalars: both must agree
            plain = (yaml.load(probe, Loader=Loader) == wanted
                     and yaml.load(probe, Loader=yaml.SafeLoader) == wanted)
        except yaml.YAMLError:
            plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def option(value: str, flow: bool = False) -> str:
    """An answer id: ``yes`` and ``no`` stay bare, as people write them (the loader reads
    YAML's booleans back as the words)."""
    return value if value in ("yes", "no") else scalar(value, flow)


def content_end(doc: Doc, node: yaml.Node) -> int:
    """Where a node's own content ends: PyYAML's end mark of a block collection or block
    scalar runs on over the comments and blank lines that follow it."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            body = doc.text[node.start_mark.index:node.end_mark.index]
            return node.start_mark.index + len(body.rstrip())
        return int(node.end_mark.index)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style:
        if node.value:
            last = node.value[-1]
            return content_end(doc, last[1] if isinstance(node, yaml.MappingNode) else last)
    return int(node.end_mark.index)


def child(node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((k, v) for k, v in node.value
                 if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def splice(text: str, splices: Sequence[Splice]) -> str:
    """Apply splices from the end of the text backwards; insertions at one place land in
    the order they were listed."""
    ordered = sorted(enumerate(splices), key=lambda s: (s[1][0], s[1][1], s[0]), reverse=True)
    for _, (start, end, new) in ordered:
        text = text[:start] + new + text[end:]
    return text


def set_scalar(text: str, display: str, path: Sequence[str], value: str) -> str:
    """``text`` with the scalar at ``path`` (keys from the top) replaced by ``value`` as a
    YAML scalar; used to fill a new questionnaire's project name and team."""
    doc = Doc(text, "\r\n" if "\r\n" in text else "\n", display)
    node: yaml.Node | None = yaml.compose(text, Loader=Loader)
    for key in path:
        found = child(node, key) if isinstance(node, yaml.MappingNode) else None
        node = found[1] if found else None
    if not isinstance(node, yaml.ScalarNode):
        raise QuestionnaireError(Problem(display, "has no text to fill at this key", None,
                                         ".".join(path)))
    start, end = node.start_mark.index, content_end(doc, node)
    shown = scalar(value)
    return text[:start] + (shown if end > start else " " + shown) + text[end:]
