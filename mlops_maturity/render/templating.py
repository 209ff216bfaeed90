"""The Jinja2 environments of the HTML and Markdown reports, and the filters they share.

Only the renderers import this module, so ``score`` never pays for Jinja2. Both environments
load from the bundled ``templates`` folder, use ``StrictUndefined`` (a typo in a template fails
a test instead of rendering blank) and ``select_autoescape`` on the file name: HTML templates
(``*.html.j2``) are HTML-escaped. Markdown has no autoescape of its own, so the Markdown
environment adds one: every ``{{ value }}`` is Markdown-escaped unless a filter already
returned ``MdText`` (escaped text or a vetted link). A template author who forgets a filter
gets escaped text, never live markup.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from mlops_maturity.load.resolve import data_dir
from mlops_maturity.report.numbers import fmt_num, fmt_pct
from mlops_maturity.report.wording import Phrase, Seg

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_UNSAFE_CHAR = re.compile(r"[\s\x00-\x1f\x7f]")
# Characters with a meaning anywhere in a line of GFM: code, emphasis, links, raw HTML,
# table cells, strikethrough, entities, math. Each is escaped with a backslash, which
# CommonMark allows for any ASCII punctuation.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&$#])")
# Line starts that open a block (lists, setext underlines); ``#`` and ``>`` are always escaped.
_MD_LINE_START = re.compile(r"^([-+=])")
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_SENTENCE_END = re.compile(r"[?!](?=[\"')\]]?\s+\S)|\.(?=[\"')\]]?\s+[A-Z])")
# Link destinations keep only these characters; everything else is percent-encoded so a
# URL cannot close the link, split a table cell or open an HTML tag.
_URL_KEEP = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&+,;=%]")
# CommonMark decodes entities even in a link destination (``&copy;`` becomes ``©``) and
# cmark-gfm does so before it reads backslash escapes, so ``\&`` does not help there. The
# character after ``&`` (or ``&#``) is percent-encoded instead: it is unreserved, so the
# address means the same (RFC 3986, 2.3) and no entity is left to decode.
_ENTITY_LIKE = re.compile(r"(&#?)([A-Za-z0-9])(?=[A-Za-z0-9]*;)")
# Where GFM's autolink extension starts a link in text: ``http://`` or ``https://`` (any case)
# not glued to a letter before it, or ``www.`` at the start, after a space or after one of
# ``*_~([``; both followed by a letter or digit of the host.
_URL_START = re.compile(r"(?<![A-Za-z])(?i:https?)://(?=[^\W_])|(?<![^\s*_~(\[])www\.(?=[^\W_])")
# Where an address ends at the latest: GFM stops at a space or ``<``; ``>`` and a backtick
# cannot be in an address either (RFC 3986), and they usually quote one: "<url>", "`url`".
_URL_BODY = re.compile(r"[^\s<>`\x00-\x1f\x7f]*")
# What would still start an autolink in text that was not linked (``ftp://``, ``HTTP://`` with
# nothing after it, ``www.`` glued to a word): one backslash defuses it, and shows nothing.
_AUTOLINK_TRIGGER = re.compile(r":(?=//)|(?<=www)\.")


class MdText(str):
    """Text that is already valid, safe Markdown; the Markdown autoescape leaves it alone."""


def safe_url(value: Any) -> str | None:
    """The URL itself when it is an http(s) or mailto link fit to click, else None.

    Anything with whitespace or control characters is refused, because browsers strip
    those before reading the scheme (``java\\nscript:``).
    """
    text = str(value).strip()
    match = _SCHEME.match(text)
    if match is None or _UNSAFE_CHAR.search(text):
        return None
    scheme, rest = match.group(1).lower(), text[match.end():]
    if scheme not in SAFE_SCHEMES:
        return None
    if scheme == "mailto":
        return text if len(rest) > 0 else None
    return text if rest.startswith("//") and len(rest) > 2 else None


def _lines(text: Any) -> list[str]:
    """Non-empty lines, stripped (leading blanks would start code blocks in Markdown)."""
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def _trim_url(candidate: str) -> str:
    """An address without the punctuation GFM leaves out of an autolink at its end.

    The same rules as cmark-gfm's: ``?!.,:*_~'"`` at the end close a sentence, not the
    address; a ``)`` is kept only while it closes a ``(`` inside the address; ``&name;`` at
    the end is taken for an entity and left out, and any other ``;`` is punctuation.
    """
    url = candidate
    opening, closing = url.count("("), url.count(")")
    while url:
        last = url[-1]
        if last == ")":
            if closing <= opening:
                break
            closing -= 1
            url = url[:-1]
        elif last in "?!.,:*_~'\"":
            url = url[:-1]
        elif last == ";":
            entity = re.search(r"&[A-Za-z]+;\Z", url)
            url = url[:entity.start()] if entity else url[:-1]
        else:
            break
    return url


def find_urls(line: str) -> list[tuple[int, int, str]]:
    """Every address in a line of text that GFM would autolink, as (start, end, href).

    A superset of cmark-gfm's http(s) and ``www.`` autolinks, with the same extent, so the
    text around them can be escaped without a backslash ever landing inside one. ``www.``
    links go to ``http://``, as on GitHub. Other schemes (``ftp://``, ``javascript:``) are
    never links here.
    """
    found: list[tuple[int, int, str]] = []
    pos = 0
    while (start := _URL_START.search(line, pos)) is not None:
        body = _URL_BODY.match(line, start.start())
        end = start.start() + len(_trim_url(body.group() if body else ""))
        url = line[start.start():end]
        href = safe_url(url if url[:1] in "hH" else "http://" + url)
        if href is not None and end > start.end():
            found.append((start.start(), end, href))
            pos = end
        else:
            pos = start.end()
    return found


def url_destination(url: str) -> str:
    """A link destination that leads to ``url`` and cannot end the link, split a table cell,
    open a tag or be read as an entity."""
    encoded = _URL_KEEP.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)
    return _ENTITY_LIKE.sub(lambda m: f"{m.group(1)}%{ord(m.group(2)):02X}", encoded)


def _md_link_to(text: str, href: str) -> str:
    """``[text](href)``: the text shown as written, the destination percent-encoded."""
    return f"[{_md_inline(text)}]({url_destination(href)})"


def _md_inline(text: str) -> str:
    """Text with every character that means something in a GFM line backslash-escaped."""
    return _MD_INLINE.sub(r"\\\1", text)


def _md_text(text: str, line_start: bool, link_follows: bool) -> str:
    """Escaped text between links; nothing in it may start an autolink or an image."""
    escaped = _AUTOLINK_TRIGGER.sub(r"\\\g<0>", _md_inline(text))
    if link_follows and _ends_in_bang(escaped):
        escaped = escaped[:-1] + "\\!"  # "!" before "[" would make the link an image
    if line_start:
        escaped = _MD_ORDERED.sub(r"\1\\\2", _MD_LINE_START.sub(r"\\\1", escaped))
    return escaped


def _md_line(line: str) -> str:
    """One line of user text: its addresses as links, the text around them escaped.

    Escaping an address in place would not do: GFM autolinks the raw characters, backslashes
    included, so ``my\\_page`` would lead to ``my%5C_page``. An explicit link also works in
    renderers without autolinks (markdown-it, GitLab's older wikis).
    """
    parts: list[str] = []
    pos = 0
    for start, end, href in find_urls(line):
        parts.append(_md_text(line[pos:start], pos == 0, True))
        parts.append(_md_link_to(line[start:end], href))
        pos = end
    parts.append(_md_text(line[pos:], pos == 0, False))
    return "".join(parts)


def md_escape(text: Any) -> MdText:
    """User text on one Markdown line: every line break becomes a space, addresses are links."""
    return MdText(" ".join(_md_line(line) for line in _lines(text)))


def md_cell(text: Any) -> MdText:
    """User text in a GFM table cell: line breaks become ``<br>``, which GitHub renders safely."""
    return MdText("<br>".join(_md_line(line) for line in _lines(text)))


def md_block(text: Any) -> MdText:
    """User text as a paragraph: line breaks are kept as hard breaks (a trailing backslash)."""
    return MdText("\\\n".join(_md_line(line) for line in _lines(text)))


def md_code(text: Any) -> MdText:
    """An identifier as a code span, or escaped text when it could not sit in one safely."""
    value = str(text)
    if not value or re.search(r"[`|\\\n\r]", value) or value != value.strip():
        return md_escape(value)
    return MdText(f"`{value}`")


def md_link(text: Any) -> MdText:
    """Evidence in Markdown: a link when all of it is one http(s)/mailto address (trailing
    punctuation included, since nothing else is there), otherwise text with its links."""
    url = safe_url(text)
    if url is None:
        return md_escape(text)
    return MdText(_md_link_to(url, url))


def href(url: str) -> str:
    """A vetted URL as a link destination: every character outside the safe set is
    percent-encoded (``|``, ``<``, spaces), so the attribute is valid and the text unchanged."""
    return _URL_KEEP.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)


def md_autoescape(value: Any) -> Any:
    """The Markdown environment's ``finalize``: escape every plain string that is printed."""
    if isinstance(value, str) and not isinstance(value, MdText):
        return md_escape(value)
    return value


def html_lines(text: Any) -> Markup:
    """User text in HTML with its line breaks kept as ``<br>``; every line is escaped."""
    return Markup("<br>").join(Markup.escape(line) for line in str(text).strip().splitlines())


def split_sentence(text: Any, least: int = 40) -> tuple[str, str]:
    """A long question as (its first sentence, the rest), for tables that show the rest on demand.

    A sentence ends at ``?`` or ``!``, or at ``.`` followed by a capital letter, and is at
    least ``least`` characters long, so "e.g. the" or "v1. Data" do not cut it short.
    """
    value = " ".join(str(text).split())
    for match in _SENTENCE_END.finditer(value):
        if match.start() + 1 >= least:
            return value[:match.start() + 1], value[match.end():].strip()
    return value, ""


def first_sentence(text: Any) -> str:
    """The first sentence of a long question, for lists that link to the full text."""
    return split_sentence(text)[0]


def html_phrase(phrase: Phrase) -> Markup:
    """A worded finding in HTML: values escaped, identifiers as ``<code>``."""
    parts = []
    for s in phrase:
        text = Markup.escape(s.text)
        parts.append(Markup("<code>{}</code>").format(text) if s.kind is Seg.CODE else text)
    return Markup("").join(parts)


def md_phrase(phrase: Phrase) -> MdText:
    """A worded finding in Markdown: values escaped, identifiers as code spans."""
    parts: list[str] = []
    for s in phrase:
        if s.kind is Seg.CODE:
            parts.append(md_code(s.text))
        elif s.kind is Seg.WORDS:
            parts.append(s.text)
        else:
            parts.append(md_escape(s.text))
    # Each part is escaped alone, so a "!" ending one must not meet a link opening the next.
    return MdText("".join(part[:-1] + "\\!" if _ends_in_bang(part) and after.startswith("[")
                          else part for part, after in zip(parts, parts[1:] + [""])))


def _ends_in_bang(markdown: str) -> bool:
    """Whether Markdown ends in a "!" that no backslash escapes."""
    body = markdown[:-1]
    return markdown.endswith("!") and (len(body) - len(body.rstrip("\\"))) % 2 == 0


FILTERS = {"safe_url": safe_url, "num": fmt_num, "pct": fmt_pct, "html_lines": html_lines,
           "md": md_escape, "md_cell": md_cell, "md_block": md_block, "md_code": md_code,
           "md_link": md_link, "first_sentence": first_sentence,
           "split_sentence": split_sentence, "html_phrase": html_phrase,
           "md_phrase": md_phrase, "href": href}


def _environment(**options: Any) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        autoescape=jinja2.select_autoescape(["html", "html.j2"], default_for_string=False),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, **options)
    env.filters.update(FILTERS)
    return env


@lru_cache(maxsize=None)
def html_environment() -> jinja2.Environment:
    """The environment for ``*.html.j2`` templates: HTML autoescape on."""
    return _environment()


@lru_cache(maxsize=None)
def markdown_environment() -> jinja2.Environment:
    """The environment for ``*.md.j2`` templates: HTML autoescape off, Markdown autoescape on."""
    return _environment(finalize=md_autoescape)


def render_template(name: str, **context: Any) -> str:
    """Render a bundled template with the environment its file name calls for."""
    env = html_environment() if name.endswith((".html", ".html.j2")) else markdown_environment()
    return env.get_template(name).render(**context)
