"""The HTML report: escaping, no outside requests, structure, accessibility, determinism.

The builders at the top (rubrics and questionnaires made from ``tests/data/tiny-rubric.yaml``)
are shared with ``test_report_markdown.py`` and ``test_browser.py``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
import shutil
from pathlib import Path

import pytest
import yaml

from mlops_maturity.api import assess
from mlops_maturity.render import html as html_renderer
from mlops_maturity.report.build import Report

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
TINY = DATA / "tiny-rubric.yaml"
HOSTILE = DATA / "hostile.yaml"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FIXED_TIME = "2026-11-30T12:00:00Z"
# Put into every text field of a rubric by ``hostile_rubric``.
EVIL = "<script>alert('r')</script> | `x` *y* _z_ [l](javascript:alert(9)) #h &amp;"
SAFE_SCHEMES = ("http:", "https:", "mailto:")


# ── builders ───────────────────────────────────────────────────────────────────────────────

def report_of(questionnaire: Path, target: str | None = None) -> Report:
    return assess(questionnaire, target=target, generated_at=FIXED_TIME)


def dump(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def tiny() -> dict:
    return yaml.safe_load(TINY.read_text(encoding="utf-8"))


def hostile_rubric(folder: Path) -> Path:
    """The tiny rubric with hostile text in every title, label, question, advice and source."""
    r = tiny()
    r["title"], r["description"] = "T " + EVIL, EVIL
    r["sources"] = [{"title": EVIL, "url": "javascript:alert(8)", "note": EVIL, "authors": EVIL, "year": "2020"}]
    for level in r["levels"]:
        level["label"], level["description"] = f"{level['id']} {EVIL}", EVIL + "\nline two"
    for section in r["sections"]:
        section["title"] = f"{section['id']} {EVIL}"
        for q in section["questions"]:
            q["text"] = q["why"] = q["advice"] = EVIL + "\n# heading\n| a | b |"
            for option in q.get("options", []):
                option["label"] = f"{option['id']} {EVIL}"
    for gate in r["gates"]:
        gate["why"] = EVIL
    for band in r["bands"]:
        band["label"], band["description"] = f"{band['id']} {EVIL}", EVIL
    return dump(folder / "hostile-rubric.yaml", r)


def hostile_everything(folder: Path) -> Path:
    """The hostile questionnaire answering the hostile rubric."""
    q = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
    q["rubric"] = hostile_rubric(folder).name
    return dump(folder / "hostile-everything.yaml", q)


def four_stages(folder: Path) -> Path:
    """The tiny rubric plus three more stage sections, so the chart is a radar."""
    r = tiny()
    for sid in ("train", "serve", "watch"):
        r["sections"].insert(-1, {"id": sid, "title": f"{sid.title()} stage", "questions": [
            {"id": f"{sid}.done", "type": "yes_partial_no", "text": f"Is {sid} automated?",
             "why": "Because.", "advice": f"Automate {sid}."}]})
    rubric = dump(folder / "four-stages.yaml", r)
    return dump(folder / "four-q.yaml", {
        "rubric": rubric.name, "project": {"name": "Four stages", "team": "Team"},
        "answers": {"build.ci": "yes", "build.level": "mid", "train.done": "partial", "serve.done": "no",
                    "watch.done": "yes", "ops.rollback": "manual"}})


def no_scale(folder: Path) -> Path:
    """A rubric without levels and degrees: no ladder, no readiness, level None everywhere."""
    r = tiny()
    del r["levels"], r["gates"]
    r["sections"][0]["questions"] = [q for q in r["sections"][0]["questions"] if q["type"] != "degree"]
    rubric = dump(folder / "no-scale.yaml", r)
    return dump(folder / "no-scale-q.yaml", {"rubric": rubric.name, "answers": {"build.ci": "yes"}})


def all_na(folder: Path) -> Path:
    """Every question answered n/a: no score, no level, no band."""
    r = tiny()
    for section in r["sections"]:
        for q in section["questions"]:
            q["allow_na"] = True
    rubric = dump(folder / "all-na.yaml", r)
    answers = {q["id"]: {"answer": "n/a", "reason": "Not here."} for s in r["sections"] for q in s["questions"]}
    return dump(folder / "all-na-q.yaml", {"rubric": rubric.name, "answers": answers})


def plain_tiny(folder: Path) -> Path:
    """A friendly questionnaire on the tiny rubric (two sections: the chart falls back to bars)."""
    shutil.copy(TINY, folder / TINY.name)
    return dump(folder / "tiny-q.yaml", {
        "rubric": TINY.name, "project": {"name": "Tiny", "team": "Team", "assessed_on": "2026-11-30"},
        "answers": {"build.ci": {"answer": "yes", "evidence": "https://ci.example.com"},
                    "build.level": "mid", "ops.rollback": "manual"}})


# ── a small HTML reader ────────────────────────────────────────────────────────────────────

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_VOID = {"polygon", "line", "circle", "rect", "path", "tspan"}  # may be self-closed in SVG


class Page(HTMLParser):
    """Tags with attributes, heading levels and texts, and the nesting checked as it goes."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text_parts: list[str] = []
        self._heading: list[str] | None = None
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID and tag not in SVG_VOID:
            self.errors.append(f"self-closed <{tag}/>")

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((int(tag[1]), " ".join("".join(self._heading).split())))
            self._heading = None

    def handle_data(self, data):
        self.text_parts.append(data)
        if self._heading is not None:
            self._heading.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.tags if t == tag]


