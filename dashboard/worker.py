"""The background worker: one process per workspace runs the jobs sessions queue.

    python -m dashboard.worker --db data/parallax.db            # serve jobs (started by the app)
    python -m dashboard.worker --db data/parallax.db --prepare  # build the workspace, then exit

The Streamlit server never clusters, embeds or compares itself: it queues a job
and starts this worker with ``subprocess`` when none runs (a lock file next to
the store says whether one does). The worker builds a fresh workspace, regroups
stories made by an older clusterer, runs queued jobs (most urgent first), and
when idle compares the multi-outlet stories ahead of time, so opening one is
instant. Comparisons run in a separate process (started with ``spawn``, never
``fork``) that is stopped past the time budget.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import logging
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from multiprocessing import get_context
from pathlib import Path

from dashboard import jobs

log = logging.getLogger("parallax.worker")

WORKER_ENV = "PARALLAX_WORKER"  # "off": the app starts no worker (tests drain jobs themselves)
IDLE_EXIT_S = 900.0
POLL_S = 0.3
# Comparing ahead of time waits this long after start: the server's first page
# (started at the same moment) gets the two cores first.
START_DELAY_S = 3.0
# The worker's CPU priority (``os.nice`` increment; its comparison process inherits it). Its work
# is background work (comparing ahead of time runs for minutes after a server starts), so a
# journalist's page, served by the server process on the same cores, goes first; alone on the
# machine the worker still has every idle core.
WORKER_NICE = 10


def lock_path(db: Path) -> Path:
    return Path(str(db) + ".worker.lock")


def _try_lock(db: Path, record_pid: bool = False):
    """The worker lock's open file when we got it, else None (another worker holds it).

    The holder's process id is written into it (``record_pid``), so tools that
    started a server can stop its worker too (:func:`stop_worker`).
    """
    # The workspace's folder may not exist yet: data/ on a fresh clone (scripts/run.sh's first
    # step, `--prepare`, failed there with FileNotFoundError), or a new --db folder.
    lock_path(db).parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path(db), "a+")  # noqa: SIM115 - held for the worker's lifetime
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    if record_pid:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
    return handle


def stop_worker(db: Path, timeout: float = 15.0) -> None:
    """Stop the worker serving ``db``, if one runs (SIGTERM, then SIGKILL)."""
    import signal

    if not worker_running(db):
        return
    try:
        pid = int(lock_path(db).read_text().strip() or 0)
    except (OSError, ValueError):
        return
    if pid <= 0:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while worker_running(db) and time.monotonic() < deadline:
        time.sleep(0.1)
    if worker_running(db):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def worker_running(db: Path) -> bool:
    if not lock_path(db).exists():
        return False
    handle = _try_lock(db)
    if handle is None:
        return True
    handle.close()  # closing releases the lock
    return False


_spawn_guard = threading.Lock()
_last_spawn: dict[str, float] = {}


def ensure_worker(db: Path) -> bool:
    """Start a worker for ``db`` unless one runs (or ``PARALLAX_WORKER=off``); True if started.

    A plain subprocess (fork + exec of a new interpreter): nothing of the
    server's threads or state is carried into it.
    """
    if os.environ.get(WORKER_ENV, "").lower() in ("off", "0", "no"):
        return False
    key = str(db)
    with _spawn_guard:
        if worker_running(db) or time.monotonic() - _last_spawn.get(key, -1e9) < 5.0:
            return False
        _last_spawn[key] = time.monotonic()
        db.parent.mkdir(parents=True, exist_ok=True)
        logfile = open(Path(str(db) + ".worker.log"), "ab")  # noqa: SIM115 - handed to the child
        subprocess.Popen(
            [sys.executable, "-m", "dashboard.worker", "--db", str(db), "--parent", str(os.getpid())],
            cwd=str(Path(__file__).resolve().parent.parent),
            stdin=subprocess.DEVNULL,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        logfile.close()
        return True


# ---- comparison in a child process, under the time budget ----------------------
def _compare_child(found: list) -> dict:
    import comparison

    return comparison.compare(found).to_dict()


def _warm_child() -> bool:
    import comparison  # noqa: F401 - loads the modules (and model) once

    return True


class CompareProcess:
    """One reusable comparison process; stopped (and replaced) when a comparison overruns."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def _get(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
        return self._pool

    def warm(self) -> None:
        self._get().submit(_warm_child)

    def __call__(self, found: list, timeout: float) -> dict:
        future = self._get().submit(_compare_child, found)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            self.stop()
            raise TimeoutError from None

    def stop(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)


# ---- the loop --------------------------------------------------------------------
def schedule_startup(store) -> None:
    """Queue what a workspace needs before anything else: building it, or regrouping it."""
    from dashboard import workspace

    if workspace.needs_bootstrap(store):
        store.enqueue_job(jobs.BOOTSTRAP, {}, priority=100, unique=True)
        return
    from clustering import pipeline

    if pipeline.stories_outdated(store):
        store.enqueue_job(jobs.RECLUSTER, {}, priority=100, unique=True)


