"""``ingest``: files and folders into the store, one transaction per batch.

Records are read lazily and stored in transactions of :data:`BATCH_SIZE`
records, so a large JSON Lines / CSV file keeps memory flat. A failure while
storing rolls back the current batch only: earlier files and earlier batches
of the same file stay stored. Unchanged files (same size and modification
time, or same SHA-1) are skipped without parsing, so re-ingesting changes
nothing; a file counts as ingested only once it was read to its end.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from articles.model import Article, Rejection
from articles.reader import MAX_INPUT_BYTES, read_path

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


@dataclass
class IngestReport:
    stored: int = 0  # new articles
    duplicates: int = 0  # articles already stored (same id); their source paths were added
    rejected: list[Rejection] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # every article read, new or not
    unchanged_files: int = 0  # skipped: already ingested and unchanged
    records: int = 0  # records read (articles and rejected records) from changed files
    stopped: str | None = None  # the cap that stopped reading, if one did

    def summary(self) -> str:
        return f"{self.stored} articles stored, {self.duplicates} duplicates, {len(self.rejected)} rejected"


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


def _fingerprint(path: Path, stat: os.stat_result, data_sha1: str) -> str:
    return f"{stat.st_size}:{stat.st_mtime_ns}:{data_sha1}"


def _sha1_of_file(path: Path) -> str:
    digest = hashlib.sha1()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _unchanged_ids(store, path: Path, stat: os.stat_result) -> list[str] | None:
    """Article ids of ``path`` when it was ingested before and has not changed since."""
    rows = store.sources_of_file(str(path))
    fingerprints = {fp for _, _, fp in rows}
    # A row without a fingerprint belongs to a file whose ingest did not finish.
    if not rows or len(fingerprints) != 1 or None in fingerprints:
        return None
    size, mtime, sha1 = next(iter(fingerprints)).split(":", 2)
    if size != str(stat.st_size):
        return None
    if mtime != str(stat.st_mtime_ns) and sha1 != _sha1_of_file(path):
        return None
    return [article_id for _, article_id, _ in rows]


def ingest(
    paths: Iterable[str | os.PathLike],
    store,
    progress: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
    batch_size: int = BATCH_SIZE,
    max_records: int | None = None,
    max_new_articles: int | None = None,
    **read_options,
) -> IngestReport:
    """Read files/folders into ``store`` (a :class:`store.sqlite.Store`).

    Rejections are recorded in the store and returned in the report; they
    never interrupt the batch. ``max_bytes`` caps each file (decompressed
    size for gzip'd files); ``batch_size`` records are stored per transaction.
    ``max_records`` caps the records read in this call (all files together),
    ``max_new_articles`` the new articles stored: past a cap, reading stops,
    what was read stays stored, and one rejection line names the cap
    (``report.stopped``); the file is read again, to its end, next time.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path given bare, not an iterable of its characters
    report = IngestReport()
    seen: set[str] = set()
    files = list(iter_files(paths))
    bar = None
    if progress:
        from tqdm import tqdm

        files = bar = tqdm(files, unit="file", desc="ingest")

    def note_id(article_id: str) -> None:
        if article_id not in seen:
            seen.add(article_id)
            report.article_ids.append(article_id)

    caps = _Caps(max_records, max_new_articles)
    for path in files:
        if report.stopped:
            report.rejected.append(Rejection(str(path), report.stopped))
            continue
        try:
            stat = path.stat()
        except OSError:
            stat = None
        if stat is not None and path.is_file():
            known = _unchanged_ids(store, path, stat)
            if known is not None:
                report.unchanged_files += 1
                for article_id in known:
                    note_id(article_id)
                continue
        _ingest_file(path, stat, store, report, note_id, batch_size, max_bytes, read_options, bar, caps)
    return report


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


def _ingest_file(path: Path, stat, store, report: IngestReport, note_id, batch_size: int,
                 max_bytes: int, read_options: dict, bar, caps: _Caps) -> None:
    """Store one file's records batch by batch, then mark the file as ingested."""
    items = read_path(path, max_bytes=max_bytes, **read_options)
    any_article = complete = False
    try:
        while True:
            room, cap_message = caps.room(report)
            if room is not None and room <= 0:
                # Is there anything left? Only then does the cap stop this file.
                if next(items, None) is not None:
                    report.stopped = cap_message
                    report.rejected.append(Rejection(str(path), cap_message))
                    return
                complete = True
                break
            batch = list(itertools.islice(items, batch_size if room is None else min(batch_size, room)))
            if not batch:
                complete = True
                break
            report.records += len(batch)
            stored = duplicates = 0
            rejected: list[Rejection] = []
            try:
                with store.transaction():
                    for item in batch:
                        if isinstance(item, Article):
                            # No fingerprint yet: it is set once the whole file is stored.
                            if store.add_article(item):
                                stored += 1
                            else:
                                duplicates += 1
                        else:
                            store.add_rejection(item)
                            rejected.append(item)
            except Exception as exc:  # noqa: BLE001 - one file's storage failure must not stop the batch
                report.rejected.append(
                    Rejection(str(path), f"could not be stored ({type(exc).__name__}: {exc})"))
                return
            report.stored += stored
            report.duplicates += duplicates
            report.rejected.extend(rejected)
            for item in batch:
                if isinstance(item, Article):
                    any_article = True
                    note_id(item.id)
            # A rejection of the file itself (too large or corrupt part-way) means
            # it was not read to its end: it must be read again next time.
            if any(isinstance(i, Rejection) and i.source_path == str(path) for i in rejected):
                return
            if bar is not None:
                bar.set_postfix(articles=report.stored + report.duplicates, refresh=False)
    finally:
        items.close()  # closes the file if reading stopped early
    if complete and any_article and stat is not None:
        try:
            store.set_file_fingerprint(str(path), _fingerprint(path, stat, _sha1_of_file(path)))
        except Exception as exc:  # noqa: BLE001 - stored records stay; the file is just read again next time
            report.rejected.append(
                Rejection(str(path), f"could not record the file as ingested ({type(exc).__name__}: {exc})"))
