"""SQLite persistence for every stage: one file, transactions per batch.

The store speaks the articles stage's dataclasses and plain dicts/arrays for the
later stages (stories and comparisons are stored as their ``to_dict()`` JSON), so
it depends on no stage after ingest.

One :class:`Store` may be shared by many threads (Streamlit serves each session
on its own threads): every thread gets its own SQLite connection and its own
transaction depth, so one session's rollback never touches another's work.
Writes run in ``BEGIN IMMEDIATE`` (the write lock is taken before anything is
read), so a read-compute-write inside :meth:`Store.transaction` sees what it
changes. Stories carry a version, bumped whenever their content changes, so an
edit made on a stale view can be refused (:meth:`Store.check_story_versions`)
instead of silently overwriting another user's change.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from data_paths import DEFAULT_DB, default_db
from store.articles import ARTICLES_SEQ, ArticleTables, reread_files_of_linkless_records
from store.jobs import JobQueue
from store.stories import STORY_SEQ, StaleStoryError, StoryTables, upgrade_last_run_changes

# DEFAULT_DB, default_db: re-exported from their home (data_paths); StaleStoryError: its old home
__all__ = ["DEFAULT_DB", "SCHEMA", "StaleStoryError", "Store", "default_db"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    outlet TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    published TEXT NOT NULL,
    language TEXT NOT NULL,
    script TEXT,
    paragraphs TEXT NOT NULL,
    captions TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    fingerprint TEXT
);
CREATE INDEX IF NOT EXISTS sources_article ON sources(article_id);
-- An id a record is read under now -> the article it is stored as, under the id an earlier
-- version gave it (store.articles.ArticleTables.stored_id).
CREATE TABLE IF NOT EXISTS article_aliases (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS article_aliases_article ON article_aliases(article_id);
-- The fingerprint of a file read to its end that no source row names: every record of it was set
-- aside for its date (python -m clustering --since/--until), so none was stored.
CREATE TABLE IF NOT EXISTS unstored_files (
    path TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rejections (
    path TEXT PRIMARY KEY,
    error TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, content_hash)
);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS story_members (
    story_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX IF NOT EXISTS story_members_article ON story_members(article_id);
CREATE TABLE IF NOT EXISTS change_runs (
    run INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS change_runs_at ON change_runs(at);
CREATE TABLE IF NOT EXISTS change_records (
    run INTEGER NOT NULL,
    story_id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (run, story_id)
);
CREATE TABLE IF NOT EXISTS story_moves (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS comparisons (
    story_id TEXT PRIMARY KEY,
    signature TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS edits (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op TEXT NOT NULL,
    payload TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    params TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    progress REAL NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    result TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state, priority, id);
"""

# Seconds a writer waits for another connection's write lock before giving up.
BUSY_TIMEOUT_S = 120


class Store(ArticleTables, StoryTables, JobQueue):
    """All persisted state of one Parallax workspace.

    Writes happen inside :meth:`transaction` blocks (or the batch methods, which
    open one each), so a crash mid-batch leaves what was stored before intact.
    """

    def __init__(self, path: str | Path = DEFAULT_DB):
        self.path = Path(path)
        if str(path) == ":memory:":
            # One in-memory database shared by this store's connections.
            self._uri = f"file:parallax-{uuid.uuid4().hex}?mode=memory&cache=shared"
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._uri = None
        self._local = threading.local()
        self._lock = threading.Lock()
        # Open connections by thread, so close() closes them all and the
        # connections of finished threads are closed instead of leaking.
        self._conns: list[tuple[weakref.ref, sqlite3.Connection]] = []
        self._closed = False
        first = self.conn  # creates the schema (and keeps an in-memory database alive)
        first.executescript(SCHEMA)
        self._migrate(first)

    def _connect(self) -> sqlite3.Connection:
        if self._uri:
            conn = sqlite3.connect(self._uri, uri=True, check_same_thread=False, isolation_level=None)
        else:
            conn = sqlite3.connect(
                str(self.path), check_same_thread=False, isolation_level=None,
                timeout=BUSY_TIMEOUT_S,
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self._closed:
                raise sqlite3.ProgrammingError("Cannot operate on a closed store.")
            conn = self._connect()
            self._local.conn = conn
            self._local.depth = 0
            with self._lock:
                alive = []
                for ref, other in self._conns:
                    thread = ref()
                    if thread is None or not thread.is_alive():
                        other.close()  # its thread has ended
                    else:
                        alive.append((ref, other))
                alive.append((weakref.ref(threading.current_thread()), conn))
                self._conns = alive
        return conn

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        """Columns and tables added after a store was first written (new tables are made by
        :data:`SCHEMA`; what an older table held is moved into them here)."""
        columns = {r["name"] for r in conn.execute("PRAGMA table_info(stories)")}
        if "version" not in columns:
            conn.execute("ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 0")
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='story_changes'").fetchone():
            upgrade_last_run_changes(conn)  # the last run's record, from before the change history
        reread_files_of_linkless_records(conn)  # feed items stored under title ids, before session 36

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for _, conn in self._conns:
                conn.close()
            self._conns = []
        self._local = threading.local()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work of this thread; nests (inner blocks join the outer one).

        ``BEGIN IMMEDIATE`` takes the write lock first, so everything read inside
        the block is what the block's writes change: no other connection can write
        in between (it waits, up to :data:`BUSY_TIMEOUT_S`).
        """
        conn = self.conn
        local = self._local
        if local.depth == 0:
            conn.execute("BEGIN IMMEDIATE")
        local.depth += 1
        try:
            yield conn
        except BaseException:
            local.depth -= 1
            if local.depth == 0:
                conn.execute("ROLLBACK")
            raise
        local.depth -= 1
        if local.depth == 0:
            conn.execute("COMMIT")

    def in_transaction(self) -> bool:
        return getattr(self._local, "depth", 0) > 0

    def fingerprint(self) -> tuple:
        """Changes whenever articles, stories or manual edits change (a cache key for views)."""
        c = self.conn
        articles = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        stories = c.execute("SELECT COUNT(*), COALESCE(MAX(version), 0) FROM stories").fetchone()
        edits = c.execute("SELECT COALESCE(MAX(seq), 0) FROM edits").fetchone()[0]
        last_run = c.execute("SELECT COALESCE(MAX(run), 0) FROM change_runs").fetchone()[0]
        return (str(self.path), articles, stories[0], stories[1], edits, self.get_meta(STORY_SEQ),
                self.get_meta(ARTICLES_SEQ), last_run)

    def integrity_check(self) -> str:
        """SQLite's own check of the file ("ok" when sound)."""
        return "; ".join(r[0] for r in self.conn.execute("PRAGMA integrity_check"))

    # ---- small key/value settings ----------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row["value"] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (key, value))
