"""Addresses in user text, read back by the renderers that show our Markdown to people.

cmark-gfm is what GitHub renders wikis, pull-request comments and step summaries with. Its
autolink extension links bare addresses from the raw source, so a backslash escape placed
inside one ends up in the link (``my\\_page`` leads to ``my%5C_page``). These tests render
notes, cells and evidence with Debian's ``cmark-gfm`` (through a subprocess) and with
markdown-it, and check that each address is one link to itself and the text reads as typed.

Skipped, loudly, when ``cmark-gfm`` is missing; with ``MLOPS_MATURITY_REQUIRE_BROWSER`` set
(CI sets it) a missing ``cmark-gfm`` is a failure, as a missing browser is.
"""

from __future__ import annotations

import html as htmllib
import os
import re
import shutil
import subprocess
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mlops_maturity.render import markdown as markdown_renderer
from mlops_maturity.render import summary as summary_renderer
from mlops_maturity.render.templating import find_urls, md_block, md_cell, md_escape, md_link
from test_report_html import EXAMPLES, HOSTILE, report_of
from test_report_markdown import long_automation, long_levels

CMARK = shutil.which("cmark-gfm")
MISSING = None if CMARK else "cmark-gfm is not on PATH (apt-get install cmark-gfm)"
if MISSING and os.environ.get("MLOPS_MATURITY_REQUIRE_BROWSER"):
    # CI sets this: there a missing renderer is a failure, never a quiet skip.
    raise RuntimeError(f"MLOPS_MATURITY_REQUIRE_BROWSER is set but {MISSING}")
needs_cmark = pytest.mark.skipif(CMARK is None, reason=f"SKIPPED GFM TESTS: {MISSING}")


def gfm(markdown: str) -> str:
    """HTML from cmark-gfm with GitHub's extensions; raw HTML is kept so injected markup
    would show (GitHub filters some tags, but the tests should see what we emitted)."""
    assert CMARK is not None
    done = subprocess.run([CMARK, "--unsafe", "-e", "table", "-e", "autolink",
                           "-e", "strikethrough"], input=markdown.encode("utf-8"),
                          capture_output=True, check=True, timeout=30)
    return done.stdout.decode("utf-8")


