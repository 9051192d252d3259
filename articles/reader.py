"""``read_path``: one file in, articles and rejections out, never an exception.

The format is chosen by content sniffing first and the file extension second,
because archives mislabel files (feed-archive markdown saved as ``.txt``).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from articles.archive import looks_like_archive, read_archive_text
from articles.decode import DecodeError, decode_bytes
from articles.model import Article, Rejection

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"


class _TooLarge(Exception):
    pass


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data, refusing more than ``max_bytes`` of output (zip bombs)."""
    out = bytearray()
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        while chunk := stream.read(1 << 20):
            out += chunk
            if len(out) > max_bytes:
                raise _TooLarge(f"file too large once decompressed (over {max_bytes:,} bytes)")
    return bytes(out)

FEED_EXTENSIONS = {".rss", ".atom", ".xml", ".rdf"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson", ".jsonlines"}
CSV_EXTENSIONS = {".csv", ".tsv"}

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML_ROOT = re.compile(r"<(?:!doctype html|html|head|body)\b", re.I)


def sniff_format(text: str, suffix: str) -> str | None:
    """'archive', 'feed', 'html', 'jsonl', 'csv' or None (unknown)."""
    head = text.lstrip("\ufeff \t\r\n")[:4000]
    if looks_like_archive(head):
        return "archive"
    if suffix in JSONL_EXTENSIONS or (suffix in (".json", "") and head.startswith("{")
                                      and "\n{" in text[:200_000]):
        return "jsonl"
    if suffix in CSV_EXTENSIONS:
        return "csv"
    if head.startswith("<?xml") or suffix in FEED_EXTENSIONS:
        if _FEED_ROOT.search(head):
            return "feed"
        if _HTML_ROOT.search(head):
            return "html"
        return "feed" if suffix in FEED_EXTENSIONS else None
    if _FEED_ROOT.match(head):
        return "feed"
    if _HTML_ROOT.search(head[:1000]) or suffix in HTML_EXTENSIONS:
        return "html"
    return None


def read_text(text: str, source_path: str, suffix: str = "", **options) -> Iterator[Article | Rejection]:
    """Articles in already-decoded ``text`` (``suffix`` helps the sniffing)."""
    fmt = sniff_format(text, suffix.lower())
    if fmt == "archive":
        yield read_archive_text(text, source_path)
    elif fmt == "feed":
        from articles.feeds import read_feed_text

        yield from read_feed_text(text, source_path)
    elif fmt == "html":
        from articles.htmlpage import read_html_text

        yield read_html_text(text, source_path)
    elif fmt == "jsonl":
        from articles.tabular import read_jsonl_text

        yield from read_jsonl_text(text, source_path, **options)
    elif fmt == "csv":
        from articles.tabular import read_csv_text

        yield from read_csv_text(text, source_path, **options)
    else:
        yield Rejection(source_path, "unrecognized format (not a feed archive, HTML page, feed, "
                                     "JSON Lines or CSV file)")


def read_bytes(data: bytes, source_path: str, suffix: str = "", **options) -> Iterator[Article | Rejection]:
    if not data.strip():
        yield Rejection(source_path, "empty file")
        return
    try:
        text, _encoding = decode_bytes(data)
    except DecodeError as exc:
        yield Rejection(source_path, str(exc))
        return
    if not text.strip("\ufeff \t\r\n"):
        yield Rejection(source_path, "empty file")
        return
    yield from read_text(text, source_path, suffix, **options)


def read_path(
    path: str | os.PathLike,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **options,
) -> Iterator[Article | Rejection]:
    """Read one file: an :class:`Article` per article found, a :class:`Rejection` per failure.

    Bad input never raises: every problem becomes a one-line Rejection.
    ``options`` go to the JSON Lines / CSV readers (``fields=...``).
    """
    source_path = str(path)
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix == ".gz":  # archive.jsonl.gz is read as JSON Lines
        suffix = Path(file.stem).suffix.lower()
    try:
        size = file.stat().st_size
        if not file.is_file():
            yield Rejection(source_path, "not a regular file")
            return
        if size > max_bytes:
            yield Rejection(source_path, f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
            return
        data = file.read_bytes()
        if data[:2] == GZIP_MAGIC:
            data = _gunzip(data, max_bytes)
    except _TooLarge as exc:
        yield Rejection(source_path, str(exc))
        return
    except (EOFError, zlib.error, gzip.BadGzipFile):
        yield Rejection(source_path, "corrupt gzip file")
        return
    except FileNotFoundError:
        yield Rejection(source_path, "no such file")
        return
    except OSError as exc:
        yield Rejection(source_path, f"cannot read file ({exc.strerror or exc})")
        return
    try:
        yield from read_bytes(data, source_path, suffix, **options)
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        yield Rejection(source_path, f"unreadable ({type(exc).__name__}: {_one_line(str(exc))})")


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
