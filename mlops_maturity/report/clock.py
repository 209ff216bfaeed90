"""The generation time of a report, reproducible when the user asks for it.

``--generated-at`` or ``SOURCE_DATE_EPOCH`` pin the time so the same answers give
byte-identical reports that can be committed and diffed.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Mapping

from mlops_maturity.model.errors import Problem, UsageError


def generated_at(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """ISO 8601 UTC time: the option, else SOURCE_DATE_EPOCH, else now."""
    env: Mapping[str, str] = os.environ if environ is None else environ
    if option:
        try:
            when = dt.datetime.fromisoformat(option.replace("Z", "+00:00"))
        except ValueError:
            raise UsageError(Problem("--generated-at", f"'{option}' is not an ISO 8601 date or time",
                                     hint="for example 2026-11-30T12:00:00Z")) from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.timezone.utc)
        return _iso(when)
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            seconds = int(epoch)
        except ValueError:
            raise UsageError(Problem("SOURCE_DATE_EPOCH", f"'{epoch}' is not a whole number "
                                     "of seconds", hint="for example 1796040000")) from None
        try:
            return _iso(dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc))
        except (ValueError, OverflowError, OSError):
            raise UsageError(Problem("SOURCE_DATE_EPOCH", f"{epoch} seconds is outside the "
                                     "dates this tool can print (years 1 to 9999)",
                                     hint="for example 1796040000")) from None
    return _iso(dt.datetime.now(dt.timezone.utc))


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