def markdown_it(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


CLIENTS = [pytest.param(gfm, id="cmark-gfm", marks=needs_cmark),
           pytest.param(markdown_it, id="markdown-it")]


def links(html: str) -> list[tuple[str, str]]:
    """(address, shown text) of every link, both decoded, percent-encoding undone."""
    return [(unquote(htmllib.unescape(href)), htmllib.unescape(re.sub(r"<[^>]+>", "", text)))
            for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', html, re.S)]


def shown(html: str) -> str:
    """What a reader sees, with line breaks as newlines and runs of spaces as one."""
    text = re.sub(r"<br\s*/?>", "\n", html)
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def cell_of(html: str) -> str:
    """The inner HTML of the first body cell of a two-column table."""
    cells = re.findall(r"<td>(.*?)</td>", html, re.S)
    assert len(cells) == 2, html
    return cells[0]


def in_table(cell: str) -> str:
    return f"| a | b |\n|---|---|\n| {cell or ' '} | x |\n"


def tags(html: str) -> set[str]:
    return set(re.findall(r"<([a-z0-9]+)", html.lower()))


# (text as a person typed it, the addresses it must link to, in order)
CASES = [
    pytest.param("See https://wiki.example.com/ml/my_page_name for details",
                 ["https://wiki.example.com/ml/my_page_name"], id="underscores"),
    pytest.param("Tracked at https://mlflow.example.com/#/experiments/42 since May",
                 ["https://mlflow.example.com/#/experiments/42"], id="fragment"),
    pytest.param("Dashboard https://grafana.example.com/d/x?var-env=a|b here",
                 ["https://grafana.example.com/d/x?var-env=a|b"], id="pipe"),
    pytest.param("Docs https://en.wikipedia.org/wiki/Canary_(software) and "
                 "(see https://ex.example.com/a_(b)) too",
                 ["https://en.wikipedia.org/wiki/Canary_(software)",
                  "https://ex.example.com/a_(b)"], id="parentheses"),
    pytest.param("Run https://ci.example.com/job?id=1&branch=main_x&amp=2 passed",
                 ["https://ci.example.com/job?id=1&branch=main_x&amp=2"], id="query"),
    pytest.param("Ends https://ex.example.com/q?a=1&copy; and "
                 "https://ex.example.com/q?a=1&copy;b=2",
                 ["https://ex.example.com/q?a=1", "https://ex.example.com/q?a=1&copy;b=2"],
                 id="entity-like"),
    pytest.param("The run is https://ci.example.com/runs/7_a. Next? https://b.example.com/x_y!",
                 ["https://ci.example.com/runs/7_a", "https://b.example.com/x_y"],
                 id="end-of-sentence"),
    pytest.param("Old https://a.example.com/x_1, new https://b.example.com/y_2.",
                 ["https://a.example.com/x_1", "https://b.example.com/y_2"], id="two-urls"),
    pytest.param("Mirror at www.example.com/a_b.", ["http://www.example.com/a_b"], id="www"),
    pytest.param("javascript:alert(1) and javascript://x_y%0aalert(1) and "
                 "[x](javascript:alert(2))", [], id="javascript"),
    pytest.param("The http client reads https: and http:/x_y, xhttps://ex.example.com/a_b, "
                 "ftp://files.example.com/a_b and awww.example.com/a_b", [], id="not-a-url"),
    pytest.param("Look!https://ex.example.com/x_y", ["https://ex.example.com/x_y"],
                 id="bang-is-no-image"),
    pytest.param("Quoted <https://ex.example.com/a_b> and `https://ex.example.com/c_d` and "
                 "\"https://ex.example.com/e_f\"",
                 ["https://ex.example.com/a_b", "https://ex.example.com/c_d",
                  "https://ex.example.com/e_f"], id="quoted"),
    pytest.param("HTTPS://EX.EXAMPLE.COM/A_B*", ["HTTPS://EX.EXAMPLE.COM/A_B"], id="capitals"),
    pytest.param("1. https://ex.example.com/a_b", ["https://ex.example.com/a_b"],
                 id="line-start"),
    pytest.param("https://ex.example.com/a\\b_[c]`d`~e~$f$", ["https://ex.example.com/a\\b_[c]"],
                 id="markdown-characters"),
]


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("text, addresses", CASES)
def test_an_address_in_a_paragraph_is_one_link(client, text, addresses):
    html = client(md_block(text) + "\n")
    assert [href for href, _ in links(html)] == addresses
    assert all(href == label or href == "http://" + label for href, label in links(html))
    assert shown(html) == text
    assert tags(html) <= {"p", "a", "br"}


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("text, addresses", CASES)
def test_an_address_in_a_table_cell_is_one_link(client, text, addresses):
    cell = cell_of(client(in_table(md_cell(text + "\nsecond line"))))
    assert [href for href, _ in links(cell)] == addresses
    assert shown(cell) == text + "\nsecond line"
    assert tags(cell) <= {"a", "br"}


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("evidence, addresses", [
    ("https://ci.example.com/runs/7_a.", ["https://ci.example.com/runs/7_a."]),
    ("https://grafana.example.com/d/x?v=a|b&c=(d)",
     ["https://grafana.example.com/d/x?v=a|b&c=(d)"]),
    ("Run https://ci.example.com/job_1#/log passed", ["https://ci.example.com/job_1#/log"]),
    ("javascript:alert(1)", []),
], ids=["whole-address", "whole-with-pipe", "mixed-text", "javascript"])
def test_evidence_links(client, evidence, addresses):
    cell = cell_of(client(in_table(md_link(evidence))))
    assert [href for href, _ in links(cell)] == addresses
    assert shown(cell) == evidence


@pytest.mark.parametrize("client", CLIENTS)
def test_a_bang_before_a_linked_value_makes_no_image(client):
    from mlops_maturity.render.templating import md_phrase
    from mlops_maturity.report.wording import value
    html = client(md_phrase((value("Wow!"), value("https://ex.example.com/x_y"))) + "\n")
    assert "<img" not in html
    assert links(html) == [("https://ex.example.com/x_y", "https://ex.example.com/x_y")]
    assert shown(html) == "Wow!https://ex.example.com/x_y"


def test_find_urls_follows_gfm_at_the_end_of_an_address():
    def found(text: str) -> list[str]:
        return [text[a:b] for a, b, _ in find_urls(text)]
    assert found("(https://x.example/a_(b)))") == ["https://x.example/a_(b)"]
    assert found("https://x.example/a?b=1&amp;") == ["https://x.example/a?b=1"]
    assert found("https://x.example/a;") == ["https://x.example/a"]
    assert found("https://x.example/a.,:!?*_~'\"") == ["https://x.example/a"]
    assert found("https://x.example/a<b>") == ["https://x.example/a"]
    assert found("https:// http://_x www. www.-x") == []
    assert found("_www.x.example *https://y.example*") == ["www.x.example", "https://y.example"]


# ── whole reports through cmark-gfm ────────────────────────────────────────────────────────

def assert_links_intact(html: str) -> None:
    """Every link leads where its text says (an escape that got into an address, ``%5C``,
    would make the two differ) and none runs script. cmark-gfm's own e-mail autolinks may
    have odd targets ("_mailto:@x.y" links to itself, relatively), hence no scheme list."""
    for href, label in links(html):
        assert href in (label, "http://" + label, "mailto:" + label), (href, label)
        assert not re.match(r"(?i)\s*(javascript|vbscript|data):", href), href


@needs_cmark
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_reports_under_gfm(example):
    html = gfm(markdown_renderer.RENDERER.render(report_of(example)))
    assert_links_intact(html)
    assert "<img" not in html and "<script" not in html


@needs_cmark
def test_hostile_report_under_gfm():
    html = gfm(markdown_renderer.RENDERER.render(report_of(HOSTILE)))
    assert_links_intact(html)
    lower = html.lower()
    assert "<img" not in lower and "<script" not in lower and "<b>" not in lower
    assert tags(html) <= {"h1", "h2", "h3", "p", "ul", "ol", "li", "table", "thead", "tbody",
                          "tr", "th", "td", "strong", "em", "code", "br", "a", "blockquote",
                          "input"}, tags(html)
    assert "![img](http://evil.example/x.png)" in shown(html)


@needs_cmark
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_summaries_under_gfm(example):
    html = gfm(summary_renderer.RENDERER.render(report_of(example)))
    assert_links_intact(html)
    assert tags(html) <= {"h2", "h3", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr",
                          "th", "td", "strong", "code"}, tags(html)


@needs_cmark
@pytest.mark.parametrize("make", [long_automation, long_levels], ids=lambda f: f.__name__)
def test_long_hostile_summaries_under_gfm(make, tmp_path):
    html = gfm(summary_renderer.RENDERER.render(report_of(make(tmp_path))))
    assert_links_intact(html)
    assert tags(html) <= {"h2", "h3", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr",
                          "th", "td", "strong", "code", "a"}, tags(html)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert len({len(re.findall(r"<t[hd][ >]", row)) for row in rows}) == 1  # no cell split


# ── any text at all ────────────────────────────────────────────────────────────────────────

PIECES = (list("ab_ .|`*()[]<>#!&;\\-~$:/\n") +
          ["http://x.y", "https://x.y/a_b", "www.x.y", "ftp://x.y", "HTTPS://", "&amp;",
           "&copy;", "<br>", "javascript:", "1. ", "- ", "@", "a_b@x.yz", "mailto:"])
TEXT = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


def lines(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


@needs_cmark
@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_gfm_shows_any_cell_as_typed(text):
    cell = cell_of(gfm(in_table(md_cell(text))))
    assert tags(cell) <= {"a", "br"}, cell
    assert_links_intact(cell)
    assert shown(cell) == lines(text)


@needs_cmark
@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_gfm_shows_any_line_as_typed(text):
    html = gfm("## " + md_escape(text) + "\n") if lines(text) else ""
    assert tags(html) <= {"h2", "a"}, html
    assert_links_intact(html)
    assert shown(html) == " ".join(lines(text).split())
