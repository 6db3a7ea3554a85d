"""An article as plain text, with a map from every plain character back to the input.

Claims are found in plain text, but an editor highlights them in what they wrote, so every
character of the plain text remembers where it came from (``starts[i]``/``ends[i]``: its
first and one-past-last offsets in the original input). Readers for HTML (the stdlib
parser), Markdown (line-level rules) and plain text keep the structure claims need: the
article's title, headings, list items, paragraphs, and the spans the author marked as a
title (quotes, italics, bold).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from html import unescape
from html.entities import name2codepoint
from html.parser import HTMLParser
from typing import Literal

__all__ = ["Block", "Document", "detect_format", "read_document"]

BlockKind = Literal["title", "heading", "item", "paragraph"]
SourceFormat = Literal["text", "md", "html"]

_HTML_HINT = re.compile(
    r"<(?:!doctype|html|body|p|div|h[1-6]|article|section|ul|ol|li|br|em|i|strong|b|a)\b",
    re.IGNORECASE,
)
_TAG = re.compile(
    r"</?(?:p|div|span|h[1-6]|ul|ol|li|br|hr|em|i|strong|b|u|s|a|q|cite|code|pre|blockquote|"
    r"small|sup|sub|img|table|tr|td|th|script|style)\b[^<>]*>",
    re.IGNORECASE,
)
_MD_HINT = re.compile(
    r"^(?:#{1,6}\s|\s*[-*+]\s+\S|\s*\d+[.)]\s+\S|>\s)|\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\s]+\)"
    r"|(?<![\w*])\*[^\s*][^*\n]{0,80}(?<![\s*])\*(?![\w*])",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text the author set apart: the title, a heading, a list item, a paragraph."""

    kind: BlockKind
    start: int  # in the plain text
    end: int
    level: int = 0  # heading level (1-6); 0 for the title and other blocks


@dataclass
class Document:
    text: str
    starts: list[int]
    ends: list[int]
    blocks: list[Block]
    marked: list[tuple[int, int]]  # spans the author quoted, italicised or bolded
    source_format: SourceFormat
    original_length: int
    _sorted_starts: list[int] = field(default_factory=list, repr=False)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the input that plain ``text[start:end]`` came from."""
        if not self.text or end <= start:
            at = self.starts[start] if start < len(self.starts) else self.original_length
            return at, at
        return self.starts[start], self.ends[end - 1]

    def plain_offset(self, original: int) -> int:
        """The first plain character that came from at or after ``original``."""
        if not self._sorted_starts:
            self._sorted_starts = list(self.starts)
        return bisect_right(self._sorted_starts, original - 1)


class _Builder:
    """Appends plain text with its origin, folding runs of spaces the way a reader sees them."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.blocks: list[Block] = []
        self.marked: list[tuple[int, int]] = []
        self._block: tuple[BlockKind, int, int] | None = None

    @property
    def pos(self) -> int:
        return len(self.chars)

    def add(self, text: str, start: int, *, exact: bool = True, end: int | None = None) -> None:
        """Add ``text`` read from input offset ``start``; ``exact`` when it is the input's own
        characters (else every character maps to the whole ``start..end`` range)."""
        for i, ch in enumerate(text):
            if ch in " \t\r\n\f\v\u00a0":
                if not self.chars or self.chars[-1] in " \n":
                    continue
                ch = " "
            self.chars.append(ch)
            if exact:
                self.starts.append(start + i)
                self.ends.append(start + i + 1)
            else:
                self.starts.append(start)
                self.ends.append(end if end is not None else start + 1)

    def trim(self) -> None:
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.starts.pop()
            self.ends.pop()

    def open_block(self, kind: BlockKind, offset: int, level: int = 0) -> None:
        self.close_block(offset)
        self._block = (kind, self.pos, level)

    def close_block(self, offset: int) -> None:
        self.trim()
        if self._block is not None:
            kind, start, level = self._block
            if self.pos > start:
                self.blocks.append(Block(kind, start, self.pos, level))
            self._block = None
        if self.chars and self.chars[-1] != "\n":
            for _ in range(2):
                self.chars.append("\n")
                self.starts.append(offset)
                self.ends.append(offset)

    def finish(self, source_format: SourceFormat, length: int) -> Document:
        self.close_block(length)
        while self.chars and self.chars[-1] == "\n":
            self.chars.pop()
            self.starts.pop()
            self.ends.pop()
        text = "".join(self.chars)
        blocks = [b for b in self.blocks if b.start < len(text)]
        _fill_paragraphs(text, blocks)
        marked = sorted({(s, e) for s, e in self.marked if e > s})
        return Document(text, self.starts, self.ends, blocks, marked, source_format, length)


