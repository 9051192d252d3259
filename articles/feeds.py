"""RSS and Atom files (feedparser): each entry is one article.

An entry's source path is ``file#N`` (N = 1-based entry number), so the
store can hold every entry of one file; a re-fetched feed is matched to what it held by
article id, not by N. The id comes from the entry's link (which feedparser takes from a
permalink guid); an entry without one is known by its guid / Atom id (isPermaLink="false"
too), so an outlet's corrected title replaces the stored item instead of adding another; an
entry with neither (or sharing its guid with another entry of the file) is known by its title. The entry's HTML content (or its
summary when the feed carries no full text) goes through the same body
cleaner as feed archives. Outlet: the entry link's domain, the feed's title,
the entry author, then the feed's link. Time: the entry's published (or
updated) time, else a dateline in its body. A file cut off part-way gives its whole items and
one line saying it is not a complete feed (read again next time).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from articles.build import build_article, clean_title
from articles.entities import entity_line, without_entities
from articles.html_text import body_text
from articles.model import Article, Rejection
from articles.normalize import parse_datetime
from counted import counted


def _entry_time(entry) -> object:
    for key in ("published", "updated", "created", "dc_date"):
        value = parse_datetime(entry.get(key) or "")
        if value:
            return value
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            # feedparser's struct_time is UTC.
            return parse_datetime(calendar.timegm(parsed))
    return None


def _feed_identity(feed) -> str:
    """The feed's own address (its rel="self" link), else its site link, else its title: what
    tells its items apart from another feed's items published at the same time."""
    for link in feed.get("links") or []:
        if link.get("rel") == "self" and isinstance(link.get("href"), str) and link["href"].strip():
            return link["href"].strip()
    for value in (feed.get("link"), feed.get("title")):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _key_candidates(entry, feed_identity: str) -> tuple[str | None]:
    """An entry's identities other than its link and title: its guid / Atom id. (Not its feed +
    publication time: another item of the same time in a later fetch, in a feed stamping items to
    the minute, hour or day, would take its id and overwrite it; and whether a time is unique
    depends on the other items of a fetch, so one item's id changed between fetches.)"""
    guid = entry.get("id")
    guid_key = "guid:" + " ".join(guid.split()) if isinstance(guid, str) and guid.strip() else None
    return (guid_key,)


def _item_keys(entries: list, feed) -> list[str | None]:
    """Each entry's item key (:func:`articles.normalize.article_id`: used when it has no URL): the
    first of its candidates no other entry of the file shares. A feed that gives every item one
    guid, or items of one time, would otherwise fold them into one article; those fall back to
    their titles, as before."""
    identity = _feed_identity(feed)
    candidates = [_key_candidates(entry, identity) for entry in entries]
    counts = Counter(key for pair in candidates for key in pair if key)
    return [next((key for key in pair if key and counts[key] == 1), None) for pair in candidates]


def _entry_html(entry) -> str:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return value
    return entry.get("summary") or entry.get("description") or ""


# The content types feedparser gives a title holding markup (Atom type="html" / "xhtml"; an RSS
# title it reads as HTML).
_MARKUP_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _title_is_markup(entry) -> bool:
    return (entry.get("title_detail") or {}).get("type") in _MARKUP_TYPES


def _absolute_link(link: object, feed_link: object) -> str | None:
    """An entry's link, resolved against the feed's own link when it is relative (an RSS item's
    "/news/2021/07/12/x": RSS has no xml:base, and feedparser leaves it as written; an Atom
    link under xml:base comes resolved already). Left as it is without an absolute feed link."""
    if not isinstance(link, str) or not link.strip():
        return None
    link = link.strip()
    if urlsplit(link).scheme or not isinstance(feed_link, str):
        return link
    base = feed_link.strip()
    if urlsplit(base).scheme not in ("http", "https") or not urlsplit(base).netloc:
        return link
    return urljoin(base, link)


def _as_html(value: str) -> str:
    """Plain-text content becomes one paragraph per line."""
    if "<" in value and ">" in value:
        return value
    from html import escape

    return "".join(f"<p>{escape(line)}</p>" for line in value.splitlines())


# A character reference to a lone surrogate (&#xD800;) names no character, and feedparser fails on it.
_SURROGATE_REFERENCE = re.compile(r"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*5[5-7]\d{3});")


def _no_surrogate_references(text: str) -> str:
    def replace(m: re.Match) -> str:
        body = m.group(0)[2:-1]
        code = int(body[1:].lstrip("0") or "0", 16) if body[:1] in "xX" else int(body.lstrip("0") or "0")
        return "&#xFFFD;" if 0xD800 <= code <= 0xDFFF else m.group(0)

    return _SURROGATE_REFERENCE.sub(replace, text) if "&#" in text else text


# More items than any real feed holds: feedparser builds every entry before any is read (a 20 MB
# feed of 2.9 million empty items took 66 s and 944 MB), so the text is cut after this many.
MAX_FEED_ITEMS = 20_000
# An item's start tag, or a CDATA section's edges (markup quoted inside a CDATA section is text).
_ITEM_OR_CDATA = re.compile(r"<(?:item|entry)[\s/>]|<!\[CDATA\[|\]\]>", re.I)


