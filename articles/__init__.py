"""Articles stage: read news archives into normalized, deduplicated articles.

Public API: :func:`read_path` (one file -> articles and rejections),
:func:`ingest` (files/folders -> the store, with an :class:`IngestReport`),
and the :class:`Article` / :class:`Rejection` dataclasses.
:data:`MAX_INPUT_BYTES` is the default size cap of one input file (use it
for upload limits, so uploads and ingest agree); :data:`MAX_RECORDS` the records
one upload may hold (``ingest(..., max_records=...)``).
"""

from articles.ingest import MAX_RECORDS, IngestReport, ingest, iter_files
from articles.model import Article, Rejection
from articles.reader import DEFAULT_MAX_BYTES, MAX_INPUT_BYTES, read_bytes, read_path, read_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_INPUT_BYTES",
    "MAX_RECORDS",
    "Article",
    "IngestReport",
    "Rejection",
    "ingest",
    "iter_files",
    "read_bytes",
    "read_path",
    "read_text",
]
