"""The one policy for numbers that people read, so no two outputs ever show a score differently.

Scores are decided exactly and rounded **down** to one decimal by the engine (so rounding
never lifts a score over a threshold). Here they become display numbers: exact values are
rounded half up to a fixed number of places, percentages are rounded down like scores, and
text shows at most two decimals with no trailing zeros. A score is always written
"91 of 100" (in the terminal, HTML and Markdown alike).
"""

from __future__ import annotations

from fractions import Fraction

from mlops_maturity.engine.tally import floor1


def num(value: Fraction | None, places: int = 1) -> float | None:
    """A display number: an exact value rounded half up to a fixed number of places."""
    if value is None:
        return None
    if 10 ** places % value.denominator == 0:  # already exact at that precision (a score
        return float(value)  # rounded down to a tenth): the same float, without arithmetic
    scaled = value * 10 ** places
    half = Fraction(1, 2)
    whole = int(scaled + half) if scaled >= 0 else -int(-scaled + half)
    return float(whole) / float(10 ** places)


def shown_percent(value: Fraction | None) -> float | None:
    """Percentages are rounded down like scores, so 79.99% never shows as 80%."""
    return None if value is None else num(floor1(value))


def fmt_num(value: float | int | None, none: str = "—") -> str:
    """A display number as text: up to two decimals, no trailing zeros, no exponent, no ``-0``."""
    if value is None:
        return none
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def fmt_pct(value: float | int | None, none: str = "—") -> str:
    """A percent of a maximum, as shown next to scores."""
    return none if value is None else f"{fmt_num(value)}%"


def score_of(score: float | None, top: float | None) -> str:
    """A score out of its maximum, in the words every output uses: ``91 of 100``."""
    return f"{fmt_num(score)} of {fmt_num(top)}"


def shortfall(needed: Fraction, have: Fraction) -> str:
    """How far a score is below a threshold, with enough decimals that it never shows as 0
    (a threshold of 79.60000001 against 79.6 is short by 0.00000001, not by 0)."""
    gap = needed - have
    for digits in range(6, 16):
        shown = round(gap, digits)
        if shown:
            return f"{float(shown):.{digits}f}".rstrip("0").rstrip(".")
    return "less than 0.000000000000001"


def threshold(value: Fraction) -> str:
    """A threshold as the user wrote it, to ten significant digits (79.60000001 stays so)."""
    return f"{float(value):.10g}"
