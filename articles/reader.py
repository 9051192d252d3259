"""``read_path``: one file in, articles and rejections out, never an exception.

The format is chosen by content sniffing first and the file extension second,
because archives mislabel files (feed-archive markdown saved as ``.txt``).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import gzip
import io
import os
import re
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import BinaryIO

from articles.archive import (
    FRONT_MATTER_MAX_CHARS,
    looks_like_archive,
    read_archive_text,
    unclosed_front_matter,
)
from articles.decode import BINARY_NUL, DecodeError, binary_start, decode_bytes
from articles.model import Article, Rejection

# The default size cap of one input file (decompressed size for gzip'd files).
# Files read whole (pages, feeds, archives) are held in memory, hence the cap;
# JSON Lines and CSV stream, but are capped alike so a runaway input still stops.
# The dashboard's upload limit uses this same number.
MAX_INPUT_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_BYTES = MAX_INPUT_BYTES  # the former name, kept for callers that use it
GZIP_MAGIC = b"\x1f\x8b"
# The first bytes of a file are read to choose its format and encoding; files
# no larger than this are read whole, larger JSON Lines / CSV files stream.
HEAD_BYTES = 256 * 1024
# One line of a streamed file (a JSON Lines record, a CSV line) is held whole, so it is capped at
# the default size of a whole file, whatever --max-bytes: no article is longer, and a cap raised
# for a large export must not let one runaway line (a 1 MB gzip holding a 1 GB line took 2.1 GB)
# hold gigabytes. Reading stops there, as at the file's cap: the records before it are kept.
MAX_LINE_BYTES = MAX_INPUT_BYTES
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


class _TooLarge(Exception):
    pass


class _CutShort(EOFError):
    """A gzip stream ended before its end marker (a file delivered cut short): ``data`` is what
    it held up to there."""

    def __init__(self, data: bytes):
        super().__init__("truncated gzip file")
        self.data = data


# A sender needs to know a file was cut short (send it again), not that its bytes are bad.
TRUNCATED_GZIP = "truncated gzip file (it ends before its end marker: cut short in delivery?)"


def gzip_problem(exc: BaseException) -> str:
    """The one-line reason of a gzip stream that stopped with ``exc`` (one of _GZIP_ERRORS)."""
    return TRUNCATED_GZIP if isinstance(exc, EOFError) else "corrupt gzip file"


class _StreamStopped(Exception):
    """A streamed file could not be read to its end; the message is the one-line reason."""


# Where the size cap is raised; every "too large" line ends with it, so a user sees the way out
# (the dashboard's upload limit is this same number, fixed).
MAX_BYTES_HINT = "raise the limit with --max-bytes"


def add_max_bytes_option(parser: argparse.ArgumentParser) -> None:
    """``--max-bytes N``, the per-file size cap, as every command that reads files takes it."""
    parser.add_argument("--max-bytes", type=_positive_int, default=MAX_INPUT_BYTES, metavar="N",
                        help=f"the size cap of one input file, decompressed (default {MAX_INPUT_BYTES:,}); "
                             "JSON Lines and CSV are read up to it, other files over it are refused")


def _positive_int(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"not a positive number of bytes: {text!r}")
    return value


def too_large_message(max_bytes: int, size: int | None = None, decompressed: bool = False,
                      stopped: str = "") -> str:
    """The one line of a file over the size cap: its ``size`` when known (a plain file refused
    whole), else "over the cap" (``decompressed``: a gzip'd file's content); ``stopped``: where a
    streamed file stopped (:func:`_stopped_at`)."""
    if size is not None:
        what = f"file too large ({size:,} bytes; the limit is {max_bytes:,})"
    else:
        what = f"file too large{' once decompressed' if decompressed else ''} (over {max_bytes:,} bytes)"
    return f"{what}{stopped}; {MAX_BYTES_HINT}"


def _read_capped(stream: BinaryIO, size: int, already: int, max_bytes: int) -> bytes:
    """Up to ``size`` bytes (-1: all), refusing to go past ``max_bytes`` in total."""
    out = bytearray()
    # A gzip stream is read a decompressed block at a time (read1), so a file cut short keeps
    # every block before the cut (read(n) drops the whole last request).
    read = stream.read1 if isinstance(stream, gzip.GzipFile) else stream.read
    while size < 0 or len(out) < size:
        want = 1 << 20 if size < 0 else min(1 << 20, size - len(out))
        try:
            chunk = read(want)
        except EOFError:
            raise _CutShort(bytes(out)) from None
        if not chunk:
            break
        out += chunk
        if already + len(out) > max_bytes:
            raise _TooLarge(too_large_message(max_bytes, decompressed=isinstance(stream, gzip.GzipFile)))
    return bytes(out)


def _byte_lines(head: bytes, stream: BinaryIO, max_bytes: int) -> Iterator[bytes]:
    """The lines (split after b"\\n", endings kept) of ``head`` then the rest of ``stream``.

    Reads lazily, counting bytes: past ``max_bytes`` (or on a corrupt gzip
    stream) it raises :class:`_StreamStopped` naming the line it stopped at,
    after every earlier line has been yielded.
    """
    pieces = head.split(b"\n")
    partial = pieces.pop()
    number = len(pieces)
    yield from (piece + b"\n" for piece in pieces)
    del pieces
    total = len(head)
    while True:
        try:
            line = stream.readline(min(max_bytes - total, MAX_LINE_BYTES - len(partial)) + 1)
        except _GZIP_ERRORS as exc:
            raise _StreamStopped(gzip_problem(exc) + _stopped_at(number)) from None
        total += len(line)
        if total > max_bytes:
            raise _StreamStopped(too_large_message(max_bytes, decompressed=isinstance(stream, gzip.GzipFile),
                                                   stopped=_stopped_at(number)))
        if not line:
            break
        line, partial = partial + line, b""
        if len(line) > MAX_LINE_BYTES:
            raise _StreamStopped(f"a line longer than {MAX_LINE_BYTES:,} bytes, the limit of one record whatever "
                                 f"--max-bytes{_stopped_at(number) or '; no record was read'}")
        if not line.endswith(b"\n"):  # the last line, without a newline
            partial = line
            continue
        number += 1
        yield line
    if partial:
        yield partial


def _stopped_at(lines_read: int) -> str:
    if not lines_read:
        return ""
    return f"; stopped at line {lines_read + 1:,}, the records before it were read"


def _decoded_lines(lines: Iterator[bytes], encoding: str, undecodable: set[int] | None = None) -> Iterator[str]:
    """Text lines for the csv module: also split at a lone "\\r", as ``newline=""`` would.

    A line that does not decode is given with replacement characters, and its number as the
    csv module counts lines (the strings given) goes into ``undecodable``: the row holding it is
    refused, and the rest of the file is read (one bad byte no longer stops the file)."""
    given = 0
    for line in lines:
        try:
            text, bad = line.decode(encoding), False
        except UnicodeDecodeError:
            text, bad = line.decode(encoding, errors="replace"), True
        parts = _LONE_CR.split(text) if "\r" in text.rstrip("\r\n") else [text]
        for part in parts:
            given += 1
            if bad and undecodable is not None:
                undecodable.add(given)
            yield part


_LONE_CR = re.compile(r"(?<=\r)(?!\n)(?=.)", re.S)


FEED_EXTENSIONS = {".rss", ".atom", ".xml", ".rdf"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson", ".jsonlines"}
CSV_EXTENSIONS = {".csv", ".tsv"}

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML_ROOT = re.compile(r"<(?:!doctype html|html|head|body)\b", re.I)
_JSON_HEAD = re.compile(r"\{\s*\"|\[\s*\{")


def sniff_format(text: str, suffix: str) -> str | None:
    """'archive', 'feed', 'html', 'jsonl', 'json', 'csv' or None (unknown)."""
    if looks_like_archive(text[:FRONT_MATTER_MAX_CHARS + 64]):  # (+ the blank lines it may open with)
        return "archive"
    head = text.lstrip("\ufeff \t\r\n")[:4000]
    if suffix in JSONL_EXTENSIONS or (suffix in (".json", "") and head.startswith("{")
                                      and "\n{" in text[:200_000]):
        return "jsonl"
    # One object, or an array of objects (without a .json name: only an array that opens with one).
    if (suffix == ".json" and head.startswith(("{", "["))) or (suffix == "" and _JSON_HEAD.match(head)):
        return "json"
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
        from articles.entities import entity_line, without_entities
        from articles.htmlpage import read_html_text

        text, entities = without_entities(text, xml=False)  # (its DOCTYPE's own: never expanded)
        yield read_html_text(text, source_path)
        if entities:
            yield entity_line(source_path, entities)
    elif fmt == "jsonl":
        from articles.tabular import read_jsonl_text

        yield from read_jsonl_text(text, source_path, **options)
    elif fmt == "json":
        from articles.tabular import read_json_text

        yield from read_json_text(text, source_path, **options)
    elif fmt == "csv":
        from articles.tabular import read_csv_text

        yield from read_csv_text(text, source_path, **options)
    elif (unclosed := unclosed_front_matter(text[:FRONT_MATTER_MAX_CHARS + 64])) is not None:
        yield Rejection(source_path, unclosed)
    else:
        plain = suffix.lower() in (".txt", ".md", ".markdown", "")
        yield Rejection(source_path, "unrecognized format (not a feed archive, HTML page, feed, "
                                     "JSON, JSON Lines or CSV file)" + (
                            "; plain text needs a front matter block first (---, then title:, outlet: "
                            "and date: lines, then ---)" if plain else ""))


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


def _stopped_reading(source_path: str, exc: BaseException) -> Rejection:
    """The one-line rejection of a file whose reading stopped with ``exc`` (:func:`read_path`)."""
    if isinstance(exc, (_TooLarge, _StreamStopped)):
        return Rejection(source_path, str(exc))
    if isinstance(exc, _GZIP_ERRORS):  # (before OSError: gzip.BadGzipFile is one)
        return Rejection(source_path, gzip_problem(exc))
    if isinstance(exc, FileNotFoundError):
        return _missing(source_path)
    return Rejection(source_path, f"cannot read file ({getattr(exc, 'strerror', None) or exc})")


def read_path(
    path: str | os.PathLike,
    max_bytes: int = MAX_INPUT_BYTES,
    **options,
) -> Iterator[Article | Rejection]:
    """Read one file: an :class:`Article` per article found, a :class:`Rejection` per failure.

    Bad input never raises: every problem becomes a one-line Rejection.
    ``options`` go to the JSON Lines / CSV / JSON readers (``fields=...``; ``window=...``, a
    :class:`articles.window.DateWindow`: their records published outside it come as
    :class:`articles.model.SetAside`, unbuilt; the other formats' articles are built whole).
    JSON Lines and CSV files larger than :data:`HEAD_BYTES` stream record by
    record (gzip'd ones too), so memory does not grow with the file; if one
    turns out too large or corrupt part-way, the records before are still
    yielded, then one Rejection for the file. Other formats are held whole, so
    a file of theirs over ``max_bytes`` is refused whole.
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
        data = yield from _read_file(file, size, suffix, source_path, max_bytes, options)
    except (_TooLarge, _StreamStopped, *_GZIP_ERRORS, OSError) as exc:
        yield _stopped_reading(source_path, exc)
        return
    if data is None:  # (read and yielded as it streamed, or refused)
        return
    try:
        yield from read_bytes(data, source_path, suffix, **options)
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        yield Rejection(source_path, f"unreadable ({type(exc).__name__}: {_one_line(str(exc))})")


def _read_file(file: Path, size: int, suffix: str, source_path: str, max_bytes: int,
               options: dict) -> Generator[Article | Rejection, None, bytes | None]:
    """Open ``file`` (gzip'd or not) and read it: returns its bytes when it is to be parsed
    whole; else yields what it reads as it streams (JSON Lines, CSV; a gzip file cut short), or
    the file's refusal, and returns None. Stops reading raise (:func:`_stopped_reading`)."""
    with contextlib.ExitStack() as stack:
        stream: BinaryIO = stack.enter_context(file.open("rb"))
        if stream.peek(2)[:2] == GZIP_MAGIC:
            stream = stack.enter_context(gzip.GzipFile(fileobj=stream, mode="rb"))
        # A plain file over the cap is treated as its gzip'd copy is: JSON Lines and CSV
        # are read up to the cap and stop with one line naming where (the records before
        # it are kept, and memory stays a line at a time); refusing them whole would lose
        # every record for the sake of the last few. A format held whole is refused whole,
        # from its size, before anything past the head is read.
        over = size > max_bytes and not isinstance(stream, gzip.GzipFile)
        try:
            head = _read_capped(stream, HEAD_BYTES, 0, max_bytes)
        except _TooLarge:
            if not over:
                raise
            head = b""  # a cap smaller than the head: refused whole, as a gzip'd copy is
        except _CutShort as cut:
            yield from _read_cut_short(cut.data, suffix, source_path, max_bytes, options)
            return None
        # A small file streams too when a few lines break its UTF-8 (each is one rejection).
        plan = (_streaming_plan(head, suffix)
                if len(head) == HEAD_BYTES or _corrupt_utf8_lines(head) else None)
        if plan is not None:
            yield from _read_streaming(plan, head, stream, source_path, max_bytes, options)
            return None
        if len(head) == HEAD_BYTES and binary_start(head):
            # (refused from its head: a gzip of a gigabyte of zeros is not read to the cap first)
            yield Rejection(source_path, BINARY_NUL)
            return None
        if over:
            yield Rejection(source_path, too_large_message(max_bytes, size=size))
            return None
        try:  # small, or not a format that streams: read whole
            return head + _read_capped(stream, -1, len(head), max_bytes)
        except _CutShort as cut:
            yield from _read_cut_short(head + cut.data, suffix, source_path, max_bytes, options)
            return None


# A URL given where a path was expected; pathlib turns "https://" into "https:/".
_URL = re.compile(r"^(?:https?|ftps?|feed)://?(?=[^/])", re.I)


def _missing(source_path: str) -> Rejection:
    """The rejection of a path that does not exist: a URL is named as one, as it was typed."""
    match = _URL.match(source_path)
    if not match:
        return Rejection(source_path, "no such file")
    url = match.group(0).rstrip("/") + "//" + source_path[match.end():]
    return Rejection(url, "a URL: Parallax reads files and fetches nothing (download the feed or page, "
                          "then give the file)")


def _streaming_plan(head: bytes, suffix: str) -> tuple[str, str, str] | None:
    """``(format, encoding, head text)`` when a file starting with ``head`` can stream.

    Only JSON Lines and CSV stream, in UTF-8 or a byte-oriented legacy
    encoding (where b"\\n" always ends a line); UTF-16/32 files and anything
    that does not decode are read whole, with the whole-file checks.
    """
    if head.startswith(_WIDE_BOMS) or b"\x00" in head:
        return None
    # Up to the last line break, so no character is cut in half at the end
    # (b"\\r" too: CSV files may end lines with a lone CR).
    complete = head[: max(head.rfind(b"\n"), head.rfind(b"\r")) + 1]
    if not complete:
        # No line break in the head: a first line longer than it. A JSON Lines or CSV file by its
        # name streams still, so the line cap (MAX_LINE_BYTES) stops a runaway line; another is
        # read whole (up to the file's cap).
        if len(head) < HEAD_BYTES or suffix not in JSONL_EXTENSIONS | CSV_EXTENSIONS:
            return None
        complete = head
    try:
        text, encoding = decode_bytes(complete)
    except DecodeError:
        text = _utf8_but_a_few_lines(complete)
        if text is None:
            return None
        encoding = "utf-8"
    fmt = sniff_format(text, suffix)
    if fmt not in ("jsonl", "csv") or encoding.startswith(("utf-16", "utf-32")):
        return None
    return fmt, encoding, text


# A head that is UTF-8 but for a few lines is a UTF-8 file with a few corrupt records (JSON Lines
# is UTF-8 by definition), not a file in another encoding: guessing one from the whole head made
# charset-normalizer name an odd code page and refuse every record for one bad byte.
MAX_BAD_LINE_SHARE = 0.1


def _utf8_but_a_few_lines(data: bytes) -> str | None:
    """The lines of ``data`` that decode as UTF-8 (joined), when one line or at most
    :data:`MAX_BAD_LINE_SHARE` of its lines do not; else None."""
    good, bad = [], 0
    for line in data.splitlines():
        try:
            good.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            bad += 1
    kept = sum(1 for line in good if line.strip())
    if not kept or bad > max(1.0, MAX_BAD_LINE_SHARE * (kept + bad)):
        return None
    return "\n".join(good) + "\n"


def _corrupt_utf8_lines(data: bytes) -> bool:
    """True when ``data`` is not UTF-8 only because of a few lines (:func:`_utf8_but_a_few_lines`)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return _utf8_but_a_few_lines(data) is not None
    return False


def _read_cut_short(data: bytes, suffix: str, source_path: str, max_bytes: int, options: dict,
                    ) -> Iterator[Article | Rejection]:
    """A gzip'd file cut short in delivery, ``data`` what it held: JSON Lines and CSV give their
    records before the cut (the cut line is not read), as a streamed file stopping part-way does
    and a cut feed gives its whole items; then one line says the file is truncated. A format
    read whole is refused whole."""
    complete = data[: data.rfind(b"\n") + 1]
    plan = _streaming_plan(complete, suffix)
    if plan is None:
        yield Rejection(source_path, TRUNCATED_GZIP)
        return
    yield from _read_streaming(plan, complete, io.BytesIO(), source_path, max_bytes, options)
    yield Rejection(source_path, TRUNCATED_GZIP + _stopped_at(complete.count(b"\n")))


def _read_streaming(
    plan: tuple[str, str, str], head: bytes, stream: BinaryIO, source_path: str, max_bytes: int, options: dict
) -> Iterator[Article | Rejection]:
    from articles.tabular import read_csv_lines, read_jsonl_lines

    fmt, encoding, head_text = plan
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    lines = _byte_lines(head, stream, max_bytes)
    del head  # the generator holds the lines it has not yielded yet
    try:
        if fmt == "jsonl":
            yield from read_jsonl_lines(lines, source_path, encoding=encoding, **options)
        else:
            sample = head_text[:8192]
            del head_text
            undecodable: set[int] = set()
            yield from read_csv_lines(_decoded_lines(lines, encoding, undecodable), source_path, sample=sample,
                                      undecodable=(undecodable, encoding), **options)
    except _StreamStopped:
        raise
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        yield Rejection(source_path, f"unreadable ({type(exc).__name__}: {_one_line(str(exc))})")


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
