"""``ingest``: files and folders into the store, one transaction per batch.

Records are read lazily and stored in transactions of :data:`BATCH_SIZE`
records, so a large JSON Lines / CSV file keeps memory flat. A failure while
storing rolls back the current batch only: earlier files and earlier batches
of the same file stay stored. Unchanged files (same size and modification
time, or same SHA-1, read with the same options: a field mapping changes what
a file reads as) are skipped without parsing, so re-ingesting changes nothing;
the records such a file refused when it was read (kept in the store's rejections)
are reported again, so a re-run lists every rejection a first run did;
a file counts as ingested only once it was read to its end. An article read
again from a file it was stored from, reading otherwise now, replaces the
stored one (``IngestReport.updated``); so does a newer, whole copy read from another file
delivered later (a corrected feed item or record in a new file: :mod:`articles.versions`, the
rule); articles are otherwise stored once, first read first. A file read again is matched to what it held by article id (its URL's, or a
feed item's guid: :mod:`articles.feeds`),
not by record position: an item of a re-fetched feed that moved is the same record, and
the rows of records the file no longer holds are dropped once it is read to its end (the
articles stay stored: ``IngestReport.left_behind``). Between single-article files the
most recently modified wins (:meth:`store.articles.ArticleTables.replace_article`).
With a publication window (``python -m clustering --since/--until``) only the articles published
in it are stored, the rest counted (``IngestReport.outside_dates``); the window is part of what
makes a file unchanged, and a file's records set aside for their date still count as its own.
The JSON Lines / CSV readers set a record aside from its date field, before building its article
(:class:`articles.model.SetAside`), and a file with no record in the window is recorded as read
(without a source row: :meth:`store.articles.ArticleTables.file_fingerprints`), so a re-run with
the same window skips it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from articles.build import UNKNOWN_OUTLET
from articles.fields import DEFAULT_FIELDS, resolve_fields
from articles.model import Article, Rejection, SetAside
from articles.reader import MAX_INPUT_BYTES, read_path
from articles.versions import is_cut_down
from articles.window import DateWindow
from counted import counted

# Web-page assets found next to saved pages: not articles, not worth a rejection line.
ASSET_EXTENSIONS = frozenset(
    ".js .mjs .css .map .png .jpg .jpeg .gif .webp .svg .ico .bmp .avif .woff .woff2 .ttf .otf "
    ".eot .mp4 .webm .mp3 .wav"
    # Precomputed vectors shipped beside a corpus (seeds/embeddings-e5.npz).
    " .npz .npy".split()
)
# Records per transaction: large enough that commits cost little, small
# enough that a batch of articles is a few megabytes at most.
BATCH_SIZE = 1000
# Documentation files that sit in archive folders (seeds/README.md).
DOC_PREFIXES = ("readme", "license", "licence", "changelog", "copying")


# Records (articles and rejected records) one ingest call reads at most: the
# dashboard's per-upload cap. A small gzip can hold hundreds of thousands of
# records, each to embed and cluster; past the cap reading stops with one line.
MAX_RECORDS = 5_000


def records_cap_message(cap: int) -> str:
    return f"records-per-upload cap reached ({cap:,} records); the rest was not read"


def articles_cap_message(cap: int) -> str:
    return f"workspace article cap reached (room for {cap:,} new articles); the rest was not read"


# Articles an ingest report names, at most, for each kind of note (the counts are complete).
MAX_NAMED = 1000
# Of those, the lines a summary shows before "+N more" (verbose: all of them).
SUMMARY_LINES = 5


@dataclass
class KeptAsStored:
    """An article a file reads otherwise now, kept as stored because other files hold it too."""

    title: str
    file: str  # the file that reads it otherwise
    others: list[str]  # the files that hold it too
    # The file's copy is a cut-down one (an excerpt, a summary, a paywalled or teaser copy:
    # articles.versions.is_cut_down): the whole stored text stays, whatever the copy's time.
    cut: bool = False
    # Another file read earlier in this run holds it (its copy read first, so kept): two files
    # of one delivery disagree, which is not a stored copy being kept against a newer file.
    same_run: bool = False


@dataclass
class IngestReport:
    stored: int = 0  # new articles
    # Records of articles already stored (same id): read again from their file, read from
    # another file, or twice in one file. Counted per record; their source paths were added.
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # every article read, new or not
    unchanged_files: int = 0  # skipped: already ingested and unchanged
    records: int = 0  # records read (articles and rejected records) from changed files
    stopped: str | None = None  # the cap that stopped reading, if one did
    updated: int = 0  # stored articles replaced: read again from their file, reading otherwise
    # (title, file) of the updated articles, up to MAX_NAMED: a correction usually means their
    # stories' comparisons should be run again.
    updated_named: list[tuple[str, str]] = field(default_factory=list)
    # Stored articles that a re-read file no longer gives (nor any other file): the old items a
    # rolling feed drops, or a changed mapping that changes an article's id (its url, or
    # title/date without one: a new article is stored; the old one is kept, as an id is what
    # stories and edits refer to). Normal; they stay stored.
    left_behind: int = 0
    left_behind_named: list[tuple[str, str]] = field(default_factory=list)  # (title, file), up to MAX_NAMED
    # Articles a changed file reads otherwise, kept as stored because another file holds them
    # too (that copy may be the text stored): an older or cut-down copy, a file repeating an
    # article another file holds, a copy read after another in the same run (articles.versions).
    changed_kept: int = 0
    kept_named: list[KeptAsStored] = field(default_factory=list)  # up to MAX_NAMED
    cut_kept: int = 0  # of changed_kept, the cut-down copies (their own line in the summary)
    # Of changed_kept, not cut down, those whose other files were all read before this run (the
    # rest: another file of this run read it first, :attr:`KeptAsStored.same_run`).
    kept_before: int = 0
    # Articles a file holds twice, the records reading otherwise (a source's re-fetches): the
    # first record kept. One count: nothing for a person to do.
    repeated_in_file: int = 0
    # Of the articles read, those recorded from more than one file or record under the inputs
    # (counted per article, as ``python -m clustering`` counts them).
    in_several: int = 0
    # Records read but not stored: published outside the window (``ingest(window=...)``). One
    # count, not a line each: a few days of a half-year file leave tens of thousands.
    outside_dates: int = 0
    # Articles read with no outlet (none named, no author, no URL): stored under outlet "unknown",
    # one outlet for all of them, by file. One line a file: a column missing from a whole export
    # is a mapping to fix, and "unknown" in the story list should not come as a surprise.
    unknown_outlet: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Nothing was read and something was refused: every input failed (a missing path, a
        file too large...). A run that read an article (stored, duplicate, updated or in an
        unchanged file) did its work, rejections aside; one that found nothing to read and
        refused nothing (an empty folder) did not fail either."""
        return not self.article_ids and bool(self.rejected)

    def counts_line(self) -> str:
        """The counts, one line: new, updated (when any), already stored, rejected, outside the
        dates (when any), unchanged files skipped (when any), then how many articles several
        files or records hold."""
        parts = [counted(self.stored, "new article"), *([f"{self.updated:,} updated"] if self.updated else []),
                 f"{self.duplicates:,} already stored", f"{len(self.rejected):,} rejected"]
        if self.outside_dates:
            parts.append(outside_dates_text(self.outside_dates))
        if self.unchanged_files:
            parts.append(f"{counted(self.unchanged_files, 'unchanged file')} skipped")
        line = ", ".join(parts)
        if self.in_several:
            line += f" ({counted(self.in_several, 'article')} read from more than one file or record)"
        return line

    def notes(self) -> list[str]:
        """The summary's lines after its counts: what ``python -m clustering`` prints after its own
        summary, whichever engine ran."""
        return self.summary().splitlines()[1:]

    def summary(self, verbose: bool = False) -> str:
        """Short lines: the counts; then, for what needs a person (updated articles, whose stories'
        comparisons are worth running again; articles kept as stored), the articles and files
        concerned (at most :data:`SUMMARY_LINES` each, then "+N more"; ``verbose``: all named);
        then, calmly, stored articles no file gives any more (listed only when ``verbose``)."""
        lines = [self.counts_line()]
        if self.updated:
            one = self.updated == 1
            lines.append(f"{counted(self.updated, 'article')} updated (read again with other content; compare "
                         f"{'its story' if one else 'their stories'} again):")
            lines += _listed([f'  "{title}": {file}' for title, file in self.updated_named], self.updated, verbose)
        if self.cut_kept:
            lines.append(f"{counted(self.cut_kept, 'article')} read as a cut-down copy (an excerpt, a summary, "
                         "a paywalled or teaser copy) of the stored text: the whole text kept as stored:")
            lines += _listed([f'  "{k.title}": {k.file}; also in {", ".join(k.others)}'
                              for k in self.kept_named if k.cut], self.cut_kept, verbose)
        lines += self._kept_lines(verbose)
        if self.repeated_in_file:
            lines.append(f"{counted(self.repeated_in_file, 'article')} held twice in one file, reading otherwise: "
                         "the first record kept")
        if self.unknown_outlet:
            lines += _listed(unknown_outlet_lines(self.unknown_outlet), len(self.unknown_outlet), verbose, "file")
        if self.left_behind:
            lines.append(f"{counted(self.left_behind, 'stored article')} no longer in the file "
                         f"{'it' if self.left_behind == 1 else 'they'} came from (a feed that drops old items, "
                         "or a mapping that reads another id): kept as stored")
            if verbose:
                lines += _listed([f'  "{title}": {file}' for title, file in self.left_behind_named],
                                 self.left_behind, verbose)
        return "\n".join(lines)


    def _kept_lines(self, verbose: bool) -> list[str]:
        """The articles kept as stored though a file reads them otherwise (cut-down copies aside):
        those two files of this run disagree on, then those a file reads otherwise than a copy
        stored before this run."""
        lines: list[str] = []
        same_run = self.changed_kept - self.cut_kept - self.kept_before
        if same_run:
            lines.append(f"{counted(same_run, 'article')} held by two files of this run with other text: the copy "
                         "read first is kept (files are read in the order given, a folder's by name; a later copy "
                         "replaces it only when its own date is later; edit or remove one, then ingest again):")
            lines += _listed([f'  "{k.title}": kept from {", ".join(k.others)}; other text in {k.file}'
                              for k in self.kept_named if not k.cut and k.same_run], same_run, verbose)
        if self.kept_before:
            lines.append(f"{counted(self.kept_before, 'article')} read otherwise now, kept as "
                         "stored because another file holds it too (edit both files, or remove one, then ingest again):")
            lines += _listed([f'  "{k.title}": {k.file}; also in {", ".join(k.others)}'
                              for k in self.kept_named if not k.cut and not k.same_run], self.kept_before, verbose)
        return lines


