"""Turn the fields a reader found into an :class:`Article` (or a :class:`Rejection`).

Every reader ends here, so validation and normalization rules live in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from articles.model import Article, Rejection
from articles.normalize import article_id, clean_line, detect_language, detect_script, nfc
from articles.outlets import canonical_outlet

# Outlet names feeds append to titles, and section tags they prepend
# ("[Chinese] ...", "... – 法国国际广播电台 - RFI").
_TITLE_SUFFIX = re.compile(r"\s*[–—-]\s*(?:法国国际广播电台|法國國際廣播電台)\s*-\s*RFI\s*$")
_TITLE_SECTION = re.compile(r"^\[[A-Za-z][A-Za-z &]{0,20}\]\s*(?=\S)")

MAX_TITLE_CHARS = 1000


def clean_title(title: object) -> str:
    if not isinstance(title, str | int | float) or isinstance(title, bool):
        return ""
    text = clean_line(nfc(str(title)))
    text = _TITLE_SUFFIX.sub("", text)
    text = _TITLE_SECTION.sub("", text)
    return text.strip()


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
) -> Article | Rejection:
    """Validate and normalize one article's fields.

    ``outlet``, when given, is an explicit outlet name (a JSONL ``outlet``
    column); it is still mapped to its canonical name. ``allow_empty_body``
    accepts an article whose body holds no text (a feed item that is only
    images or an embedded chart: it was published, so it is kept, with no
    paragraphs); readers of whole pages refuse those.
    """
    clean = clean_title(title)
    if not clean:
        return Rejection(source_path, "no title")
    if len(clean) > MAX_TITLE_CHARS:
        return Rejection(source_path, f"title longer than {MAX_TITLE_CHARS} characters")
    if published is None:
        return Rejection(source_path, "no publication date")
    body = [clean_line(nfc(p)) for p in paragraphs if isinstance(p, str)]
    body = [p for p in body if p]
    if not body and not allow_empty_body:
        return Rejection(source_path, "no article text")
    url = clean_line(url) or None if isinstance(url, str) else None
    outlet = clean_line(outlet) or None if isinstance(outlet, str) else None
    author_name = _name(author)
    category_names = [n for n in (_name(c) for c in categories) if n]
    name = canonical_outlet(
        author=outlet or author_name,
        categories=category_names if not outlet else [author_name or "", *category_names],
        url=url,
        other_urls=[u for u in other_urls if isinstance(u, str)],
    )
    name = name or "unknown"
    text = clean + "\n" + "\n".join(body[:20])
    language = detect_language(text)
    script = detect_script(text) if language == "zh" else None
    return Article(
        id=article_id(url, name, clean, published),
        outlet=name,
        title=clean,
        url=url,
        published=published,
        language=language,
        script=script,
        paragraphs=body,
        captions=[c for c in (clean_line(nfc(x)) for x in captions if isinstance(x, str)) if c],
        source_paths=[source_path],
    )


def _name(value: object) -> str | None:
    """A display name from a front-matter value (string, list or {name: ...})."""
    if isinstance(value, str):
        return clean_line(value) or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list | tuple) and value:
        return _name(value[0])
    return None
