"""A small SVG badge showing who decides (or the maturity), to sit beside a README title.

Self-contained (no fonts or images fetched) and escaped: the only text comes from the rubric's
labels and the score, but rubric labels are user-written too.

The shape follows the shields.io "flat" style, so the badge looks at home beside theirs: 20 px
high, two halves drawn square and clipped together by one rounded rect (so the join between
them is straight, with no notch), Verdana first at 11 px. Each half is as wide as its text
plus the same padding on both sides. Text widths come from a committed table of DejaVu Sans
advances (``badge_font.py``) rather than a count of characters, because "iiii" is a third as
wide as "WWWW"; Verdana, where a viewer has it, differs from DejaVu Sans by a few per cent, so
each measured text carries ``textLength`` and every renderer fits it to its box.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections.abc import Callable
from xml.sax.saxutils import escape

from mlops_maturity.render.badge_font import UNITS_PER_EM, WIDTHS
from mlops_maturity.render.base import Format, RenderOptions
from mlops_maturity.report.model import Report
from mlops_maturity.report.numbers import fmt_num

# From red (lowest) to green (highest). White text has a contrast of at least 4.5:1 (WCAG AA
# for normal text) on each, and on the grey; tests/test_badge.py checks it.
COLOURS = ("#b3261e", "#b35600", "#8a6d00", "#2e7d32", "#1b5e20")
NEUTRAL = "#555555"
WITHIN, BEYOND = "#2e7d32", "#b3261e"
TEXT_COLOUR = "#ffffff"

HEIGHT = 20
RADIUS = 3
FONT_SIZE = 11
FONT_FAMILY = "Verdana,Geneva,DejaVu Sans,sans-serif"
PADDING = 6  # px on each side of the text, in each half
BASELINE = 14

# A user-written label longer than either limit is shortened with an ellipsis: by characters,
# and by width too, because forty wide letters are twice as wide as forty ordinary ones.
MAX_LABEL_CHARS = 40
MAX_LABEL_WIDTH = 260.0  # px: forty lowercase letters of average width fit
ELLIPSIS = "\u2026"

# Advances for characters the table lacks, in font units: generous, so that the box still
# holds the text. Marks that combine with the letter before take no room; East Asian wide
# characters and emoji take about an em and a quarter; anything else an em, which is wider
# than any letter of the Latin alphabet.
_WIDE = UNITS_PER_EM * 5 // 4
_OTHER = UNITS_PER_EM
_ZERO_WIDTH = frozenset({"Mn", "Me", "Cf"})


def colour_for(report: Report) -> str:
    """With a decision axis: green within support, red beyond it, grey when undeclared.
    Without one: the level's (or else the band's) position, from red to green."""
    a = report.automation
    if a is not None:
        return NEUTRAL if a.within_support is None else (WITHIN if a.within_support else BEYOND)
    o = report.overall
    ladder = [lv.id for lv in report.levels] if o.level else []
    current = o.level
    if not ladder:
        ladder, current = [b.id for b in report.bands], o.band
    if current not in ladder or len(ladder) < 2:
        return NEUTRAL
    position = ladder.index(current) / (len(ladder) - 1)
    return COLOURS[round(position * (len(COLOURS) - 1))]


def badge_label(report: Report) -> str:
    """The left-hand text: what the badge is about."""
    return "who decides" if report.automation is not None else "ML maturity"


def badge_text(report: Report, with_score: bool) -> str:
    """The right-hand text: the declared degree and whether it is supported (never another
    degree), or, without a decision axis, the level or band; the score when asked.

    Only the user-written label is shortened, so "within support", "beyond support" and the
    score are always shown whole."""
    return _message(report, with_score, shorten)


def badge_title(report: Report, with_score: bool) -> str:
    """What the badge says in full, never shortened: its ``<title>`` and ``aria-label``, for
    screen readers and tooltips."""
    return f"{badge_label(report)}: {_message(report, with_score, clean)}"


def _message(report: Report, with_score: bool, fit: Callable[[str], str]) -> str:
    """One wording for the drawn text and the title, so that they differ only where ``fit``
    shortens the user-written label."""
    a, o = report.automation, report.overall
    if a is not None:
        support = "within" if a.within_support else "beyond"
        main = (f"{fit(a.declared_label)} · {support} support" if a.declared_label
                else "not declared")
    else:
        label = o.level_label or o.band_label
        main = fit(label) if label else "not scored"
    if with_score and o.score is not None:
        main += f" · {fmt_num(o.score)}/{fmt_num(o.max_score)}"
    return main


def clean(text: str) -> str:
    """The text with what XML 1.0 cannot hold taken out: tabs and line breaks become spaces
    (a badge is one line), other control characters, lone surrogates and the two
    non-characters U+FFFE and U+FFFF are dropped, so the SVG always parses and encodes."""
    out = []
    for ch in text:
        if ch in "\t\n\r":
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cs") and ch not in "\ufffe\uffff":
            out.append(ch)
    return "".join(out)


def shorten(label: str) -> str:
    """A user-written label, cut with an ellipsis when it is longer than ``MAX_LABEL_CHARS``
    characters or wider than ``MAX_LABEL_WIDTH``, so a long label never makes an absurd
    badge; the cut keeps as much of the label as fits beside the ellipsis."""
    label = clean(label)
    if len(label) <= MAX_LABEL_CHARS and text_width(label) <= MAX_LABEL_WIDTH:
        return label
    room = MAX_LABEL_WIDTH * UNITS_PER_EM / FONT_SIZE - _units(ELLIPSIS)[0]
    used, kept = 0, 0
    for ch in label[: MAX_LABEL_CHARS - 1]:
        used += _advance(ch)[0]
        if used > room:
            break
        kept += 1
    return label[:kept].rstrip() + ELLIPSIS


def text_width(text: str) -> float:
    """The width in px of ``text`` in 11-px DejaVu Sans, without kerning: the sum of the
    advances, so it is never less than the kerned text a browser draws in that font."""
    return _units(text)[0] * FONT_SIZE / UNITS_PER_EM


def is_measured(text: str) -> bool:
    """Whether every character of ``text`` is in the width table (none was estimated)."""
    return _units(text)[1]


def half_width(text: str) -> int:
    """The width of one half of the badge: the text rounded up to a whole pixel, plus the
    padding on both sides, so the text, centred, has equal room left and right."""
    return math.ceil(text_width(text)) + 2 * PADDING


def _units(text: str) -> tuple[int, bool]:
    total, measured = 0, True
    for ch in text:
        units, known = _advance(ch)
        total += units
        measured = measured and known
    return total, measured


def _advance(ch: str) -> tuple[int, bool]:
    """One character's advance in font units, and whether it came from the table."""
    known = WIDTHS.get(ord(ch))
    if known is not None:
        return known, True
    if unicodedata.combining(ch) or unicodedata.category(ch) in _ZERO_WIDTH:
        return 0, False
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _WIDE, False
    return _OTHER, False


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _text(x: float, text: str) -> str:
    """One centred text; ``textLength`` only when the width was measured, so a renderer
    without the font fits it to the box, and text we only estimated is never stretched."""
    fit = f' textLength="{text_width(text):.1f}"' if is_measured(text) else ""
    return f'<text x="{x:g}" y="{BASELINE}"{fit}>{escape(text)}</text>\n'


