"""A large JSON Lines file cut into chunks of records, for engines that read in parallel.

:func:`iter_record_chunks` streams a file once and hands out its raw lines in
chunks; :func:`read_record_chunk` turns one chunk into articles and rejections
anywhere (another process or machine). Reading every chunk gives exactly what
:func:`articles.read_path` gives for the whole file: the same articles and the
same ``file#N`` record paths. Files that do not stream as JSON Lines (small
files, CSV whose quoted fields may span lines, pages, feeds) are not cut:
:func:`splits_into_chunks` says so and the caller reads them with ``read_path``.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from articles.fields import FieldMap
from articles.model import Article, Rejection, SetAside
from articles.reader import (
    _GZIP_ERRORS,
    GZIP_MAGIC,
    HEAD_BYTES,
    MAX_INPUT_BYTES,
    _byte_lines,
    _read_capped,
    _streaming_plan,
    _StreamStopped,
    _TooLarge,
    gzip_problem,
)
from articles.window import DateWindow

# Records per chunk: big enough that a chunk's overhead (a task, a block) is
# small next to its parsing, small enough that a 67k-record file gives dozens.
CHUNK_LINES = 2000


@dataclass
class RecordChunk:
    """Raw lines of a JSON Lines file; ``first_line`` is the 1-based number of ``lines[0]``."""

    source_path: str
    first_line: int
    lines: list[bytes]
    encoding: str


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix == ".gz" else suffix


@contextlib.contextmanager
def _open(path: Path) -> Iterator[BinaryIO]:
    with contextlib.ExitStack() as stack:
        stream: BinaryIO = stack.enter_context(path.open("rb"))
        if stream.peek(2)[:2] == GZIP_MAGIC:
            stream = stack.enter_context(gzip.GzipFile(fileobj=stream, mode="rb"))
        yield stream


def splits_into_chunks(path: str | os.PathLike, max_bytes: int = MAX_INPUT_BYTES) -> bool:
    """True when ``path`` is a JSON Lines file that ``read_path`` would stream."""
    file = Path(path)
    try:
        # (A plain file over the cap is chunked too, up to the cap, as read_path streams it.)
        if not file.is_file():
            return False
        with _open(file) as stream:
            head = _read_capped(stream, HEAD_BYTES, 0, max_bytes)
    except (OSError, _TooLarge, *_GZIP_ERRORS):
        return False  # read_path reports the problem
    if len(head) < HEAD_BYTES:
        return False
    plan = _streaming_plan(head, _suffix(file))
    return plan is not None and plan[0] == "jsonl"


def iter_record_chunks(
    path: str | os.PathLike, chunk_lines: int = CHUNK_LINES, max_bytes: int = MAX_INPUT_BYTES
) -> Iterator[RecordChunk | Rejection]:
    """The lines of a file :func:`splits_into_chunks` accepted, ``chunk_lines`` at a time.

    A file that turns out too large or corrupt part-way gives its chunks up to
    there, then one Rejection for the file (as ``read_path`` does). Chunks of
    blank lines only are left out (they hold no record).
    """
    source_path = str(path)
    file = Path(path)
    state = {"number": 1, "chunk": [], "encoding": "utf-8"}

    def flush() -> Iterator[RecordChunk]:
        chunk, state["chunk"] = state["chunk"], []
        if any(x.strip() for x in chunk):
            yield RecordChunk(source_path, state["number"], chunk, state["encoding"])
        state["number"] += len(chunk)

    try:
        with _open(file) as stream:
            head = _read_capped(stream, HEAD_BYTES, 0, max_bytes)
            plan = _streaming_plan(head, _suffix(file))
            if plan is None or plan[0] != "jsonl":
                yield Rejection(source_path, "not a JSON Lines file that can be read in chunks")
                return
            state["encoding"] = plan[1]
            if head.startswith(codecs.BOM_UTF8):
                head = head[len(codecs.BOM_UTF8):]
            for line in _byte_lines(head, stream, max_bytes):
                state["chunk"].append(line)
                if len(state["chunk"]) == chunk_lines:
                    yield from flush()
            yield from flush()
            return
    except (_StreamStopped, _TooLarge) as exc:
        reason = str(exc)
    except _GZIP_ERRORS as exc:
        reason = gzip_problem(exc)
    except OSError as exc:
        reason = f"cannot read file ({exc.strerror or exc})"
    # Stopped part-way: the lines read so far, then the file's one rejection.
    yield from flush()
    yield Rejection(source_path, reason)


def read_record_chunk(chunk: RecordChunk, fields: Mapping[str, str] | FieldMap | None = None,
                      window: DateWindow | None = None) -> Iterator[Article | Rejection | SetAside]:
    """The articles and rejections of one chunk, with the whole file's ``file#N`` paths (``fields``: a
    :class:`FieldMap` maps the file's own names: its path is the chunk's; ``window``: records
    published outside it come as :class:`SetAside`, as :func:`articles.reader.read_path` gives them)."""
    from articles.tabular import read_jsonl_lines

    yield from read_jsonl_lines(
        chunk.lines, chunk.source_path, fields, encoding=chunk.encoding, first_line=chunk.first_line,
        window=window,
    )
