"""Write one change into a questionnaire's own lines, leaving every other byte as written.

Why not a round-trip YAML library: ruamel.yaml re-emits the whole document. On the bundled
example ``fraud-realtime-canary.yaml`` a load and dump with no change at all rewrapped 90
lines at its default width, and with the width raised it still re-indented every evidence
list, because indentation is one setting for the whole file. A pull request would then show
lines the team never touched. Here PyYAML's composer (the parser the loader itself uses)
says where each node starts and ends, and an edit splices only the characters of the fields
that change: a scalar replaced in place, a line inserted or removed. Comments, key order,
quoting and blank lines outside those characters stay exactly as the person wrote them.

A new answer goes in rubric order: after the answer to the nearest earlier question that
the file has, else before the comments of the nearest later one.
"""

from __future__ import annotations

from typing import Any, Sequence

import yaml

from mlops_maturity.interactive.change import Change
from mlops_maturity.interactive.yamltext import (Doc, Loader, Splice, child, content_end, option,
                                                 scalar, splice)
from mlops_maturity.model.errors import Problem, QuestionnaireError

FLOW_WIDTH = 100  # a flow mapping that would grow past this becomes a block

def _field_lines(name: str, value: str | tuple[str, ...], indent: str) -> list[str]:
    if isinstance(value, tuple):
        return [f"{indent}{name}:"] + [f"{indent}  - {scalar(item)}" for item in value]
    text = option(value) if name == "answer" else scalar(value)
    return [f"{indent}{name}: {text}"]


def _fields(change: Change, old: dict[str, Any]) -> list[tuple[str, str | tuple[str, ...]]]:
    """Every field of the answer once changed, in the usual order, for an answer written anew
    (``old`` holds what the file had, for a short or flow-style answer being rewritten)."""
    value = change.value if change.value is not None else _text(old.get("answer"))
    evidence = _evidence(old.get("evidence")) + change.add_evidence
    notes = change.notes if change.notes is not None else _text(old.get("notes"))
    reason = change.reason if change.reason is not None else _text(old.get("reason"))
    found: list[tuple[str, str | tuple[str, ...]]] = [
        ("answer", value), ("evidence", evidence), ("notes", notes), ("reason", reason)]
    return [(k, v) for k, v in found if v]