def _fill_paragraphs(text: str, blocks: list[Block]) -> None:
    """Text outside any block (loose HTML text, plain lines) becomes paragraphs."""
    covered = sorted((b.start, b.end) for b in blocks)
    pos = 0
    gaps: list[tuple[int, int]] = []
    for start, end in [*covered, (len(text), len(text))]:
        if start > pos:
            gaps.append((pos, start))
        pos = max(pos, end)
    for start, end in gaps:
        for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text[start:end]):
            if m.group().strip():
                blocks.append(Block("paragraph", start + m.start(), start + m.end()))
    blocks.sort(key=lambda b: b.start)


def detect_format(text: str) -> SourceFormat:
    """HTML when tags make up the structure, Markdown when its syntax does, else text."""
    head = text[:20000]
    if len(_HTML_HINT.findall(head)) >= 2 or head.lstrip()[:15].lower().startswith(
        ("<!doctype", "<html")
    ):
        return "html"
    if _MD_HINT.search(head):
        return "md"
    # Plain text with a tag in it (a pasted "<b>Title</b>", a stray script) reads as HTML:
    # as text, the tags would stay in the words and hide the titles they wrap.
    if _TAG.search(head):
        return "html"
    return "text"


def read_document(text: str, source_format: str = "auto") -> Document:
    """Plain text, structure and offset map of an article in text, Markdown or HTML."""
    fmt = detect_format(text) if source_format == "auto" else source_format
    if fmt == "html":
        return _read_html(text)
    if fmt in ("md", "markdown"):
        return _read_markdown(text, "md")
    return _read_markdown(text, "text")


# --- HTML ------------------------------------------------------------------------------

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "blockquote",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "pre",
    "hr",
    "br",
    "body",
    "html",
}
_MARKS = {"i", "em", "cite", "q", "b", "strong"}
#: Elements whose text is never the article's.
_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "iframe",
    "select",
    "canvas",
    "dialog",
}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
#: Elements that hold a page's article, when it marks one.
_SCOPES = {"article", "main"}
_ARTICLE_TAG = re.compile(r"<(?:article|main)\b", re.IGNORECASE)
#: Class or id words of a page's furniture: comments, sidebars, share bars, ads.
_NOISE = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-list|disqus|sidebar|related|recommended|share|sharing|"
    r"social|newsletter|subscribe|advert|advertisement|ads?|promo|cookies?|consent|"
    r"breadcrumbs?|menu|navbar|nav|footer|popup|modal|outbrain|taboola)(?:$|[\s_-])",
    re.IGNORECASE,
)