def render(path: Path, target: str | None = None) -> str:
    return html_renderer.RENDERER.render(report_of(path, target))


@pytest.fixture
def hostile_html() -> str:
    return render(HOSTILE)


# ── the Jinja environment ──────────────────────────────────────────────────────────────────

def test_autoescape_is_on_for_html_templates_and_off_for_markdown():
    from mlops_maturity.render.templating import html_environment, markdown_environment
    env = html_environment()
    assert env.autoescape("report.html.j2") is True
    assert env.autoescape("_chart.html.j2") is True
    assert env.autoescape("report.md.j2") is False
    assert markdown_environment().finalize is not None  # the Markdown environment's own escaping


def test_undefined_variables_fail_loudly():
    import jinja2

    from mlops_maturity.render.templating import html_environment
    with pytest.raises(jinja2.UndefinedError):
        html_environment().from_string("{{ no_such_thing }}").render()


@pytest.mark.parametrize("url, ok", [
    ("https://example.com/a?b=1&c=2", True), ("http://x.example", True), ("mailto:team@example.com", True),
    ("HTTPS://EXAMPLE.COM", True), ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
    ("java\nscript:alert(1)", False), (" javascript:alert(1)", False), ("data:text/html,x", False),
    ("vbscript:x", False), ("//evil.example/x", False), ("/relative/path", False), ("http:", False),
    ("https://", False), ("http://a b", False), ("mailto:", False), ("ftp://example.com", False), ("", False),
])
def test_safe_url(url, ok):
    from mlops_maturity.render.templating import safe_url
    assert (safe_url(url) is not None) is ok


@pytest.mark.parametrize("value, text", [(None, "—"), (25.0, "25"), (78.9, "78.9"), (0.94, "0.94"),
                                         (-0.0, "0"), (1234567.0, "1234567"), (2.5, "2.5")])
def test_number_format(value, text):
    from mlops_maturity.render.templating import fmt_num
    assert fmt_num(value) == text


# ── escaping and safety ────────────────────────────────────────────────────────────────────

def assert_harmless(html: str) -> Page:
    page = Page(html)
    lower = html.lower()
    assert "<script" not in lower, "a <script> tag from the input reached the HTML"
    assert not page.all("script") and not page.all("iframe") and not page.all("object")
    assert not page.all("img") and not page.all("embed") and not page.all("form")
    for tag, attrs in page.tags:
        handlers = [name for name in attrs if name.startswith("on")]
        assert not handlers, f"<{tag}> has event handlers {handlers}"
        for name in ("href", "src", "xlink:href", "action", "formaction"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), f"<{tag} {name}={value}>"
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", lower)
    return page


def test_hostile_questionnaire_is_escaped(hostile_html):
    page = assert_harmless(hostile_html)
    text = page.text
    # Every hostile string shows up as text, exactly as typed.
    assert "<script>alert(1)</script> | Pipe & \"Quote\" 'Apos'" in text
    assert "<img src=x onerror=alert(2)>" in text
    assert "javascript:alert(1)" in text
    assert "<a href=\"javascript:alert(4)\">click</a>" in text
    assert "data:text/html,<script>alert(3)</script>" in text
    assert "<script>alert(7)</script>" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_html
    assert page.headings[0] == (1, "<script>alert(1)</script> | Pipe & \"Quote\" 'Apos'")


