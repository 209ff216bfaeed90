"""A comparison in text (a terminal), Markdown (a pull-request comment), JSON and HTML.

Every format shows the same findings in the same order and words them through
``history/wording.py``. The Markdown fits a pull-request comment: under ``LIMIT`` bytes
unless ``full`` is asked for, by showing fewer answers and blockers (the rest counted in an
"… and N more" line) and clipping long user texts at a word, as the report summary does.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from mlops_maturity.history import wording as w
from mlops_maturity.history.changes import AnswerChangeKind, Comparison, LevelChange
from mlops_maturity.history.formats import HistoryFormat, text_footer
from mlops_maturity.report.wording import Phrase, plain
from mlops_maturity.model.record import record

LIMIT = 4096  # bytes: a pull-request comment, read at a glance
# (user text budget in bytes, list items shown); the last always fits
BUDGETS = ((200, 40), (120, 20), (80, 12), (48, 8), (24, 5), (12, 3))
ALL = (10 ** 6, 10 ** 6)


def generator(c: Comparison) -> str:
    return f"{c.tool['name']} {c.tool['version']}"


def render(c: Comparison, fmt: HistoryFormat, full: bool = False) -> str:
    """The whole document in one format."""
    if fmt is HistoryFormat.JSON:
        return json.dumps(c.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt is HistoryFormat.TEXT:
        return text(c)
    if fmt is HistoryFormat.HTML:
        from mlops_maturity.render.templating import html_phrase, render_template
        return render_template("compare.html.j2", **_context(c, ALL, html_phrase, str))
    return markdown(c, full)


def markdown(c: Comparison, full: bool = False) -> str:
    """GFM for a pull request; the first budget that fits ``LIMIT`` is used."""
    from mlops_maturity.render.summary import clip, clip_phrase
    from mlops_maturity.render.templating import md_escape, md_phrase, render_template
    document = ""
    for budget in (ALL,) if full else BUDGETS:
        size = budget[0]
        document = render_template(
            "compare.md.j2", **_context(c, budget, lambda p: md_phrase(clip_phrase(p, size)),
                                        lambda t: md_escape(clip(t, size))))
        if full or len(document.encode("utf-8")) <= LIMIT:
            break
    return document


@record
class Listing:
    """Phrases of one list, the first ``shown`` of them, and how many more there are."""

    items: tuple[Any, ...]
    more: int


def _listing(phrases: list[Any], count: int) -> Listing:
    return Listing(tuple(phrases[:count]), max(0, len(phrases) - count))


def _context(c: Comparison, budget: tuple[int, int], phrase: Callable[[Phrase], Any],
             clip: Callable[[str], Any]) -> dict[str, Any]:
    """What the Markdown and HTML templates receive: every phrase already marked up."""
    count = budget[1]
    a = c.automation
    answers = [(x.kind.value, phrase(w.answer_change(x))) for x in c.answers]
    return {
        "c": c, "generator": generator(c), "clip": clip, "headline": w.headline(c),
        "warnings": [phrase(p) for p in w.warnings(c.old, c.new)],
        "title": c.new.project or c.old.project or "Unnamed project",
        "overall": phrase(w.score_change(c.overall)),
        "level": phrase(w.level_change(c.level)) if _has(c.level) else None,
        "band": phrase(w.level_change(c.band)) if _has(c.band) and c.band != c.level else None,
        "declared": phrase(w.declared_change(a)) if a else None,
        "supported": phrase(w.supported_change(a)) if a else None,
        "support": phrase(w.support_verdict(a)) if a else None,
        "regressions": [phrase(w.regression(r, c)) for r in c.regressions],
        "sections": [(s, phrase(w.score_change(s.score)), phrase(w.level_change(s.level)))
                     for s in c.sections],
        "answers": _listing(answers, count),
        "cleared": _listing([phrase(w.blocker(b, True)) for b in c.blockers_cleared], count),
        "introduced": _listing([phrase(w.blocker(b, False)) for b in c.blockers_introduced],
                               count),
        "improved": c.improved, "regressed": c.regressed,
        "neutral": sum(x.kind is AnswerChangeKind.NEUTRAL for x in c.answers),
    }


def _has(change: LevelChange) -> bool:
    """Whether either side has a level (or band) at all: rubrics without levels have none."""
    return change.old is not None or change.new is not None


def text(c: Comparison) -> str:
    """Plain lines for a terminal, in the order every format uses."""
    lines = [f"Compare: {c.old.source} → {c.new.source}",
             f"Rubric: {c.rubric['id']} version {c.old.rubric_version}"
             + (f" → {c.new.rubric_version}" if c.rubric_version_changed else "")]
    lines += [f"Warning: {warning}" for warning in c.warnings]
    lines += [f"Result: {w.headline(c)}", ""]
    a = c.automation
    if a is not None:
        lines += [f"Who decides: {plain(w.declared_change(a))}",
                  f"Its practices support: {plain(w.supported_change(a))}; "
                  f"{plain(w.support_verdict(a))}"]
    lines += [f"Maturity: {plain(w.score_change(c.overall))}"
              + (f", level {plain(w.level_change(c.level))}" if _has(c.level) else "")
              + (f", band {plain(w.level_change(c.band))}"
                 if _has(c.band) and c.band != c.level else "")]
    lines += [f"  {s.title}: {plain(w.score_change(s.score))}"
              + (f", level {plain(w.level_change(s.level))}" if s.kind == "stage" else "")
              for s in c.sections]
    for title, items in (("Regressions", [w.regression(r, c) for r in c.regressions]),
                         ("Answers changed", [w.answer_change(x) for x in c.answers]),
                         ("Blockers cleared", [w.blocker(b, True) for b in c.blockers_cleared]),
                         ("Blockers introduced",
                          [w.blocker(b, False) for b in c.blockers_introduced])):
        if items:
            lines += ["", f"{title}:"] + [f"  - {plain(p)}" for p in items]
    for title, ids in (("Questions added in this rubric version", c.questions_added),
                       ("Questions removed in this rubric version", c.questions_removed),
                       ("Sections added", c.sections_added),
                       ("Sections removed", c.sections_removed)):
        if ids:
            lines += ["", f"{title}: {', '.join(ids)}"]
    return "\n".join(lines + ["", text_footer(generator(c))]) + "\n"
