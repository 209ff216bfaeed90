"""What a scan found: hits, the answers they propose, and what was looked for in vain."""

from __future__ import annotations


from mlops_maturity.model.record import record
from mlops_maturity.model.answers import LineRange
from mlops_maturity.model.rubric import Detector
from mlops_maturity.model.textenum import TextEnum


@record
class Hit:
    """One detector matched one file (at these lines, for a content match)."""

    detector: Detector
    path: str
    lines: LineRange | None = None


@record
class Proposal:
    """The best answer a question's hits support, with the hits that support it.

    ``more`` counts further files that support it but are left out of the evidence, so a
    rule that matches every test file does not list a thousand of them.
    """

    question: str
    answer: str
    hits: tuple[Hit, ...]
    more: int = 0


@record
class NotFound:
    """A question with detectors of which none matched: it stays unanswered."""

    question: str
    looked_for: tuple[str, ...]


class SkipReason(TextEnum):
    """Why a listed file's contents were not searched."""

    TOO_LARGE = "too large"
    BINARY = "binary"
    SYMLINK_OUT = "a symlink out of the repository"
    NOT_REGULAR = "not a regular file"
    UNREADABLE = "unreadable"
    INPUT = "an input of the scan (its rubric or the answers merged)"


@record
class Skipped:
    """A file the scan listed but did not read, and why."""

    path: str
    reason: SkipReason


@record
class ScanResult:
    """Everything one scan produced, in rubric order."""

    root: str
    rubric_id: str
    rubric_version: str
    lister: str  # how the files were listed, in words
    files: int  # files listed
    read: int  # files whose contents were searched
    skipped: tuple[Skipped, ...]
    proposals: tuple[Proposal, ...]
    not_found: tuple[NotFound, ...]

    def proposal(self, question_id: str) -> Proposal | None:
        """The proposal for a question, or None."""
        return next((p for p in self.proposals if p.question == question_id), None)

    def looked_for(self, question_id: str) -> NotFound | None:
        """What was looked for in vain for a question, or None."""
        return next((n for n in self.not_found if n.question == question_id), None)
