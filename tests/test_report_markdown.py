"""The Markdown report, read back with markdown-it-py the way a wiki would render it.

Tables are counted row by row and cell by cell against the questions of each section, so a
``|``, a line break or a backtick in an answer that broke a table would show up here. The
parser keeps raw HTML on (CommonMark's default), so injected markup would reach the output.
"""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mlops_maturity.render import markdown as markdown_renderer
from mlops_maturity.report.build import Report
from mlops_maturity.render.templating import md_block, md_cell, md_code, md_escape, md_link
from test_report_html import (EVIL, EXAMPLES, HOSTILE, all_na, four_stages, hostile_everything, no_scale,
                              plain_tiny, report_of)


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


class Doc:
    """A rendered Markdown report: headings, tables under each heading, list items, HTML."""

    def __init__(self, text: str):
        md = parser()
        self.source = text
        self.tokens = md.parse(text)
        self.html = md.render(text)
        self.headings: list[tuple[int, str]] = []
        self.tables: list[tuple[tuple[str, ...], list[list[str]]]] = []  # (h2, h3) -> rows of cells
        self.items: list[str] = []
        self._walk()

    def _walk(self) -> None:
        h2 = h3 = ""
        rows: list[list[str]] | None = None
        tokens = self.tokens
        for i, tok in enumerate(tokens):
            if tok.type == "heading_open":
                level, content = int(tok.tag[1]), tokens[i + 1].content
                self.headings.append((level, content))
                h2, h3 = (content, "") if level == 2 else (h2, content if level == 3 else h3)
            elif tok.type == "table_open":
                rows = []
            elif tok.type == "tr_open" and rows is not None:
                rows.append([])
            elif tok.type in ("td_open", "th_open") and rows is not None:
                rows[-1].append(tokens[i + 1].content if tokens[i + 1].type == "inline" else "")
            elif tok.type == "table_close":
                self.tables.append(((h2, h3), rows or []))
                rows = None
            elif tok.type == "list_item_open" and tokens[i + 2].type == "inline":
                self.items.append(tokens[i + 2].content)

    def tables_under(self, h2: str, h3: str = "") -> list[list[list[str]]]:
        return [rows for (a, b), rows in self.tables if a == h2 and (not h3 or b == h3)]

    def heading_text(self, level: int) -> list[str]:
        return [md_plain(content) for lv, content in self.headings if lv == level]


def md_plain(inline_source: str) -> str:
    """The text a reader sees for one line of inline Markdown."""
    rendered = parser().renderInline(inline_source)
    return htmllib.unescape(re.sub(r"<[^>]+>", "", rendered))


def render(report: Report) -> Doc:
    return Doc(markdown_renderer.RENDERER.render(report))


def is_gap(q) -> bool:
    return q.status != "not_applicable" and not q.is_best


def assert_harmless(doc: Doc) -> None:
    lower = doc.html.lower()
    assert "<script" not in lower and "<img" not in lower and "<i>" not in lower and "<b>" not in lower
    assert not re.search(r"<a\s[^>]*href=\"(?!https?:|mailto:)", lower), "a link with an unsafe scheme"
    tags = set(re.findall(r"<([a-z0-9]+)", lower))
    allowed = {"h1", "h2", "h3", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "strong",
               "em", "code", "br", "a", "blockquote"}
    assert tags <= allowed, f"unexpected HTML: {tags - allowed}"


def assert_section_tables(report: Report, doc: Doc) -> None:
    """One table per section under 'Sections', one row per question plus the header, five cells each."""
    for s in report.sections:
        tables = doc.tables_under("Sections", md_escape(s.title))
        assert len(tables) == 1, f"section {s.id}: {len(tables)} tables"
        rows = tables[0]
        assert len(rows) == len(s.questions) + 1, f"section {s.id}: {len(rows)} rows"
        assert all(len(row) == 5 for row in rows), f"section {s.id}: {[len(r) for r in rows]} cells"
        for q, row in zip(s.questions, rows[1:]):
            assert q.id in md_plain(row[0])


def assert_checklist(report: Report, doc: Doc) -> None:
    gaps = [q for s in report.sections for q in s.questions if is_gap(q)]
    boxes = [line for line in doc.source.splitlines() if line.startswith("- [ ] ")]
    assert len(boxes) == len(gaps)
    checklist = [item for item in doc.items if item.startswith("[ ] ")]
    assert len(checklist) == len(gaps)
    for q, item in zip(gaps, checklist):
        assert q.id in item and md_plain(md_escape(q.advice))[:40] in md_plain(item)


