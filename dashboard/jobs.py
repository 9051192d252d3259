"""Background jobs: what the worker does for the dashboard, off the request path.

Sessions queue jobs in the store (``store.enqueue_job``) and watch their
progress there; one worker process (:mod:`dashboard.worker`) runs them. Each
job is a thin sequence of library calls: ingest (``articles.ingest``), embed
(``embeddings.embed_articles``), group (``clustering.pipeline``), compare
(``comparison.compare``). The caps and budgets that keep a shared server
responsive live here, each with a one-line message naming it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import articles
from articles.fields import DASHBOARD, read_in
from articles.model import Article, Rejection
from counted import counted
from store import Store
from store.runlock import RunHolder, lock_holder, run_lock

# ---- caps -----------------------------------------------------------------
# One number for the browser (server.maxUploadSize in .streamlit/config.toml),
# the dashboard's own check and ingest: the size cap of one input file.
MAX_UPLOAD_BYTES = articles.MAX_INPUT_BYTES
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024)
# Records (articles and bad records) one upload may hold.
MAX_UPLOAD_RECORDS = articles.MAX_RECORDS
# Files one upload may hold, and their bytes together: Streamlit keeps every file chosen in the
# server's memory while the session lasts (server.maxUploadSize caps each file only), and the
# worker ingests an upload as one job. Files past either cap are refused, each in one line; the
# others are added.
MAX_UPLOAD_FILES = 200
MAX_UPLOAD_TOTAL_MB = 100
MAX_UPLOAD_TOTAL_BYTES = MAX_UPLOAD_TOTAL_MB * 1024 * 1024
# Articles one workspace may hold (each is embedded, grouped and listed).
MAX_WORKSPACE_ARTICLES = 100_000

# ---- comparison budget ----------------------------------------------------
# Size: at most this many articles (one per outlet first), each cut to this many
# characters. Time: a comparison running longer is stopped; the story is shown
# without its facts, with a line saying so.
COMPARE_MAX_ARTICLES = 12
COMPARE_MAX_CHARS = 20_000
COMPARE_TIME_BUDGET_S = 60.0
# Comparisons made under a budget are cached under this prefix + the members'
# signature: they are not the full comparison ``comparison.compare_story`` caches.
BUDGET_PREFIX = "budget:"

BOOTSTRAP, RECLUSTER, UPLOAD, COMPARE = "bootstrap", "recluster", "upload", "compare"
KIND_LABELS = {
    BOOTSTRAP: "Building the demo workspace",
    RECLUSTER: "Regrouping all stories",
    UPLOAD: "Adding uploaded articles",
    COMPARE: "Comparing a story",
}
# Jobs a person waits for (open story) come before background ones.
PRIORITY_COMPARE = 10
PRIORITY_UPLOAD = 5

# An upload that grouped nothing, in the words of clustering.changes.change_counts (not imported
# for it: that loads the clustering stage).
NO_STORY_CHANGED = "no story changed"

Progress = Callable[[float, str], None]
CompareRunner = Callable[[list[Article], float], dict]


def size_cap_message(size: int) -> str:
    return (
        f"file is {size / 1024 / 1024:.1f} MB, over the per-upload size cap of {MAX_UPLOAD_MB} MB"
    )


def upload_files_cap_message() -> str:
    return f"past the cap of {MAX_UPLOAD_FILES} files per upload: add it in another upload"


def upload_total_cap_message() -> str:
    return (f"would take the upload past its cap of {MAX_UPLOAD_TOTAL_MB} MB in all: "
            "add it in another upload")


def workspace_cap_message() -> str:
    return f"workspace article cap reached: a workspace holds at most {MAX_WORKSPACE_ARTICLES:,} articles"


# ---- upload -----------------------------------------------------------------
def run_upload(store: Store, params: dict, progress: Progress) -> dict:
    """Ingest, embed and group uploaded files; the files are deleted afterwards."""
    files = [(Path(f["path"]), f["name"]) for f in params["files"]]
    names = {str(path): name for path, name in files}
    stopped = False
    try:
        room = MAX_WORKSPACE_ARTICLES - store.count_articles()
        if room <= 0:
            return {
                "stored": 0,
                "duplicates": 0,
                "article_ids": [],
                "stories_touched": [],
                "rejected": [[name, workspace_cap_message()] for _, name in files],
            }
        progress(0.02, f"Reading {len(files):,} file(s) …")
        with read_in(DASHBOARD):  # a rejection's hint says what to do in the dashboard, not --field alone
            report = articles.ingest(
                [str(p) for p, _ in files], store, max_records=MAX_UPLOAD_RECORDS, max_new_articles=room
            )
        rejected = [[uploaded_name(r.source_path, names), r.error] for r in report.rejected]
        ids = list(report.article_ids)
        _embed(store, ids, progress, 0.05, 0.85)
        touched, counts = [], NO_STORY_CHANGED
        if ids:
            progress(0.88, f"Grouping {len(ids):,} article(s) into stories …")
            touched, counts = _group_uploaded(store, ids)
        return {
            "stored": report.stored,
            "duplicates": report.duplicates,
            "article_ids": ids[:1000],
            "stories_touched": touched,
            "stories_changed": counts,
            "rejected": rejected,
            # Files whose articles name no outlet (stored as "unknown"), by the name uploaded.
            "unknown_outlet": [[uploaded_name(path, names), n] for path, n in report.unknown_outlet.items()],
        }
    except (SystemExit, KeyboardInterrupt):
        # The worker was stopped mid-job (SIGTERM): the next one requeues the job, which reads
        # the files again (deleted here, the upload had ended as "no such file", ungrouped).
        stopped = True
        raise
    finally:
        for path, _ in files if not stopped else ():  # ingested (or refused): nothing to keep
            with contextlib.suppress(OSError):
                path.unlink()


def _group_uploaded(store: Store, ids: list[str]) -> tuple[list[str], str]:
    """Group uploaded articles into stories: the ids of the stories created or grown, and
    their count in the pipeline's words ("5 new stories, 2 grew"): "N stories updated" had
    called new stories updated ones. A re-upload of stored files changes none, though its
    articles are named."""
    from clustering import pipeline
    from clustering.changes import change_counts

    # One transaction: the changes read are this update's record, not a later run's.
    with store.transaction():
        changed = pipeline.update_stories(store, article_ids=ids)
        if not changed:
            return [], NO_STORY_CHANGED
        _, changes = store.story_changes()
    touched = sorted({s.id for s in changed})
    return touched, change_counts(changes[sid] for sid in touched if sid in changes)


def upload_story_line(result: dict) -> str:
    """The stories part of an upload's summary; an upload recorded before new and grown
    stories were counted apart says how many it touched."""
    if "stories_changed" in result:
        return result["stories_changed"]
    return f"{counted(len(result.get('stories_touched', [])), 'story', 'stories')} updated"


def uploaded_name(source_path: str, by_path: dict[str, str]) -> str:
    """The name the journalist uploaded, keeping a record suffix ("file.jsonl#3")."""
    path, hash_sign, record = source_path.partition("#")
    name = by_path.get(path, Path(path).name)
    return f"{name}{hash_sign}{record}"


_BACKENDS: dict[str, object] = {}  # the worker's loaded model (one process, one workspace)


def _backend():
    import embeddings

    if "default" not in _BACKENDS:
        _BACKENDS["default"] = embeddings.get_backend(None)
    return _BACKENDS["default"]


EMBED_BATCH = 64


def _embed(store: Store, ids: list[str], progress: Progress, start: float, end: float) -> None:
    """Embed (and cache) the articles before grouping, so the grouping's write lock stays short."""
    import embeddings

    if not ids:
        return
    backend = _backend()
    for first in range(0, len(ids), EMBED_BATCH):
        chunk = store.articles(ids[first : first + EMBED_BATCH])
        embeddings.embed_articles(chunk, backend, store=store)
        done = min(first + EMBED_BATCH, len(ids))
        progress(start + (end - start) * done / len(ids), f"Embedded {done:,} / {counted(len(ids), 'article')}")