def outside_dates_text(count: int) -> str:
    """The summary's words for the records set aside for their date (``python -m clustering`` too)."""
    return f"{counted(count, 'record')} outside the dates (not stored)"


def unknown_outlet_lines(by_file: dict[str, int]) -> list[str]:
    """One line a file whose articles name no outlet and have no URL to read one from."""
    return [f"{path}: {counted(n, 'article')} without an outlet or URL, stored as outlet '{UNKNOWN_OUTLET}' "
            "(name it: an outlet field or column, or outlet: in a front matter)" for path, n in by_file.items()]


def _listed(lines: list[str], total: int, verbose: bool, unit: str = "") -> list[str]:
    shown = lines if verbose else lines[:SUMMARY_LINES]
    more = f"  +{total - len(shown):,} more" + (f" {unit}s" if unit else "")
    return shown + ([more] if total > len(shown) else [])


def input_roots(inputs: Iterable[str | os.PathLike]) -> frozenset[str]:
    """The inputs as given and resolved, without a trailing slash (resolved once, not per article)."""
    given = [str(i) for i in inputs]
    return frozenset(i.rstrip("/") or "/" for i in [*(str(Path(i).resolve()) for i in given), *given])


def under_inputs(path: str, roots: frozenset[str]) -> bool:
    """Was ``path`` (a file, or a record ``file#n``) read from one of the inputs: is it one of them,
    or inside one? (Its ancestors are looked up, so the cost is its depth, not the inputs' count.)"""
    base = path.split("#", 1)[0]
    parts = base.split("/")
    return (base in roots or any("/".join(parts[:k]) in roots for k in range(1, len(parts)))
            or ("/" in roots and base.startswith("/")))  # the root folder given as an input


