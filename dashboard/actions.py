"""What the dashboard's buttons do: thin calls into the library, no pipeline logic.

Uploads are checked (type, the per-upload size cap), saved under the workspace's
``uploads/`` folder and queued as a job: the background worker ingests, embeds
and groups them (:mod:`dashboard.jobs`), then deletes the files. Edits go
through ``clustering.edits`` inside one store transaction that first checks the
stories are still the versions the journalist saw (a conflicting edit is
refused and shown, never silently applied over someone else's); comparisons
are read from the store (the worker computes them) and exports go through
``comparison``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from articles.model import Article, Rejection
from dashboard import jobs
from store import StaleStoryError, Store

if TYPE_CHECKING:
    from comparison.model import Comparison

# File types the upload accepts (what articles.read_path reads).
UPLOAD_TYPES = ["md", "markdown", "txt", "html", "htm", "xml", "rss", "atom", "json", "jsonl", "csv", "gz"]
# One number with ingest (articles.MAX_INPUT_BYTES) and server.maxUploadSize in
# .streamlit/config.toml (which the browser enforces); checked again here.
MAX_UPLOAD_MB = jobs.MAX_UPLOAD_MB
MAX_UPLOAD_BYTES = jobs.MAX_UPLOAD_BYTES


# Bytes a saved upload's name may take (Linux allows 255 a name; the stamp and digest before it
# take 31): a Chinese file name takes three bytes a character, so a count of characters was not
# enough (a headline of 80 characters as a name made the whole upload fail).
MAX_SAVED_NAME_BYTES = 200


def safe_filename(name: str) -> str:
    """A file name that cannot leave the uploads folder or surprise a shell, under
    MAX_SAVED_NAME_BYTES, its type suffix (``.md``, ``.jsonl.gz``) kept: the reader picks the
    format by it."""
    base = Path(name.replace("\\", "/").replace("\x00", "_")).name
    raw_suffix = _suffix(base)
    if raw_suffix.lower() == ".gz":  # archive.jsonl.gz: read as JSON Lines
        raw_suffix = _suffix(base[: -len(raw_suffix)]) + raw_suffix
    suffix = re.sub(r"[^\w.\-]+", "_", raw_suffix)[-40:]
    stem = re.sub(r"[^\w.\-]+", "_", base[: len(base) - len(raw_suffix)]).strip("._") or "upload"
    room = MAX_SAVED_NAME_BYTES - len(suffix.encode())
    return (stem.encode()[:room].decode(errors="ignore").rstrip("._") or "upload") + suffix


def _suffix(name: str) -> str:
    """From the last dot on ("" when none): ``Path.suffix``, but a bare ".md" (what is left of
    a name "dir\\.md") keeps its type too."""
    _, dot, ext = name.rpartition(".")
    return dot + ext if ext else ""


def check_upload(name: str, size: int) -> str | None:
    """Why an uploaded file is refused before reading it (None when it is fine)."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in UPLOAD_TYPES:
        return f"unsupported file type '.{suffix}' (accepted: {', '.join(UPLOAD_TYPES)})"
    if size > MAX_UPLOAD_BYTES:
        return jobs.size_cap_message(size)
    if size == 0:
        return "file is empty"
    return None


def upload_cap_problem(n_before: int, bytes_before: int, size: int) -> str | None:
    """Why a file of ``size`` bytes is refused by the caps of one upload as a whole
    (jobs.MAX_UPLOAD_FILES, jobs.MAX_UPLOAD_TOTAL_BYTES), None when it fits: ``n_before`` files
    were chosen before it, and those accepted hold ``bytes_before`` bytes."""
    if n_before >= jobs.MAX_UPLOAD_FILES:
        return jobs.upload_files_cap_message()
    if bytes_before + size > jobs.MAX_UPLOAD_TOTAL_BYTES:
        return jobs.upload_total_cap_message()
    return None


