"""SQLite persistence for every stage: one file, transactions per batch.

The store speaks the articles stage's dataclasses and plain dicts/arrays for the
later stages (stories and comparisons are stored as their ``to_dict()`` JSON), so
it depends on no stage after ingest.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from articles.model import Article, Rejection

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
"""


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


class Store:
    """All persisted state of one Parallax workspace.

    Writes happen inside :meth:`transaction` blocks (or the batch methods, which
    open one each), so a crash mid-batch leaves what was stored before intact.
    """

    def __init__(self, path: str | Path = DEFAULT_DB):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False: Streamlit reruns scripts on worker threads.
        self.conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(SCHEMA)
        self._depth = 0

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; nests (inner blocks join the outer one)."""
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.conn.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            self.conn.execute("COMMIT")

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
        """Replace all stories at once (a batch clustering run)."""
        with self.transaction() as c:
            c.execute("DELETE FROM stories")
            c.execute("DELETE FROM story_members")
            for s in stories:
                self._put_story(c, s)

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
    def _put_story(c: sqlite3.Connection, s: dict) -> None:
        c.execute(
            "INSERT OR REPLACE INTO stories VALUES (?,?)",
            (s["id"], json.dumps(s, ensure_ascii=False)),
        )
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