def paths_in_run(source_paths: list[str], roots: frozenset[str]) -> list[str]:
    """The files or records of ``source_paths`` under the inputs (else all of them)."""
    return [p for p in source_paths if under_inputs(p, roots)] or source_paths


def read_more_than_once(paths_by_article: Iterable[list[str]], roots: frozenset[str]) -> int:
    """How many articles (each given by its source paths) were read from more than one file or
    record under the inputs (one article each: the same report in two feeds, or a copy).
    ``python -m articles`` and ``python -m clustering`` both count this way."""
    return sum(len(paths_in_run(paths, roots)) > 1 for paths in paths_by_article)


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files under ``paths`` in sorted order; folders are walked recursively.

    Hidden files and folders, web assets and README/LICENSE files are skipped
    inside folders (a file named explicitly is always read).
    """
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                lower = name.lower()
                if name.startswith(".") or lower.startswith(DOC_PREFIXES):
                    continue
                if os.path.splitext(lower)[1] in ASSET_EXTENSIONS:
                    continue
                yield Path(root) / name


def _options_key(read_options: dict, path: Path, window: DateWindow | None = None) -> str:
    """A short key of the reading options that change what the file at ``path`` reads as, and of
    the window that decides which of its records are stored; "" for the defaults, so a
    fingerprint recorded before options were part of it still matches. (Its own field mapping
    only: a --field option for another file does not make it read again.)"""
    options = {k: v for k, v in read_options.items() if v is not None}
    if window is not None:  # read with other dates, the file stores other records: read again
        options["window"] = window.key()
    if "fields" in options:
        try:
            fields = resolve_fields(options.pop("fields"), str(path))
        except ValueError:
            fields = {}  # an unknown field: every file is rejected, none is recorded
        if fields != DEFAULT_FIELDS:
            options["fields"] = fields
    if not options:
        return ""
    return hashlib.sha1(json.dumps(options, sort_keys=True, default=repr).encode()).hexdigest()[:12]


def _fingerprint(path: Path, stat: os.stat_result, data_sha1: str, options_key: str) -> str:
    return f"{stat.st_size}:{stat.st_mtime_ns}:{data_sha1}" + (f":{options_key}" if options_key else "")


def _sha1_of_file(path: Path) -> str:
    digest = hashlib.sha1()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _unchanged_ids(rows: list[tuple[str, str, str | None]], fingerprints: set[str | None], path: Path,
                   stat: os.stat_result, options_key: str) -> list[str] | None:
    """Article ids of ``path`` when it was ingested before (``rows``: its sources in the
    store; ``fingerprints``: those recorded for it, also without rows when every record was set
    aside for its date) and has not changed since, nor the options it is read with."""
    # A row without a fingerprint belongs to a file whose ingest did not finish.
    if len(fingerprints) != 1 or None in fingerprints:
        return None
    size, mtime, sha1, *key = next(iter(fingerprints)).split(":")
    if size != str(stat.st_size) or (key[0] if key else "") != options_key:
        return None
    if mtime != str(stat.st_mtime_ns) and sha1 != _sha1_of_file(path):
        return None
    return [article_id for _, article_id, _ in rows]


def _stored_from(store, path: Path, stat: os.stat_result, options_key: str,
                 ) -> tuple[list[tuple[str, str, str | None]], list[str] | None]:
    """``(the store's source rows of path, its article ids when it is unchanged since it was read
    with these options, else None)``."""
    earlier = store.sources_of_file(str(path))
    return earlier, _unchanged_ids(earlier, store.file_fingerprints(str(path), earlier), path, stat, options_key)


def unchanged_file(store, path: str | os.PathLike, window: DateWindow | None = None, **read_options) -> bool:
    """Would :func:`ingest` (same window and options) skip ``path`` as unchanged, without reading
    it? (The Ray engine parses only the other files.)"""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return False
    return path.is_file() and _stored_from(store, path, stat, _options_key(read_options, path, window))[1] is not None


# What gives a file's records to :func:`ingest`: ``reader(path, max_bytes=..., window=..., **read_options)``.
Reader = Callable[..., Iterator[Article | Rejection | SetAside]]


def ingest(
    paths: Iterable[str | os.PathLike],
    store,
    progress: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
    batch_size: int = BATCH_SIZE,
    max_records: int | None = None,
    max_new_articles: int | None = None,
    window: DateWindow | None = None,
    reader: Reader | None = None,
    **read_options,
) -> IngestReport:
    """Read files/folders into ``store`` (a :class:`store.sqlite.Store`).

    Rejections are recorded in the store and returned in the report; they
    never interrupt the batch. A file skipped as unchanged reports again the
    rejections recorded when it was read. ``max_bytes`` caps each file (decompressed
    size for gzip'd files); ``batch_size`` records are stored per transaction.
    ``max_records`` caps the records read in this call (all files together),
    ``max_new_articles`` the new articles stored: past a cap, reading stops,
    what was read stays stored, and one rejection line names the cap
    (``report.stopped``); the file is read again, to its end, next time.
    ``window``: only the articles published in it are stored (one without a usable date is
    kept); the others are counted (``report.outside_dates``), and those stored from the file
    before stay its own (neither dropped nor left behind).
    ``reader``: what gives a file's records (default :func:`articles.reader.read_path`, called as
    it is): the Ray engine passes the records its workers parsed, so that its articles are stored
    by the decisions taken here (which copy is kept, what is set aside, which file is unchanged).
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path given bare, not an iterable of its characters
    files = list(iter_files(paths))
    bar = None
    if progress:
        from tqdm import tqdm

        files = bar = tqdm(files, unit="file", desc="ingest")
    run = _Run(store, IngestReport(), {}, _Caps(max_records, max_new_articles), batch_size, max_bytes,
               read_options, bar, window, reader or read_path)
    for path in files:
        if run.report.stopped:
            run.report.rejected.append(Rejection(str(path), run.report.stopped))
            continue
        try:
            stat = path.stat()
        except OSError:
            stat = None
        earlier: list[tuple[str, str, str | None]] = []
        if stat is not None and path.is_file():
            earlier, known = _stored_from(store, path, stat, run.options_key(path))
            if known is not None:
                run.report.unchanged_files += 1
                for article_id in known:
                    run.note_id(article_id, parsed=False)
                # What it refused when it was read is still refused: a re-run reports it again.
                run.report.rejected.extend(store.rejections_of_file(str(path)))
                continue
        _ingest_file(run, path, stat, {article_id for _, article_id, _ in earlier})
    _count_in_several(run.report, store, paths)
    return run.report