def test_only_http_https_and_mailto_evidence_becomes_a_link(hostile_html):
    page = Page(hostile_html)
    links = [a["href"] for a in page.all("a") if not (a.get("href") or "").startswith("#")]
    # percent-encoded in the attribute, the visible text unchanged
    assert links == ["https://ci.example.com/job?a=1&b=%3C2%3E", "mailto:team@example.com"]
    assert "https://ci.example.com/job?a=1&b=<2>" in page.text
    for a in page.all("a"):
        if not a["href"].startswith("#"):
            assert "noopener" in a["rel"] and "noreferrer" in a["rel"]


def test_hostile_rubric_is_escaped_too(tmp_path):
    html = render(hostile_everything(tmp_path))
    page = assert_harmless(html)
    assert "T " + EVIL in page.text
    assert "javascript:alert(8)" in page.text  # the source's URL, as text
    assert not [a for a in page.all("a") if "alert" in (a.get("href") or "")]


# ── self-contained: no other host, no script ───────────────────────────────────────────────

def outside_references(html: str) -> list[str]:
    """Every src/href/url() that is not an in-page anchor or a user's evidence link."""
    page = Page(html)
    found = []
    for tag, attrs in page.tags:
        for name in ("src", "srcset", "data", "poster", "background", "xlink:href"):
            if attrs.get(name):
                found.append(f"<{tag} {name}={attrs[name]}>")
        href = attrs.get("href")
        if href is not None and not href.startswith("#"):
            if tag != "a" or not href.lower().startswith(SAFE_SCHEMES):
                found.append(f"<{tag} href={href}>")
    found += re.findall(r"url\(|@import", html)
    return found


@pytest.mark.parametrize("make", [plain_tiny, four_stages, no_scale, all_na], ids=lambda f: f.__name__)
def test_self_contained(make, tmp_path):
    html = render(make(tmp_path))
    page = Page(html)
    assert outside_references(html) == []
    assert not page.all("script") and not page.all("link") and not page.all("iframe")
    assert "<style>" in html
    csp = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_user_links_are_the_only_outside_references(hostile_html):
    assert outside_references(hostile_html) == []


# ── structure and accessibility ────────────────────────────────────────────────────────────

def assert_well_formed(page: Page) -> None:
    assert page.errors == []
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading skips from h{before} to h{after}: {page.headings}"
    html_tag = page.all("html")[0]
    assert html_tag.get("lang") == "en"
    assert all(th.get("scope") in ("col", "row") for th in page.all("th"))
    ids = [attrs["id"] for _, attrs in page.tags if attrs.get("id")]
    assert len(ids) == len(set(ids)), "duplicate id"
    for _, attrs in page.tags:
        for ref in (attrs.get("aria-labelledby") or "").split():
            assert ref in ids, f"aria-labelledby points at missing id {ref}"
        if (attrs.get("href") or "").startswith("#"):
            assert attrs["href"][1:] in ids, f"link to missing anchor {attrs['href']}"


def h2_titles(report: Report) -> list[str]:
    """Page one (who decides, maturity, the verdict, the stages), then the appendix."""
    chart = "Maturity level by stage" if report.levels and any(
        s.kind == "stage" for s in report.sections) else "Score by section, as a percent of its maximum"
    page_one = (["Who decides"] if report.automation else []) + [
        "Lifecycle maturity", "Verdict", "Stages at a glance"]
    return page_one + ["Appendix: the detail behind page one", "Readiness in full", chart,
                       "Roadmap", "Every question and its evidence",
                       "Unanswered and not applicable", "Definitions and sources"]


@pytest.mark.parametrize("make", [plain_tiny, four_stages, no_scale, all_na, hostile_everything],
                         ids=lambda f: f.__name__)
def test_structure(make, tmp_path):
    report = report_of(make(tmp_path))
    html = html_renderer.RENDERER.render(report)
    page = Page(html)
    assert_well_formed(page)
    h2 = [text for level, text in page.headings if level == 2]
    assert h2 == h2_titles(report)
    h3 = [text for level, text in page.headings if level == 3]
    for s in report.sections:
        assert " ".join(s.title.split()) in h3, f"no heading for section {s.id}"
        assert f'id="section-{s.id}"' in html
        for q in s.questions:
            assert f'id="q-{q.id}"' in html
    assert report.generated_at in page.text
    assert f"mlops-maturity {report.tool.version}" in page.text


def test_generator_meta_comes_first():
    html = render(HOSTILE)
    head = html.encode("utf-8")[:4096].decode("utf-8", "ignore")
    assert '<meta name="generator" content="mlops-maturity ' in head
    assert html.startswith("<!DOCTYPE html>")


