"""``ingest``: files and folders into the store, one transaction per file.

A failure while reading or storing one file rolls back that file only; what
earlier files stored stays. Unchanged files (same size and modification time,
or same SHA-1) are skipped without parsing, so re-ingesting changes nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from articles.model import Article, Rejection
from articles.reader import DEFAULT_MAX_BYTES, read_path

# Web-page assets found next to saved pages: not articles, not worth a rejection line.
ASSET_EXTENSIONS = frozenset(
    ".js .mjs .css .map .png .jpg .jpeg .gif .webp .svg .ico .bmp .avif .woff .woff2 .ttf .otf "
    ".eot .mp4 .webm .mp3 .wav".split()
)
# Documentation files that sit in archive folders (seeds/README.md).
DOC_PREFIXES = ("readme", "license", "licence", "changelog", "copying")


@dataclass
class IngestReport:
    stored: int = 0  # new articles
    duplicates: int = 0  # articles already stored (same id); their source paths were added
    rejected: list[Rejection] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # every article read, new or not
    unchanged_files: int = 0  # skipped: already ingested and unchanged

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
    fingerprints = {fp for _, _, fp in rows if fp}
    if not rows or len(fingerprints) != 1:
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
    max_bytes: int = DEFAULT_MAX_BYTES,
    **read_options,
) -> IngestReport:
    """Read files/folders into ``store`` (a :class:`store.sqlite.Store`).

    Rejections are recorded in the store and returned in the report; they
    never interrupt the batch.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path given bare, not an iterable of its characters
    report = IngestReport()
    seen: set[str] = set()
    files = list(iter_files(paths))
    if progress:
        from tqdm import tqdm

        files = tqdm(files, unit="file", desc="ingest")

    def note_id(article_id: str) -> None:
        if article_id not in seen:
            seen.add(article_id)
            report.article_ids.append(article_id)

    for path in files:
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
        items = list(read_path(path, max_bytes=max_bytes, **read_options))
        fingerprint = None
        if stat is not None and any(isinstance(i, Article) for i in items):
            fingerprint = _fingerprint(path, stat, _sha1_of_file(path))
        stored = duplicates = 0
        rejected: list[Rejection] = []
        try:
            with store.transaction():
                for item in items:
                    if isinstance(item, Article):
                        if store.add_article(item, fingerprint=fingerprint):
                            stored += 1
                        else:
                            duplicates += 1
                    else:
                        store.add_rejection(item)
                        rejected.append(item)
        except Exception as exc:  # noqa: BLE001 - one file's storage failure must not stop the batch
            rejection = Rejection(str(path), f"could not be stored ({type(exc).__name__}: {exc})")
            report.rejected.append(rejection)
            continue
        report.stored += stored
        report.duplicates += duplicates
        report.rejected.extend(rejected)
        for item in items:
            if isinstance(item, Article):
                note_id(item.id)
    return report