def _count_in_several(report: IngestReport, store, inputs) -> None:
    """``report.in_several``: of the articles read, those several files or records under the
    inputs hold (a count for the summary: a failure leaves it 0)."""
    try:
        roots = input_roots(inputs)
        for start in range(0, len(report.article_ids), 500):  # a chunk at a time: memory stays flat
            paths = store.source_paths_of(report.article_ids[start:start + 500])
            report.in_several += read_more_than_once(paths.values(), roots)
    except Exception:  # noqa: BLE001 - only a count for the summary; everything is stored
        pass


@dataclass
class _Caps:
    records: int | None
    new_articles: int | None

    def room(self, report: IngestReport) -> tuple[int | None, str | None]:
        """How many more records may be read, and the message of the cap that limits it."""
        room, message = None, None
        if self.records is not None:
            room, message = self.records - report.records, records_cap_message(self.records)
        if self.new_articles is not None:
            left = self.new_articles - report.stored
            if room is None or left < room:
                room, message = left, articles_cap_message(self.new_articles)
        return room, message


@dataclass
class _Run:
    """One ingest call: where it stores, what it has read, how it reads."""

    store: Any  # a store.sqlite.Store (the articles stage does not import the store)
    report: IngestReport
    # The articles read so far, new or not: {id: whether read from a file parsed in this call (else
    # only listed by an unchanged file)}. One dict, not a set of each: it is held for every record
    # of a call (millions), its keys the strings report.article_ids holds too.
    read: dict[str, bool]
    caps: _Caps
    batch_size: int
    max_bytes: int
    read_options: dict
    bar: Any  # a tqdm bar, or None
    window: DateWindow | None = None  # the publication dates stored (None: all)
    reader: Reader = read_path  # what gives a file's records (ingest's ``reader``)
    parsed_files: set[str] = field(default_factory=set)  # the files parsed so far (as given, and resolved)
    updated_ids: set[str] = field(default_factory=set)  # the articles replaced so far (counted once)

    def options_key(self, path: Path) -> str:
        return _options_key(self.read_options, path, self.window)

    def note_id(self, article_id: str, parsed: bool) -> None:
        """``article_id`` was read (``parsed``: from a file parsed in this call)."""
        if article_id not in self.read:
            self.report.article_ids.append(article_id)
            self.read[article_id] = parsed
        elif parsed:
            self.read[article_id] = True

    def parsed_before(self, article_id: str) -> bool:
        """Whether a file parsed earlier in this call gave ``article_id``."""
        return self.read.get(article_id, False)