# ---- whole workspace ----------------------------------------------------------
def run_bootstrap(store: Store, params: dict, progress: Progress) -> dict:
    from dashboard import workspace

    report = workspace.bootstrap(
        store,
        step=lambda text: progress(-1, text),
        progress=lambda fraction, text: progress(0.1 + 0.7 * fraction, text),
    )
    return {"articles": report.articles, "stories": report.stories, "rejected": len(report.rejected)}


def run_recluster(store: Store, params: dict, progress: Progress) -> dict:
    from clustering import pipeline

    progress(0.1, f"Grouping {counted(store.count_articles(), 'article')} again (manual edits are kept) …")
    return {"stories": len(pipeline.recluster(store))}


# ---- comparison -------------------------------------------------------------
def within_budget(found: list[Article]) -> tuple[list[Article], str | None]:
    """The articles compared under the size budget, and a line saying what was left out."""
    # (imported here: the story list loads without comparison)
    from comparison.compare import clipped, one_per_outlet_first

    chosen = one_per_outlet_first(found, COMPARE_MAX_ARTICLES)
    notes = []
    if len(chosen) < len(found):
        notes.append(
            f"compared {len(chosen):,} of {counted(len(found), 'article')} (size budget: at most "
            f"{COMPARE_MAX_ARTICLES} per story, one per outlet first)"
        )
    cut = [a for a in chosen if len(a.text) > COMPARE_MAX_CHARS]
    if cut:
        notes.append(f"{len(cut)} article(s) compared on their first {COMPARE_MAX_CHARS:,} characters")
        chosen = [clipped(a, COMPARE_MAX_CHARS) for a in chosen]
    return chosen, ("; ".join(notes) or None)


