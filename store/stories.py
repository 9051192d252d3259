"""The stories' tables: stories and their members (versioned, so a stale edit is refused),
what recent grouping runs changed (a bounded history) and where replaced story ids went, cached comparisons,
and the manual edits replayed after re-clustering. Mixed into
:class:`store.sqlite.Store`, whose per-thread connection and ``transaction`` it uses.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from store.sql import chunks, marks, now

# Meta key of the counter that story versions are drawn from.
STORY_SEQ = "story_version_seq"
# The change history (:meth:`StoryTables.record_story_changes`) keeps the last MAX_CHANGE_RUNS
# runs, none more than CHANGE_HISTORY_DAYS days older than the newest: whichever bites first.
# Hourly runs keep about 8 days (a weekend away is covered), daily runs 30; a run's record is
# its changed stories only, so the table stays small.
MAX_CHANGE_RUNS = 200
CHANGE_HISTORY_DAYS = 30
# Meta keys where stores before the change history kept the last run's time and summary
# (moved into the history by :func:`upgrade_last_run_changes`).
_OLD_CHANGES_AT = "story_changes_at"
_OLD_CHANGES_SUMMARY = "story_changes_summary"
# How many replaced story ids are remembered (:meth:`StoryTables.record_story_moves`): one row per
# old id (its latest successor); past this, the oldest go.
MAX_STORY_MOVES = 100_000
# Hops followed from a replaced id to the story holding its articles now (a merged story merged again).
_MAX_HOPS = 20


@dataclass(frozen=True)
class ChangeRun:
    """One grouping run's change record: when (ISO 8601, UTC), its one-line count, and
    {story id: its change} for the stories it changed; ``built``: the run built the workspace
    (see :meth:`StoryTables.story_change_runs`)."""

    at: str
    summary: str
    changes: dict[str, dict]
    built: bool = False


class StaleStoryError(RuntimeError):
    """An edit was made on a view of stories that another user or job changed since."""

    def __init__(self, story_ids: list[str]):
        self.story_ids = story_ids
        super().__init__(
            "changed by someone else since you opened it: "
            + ", ".join(story_ids[:3])
            + (" …" if len(story_ids) > 3 else "")
        )


class StoryTables:
    """Story, comparison and edit methods of the store."""

    conn: sqlite3.Connection

    def count_stories(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]

    # ---- stories ----------------------------------------------------------
    def replace_stories(self, stories: list[dict]) -> None:
        """Replace all stories at once (a batch clustering run).

        A story whose members (and their pins) and label are unchanged keeps its version, so
        views of it stay valid and an edit made on one still applies: a regrouping gives its
        members new scores (each run fits them with other articles) without changing the story.
        The version counter moves on once anyway, so caches keyed on :meth:`fingerprint` see
        the new scores.
        """
        with self.transaction() as c:
            old = {r["id"]: (_identity(json.loads(r["data"])), r["version"])
                   for r in c.execute("SELECT id, data, version FROM stories")}
            c.execute("DELETE FROM stories")
            c.execute("DELETE FROM story_members")
            for s in stories:
                previous = old.get(s["id"])
                version = previous[1] if previous and previous[0] == _identity(s) else None
                self._put_story(c, s, None, version)
            self._next_version(c)

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
        row = c.execute("SELECT value FROM meta WHERE key=?", (STORY_SEQ,)).fetchone()
        version = (int(row["value"]) if row else 0) + 1
        c.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (STORY_SEQ, str(version)))
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

    # ---- what each run changed, where replaced ids went --------------------
    def record_story_changes(self, changes: dict[str, dict], summary: str = "", at: str | None = None) -> None:
        """Keep what a grouping run changed, as the newest run of the change history:
        ``changes`` maps a story id to its change (:func:`clustering.changes.story_changes`;
        unchanged stories may be left out), ``summary`` counts them in one line; ``at``: when
        (default now). Runs past :data:`MAX_CHANGE_RUNS`, or more than
        :data:`CHANGE_HISTORY_DAYS` days older than this one, are forgotten."""
        at = _utc_iso(at or now())
        cutoff = _utc_iso(datetime.fromisoformat(at) - timedelta(days=CHANGE_HISTORY_DAYS))
        with self.transaction() as c:
            run = c.execute("INSERT INTO change_runs (at, summary) VALUES (?,?)", (at, summary)).lastrowid
            c.executemany("INSERT INTO change_records VALUES (?,?,?)",
                          [(run, sid, json.dumps(change, ensure_ascii=False)) for sid, change in changes.items()])
            c.execute("DELETE FROM change_runs WHERE at < ? OR run NOT IN"
                      " (SELECT run FROM change_runs ORDER BY run DESC LIMIT ?)", (cutoff, MAX_CHANGE_RUNS))
            c.execute("DELETE FROM change_records WHERE run NOT IN (SELECT run FROM change_runs)")

    def story_changes(self) -> tuple[str | None, dict[str, dict]]:
        """(when the last run was, {story id: its change}) as :meth:`record_story_changes` kept
        them; (None, {}) before any run recorded one."""
        runs = self._change_runs("run = (SELECT MAX(run) FROM change_runs)", ())
        return (runs[0].at, runs[0].changes) if runs else (None, {})

    def story_changes_summary(self) -> tuple[str | None, str]:
        """(when the last run was, its changes counted in one line); (None, "") before any."""
        row = self.conn.execute("SELECT at, summary FROM change_runs ORDER BY run DESC LIMIT 1").fetchone()
        return (row["at"], row["summary"]) if row else (None, "")

    def story_change_runs(self, since: str | datetime | None = None) -> list[ChangeRun]:
        """The kept runs made after ``since`` (every kept run when None), oldest first: what
        changed since a moment (the dashboard's "Changed since"; combine them with
        :func:`dashboard.storylist.combine_changes`).

        The store's first run, when every story it changed is new, is marked ``built``: it made
        the workspace's first stories (a first run finds none before it), which changed no story
        a reader had seen. Runs are numbered from 1 and never reused, so it is run 1; a store
        from before the change history has its last old run as run 1 (one that only made new
        stories then is read as a build too)."""
        if since is None:
            return self._change_runs("1", ())
        return self._change_runs("at > ?", (_utc_iso(since),))

    def change_history_span(self) -> tuple[int, str | None]:
        """(how many runs the change history keeps, when the oldest of them was)."""
        row = self.conn.execute("SELECT COUNT(*) AS n, MIN(at) AS oldest FROM change_runs").fetchone()
        return row["n"], row["oldest"]

    def _change_runs(self, where: str, params: tuple) -> list[ChangeRun]:
        runs = self.conn.execute(f"SELECT run, at, summary FROM change_runs WHERE {where} ORDER BY run", params)
        found = {r["run"]: ChangeRun(r["at"], r["summary"], {}) for r in runs}
        for chunk in chunks(list(found), 500):
            q = f"SELECT run, story_id, data FROM change_records WHERE run IN ({marks(chunk)})"
            for r in self.conn.execute(q, chunk):
                found[r["run"]].changes[r["story_id"]] = json.loads(r["data"])
        first = found.get(1)
        if first is not None and first.changes and all(c.get("kind") == "new" for c in first.changes.values()):
            found[1] = replace(first, built=True)
        return list(found.values())

    def record_story_moves(self, moved: dict[str, str], at: str | None = None) -> None:
        """Remember where replaced story ids went: ``moved`` maps an id no story holds any more
        to the story now holding most of its articles. Only the latest successor of an id is
        kept, an id a story holds again is forgotten, and at most :data:`MAX_STORY_MOVES` ids
        are kept (the oldest go first)."""
        at = at or now()
        with self.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO story_moves VALUES (?,?,?)",
                          [(old, new, at) for old, new in moved.items() if old != new])
            c.execute("DELETE FROM story_moves WHERE old_id IN (SELECT id FROM stories)")
            c.execute("DELETE FROM story_moves WHERE rowid NOT IN"
                      " (SELECT rowid FROM story_moves ORDER BY at DESC, rowid DESC LIMIT ?)", (MAX_STORY_MOVES,))

    def story_moved(self, story_id: str) -> tuple[str, str] | None:
        """(id of the story holding most of the articles of replaced story ``story_id`` now,
        when it was replaced), following a successor that was replaced in turn; None when
        ``story_id`` is a story, or was never recorded, or its successors are gone."""
        if self.story(story_id) is not None:
            return None
        current, when, seen = story_id, None, {story_id}
        for _ in range(_MAX_HOPS):
            row = self.conn.execute("SELECT new_id, at FROM story_moves WHERE old_id=?", (current,)).fetchone()
            if row is None:
                return None
            current, when = row["new_id"], when or row["at"]
            if self.story(current) is not None:
                return current, when
            if current in seen:
                return None
            seen.add(current)
        return None

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
        for chunk in chunks(list(dict.fromkeys(article_ids)), 500):
            q = f"SELECT article_id, story_id FROM story_members WHERE article_id IN ({marks(chunk)})"
            found.update({r["article_id"]: r["story_id"] for r in self.conn.execute(q, chunk)})
        return found

    def story_versions(self, story_ids: Iterable[str] | None = None) -> dict[str, int]:
        """{story id: version}; a version changes whenever the story's content does."""
        if story_ids is None:
            return {r["id"]: r["version"] for r in self.conn.execute("SELECT id, version FROM stories")}
        found: dict[str, int] = {}
        for chunk in chunks(list(dict.fromkeys(story_ids)), 500):
            q = f"SELECT id, version FROM stories WHERE id IN ({marks(chunk)})"
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

    def membership_problems(self) -> dict[str, int]:
        """Articles in no story or in more than one: {article id: number of stories}."""
        rows = self.conn.execute(
            "SELECT a.id AS id, COUNT(m.story_id) AS n FROM articles a"
            " LEFT JOIN story_members m ON m.article_id = a.id GROUP BY a.id HAVING n != 1"
        )
        return {r["id"]: r["n"] for r in rows}

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
                (op, json.dumps(payload, ensure_ascii=False), now()),
            )

    def edits(self) -> list[tuple[str, dict]]:
        rows = self.conn.execute("SELECT op, payload FROM edits ORDER BY seq")
        return [(r["op"], json.loads(r["payload"])) for r in rows]


