"""Folding a scan's proposals into a person's answers, without ever changing one of them.

An answer without ``source: scan`` is a person's, and is kept exactly as given: its value,
evidence, notes and reason. A scan may only fill a question nobody answered, or refresh its
own earlier proposal (an answer still marked ``source: scan``). Where the scan and a person
differ it says so instead: a person answered below what the files support, or above the
worst answer while the scan found nothing of what it looks for. A proposal a person
confirms (``--confirm``) loses its marker and is theirs from then on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import AbstractSet

from mlops_maturity.model.record import record
from mlops_maturity.model.answers import NA, Answer, Evidence, EvidenceSource, Questionnaire
from mlops_maturity.model.rubric import Question, Rubric
from mlops_maturity.model.textenum import TextEnum
from mlops_maturity.scan.proposals import Hit, Proposal, ScanResult

ALL = "all"


class DisagreementKind(TextEnum):
    """How a person's answer and a scan differ."""

    EVIDENCE_FOUND = "evidence-found"  # answered below what the files support
    NOTHING_FOUND = "nothing-found"  # answered above the worst; nothing the scan looks for


@record
class Disagreement:
    """A person's answer that the scan does not bear out, or that the files go beyond."""

    question: str
    kind: DisagreementKind
    declared: str
    proposed: str | None
    hits: tuple[Hit, ...]
    looked_for: tuple[str, ...]


@record
class Merged:
    """The answers after a merge, in rubric order, and what the merge has to say."""

    answers: tuple[Answer, ...]
    disagreements: tuple[Disagreement, ...]
    proposed: tuple[str, ...]  # questions answered by the scan in this file
    confirmed: tuple[str, ...]  # earlier proposals a person confirmed now
    withdrawn: tuple[str, ...]  # earlier proposals whose evidence is gone


def proposal_answer(p: Proposal, scanned_on: dt.date | None,
                    before: Answer | None = None) -> Answer:
    """A proposal as an answer marked ``source: scan``, each file a dated evidence item.

    What a person wrote on the entry before (notes, evidence of their own on a question they
    left unanswered or on an earlier proposal) is carried over, never dropped.
    """
    own = tuple(e for e in before.evidence if e.source is EvidenceSource.DECLARED) \
        if before else ()
    found = tuple(Evidence(path=h.path, lines=h.lines, date=scanned_on,
                           source=EvidenceSource.SCAN, note=h.detector.reason) for h in p.hits)
    return Answer(p.question, p.answer, own + found, before.notes if before else "",
                  source=EvidenceSource.SCAN)


def is_persons(answer: Answer | None) -> bool:
    """Whether an entry is an answer a person gave (a value, and no ``source: scan``)."""
    return (answer is not None and answer.value is not None
            and answer.source is EvidenceSource.DECLARED)


def merge(rubric: Rubric, existing: Questionnaire | None, scan: ScanResult,
          scanned_on: dt.date | None = None,
          confirm: AbstractSet[str] = frozenset()) -> Merged:
    """The answers of ``existing`` with the scan's proposals folded in (see the module)."""
    given = {a.question: a for a in existing.answers} if existing else {}
    answers: list[Answer] = []
    disagreements: list[Disagreement] = []
    proposed, confirmed, withdrawn = [], [], []
    for q in rubric.questions:
        answer = given.get(q.id)
        if answer is not None and answer.source is EvidenceSource.SCAN and (
                q.id in confirm or ALL in confirm):
            answer = replace(answer, source=EvidenceSource.DECLARED)
            confirmed.append(q.id)
        p = scan.proposal(q.id)
        if answer is not None and is_persons(answer):
            answers.append(answer)  # a person's answer: never changed
            found = disagreement(q, answer, scan)
            if found is not None:
                disagreements.append(found)
        elif p is not None:
            answers.append(proposal_answer(p, scanned_on, answer))
            proposed.append(q.id)
        elif answer is not None and answer.source is EvidenceSource.SCAN:
            withdrawn.append(q.id)  # an earlier proposal the files no longer support
        elif answer is not None:
            answers.append(answer)  # left unanswered, perhaps with notes: kept as written
    return Merged(tuple(answers), tuple(disagreements), tuple(proposed), tuple(confirmed),
                  tuple(withdrawn))


def disagreement(q: Question, answer: Answer, scan: ScanResult) -> Disagreement | None:
    """Where a person's answer and the scan differ, if they do."""
    if answer.value is None or answer.value == NA or q.option(answer.value) is None:
        return None
    p = scan.proposal(q.id)
    if p is not None and q.rank(p.answer) > q.rank(answer.value):
        return Disagreement(q.id, DisagreementKind.EVIDENCE_FOUND, answer.value, p.answer,
                            p.hits, ())
    missing = scan.looked_for(q.id)
    if p is None and missing is not None and q.rank(answer.value) > 0:
        return Disagreement(q.id, DisagreementKind.NOTHING_FOUND, answer.value, None, (),
                            missing.looked_for)
    return None


def accepted(existing: Questionnaire, merged: Merged) -> Questionnaire:
    """The questionnaire as it would be with the merge accepted (for ``score --scan``)."""
    return replace(existing, answers=merged.answers)