def _comparison_queue(store, seed_ids: list[str]) -> list[str]:
    """Multi-outlet stories, the seed story first, then by outlets and size."""
    seed_stories = set(store.stories_of_articles(seed_ids).values())
    rows = []
    for story in store.stories():
        outlets = len(story.get("outlets", []))
        if outlets >= 2:
            rows.append((story["id"] not in seed_stories, -outlets, -len(story["members"]), story["id"]))
    return [row[-1] for row in sorted(rows)]


def _precompute_next(store, runner, done: set, seed_ids: list[str]) -> bool:
    """Compare one story not yet compared (cached in the store); False when all are."""
    versions = store.story_versions()
    for story_id in _comparison_queue(store, seed_ids):
        key = (story_id, versions.get(story_id))
        if key in done:
            continue
        done.add(key)
        try:
            result = jobs.run_compare(store, {"story_id": story_id}, lambda *_: None, runner)
        except Exception as exc:  # noqa: BLE001 - one story's failure must not stop the others
            log.warning("comparing %s failed: %s", story_id, exc)
            return True
        if not result.get("cached"):
            log.info("compared %s ahead of time", story_id)
        return True
    return False


def _parent_alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def serve(db: Path, parent: int | None = None, idle_exit: float = IDLE_EXIT_S, precompute: bool = True) -> int:
    from dashboard import workspace
    from store import Store

    handle = _try_lock(db, record_pid=True)
    if handle is None:
        log.info("another worker serves %s", db)
        return 0
    store = Store(db)
    runner = CompareProcess()
    import signal

    # SIGTERM ends the loop through the finally below (the comparison process is stopped too).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        requeued = store.requeue_running_jobs()
        if requeued:
            log.info("requeued %d job(s) a stopped worker left running", requeued)
        schedule_startup(store)
        seed_ids = workspace.seed_article_ids()
        done: set = set()
        started = idle_since = time.monotonic()
        warm = False
        while _parent_alive(parent):
            if precompute and not warm and time.monotonic() - started > START_DELAY_S:
                runner.warm()
                warm = True
            job = store.claim_job()
            if job is not None:
                log.info("job %s %s started", job["id"], job["kind"])
                jobs.run_job(store, job, runner, notify=lambda line, j=job: log.info("job %s %s", j["id"], line))
                log.info("job %s finished: %s", job["id"], (store.job(job["id"]) or {}).get("message"))
                idle_since = time.monotonic()
                continue
            if warm and _precompute_next(store, runner, done, seed_ids):
                continue
            if time.monotonic() - idle_since > idle_exit:
                log.info("idle for %.0f s: exiting", idle_exit)
                break
            time.sleep(POLL_S)
    finally:
        runner.stop()
        store.close()
        handle.close()
    return 0


def prepare(db: Path) -> int:
    """Build (or regroup) the workspace now, printing progress: ``scripts/run.sh`` runs this."""
    from store import Store

    handle = _try_lock(db, record_pid=True)
    if handle is None:
        print("a worker is already preparing this workspace", file=sys.stderr)
        return 0
    try:
        with Store(db) as store:
            store.requeue_running_jobs()
            schedule_startup(store)
            while (job := store.claim_job([jobs.BOOTSTRAP, jobs.RECLUSTER])) is not None:
                print(f"{jobs.KIND_LABELS[job['kind']]} …", flush=True)
                # (Behind a cron run holding the workspace: said here, not a silent terminal.)
                jobs.run_job(store, job, notify=lambda line: print(f"  {line}", flush=True))
                done = store.job(job["id"])
                print(f"  {done['state']}: {done['message']}  {done['result'] or ''}", flush=True)
    finally:
        handle.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    from dashboard.workspace import db_path
    from data_paths import DB_HELP, MODEL_DIR_HELP
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description="Parallax background worker", epilog=MODEL_DIR_HELP)
    parser.add_argument("--db", type=Path, default=None, help=DB_HELP)
    parser.add_argument("--parent", type=int, default=None, help="exit when this process ends")
    parser.add_argument("--idle-exit", type=float, default=IDLE_EXIT_S)
    parser.add_argument("--prepare", action="store_true", help="build or regroup the workspace, then exit")
    parser.add_argument("--no-precompute", action="store_true", help="do not compare stories ahead of time")
    parser.add_argument("--log", action="store_true", help="log to <db>.worker.log instead of stderr")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    db = args.db or db_path()
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s worker %(process)d %(message)s",
        filename=str(db) + ".worker.log" if args.log else None,
    )
    if args.prepare:  # in the foreground, before the server starts: nothing to yield to
        return prepare(db)
    os.nice(WORKER_NICE)  # here, not in serve(): a process-wide setting, for the worker process alone
    return serve(db, args.parent, args.idle_exit, precompute=not args.no_precompute)


if __name__ == "__main__":
    raise SystemExit(main())