def _ingest_file(run: _Run, path: Path, stat, earlier_ids: set[str]) -> None:
    """Store one file's records batch by batch, then mark the file as ingested.

    ``earlier_ids``: the articles the store had from this file, before this read: one of them
    read again is the same article wherever its record now sits (an item of a re-fetched feed
    moves down when new items come on top), so its correction replaces it; those the file no
    longer gives once it is read to its end are counted (and their rows of this file dropped).
    """
    report = run.report
    # Read again: what it refused before is recorded anew (a record fixed since is no longer refused).
    run.store.clear_rejections_of_file(str(path))
    # (The window goes to the readers: a JSON Lines / CSV record outside it is set aside unbuilt.)
    items = iter(run.reader(path, max_bytes=run.max_bytes, window=run.window, **run.read_options))
    # Of earlier_ids, those read again (the others are gone once the file is read to its end). Not
    # every id read: that set cost ~40 bytes a record of a file of millions.
    read_again: set[str] = set()
    articles_read = 0
    set_aside = 0  # records of the file set aside for their dates (they count as read)
    try:
        while True:
            room, cap_message = run.caps.room(report)
            if room is not None and room <= 0:
                # Is there anything left? Only then does the cap stop this file.
                if next(items, None) is not None:
                    report.stopped = cap_message
                    report.rejected.append(Rejection(str(path), cap_message))
                    return
                break
            batch = list(itertools.islice(items, run.batch_size if room is None else min(run.batch_size, room)))
            if not batch:
                break
            report.records += len(batch)
            try:
                as_stored(run.store, batch)
                before = len(batch)
                batch = _set_aside_outside(run, batch, earlier_ids, read_again)
                set_aside += before - len(batch)
                stored, updated, duplicates, rejected = _store_batch(run, batch, str(path), earlier_ids)
            except Exception as exc:  # noqa: BLE001 - one file's storage failure must not stop the batch
                report.rejected.append(
                    Rejection(str(path), f"could not be stored ({type(exc).__name__}: {exc})"))
                return
            report.stored += stored
            report.updated += updated
            report.duplicates += duplicates
            report.rejected.extend(rejected)
            for item in batch:
                if isinstance(item, Article):
                    articles_read += 1
                    if item.outlet == UNKNOWN_OUTLET:
                        report.unknown_outlet[str(path)] = report.unknown_outlet.get(str(path), 0) + 1
                    if item.id in earlier_ids:
                        read_again.add(item.id)
                    run.note_id(item.id, parsed=True)
            # A rejection of the file itself (too large or corrupt part-way) means it
            # was not read to its end: it must be read again next time.
            if any(i.source_path == str(path) for i in rejected):
                return
            if run.bar is not None:
                run.bar.set_postfix(articles=report.stored + report.updated + report.duplicates, refresh=False)
    finally:
        if hasattr(items, "close"):  # closes the file if reading stopped early
            items.close()
        run.parsed_files.update({str(path), os.path.realpath(path)})
    _finish_file(run, path, stat, earlier_ids - read_again, articles_read > 0 or set_aside > 0)