def _text(value: Any) -> str:
    if value is True or value is False:
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _evidence(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [] if value is None else [value]
    return tuple(str(i).strip() for i in items if str(i).strip())


def _short(change: Change, old: dict[str, Any]) -> bool:
    fields = _fields(change, old)
    return len(fields) == 1 and fields[0][0] == "answer"


def edit_answer(text: str, display: str, order: Sequence[str], change: Change) -> str:
    """``text`` with ``change`` written into the answer of ``change.question``."""
    if change.empty:
        return text
    doc = Doc(text, "\r\n" if "\r\n" in text else "\n", display)
    root = yaml.compose(text, Loader=Loader)
    if not isinstance(root, yaml.MappingNode):
        raise QuestionnaireError(Problem(display, "the top level is not a mapping of keys", 1))
    splices = _answers(doc, root, order, change)
    return splice(text, splices)


def _answers(doc: Doc, root: yaml.MappingNode, order: Sequence[str],
             change: Change) -> list[Splice]:
    found = child(root, "answers")
    if found is None:
        end = content_end(doc, root)
        at = doc.after_line(end) if root.value else len(doc.text)
        return [doc.insert(at, ["answers:"] + _entry_lines(change, {}, "  "))]
    key, answers = found
    indent = " " * (key.start_mark.column + 2)
    if isinstance(answers, yaml.ScalarNode) or (isinstance(answers, yaml.MappingNode)
                                                and answers.flow_style and not answers.value):
        # `answers:` with nothing under it yet, or `answers: {}`
        at = doc.after_line(answers.end_mark.index)
        return [(doc.trim_before(answers.start_mark.index), answers.end_mark.index, ""),
                doc.insert(at, _entry_lines(change, {}, indent))]
    if not isinstance(answers, yaml.MappingNode) or answers.flow_style:
        raise doc.fail("is written in flow style ({...}), which assess cannot edit line by "
                       "line", answers, "answers", "write one answer per line under "
                       "'answers:', as `mlops-maturity init` does")
    if answers.value:
        indent = " " * answers.value[0][0].start_mark.column
    entry = child(answers, change.question)
    if entry is None:
        return [_new_entry(doc, answers, order, change, indent)]
    return _edit_entry(doc, entry, change, indent, _raw_answer(doc.text, change.question))


def _raw_answer(text: str, question: str) -> Any:
    """What the file holds for one answer, as YAML reads it (the file was checked by the
    loader before any edit, so it parses)."""
    data = yaml.load(text, Loader=Loader)
    answers = data.get("answers") if isinstance(data, dict) else None
    return answers.get(question) if isinstance(answers, dict) else None


def _entry_lines(change: Change, old: dict[str, Any], indent: str) -> list[str]:
    fields = _fields(change, old)
    if _short(change, old):
        return [f"{indent}{change.question}: {option(str(fields[0][1]))}"]
    lines = [f"{indent}{change.question}:"]
    for name, value in fields:
        lines += _field_lines(name, value, indent + "  ")
    return lines


def _new_entry(doc: Doc, answers: yaml.MappingNode, order: Sequence[str], change: Change,
               indent: str) -> Splice:
    """A new answer in rubric order among the answers the file already has."""
    present = {k.value: (k, v) for k, v in answers.value if isinstance(k, yaml.ScalarNode)}
    position = list(order).index(change.question) if change.question in order else len(order)
    earlier = next((order[i] for i in range(position - 1, -1, -1) if order[i] in present),
                   None)
    later = next((order[i] for i in range(position + 1, len(order)) if order[i] in present),
                 None)
    lines = _entry_lines(change, {}, indent)
    if earlier is not None:
        return doc.insert(doc.after_line(content_end(doc, present[earlier][1])), lines)
    if later is not None:
        return doc.insert(_comments_above(doc, present[later][0]), lines)
    return doc.insert(doc.after_line(content_end(doc, answers)), lines)


def _comments_above(doc: Doc, key: yaml.Node) -> int:
    """The start of the comment lines directly above a key: they speak of that key."""
    at = doc.line_start(key.start_mark.index)
    while at > 0:
        above = doc.line_start(at - 1)
        if not doc.text[above:at].strip().startswith("#"):
            break
        at = above
    return at


def _edit_entry(doc: Doc, entry: tuple[yaml.Node, yaml.Node], change: Change,
                indent: str, raw: Any) -> list[Splice]:
    key, value = entry
    sub = indent + "  "
    if isinstance(value, yaml.ScalarNode):
        old: dict[str, Any] = {} if raw is None else {"answer": raw}
        start, end = value.start_mark.index, content_end(doc, value)
        if _short(change, old):
            new = option(str(_fields(change, old)[0][1]))
            return [(start, end, new if end > start else " " + new)]
        lines = [line for name, v in _fields(change, old) for line in _field_lines(name, v, sub)]
        return [(doc.trim_before(start), end, ""), doc.insert(doc.after_line(end), lines)]
    if isinstance(value, yaml.MappingNode) and value.flow_style:
        return _edit_flow(doc, value, change, raw if isinstance(raw, dict) else {}, sub)
    if isinstance(value, yaml.MappingNode):
        return _edit_block(doc, value, change, raw if isinstance(raw, dict) else {})
    raise doc.fail("is not an answer assess can edit", value, f"answers.{change.question}",
                   "write it as `id: answer` or as a mapping with answer, evidence, notes")


def _edit_flow(doc: Doc, value: yaml.MappingNode, change: Change, old: dict[str, Any],
               sub: str) -> list[Splice]:
    """A flow-style answer (``{answer: n/a, reason: "..."}``) is rewritten whole: one line
    holds no comments to keep. It stays a flow mapping while it fits the line."""
    parts = []
    for name, v in _fields(change, old):
        shown = ("[" + ", ".join(scalar(i, True) for i in v) + "]" if isinstance(v, tuple)
                 else option(v, True) if name == "answer" else scalar(v, True))
        parts.append(f"{name}: {shown}")
    flow = "{" + ", ".join(parts) + "}"
    start, end = value.start_mark.index, value.end_mark.index
    if value.start_mark.column + len(flow) <= FLOW_WIDTH and "\n" not in doc.text[start:end]:
        return [(start, end, flow)]
    lines = [line for name, v in _fields(change, old) for line in _field_lines(name, v, sub)]
    return [(doc.trim_before(start), end, ""), doc.insert(doc.after_line(end), lines)]


def _edit_block(doc: Doc, value: yaml.MappingNode, change: Change,
                old: dict[str, Any]) -> list[Splice]:
    """A block-style answer: each changed field is replaced, added or removed in its own
    lines; fields the change does not name are not touched."""
    indent = " " * value.value[0][0].start_mark.column
    splices: list[Splice] = []
    added: list[str] = []
    wanted: list[tuple[str, str | None]] = [
        ("answer", change.value), ("notes", change.notes), ("reason", change.reason)]
    for name, new in wanted:
        if new is None:
            continue
        found = child(value, name)
        if found is None:
            added += _field_lines(name, new, indent) if new else []
        elif not new:
            splices.append(doc.delete_lines(found[0].start_mark.index, content_end(doc, found[1])))
        else:
            shown = option(new) if name == "answer" else scalar(new)
            splices.append((found[1].start_mark.index, content_end(doc, found[1]), shown))
    if change.add_evidence:
        found = child(value, "evidence")
        if found is None:
            added += _field_lines("evidence", change.add_evidence, indent)
        else:
            had = _evidence(old.get("evidence"))
            splices += _more_evidence(doc, found[1], had, change.add_evidence, indent)
    if added:
        splices.append(doc.insert(doc.after_line(content_end(doc, value)), added))
    return splices


def _more_evidence(doc: Doc, node: yaml.Node, had: tuple[str, ...],
                   items: tuple[str, ...], indent: str) -> list[Splice]:
    """Evidence appended after the last item, in the list's own style."""
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        first = node.value[0].start_mark
        dash = doc.text.rfind("-", doc.line_start(first.index), first.index)
        lead = doc.text[doc.line_start(first.index):dash] if dash >= 0 else indent + "  "
        gap = doc.text[dash + 1:first.index] if dash >= 0 else " "
        return [doc.insert(doc.after_line(content_end(doc, node)),
                           [f"{' ' * len(lead)}-{gap}{scalar(i)}" for i in items])]
    if isinstance(node, yaml.SequenceNode) and node.flow_style:
        close = node.end_mark.index - 1  # the closing bracket
        lead = ", " if node.value else ""
        return [(close, close, lead + ", ".join(scalar(i, True) for i in items))]
    start, end = node.start_mark.index, content_end(doc, node)
    lines = [f"{indent}  - {scalar(i)}" for i in had + items]
    return [(doc.trim_before(start), end, ""), doc.insert(doc.after_line(end), lines)]
