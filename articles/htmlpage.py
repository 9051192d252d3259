"""Saved web pages (one article per page), extracted with trafilatura.

trafilatura finds the main text and the metadata (title, site name, canonical
URL). The page's address is its canonical link (or og:url), else the address a
browser noted it was saved from ("saved from url=", SingleFile); without a site
name, the outlet is that address's host (:func:`articles.outlets.canonical_outlet`). Its date is day-precision, so the publication time is first taken from
the page's own machine-readable tags (``article:published_time``, JSON-LD
``datePublished``, ``<time datetime>``), then from trafilatura's date
(midnight UTC of that day). A page without a title, a date or any main text
is rejected.
"""

from __future__ import annotations

import logging
import re

import lxml.etree
import lxml.html

from articles.build import build_article
from articles.html_text import parse_fragment, parse_html
from articles.model import Article, Rejection
from articles.normalize import clean_line, parse_datetime

# Paragraph-like elements of trafilatura's output tree.
_LEAF_TAGS = frozenset({"p", "head", "item", "quote", "cell", "code", "lb"})
_DATE_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date.issued",
    "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def _page_date(root) -> object:
    """Publication time from the page's own tags (first found), or None."""
    if root is None:
        return None
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META:
            value = parse_datetime(meta.get("content") or "")
            if value:
                return value
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            match = _JSONLD_DATE.search(script.text)
            if match:
                value = parse_datetime(match.group(1))
                if value:
                    return value
    for element in root.iter("time"):
        value = parse_datetime(element.get("datetime") or "", require_timezone=True)
        if value:
            return value
    return None


def _canonical_link(root) -> str | None:
    if root is None:
        return None
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and "://" in (link.get("href") or ""):
            return link.get("href")
    for meta in root.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and "://" in (meta.get("content") or ""):
            return meta.get("content")
    return None


# Where a browser saved the page from: Chrome, Edge and Internet Explorer write
# "<!-- saved from url=(0041)https://... -->", SingleFile a comment with a "url:" line.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d{1,5}\)(https?://[^\s<>]{1,4000}?)\s*-->"
                         r"|<!--\s*Page saved with SingleFile\s+url:\s*(https?://[^\s<>]{1,4000})", re.I)


def _saved_from(text: str) -> str | None:
    """The address a saved page was read from, as its browser noted it near the top, or None."""
    match = _SAVED_FROM.search(text[:8000])
    return (match.group(1) or match.group(2)) if match else None


def _captions(root) -> list[str]:
    if root is None:
        return []
    captions = []
    for element in root.iter("figcaption"):
        text = clean_line(" ".join(element.itertext()))
        if text:
            captions.append(text)
    return captions


def _paragraphs(body) -> list[str]:
    paragraphs = []
    for element in body.iter():
        if element.tag not in _LEAF_TAGS or element.tag == "lb":
            continue
        if any(child.tag in _LEAF_TAGS - {"lb"} for child in element.iterdescendants()):
            continue  # a container: its inner paragraphs are taken one by one
        text = clean_line("".join(element.itertext()))
        if text:
            paragraphs.append(text)
    return paragraphs


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)


def _parse_page(text: str):
    """``(root, nested too deep)`` of a page (None when empty or unparsable; :func:`parse_html`)."""
    # Parse the decoded text, not bytes: a <meta charset> naming the file's
    # original encoding would otherwise make lxml decode it a second time.
    text = _XML_DECLARATION.sub("", text.replace("\x00", ""), count=1)
    if not text.strip():
        return None, False
    try:
        return parse_html(text)
    except (lxml.etree.ParserError, ValueError):
        return parse_fragment(text), False


# An article page is far smaller than this once its scripts, styles and inline images are left
# out; past it, extraction costs seconds and gigabytes (a page of 800,000 <br> took 29 s and 1.6 GB).
MAX_PAGE_CHARS = 3_000_000
_SCRIPT_TAG = re.compile(r"<(/?)(script|style)\b[^>]{0,2000}>", re.I)
_DATA_URI = re.compile(r"data:[\w.+-]{1,100}/[\w.+-]{1,100};base64,[A-Za-z0-9+/=]+")


def page_chars(text: str) -> int:
    """The characters of a page that are not inside a script or style element nor an inline
    base64 image: one pass over the tags (an element never closed counts as text)."""
    hidden = sum(len(m.group(0)) for m in _DATA_URI.finditer(text))
    inside, start = None, 0
    for m in _SCRIPT_TAG.finditer(text):
        closing, name = bool(m.group(1)), m.group(2).lower()
        if inside is None and not closing:
            inside, start = name, m.start()
        elif inside == name and closing:
            hidden += m.end() - start
            inside = None
    return len(text) - hidden


def read_html_text(text: str, source_path: str) -> Article | Rejection:
    import trafilatura

    if len(text) > MAX_PAGE_CHARS and page_chars(text) > MAX_PAGE_CHARS:
        return Rejection(source_path, f"HTML page longer than {MAX_PAGE_CHARS:,} characters without its scripts")
    root, too_deep = _parse_page(text)
    if root is None:
        return Rejection(source_path, "empty or unparsable HTML")
    if too_deep:  # (a part of the text only would be stored, silently)
        return Rejection(source_path, "HTML nested deeper than the parser reads (256 elements), even without "
                                      "its div, span and other grouping tags: its text cannot be read whole")
    # Read the page's own tags before trafilatura prunes the tree.
    page_date = _page_date(root)
    page_url = _canonical_link(root)
    captions = _captions(root)
    try:
        document = trafilatura.bare_extraction(
            root,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_recall=True,
            # No extensive search: it falls back to guesses such as the footer's
            # copyright year (1 January), which would be a made-up publication date.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError, lxml.etree.LxmlError) as exc:
        return Rejection(source_path, f"HTML could not be parsed ({type(exc).__name__})")
    if document is None or document.body is None:
        return Rejection(source_path, "no article text found in the HTML page")
    paragraphs = _paragraphs(document.body)
    if not paragraphs:
        return Rejection(source_path, "no article text found in the HTML page")
    title = document.title
    if paragraphs and title and clean_line(paragraphs[0]) == clean_line(title):
        paragraphs = paragraphs[1:]
    published = page_date or parse_datetime(document.date or "")
    url = page_url or document.url or _saved_from(text)
    return build_article(
        source_path,
        title=title,
        paragraphs=paragraphs,
        captions=captions,
        published=published,
        url=url,
        author=document.sitename,
        other_urls=[document.hostname and f"https://{document.hostname}/" or ""],
    )

