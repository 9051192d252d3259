"""The articles' tables: articles, the files and records they came from, rejected inputs,
and the embedding cache. Mixed into :class:`store.sqlite.Store`, whose per-thread
connection and ``transaction`` it uses.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

import numpy as np

from articles.model import Article, Rejection
from articles.versions import supersedes
from store.sql import chunks, marks, now

# Store meta key: counts replacements of stored articles, so views cached on the store's
# fingerprint see an article whose text changed (their number does not change).
ARTICLES_SEQ = "articles_replaced_seq"


# Store meta key: set once the files that may hold feed items stored under their title ids (by a
# version before session 36) were marked to be read again (:func:`reread_files_of_linkless_records`).
ITEM_KEYS_META = "item_keys_rereads_marked"
# What a marked file's fingerprint starts with: its size no longer matches, so ingest reads it again.
STALE_FINGERPRINT = "stale:"


def reread_files_of_linkless_records(conn: sqlite3.Connection) -> None:
    """Once per store: mark the files holding a record without a URL (``file#N``) to be read again.
    A version before session 36 stored a feed item without a link under its title id; one read
    now, while the item's title is the stored one, finds it under that id and records its guid id
    as an alias (:meth:`ArticleTables.stored_id`), so a title corrected later still corrects it.
    An unchanged file is otherwise skipped until it changes, and a fetch that changes it may
    change the title too (then neither id finds it). JSON Lines / CSV records without a URL are
    read once again too: nothing changes for them. A store without articles has nothing to mark."""
    if conn.execute("SELECT 1 FROM meta WHERE key=?", (ITEM_KEYS_META,)).fetchone():
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not conn.execute("SELECT 1 FROM meta WHERE key=?", (ITEM_KEYS_META,)).fetchone():
            # (Every row of a marked file: a fingerprint is the file's, on each of its rows.)
            conn.execute(
                "UPDATE sources SET fingerprint = ? || fingerprint WHERE fingerprint IS NOT NULL"
                " AND substr(path, 1, instr(path, '#')) IN"  # ("file#" of a record; "" of a file)
                " (SELECT DISTINCT substr(s.path, 1, instr(s.path, '#')) FROM sources s JOIN articles a"
                "  ON a.id = s.article_id WHERE a.url IS NULL AND instr(s.path, '#') > 0)",
                (STALE_FINGERPRINT,))
            conn.execute("INSERT INTO meta VALUES (?, ?)", (ITEM_KEYS_META, now()))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _article_values(article: Article) -> tuple:
    """The article's columns, in table order, without ``ingested_at``."""
    return (
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
    )


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


class ArticleTables:
    """Article, source, rejection and embedding methods of the store."""

    conn: sqlite3.Connection

    # ---- articles -------------------------------------------------------
    def add_article(self, article: Article, fingerprint: str | None = None) -> bool:
        """Store ``article``; returns False when its id was already stored.

        A duplicate is not stored again, but the paths it was read from are
        added to the stored article's sources.
        """
        with self.transaction() as c:
            exists = c.execute("SELECT 1 FROM articles WHERE id=?", (article.id,)).fetchone()
            if not exists:
                c.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)", (*_article_values(article), now()))
            for path in article.source_paths:
                c.execute(
                    "INSERT OR REPLACE INTO sources VALUES (?,?,?)",
                    (path, article.id, fingerprint),
                )
                c.execute("DELETE FROM rejections WHERE path=?", (path,))
            return not exists

    def stored_id(self, article: Article) -> str:
        """The id the article read as ``article`` is stored under: ``article.id`` when an article of
        that id is stored or it has no ``former_ids``; else the id an earlier read found for it
        (its alias); else the first of its ``former_ids`` an article is stored under that no other
        id has claimed, recorded as its alias (a feed item a version before session 36 stored
        under its title id). The stored article keeps its id: stories and edits refer to it; the
        alias makes a later read with a corrected title find it too."""
        if not article.former_ids:
            return article.id
        with self.transaction() as c:
            if c.execute("SELECT 1 FROM articles WHERE id=?", (article.id,)).fetchone():
                return article.id
            alias = c.execute("SELECT article_id FROM article_aliases WHERE id=?", (article.id,)).fetchone()
            if alias is not None:
                return alias[0]
            for former in article.former_ids:
                stored = c.execute("SELECT 1 FROM articles WHERE id=?", (former,)).fetchone()
                # (A stored article is one record's: two items sharing a title and time, told
                # apart by their guids now, do not both become it.)
                if stored and not c.execute("SELECT 1 FROM article_aliases WHERE article_id=?",
                                            (former,)).fetchone():
                    c.execute("INSERT INTO article_aliases VALUES (?, ?)", (article.id, former))
                    return former
            return article.id

    def stored_differs(self, article: Article) -> bool:
        """Is an article of ``article.id`` stored, reading otherwise than ``article``?"""
        row = self.conn.execute("SELECT * FROM articles WHERE id=?", (article.id,)).fetchone()
        values = _article_values(article)
        return row is not None and tuple(row)[: len(values)] != values

    def replace_article(self, article: Article, file_path: str, from_this_file: bool = False,
                        read_this_call: frozenset[str] | set[str] = frozenset()) -> bool:
        """Replace the stored article of ``article.id`` by ``article`` when it reads otherwise now
        and the file it was read from, ``file_path``, may correct it. True when replaced; the
        article keeps its id, so its story membership and the hand edits naming it stay.

        * A file it was read from before (the file or one of its ``file#N`` records;
          ``from_this_file``: the caller saw its id among the file's articles before this read,
          wherever its record now sits: a feed re-fetched with a new item on top moves every
          other item down one place) corrects it, unless another file that still exists holds
          it too: a copy elsewhere may be the text that was stored, and a file that merely
          repeats an article must never overwrite it (nothing stored is lost; the re-read counts
          as a duplicate).
        * Another file (one that did not hold it; or, between single-article files: Markdown,
          HTML pages, one JSON object, no ``#N`` record, any of them) replaces it with a newer,
          whole version (:func:`articles.versions.supersedes`): a later own time, or the same
          time and a file modified after every other file holding it (:func:`_delivered_after`;
          a file read in this same call, ``read_this_call``, is not overruled: there the first
          read wins, so one run's result does not depend on modification times); never a
          cut-down copy.

        Its source paths are :meth:`add_article`'s to record.
        """
        values = _article_values(article)
        with self.transaction() as c:
            row = c.execute("SELECT * FROM articles WHERE id=?", (article.id,)).fetchone()
            if row is None or tuple(row)[: len(values)] == values:
                return False
            paths = [r[0] for r in c.execute("SELECT path FROM sources WHERE article_id=?", (article.id,))]
            ours = from_this_file or any(_file_of(p) == file_path for p in paths)
            alone = not any(_another_file_holds(_file_of(p), file_path) for p in paths)
            single = not any("#" in p for p in [*article.source_paths, *paths])
            if not ((ours and alone) or ((single or not ours) and supersedes(
                    article, _article_from_row(row, paths),
                    lambda: _delivered_after(file_path, paths, read_this_call)))):
                return False
            _update(c, article, values)
            return True

    def replace_with_later(self, article: Article) -> bool:
        """Replace the stored article of ``article.id`` by ``article``, a copy read again in the
        same ingest call (another file, or another record of one), when it is the newer version
        by its own time (:func:`articles.versions.supersedes`; no file times within a call, so
        which copy is stored does not depend on the order the files are read). True when
        replaced."""
        values = _article_values(article)
        with self.transaction() as c:
            row = c.execute("SELECT * FROM articles WHERE id=?", (article.id,)).fetchone()
            if row is None or tuple(row)[: len(values)] == values:
                return False
            if not supersedes(article, _article_from_row(row, []), lambda: False):
                return False
            _update(c, article, values)
            return True

    def other_files_holding(self, article_id: str, file_path: str) -> list[str]:
        """The files other than ``file_path`` (that still exist) an article is recorded from:
        those that keep it as stored when ``file_path`` reads it otherwise."""
        rows = self.conn.execute("SELECT path FROM sources WHERE article_id=? ORDER BY path", (article_id,))
        files = dict.fromkeys(_file_of(r[0]) for r in rows)
        return [f for f in files if _another_file_holds(f, file_path)]

    def gone_files_holding(self, article_id: str, file_path: str) -> list[str]:
        """The files other than ``file_path`` an article is recorded from that are no longer
        there (an hourly folder rotated away): the stored copy may be theirs."""
        rows = self.conn.execute("SELECT path FROM sources WHERE article_id=? ORDER BY path", (article_id,))
        files = dict.fromkeys(_file_of(r[0]) for r in rows)
        return [f for f in files if f != file_path and not os.path.isfile(f)
                and os.path.realpath(f) != os.path.realpath(file_path)]

    def keep_sources(self, article: Article) -> None:
        """Record ``article``'s source paths again for the stored article of its id, without a
        fingerprint (as :meth:`add_article` records a duplicate's), storing nothing else: a
        record read again but set aside (published outside a run's dates) stays its file's, and
        :meth:`drop_sources_not_read_again` keeps its row. Nothing when its id is not stored."""
        with self.transaction() as c:
            for path in article.source_paths:
                c.execute("INSERT OR REPLACE INTO sources SELECT ?, id, NULL FROM articles WHERE id=?",
                          (path, article.id))

    def drop_sources_not_read_again(self, path: str) -> int:
        """Forget the source rows of ``path`` and its ``path#N`` records that its read now did not
        write again: call it after the file was read to its end, before
        :meth:`set_file_fingerprint` (the rows written by this read have no fingerprint yet; the
        others keep the one of the earlier read). They are records the file no longer holds (a
        feed that dropped its old items, a shorter file); the articles stay stored. Returns how
        many rows went."""
        with self.transaction() as c:
            return c.execute(
                "DELETE FROM sources WHERE (path=? OR (path >= ? AND path < ?)) AND fingerprint IS NOT NULL",
                (path, path + "#", path + "$"),
            ).rowcount

    def source_paths_of(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """Every recorded source path of each of ``ids`` that has one."""
        return self._paths_by_article(list(dict.fromkeys(ids)))

    def ids_without_sources(self, ids: Iterable[str]) -> list[str]:
        """Those of ``ids`` that no file or record is recorded as the source of any more."""
        found = self._paths_by_article(list(dict.fromkeys(ids)))
        return [i for i in dict.fromkeys(ids) if i not in found]

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
        short by a crash is never mistaken for an unchanged, complete one. A file
        with no source row (every record set aside for its date) has its fingerprint
        kept apart (:meth:`file_fingerprints`), so a re-run with the same dates skips it too.
        """
        with self.transaction() as c:
            rows = c.execute(
                "UPDATE sources SET fingerprint=? WHERE path=? OR (path >= ? AND path < ?)",
                (fingerprint, path, path + "#", path + "$"),
            ).rowcount
            c.execute("DELETE FROM unstored_files WHERE path=?", (path,))
            if not rows and fingerprint is not None:
                c.execute("INSERT INTO unstored_files VALUES (?, ?)", (path, fingerprint))

    def file_fingerprints(self, path: str, rows: list[tuple[str, str, str | None]]) -> set[str | None]:
        """The fingerprints recorded for a file whose source rows are ``rows``
        (:meth:`sources_of_file`): its rows' (None on a row its ingest did not finish), else the
        one recorded for it without rows; empty when it was never read to its end."""
        if rows:
            return {fingerprint for _, _, fingerprint in rows}
        row = self.conn.execute("SELECT fingerprint FROM unstored_files WHERE path=?", (path,)).fetchone()
        return {row[0]} if row else set()

    def article_ids_for_source(self, path: str) -> list[str]:
        rows = self.conn.execute("SELECT article_id FROM sources WHERE path=?", (path,))
        return [r["article_id"] for r in rows]

    def add_rejection(self, rejection: Rejection) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT OR REPLACE INTO rejections VALUES (?,?,?)",
                (rejection.source_path, rejection.error, now()),
            )

    def rejections_of_file(self, path: str) -> list[Rejection]:
        """The rejections recorded when ``path`` was last read: of the file itself and of its
        ``path#N`` records, in the order they were recorded (a re-run that skips the file as
        unchanged reports them again)."""
        rows = self.conn.execute(
            "SELECT path, error FROM rejections WHERE path=? OR (path >= ? AND path < ?) ORDER BY rowid",
            (path, path + "#", path + "$"),
        )
        return [Rejection(r["path"], r["error"]) for r in rows]

    def clear_rejections_of_file(self, path: str) -> None:
        """Forget the rejections of ``path`` and its records: the file is being read again and
        records what it refuses now."""
        with self.transaction() as c:
            c.execute("DELETE FROM rejections WHERE path=? OR (path >= ? AND path < ?)",
                      (path, path + "#", path + "$"))

    def rejections(self) -> list[Rejection]:
        rows = self.conn.execute("SELECT path, error FROM rejections ORDER BY path")
        return [Rejection(r["path"], r["error"]) for r in rows]

    def _paths_by_article(self, ids: list[str] | None) -> dict[str, list[str]]:
        paths: dict[str, list[str]] = {}
        if ids is None:
            rows = self.conn.execute("SELECT path, article_id FROM sources ORDER BY path")
        else:
            rows = []
            for chunk in chunks(ids, 500):
                q = f"SELECT path, article_id FROM sources WHERE article_id IN ({marks(chunk)}) ORDER BY path"
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
            for chunk in chunks(id_list, 500):
                q = f"SELECT * FROM articles WHERE id IN ({marks(chunk)})"
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

    def article_heads(self) -> list[tuple[str, str, str, str, str, str | None]]:
        """``(id, outlet, title, published ISO, language, script)`` of every article: what lists
        need (the script names an outlet as its articles write it), no bodies."""
        rows = self.conn.execute("SELECT id, outlet, title, published, language, script FROM articles")
        return [(r["id"], r["outlet"], r["title"], r["published"], r["language"] or "", r["script"])
                for r in rows]

    # ---- embedding cache --------------------------------------------------
    def get_embeddings(self, model: str, content_hashes: list[str]) -> dict[str, np.ndarray]:
        """Cached vectors for the hashes that have one (float32)."""
        found: dict[str, np.ndarray] = {}
        for chunk in chunks(list(dict.fromkeys(content_hashes)), 500):
            q = f"SELECT content_hash, vector FROM embeddings WHERE model=? AND content_hash IN ({marks(chunk)})"
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


def _update(c: sqlite3.Connection, article: Article, values: tuple) -> None:
    """Store ``article`` (its ``values``) over the stored article of its id, which keeps its id
    (its story and the hand edits naming it stay); views cached on the store see the change."""
    c.execute(
        "UPDATE articles SET outlet=?, title=?, url=?, published=?, language=?, script=?,"
        " paragraphs=?, captions=?, content_hash=?, ingested_at=? WHERE id=?",
        (*values[1:], now(), article.id),
    )
    c.execute(
        "INSERT INTO meta VALUES (?, '1')"
        " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        (ARTICLES_SEQ,),
    )


def _file_of(source_path: str) -> str:
    """The file of a source path (``file#N`` names a file's N-th record)."""
    return source_path.split("#", 1)[0]


def _another_file_holds(path: str, file_path: str) -> bool:
    """Is ``path`` another file that still exists (a copy of the article that may be the text
    stored)? A moved or deleted file, or the same file spelled another way (relative, absolute),
    holds nothing."""
    if path == file_path:
        return False
    if not os.path.isfile(path):
        return False
    return os.path.realpath(path) != os.path.realpath(file_path)


def _delivered_after(file_path: str, paths: list[str], read_this_call) -> bool:
    """Was ``file_path`` delivered after every other file that still holds the article (its
    source ``paths``): modified after each of them, none read in this call? Files that are gone
    hold nothing: a correction saved under a new name, the old file deleted, is the newest."""
    try:
        mine = os.stat(file_path).st_mtime_ns
    except OSError:
        return False
    for path in dict.fromkeys(_file_of(p) for p in paths):
        if not _another_file_holds(path, file_path):
            continue
        if path in read_this_call or os.path.realpath(path) in read_this_call:
            return False
        try:
            if os.stat(path).st_mtime_ns >= mine:
                return False
        except OSError:
            continue
    return True