def badge_svg(report: Report, with_score: bool = False) -> str:
    """Render the badge as standalone SVG.

    The clip path's id is derived from the badge's content, so two different badges inlined
    in one HTML page do not clip each other, and the same badge is byte for byte the same."""
    left, right = badge_label(report), badge_text(report, with_score)
    title = badge_title(report, with_score)
    colour = colour_for(report)
    lw, rw = half_width(left), half_width(right)
    total = lw + rw
    digest = hashlib.sha256(f"{left}\0{right}\0{colour}".encode()).hexdigest()
    clip = f"mm-badge-{digest[:12]}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="{HEIGHT}" '
        f'role="img" aria-label="{_attr(title)}">\n'
        f"<!-- generated by mlops-maturity {escape(report.tool.version)} -->\n"
        f"<title>{escape(title)}</title>\n"
        f'<clipPath id="{clip}"><rect width="{total}" height="{HEIGHT}" rx="{RADIUS}" '
        f'fill="#ffffff"/></clipPath>\n'
        f'<g clip-path="url(#{clip})">\n'
        f'<rect width="{lw}" height="{HEIGHT}" fill="{NEUTRAL}"/>\n'
        f'<rect x="{lw}" width="{rw}" height="{HEIGHT}" fill="{colour}"/>\n'
        f"</g>\n"
        f'<g fill="{TEXT_COLOUR}" text-anchor="middle" font-family="{FONT_FAMILY}" '
        f'font-size="{FONT_SIZE}">\n'
        f"{_text(lw / 2, left)}"
        f"{_text(lw + rw / 2, right)}"
        f"</g>\n</svg>\n")


class BadgeRenderer:
    """An SVG badge for a README; ``options.with_score`` adds the score."""

    format: Format = Format.BADGE
    suffixes: tuple[str, ...] = (".svg",)

    def render(self, report: Report, options: RenderOptions = RenderOptions()) -> str:
        return badge_svg(report, options.with_score)


RENDERER = BadgeRenderer()
