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

import json
import sqlite3
import threading
import uuid
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from articles.model import Article, Rejection
from store.jobs import JobQueue

DEFAULT_DB = Path("data") / "parallax.db"

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
# Meta key of the counter that story versions are drawn from.
_STORY_SEQ = "story_version_seq"


class StaleStoryError(RuntimeError):
    """An edit was made on a view of stories that another user or job changed since."""

    def __init__(self, story_ids: list[str]):
        self.story_ids = story_ids
        super().__init__(
            "changed by someone else since you opened it: "
            + ", ".join(story_ids[:3])
            + (" …" if len(story_ids) > 3 else "")
        )


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _article_from_row(row: sqlite3.Row, paths: list[str]) -> Article:
    return Article(
        id=row["id"],
        outlet=row["outlet"],
        title=row["title"],
        url=row["url"],
        published=datetime.fromisoformat(row["published"]),
        language=row["language"],
        script=row["script"],
        paragraphs=json.loads(row["paragraphs"]),
        captions=json.loads(row["captions"]),
        source_paths=paths,
    )


class Store(JobQueue):
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
        """Columns added after a store was first written."""
        columns = {r["name"] for r in conn.execute("PRAGMA table_info(stories)")}
        if "version" not in columns:
            conn.execute("ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 0")

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

    # ---- articles -------------------------------------------------------
    def add_article(self, article: Article, fingerprint: str | None = None) -> bool:
        """Store ``article``; returns False when its id was already stored.

        A duplicate is not stored again, but the paths it was read from are
        added to the stored article's sources.
        """
        with self.transaction() as c:
            exists = c.execute("SELECT 1 FROM articles WHERE id=?", (article.id,)).fetchone()
            if not exists:
                c.execute(
                    "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        article.id,
                        article.outlet,
                        article.title,
                        article.url,
                        article.published.isoformat(),
                        article.language,
                        article.script,
                        json.dumps(article.paragraphs, ensure_ascii=False),
                        json.dumps(article.captions, ensure_ascii=False),
                        article.content_hash,
                        _now(),
                    ),
                )
            for path in article.source_paths:
                c.execute(
                    "INSERT OR REPLACE INTO sources VALUES (?,?,?)",
                    (path, article.id, fingerprint),
                )
                c.execute("DELETE FROM rejections WHERE path=?", (path,))
            return not exists

    def source_fingerprint(self, path: str) -> str | None:
        """Fingerprint recorded when ``path`` was last ingested (None if never)."""
        row = self.conn.execute("SELECT fingerprint FROM sources WHERE path=?", (path,)).fetchone()
        return row["fingerprint"] if row else None

    def sources_of_file(self, path: str) -> list[tuple[str, str, str | None]]:
        """``(source path, article id, fingerprint)`` rows of a file and its records.

        Files holding many articles (JSON Lines, CSV, feeds) record each one as
        ``path#N``; this finds those along with ``path`` itself.
        """
        rows = self.conn.execute(
            "SELECT path, article_id, fingerprint FROM sources"
            " WHERE path=? OR (path >= ? AND path < ?) ORDER BY rowid",
            (path, path + "#", path + "$"),
        )
        return [(r["path"], r["article_id"], r["fingerprint"]) for r in rows]

    def set_file_fingerprint(self, path: str, fingerprint: str | None) -> None:
        """Record ``fingerprint`` on every source row of a file and its ``path#N`` records.

        Ingest writes a large file's records in several transactions without a
        fingerprint and sets it once the whole file is stored, so a file cut
        short by a crash is never mistaken for an unchanged, complete one.
        """
        with self.transaction() as c:
            c.execute(
                "UPDATE sources SET fingerprint=? WHERE path=? OR (path >= ? AND path < ?)",
                (fingerprint, path, path + "#", path + "$"),
            )

    def article_ids_for_source(self, path: str) -> list[str]:
        rows = self.conn.execute("SELECT article_id FROM sources WHERE path=?", (path,))
        return [r["article_id"] for r in rows]

    def add_rejection(self, rejection: Rejection) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT OR REPLACE INTO rejections VALUES (?,?,?)",
                (rejection.source_path, rejection.error, _now()),
            )

    def rejections(self) -> list[Rejection]:
        rows = self.conn.execute("SELECT path, error FROM rejections ORDER BY path")
        return [Rejection(r["path"], r["error"]) for r in rows]

    def _paths_by_article(self, ids: list[str] | None) -> dict[str, list[str]]:
        paths: dict[str, list[str]] = {}
        if ids is None:
            rows = self.conn.execute("SELECT path, article_id FROM sources ORDER BY path")
        else:
            rows = []
            for chunk in _chunks(ids, 500):
                q = f"SELECT path, article_id FROM sources WHERE article_id IN ({_marks(chunk)}) ORDER BY path"
                rows += self.conn.execute(q, chunk).fetchall()
        for r in rows:
            paths.setdefault(r["article_id"], []).append(r["path"])
        return paths

    def articles(
        self,
        ids: Iterable[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[Article]:
        """Stored articles, oldest first (or in the order of ``ids`` when given)."""
        if ids is not None:
            id_list = list(dict.fromkeys(ids))
            rows = []
            for chunk in _chunks(id_list, 500):
                q = f"SELECT * FROM articles WHERE id IN ({_marks(chunk)})"
                rows += self.conn.execute(q, chunk).fetchall()
            order = {i: n for n, i in enumerate(id_list)}
            rows.sort(key=lambda r: order[r["id"]])
        else:
            clauses, args = [], []
            if since is not None:
                clauses.append("published >= ?")
                args.append(since.astimezone(UTC).isoformat())
            if until is not None:
                clauses.append("published < ?")
                args.append(until.astimezone(UTC).isoformat())
            where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
            rows = self.conn.execute(
                f"SELECT * FROM articles {where} ORDER BY published, id", args
            ).fetchall()
            id_list = None if not clauses else [r["id"] for r in rows]
        paths = self._paths_by_article(id_list if ids is None else [r["id"] for r in rows])
        return [_article_from_row(r, paths.get(r["id"], [])) for r in rows]

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def count_articles(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def count_stories(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]

    # ---- embedding cache --------------------------------------------------
    def get_embeddings(self, model: str, content_hashes: list[str]) -> dict[str, np.ndarray]:
        """Cached vectors for the hashes that have one (float32)."""
        found: dict[str, np.ndarray] = {}
        for chunk in _chunks(list(dict.fromkeys(content_hashes)), 500):
            q = f"SELECT content_hash, vector FROM embeddings WHERE model=? AND content_hash IN ({_marks(chunk)})"
            for r in self.conn.execute(q, [model, *chunk]):
                found[r["content_hash"]] = np.frombuffer(r["vector"], dtype=np.float32)
        return found

    def put_embeddings(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        with self.transaction() as c:
            c.executemany(
                "INSERT OR REPLACE INTO embeddings VALUES (?,?,?)",
                [
                    (model, h, np.asarray(v, dtype=np.float32).tobytes())
                    for h, v in vectors.items()
                ],
            )

    # ---- stories ----------------------------------------------------------
    def replace_stories(self, stories: list[dict]) -> None:
        """Replace all stories at once (a batch clustering run).

        A story whose content is unchanged keeps its version, so views of it stay valid.
        """
        with self.transaction() as c:
            old = {r["id"]: (r["data"], r["version"]) for r in c.execute("SELECT id, data, version FROM stories")}
            c.execute("DELETE FROM stories")
            c.execute("DELETE FROM story_members")
            for s in stories:
                data = json.dumps(s, ensure_ascii=False)
                previous = old.get(s["id"])
                version = previous[1] if previous and previous[0] == data else None
                self._put_story(c, s, data, version)

    def put_stories(self, stories: list[dict]) -> None:
        """Insert or update some stories (incremental clustering, manual edits)."""
        with self.transaction() as c:
            for s in stories:
                c.execute("DELETE FROM story_members WHERE story_id=?", (s["id"],))
                self._put_story(c, s)

    def delete_stories(self, story_ids: list[str]) -> None:
        with self.transaction() as c:
            for sid in story_ids:
                c.execute("DELETE FROM stories WHERE id=?", (sid,))
                c.execute("DELETE FROM story_members WHERE story_id=?", (sid,))
                c.execute("DELETE FROM comparisons WHERE story_id=?", (sid,))

    @staticmethod
    def _next_version(c: sqlite3.Connection) -> int:
        row = c.execute("SELECT value FROM meta WHERE key=?", (_STORY_SEQ,)).fetchone()
        version = (int(row["value"]) if row else 0) + 1
        c.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (_STORY_SEQ, str(version)))
        return version

    @classmethod
    def _put_story(
        cls, c: sqlite3.Connection, s: dict, data: str | None = None, version: int | None = None
    ) -> None:
        """Write one story; a new version number unless ``version`` (unchanged content) is given."""
        data = data if data is not None else json.dumps(s, ensure_ascii=False)
        if version is None:
            version = cls._next_version(c)
        c.execute("INSERT OR REPLACE INTO stories (id, data, version) VALUES (?,?,?)", (s["id"], data, version))
        c.executemany(
            "INSERT OR REPLACE INTO story_members VALUES (?,?)",
            [(s["id"], m["article_id"]) for m in s["members"]],
        )

    def stories(self) -> list[dict]:
        rows = self.conn.execute("SELECT data FROM stories")
        return [json.loads(r["data"]) for r in rows]

    def story(self, story_id: str) -> dict | None:
        row = self.conn.execute("SELECT data FROM stories WHERE id=?", (story_id,)).fetchone()
        return json.loads(row["data"]) if row else None

    def story_of_article(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT story_id FROM story_members WHERE article_id=?", (article_id,)
        ).fetchone()
        return row["story_id"] if row else None

    def stories_of_articles(self, article_ids: Iterable[str]) -> dict[str, str]:
        """{article id: story id} for the given articles that are in a story."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(dict.fromkeys(article_ids)), 500):
            q = f"SELECT article_id, story_id FROM story_members WHERE article_id IN ({_marks(chunk)})"
            found.update({r["article_id"]: r["story_id"] for r in self.conn.execute(q, chunk)})
        return found

    def story_versions(self, story_ids: Iterable[str] | None = None) -> dict[str, int]:
        """{story id: version}; a version changes whenever the story's content does."""
        if story_ids is None:
            return {r["id"]: r["version"] for r in self.conn.execute("SELECT id, version FROM stories")}
        found: dict[str, int] = {}
        for chunk in _chunks(list(dict.fromkeys(story_ids)), 500):
            q = f"SELECT id, version FROM stories WHERE id IN ({_marks(chunk)})"
            found.update({r["id"]: r["version"] for r in self.conn.execute(q, chunk)})
        return found

    def check_story_versions(self, expected: dict[str, int]) -> None:
        """Raise :class:`StaleStoryError` when a story changed (or went) since ``expected`` was read.

        Call it inside :meth:`transaction` before an edit, so the check and the
        edit see the same state.
        """
        current = self.story_versions(expected)
        stale = [sid for sid, version in expected.items() if current.get(sid) != version]
        if stale:
            raise StaleStoryError(stale)

    def article_heads(self) -> list[tuple[str, str, str, str]]:
        """``(id, outlet, title, published ISO)`` of every article: what lists need, no bodies."""
        rows = self.conn.execute("SELECT id, outlet, title, published FROM articles")
        return [(r["id"], r["outlet"], r["title"], r["published"]) for r in rows]

    def fingerprint(self) -> tuple:
        """Changes whenever articles, stories or manual edits change (a cache key for views)."""
        c = self.conn
        articles = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        stories = c.execute("SELECT COUNT(*), COALESCE(MAX(version), 0) FROM stories").fetchone()
        edits = c.execute("SELECT COALESCE(MAX(seq), 0) FROM edits").fetchone()[0]
        return (str(self.path), articles, stories[0], stories[1], edits, self.get_meta(_STORY_SEQ))

    def membership_problems(self) -> dict[str, int]:
        """Articles in no story or in more than one: {article id: number of stories}."""
        rows = self.conn.execute(
            "SELECT a.id AS id, COUNT(m.story_id) AS n FROM articles a"
            " LEFT JOIN story_members m ON m.article_id = a.id GROUP BY a.id HAVING n != 1"
        )
        return {r["id"]: r["n"] for r in rows}

    def integrity_check(self) -> str:
        """SQLite's own check of the file ("ok" when sound)."""
        return "; ".join(r[0] for r in self.conn.execute("PRAGMA integrity_check"))

    # ---- comparisons ------------------------------------------------------
    def get_comparison(self, story_id: str, signature: str) -> dict | None:
        """The cached comparison of a story, if its members are unchanged."""
        row = self.conn.execute(
            "SELECT data FROM comparisons WHERE story_id=? AND signature=?",
            (story_id, signature),
        ).fetchone()
        return json.loads(row["data"]) if row else None

    def put_comparison(self, story_id: str, signature: str, data: dict) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT OR REPLACE INTO comparisons VALUES (?,?,?)",
                (story_id, signature, json.dumps(data, ensure_ascii=False)),
            )

    # ---- manual edits (kept across re-clustering) -------------------------
    def add_edit(self, op: str, payload: dict) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO edits (op, payload, at) VALUES (?,?,?)",
                (op, json.dumps(payload, ensure_ascii=False), _now()),
            )

    def edits(self) -> list[tuple[str, dict]]:
        rows = self.conn.execute("SELECT op, payload FROM edits ORDER BY seq")
        return [(r["op"], json.loads(r["payload"])) for r in rows]

    # ---- small key/value settings ----------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row["value"] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (key, value))


def _marks(chunk: list) -> str:
    """SQL placeholders for an IN (...) list of ``chunk``'s length."""
    return ",".join("?" * len(chunk))


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