def save_uploads(
    files: Iterable[tuple[str, bytes]], folder: Path
) -> tuple[dict[Path, str], list[Rejection]]:
    """Write acceptable uploads to ``folder``; returns {saved path: uploaded name}, refusals.

    The folder is made private (0700) and each file written new (0600, never through a link
    or over another file): uploads may be embargoed copy, and the folder's names are
    predictable. A file that cannot be written, or past the upload's caps of files and bytes
    (:func:`upload_cap_problem`), is refused with its reason, not the page; the others go on."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(PermissionError):  # (another user's folder: left as it is)
        folder.chmod(0o700)  # a folder an older version made, 0755 under the usual umask, too
    saved: dict[Path, str] = {}
    refused: list[Rejection] = []
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    total = 0  # bytes of the files accepted so far
    for n, (name, data) in enumerate(files):
        problem = check_upload(name, len(data)) or upload_cap_problem(n, total, len(data))
        if problem:
            refused.append(Rejection(name, problem))
            continue
        digest = hashlib.sha1(data).hexdigest()[:8]
        path = folder / f"{stamp}-{digest}-{safe_filename(name)}"
        if path in saved:  # the same file chosen twice
            continue
        try:
            saved[_write_new(path, data)] = name
            total += len(data)
        except OSError as exc:
            refused.append(Rejection(name, f"could not be saved for reading: {exc.strerror or exc}"))
    return saved, refused


def _write_new(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new private file at ``path`` (another session's file of the same
    name and moment: beside it, under a random prefix); the path written."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        path = path.with_name(f"{secrets.token_hex(4)}-{path.name}")
        fd = os.open(path, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except OSError:
        # (A disk full mid-write: the part written is no upload, and nothing would delete it.)
        path.unlink(missing_ok=True)
        raise
    return path


def queue_upload(store: Store, files: Iterable[tuple[str, bytes]], folder: Path) -> tuple[int | None, list[Rejection]]:
    """Save acceptable files and queue their ingest; returns the job id (None: nothing to do)
    and the files refused at once (type, size, empty)."""
    saved, refused = save_uploads(files, folder)
    if not saved:
        return None, refused
    params = {"files": [{"path": str(p), "name": name} for p, name in saved.items()]}
    return store.enqueue_job(jobs.UPLOAD, params, priority=jobs.PRIORITY_UPLOAD), refused


def queue_comparison(store: Store, story_id: str) -> int:
    """Ask the worker to compare a story now (one job per story however many ask)."""
    return store.enqueue_job(jobs.COMPARE, {"story_id": story_id}, priority=jobs.PRIORITY_COMPARE, unique=True)


def queue_recluster(store: Store) -> int:
    return store.enqueue_job(jobs.RECLUSTER, {}, priority=jobs.PRIORITY_UPLOAD, unique=True)


# ---- manual edits ---------------------------------------------------------
# Each runs in one transaction (BEGIN IMMEDIATE): the versions the journalist saw
# are checked and the edit reads the stories it changes under the write lock.
# ``seen``: {story id: version} as shown; a story changed since raises
# store.StaleStoryError and nothing is written.
def _check_seen(store: Store, seen: dict[str, int] | None, story_ids: list[str]) -> None:
    """Refuse an edit made on a stale view. A story the edit names that is gone (a
    regrouping replaced it between drawing the page and the click) is stale too, even
    when the view's versions were read after it went."""
    store.check_story_versions(seen or {})
    if seen is not None:
        present = store.story_versions(story_ids)
        gone = [sid for sid in story_ids if sid not in present]
        if gone:
            raise StaleStoryError(gone)


def move_article(store: Store, article_id: str, story_id: str, seen: dict[str, int] | None = None) -> str:
    from clustering import edits

    with store.transaction():
        _check_seen(store, seen, [story_id])
        return edits.move_article(store, article_id, story_id)


def merge_stories(store: Store, story_ids: list[str], seen: dict[str, int] | None = None) -> str:
    from clustering import edits

    with store.transaction():
        _check_seen(store, seen, list(story_ids))
        return edits.merge_stories(store, story_ids)


def split_story(store: Store, story_id: str, article_ids: list[str], seen: dict[str, int] | None = None) -> str:
    from clustering import edits

    with store.transaction():
        _check_seen(store, seen, [story_id])
        return edits.split_story(store, story_id, article_ids)


def rename_story(store: Store, story_id: str, label: str, seen: dict[str, int] | None = None) -> str:
    """Give a story an editor's headline ("" gives it back its automatic one)."""
    from clustering import edits

    with store.transaction():
        _check_seen(store, seen, [story_id])
        return edits.rename_story(store, story_id, label)


# ---- comparison and export ------------------------------------------------
def comparison_of(store: Store, story_id: str, found: list[Article]) -> tuple[Comparison | None, str | None]:
    """The stored comparison of a story (None while the worker has not made it) and its
    budget note (what was left out, or that the time budget stopped it)."""
    from comparison.story import comparison_from_dict

    data = jobs.cached_comparison(store, story_id, found)
    if data is None:
        return None, None
    return comparison_from_dict(data), data.get("budget")


def exports(comp: Comparison, articles: list[Article], stored: list[Article] | None = None,
            story: tuple[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """{format: (file content, mime type)} for the three export formats. ``articles``: as the
    story shows them (a roundup by its section); ``stored``: the stored articles of their ids,
    whose texts the exported offsets then index (:func:`comparison.story.in_stored_text`);
    ``story``: (id, headline), named in the Markdown report's heading."""
    from comparison import report
    from comparison.story import in_stored_text

    if stored is not None:
        comp, articles = in_stored_text(comp, articles, stored), stored
    as_json = report.to_json(comp, articles)
    if not isinstance(as_json, str):  # to_json gives the document; the file is its text
        as_json = json.dumps(as_json, ensure_ascii=False, indent=2)
    return {
        "Markdown": (report.to_markdown(comp, articles, story=story), "text/markdown"),
        "JSON": (as_json, "application/json"),
        "CSV": (report.to_csv(comp, articles), "text/csv"),
    }
