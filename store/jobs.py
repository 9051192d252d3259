"""The job table: work queued by dashboard sessions for the background worker.

A job is a unit of work (ingest an upload, build or regroup the stories, compare
a story). Any session enqueues and watches; one worker claims and runs. Mixed
into :class:`store.sqlite.Store`, whose per-thread connection and
``transaction`` it uses.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from store.sql import marks, now

# Job states: queued -> running -> done | failed.
JOB_ACTIVE = ("queued", "running")


class JobQueue:
    """Job-table methods of the store (``self.conn`` / ``self.transaction`` come from it)."""

    conn: sqlite3.Connection

    def enqueue_job(self, kind: str, params: dict, priority: int = 0, unique: bool = False) -> int:
        """Queue a job; with ``unique``, an active job of the same kind and params is reused."""
        text = json.dumps(params, ensure_ascii=False, sort_keys=True)
        with self.transaction() as c:
            if unique:
                row = c.execute(
                    "SELECT id FROM jobs WHERE kind=? AND params=? AND state IN (?,?) ORDER BY id LIMIT 1",
                    (kind, text, *JOB_ACTIVE),
                ).fetchone()
                if row:
                    if priority > 0:
                        c.execute("UPDATE jobs SET priority=MAX(priority, ?) WHERE id=?", (priority, row["id"]))
                    return row["id"]
            cur = c.execute(
                "INSERT INTO jobs (kind, params, priority, state, created_at) VALUES (?,?,?,?,?)",
                (kind, text, priority, "queued", now()),
            )
            return int(cur.lastrowid)

    def claim_job(self, kinds: Iterable[str] | None = None) -> dict | None:
        """Mark the most urgent queued job running and return it (None when there is none)."""
        with self.transaction() as c:
            rows = c.execute(
                "SELECT * FROM jobs WHERE state='queued' ORDER BY priority DESC, id"
            ).fetchall()
            wanted = set(kinds) if kinds is not None else None
            row = next((r for r in rows if wanted is None or r["kind"] in wanted), None)
            if row is None:
                return None
            c.execute(
                "UPDATE jobs SET state='running', started_at=?, progress=0 WHERE id=?",
                (now(), row["id"]),
            )
        return self.job(row["id"])

    def update_job(self, job_id: int, progress: float, message: str) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE jobs SET progress=?, message=? WHERE id=?",
                (max(0.0, min(1.0, float(progress))), message[:500], job_id),
            )

    def finish_job(self, job_id: int, result: dict, failed: bool = False, message: str = "") -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE jobs SET state=?, progress=1, message=?, result=?, finished_at=? WHERE id=?",
                (
                    "failed" if failed else "done",
                    message[:500],
                    json.dumps(result, ensure_ascii=False),
                    now(),
                    job_id,
                ),
            )

    def requeue_running_jobs(self) -> int:
        """Put jobs a stopped worker left running back in the queue (worker start-up)."""
        with self.transaction() as c:
            return c.execute("UPDATE jobs SET state='queued' WHERE state='running'").rowcount

    def latest_job(self, kind: str, params: dict) -> dict | None:
        """The newest job of ``kind`` with exactly these ``params``, whatever its state."""
        text = json.dumps(params, ensure_ascii=False, sort_keys=True)
        row = self.conn.execute(
            "SELECT * FROM jobs WHERE kind=? AND params=? ORDER BY id DESC LIMIT 1", (kind, text)
        ).fetchone()
        return _job_from_row(row) if row else None

    def job(self, job_id: int) -> dict | None:
        row = self.conn.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        return _job_from_row(row) if row else None

    def jobs(self, active: bool = False, kinds: Iterable[str] | None = None, limit: int = 20) -> list[dict]:
        """Newest first; ``active``: queued or running only."""
        clauses, args = [], []
        if active:
            clauses.append("state IN (?,?)")
            args += list(JOB_ACTIVE)
        if kinds is not None:
            kinds = list(kinds)
            clauses.append(f"kind IN ({marks(kinds)})")
            args += kinds
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.conn.execute(f"SELECT * FROM jobs {where} ORDER BY id DESC LIMIT ?", [*args, limit])
        return [_job_from_row(r) for r in rows]



def _job_from_row(row: sqlite3.Row) -> dict:
    job = dict(row)
    job["params"] = json.loads(job["params"])
    job["result"] = json.loads(job["result"]) if job["result"] else None
    return job
