"""HTML article bodies (as found in feed archives) to clean paragraphs.

Feed archives store the article body as an HTML fragment copied from the feed.
trafilatura is built for whole pages and drops short bodies, so fragments are
walked here: every block element (or ``<br>``) ends a paragraph, images,
scripts and ads are dropped, figure captions and ``<small>`` credits go to
``captions``, and a leading line holding only a date (the feed's dateline,
``<i>Mon, 05 Jul 2021 22:41:17 GMT</i>``) is removed and returned apart.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

import lxml.etree
import lxml.html

from articles.build import clean_title
from articles.normalize import clean_line, parse_datetime
from articles.timestamps import split_stamp_line

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul".split()
)
DROP_TAGS = frozenset(
    "audio button canvas embed head iframe img input link map meta noscript object picture "
    "script select source style svg template textarea time title track video".split()
)
CAPTION_TAGS = frozenset({"figure", "figcaption", "small"})
# Boxes of links to other articles ("延伸閱讀") and ad slots, by class or id (and by form: a list
# whose every item is wholly a link, :func:`_is_link_list`).
_NOISE_ATTR = re.compile(
    r"moreArticle|related|dfp-ad|adslot|advert|self-promo|share-?bar|social", re.I
)
# Image captions that are not <figcaption>: CNA "picinfo", RFA "image-caption", RFI "a-media-legend".
_CAPTION_ATTR = re.compile(r"caption|picinfo|media-legend", re.I)

# Feed-archive promo footer appended by the archiver (feedx.net).
PROMO_MARKERS = ("获取更多RSS", "獲取更多RSS")
_PROMO_LINE = re.compile(r"^(https?://)?feedx\.(net|top|xyz)/?$", re.I)

# Markdown images some archivers leave inside HTML bodies. No bracket inside, so a run of "![]("
# costs its length, not its square; a URL may hold one level of parentheses (Foo_(bar)) and a title.
_MD_TARGET = r"\((?:[^()\[\]\s]|\([^()\[\]\s]*\))*(?:\s+\"[^\"\n]*\")?\)"
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]" + _MD_TARGET)
_WORD = re.compile(r"\w")
# Widget labels left by embeds and page chrome (charts, "see more" / "close" buttons).
UI_LINES = frozenset({"Infogram", "看更多", "關閉", "关闭", "展开全文", "点击展开"})
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")


@dataclass
class BodyText:
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    dateline: datetime | None = None  # only when the dateline names its zone
    dateline_text: str | None = None


def _text(value: str | None) -> str:
    if not value:
        return ""
    # lxml decodes entities once; archives sometimes escaped them twice.
    if "&" in value and _ENTITY.search(value):
        value = html.unescape(value)
    return value


def _tag(el) -> str | None:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def _is_noise(el) -> bool:
    attrs = (el.get("class") or "") + " " + (el.get("id") or "")
    return bool(attrs.strip()) and bool(_NOISE_ATTR.search(attrs))


def _is_link_list(el) -> bool:
    """A list every item of which is wholly one link (the text of its links and nothing else):
    other reports' headlines set in the body (BBC's related-story lists carry no class that says
    so). Told by its form; a list item holding any text beside its link is body text."""
    items = [child for child in el if _tag(child) == "li"]
    return bool(items) and all(_wholly_links(item) for item in items)


def _wholly_links(item) -> bool:
    links = item.findall(".//a")
    text = clean_line(item.text_content())
    return bool(links) and bool(text) and clean_line("".join(a.text_content() for a in links)) == text


def _is_caption(el) -> bool:
    classes = el.get("class")
    return bool(classes) and bool(_CAPTION_ATTR.search(classes))


class _Walker:
    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.captions: list[str] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        line = clean_line("".join(self.buffer))
        self.buffer.clear()
        if line:
            self.paragraphs.append(line)

    def caption_text(self, el) -> str:
        parts: list[str] = []

        def collect(node) -> None:
            tag = _tag(node)
            if tag is None or tag in DROP_TAGS:
                return
            parts.append(_text(node.text))
            for child in node:
                collect(child)
                parts.append(_text(child.tail))
            if tag in BLOCK_TAGS or tag in CAPTION_TAGS or tag == "br":
                parts.append(" ")

        collect(el)
        return clean_line("".join(parts))

    def walk(self, el) -> None:
        tag = _tag(el)
        if tag is None or tag in DROP_TAGS or _is_noise(el) or (tag in ("ul", "ol") and _is_link_list(el)):
            return
        if tag == "br":
            self.flush()
            return
        if tag in CAPTION_TAGS or _is_caption(el):
            self.flush()
            caption = self.caption_text(el)
            if caption:
                self.captions.append(caption)
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
        self.buffer.append(_text(el.text))
        for child in el:
            self.walk(child)
            self.buffer.append(_text(child.tail))
        if block:
            self.flush()


# libxml2 builds no element past 256 levels of nesting and says so only in its error log: a page
# whose every paragraph opens a <div> it never closes (a template's bug) lost its text past the
# 252nd paragraph, silently. Such a page is parsed again without these tags, which only group or
# style text (their text is kept); the tree walkers here recurse, so the depth stays libxml2's.
_CONTAINER_TAGS = re.compile(r"</?(?:(div|section|article|center|main|aside|header|footer|nav)|"
                             r"span|font|a|b|i|u|em|strong|small|big)\b[^<>]{0,2000}>", re.I)


def _without_containers(text: str) -> str:
    """``text`` without its grouping tags: a block's edge becomes a line break, an inline tag nothing
    (a word or a Chinese phrase set in bold stays whole)."""
    return _CONTAINER_TAGS.sub(lambda m: "\n" if m.group(1) else "", text)


def _parsed(text: str):
    """``(document, nested too deep)``: lxml's document of ``text``, and whether libxml2 stopped
    nesting its elements (its depth limit), so that some text is missing from the document."""
    parser = lxml.html.HTMLParser()
    doc = lxml.html.document_fromstring(text, parser=parser)
    return doc, any("Excessive depth" in entry.message for entry in parser.error_log)


def parse_html(text: str):
    """``(document, nested too deep)`` of a page or fragment, tolerant of broken markup: nested past
    libxml2's depth limit, it is parsed again without its grouping tags (:data:`_CONTAINER_TAGS`);
    the flag says it is still too deep (text is missing). Raises lxml's ParserError or ValueError."""
    doc, too_deep = _parsed(text)
    if too_deep:
        doc, too_deep = _parsed(_without_containers(text))
    return doc, too_deep


