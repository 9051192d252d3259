"""Which JSON Lines / JSON / CSV field holds which article field: the ``--field`` options.

``--field NAME=COLUMN`` maps a field for every file read (as it always did);
``--field FILE:NAME=COLUMN`` for the files FILE names alone, so two exports with different
column names can be read in one run. FILE is a path (as given, or any path to the same file),
a file name, or a glob pattern matched against either (``export-b.csv``, ``'*.csv'``,
``'exports/b/*.jsonl'``). A file's mapping: the defaults, then the options for every file,
then those naming it, later options winning. The three command-line tools share this.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

DEFAULT_FIELDS: dict[str, str] = {
    "id": "id",
    "outlet": "outlet",
    "date": "date",
    "title": "title",
    "url": "url",
    "text": "text",
}

FIELD_OPTION_HELP = ("JSON Lines/JSON/CSV field name for an article field, e.g. --field title=headline "
                     "(fields: id outlet date title url text; repeat for several); FILE:NAME=COLUMN maps it "
                     "for one file only (FILE: a path, a file name or a glob pattern such as '*.csv'), "
                     "e.g. --field export-b.jsonl:text=body")

# Where a file is read, for the hint of a rejection a field mapping would fix: the command line
# (its --field option maps other names) or the dashboard's upload (no option there: the person
# renames the column, or reads the file with the command line). The readers sit far below the
# caller that knows, so the caller says it once around its read (:func:`read_in`).
COMMAND_LINE, DASHBOARD = "command line", "dashboard"
_READ_IN: ContextVar[str] = ContextVar("parallax_read_in", default=COMMAND_LINE)


@contextmanager
def read_in(where: str) -> Iterator[None]:
    """Files read inside are read in ``where`` (:data:`COMMAND_LINE` or :data:`DASHBOARD`): their
    rejections' hints say what to do there (:func:`articles.tabular.rename_hint`)."""
    token = _READ_IN.set(where)
    try:
        yield
    finally:
        _READ_IN.reset(token)


def reading_in() -> str:
    return _READ_IN.get()


# FILE:NAME=COLUMN: the first ":NAME=" ends FILE (a path may hold ":" or "=" itself; a NAME never does).
_PER_FILE = re.compile(rf"^(?P<file>.+?):(?P<name>{'|'.join(DEFAULT_FIELDS)})=(?P<column>.+)$", re.S)


@dataclass(frozen=True)
class FieldMap:
    """``--field`` options some of which name files: resolved per file with :meth:`for_path`."""

    common: dict[str, str] = field(default_factory=dict)  # NAME=COLUMN: every file
    per_file: tuple[tuple[str, str, str], ...] = ()  # (FILE, NAME, COLUMN), in the order given

    def for_path(self, path: str | os.PathLike) -> dict[str, str]:
        """The mapping of the file at ``path`` (the options for every file, then its own)."""
        fields = dict(self.common)
        for pattern, name, column in self.per_file:
            if names_file(pattern, str(path)):
                fields[name] = column
        return fields

    def unmatched(self, paths: Iterable[str | os.PathLike]) -> list[str]:
        """The FILE parts that name none of ``paths`` (a mistyped name would map nothing, silently).
        A glob pattern is not one of them: it names the files that may come (a cron line's
        ``'*.csv:title=Headline'`` over hourly folders, most hours holding no CSV), and a file it
        was meant for and misses is refused with its own line naming the --field it needs."""
        paths = [str(p) for p in paths]
        patterns = dict.fromkeys(pattern for pattern, _, _ in self.per_file if not is_glob(pattern))
        return [p for p in patterns if not any(names_file(p, path) for path in paths)]


def is_glob(pattern: str) -> bool:
    """Does FILE hold a wildcard (``*``, ``?``, ``[``) rather than name one file?"""
    return any(c in pattern for c in "*?[")


def names_file(pattern: str, path: str) -> bool:
    """Does FILE ``pattern`` name ``path``: as a glob of its path or its file name, or as another
    path to the same file (./a.csv, an absolute path)? A name is its own file too when it reads
    as a glob (``report[1].csv``: a character class to fnmatch)."""
    if pattern in (path, os.path.basename(path)):
        return True
    if fnmatchcase(path, pattern) or fnmatchcase(os.path.basename(path), pattern):
        return True
    return os.path.realpath(path) == os.path.realpath(pattern)


def parse_field_options(items: Iterable[str], inputs: Iterable[str | os.PathLike] | None = None,
                        ) -> dict[str, str] | FieldMap:
    """``--field`` options as a mapping, or a :class:`FieldMap` when one names a file (a plain
    mapping otherwise, read and fingerprinted as before). ValueError names the bad one; with
    ``inputs`` (the files and folders of the run), a FILE that names none of their files too."""
    fields = _parsed(items)
    if isinstance(fields, FieldMap) and inputs is not None:
        from articles.ingest import iter_files  # (ingest reads with these options)

        unmatched = fields.unmatched(iter_files(inputs))
        if unmatched:
            raise ValueError(f"--field {unmatched[0]}:NAME=COLUMN: no input file is {unmatched[0]!r} "
                             "(FILE is a path, a file name or a glob pattern such as '*.csv')")
    return fields


def _parsed(items: Iterable[str]) -> dict[str, str] | FieldMap:
    common: dict[str, str] = {}
    per_file: list[tuple[str, str, str]] = []
    for item in items:
        name, sep, column = item.partition("=")
        if sep and name in DEFAULT_FIELDS and column:
            common[name] = column
        elif m := _PER_FILE.match(item):
            per_file.append((m["file"], m["name"], m["column"]))
        else:
            raise ValueError(f"--field {item!r}: expected NAME=COLUMN or FILE:NAME=COLUMN "
                             f"with NAME in {', '.join(DEFAULT_FIELDS)}")
    return FieldMap(common, tuple(per_file)) if per_file else common


def resolve_fields(fields: Mapping[str, str] | FieldMap | None, source_path: str = "") -> dict[str, str]:
    """The field names to read the file at ``source_path`` with: the defaults, with ``fields``
    (a :class:`FieldMap`: its mapping for that file) over them."""
    if isinstance(fields, FieldMap):
        fields = fields.for_path(source_path)
    resolved = dict(DEFAULT_FIELDS)
    if fields:
        unknown = set(fields) - set(DEFAULT_FIELDS)
        if unknown:
            raise ValueError(f"unknown article field(s) {sorted(unknown)}; known: {sorted(DEFAULT_FIELDS)}")
        resolved.update(fields)
    return resolved


def named_by_option(key: str, name: str) -> bool:
    """Is ``name`` of article field ``key`` one a --field option gave (not the default name, which
    a CSV column matches ignoring case and spaces)?"""
    return name.strip().casefold() != DEFAULT_FIELDS[key]
