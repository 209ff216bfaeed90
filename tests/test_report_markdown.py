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
from mlops_maturity.render.templating import (md_block, md_cell, md_code, md_escape, md_link,
                                              url_destination)
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
    """Below the best answer; who decides (a degree, declared) is never a gap."""
    return q.status != "not_applicable" and q.type != "degree" and not q.is_best


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
        written = shown if re.match(r"(?i)https?://", shown) else "http://" + shown
        # markdown-it's own clean-up of an address (it drops the ":" of an empty port) aside
        cleaned = unquote(parser().normalizeLink(url_destination(written)))
        assert target in (written, cleaned), (target, shown)
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


# ── the short summary (--format summary) ───────────────────────────────────────────────────

from mlops_maturity.render import Format, format_for_path, format_named, renderer_for  # noqa: E402
from mlops_maturity.render import summary as summary_renderer  # noqa: E402
from mlops_maturity.report import wording  # noqa: E402
from test_report_html import ROOT, dump  # noqa: E402

# Long enough to blow any budget, with every kind of trouble: markup, a pipe, wide and
# combining characters, addresses (one with non-ASCII, which percent-encoding triples), and a
# 300-character word that can only be dropped whole.
LONG = " ".join([EVIL, "Ünïcödé wörds and 漢字テキスト", "https://ex.example.com/é_ß|x?a=1&copy;b",
                 "x" * 300, "www.example.com/a_b", EVIL] * 12)


def lengthen(node):
    """Every title, label, name and team made long and hostile, ids and answers left alone."""
    if isinstance(node, dict):
        return {k: f"{v} {LONG}" if k in ("title", "label", "name", "team") and isinstance(v, str)
                else lengthen(v) for k, v in node.items()}
    if isinstance(node, list):
        return [lengthen(v) for v in node]
    return node


def long_automation(folder: Path) -> Path:
    """The demand forecast example on the flagship rubric, every text long and hostile."""
    import yaml
    flagship = ROOT / "rubrics" / "mlops-automation.yaml"
    rubric = yaml.safe_load(flagship.read_text(encoding="utf-8"))
    dump(folder / "long-rubric.yaml", lengthen(rubric))
    example = ROOT / "examples" / "demand-forecast-batch.yaml"
    q = yaml.safe_load(example.read_text(encoding="utf-8"))
    q["rubric"], q["project"] = "long-rubric.yaml", lengthen(q["project"])
    return dump(folder / "long-q.yaml", q)


def long_levels(folder: Path) -> Path:
    """The hostile questionnaire and rubric (levels, gates, a target level), made long, with
    many more stages than a summary shows."""
    import yaml
    path = hostile_everything(folder)
    rubric = yaml.safe_load((folder / "hostile-rubric.yaml").read_text(encoding="utf-8"))
    for n in range(20):
        rubric["sections"].insert(0, {"id": f"s{n}", "title": f"Stage {n}", "questions": [
            {"id": f"s{n}.q", "type": "yes_partial_no", "text": "Done?", "why": "Because.",
             "advice": "Do it."}]})
    dump(folder / "hostile-rubric.yaml", lengthen(rubric))
    q = yaml.safe_load(path.read_text(encoding="utf-8"))
    q["project"] = lengthen(q["project"])
    q["answers"].update({f"s{n}.q": "no" for n in range(20)})
    return dump(path, q)


def summary_of(report: Report) -> str:
    return renderer_for(Format.SUMMARY).render(report)


def shown_text(doc: Doc) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", doc.html)).split())


def test_summary_is_a_format_of_its_own():
    assert format_named("summary") is Format.SUMMARY
    assert renderer_for(Format.SUMMARY).suffixes == (".summary.md",)
    assert format_for_path("review.summary.md") is Format.SUMMARY
    assert format_for_path("out/Review.SUMMARY.MD") is Format.SUMMARY
    assert format_for_path("report.md") is Format.MARKDOWN  # the full report keeps .md
    assert format_for_path(".summary.md") is Format.MARKDOWN  # a hidden file, no stem
    assert format_for_path("summary.md") is Format.MARKDOWN


@pytest.mark.skipif(not EXAMPLES, reason="no examples/*.yaml yet")
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_summary_of_each_example(example):
    report = report_of(example)
    text = summary_of(report)
    assert len(text.encode("utf-8")) <= summary_renderer.LIMIT
    assert text.startswith(f"<!-- generated by mlops-maturity {report.tool.version} -->\n")
    assert "…" not in text.replace("… and ", "")  # nothing real is cut
    doc = Doc(text)
    assert_harmless(doc)
    seen = shown_text(doc)
    p = report.project
    for value in (p.name, p.team, p.assessed_on, report.rubric.id, report.rubric.version):
        assert " ".join(value.split()) in seen
    a, r = report.automation, report.readiness
    if a is not None:
        assert a.verdict in seen and a.target_verdict in seen
    if r is not None:
        assert r.verdict in seen
    # the top blockers, worded as in every other format, then how many more
    items = summary_renderer.blockers(report)
    shown = [item for item in doc.items if not item.startswith("**")]
    assert [md_plain(i) for i in shown] == [wording.plain(b.phrase) for b in items[:5]]
    more = len(items) - 5
    assert (f"… and {more} more blocker" in seen) == (more > 0)
    # one row per stage, every row as wide as the header
    rows = doc.tables_under(doc.heading_text(2)[0], "Stages")[0]
    assert len(rows) == len(report.sections) + 1
    assert len({len(row) for row in rows}) == 1
    assert "mlops-maturity report QUESTIONNAIRE -o report.html" in seen


@pytest.mark.parametrize("make", [long_automation, long_levels], ids=lambda f: f.__name__)
def test_summary_of_long_hostile_input_stays_small(make, tmp_path):
    report = report_of(make(tmp_path))
    text = summary_of(report)
    assert len(text.encode("utf-8")) <= summary_renderer.LIMIT
    assert text == summary_of(report)
    doc = Doc(text)
    assert_harmless(doc)
    seen = shown_text(doc)
    # cut at a word: what the heading shows of the name is its first words, then "…"
    title = doc.heading_text(2)[0]
    assert title.endswith("…: readiness review")
    kept = title[:-len("…: readiness review")].split()
    assert kept and kept == report.project.name.split()[:len(kept)]
    assert "x" * 300 not in seen  # the one long word is dropped whole, never split
    assert not re.search(r"(?<!x)x{1,299}…", seen)
    if report.automation is not None:
        assert "beyond support" in seen  # a long label does not hide the point
    if report.readiness is not None:
        assert re.search(r"… and \d+ more stages in the full report", seen)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab é漢|*_<&\\") + ["https://x.y/é", " "]),
                max_size=200).map("".join), st.integers(12, 300))
def test_clip_keeps_whole_words_within_the_budget(text, budget):
    out = summary_renderer.clip(text, budget)
    assert len(md_escape(out).encode("utf-8")) <= budget
    words = text.split()
    if out != " ".join(words):
        assert out.endswith("…")
        kept = out[:-1].split()
        assert kept == words[:len(kept)]