def _first_items(text: str) -> tuple[str, bool]:
    """The feed cut before its item past MAX_FEED_ITEMS (and closed), and whether it was cut."""
    count, in_cdata = 0, False
    for m in _ITEM_OR_CDATA.finditer(text):
        token = m.group(0)
        if token == "<![CDATA[":
            in_cdata = True
        elif token == "]]>":
            in_cdata = False
        elif not in_cdata:
            count += 1
            if count > MAX_FEED_ITEMS:
                closing = "</feed>" if re.search(r"<feed\b", text[:m.start()], re.I) else "</channel></rss>"
                return text[:m.start()] + closing, True
    return text, False


# The root elements of RSS 2.0, Atom and RSS 1.0 (RDF), with or without a namespace prefix.
_FEED_ROOT = re.compile(r"<(?:[\w.-]+:)?(rss|feed|RDF)\b", re.I)
# An item's end tag (RSS, RDF) or an entry's (Atom), or a CDATA section's edges.
_ITEM_END_OR_CDATA = re.compile(r"</(?:[\w.-]+:)?(?:item|entry)\s*>|<!\[CDATA\[|\]\]>", re.I)


def _cut_off(text: str) -> bool:
    """Whether a feed's root element (rss, feed, rdf:RDF) was opened and never closed: a file
    cut short (a download or copy that stopped part-way)."""
    root = _FEED_ROOT.search(text)
    if root is None:
        return False
    return re.search(rf"</(?:[\w.-]+:)?{root.group(1)}\s*>", text[root.end():]) is None


def _closed_items(text: str) -> int:
    """How many items (entries) the text closes (outside CDATA): the first that many of
    feedparser's entries are whole; one after them was cut off mid-way."""
    count, in_cdata = 0, False
    for m in _ITEM_END_OR_CDATA.finditer(text):
        token = m.group(0)
        if token in ("<![CDATA[", "]]>"):
            in_cdata = token == "<![CDATA["
        elif not in_cdata:
            count += 1
    return count


def _bozo_reason(parsed) -> str:
    """feedparser's complaint in one line; the XML parser's "<unknown>:3:69: " as "line 3: "."""
    reason = " ".join(str(parsed.get("bozo_exception", "malformed XML")).split())
    return re.sub(r"^<unknown>:(\d+):\d+: ", r"line \1: ", reason)[:160]


def _whole_entries(text: str, parsed, source_path: str) -> tuple[list, Rejection | None]:
    """feedparser's entries read whole, and one line naming the file when it is cut off. Its
    loose parser returns the item the cut went through too, without what came after (its link,
    its time, or even its title: a truncated file was rejected as "FILE#1: no title"). The
    file is named, not an item, so ingest reads it again (whole, once the copy is complete)."""
    entries = parsed.get("entries") or []
    if not (parsed.get("bozo") and _cut_off(text)):
        return entries, None
    whole = entries[:_closed_items(text)]
    problem = f"not a complete RSS/Atom feed ({_bozo_reason(parsed)})"
    if whole:
        problem += f": kept the {counted(len(whole), 'whole item')} before the cut"
    return whole, Rejection(source_path, problem)


def read_feed_text(text: str, source_path: str) -> Iterator[Article | Rejection]:
    import feedparser

    text, entities = without_entities(text, xml=True)  # (billion laughs: never expanded, now left out)
    text, cut = _first_items(text)
    parsed = feedparser.parse(_no_surrogate_references(text))
    entries, broken = _whole_entries(text, parsed, source_path)
    if entities:
        yield entity_line(source_path, entities)
    if not entries:
        if broken is not None:
            yield broken
        elif parsed.get("bozo"):
            yield Rejection(source_path, f"not a valid RSS/Atom feed ({_bozo_reason(parsed)})")
        else:
            yield Rejection(source_path, "feed has no entries")
        return
    feed = parsed.get("feed") or {}
    feed_title = feed.get("title")
    feed_link = feed.get("link")
    item_keys = _item_keys(entries, feed)
    for number, (entry, item_key) in enumerate(zip(entries, item_keys, strict=True), start=1):
        entry_path = f"{source_path}#{number}"
        title = entry.get("title")
        markup = _title_is_markup(entry)
        body = body_text(_as_html(_entry_html(entry)),
                         title=clean_title(title, markup=markup) if isinstance(title, str) else None)
        categories = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        yield build_article(
            entry_path,
            title=title,
            title_markup=markup,
            paragraphs=body.paragraphs,
            captions=body.captions,
            published=_entry_time(entry) or body.dateline,
            url=_absolute_link(entry.get("link"), feed_link),
            # The feed's title names the outlet; an entry's author is often a person.
            author=feed_title or entry.get("author"),
            categories=[entry.get("author") or "", *categories],
            other_urls=[feed_link] if isinstance(feed_link, str) else [],
            item_key=item_key,
        )
    if broken is not None:
        yield broken
    if cut:  # (named as the first item left out: the file itself was read, and re-ingest knows it)
        yield Rejection(f"{source_path}#{MAX_FEED_ITEMS + 1}",
                        f"more than {MAX_FEED_ITEMS:,} items: the first {MAX_FEED_ITEMS:,} were read")
