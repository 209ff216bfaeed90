"""The SVG badge: measured widths, the shields "flat" shape, each colour rule, long and hostile
labels.

Widths are checked against numbers measured from DejaVu Sans 2.37 (the font the table was made
from) and, loosely, against the Verdana 11px widths that shields.io publishes, because Verdana
is the font most viewers will draw the badge in.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXED_TIME
from mlops_maturity.api import assess
from mlops_maturity.files.write import MARKERS
from mlops_maturity.render import badge
from mlops_maturity.render.badge import (BEYOND, COLOURS, ELLIPSIS, MAX_LABEL_CHARS,
                                         MAX_LABEL_WIDTH, NEUTRAL, PADDING, TEXT_COLOUR, WITHIN,
                                         badge_svg, badge_text, badge_title, clean, colour_for,
                                         half_width, is_measured, shorten, text_width)
from mlops_maturity.report.model import BandView, Report

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def example(name: str) -> Report:
    return assess(ROOT / "examples" / f"{name}.yaml", generated_at=FIXED_TIME)


@pytest.fixture(scope="module")
def within() -> Report:
    return example("fraud-realtime-canary")


@pytest.fixture(scope="module")
def beyond() -> Report:
    return example("demand-forecast-batch")


@pytest.fixture(scope="module")
def levels() -> Report:
    return example("google-levels-churn")  # levels, no decision axis, no bands


@pytest.fixture(scope="module")
def bands() -> Report:
    return example("ml-test-score-recsys")  # bands only


def with_level_label(report: Report, label: str) -> Report:
    return replace(report, overall=replace(report.overall, level_label=label))


def with_declared_label(report: Report, label: str) -> Report:
    assert report.automation is not None
    return replace(report, automation=replace(report.automation, declared_label=label))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def halves(root: ET.Element) -> list[tuple[float, float, ET.Element]]:
    """Each half as (x, width, its text), left first."""
    group = root.find(f"{SVG}g[@clip-path]")
    assert group is not None
    rects = group.findall(f"{SVG}rect")
    texts = root.findall(f"{SVG}g/{SVG}text")
    assert len(rects) == len(texts) == 2
    return [(float(r.get("x", "0")), float(r.get("width", "")), t) for r, t in zip(rects, texts)]


# --- widths ------------------------------------------------------------------------------

# Measured with fontTools from DejaVuSans.ttf 2.37 (the sum of advances at 11 px; harfbuzz,
# with kerning turned off, gives the same), and Verdana 11px from the shields.io table.
MEASURED = {
    "ML maturity": (66.26, 66.41),
    "who decides": (68.53, 67.79),
    "Reasonably tested": (102.24, 101.38),
    "Level 1: ML pipeline automation": (176.46, 177.31),
    "WWWW": (43.51, 43.52),
    "iiii": (12.22, 12.08),
}


@pytest.mark.parametrize("text", sorted(MEASURED))
def test_width_matches_the_font(text):
    dejavu, verdana = MEASURED[text]
    assert text_width(text) == pytest.approx(dejavu, abs=0.005)
    assert text_width(text) == pytest.approx(verdana, rel=0.02)
    assert is_measured(text)


def test_wide_and_narrow_letters_differ():
    """What a count of characters cannot see: four W's are more than three times four i's."""
    assert text_width("WWWW") > 3 * text_width("iiii")
    assert text_width("") == 0
    assert text_width("ab") == text_width("a") + text_width("b")


def test_characters_outside_the_table_are_estimated_generously():
    assert not is_measured("信頼") and text_width("信頼") >= 2 * 11  # at least an em each
    assert not is_measured("🚀") and text_width("🚀") > 11
    assert text_width("e\u0301") == text_width("e")  # a combining accent takes no room
    assert text_width("\u0d15") >= text_width("W")  # a script the table lacks: an em or more
    assert is_measured("é · … → ✓ Ωж ñ")


def test_the_table_is_what_the_font_says():
    """The committed table is exactly what the generator makes from the font, where fontTools
    and the font are there to check it (they are not needed to run the tool)."""
    pytest.importorskip("fontTools.ttLib")
    import make_badge_font
    if not make_badge_font.DEFAULT_FONT.exists():
        pytest.skip("DejaVu Sans is not installed")
    committed = (ROOT / "mlops_maturity" / "render" / "badge_font.py").read_text("utf-8")
    assert make_badge_font.module_text(*make_badge_font.measure(make_badge_font.DEFAULT_FONT)) \
        == committed


def test_half_width_is_the_text_rounded_up_plus_padding():
    for text in MEASURED:
        w = half_width(text)
        assert w == int(w) and w - 1 < text_width(text) + 2 * PADDING <= w


# --- geometry ----------------------------------------------------------------------------

def check_geometry(svg: str) -> ET.Element:
    """What every badge must be: it parses; its halves adjoin and fill it; one clip path with
    the only rounded rect; each text centred with equal padding, at least PADDING, on both
    sides; and the generator comment where the tool recognises its own files."""
    root = parse(svg)
    total = float(root.get("width", ""))
    assert root.get("height") == "20" and root.get("role") == "img"
    clips = root.findall(f"{SVG}clipPath")
    assert len(clips) == 1
    clip_rects = clips[0].findall(f"{SVG}rect")
    assert len(clip_rects) == 1 and clip_rects[0].get("rx") == "3"
    assert float(clip_rects[0].get("width", "")) == total
    clip_id = clips[0].get("id")
    assert root.find(f"{SVG}g[@clip-path='url(#{clip_id})']") is not None
    rounded = [r for r in root.iter(f"{SVG}rect") if r.get("rx")]
    assert rounded == clip_rects, "no rounded rect outside the clip path"
    (x0, w0, t0), (x1, w1, t1) = halves(root)
    assert x0 == 0 and x1 == w0 and w0 + w1 == total
    for x, w, t in (x0, w0, t0), (x1, w1, t1):
        assert float(t.get("x", "")) == x + w / 2
        width = text_width(t.text or "")
        left_pad = float(t.get("x", "")) - width / 2 - x
        right_pad = x + w - (float(t.get("x", "")) + width / 2)
        assert left_pad == pytest.approx(right_pad) and left_pad >= PADDING
        if t.get("textLength") is not None:
            assert float(t.get("textLength", "")) == pytest.approx(width, abs=0.05)
    font = root.find(f"{SVG}g[@font-family]")
    assert font is not None and font.get("font-size") == "11"
    assert font.get("font-family") == "Verdana,Geneva,DejaVu Sans,sans-serif"
    assert MARKERS[3].search(svg.encode("utf-8")), "the badge marker of files/write.py"
    return root


@pytest.mark.parametrize("name", ["fraud-realtime-canary", "demand-forecast-batch",
                                  "google-levels-churn", "ml-test-score-recsys"])
@pytest.mark.parametrize("with_score", [False, True])
def test_geometry_of_every_example(name, with_score):
    check_geometry(badge_svg(example(name), with_score))


def test_title_and_label_say_the_same(within):
    root = check_geometry(badge_svg(within, True))
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == root.get("aria-label") == badge_title(within, True)
    assert [t.text for t in root.iter(f"{SVG}text")] == [
        "who decides", "Partial automation · within support · 79.6/100"]


# --- colours -----------------------------------------------------------------------------

def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two sRGB colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                   for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("colour", sorted({*COLOURS, NEUTRAL, WITHIN, BEYOND}))
def test_white_text_is_readable_on_every_colour(colour):
    assert contrast(TEXT_COLOUR, colour) >= 4.5


def test_contrast_function_knows_the_extremes():
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("#777777", "#777777") == 1


def test_decision_axis_within_support_is_green(within):
    assert within.automation is not None and within.automation.within_support is True
    assert colour_for(within) == WITHIN


def test_decision_axis_beyond_support_is_red(beyond):
    assert beyond.automation is not None and beyond.automation.within_support is False
    assert colour_for(beyond) == BEYOND
    assert "beyond support" in badge_text(beyond, False)


def test_decision_axis_undeclared_is_grey(within):
    assert within.automation is not None
    undeclared = replace(within, automation=replace(
        within.automation, declared=None, declared_label=None, within_support=None))
    assert colour_for(undeclared) == NEUTRAL
    assert badge_text(undeclared, False) == "not declared"


def test_the_decision_axis_wins_over_the_level(within):
    """A rubric with a decision axis is coloured by support, whatever its maturity level."""
    top = replace(within, overall=replace(within.overall, level=within.levels[-1].id))
    low = replace(within, overall=replace(within.overall, level=within.levels[0].id))
    assert colour_for(top) == colour_for(low) == WITHIN


def test_without_a_decision_axis_the_level_position_colours(levels):
    ids = [lv.id for lv in levels.levels]
    assert len(ids) == 3
    at = {i: colour_for(replace(levels, overall=replace(levels.overall, level=i))) for i in ids}
    assert at == {ids[0]: COLOURS[0], ids[1]: COLOURS[2], ids[2]: COLOURS[-1]}


def test_without_levels_the_band_position_colours(bands):
    ids = [b.id for b in bands.bands]
    assert bands.overall.level is None and len(ids) == 6
    got = [colour_for(replace(bands, overall=replace(bands.overall, band=i))) for i in ids]
    assert got == [COLOURS[0], COLOURS[1], COLOURS[2], COLOURS[2], COLOURS[3], COLOURS[4]]


def test_the_level_wins_over_the_band(levels):
    ladder = (BandView("low", "Low", ""), BandView("high", "High", ""))
    both = replace(levels, bands=ladder, overall=replace(
        levels.overall, level=levels.levels[0].id, band="high"))
    assert colour_for(both) == COLOURS[0]
    no_level = replace(both, overall=replace(both.overall, level=None))
    assert colour_for(no_level) == COLOURS[-1]


def test_nothing_to_place_is_grey(levels, bands):
    unscored = replace(bands, overall=replace(bands.overall, band=None, band_label=None))
    assert colour_for(unscored) == NEUTRAL and badge_text(unscored, False) == "not scored"
    unknown = replace(bands, overall=replace(bands.overall, band="no-such-band"))
    assert colour_for(unknown) == NEUTRAL
    one = replace(bands, bands=bands.bands[:1],
                  overall=replace(bands.overall, band=bands.bands[0].id))
    assert colour_for(one) == NEUTRAL


# --- long labels -------------------------------------------------------------------------

def test_a_long_label_is_shortened_but_support_and_score_are_kept(within):
    long = "Partial automation with a human on call for every second decision, reviewed weekly"
    report = with_declared_label(within, long)
    text = badge_text(report, True)
    label, _, rest = text.partition(" · ")
    assert label.endswith(ELLIPSIS) and len(label) <= MAX_LABEL_CHARS
    assert text_width(label) <= MAX_LABEL_WIDTH
    assert long.startswith(label[:-1])
    assert rest == "within support · 79.6/100"
    root = check_geometry(badge_svg(report, True))
    assert root.get("aria-label", "").startswith(f"who decides: {long} · ")


def test_wide_letters_are_shortened_by_width():
    wide = "W" * 30  # thirty characters, under the limit, but 334 px wide
    short = shorten(wide)
    assert short.endswith(ELLIPSIS) and text_width(short) <= MAX_LABEL_WIDTH
    assert short == "W" * (len(short) - 1) + ELLIPSIS


def test_short_labels_are_untouched():
    assert shorten("Level 1: ML pipeline automation") == "Level 1: ML pipeline automation"
    exactly = "Partial automation, reviewed every week."
    assert len(exactly) == MAX_LABEL_CHARS and shorten(exactly) == exactly
    assert shorten(exactly + "x") == exactly[:-1] + ELLIPSIS


def test_the_cut_drops_trailing_spaces():
    assert shorten("x" * 36 + "   " + "b" * 10) == "x" * 36 + ELLIPSIS


label_text = st.text(st.characters(blacklist_categories=()), max_size=120)


@settings(max_examples=150, deadline=None)
@given(label=label_text, with_score=st.booleans())
def test_any_label_makes_a_valid_bounded_badge(levels, label, with_score):
    """Whatever the label, the SVG parses, each text fits its half with equal padding, and the
    badge stays within a fixed size."""
    report = with_level_label(levels, label)
    root = check_geometry(badge_svg(report, with_score))
    drawn = root.findall(f"{SVG}g/{SVG}text")[1].text or ""
    assert text_width(drawn) <= MAX_LABEL_WIDTH + text_width(" · 85.5/100")
    most = half_width("ML maturity") + MAX_LABEL_WIDTH + text_width(" · 85.5/100")
    assert float(root.get("width", "")) <= most + 2 * PADDING + 1


# --- hostile text ------------------------------------------------------------------------

@pytest.mark.parametrize("label", [
    "<script>alert(1)</script>",
    "R&D level",
    'the "best" level',
    "it's <b>bold</b> & 'quoted'",
    "]]><!-- -->",
])
def test_hostile_labels_are_escaped(levels, label):
    svg = badge_svg(with_level_label(levels, label))
    root = check_geometry(svg)
    assert root.findall(f"{SVG}g/{SVG}text")[1].text == label
    assert root.get("aria-label") == f"ML maturity: {label}"
    assert "<script" not in svg and "<b>" not in svg
    assert not list(root.iter(f"{SVG}script"))


def test_characters_xml_cannot_hold_are_taken_out(levels):
    label = "Lev\x00el\x1b 1\nnext\tline \udcff\ufffe\uffff end"
    svg = badge_svg(with_level_label(levels, label))
    svg.encode("utf-8")  # no lone surrogate left to fail the write
    root = check_geometry(svg)
    assert root.findall(f"{SVG}g/{SVG}text")[1].text == "Level 1 next line  end"
    assert clean("a\r\nb") == "a  b"


# --- determinism -------------------------------------------------------------------------

def test_the_same_report_gives_the_same_bytes(within):
    assert badge_svg(within, True) == badge_svg(example("fraud-realtime-canary"), True)


def test_different_badges_have_different_clip_ids(within, beyond, levels):
    ids = {parse(badge_svg(r)).find(f"{SVG}clipPath").get("id")  # type: ignore[union-attr]
           for r in (within, beyond, levels)}
    assert len(ids) == 3


def test_the_renderer_is_registered():
    from mlops_maturity.render import Format, renderer_for
    assert renderer_for(Format.BADGE) is badge.RENDERER
