"""``score --scan REPO``: the scan's proposals beside the declared answers, and the score the
answers would have if the proposals were accepted, as text for the terminal."""

from __future__ import annotations

from mlops_maturity.engine.scoring import Result
from mlops_maturity.model.answers import NA
from mlops_maturity.model.rubric import Question
from mlops_maturity.report.numbers import fmt_num, num
from mlops_maturity.report.scan_compare import ScanComparison
from mlops_maturity.report.wording import plural


def comparison_text(c: ScanComparison) -> str:
    """Each question the scan has something to say about, then the score if accepted."""
    rubric = c.now.rubric
    questionnaire = c.now.questionnaire
    disputes = {d.question for d in c.merged.disagreements}
    rows = []
    for q in rubric.questions:
        p = c.scan.proposal(q.id)
        given = questionnaire.answer(q.id)
        declared = given.value if given and given.value is not None else None
        if p is None and q.id not in disputes:
            continue
        first = p.hits[0] if p and p.hits else None
        where = (f"{first.path}{':' + str(first.lines) if first.lines else ''}"
                 if first else "nothing of what it looks for")
        mark = "  (disagrees)" if q.id in disputes else ""
        rows.append((q.id, _label(q, declared), _label(q, p.answer) if p else "—",
                     where + mark))
    out = [f"Scan of {c.scan.root}: {plural(len(c.scan.proposals), 'proposal')}, "
           f"{plural(len(c.merged.disagreements), 'disagreement')} "
           f"({c.scan.files} files listed by {c.scan.lister})."]
    if rows:
        widths = [max(len(r[i]) for r in rows + [_HEAD]) for i in range(3)]
        for r in [_HEAD] + rows:
            out.append("  " + "  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3])
    out.append(f"If the proposals were accepted: {_overall(c.accepted)} "
               f"(now {_overall(c.now).removeprefix('maturity ')}).")
    if c.now_axis is not None and c.accepted_axis is not None:
        out.append(f"Its practices would support: {c.accepted_axis.supported.label} "
                   f"(now {c.now_axis.supported.label}); who decides stays as declared.")
    out.append("Accepting fills unanswered questions only; a person's answer is never changed.")
    out.append("`mlops-maturity scan REPO --merge QUESTIONNAIRE -o NEW.yaml` writes the merge.")
    return "\n".join(out) + "\n"


_HEAD = ("question", "declared", "proposed", "evidence")


def _label(q: Question, value: str | None) -> str:
    if value is None:
        return "unanswered"
    if value == NA:
        return "n/a"
    option = q.option(value)
    return option.label if option else value


def _overall(r: Result) -> str:
    if r.score is None:
        return "nothing scored"
    top = f" of {fmt_num(num(r.max_score))}" if r.max_score is not None else ""
    level = f", level '{r.level.label}'" if r.level is not None else ""
    return f"maturity {fmt_num(num(r.score))}{top}{level}"
