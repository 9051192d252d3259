"""One batch run at a time on a store: the run lock (``<store>.run.lock``, an ``flock``).

Two ``python -m clustering`` runs on one store at once (cron starting the next hour while a slow
hour still runs) each took the other's articles, ingested but not yet grouped, for the orphans of
a killed run: both embedded and grouped them, and the first run's output files named stories the
second then replaced. SQLite's write lock guards each transaction, not a run of many. A run
therefore holds this lock from its first read to its stories stored; a second run waits for it,
saying so in one line. The kernel drops an ``flock`` when its holder dies (kill -9 included), so a
killed run never leaves the store locked. What the holder writes into the file (its pid, when it
took the lock, which command: :class:`RunHolder`) only names it, for the line a waiting run prints
and the progress line of a dashboard job waiting behind a cron run (:func:`lock_holder`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

# How often a waiting run tries the lock again (flock has no timed wait).
_POLL_S = 0.5


class RunLockTimeout(Exception):
    """Another run held the store's run lock for longer than the wait allowed."""


def run_lock_path(db: str | os.PathLike) -> Path:
    """The lock file beside the store's real file: a store reached through a symlink (the
    dashboard's data/parallax.db linked to a shared store a cron line names by its real path)
    has one lock whichever name a run gives."""
    return Path(os.path.realpath(db) + ".run.lock")


@dataclass(frozen=True)
class RunHolder:
    """Who holds a store's run lock, as its lock file says: pid, when it took the lock (UTC) and
    what it is (``python -m clustering``, a dashboard job); each None when not recorded (a lock
    file written before these were, or one held read-only by another user's run)."""

    pid: int | None = None
    since: datetime | None = None
    what: str | None = None

    def describe(self) -> str:
        """"python -m clustering, pid 123, since 2026-12-07 13:05 UTC" (what is known of it)."""
        parts = [self.what] if self.what else []
        parts.append(f"pid {self.pid}" if self.pid is not None else "pid unknown")
        if self.since is not None:
            parts.append(f"since {self.since.astimezone(UTC):%Y-%m-%d %H:%M} UTC")
        return ", ".join(parts)


def _parse_holder(text: str) -> RunHolder:
    """The lock file's lines: pid, ISO time, what (older files hold the pid alone)."""
    lines = [line.strip() for line in text.splitlines()] + ["", "", ""]
    try:
        since = datetime.fromisoformat(lines[1]) if lines[1] else None
    except ValueError:
        since = None
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)  # (written in UTC; astimezone would take it as local)
    # ASCII digits only: "²".isdigit() holds, and int() of it raised in the waiting run's line.
    pid = int(lines[0]) if lines[0].isascii() and lines[0].isdigit() else None
    return RunHolder(pid, since, lines[2] or None)


def _holder(handle: IO[str]) -> RunHolder:
    handle.seek(0)
    return _parse_holder(handle.read())


def lock_holder(db: str | os.PathLike) -> RunHolder | None:
    """Who holds the run lock of the store at ``db`` now; None when no run does."""
    try:
        with open(run_lock_path(db)) as handle:
            holder = _holder(handle)
            if holder == RunHolder():
                return None  # (a holder empties the file as it lets go; an empty file is free)
            # A killed holder leaves its lines: held only while the lock is. (A shared lock
            # taken for an instant: a run starting meanwhile waits that instant, no more.)
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return holder
            fcntl.flock(handle, fcntl.LOCK_UN)
            return None
    except OSError:
        return None


@contextlib.contextmanager
def run_lock(db: str | os.PathLike, wait_s: float | None = None,
             on_wait: Callable[[str], None] | None = None, what: str | None = None) -> Iterator[None]:
    """Hold the run lock of the store at ``db`` for the block, recorded as held by ``what`` (the
    command or job, named to a run that waits). When another run holds it, call ``on_wait`` once
    with a line naming it (:meth:`RunHolder.describe`), and wait: at most ``wait_s`` seconds
    (None: as long as it takes), then raise :class:`RunLockTimeout` (its text names the store
    and the holder)."""
    handle = _open(run_lock_path(db))
    if handle is None:
        # No folder for the lock is no folder for the store either: opening the store then
        # says what is wrong in its one line, as it did before there was a lock.
        yield
        return
    with handle:
        if not _try(handle):
            holder = _holder(handle).describe()
            if on_wait is not None:
                limit = "" if wait_s is None else f" (at most {wait_s:g} s)"
                on_wait(f"{db}: another run ({holder}) is using this store; waiting for it to finish{limit}")
            if not _wait(handle, wait_s):
                raise RunLockTimeout(f"{db}: another run ({holder}) still holds the store after {wait_s:g} s; "
                                     "nothing done")
        if handle.writable():  # (a lock file another user made is held read-only, unnamed)
            handle.seek(0)
            handle.truncate()
            # (One line each: pid, since, what.)
            what_line = " ".join((what or "").split())
            handle.write(f"{os.getpid()}\n{datetime.now(UTC).isoformat(timespec='seconds')}\n{what_line}\n")
            handle.flush()
        try:
            yield
        finally:
            if handle.writable():
                handle.truncate(0)  # (the lock goes with the file's closing)


def _open(path: Path):
    """The lock file, open for writing its holder's pid; read-only when it is another user's
    (two users' cron lines on one shared store: flock needs no write access, and a run that
    could not open it writable must still wait, not run beside the holder); None when there
    is no folder to make it in."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "a+")  # noqa: SIM115 - closed by run_lock, which releases the lock
    except PermissionError:
        pass
    except OSError:
        return None
    try:
        return open(path)  # noqa: SIM115 - as above
    except OSError:
        return None


def _try(handle) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _wait(handle, wait_s: float | None) -> bool:
    """Wait for the lock: True once held, False past ``wait_s`` seconds (None: no limit)."""
    if wait_s is None:
        fcntl.flock(handle, fcntl.LOCK_EX)
        return True
    deadline = time.monotonic() + wait_s
    while not _try(handle):
        if time.monotonic() >= deadline:
            return False
        time.sleep(min(_POLL_S, max(0.0, deadline - time.monotonic())))
    return True