def test_header_shows_project_rubric_tool_and_time(tmp_path):
    report = report_of(plain_tiny(tmp_path))
    text = " ".join(Page(html_renderer.RENDERER.render(report)).text.split())
    for value in ("Tiny", "Team", "2026-11-30", "tiny", "version 1.0", "mlops-maturity 0.", FIXED_TIME):
        assert value in text
    assert report.overall.verdict in text


def test_page_one_holds_the_verdict_and_its_blockers(hostile_html):
    page = Page(hostile_html)
    h2 = [text for level, text in page.headings if level == 2]
    assert h2.index("Verdict") < h2.index("Appendix: the detail behind page one")
    text = " ".join(page.text.split())
    assert "✗ Not ready for High" in text
    assert "The overall score, 25, is below 80, where High starts." in text
    assert "ops.rollback" in text and "Roll back." in text


# ── charts ─────────────────────────────────────────────────────────────────────────────────

def svg_of(html: str) -> str:
    match = re.search(r"<svg.*?</svg>", html, re.S)
    assert match, "no chart"
    return match.group(0)


def test_radar_for_three_or_more_stages(tmp_path):
    report = report_of(four_stages(tmp_path))
    html = html_renderer.RENDERER.render(report)
    svg = svg_of(html)
    page = Page(svg)
    attrs = page.all("svg")[0]
    assert attrs["role"] == "img" and attrs["aria-labelledby"] == "chart-title chart-desc"
    assert '<title id="chart-title">Maturity level by stage</title>' in svg
    assert len(page.all("circle")) == 4  # one point per stage
    text = " ".join(page.text.split())
    for title, level in (("Build", "Mid"), ("Train stage", "Mid"), ("Serve stage", "Low"),
                         ("Watch stage", "High")):
        assert title in text
    assert "target: High" in text  # the next level, drawn dashed
    # values are written, not shown by colour alone
    labels = re.findall(r'font-weight="700">([^<]+)</tspan>', svg)
    assert labels == [s.level_label for s in report.sections if s.kind == "stage"]


def test_bars_for_fewer_than_three_stages(tmp_path):
    html = render(plain_tiny(tmp_path))
    svg = svg_of(html)
    page = Page(svg)
    assert page.all("rect") and not page.all("circle")
    assert "<title" in svg and 'role="img"' in svg
    assert "High" in page.text  # the value written beside the bar


def test_without_scale_the_chart_shows_percent_and_there_is_no_ladder(tmp_path):
    report = report_of(no_scale(tmp_path))
    html = html_renderer.RENDERER.render(report)
    assert report.readiness is None
    assert 'class="ladder"' not in html
    assert "Score by section" in svg_of(html)
    assert "no maturity levels and no degrees of automation" in html


def test_nothing_scored_renders(tmp_path):
    html = render(all_na(tmp_path))
    page = Page(html)
    assert_well_formed(page)
    assert "Nothing could be scored" in page.text
    assert "not scored" in page.text


def test_ladder_marks_current_and_target(tmp_path):
    page = Page(render(plain_tiny(tmp_path), target="high"))
    rungs = [attrs for attrs in page.all("li") if "class" in attrs
             and {"reached", "current", "target"} & set(attrs["class"].split() or ["-"])
             or attrs.get("class") == ""]
    classes = [r.get("class", "") for r in page.all("li") if r.get("class") is not None
               and r.get("class") in ("reached", "current", " target", "current target",
                                      "reached target")]
    assert classes == ["reached", "current", " target"]
    assert [r for r in page.all("li") if r.get("aria-current") == "step"]


# ── determinism and the examples ───────────────────────────────────────────────────────────

def test_deterministic(tmp_path):
    path = hostile_everything(tmp_path)
    assert render(path) == render(path)
    assert render(HOSTILE) == render(HOSTILE)


@pytest.mark.skipif(not EXAMPLES, reason="no examples/*.yaml yet")
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples(example):
    report = report_of(example)
    html = html_renderer.RENDERER.render(report)
    assert html == html_renderer.RENDERER.render(report_of(example))
    page = assert_harmless(html)
    assert_well_formed(page)
    assert outside_references(html) == []
    h3 = [text for level, text in page.headings if level == 3]
    assert all(" ".join(s.title.split()) in h3 for s in report.sections)
    assert "<svg" in html and "<title id=\"chart-title\">" in html