def as_stored(store, batch: list[Article | Rejection]) -> None:
    """Give each article of ``batch`` read under a new kind of id the id it is stored under in
    ``store`` (:meth:`store.articles.ArticleTables.stored_id`): a feed item an earlier version
    stored under its title id is that article, matched to its file's earlier records as any
    re-read article is, not stored a second time. The Ray engine calls it on what it read too."""
    if not any(isinstance(item, Article) and item.former_ids for item in batch):
        return  # (most records have no former id: no transaction for them)
    with store.transaction():
        for item in batch:
            if isinstance(item, Article) and item.former_ids:
                item.id = store.stored_id(item)


def _set_aside_outside(run: _Run, batch: list[Article | Rejection | SetAside], earlier_ids: set[str],
                       read_again: set[str]) -> list[Article | Rejection]:
    """``batch`` without the records published outside ``run.window`` (articles, and records a
    reader set aside unbuilt), which are counted, not stored. They still count as read from the
    file (``read_again``, when stored from it before): one stored from it before (with another window) keeps its source row,
    so it is neither dropped nor left behind. Only then is a set-aside record built, for its id:
    a file read for the first time, or whose earlier records were all set aside, builds none."""
    if run.window is None:
        return batch
    kept: list[Article | Rejection] = []
    with run.store.transaction():  # (one for the batch, as its storing)
        for item in batch:
            if isinstance(item, SetAside):
                run.report.outside_dates += 1
                if earlier_ids and isinstance(built := item.build(), Article):
                    as_stored(run.store, [built])
                    _read_outside(run, built, earlier_ids, read_again)
            elif isinstance(item, Article) and run.window.excludes(item.published):
                run.report.outside_dates += 1
                _read_outside(run, item, earlier_ids, read_again)
            else:
                kept.append(item)
    return kept


