"""``score --scan``: a scan's proposals for one assessment and the result if accepted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlops_maturity.model.record import record

if TYPE_CHECKING:  # only for the annotations: the scanner loads when a scan is asked for
    from mlops_maturity.engine.automation import AutomationResult
    from mlops_maturity.engine.scoring import Result
    from mlops_maturity.scan.merge import Merged
    from mlops_maturity.scan.proposals import ScanResult


@record
class ScanComparison:
    """What a scan proposes for one assessment, and the score if its merge were accepted.

    Accepting fills the questions nobody answered (and refreshes earlier proposals); a
    person's answer is never changed, and where it differs from the files the merge lists
    a disagreement instead.
    """

    scan: ScanResult
    merged: Merged
    now: Result
    accepted: Result
    now_axis: AutomationResult | None
    accepted_axis: AutomationResult | None