def _identity(story: dict) -> tuple:
    """What a story's version stands for: its label and its members with their pins (an edit
    concerns these; scores, spans and roundup mentions follow from them or from the fit)."""
    return story.get("label"), sorted((m["article_id"], bool(m.get("pinned"))) for m in story.get("members", []))


def _utc_iso(moment: str | datetime) -> str:
    """A moment as the change history stores it: UTC, ISO 8601 to the microsecond, so the
    stored times sort as text (a naive time is read as UTC)."""
    moment = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def upgrade_last_run_changes(conn: sqlite3.Connection) -> None:
    """Move the one-run record of a store made before the change history (table
    ``story_changes`` and two meta keys) into the history as its first run, then drop it.
    In one write transaction, checked again under the lock: two processes opening the same
    old store move it once."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='story_changes'").fetchone():
            meta = {r["key"]: r["value"] for r in conn.execute(
                "SELECT key, value FROM meta WHERE key IN (?,?)", (_OLD_CHANGES_AT, _OLD_CHANGES_SUMMARY))}
            rows = conn.execute("SELECT story_id, data FROM story_changes").fetchall()
            if rows or _OLD_CHANGES_AT in meta:
                at = _utc_iso(meta.get(_OLD_CHANGES_AT) or now())
                run = conn.execute("INSERT INTO change_runs (at, summary) VALUES (?,?)",
                                   (at, meta.get(_OLD_CHANGES_SUMMARY, ""))).lastrowid
                conn.executemany("INSERT INTO change_records VALUES (?,?,?)",
                                 [(run, r["story_id"], r["data"]) for r in rows])
            conn.execute("DROP TABLE story_changes")
            conn.execute("DELETE FROM meta WHERE key IN (?,?)", (_OLD_CHANGES_AT, _OLD_CHANGES_SUMMARY))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