# ── the hostile questionnaire ──────────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def hostile() -> tuple[Report, Doc]:
    report = report_of(HOSTILE)
    return report, render(report)


def test_starts_with_the_generator_comment(hostile):
    report, doc = hostile
    assert doc.source.startswith(f"<!-- generated by mlops-maturity {report.tool.version} -->\n")
    assert "mlops-maturity" in doc.source.encode("utf-8")[:4096].decode("utf-8", "ignore")


def test_hostile_tables_keep_their_shape(hostile):
    report, doc = hostile
    assert_section_tables(report, doc)
    notes = doc.tables_under("Sections", "Build")[0][1][4]
    # a newline in notes stays inside the cell, and the | stays text
    seen = md_plain(notes)
    assert seen.startswith("a | b | c") and "second line `tick` <script>alert(7)</script>" in seen
    assert "# heading?" in seen and "- [ ] fake item ![img](http://evil.example/x.png)" in seen


def test_hostile_text_is_inert(hostile):
    _, doc = hostile
    assert_harmless(doc)
    hrefs = re.findall(r'href="([^"]*)"', doc.html)
    # evidence that is one address, then http(s) addresses written inside text, which are
    # links too (and never images, though one follows a "!")
    assert hrefs == ["http://evil.example/", "https://ci.example.com/job?a=1&amp;b=%3C2%3E",
                     "mailto:team@example.com", "http://spaced.example.com/x",
                     "http://evil.example/x.png"]
    assert "javascript:alert(1)" in doc.html  # shown as text


def test_leading_hash_makes_no_heading(hostile):
    report, doc = hostile
    headings = doc.heading_text(1) + doc.heading_text(2) + doc.heading_text(3)
    assert doc.heading_text(1) == [report.project.name]
    assert not any("heading" in h or "Not a heading" in h or "because" in h for h in headings)
    shown = htmllib.unescape(re.sub(r"</?a\b[^>]*>", "", doc.html))
    assert "# Not a heading *bold* _em_ [link](http://evil.example/) `code`" in shown


def test_checklist_item_per_gap(hostile):
    report, doc = hostile
    assert_checklist(report, doc)
    assert len([line for line in doc.source.splitlines() if line.startswith("- [ ] ")]) == 2
    # the fake checklist item typed into the notes is not one
    assert not any("fake item" in item for item in doc.items)


def test_readiness_right_after_the_summary(hostile):
    _, doc = hostile
    h2 = doc.heading_text(2)
    assert h2[:2] == ["Summary", "Readiness"]
    assert "✗ Not ready for High" in doc.source


def test_roadmap_and_missing_tables(hostile):
    report, doc = hostile
    roadmap = doc.tables_under("Roadmap")
    assert sum(len(rows) - 1 for rows in roadmap) == len(report.recommendations)
    assert all(len(row) == 6 for rows in roadmap for row in rows)
    na = doc.tables_under("Unanswered and not applicable", "Not applicable (1)")[0]
    assert len(na) == 2 and len(na[1]) == 3
    assert md_plain(na[1][2]).startswith("Not | applicable <i>here</i>")


def test_hostile_rubric(tmp_path):
    report = report_of(hostile_everything(tmp_path))
    doc = render(report)
    assert_harmless(doc)
    assert_section_tables(report, doc)
    assert_checklist(report, doc)
    assert doc.heading_text(1) == [report.project.name]
    # the "# heading" line inside every question and advice stays text
    headings = [text for level in (1, 2, 3, 4, 5, 6) for text in doc.heading_text(level)]
    assert not [h for h in headings if h.startswith(("heading", "| a"))]
    assert "# heading" in htmllib.unescape(doc.html)
    assert EVIL in htmllib.unescape(doc.html)


# ── other shapes of report ─────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("make", [plain_tiny, four_stages, no_scale, all_na], ids=lambda f: f.__name__)
def test_shapes(make, tmp_path):
    report = report_of(make(tmp_path))
    text = markdown_renderer.RENDERER.render(report)
    doc = Doc(text)
    assert_harmless(doc)
    assert_section_tables(report, doc)
    assert_checklist(report, doc)
    assert text == markdown_renderer.RENDERER.render(report)
    assert f"**{md_escape(report.overall.verdict)}**" in text
    summary = doc.tables_under("Summary")[0]
    o = report.overall
    columns = 4 + bool(o.level) + bool(o.band and o.band_label != o.level_label)
    assert len(summary) == 2 and len(summary[0]) == len(summary[1]) == columns


