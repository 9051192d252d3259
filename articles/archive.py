"""Feed-archive markdown and front-matter posts (the seed and NBW formats).

Three layouts share one reader:

* Hexo post: YAML front matter (title, categories, author, date, headimg) and
  an HTML body (``seeds/000_*.txt``);
* feed-archive markdown: ``<!--epoch ms-->``, a ``[title](url)`` heading, a
  ``------`` rule, the HTML body, and the archiver's "获取更多RSS" footer
  (``seeds/001_*.txt``);
* the same feed-archive body under Jekyll front matter (title, date,
  author = outlet, from = URL), as in the NBW archive.

Publication time, first found wins:

1. the article's own dateline, the first body line holding only a date
   (``<i>Mon, 05 Jul 2021 22:41:17 GMT</i>``), when it names its time zone
   and lies within a year before (or two days after) the archive's date:
   it is the outlet's publication time;
2. the front matter ``date`` (naive values are UTC, as in YAML);
3. the ``<!--epoch ms-->`` comment (when the archiver fetched the item).

A dateline without a zone ("02/07/2021 - 01:32", Paris local time on RFI)
is dropped from the text but not used as the time.
"""

from __future__ import annotations

import re
from datetime import timedelta

import yaml

from articles.build import build_article
from articles.html_text import _MD_TARGET, body_text
from articles.model import Article, Rejection
from articles.normalize import parse_datetime

_FRONT_MATTER = re.compile(r"\A[ \t\r\n]*---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)
_EPOCH = re.compile(r"\A\s*<!--\s*(\d{9,13})\s*-->")
# Bounded (a title of at most 1,000 characters, a URL of 4,000) so a hostile first line costs
# little; the Markdown patterns take no bracket inside, so a run of "![" costs its length.
_HEADING = re.compile(r"\A\s*(\[.{0,1000}\]\(\S{0,4000}\))[ \t]*\r?\n[ \t]*-{3,}[ \t]*(?:\r?\n|\Z)")
_HTML_HINT = re.compile(r"<(?:p|div|br|h[1-6]|li|span|a|img|section|article|figure|table)\b", re.I)
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]" + _MD_TARGET)
_MD_LINK = re.compile(r"\[([^\[\]\n]*)\]" + _MD_TARGET)

DATE_KEYS = ("date", "published", "pubDate", "pubdate", "created", "updated")
URL_KEYS = ("from", "url", "link", "source", "source_url", "permalink")

# How far the dateline may lie from the archive's date and still be trusted.
DATELINE_BEFORE = timedelta(days=366)
DATELINE_AFTER = timedelta(days=2)


# A front matter block must close (its second --- line) within this many characters of the file's
# start to be read as one. Real blocks are a few hundred characters, but a CMS export may carry a
# long description or excerpt field; a block open past this is refused with a line saying so
# (:func:`unclosed_front_matter`), not taken for plain text without one. The bound keeps the
# search for the closing line short on a file that only opens with "---" (a Markdown rule).
FRONT_MATTER_MAX_CHARS = 64 * 1024
# A block's first line: a "key:" line, as YAML front matter opens.
_FRONT_MATTER_OPENING = re.compile(r"\A[ \t\r\n]*---[ \t]*\r?\n[ \t]*[\w-]{1,64}[ \t]*:")


def looks_like_archive(text: str) -> bool:
    """Does ``text`` (a file's start; its first :data:`FRONT_MATTER_MAX_CHARS` characters are
    enough) open as a front-matter post or a feed-archive file?"""
    start = text.lstrip("\ufeff \t\r\n")
    head = start[:4000]
    if head.startswith("---") and _FRONT_MATTER.match(start[:FRONT_MATTER_MAX_CHARS] + "\n"):
        return True
    return bool(_EPOCH.match(head) or _HEADING.match(head))


