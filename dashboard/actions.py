"""What the dashboard's buttons do: thin calls into the library, no pipeline logic.

Uploads are checked (type, size), saved under the workspace's ``uploads/``
folder, ingested with ``articles.ingest`` and grouped with
``clustering.pipeline.update_stories``; edits go through ``clustering.edits``;
comparisons and exports through ``comparison``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from articles.model import Article, Rejection
from comparison.model import Comparison
from store import Store

# File types the upload accepts (what articles.read_path reads).
UPLOAD_TYPES = ["md", "markdown", "txt", "html", "htm", "xml", "rss", "atom", "jsonl", "csv"]
# Must match server.maxUploadSize in .streamlit/config.toml (which the browser enforces);
# checked again here because the server-side limit is only as good as its config.
MAX_UPLOAD_MB = 50
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024


@dataclass
class UploadResult:
    """What an upload did, shown to the journalist after it."""

    files: int = 0
    stored: int = 0
    duplicates: int = 0
    article_ids: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)  # source_path = the uploaded name
    stories_touched: list[str] = field(default_factory=list)
    error: str | None = None


def safe_filename(name: str) -> str:
    """A file name that cannot leave the uploads folder or surprise a shell."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^\w.\-]+", "_", base, flags=re.UNICODE).strip("._") or "upload"
    return base[-120:]


def check_upload(name: str, size: int) -> str | None:
    """Why an uploaded file is refused before reading it (None when it is fine)."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in UPLOAD_TYPES:
        return f"unsupported file type '.{suffix}' (accepted: {', '.join(UPLOAD_TYPES)})"
    if size > MAX_UPLOAD_BYTES:
        return f"file is {size / 1024 / 1024:.1f} MB, over the {MAX_UPLOAD_MB} MB upload limit"
    if size == 0:
        return "file is empty"
    return None


def save_uploads(
    files: list[tuple[str, bytes]], folder: Path
) -> tuple[dict[Path, str], list[Rejection]]:
    """Write acceptable uploads to ``folder``; returns {saved path: uploaded name}, refusals."""
    folder.mkdir(parents=True, exist_ok=True)
    saved: dict[Path, str] = {}
    refused: list[Rejection] = []
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for name, data in files:
        problem = check_upload(name, len(data))
        if problem:
            refused.append(Rejection(name, problem))
            continue
        digest = hashlib.sha1(data).hexdigest()[:8]
        path = folder / f"{stamp}-{digest}-{safe_filename(name)}"
        path.write_bytes(data)
        saved[path] = name
    return saved, refused


def add_uploads(store: Store, files: list[tuple[str, bytes]], folder: Path) -> UploadResult:
    """Save, ingest and group uploaded files; every problem becomes a listed rejection."""
    import articles
    from clustering import pipeline

    result = UploadResult(files=len(files))
    saved, result.rejected = save_uploads(files, folder)
    if not saved:
        return result
    report = articles.ingest([str(p) for p in saved], store)
    by_path = {str(p): name for p, name in saved.items()}
    result.stored = report.stored
    result.duplicates = report.duplicates
    result.article_ids = list(report.article_ids)
    result.rejected += [
        Rejection(_uploaded_name(r.source_path, by_path), r.error) for r in report.rejected
    ]
    if result.article_ids:
        pipeline.update_stories(store, article_ids=result.article_ids)
        result.stories_touched = sorted(
            {sid for a in result.article_ids if (sid := store.story_of_article(a))}
        )
    return result


def _uploaded_name(source_path: str, by_path: dict[str, str]) -> str:
    """The name the journalist uploaded, keeping a record suffix ("file.jsonl#3")."""
    path, hash_sign, record = source_path.partition("#")
    name = by_path.get(path, Path(path).name)
    return f"{name}{hash_sign}{record}"


# ---- manual edits ---------------------------------------------------------
def move_article(store: Store, article_id: str, story_id: str) -> None:
    from clustering import edits

    edits.move_article(store, article_id, story_id)


def merge_stories(store: Store, story_ids: list[str]) -> str:
    from clustering import edits

    return edits.merge_stories(store, story_ids)


def split_story(store: Store, story_id: str, article_ids: list[str]) -> str:
    from clustering import edits

    return edits.split_story(store, story_id, article_ids)


# ---- comparison and export ------------------------------------------------
def compare_story(store: Store, story_id: str) -> Comparison:
    import comparison

    return comparison.compare_story(store, story_id)


def exports(comp: Comparison, articles: list[Article]) -> dict[str, tuple[str, str]]:
    """{format: (file content, mime type)} for the three export formats."""
    from comparison import report

    as_json = report.to_json(comp, articles)
    if not isinstance(as_json, str):  # to_json gives the document; the file is its text
        as_json = json.dumps(as_json, ensure_ascii=False, indent=2)
    return {
        "Markdown": (report.to_markdown(comp, articles), "text/markdown"),
        "JSON": (as_json, "application/json"),
        "CSV": (report.to_csv(comp, articles), "text/csv"),
    }
