"""JSON Lines, CSV and JSON: one article per line / row / object, with configurable field names.

The default field names match ``corpus/nbw-2021h1.jsonl.gz`` (id, outlet,
date, title, url, text); pass ``fields={"title": "headline", ...}`` to map
other names, or a :class:`articles.fields.FieldMap` (``--field``) to map them per file.
``text`` may be a string (paragraphs separated by newlines) or a list of paragraphs; a record
whose text is anything else is rejected. Each record's source path is ``file#N`` (N = 1-based
line of a JSON Lines file, 1-based data row of a CSV file). A --field column a JSON file's first
record lacks (a mapping meant for another file) is one line for the file, not one per record.

The ``*_lines`` readers consume their lines lazily, so a large (or gzip'd)
file streams record by record (see :func:`articles.reader.read_path`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from articles.build import build_article, clean_title, title_refusal
from articles.fields import DASHBOARD, FieldMap, named_by_option, reading_in, resolve_fields
from articles.model import Article, Rejection, SetAside
from articles.normalize import in_zone_of, parse_datetime
from articles.timestamps import split_stamp_line
from articles.window import DateWindow

# The encoding of the CSV files the commands and the dashboard write: UTF-8 with a byte-order
# mark, the only way Excel (double-click, Windows) tells UTF-8 from the local code page, so
# Chinese cells are not mojibake. pandas reads it as it is; Python's csv module reads it with
# encoding="utf-8-sig" (as the readers here do: articles.decode).
CSV_ENCODING = "utf-8-sig"
# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """Article-derived text for a CSV cell the tools write: a leading apostrophe keeps a
    would-be formula (a title "=HYPERLINK(...)", "-5 dead") text when a spreadsheet opens it."""
    return "'" + text if text and text.startswith(FORMULA_START) else text


# What a JSON value that is no text is, for the one-line reason.
_JSON_KINDS = {dict: "an object", list: "a list holding other than strings", bool: "true/false",
               int: "a number", float: "a number"}


def _paragraphs(value: object) -> list[str] | None:
    """The paragraphs of a text field, or None when it holds no text (an object, a number...).

    A list of strings is a list of paragraphs; null is an empty text (a title-only item).
    """
    if value is None:
        return []
    if isinstance(value, str):
        return value.splitlines()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [line for v in value for line in v.splitlines()]
    return None


def record_to_article(record: Mapping, source_path: str, fields: Mapping[str, str],
                      window: DateWindow | None = None) -> Article | Rejection | SetAside:
    """One JSON object / CSV row to an article, using ``fields`` for the names. ``window``: a
    record it would refuse to store for its date is :class:`SetAside` as soon as its date and
    title are read, its article not built (a record that would be refused is refused as without
    a window, so a run's rejections do not depend on its dates)."""
    if fields["text"] not in record:
        return Rejection(source_path, f"no {fields['text']!r} field (the article text)")
    text = record[fields["text"]]
    paragraphs = _paragraphs(text)
    if paragraphs is None:
        # Storing it with no paragraphs would lose the text silently; it is usually a wrong mapping.
        kind = _JSON_KINDS.get(type(text), type(text).__name__)
        return Rejection(source_path, f"the {fields['text']!r} field is not text ({kind})")
    outlet = record.get(fields["outlet"])
    date_value = record.get(fields["date"])
    published = parse_datetime(date_value) if date_value not in (None, "") else None
    if published is None and date_value not in (None, ""):
        return Rejection(source_path, f"unreadable publication date {str(date_value)[:40]!r}")
    if window is not None and published is not None and _outside(window, published) and (
            title_refusal(clean_title(record.get(fields["title"]))) is None):
        return SetAside(source_path, partial(record_to_article, record, source_path, fields))
    # The feed's stamp line a text often opens with (09/02/2021 - 15:32) is no sentence of it:
    # dropped, as the archive reader drops it (the record's date field dates the article).
    paragraphs, _ = split_stamp_line(paragraphs)
    article = build_article(
        source_path,
        title=record.get(fields["title"]),
        paragraphs=paragraphs,
        published=published,
        url=record.get(fields["url"]) if isinstance(record.get(fields["url"]), str) else None,
        outlet=outlet if isinstance(outlet, str) and outlet.strip() else None,
        # An empty text field is a title-only item (kept, like image-only feed items);
        # a missing one is refused above, as it usually means a wrong field mapping.
        allow_empty_body=True,
    )
    if isinstance(article, Rejection) and article.error in _FIELD_OF_REJECTION:
        note = _field_note(_FIELD_OF_REJECTION[article.error], record, fields)
        return Rejection(source_path, article.error + note) if note else article
    return article


def _outside(window: DateWindow, published: datetime) -> bool:
    """Is a record of this date left unstored whichever zone its article reads the date in? (A
    "CST" stamp is China's or US Central time by the article's language, known once it is built.)"""
    return all(window.excludes(in_zone_of(published, china)) for china in (False, True))


# The rejections of a record whose field was missing or empty, and the field each is about.
_FIELD_OF_REJECTION = {"no title": "title", "no publication date": "date"}


def _field_note(key: str, record: Mapping, fields: Mapping[str, str]) -> str:
    """Which field was looked for when the record has no such field: a --field mapping that
    does not fit this file (several files read with one mapping), or a default name the file
    does not use. "" when the field is there but empty (the mapping fits; the value is missing)."""
    name = fields[key]
    if name in record:
        return ""
    # (A CSV column matched loosely, "Title " for title, is still the default name.)
    if named_by_option(key, name):
        return f" (looked for the field {name!r} given by --field)"
    return f" (no {name!r} field; {rename_hint([key], fields, 'field')})"


def rename_hint(keys: list[str], names: Mapping[str, str], unit: str) -> str:
    """How to read article fields ``keys`` a file holds under other names, said for where it is
    read (:func:`articles.fields.reading_in`): the command line's --field; in the dashboard,
    which has no such option, rename the ``unit`` (column, field) in the file, or use the command."""
    if reading_in() == DASHBOARD:
        wanted = " / ".join(repr(names[k]) for k in keys)
        holds = f"{unit}s that hold them" if len(keys) > 1 else f"{unit} that holds it"
        return (f"rename the {holds} to {wanted} and upload the file again, or read the file "
                f"from the command line with --field {keys[0]}=NAME")
    return f"--field {keys[0]}=NAME reads another"


# The article fields every record needs (a CSV file's header is checked for them).
REQUIRED_FIELDS = ("title", "date", "text")


@dataclass
class _Misfit:
    """The --field columns of needed fields that a file's first record lacks: a mapping that does
    not fit the file (usually one meant for another file of the run). The records lacking them
    are refused in one line for the file, at its end, instead of a line each; records that have
    them are read as usual (a later record may lack a field the first has: its own line)."""

    names: dict[str, str]
    missing: list[str] | None = None  # the article fields concerned; None until the first record
    first_has: list[str] = field(default_factory=list)
    records: int = 0
    refused: int = 0

    def holds(self, record: Mapping, result: Article | Rejection) -> bool:
        """Is ``result`` (``record`` read) a refusal this file's one line counts instead?"""
        self.records += 1
        if self.missing is None:
            self.missing = [key for key in REQUIRED_FIELDS
                            if named_by_option(key, self.names[key]) and self.names[key] not in record]
            self.first_has = [str(k) for k in record][:8]
        if isinstance(result, Rejection) and any(self.names[key] not in record for key in self.missing):
            self.refused += 1
            return True
        return False

    def rejection(self, source_path: str) -> Rejection | None:
        if not self.refused or not self.missing:
            return None
        columns = " / ".join(repr(self.names[key]) for key in self.missing)
        return Rejection(source_path, f"{self.refused:,} of {self.records:,} records have no {columns} field "
                                      f"(the first has: {', '.join(self.first_has) or 'none'}; "
                                      f"{_mapping_hint(self.missing, self.names, source_path, 'field')})")


def _mapping_hint(missing: list[str], names: Mapping[str, str], source_path: str, unit: str) -> str:
    """How to map the ``missing`` article fields of a file: a --field that named them does not fit
    it, and the per-file form maps it alone; else how other names are read (:func:`rename_hint`)."""
    given = [key for key in missing if named_by_option(key, names[key])]
    if not given:
        return rename_hint(missing, names, unit)
    one = os.path.basename(source_path) or source_path
    return (f"--field {', '.join(f'{key}={names[key]}' for key in given)} does not fit this file; "
            f"--field {one}:{given[0]}=NAME maps this file alone")


def read_jsonl_text(
    text: str, source_path: str, fields: Mapping[str, str] | FieldMap | None = None,
    window: DateWindow | None = None,
) -> Iterator[Article | Rejection | SetAside]:
    # Split on "\n" only: str.splitlines() would also cut at U+2028 and other
    # separators that JSON strings may hold unescaped.
    yield from read_jsonl_lines(text.split("\n"), source_path, fields, window=window)


def read_jsonl_lines(
    lines: Iterable[str | bytes],
    source_path: str,
    fields: Mapping[str, str] | FieldMap | None = None,
    encoding: str = "utf-8",
    first_line: int = 1,
    window: DateWindow | None = None,
) -> Iterator[Article | Rejection | SetAside]:
    """One article (or rejection) per line, consuming ``lines`` lazily.

    ``lines`` are the file's lines split on "\n" only; ``bytes`` lines are
    decoded with ``encoding`` here, so one undecodable line rejects that record
    alone. ``first_line`` > 1: ``lines`` are a later part of the file
    (:mod:`articles.chunks`), numbered from there and never "empty file".
    ``window``: records published outside it are :class:`SetAside` (:func:`record_to_article`).
    """
    try:
        names = resolve_fields(fields, source_path)
    except ValueError as exc:
        yield Rejection(source_path, str(exc))
        return
    found, misfit = False, _Misfit(names)
    for number, line in enumerate(lines, start=first_line):
        record_path = f"{source_path}#{number}"
        if isinstance(line, bytes):
            try:
                line = line.decode(encoding)
            except UnicodeDecodeError:
                found = True
                yield Rejection(record_path, f"invalid {encoding} text")
                continue
        if not line.strip():
            continue
        found = True
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield Rejection(record_path, f"invalid JSON ({_json_error(exc)})")
            continue
        if not isinstance(record, dict):
            yield Rejection(record_path, "not a JSON object")
            continue
        result = record_to_article(record, record_path, names, window)
        if not misfit.holds(record, result):
            yield result
    if not found and first_line == 1:
        yield Rejection(source_path, "empty file")
    yield from filter(None, [misfit.rejection(source_path)])


def _json_error(exc: ValueError | RecursionError, where: bool = False) -> str:
    """The one-line reason a JSON text did not parse (ValueError: an integer past 4,300 digits)."""
    if isinstance(exc, json.JSONDecodeError):
        # (Some messages end in "at" already: "Unterminated string starting at".)
        return exc.msg.removesuffix(" at") + (f" at line {exc.lineno:,}" if where else "")
    return "nested too deeply" if isinstance(exc, RecursionError) else "a number too long"


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def read_json_text(
    text: str, source_path: str, fields: Mapping[str, str] | FieldMap | None = None,
    window: DateWindow | None = None,
) -> Iterator[Article | Rejection | SetAside]:
    """A JSON file: one object (one article, named by the file) or an array of objects
    (an article each, ``file#N`` for the N-th element, 1-based).

    The text is held whole, under the size cap of every file read whole; the elements
    are decoded one at a time, so one element's objects are in memory, not the array's.
    """
    try:
        names = resolve_fields(fields, source_path)
    except ValueError as exc:
        yield Rejection(source_path, str(exc))
        return
    decoder = json.JSONDecoder()
    index = _JSON_SPACE.match(text, 1 if text.startswith("\ufeff") else 0).end()
    if text.startswith("[", index):
        misfit = _Misfit(names)
        yield from _json_array(text, index + 1, source_path, misfit, decoder, window)
        yield from filter(None, [misfit.rejection(source_path)])
        return
    try:
        record, end = decoder.raw_decode(text, index)
    except (ValueError, RecursionError) as exc:
        yield Rejection(source_path, f"invalid JSON ({_json_error(exc, where=True)})")
        return
    if text[end:].strip():
        yield Rejection(source_path, "invalid JSON (more after the first value: one object or one array "
                                     "of objects expected)")
    elif not isinstance(record, dict):
        yield Rejection(source_path, "not a JSON object or array of objects")
    else:
        yield record_to_article(record, source_path, names, window)


def _json_array(text: str, index: int, source_path: str, misfit: _Misfit, decoder: json.JSONDecoder,
                window: DateWindow | None = None) -> Iterator[Article | Rejection | SetAside]:
    """The elements of the array opened just before ``index``; a syntax error ends the file
    with one line (on the file: it was not read to its end), after the elements before it.
    ``misfit``: the field names, and the refusals a mapping that does not fit the file gives."""
    number = 0
    index = _JSON_SPACE.match(text, index).end()
    while not text.startswith("]", index):
        number += 1
        try:
            record, index = decoder.raw_decode(text, index)
        except (ValueError, RecursionError) as exc:
            read = "the elements before it were read" if number > 1 else "no element was read"
            yield Rejection(source_path, f"invalid JSON in element {number:,} of the array "
                                         f"({_json_error(exc, where=True)}); {read}")
            return
        record_path = f"{source_path}#{number}"
        if not isinstance(record, dict):
            yield Rejection(record_path, "not a JSON object")
        elif not misfit.holds(record, result := record_to_article(record, record_path, misfit.names, window)):
            yield result
        index = _JSON_SPACE.match(text, index).end()
        if text.startswith(",", index):
            index = _JSON_SPACE.match(text, index + 1).end()
        elif not text.startswith("]", index):
            yield Rejection(source_path, f"invalid JSON after element {number:,} of the array "
                                         "(',' or ']' expected); the elements before it were read")
            return
    if text[index + 1:].strip():
        yield Rejection(source_path, "invalid JSON (more after the array)")
    elif number == 0:
        yield Rejection(source_path, "empty JSON array")


def read_csv_text(
    text: str,
    source_path: str,
    fields: Mapping[str, str] | FieldMap | None = None,
    delimiter: str | None = None,
    window: DateWindow | None = None,
) -> Iterator[Article | Rejection | SetAside]:
    yield from read_csv_lines(io.StringIO(text, newline=""), source_path, fields, delimiter, sample=text[:8192],
                              window=window)


def read_csv_lines(
    lines: Iterable[str],
    source_path: str,
    fields: Mapping[str, str] | FieldMap | None = None,
    delimiter: str | None = None,
    sample: str = "",
    undecodable: tuple[set[int], str] | None = None,
    window: DateWindow | None = None,
) -> Iterator[Article | Rejection | SetAside]:
    """One article (or rejection) per data row, consuming ``lines`` lazily; ``window`` as
    :func:`read_jsonl_lines`'s.

    ``undecodable``: the numbers of the lines given that did not decode (filled as they are
    read) and the file's encoding: a row holding one is refused, the others are read.

    ``lines`` keep their line endings (as ``open(..., newline="")`` gives them);
    ``sample``, the file's first few kilobytes, is used to sniff the delimiter
    when none is given. Column names match the field names exactly, else
    ignoring case and surrounding spaces.
    """
    try:
        names = resolve_fields(fields, source_path)
    except ValueError as exc:
        yield Rejection(source_path, str(exc))
        return
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
        except csv.Error:
            delimiter = "\t" if source_path.endswith(".tsv") else ","
    at_end: list[bool] = []
    kept: list[str] = []  # the lines of the row being read (a stray quote is told by them)
    reader = csv.DictReader(_noting_the_end(_keeping(lines, kept), at_end), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        yield Rejection(source_path, f"invalid CSV ({exc})")
        return
    kept.clear()
    if at_end and header:
        yield Rejection(source_path, f"{BROKEN_QUOTE}: a quote opened in the header is never closed")
        return
    names = _columns(names, header)
    missing = [key for key in REQUIRED_FIELDS if names[key] not in header]
    if missing:
        shown = ", ".join(header[:8]) or "none"
        yield Rejection(source_path, f"CSV has no {' / '.join(repr(names[k]) for k in missing)} column "
                                     f"(columns: {shown}; {_mapping_hint(missing, names, source_path, 'column')})")
        return
    yield from _csv_rows(reader, source_path, names, at_end, undecodable, window, kept)


# The csv module reads an unclosed quote to the end of the file as one field, silently.
BROKEN_QUOTE = "CSV quoting is broken"
# A quoted field that runs over at least this many lines, nearly all of them (RUNAWAY_ROW_SHARE)
# reading as whole rows of the file (the header's number of cells, no quote, a date in the date
# column), was opened by a stray quote, not by a text of several paragraphs: the csv module read
# those rows into one article's text, silently, until a stray quote further on closed it. They
# are read as rows, and the row that opened the quote is refused in one line.
RUNAWAY_QUOTE_MIN_ROWS = 3
RUNAWAY_ROW_SHARE = 0.8


def _keeping(lines: Iterable[str], kept: list[str]) -> Iterator[str]:
    """``lines``, each also appended to ``kept`` (cleared by the reader after each row)."""
    for line in lines:
        kept.append(line)
        yield line


def _swallowed_rows(kept: list[str], closed: bool, delimiter: str, header: list[str],
                    names: Mapping[str, str]) -> list[str] | None:
    """The lines of a row past its first (and, ``closed``, before the line closing its quote) when
    they read as rows a stray quote swallowed (:data:`RUNAWAY_QUOTE_MIN_ROWS`); else None."""
    inner = kept[1:-1] if closed else kept[1:]
    if len(inner) < RUNAWAY_QUOTE_MIN_ROWS or names["date"] not in header:
        return None
    date_at = header.index(names["date"])

    def reads_as_row(line: str) -> bool:
        cells = line.rstrip("\r\n").split(delimiter)
        return ('"' not in line and len(cells) == len(header)
                and parse_datetime(cells[date_at].strip()) is not None)

    rows = sum(1 for line in inner if reads_as_row(line))
    return inner if rows >= RUNAWAY_ROW_SHARE * len(inner) else None


def _runaway_quote(source_path: str, number: int, first_line: int, inner: list[str], closed: bool,
                   delimiter: str, header: list[str], names: Mapping[str, str],
                   window: DateWindow | None) -> Iterator[Article | Rejection | SetAside]:
    """The row ``number`` whose quote swallowed the rows ``inner`` refused in one line, then those
    rows read (numbered after it)."""
    last = first_line + len(inner) + 1
    where = (f"closes only on line {last:,} (not read either); the {len(inner):,} lines between" if closed
             else f"is never closed; the {len(inner):,} lines after it")
    yield Rejection(f"{source_path}#{number}", f"{BROKEN_QUOTE}: a quote opened in this row (line {first_line:,}) "
                    f"{where} read as rows and were read as such")
    rows = csv.DictReader(inner, fieldnames=header, delimiter=delimiter)
    for offset, row in enumerate(rows, start=1):
        yield record_to_article(row, f"{source_path}#{number + offset}", names, window)


def _noting_the_end(lines: Iterable[str], at_end: list[bool]) -> Iterator[str]:
    """``lines``, appending to ``at_end`` once the csv reader asks past the last one.

    The reader asks past the last line only while a quoted field is still open: a
    row it returns after that ran from its unclosed quote to the end of the file.
    """
    yield from lines
    at_end.append(True)


def _columns(names: dict[str, str], header: list[str]) -> dict[str, str]:
    """``names`` with each one replaced by the column it names: the same name, else the
    name ignoring case and surrounding spaces (a spreadsheet's "Title " column)."""
    loose: dict[str, str] = {}
    for column in header:
        if isinstance(column, str):
            loose.setdefault(column.strip().casefold(), column)
    return {key: name if name in header else loose.get(name.strip().casefold(), name)
            for key, name in names.items()}


def _csv_rows(reader: csv.DictReader, source_path: str, names: dict[str, str], at_end: list[bool],
              undecodable: tuple[set[int], str] | None = None,
              window: DateWindow | None = None,
              kept: list[str] | None = None) -> Iterator[Article | Rejection | SetAside]:
    number, line_before = 0, reader.line_num
    bad_lines, encoding = undecodable or (set(), "")
    kept = [] if kept is None else kept
    try:
        for row in reader:
            number += 1
            swallowed = _swallowed_rows(kept, not at_end, reader.reader.dialect.delimiter,
                                        list(reader.fieldnames or []), names)
            if swallowed is not None:
                yield from _runaway_quote(source_path, number, line_before + 1, swallowed, not at_end,
                                          reader.reader.dialect.delimiter, list(reader.fieldnames or []),
                                          names, window)
                number += len(swallowed) + (0 if at_end else 1)  # (the closing line was a row too)
                if at_end:
                    return
            elif at_end:
                lines = reader.line_num - line_before
                yield Rejection(f"{source_path}#{number}", f"{BROKEN_QUOTE}: a quote opened in this row is "
                                f"never closed, so the rest of the file ({lines:,} lines) was not read")
                return
            elif bad_lines and any(line_before < n <= reader.line_num for n in bad_lines):
                # (the set holds only the lines read for this row: it is emptied row by row)
                bad_lines.clear()
                yield Rejection(f"{source_path}#{number}", f"invalid {encoding} text")
            else:
                yield record_to_article(row, f"{source_path}#{number}", names, window)
            line_before = reader.line_num
            kept.clear()
    except csv.Error as exc:
        yield Rejection(f"{source_path}#{number + 1}", f"invalid CSV ({exc})")
    if number == 0:
        yield Rejection(source_path, "CSV has a header but no rows")
