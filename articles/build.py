"""Turn the fields a reader found into an :class:`Article` (or a :class:`Rejection`).

Every reader ends here, so validation and normalization rules live in one place.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import datetime

from articles.model import Article, Rejection
from articles.normalize import (
    article_id,
    clean_line,
    detect_language,
    detect_script,
    in_zone_of,
    nfc,
)
from articles.outlets import canonical_outlet, in_china_time

# Outlet names feeds append to titles, and section tags they prepend
# ("[Chinese] ...", "... – 法国国际广播电台 - RFI").
_TITLE_SUFFIX = re.compile(r"\s*[–—-]\s*(?:法国国际广播电台|法國國際廣播電台)\s*-\s*RFI\s*$")
_TITLE_SECTION = re.compile(r"^\[[A-Za-z][A-Za-z &]{0,20}\]\s*(?=\S)")

MAX_TITLE_CHARS = 1000


# A character reference that ends in ";" (&amp; &quot; &#8220; &#x201C;). html.unescape alone
# would also read the legacy names without one, turning "Fish&nothing" into "Fish¬hing".
_CHAR_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A tag or comment in an HTML title. Only a "<" that opens a name, "/" or "!" opens a tag, as in
# HTML itself: "a < b" stays text.
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.S)
# Tags that break a line: a space, so the words on either side stay apart.
_BREAKING_TAG = re.compile(r"</?(?:br|p|div|li|h[1-6]|tr|td|th)\b", re.I)


def clean_title(title: object, markup: bool = False, decode: bool = True) -> str:
    """A title as plain text, on one line, without the outlet suffixes and section tags
    feeds add. ``markup``: the title is HTML (an Atom title of type html or xhtml, an RSS
    title feedparser reads as HTML): its tags are dropped first.

    ``decode=False``: neither tags nor references are touched (the title an id is made of).

    Character references are decoded once, in every title: sources escape titles (a CMS's
    front matter writes &quot;, an RSS CDATA title holds &amp;), and a title meant to show
    "&amp;" itself is much rarer. Once only: "&amp;amp;" becomes "&amp;", as a browser shows it.
    """
    if not isinstance(title, str | int | float) or isinstance(title, bool):
        return ""
    text = nfc(str(title))
    if decode and markup and "<" in text:
        text = _TAG.sub(lambda m: " " if _BREAKING_TAG.match(m.group(0)) else "", text)
    if decode and "&" in text:
        text = nfc(_CHAR_REFERENCE.sub(lambda m: html.unescape(m.group(0)), text))
    text = clean_line(text)
    text = _TITLE_SUFFIX.sub("", text)
    text = _TITLE_SECTION.sub("", text)
    return text.strip()


def title_refusal(clean: str) -> str | None:
    """Why a title (:func:`clean_title`'s) refuses its article, or None: a reader that sets a
    record aside before building it checks its title as :func:`build_article` would."""
    if not clean:
        return "no title"
    if len(clean) > MAX_TITLE_CHARS:
        return f"title longer than {MAX_TITLE_CHARS} characters"
    return None


def build_article(
    source_path: str,
    *,
    title: object,
    paragraphs: Iterable[str],
    published: datetime | None,
    url: str | None = None,
    author: object = None,
    categories: Iterable[object] = (),
    other_urls: Iterable[str] = (),
    captions: Iterable[str] = (),
    outlet: str | None = None,
    allow_empty_body: bool = False,
    title_markup: bool = False,
    item_key: str | None = None,
) -> Article | Rejection:
    """Validate and normalize one article's fields.

    ``outlet``, when given, is an explicit outlet name (a JSONL ``outlet``
    column); it is still mapped to its canonical name. ``allow_empty_body``
    accepts an article whose body holds no text (a feed item that is only
    images or an embedded chart: it was published, so it is kept, with no
    paragraphs); readers of whole pages refuse those. ``title_markup``: the title is HTML
    (:func:`clean_title`). ``item_key``: the source's own identity of the record, the id of
    one without a URL instead of its title (:func:`articles.normalize.article_id`).
    """
    clean = clean_title(title, markup=title_markup)
    body = _body(paragraphs)
    if (refusal := _refusal(clean, published, body, allow_empty_body)) is not None:
        return Rejection(source_path, refusal)
    url = clean_line(url) or None if isinstance(url, str) else None
    name = _outlet(outlet, author, categories, url, other_urls)
    text = clean + "\n" + "\n".join(body[:20])
    language = detect_language(text)
    script = detect_script(text) if language == "zh" else None
    # A time read in "CST": China Standard Time in a Chinese article or from an outlet in China,
    # Taiwan, Hong Kong or Singapore, US Central otherwise.
    published = in_zone_of(published, language == "zh" or in_china_time(name, url))
    identity, former_ids = _identities(url, name, clean, title, published, item_key)
    return Article(
        id=identity,
        outlet=name,
        title=clean,
        url=url,
        published=published,
        language=language,
        script=script,
        paragraphs=body,
        captions=[c for c in (clean_line(nfc(x)) for x in captions if isinstance(x, str)) if c],
        source_paths=[source_path],
        former_ids=former_ids,
    )


def _body(paragraphs: Iterable[str]) -> list[str]:
    """The body's paragraphs, each one clean line (NFC), empty ones dropped."""
    return [p for p in (clean_line(nfc(p)) for p in paragraphs if isinstance(p, str)) if p]


def _refusal(clean: str, published: datetime | None, body: list[str], allow_empty_body: bool) -> str | None:
    """Why the article is refused (its title, no date, no text), or None."""
    if (refusal := title_refusal(clean)) is not None:
        return refusal
    if published is None:
        return "no publication date"
    if not body and not allow_empty_body:
        return "no article text"
    return None


# The outlet of an article nothing names one for (no outlet field or front-matter line, no author,
# no URL or page address): one outlet for all of them; ingest says so per file (IngestReport).
UNKNOWN_OUTLET = "unknown"


def _outlet(outlet: str | None, author: object, categories: Iterable[object], url: str | None,
            other_urls: Iterable[str]) -> str:
    """The canonical outlet name: one named outright (a JSONL ``outlet`` column) is kept as named
    (RFA, not one of its services), else read from the author, categories and addresses."""
    outlet = clean_line(outlet) or None if isinstance(outlet, str) else None
    author_name = _name(author)
    category_names = [n for n in (_name(c) for c in categories) if n]
    name = canonical_outlet(
        author=outlet or author_name,
        categories=category_names if not outlet else [author_name or "", *category_names],
        url=url,
        other_urls=[u for u in other_urls if isinstance(u, str)],
        services=not outlet,
    )
    return name or UNKNOWN_OUTLET


def _identities(url: str | None, name: str, clean: str, title: object, published: datetime,
                item_key: str | None) -> tuple[str, tuple[str, ...]]:
    """``(id, former ids)``: the id (its URL's; else outlet, title and time, or its item key),
    and the id a version before session 36 gave it (by its title, without its item key)."""
    # An article without a url or item key is named by its title as the source wrote it
    # (entities and tags undecoded), as before titles were decoded: the ids of stored articles stay.
    id_title = clean if url else clean_title(title, decode=False)
    identity = article_id(url, name, id_title, published, item_key)
    # Without its item key (a feed item's guid) it was named by that title before session 36.
    former = article_id(url, name, id_title, published) if item_key else identity
    return identity, (former,) if former != identity else ()


def _name(value: object) -> str | None:
    """A display name from a front-matter value (string, list or {name: ...})."""
    if isinstance(value, str):
        return clean_line(value) or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list | tuple) and value:
        return _name(value[0])
    return None