def compare_inline(found: list[Article], timeout: float) -> dict:
    """Compare in this process (tests; the worker uses a separate process with a timeout)."""
    import comparison

    return comparison.compare(found).to_dict()


def cached_comparison(store: Store, story_id: str, found: list[Article]) -> dict | None:
    """The stored comparison of a story's current members (full or under a budget), if any."""
    import comparison

    signature = comparison.comparison_signature(found)
    return store.get_comparison(story_id, signature) or store.get_comparison(
        story_id, BUDGET_PREFIX + signature
    )


def run_compare(
    store: Store,
    params: dict,
    progress: Progress,
    runner: CompareRunner = compare_inline,
    time_budget: float = COMPARE_TIME_BUDGET_S,
) -> dict:
    """Compare one story under the size and time budgets; the result is cached in the store."""
    import comparison

    story_id = params["story_id"]
    story = store.story(story_id)
    if story is None:
        return {"story_id": story_id, "missing": True}
    from clustering import pipeline

    found = pipeline.story_articles(store, story)  # as the story view shows it
    if cached_comparison(store, story_id, found) is not None:
        return {"story_id": story_id, "cached": True}
    signature = comparison.comparison_signature(found)
    chosen, note = within_budget(found)
    progress(0.1, f"Comparing {counted(len(chosen), 'article')} …")
    try:
        data = runner(chosen, time_budget)
    except TimeoutError:
        note = (
            f"the comparison stopped at its {time_budget:.0f} s time budget: facts are not shown "
            "for this story (the articles are)"
        )
        data = {"article_ids": [a.id for a in chosen], "findings": [], "naming": [], "sources": {}, "quotes": []}
    if note:
        data["budget"] = note
        store.put_comparison(story_id, BUDGET_PREFIX + signature, data)
    else:
        store.put_comparison(story_id, signature, data)
    return {"story_id": story_id, "budget": note}


# ---- dispatch -----------------------------------------------------------------
HANDLERS = {
    BOOTSTRAP: run_bootstrap,
    RECLUSTER: run_recluster,
    UPLOAD: run_upload,
}


def _one_run_at_a_time(store: Store, job: dict, progress: Progress, notify: Callable[[str], None] | None = None,
                       ) -> contextlib.AbstractContextManager[None]:
    """The store's run lock (:mod:`store.runlock`) for a job that ingests or groups: a
    ``python -m clustering`` run on the same workspace meanwhile would take an upload's stored,
    not yet grouped articles for a killed run's and group them too. The job waits for such a
    run, saying so in its progress line, which names the run and since when it holds the
    workspace (what its lock file records), so every session sees why the job does not move;
    ``notify`` gets the same line (the worker's log, ``--prepare``'s terminal)."""
    if str(store.path) == ":memory:":  # (no file, no other process)
        return contextlib.nullcontext()

    def waiting(_line: str) -> None:
        message = waiting_message(lock_holder(store.path))
        progress(-1, message)
        if notify is not None:
            notify(message)

    return run_lock(store.path, on_wait=waiting, what=f"the dashboard worker: {KIND_LABELS.get(job['kind'], job['kind'])}")


def waiting_message(holder: RunHolder | None) -> str:
    """A waiting job's progress line: which run it waits for and since when, as far as known."""
    known = f" ({holder.describe()})" if holder is not None else ""
    return f"waiting for a command-line run on this workspace to finish{known}"


def run_job(store: Store, job: dict, runner: CompareRunner = compare_inline,
            notify: Callable[[str], None] | None = None) -> None:
    """Run one claimed job, recording progress, result or a one-line failure in the store
    (``notify``: also told when the job waits for another run)."""

    def progress(fraction: float, message: str) -> None:
        current = store.job(job["id"])
        store.update_job(job["id"], fraction if fraction >= 0 else current["progress"], message)

    try:
        if job["kind"] == COMPARE:
            result = run_compare(store, job["params"], progress, runner)
        else:
            with _one_run_at_a_time(store, job, progress, notify):
                result = HANDLERS[job["kind"]](store, job["params"], progress)
    except Exception as exc:  # noqa: BLE001 - the job fails with one line; the worker goes on
        lines = str(exc).strip().splitlines()
        store.finish_job(job["id"], {}, failed=True, message=f"{type(exc).__name__}: {lines[0] if lines else ''}")
        return
    store.finish_job(job["id"], result, message="done")


def drain(store: Store, runner: CompareRunner = compare_inline, limit: int | None = None) -> int:
    """Run queued jobs until none is left (or ``limit`` ran); returns how many ran."""
    ran = 0
    while limit is None or ran < limit:
        job = store.claim_job()
        if job is None:
            break
        run_job(store, job, runner)
        ran += 1
    return ran


def rejections(result: dict) -> list[Rejection]:
    return [Rejection(name, error) for name, error in result.get("rejected", [])]
