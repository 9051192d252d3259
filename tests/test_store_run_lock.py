"""One batch run at a time on a store (store.runlock): a second run waits, saying so in one line;
``--wait`` bounds the wait (exit 75, nothing done); a holder killed with SIGKILL leaves no lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli import EXIT_BUSY
from clustering.__main__ import main
from store.runlock import (
    RunHolder,
    RunLockTimeout,
    _parse_holder,
    lock_holder,
    run_lock,
    run_lock_path,
)

ROOT = Path(__file__).resolve().parents[1]
# A child process holding the run lock of the store argv[1] until it is killed.
_HOLDER = ("import sys, time\nfrom store.runlock import run_lock\n"
           "with run_lock(sys.argv[1], what=(sys.argv[2:] or [None])[0]):\n"
           "    print('held', flush=True)\n    time.sleep(600)\n")


def _hold_in_child(db: Path, what: str | None = None) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", _HOLDER, str(db), *([what] if what else [])],
                             stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout.readline().strip() == "held"
    return child


def _times_out_while_a_child_holds(db: Path, match: str = "", waited: Path | None = None) -> None:
    """A bounded wait on ``waited`` (default ``db``) gives up (its message matching ``match`` and
    naming the holder's pid) while another process holds ``db``'s lock; that process is stopped
    afterwards."""
    child = _hold_in_child(db)
    try:
        with pytest.raises(RunLockTimeout, match=f"{match}pid {child.pid}"), run_lock(waited or db, wait_s=0.2):
            pass
    finally:
        child.kill()
        child.wait()


def test_a_second_holder_waits_for_the_first_and_is_told_once(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    order, lines = [], []

    def second() -> None:
        with run_lock(db, on_wait=lines.append):
            order.append("second")

    with run_lock(db):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        order.append("first done")
    thread.join(5)
    assert order == ["first done", "second"]
    assert len(lines) == 1 and str(db) in lines[0] and f"pid {os.getpid()}" in lines[0]


def test_a_bounded_wait_gives_up_naming_the_store(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    _times_out_while_a_child_holds(db, match=f"{db}.*")


def test_a_holder_killed_with_sigkill_leaves_the_store_unlocked(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    child = _hold_in_child(db)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert run_lock_path(db).exists()  # the file stays; the lock does not
    with run_lock(db, wait_s=0):
        pass


def test_the_cli_exits_75_having_done_nothing_when_the_store_stays_busy(tmp_path: Path, capsys) -> None:
    db, out = tmp_path / "ws.db", tmp_path / "out"
    (tmp_path / "in").mkdir()
    child = _hold_in_child(db)
    try:
        code = main([str(tmp_path / "in"), "--db", str(db), "--out", str(out), "--wait", "0.2",
                     "--model", "lexical"])
    finally:
        child.kill()
        child.wait()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_BUSY
    assert len(err) == 2 and "waiting" in err[0] and "nothing done" in err[1] and str(db) in err[1]
    assert not db.exists() and not out.exists()


def test_ingest_alone_takes_the_lock_too_and_exits_75_past_its_wait(tmp_path: Path, capsys) -> None:
    # python -m articles beside a clustering run would leave articles that run takes for a killed
    # run's orphans: it waits as clustering does, and past --wait does nothing.
    from articles.__main__ import main as articles_main

    db = tmp_path / "ws.db"
    seed = ROOT / "seeds" / "000_299cce44e7b57b22.txt"
    child = _hold_in_child(db)
    try:
        code = articles_main([str(seed), "--db", str(db), "--wait", "0.2"])
    finally:
        child.kill()
        child.wait()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_BUSY
    assert len(err) == 2 and "waiting" in err[0] and f"pid {child.pid}" in err[0] and "nothing done" in err[1]
    assert not db.exists()
    # Free again: it runs (and holds the lock while it does: a second run would wait for it).
    assert articles_main([str(seed), "--db", str(db), "--wait", "0"]) == 0
    assert "1 new article" in capsys.readouterr().err


def test_ingest_waits_for_the_holder_saying_so_once(tmp_path: Path, capsys) -> None:
    from articles.__main__ import main as articles_main

    db = tmp_path / "ws.db"
    seed = ROOT / "seeds" / "000_299cce44e7b57b22.txt"
    with run_lock(db):
        result: list[int] = []
        thread = threading.Thread(target=lambda: result.append(articles_main([str(seed), "--db", str(db)])))
        thread.start()
        time.sleep(0.5)
        assert not result and not db.exists()  # still waiting: nothing read
    thread.join(30)
    err = capsys.readouterr().err.strip().splitlines()
    assert result == [0] and "waiting for it to finish" in err[0] and len([e for e in err if "waiting" in e]) == 1


@pytest.mark.parametrize("command", ["articles", "clustering"])
def test_the_help_of_every_command_that_takes_the_lock_says_so(command: str, capsys, monkeypatch) -> None:
    import importlib

    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        importlib.import_module(f"{command}.__main__").main(["--help"])
    text = capsys.readouterr().out
    assert "--wait SECONDS" in text and "One run at a time holds a store (see --wait)." in text
    assert "\n  75  another run held the store longer than --wait (nothing done)" in text


@pytest.mark.parametrize("argv", [["x", "--wait", "-1"], ["x", "--wait", "soon"]])
def test_a_negative_or_unreadable_wait_is_a_usage_error(argv: list[str], capsys) -> None:
    from articles.__main__ import main as articles_main

    with pytest.raises(SystemExit) as exit_:
        articles_main(argv)
    assert exit_.value.code == 2 and "--wait" in capsys.readouterr().err


def test_a_store_in_no_folder_is_still_one_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "file").write_text("x")
    db = tmp_path / "file" / "ws.db"  # its folder is a file: neither lock nor store can be made
    code = main([str(tmp_path / "in"), "--db", str(db), "--out", str(tmp_path / "out"), "--model", "lexical"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and "cannot open the store" in err[0]


def test_a_dashboard_job_that_groups_waits_for_a_command_line_run(tmp_path: Path, monkeypatch) -> None:
    from dashboard import jobs
    from store import Store

    db = tmp_path / "ws.db"
    ran = []
    monkeypatch.setitem(jobs.HANDLERS, "made-up", lambda store, params, progress: ran.append(time.monotonic()) or {})
    with Store(db) as store:
        job_id = store.enqueue_job("made-up", {})
        job = store.claim_job()
        with run_lock(db):  # a command-line run holds the workspace
            thread = threading.Thread(target=jobs.run_job, args=(store, job))
            thread.start()
            time.sleep(0.5)
            assert ran == [] and "waiting for a command-line run" in store.job(job_id)["message"]
            released = time.monotonic()
        thread.join(10)
        assert ran and ran[0] >= released and store.job(job_id)["state"] == "done"


def test_a_lock_file_this_user_cannot_write_still_locks(tmp_path: Path, monkeypatch) -> None:
    # Two users' cron lines on one shared store: the lock file the other user made (mode 0644)
    # opens read-only for this one; a run must still wait for the holder, not run beside it.
    import builtins

    import store.runlock as runlock

    db = tmp_path / "ws.db"

    def no_write(file, mode="r", *args, **kwargs):  # (the tests run as root: permissions are simulated)
        if "a" in mode or "w" in mode or "+" in mode:
            raise PermissionError(13, "Permission denied", str(file))
        return builtins.open(file, mode, *args, **kwargs)

    monkeypatch.setattr(runlock, "open", no_write, raising=False)
    _times_out_while_a_child_holds(db)
    with run_lock(db, wait_s=0.2):  # free again (held read-only, no pid written)
        pass


def test_a_store_reached_through_a_symlink_has_one_lock(tmp_path: Path) -> None:
    # The dashboard's data/parallax.db a symlink to the shared store a cron line names by its
    # real path: both runs must take the same lock.
    real = tmp_path / "shared" / "ws.db"
    real.parent.mkdir()
    real.write_bytes(b"")
    link = tmp_path / "parallax.db"
    link.symlink_to(real)
    _times_out_while_a_child_holds(real, waited=link)


def test_the_lock_file_names_its_holder_and_since_when(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    assert lock_holder(db) is None  # no lock file yet
    before = datetime.now(UTC).replace(microsecond=0)
    child = _hold_in_child(db, "python -m clustering --engine local")
    try:
        holder = lock_holder(db)
        assert holder is not None and holder.pid == child.pid and holder.what == "python -m clustering --engine local"
        assert before <= holder.since <= datetime.now(UTC)
        with pytest.raises(RunLockTimeout, match=f"python -m clustering --engine local, pid {child.pid}, since "):
            with run_lock(db, wait_s=0.1):
                pass
    finally:
        child.kill()
        child.wait()
    assert lock_holder(db) is None  # a killed holder's lines stay in the file; it holds nothing
    with run_lock(db, what="python -m articles"):
        assert lock_holder(db).what == "python -m articles"
    assert lock_holder(db) is None


def test_a_lock_file_of_an_older_checkout_or_garbage_still_names_what_it_can() -> None:
    assert _parse_holder("4242") == RunHolder(4242)  # (the pid alone, as written before)
    assert _parse_holder("") == RunHolder()
    assert _parse_holder("x\nnot a time\n") == RunHolder()
    assert RunHolder().describe() == "pid unknown"
    when = datetime(2026, 12, 7, 21, 5, tzinfo=timezone(timedelta(hours=8)))
    assert RunHolder(7, when, "python -m articles").describe() == "python -m articles, pid 7, since 2026-12-07 13:05 UTC"


@given(st.text())
def test_whatever_a_lock_file_holds_its_holder_is_described_in_one_line(text: str) -> None:
    """A waiting run describes the lock file's holder in its one line; a file holding "²" (a
    digit to str.isdigit, not to int) raised instead, and a time without a zone was read as local."""
    holder = _parse_holder(text)
    assert "\n" not in holder.describe().replace(holder.what or "", "")
    assert holder.since is None or holder.since.tzinfo is not None


def test_a_time_without_a_zone_is_utc() -> None:
    assert _parse_holder("7\n2026-12-07T13:05:00\nx").describe() == "x, pid 7, since 2026-12-07 13:05 UTC"
    assert _parse_holder("²\n").pid is None


def test_a_waiting_dashboard_job_names_the_run_it_waits_for(tmp_path: Path, monkeypatch) -> None:
    # The worker behind a cron run: every session's progress line says which run holds the
    # workspace and since when, not a bar that does not move; the worker's log says so too.
    from dashboard import jobs
    from store import Store

    db = tmp_path / "ws.db"
    monkeypatch.setitem(jobs.HANDLERS, "made-up", lambda store, params, progress: {})
    told: list[str] = []
    child = _hold_in_child(db, "python -m clustering --engine ray")
    try:
        with Store(db) as store:
            job_id = store.enqueue_job("made-up", {})
            thread = threading.Thread(target=jobs.run_job, args=(store, store.claim_job()),
                                      kwargs={"notify": told.append})
            thread.start()
            deadline = time.monotonic() + 10
            while not told and time.monotonic() < deadline:
                time.sleep(0.05)
            message = store.job(job_id)["message"]
            assert message.startswith("waiting for a command-line run on this workspace to finish")
            assert f"(python -m clustering --engine ray, pid {child.pid}, since " in message and told == [message]
            child.kill()
            child.wait()
            thread.join(10)
            assert store.job(job_id)["state"] == "done"
    finally:
        child.kill()
        child.wait()
