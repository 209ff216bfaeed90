"""A short Markdown summary, page one of a readiness review, for places that show a few lines
and not a document: a CI job's step summary, a pull-request comment, a wiki's front page.

It says who decides and whether the practices support it, the lifecycle maturity, the verdict
for the target, the top blockers with the answer each needs, and a table of the stages; the
full report has the rest. It is GFM like the Markdown report and shares its escaping and its
wording (``report/wording.py`` through ``md_phrase``), so a blocker reads the same here.

Kept under ``LIMIT`` bytes whatever the rubric and questionnaire say: step summaries and
comments have size limits, and a summary nobody can read at a glance is not one. Long texts
are cut at a word, never inside one, and long lists end with an "… and N more" line; the
first budget in ``BUDGETS`` that fits is used, so ordinary reports are not cut at all.

The file suffix is ``.summary.md`` (the longest suffix decides, so ``report.md`` stays the
full report). Where the name is not ours to choose, the format is named
(``--format summary``); a step summary is appended to, so it is written to stdout and added
with ``>> "$GITHUB_STEP_SUMMARY"``.

The full report is named by the command that writes it, not linked: a relative
``report.html`` resolves against the page showing the summary, which for a step summary or a
pull-request comment is GitHub's page, not the folder the report was written to.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mlops_maturity.engine.findings import BlockerKind
from mlops_maturity.engine.readiness import TargetSource
from mlops_maturity.render.base import Format, RenderOptions
from mlops_maturity.report import wording
from mlops_maturity.report.model import BlockerView, Report
from mlops_maturity.report.wording import Phrase, Seg
from mlops_maturity.model.record import record

LIMIT = 4096  # bytes of UTF-8
TOP = 5  # blockers shown
CODE_BYTES = 80  # an identifier longer than this is shown as "…", never cut
ELLIPSIS = "…"


@record
class Budget:
    """How much of each user text (escaped, in bytes) and how many stage rows to show."""

    text: int
    stages: int


# From generous (nothing real is cut) to tight (hostile input); the last always fits.
BUDGETS = (Budget(200, 12), Budget(120, 10), Budget(80, 8), Budget(48, 6), Budget(24, 4),
           Budget(12, 0))


@record
class Item:
    """One blocker as the summary lists it: the shared phrase, the target it blocks, and the
    blocker itself (annotations locate it by its question)."""

    phrase: Phrase
    target: str
    blocker: BlockerView


def blockers(report: Report) -> tuple[Item, ...]:
    """What stands between the system and its target, most urgent first: the decision axis
    (who decides, then its practices), then the maturity level; a repeat is listed once."""
    items: list[Item] = []
    a, r = report.automation, report.readiness
    if a is not None:
        # a target in place with blockers left: they are the declared degree's (it runs above)
        owner = (a.declared_label if a.target_ready and a.declared_label is not None
                 else a.target_label)
        items += [Item(wording.automation_blocker(b), owner, b) for b in a.blockers]
    if r is not None:
        items += [Item(wording.practice_blocker(b) if b.kind is BlockerKind.GATE
                       else wording.overall_blocker(b, r.target_label), r.target_label, b)
                  for b in r.blockers]
    seen: set[str] = set()
    unique = []
    for item in items:
        if wording.plain(item.phrase) not in seen:
            seen.add(wording.plain(item.phrase))
            unique.append(item)
    return tuple(unique)


def verdicts(report: Report, budget: int) -> tuple[str, str] | None:
    """Who decides, and the verdict for the target degree, worded as in every other format but
    with each label clipped, so a long label cannot push "beyond support" out of sight."""
    a = report.automation
    if a is None:
        return None
    declared = None if a.declared_label is None else clip(a.declared_label, budget)
    question = a.question if _size(a.question) <= CODE_BYTES else ELLIPSIS
    return (wording.automation_verdict(declared, clip(a.supported_label, budget),
                                       a.within_support, question),
            wording.degree_target_verdict(clip(a.target_label, budget), a.target_ready,
                                          len(a.blockers), a.design_point, declared,
                                          a.target_source is TargetSource.NEXT_DEGREE))


def clip(text: Any, budget: int) -> str:
    """The longest run of whole words whose Markdown fits ``budget`` bytes, "…" after it when
    words were dropped; an empty run (a first word too long) is "…" alone."""
    from mlops_maturity.render.templating import md_escape
    words = str(text).split()
    if _size(md_escape(" ".join(words))) <= budget:
        return " ".join(words)
    kept: list[str] = []
    for word in words:
        if _size(md_escape(" ".join(kept + [word]) + ELLIPSIS)) > budget:
            break
        kept.append(word)
    return " ".join(kept) + ELLIPSIS


def clip_phrase(phrase: Phrase, budget: int) -> Phrase:
    """A phrase with each value clipped; the tool's words and the numbers stay whole, and an
    identifier is either whole or "…"."""
    from mlops_maturity.render.templating import md_code
    out = []
    for s in phrase:
        if s.kind is Seg.VALUE:
            s = replace(s, text=clip(s.text, budget))
        elif s.kind is Seg.CODE and _size(md_code(s.text)) > CODE_BYTES:
            s = replace(s, kind=Seg.WORDS, text=ELLIPSIS)
        out.append(s)
    return tuple(out)


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


class SummaryRenderer:
    """The summary as GFM; every value is escaped by the Markdown environment."""

    format: Format = Format.SUMMARY
    suffixes: tuple[str, ...] = (".summary.md",)

    def render(self, report: Report, options: RenderOptions = RenderOptions()) -> str:
        text = ""
        for budget in BUDGETS:
            text = self._render(report, budget)
            if _size(text) <= LIMIT:
                break
        return text

    def _render(self, report: Report, budget: Budget) -> str:
        from mlops_maturity.render.context import context
        from mlops_maturity.render.templating import md_escape, md_phrase, render_template
        items = blockers(report)
        targets = {item.target for item in items}
        ready = ({s.section: s.met for s in report.readiness.sections}
                 if report.readiness is not None else None)

        def text(value: Any) -> str:
            return md_escape(clip(value, budget.text))

        def phrase(p: Phrase) -> str:
            return md_phrase(clip_phrase(p, budget.text))

        return render_template(
            "summary.md.j2", **context(report), clip=text, clip_phrase=phrase,
            verdicts=verdicts(report, budget.text),
            blockers=items[:TOP], more_blockers=len(items) - min(len(items), TOP),
            tag_targets=len(targets) > 1, stages=report.sections[:budget.stages],
            more_stages=len(report.sections) - min(len(report.sections), budget.stages),
            ready=ready)


RENDERER = SummaryRenderer()
