"""Every change worded once, as phrases (``report/wording.py``) that each format marks up.

Two rules hold the words apart. Who decides is the team's declaration: a change of the
declared degree is worded as the team's change of design, never as better or worse, and no
phrase names a degree as the one a system "runs at" unless the team declared it. What the
practices support, scores and levels go up or down, and say so.
"""

from __future__ import annotations

from mlops_maturity.history.changes import (AnswerChange, AnswerChangeKind, AutomationChange,
                                            Axis, BlockerChange, Comparison, Direction,
                                            LevelChange, Regression, RegressionKind,
                                            ScoreChange, SideView)
from mlops_maturity.history.systems import differ, shown
from mlops_maturity.engine.findings import BlockerKind
from mlops_maturity.report import wording
from mlops_maturity.report.numbers import fmt_num
from mlops_maturity.report.wording import Phrase, code, number, value, words

ARROW = " → "
_MOVED = {Direction.UP: "up", Direction.DOWN: "down", Direction.SAME: "unchanged",
          Direction.UNKNOWN: "not comparable"}


def signed(delta: float | None) -> str:
    """A change in score with its sign: ``+2.6``, ``−1``, ``±0``."""
    if delta is None:
        return ""
    if delta == 0:
        return "±0"
    return f"+{fmt_num(delta)}" if delta > 0 else f"−{fmt_num(-delta)}"


def score_change(s: ScoreChange) -> Phrase:
    """``58.6 → 61.2 of 100 (+2.6)``; a side with nothing scored reads "not scored"."""
    old = number(s.old) if s.old is not None else words("not scored")
    new = number(s.new) if s.new is not None else words("not scored")
    tail: Phrase = (words(" of "), number(s.max_score)) if s.max_score is not None else ()
    delta = (words(f" ({signed(s.delta)})"),) if s.delta is not None else (
        words(f" ({_MOVED[s.direction]})"),)
    return (old, words(ARROW), new) + tail + delta


def level_change(c: LevelChange) -> Phrase:
    """``Defined → Managed (up)``, or ``Defined (unchanged)``."""
    if c.old == c.new:
        return (value(c.new_label or "none"), words(" (unchanged)"))
    return (value(c.old_label or "none"), words(ARROW), value(c.new_label or "none"),
            words(f" ({_MOVED[c.direction]})"))


def declared_change(a: AutomationChange) -> Phrase:
    """Who decides, as the team declared it on each side; a change is the team's design."""
    if not a.design_changed:
        if a.declared_new_label is None:
            return (words("not declared on either side"),)
        return (value(a.declared_new_label), words(" (declared; unchanged)"))
    return (value(a.declared_old_label or "not declared"), words(ARROW),
            value(a.declared_new_label or "not declared"),
            words(" (declared: the team changed its design, which is neither better nor "
                  "worse)"))


def supported_change(a: AutomationChange) -> Phrase:
    if a.supported_old == a.supported_new:
        return (value(a.supported_new_label), words(" (unchanged)"))
    return (value(a.supported_old_label), words(ARROW), value(a.supported_new_label),
            words(f" ({_MOVED[a.supported_direction]})"))


def support_verdict(a: AutomationChange) -> Phrase:
    """Within or beyond support, and whether that changed."""
    if a.moved_beyond_support:
        return (words("now runs beyond what its practices support"),)
    if a.back_within_support:
        return (words("back within what its practices support"),)
    if a.within_support_new is None:
        return (words("who decides is not declared, so support cannot be judged"),)
    where = "within support" if a.within_support_new else "beyond support"
    was = ("" if a.within_support_old is a.within_support_new
           else " (who decides was not declared before)")
    return (words(where + was),)


_KIND = {AnswerChangeKind.IMPROVED: "improved", AnswerChangeKind.REGRESSED: "regressed",
         AnswerChangeKind.NEUTRAL: "same points"}


def answer_kind(a: AnswerChange) -> str:
    """``improved``, ``regressed``; an n/a on either side takes the question out of the
    score, which is neither."""
    if a.kind is AnswerChangeKind.NEUTRAL and "n/a" in (a.old, a.new):
        return "no longer scored" if a.new == "n/a" else "scored again"
    return _KIND[a.kind]


def answer_change(a: AnswerChange) -> Phrase:
    """``deployment.rollback: Partial → Yes (improved)``."""
    return (code(a.question), words(": "), value(a.old_label or "unanswered"), words(ARROW),
            value(a.new_label or "unanswered"), words(f" ({answer_kind(a)})"))


def blocker(b: BlockerChange, cleared: bool) -> Phrase:
    """A blocker and the target it stood (or stands) before. A missing practice reads as
    what the target needs and what the answer was, so it is not mistaken for an answer
    that changed; other blockers keep the words of the report that has them."""
    view = b.blocker
    target = (words(" for "), value(b.target_label))
    if view.question is not None and view.kind is not BlockerKind.UNDECLARED:
        return (code(view.question), words(" needed " if cleared else " needs "),
                value(view.needed_label or "")) + target + (
                words(" (it was " if cleared else " (it is "),
                value(view.current_label or "unanswered"), words(")"))
    if b.axis is Axis.AUTOMATION:
        phrase = wording.automation_blocker(view)
    else:
        phrase = wording.overall_blocker(view, b.target_label)
    return phrase + (words(" (for "), value(b.target_label), words(")"))


def regression(r: Regression, c: Comparison) -> Phrase:
    """One reason ``--fail-on-regression`` fails."""
    if r.kind is RegressionKind.SCORE:
        return (words("the overall score went down: "),) + score_change(c.overall)
    if r.kind is RegressionKind.SECTION_LEVEL:
        section = next(s for s in c.sections if s.id == r.subject)
        return (words("the maturity level of "), value(section.title), words(" went down: "),
                ) + level_change(section.level)
    a = c.automation
    assert a is not None
    if r.kind is RegressionKind.SUPPORTED:
        return (words("its practices support less than before: "),) + supported_change(a)
    return (words("it now runs beyond what its practices support: declared "),
            value(a.declared_new_label or ""), words(", supported "),
            value(a.supported_new_label))


def warnings(old: SideView, new: SideView) -> tuple[Phrase, ...]:
    """What to know before reading a comparison: the two name different systems. A rename
    is legitimate, so it is a warning, never an error."""
    if not differ(old.project, new.project):
        return ()
    return ((words("the two assessments name different systems ('"),
             value(shown(old.project)), words("', then '"), value(shown(new.project)),
             words("'): expected after a rename; otherwise compare two assessments of one "
                   "system")),)


def headline(c: Comparison) -> str:
    """One line for the top of every format."""
    regressions = len(c.regressions)
    parts = [f"{c.improved} answer{'s' * (c.improved != 1)} improved",
             f"{c.regressed} regressed",
             f"{len(c.blockers_cleared)} blocker{'s' * (len(c.blockers_cleared) != 1)} cleared",
             f"{len(c.blockers_introduced)} introduced"]
    verdict = (f"{wording.plural(regressions, 'regression')}" if regressions
               else "no regression")
    return f"{verdict}: " + ", ".join(parts)