def _read_outside(run: _Run, article: Article, earlier_ids: set[str], read_again: set[str]) -> None:
    """An article set aside for its date is still its file's: one stored from it keeps its row."""
    if article.id in earlier_ids:
        read_again.add(article.id)
        run.store.keep_sources(article)


def _store_batch(run: _Run, batch: list[Article | Rejection], file_path: str,
                 earlier_ids: set[str] = frozenset()) -> tuple[int, int, int, list]:
    """Store ``batch`` in one transaction: (new, replaced, duplicate articles, rejections); the
    articles read otherwise but kept are counted in the report (:func:`_note_kept`).
    ``earlier_ids``: the articles the store had from this file before this read."""
    stored = updated = duplicates = 0
    rejected: list[Rejection] = []
    first_reads: set[str] = set()
    kept_ids: set[str] = set()  # named once a batch, however many records repeat it
    with run.store.transaction():
        for item in batch:
            if isinstance(item, Rejection):
                run.store.add_rejection(item)
                rejected.append(item)
                continue
            # Only an article's first read in this call may replace it (a file holding it
            # twice keeps the first, as two files do); the source paths are added after.
            # (An unchanged file skipped earlier in the call read nothing: it does not count.)
            fresh = not run.parsed_before(item.id) and item.id not in first_reads
            first_reads.add(item.id)
            # A copy read again in this call replaces the first only when newer by its own time.
            replaced = (run.store.replace_article(item, file_path, item.id in earlier_ids, run.parsed_files)
                        if fresh else run.store.replace_with_later(item))
            # No fingerprint yet: it is set once the whole file is stored.
            if run.store.add_article(item):
                stored += 1
            elif replaced:
                if item.id not in run.updated_ids:  # (counted and named once a call)
                    run.updated_ids.add(item.id)
                    updated += 1
                    if len(run.report.updated_named) < MAX_NAMED:
                        run.report.updated_named.append((item.title, file_path))
            else:
                duplicates += 1
                # Read otherwise than stored: kept, and said (also when this run read it first,
                # from another file or record: the first read wins unless newer by its own time,
                # and a person should know).
                if item.id not in kept_ids and run.store.stored_differs(item):
                    kept_ids.add(item.id)
                    _note_kept(run, item, file_path)
    return stored, updated, duplicates, rejected