def parse_fragment(fragment: str):
    """An lxml element holding ``fragment``, tolerant of broken markup (None if empty)."""
    fragment = fragment.replace("\x00", "")
    if not fragment.strip():
        return None
    try:
        doc, _too_deep = parse_html("<html><body>" + fragment + "</body></html>")
    except (lxml.etree.ParserError, ValueError):
        return None
    body = doc.find("body")
    return body if body is not None else doc


def body_text(fragment: str, title: str | None = None) -> BodyText:
    """Paragraphs, captions and dateline of an HTML body fragment."""
    result = BodyText()
    root = parse_fragment(fragment)
    if root is None:
        return result
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    paragraphs = walker.paragraphs

    # Promo footer: everything from the archiver's marker on.
    for index, line in enumerate(paragraphs):
        if line.startswith(PROMO_MARKERS):
            paragraphs = paragraphs[:index]
            break
    paragraphs = [p for p in paragraphs if not _PROMO_LINE.match(p)]
    paragraphs = [clean_line(_MD_IMAGE.sub(" ", p)) if "![" in p else p for p in paragraphs]
    # Lines of punctuation only ("(·)", "***") carry nothing.
    paragraphs = [p for p in paragraphs if _WORD.search(p) and p not in UI_LINES]

    # A dateline is one of the first lines and holds nothing but a date.
    paragraphs, result.dateline_text = split_stamp_line(paragraphs)
    if result.dateline_text is not None:
        result.dateline = parse_datetime(result.dateline_text, require_timezone=True)

    # DW's feed writes a missing byline field as "null" before the author.
    for index, line in enumerate(paragraphs[:3]):
        if line == "null" or line.startswith("null "):
            paragraphs[index] = line[5:]
    paragraphs = [p for p in paragraphs if p]

    # Some bodies repeat the headline in their first lines (BBC: <h1> and again <strong>).
    if title:
        titles = {clean_line(title), clean_title(title)}
        head = [p for p in paragraphs[:3] if p not in titles]
        paragraphs = head + paragraphs[3:]

    result.paragraphs = paragraphs
    result.captions = walker.captions
    return result
