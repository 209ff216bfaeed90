"""From files to proposals, without I/O: which detectors a path or a text matches, and the
answers their hits support.

A search is bounded per file: the caller passes at most ``reading.MAX_SCAN_BYTES`` of text,
and lines longer than ``MAX_LINE`` characters are cut before any expression runs, so an
expression (already refused by ``validate`` if it nests quantifiers) costs at most a small
power of a line's length on each line, never of the file's.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from mlops_maturity.model.answers import LineRange
from mlops_maturity.model.rubric import Detector, DetectorKind, Rubric
from mlops_maturity.scan.compiled import Matcher
from mlops_maturity.scan.plan import ContentIndex, PathIndex, Searcher
from mlops_maturity.scan.proposals import Hit, NotFound, Proposal

MAX_LINE = 2000
MAX_EVIDENCE = 10  # files listed per proposal; the rest are counted
_LONG_LINE = re.compile(f"[^\\n]{{{MAX_LINE + 1}}}")
_CUT = re.compile(f"([^\\n]{{{MAX_LINE}}})[^\\n]+")


def name_of(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def path_hits(index: PathIndex, path: str) -> list[Hit]:
    """The glob and path detectors that a file's path matches."""
    return [Hit(d, path) for d in index.detectors(path, name_of(path))]


def content_searcher(index: ContentIndex, path: str) -> Searcher | None:
    """What searches a file's text (content and dependency detectors), or None."""
    return index.searcher(path, name_of(path))


def content_hits(matchers: Iterable[Matcher], path: str, text: str) -> list[Hit]:
    """The detectors whose expression matches the text, each with its first match's lines."""
    matchers = list(matchers)
    if not matchers:
        return []
    bounded = _bounded(text)
    folded: list[str] = []

    def caseless() -> str:
        if not folded:
            folded.append(bounded.casefold())
        return folded[0]

    hits = []
    for m in matchers:
        lines = search(m, bounded, caseless)
        if lines is not None:
            hits.append(Hit(m.detector, path, lines))
    return hits


def search(m: Matcher, text: str, caseless: Callable[[], str]) -> LineRange | None:
    """The lines of the first match of one detector, or None; the literal test first."""
    if m.literal is not None and m.literal not in (caseless() if m.caseless else text):
        return None
    found = m.regex.search(text)
    if found is None:
        return None
    return lines_of(text, found.start(), found.end())


def lines_of(text: str, start: int, end: int) -> LineRange:
    """The lines that hold the text a match found between offsets ``start`` and ``end``.

    Whitespace at either end of a match is left out first: an expression such as
    ``(?:^|\\s)evidently`` or ``^\\s*import`` takes the line break before the name (the
    leftmost match begins there), and ``limits:\\s*$`` takes blank lines after it, yet the
    evidence is the line with the name on it. Lines are counted by ``\\n``, so CRLF counts once.
    """
    matched = text[start:end]
    core = matched.strip()
    if core:  # a match of whitespace only keeps its own span
        start += len(matched) - len(matched.lstrip())
        end = start + len(core)
    first = text.count("\n", 0, start) + 1
    return LineRange(first, first + text.count("\n", start, max(start, end - 1)))


def _bounded(text: str) -> str:
    """The text with every line cut to ``MAX_LINE`` characters (minified files, data)."""
    if len(text) > MAX_LINE and _LONG_LINE.search(text):
        return _CUT.sub(r"\1", text)
    return text


def propose(rubric: Rubric, hits: Iterable[Hit]) -> tuple[tuple[Proposal, ...],
                                                          tuple[NotFound, ...]]:
    """The best answer each question's hits support, and the questions with detectors that
    found nothing (which stay unanswered: absence of a file is never evidence of 'no')."""
    by_question: dict[str, list[Hit]] = {}
    owner = {id(d): q.id for q in rubric.questions for d in q.detectors}
    for hit in hits:
        by_question.setdefault(owner[id(hit.detector)], []).append(hit)
    proposals, not_found = [], []
    for q in rubric.questions:
        if not q.detectors:
            continue
        found = by_question.get(q.id)
        if not found:
            not_found.append(NotFound(q.id, tuple(looked_for(d) for d in q.detectors)))
            continue
        best = max((h.detector.supports for h in found), key=q.rank)
        proposals.append(_proposal(q.id, best, [h for h in found
                                                if h.detector.supports == best]))
    return tuple(proposals), tuple(not_found)


def _proposal(question: str, answer: str, hits: list[Hit]) -> Proposal:
    """One hit per file (the first detector's), files in path order, at most ten listed."""
    first: dict[str, Hit] = {}
    for hit in sorted(hits, key=lambda h: h.path):
        first.setdefault(hit.path, hit)
    chosen = list(first.values())
    return Proposal(question, answer, tuple(chosen[:MAX_EVIDENCE]),
                    max(0, len(chosen) - MAX_EVIDENCE))


def looked_for(d: Detector) -> str:
    """What a detector looks for, in one phrase: its reason and its pattern."""
    where = {DetectorKind.GLOB: "files named", DetectorKind.PATH: "paths matching",
             DetectorKind.CONTENT: "text matching", DetectorKind.DEPENDENCY:
             "a dependency matching"}[d.kind]
    scope = f" in {d.files}" if d.files else ""
    return f"{d.reason} ({where} {d.pattern}{scope})"