def unclosed_front_matter(text: str) -> str | None:
    """The one-line reason for a file that opens a front matter block (``---``, then a ``key:``
    line) and does not close it within :data:`FRONT_MATTER_MAX_CHARS` characters; else None."""
    start = text.lstrip("\ufeff \t\r\n")
    if not _FRONT_MATTER_OPENING.match(start[:200]) or looks_like_archive(start):
        return None
    return (f"front matter not closed: no second --- line within its first {FRONT_MATTER_MAX_CHARS:,} "
            "characters (a field that long, or the closing line missing)")


def _load_front_matter(raw: str) -> dict:
    """YAML front matter; falls back to ``key: value`` lines when YAML refuses it."""
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(raw, Loader=loader)  # noqa: S506 - a safe loader
        if isinstance(data, dict):
            return {str(k): v for k, v in data.items()}
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        pass
    data: dict = {}
    for line in raw.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            data[key.strip()] = value
    return data


def _split_heading(line: str) -> tuple[str, str]:
    """``[title](url)`` -> (title, url); titles may hold brackets themselves."""
    inner = line[1:-1]
    cut = inner.rfind("](")
    return inner[:cut], inner[cut + 2:]


def _first(meta: dict, keys: tuple[str, ...]) -> object:
    for key in keys:
        value = meta.get(key)
        if value not in (None, "", []):
            return value
    return None


def _as_list(value: object) -> list:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, str):
        return [value]
    return []


def _plain_paragraphs(body: str) -> list[str]:
    """Paragraphs of a Markdown/plain body (no HTML): one per non-empty line."""
    lines = []
    for line in body.splitlines():
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = line.strip().lstrip("#>").strip()
        if line and not re.fullmatch(r"[-*_=]{3,}", line):
            lines.append(line)
    return lines


# Front-matter keys that name the outlet outright (a user's own files); the NBW archive names it
# in ``author``, which build_article maps.
OUTLET_KEYS = ("outlet", "source", "publisher", "site")


def _explicit_outlet(meta: dict) -> str | None:
    value = _first(meta, OUTLET_KEYS)
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_archive_text(text: str, source_path: str) -> Article | Rejection:
    """One article from a front-matter post or feed-archive markdown file."""
    text = text.lstrip("\ufeff")
    meta: dict = {}
    rest = text
    match = _FRONT_MATTER.match(text)
    if match:
        meta = _load_front_matter(match.group(1))
        rest = text[match.end():]

    epoch = None
    match = _EPOCH.match(rest)
    if match:
        epoch = parse_datetime(int(match.group(1)))
        rest = rest[match.end():]

    heading_title = heading_url = None
    match = _HEADING.match(rest)
    if match:
        heading_title, heading_url = _split_heading(match.group(1))
        rest = rest[match.end():]

    title = meta.get("title") or heading_title
    url_value = _first(meta, URL_KEYS)
    url = url_value if isinstance(url_value, str) and "://" in url_value else heading_url

    if _HTML_HINT.search(rest):
        body = body_text(rest, title=title if isinstance(title, str) else None)
        paragraphs, captions, dateline = body.paragraphs, body.captions, body.dateline
    else:
        paragraphs, captions, dateline = _plain_paragraphs(rest), [], None

    archive_date = parse_datetime(_first(meta, DATE_KEYS)) or epoch
    published = archive_date
    if dateline is not None and (
        archive_date is None
        or archive_date - DATELINE_BEFORE <= dateline <= archive_date + DATELINE_AFTER
    ):
        published = dateline

    return build_article(
        source_path,
        title=title,
        paragraphs=paragraphs,
        captions=captions,
        published=published,
        url=url,
        author=meta.get("author"),
        outlet=_explicit_outlet(meta),
        categories=_as_list(meta.get("categories")) + _as_list(meta.get("tags")),
        other_urls=[u for u in (meta.get("headimg"), meta.get("thumbnail"), meta.get("image"))
                    if isinstance(u, str)],
        allow_empty_body=True,
    )