def _noise(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name in ("class", "id", "role") and value:
            if name == "role" and value.casefold() in ("navigation", "complementary", "banner"):
                return True
            if name != "role" and _NOISE.search(value):
                return True
    return False


class _HtmlReader(HTMLParser):
    """A page's article text: what scripts, styles, navigation, sidebars, share bars and
    comment sections hold is dropped; when the page marks its article (``<article>``,
    ``<main>``), only that and the headline are read."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.out = _Builder()
        self.skip = 0  # depth inside dropped elements
        self.in_title = False
        self.title_seen = False
        self.marks: list[tuple[str, int]] = []
        head = source[:500_000]
        self.scoped = bool(_ARTICLE_TAG.search(head))
        self.scope_depth = 0  # depth inside <article>/<main> (when the page has them)
        self.headline = 0  # inside an <h1> outside the article

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    @property
    def reading(self) -> bool:
        if self.skip:
            return False
        return not self.scoped or self.scope_depth > 0 or self.headline > 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._at()
        if tag == "title" and not self.title_seen:
            self.in_title = True
            self.out.open_block("title", at)
            return
        if self.skip:
            if tag not in _VOID:
                self.skip += 1
            return
        if tag in _SKIP or (tag not in _VOID and _noise(attrs)):
            self.skip = 1
            return
        if tag in _SCOPES:
            self.scope_depth += 1
        if tag == "h1" and self.scoped and not self.scope_depth:
            self.headline += 1
        if not self.reading:
            return
        if tag in _HEADINGS:
            self.out.open_block("heading", at, _HEADINGS[tag])
        elif tag == "li":
            self.out.open_block("item", at)
        elif tag in _BLOCKS:
            self.out.open_block("paragraph", at)
        elif tag in _MARKS:
            self.marks.append((tag, self.out.pos))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS and self.reading:
            self.out.close_block(self._at())

    def handle_endtag(self, tag: str) -> None:
        at = self._at()
        if tag == "title" and self.in_title:
            self.in_title = False
            self.title_seen = True
            self.out.close_block(at)
            return
        if self.skip:
            if tag not in _VOID:
                self.skip -= 1
            return
        reading = self.reading
        if tag in _SCOPES:
            self.scope_depth = max(0, self.scope_depth - 1)
        if tag == "h1" and self.headline:
            self.headline -= 1
        if not reading:
            return
        if tag in _HEADINGS or tag == "li" or tag in _BLOCKS:
            self.out.close_block(at)
        elif tag in _MARKS:
            for i in range(len(self.marks) - 1, -1, -1):
                if self.marks[i][0] == tag:
                    start = self.marks.pop(i)[1]
                    end = self.out.pos
                    while end > start and self.out.chars[end - 1] == " ":
                        end -= 1
                    self.out.marked.append((start, end))
                    break

    def handle_data(self, data: str) -> None:
        if self.reading or self.in_title:
            self.out.add(data, self._at())

    def _entity(self, decoded: str, raw_len: int) -> None:
        if self.reading or self.in_title:
            start = self._at()
            self.out.add(decoded, start, exact=False, end=start + raw_len)

    def handle_entityref(self, name: str) -> None:
        at = self._at()
        has_semicolon = self.source.startswith(";", at + 1 + len(name))
        raw = 1 + len(name) + has_semicolon
        decoded = chr(name2codepoint[name]) if name in name2codepoint else f"&{name}"
        self._entity(decoded, raw)

    def handle_charref(self, name: str) -> None:
        at = self._at()
        has_semicolon = self.source.startswith(";", at + 2 + len(name))
        raw = 2 + len(name) + has_semicolon
        self._entity(unescape(f"&#{name};"), raw)


def _read_html(source: str) -> Document:
    reader = _HtmlReader(source)
    reader.feed(source)
    reader.close()
    return reader.out.finish("html", len(source))


# --- Markdown and plain text --------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_RULE = re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$")
#: Inline Markdown: images (dropped), links (their text kept), code, emphasis markers, HTML tags.
_INLINE = re.compile(
    r"!\[[^\]\n]*\]\([^)\n]*\)"
    r"|\[(?P<link>[^\]\n]+)\]\([^)\n]*\)"
    r"|`(?P<code>[^`\n]+)`"
    r"|(?P<em>\*{1,3}|_{1,3})"
    r"|</?[A-Za-z][^>\n]*>"
)


def _plain_heading(line: str, next_line: str | None) -> bool:
    """A plain-text heading: a short line with no closing punctuation, or a line in title
    case (a headline: "Why It Was Different When Evil Ended This Week"), standing alone."""
    words = line.split()
    if not words or (next_line is not None and next_line.strip()):
        return False
    if line.rstrip()[-1:] in ".,;:!\"'”":
        return False  # a sentence, even one full of names
    return len(words) <= 14 or (_title_case(words) and len(words) <= 30)


def _title_case(words: list[str]) -> bool:
    """Most longer words capitalised, as in headlines."""
    long = [w for w in words if sum(ch.isalpha() for ch in w) >= 4]
    if len(long) < 4:
        return False
    return sum(w.lstrip("\"'“‘(")[:1].isupper() for w in long) >= 0.8 * len(long)


def _read_markdown(source: str, fmt: SourceFormat) -> Document:
    out = _Builder()
    lines = source.split("\n")
    offsets: list[int] = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    fenced = False
    seen_text = False
    i = 0
    while i < len(lines):
        line, at = lines[i], offsets[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        i += 1
        if fmt == "md" and _FENCE.match(line):
            fenced = not fenced
            out.close_block(at)
            continue
        if fenced or not line.strip():
            if not fenced:
                out.close_block(at)
            continue
        if fmt == "md" and _RULE.match(line):
            out.close_block(at)
            continue
        body_start = 0
        if fmt == "md":
            quote = _QUOTE.match(line)
            if quote:
                body_start = quote.end()
        atx = _ATX.match(line[body_start:]) if fmt == "md" else None
        if atx:
            kind: BlockKind = "title" if not seen_text and len(atx.group(1)) == 1 else "heading"
            out.open_block(kind, at, len(atx.group(1)))
            _inline(out, line, at, body_start + atx.start(2), body_start + atx.end(2), fmt)
            out.close_block(at + len(line))
            seen_text = True
            continue
        if fmt == "md" and nxt is not None and _SETEXT.match(nxt) and not _ITEM.match(line):
            level = 1 if nxt.strip().startswith("=") else 2
            out.open_block("title" if not seen_text and level == 1 else "heading", at, level)
            _inline(out, line, at, body_start, len(line), fmt)
            out.close_block(offsets[i] + len(nxt))
            i += 1
            seen_text = True
            continue
        item = _ITEM.match(line[body_start:])
        if item:
            out.open_block("item", at)
            _inline(out, line, at, body_start + item.end(), len(line), fmt)
            seen_text = True
            continue
        if fmt == "text" and _plain_heading(line, nxt) and (i < 2 or not lines[i - 2].strip()):
            out.open_block("title" if not seen_text else "heading", at, 0 if not seen_text else 2)
            _inline(out, line, at, 0, len(line), fmt)
            out.close_block(at + len(line))
            seen_text = True
            continue
        if out._block is None or out._block[0] not in ("paragraph", "item"):
            out.open_block("paragraph", at)
        else:
            out.add(" ", at + len(line))
        _inline(out, line, at, body_start, len(line), fmt)
        seen_text = True
    return out.finish(fmt, len(source))


def _inline(out: _Builder, line: str, at: int, start: int, end: int, fmt: SourceFormat) -> None:
    """Copy a line's text, dropping Markdown markup and remembering emphasised spans."""
    if fmt == "text":
        out.add(line[start:end], at + start)
        return
    open_marks: dict[str, int] = {}
    pos = start
    for m in _INLINE.finditer(line, start, end):
        out.add(line[pos : m.start()], at + pos)
        pos = m.end()
        if m.group("link") is not None:
            out.add(m.group("link"), at + m.start("link"))
        elif m.group("code") is not None:
            out.add(m.group("code"), at + m.start("code"))
        elif m.group("em") is not None:
            marker = m.group("em")
            before = line[m.start() - 1] if m.start() > 0 else " "
            after = line[m.end()] if m.end() < len(line) else " "
            if marker in open_marks and not before.isspace():
                begin = open_marks.pop(marker)
                out.marked.append((begin, out.pos))
            elif not after.isspace() and (marker[0] == "*" or not before.isalnum()):
                open_marks[marker] = out.pos
            else:
                out.add(marker, at + m.start())
    out.add(line[pos:end], at + pos)