@pytest.mark.skipif(not EXAMPLES, reason="no examples/*.yaml yet")
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples(example):
    report = report_of(example)
    text = markdown_renderer.RENDERER.render(report)
    assert text == markdown_renderer.RENDERER.render(report_of(example))
    doc = Doc(text)
    assert_harmless(doc)
    assert_section_tables(report, doc)
    assert_checklist(report, doc)
    levels = [level for level, _ in doc.headings]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))


# ── the escapers themselves ────────────────────────────────────────────────────────────────

PIECES = list("ab1 .|`*_[]()<>#!&\\-+=~$:/\n\t") + ["&amp;", "<br>", "http://x.y", "www.x.y", "```", "1. ", "- "]
TRICKY = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def without_links(html: str) -> str:
    """Rendered inline HTML with its links unwrapped, after checking each is an http(s) link
    whose address is its own text: the only markup an escaper may add besides ``<br>``."""
    for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', html):
        assert href.lower().startswith(("http://", "https://")), href
        shown, target = unquote(htmllib.unescape(text)), unquote(htmllib.unescape(href))
        assert target in (shown, "http://" + shown), (target, shown)
    return re.sub(r'<a href="[^"]*">(.*?)</a>', r"\1", html)


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_a_cell_shows_exactly_the_text(text):
    table = f"| a | b |\n|---|---|\n| {md_cell(text) or ' '} | x |\n"
    tokens = parser().parse(table)
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 2
    inline = tokens[tokens.index(cells[0]) + 1]
    html = without_links(parser().renderInline(inline.content))
    assert not re.search(r"<(?!br />|br>)", html), html
    shown = [" ".join(part.split()) for part in html.replace("<br />", "<br>").split("<br>")]
    assert [htmllib.unescape(s) for s in shown if s] == [" ".join(line.split()) for line in lines(text)]


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_a_paragraph_shows_exactly_the_text(text):
    tokens = parser().parse(md_block(text) + "\n")
    kinds = [t.type for t in tokens]
    if not lines(text):
        assert kinds == []
        return
    assert kinds == ["paragraph_open", "inline", "paragraph_close"], kinds
    html = without_links(parser().renderInline(tokens[1].content))
    assert not re.search(r"<(?!br />)", html), html
    shown = [htmllib.unescape(" ".join(part.split())) for part in html.split("<br />")]
    assert shown == [" ".join(line.split()) for line in lines(text)]


@settings(max_examples=200, deadline=None)
@given(TRICKY)
def test_a_heading_shows_exactly_the_text(text):
    tokens = parser().parse("## " + md_escape(text) + "\n")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    html = without_links(parser().renderInline(tokens[1].content))
    assert "<" not in html
    assert htmllib.unescape(html).split() == " ".join(lines(text)).split()


@pytest.mark.parametrize("value, link", [
    ("https://a.example/x?y=1&z=<2>", "[https://a.example/x?y=1\\&z=\\<2\\>](https://a.example/x?y=1&z=%3C2%3E)"),
    ("https://a.example/a|b(c)", "[https://a.example/a\\|b(c)](https://a.example/a%7Cb%28c%29)"),
    ("mailto:team@example.com", "[mailto:team@example.com](mailto:team@example.com)"),
    ("javascript:alert(1)", "javascript:alert(1)"),
    ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
])
def test_md_link(value, link):
    assert md_link(value) == link


@pytest.mark.parametrize("value, code", [("build.ci", "`build.ci`"), ("a`b", "a\\`b"), ("a|b", "a\\|b")])
def test_md_code(value, code):
    assert md_code(value) == code


def test_markdown_autoescape_catches_a_forgotten_filter():
    from mlops_maturity.render.templating import markdown_environment
    out = markdown_environment().from_string("| {{ x }} | {{ y|md_link }} |").render(
        x="<b>|</b>", y="https://example.com")
    assert out == "| \\<b\\>\\|\\</b\\> | [https://example.com](https://example.com) |"
