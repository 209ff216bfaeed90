"""What one reply changes in one answer, and the answer that results.

A change names only the fields a reply touched. The file edit (``yamledit``) writes exactly
those fields, so whatever else a person wrote in the answer keeps its bytes and its place.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from mlops_maturity.model.answers import NA, Answer, Evidence


@dataclass(frozen=True)
class Change:
    """The fields of one answer that a reply sets; ``None`` leaves a field as it is.

    ``notes`` and ``reason`` set to ``""`` remove the field. Evidence is only ever added to:
    a facilitator's session never deletes evidence a person wrote.
    """

    question: str
    value: str | None = None
    add_evidence: tuple[str, ...] = ()
    notes: str | None = None
    reason: str | None = None

    @property
    def empty(self) -> bool:
        return (self.value is None and not self.add_evidence and self.notes is None
                and self.reason is None)


def pick(question: str, value: str, current: Answer | None, reason: str = "") -> Change:
    """Answer a question: a value other than n/a drops an n/a reason (the loader allows a
    reason only on n/a), and n/a carries its reason."""
    if value == NA:
        return Change(question, value=NA, reason=reason)
    had_reason = current is not None and bool(current.reason)
    return Change(question, value=value, reason="" if had_reason else None)


def add_evidence(question: str, items: tuple[str, ...], current: Answer | None) -> Change:
    """Evidence not already given for the answer (the same link twice says nothing more)."""
    have = {e.shown for e in current.evidence} if current is not None else set()
    fresh = tuple(dict.fromkeys(i for i in items if i not in have))
    return Change(question, add_evidence=fresh)


def apply(current: Answer | None, change: Change) -> Answer:
    """The answer once ``change`` is written, as the loader will read it back (no line)."""
    base = dataclasses.replace(current, line=None) if current else Answer(change.question, None)
    return dataclasses.replace(
        base,
        value=base.value if change.value is None else change.value,
        evidence=base.evidence + tuple(Evidence(text=t) for t in change.add_evidence),
        notes=base.notes if change.notes is None else change.notes,
        reason=base.reason if change.reason is None else change.reason)