def _note_kept(run: _Run, item: Article, file_path: str) -> None:
    """Count, and name with the files that hold it too, an article ``file_path`` reads otherwise
    than stored; one that only another record of the file holds is counted alone (a source's
    re-fetch in one file: nothing for a person to do). A copy stored from a file no longer there
    (an hourly folder rotated away) is named with that file: no other record of this one holds it."""
    others = run.store.other_files_holding(item.id, file_path)
    if not others:
        gone = run.store.gone_files_holding(item.id, file_path)
        if not gone:
            run.report.repeated_in_file += 1
            return
        others = [f"{f} (no longer there)" for f in gone]
    stored = run.store.article(item.id)
    cut = stored is not None and is_cut_down(item.text, stored.text)
    this_run = [other for other in others if other in run.parsed_files]
    same_run = bool(this_run)
    if same_run:  # the file read first in this run is the copy kept; one read before only holds it too
        others = this_run + [f"{other} (read before)" for other in others if other not in this_run]
    run.report.changed_kept += 1
    run.report.cut_kept += cut
    run.report.kept_before += not cut and not same_run
    if len(run.report.kept_named) < MAX_NAMED:
        run.report.kept_named.append(
            KeptAsStored(getattr(stored, "title", item.title), file_path, others, cut, same_run))


def _finish_file(run: _Run, path: Path, stat, gone: set[str], any_article: bool) -> None:
    """Mark a file read to its end as ingested: forget its rows of records it no longer holds,
    count the stored articles no file gives any more."""
    if not any_article:  # it gave no article (every record refused): its rows stay, to be read again
        return
    try:
        run.store.drop_sources_not_read_again(str(path))
        if gone:
            left = run.store.ids_without_sources(sorted(gone))  # (a set: named in a fixed order)
            run.report.left_behind += len(left)
            room = MAX_NAMED - len(run.report.left_behind_named)
            for article in sorted(run.store.articles(left[:max(room, 0)]), key=lambda a: (a.published, a.id)):
                run.report.left_behind_named.append((article.title, str(path)))
    except Exception:  # noqa: BLE001 - bookkeeping and a count for the summary; the file is stored
        pass
    if stat is None:
        return
    try:
        key = run.options_key(path)
        run.store.set_file_fingerprint(str(path), _fingerprint(path, stat, _sha1_of_file(path), key))
    except Exception as exc:  # noqa: BLE001 - stored records stay; the file is just read again next time
        run.report.rejected.append(
            Rejection(str(path), f"could not record the file as ingested ({type(exc).__name__}: {exc})"))
