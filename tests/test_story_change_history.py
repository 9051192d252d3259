"""What changed since a moment: the store keeps a bounded history of the grouping runs' change
records (each with its time and one-line count), stores made before it upgrade in place, and
the dashboard's list combines the runs since a moment the reader picks
(:func:`dashboard.storylist.combine_changes`). Made-up records and articles, the lexical
backend: nothing is downloaded."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from store.sqlite import Store

T0 = datetime(2024, 3, 4, 6, 0, tzinfo=UTC)


def _at(hours: float) -> str:
    return (T0 + timedelta(hours=hours)).isoformat()


def _grew(n: int) -> dict:
    return {"kind": "grew", "added": n, "removed": 0, "merged_from": [], "split_from": [],
            "text": f"grew (+{n} article{'s' if n != 1 else ''})"}


NEW = {"kind": "new", "added": 2, "removed": 0, "merged_from": [], "split_from": [], "text": "new"}


# ---- the store's history ---------------------------------------------------------------------
def test_the_store_keeps_each_runs_changes_with_its_time_and_summary(tmp_path):
    with Store(tmp_path / "w.db") as store:
        assert store.story_changes() == (None, {}) and store.story_changes_summary() == (None, "")
        assert store.story_change_runs() == [] and store.change_history_span() == (0, None)
        store.record_story_changes({"st-a": NEW}, "1 new story", at=_at(0))
        before = store.fingerprint()
        store.record_story_changes({"st-a": _grew(2), "st-b": NEW}, "1 new story, 1 grew", at=_at(1))
        assert store.fingerprint() != before  # the list's cache sees the new run
        store.record_story_changes({}, "no story changed", at=_at(2))
        # The last run's record, as before the history: "Last run" and the CLI's outputs.
        at, last = store.story_changes()
        assert datetime.fromisoformat(at) == T0 + timedelta(hours=2) and last == {}
        assert store.story_changes_summary()[1] == "no story changed"
        runs = store.story_change_runs()
        assert [r.summary for r in runs] == ["1 new story", "1 new story, 1 grew", "no story changed"]
        assert runs[1].changes == {"st-a": _grew(2), "st-b": NEW}
        # Since a moment: the runs strictly after it, oldest first, whatever zone it is written in.
        assert [r.summary for r in store.story_change_runs(_at(0))] == ["1 new story, 1 grew", "no story changed"]
        assert len(store.story_change_runs("2024-03-04T14:30:00+08:00")) == 2  # 06:30 UTC
        assert len(store.story_change_runs(datetime(2024, 3, 4, 6, 30))) == 2  # naive: UTC
        assert store.story_change_runs(_at(5)) == []
        assert store.change_history_span() == (3, runs[0].at)


def test_the_history_keeps_the_last_runs_of_the_last_days(tmp_path, monkeypatch):
    import store.stories as tables

    monkeypatch.setattr(tables, "MAX_CHANGE_RUNS", 3)
    with Store(tmp_path / "w.db") as store:
        for n in range(5):
            store.record_story_changes({f"st-{n}": NEW}, f"run {n}", at=_at(n))
        assert [r.summary for r in store.story_change_runs()] == ["run 2", "run 3", "run 4"]
        # A run more than CHANGE_HISTORY_DAYS days after the kept ones leaves them behind.
        later = _at(24 * tables.CHANGE_HISTORY_DAYS + 3.5)
        store.record_story_changes({"st-x": _grew(1)}, "run 5", at=later)
        assert [r.summary for r in store.story_change_runs()] == ["run 4", "run 5"]
        assert store.story_change_runs(_at(0))[0].changes == {"st-4": NEW}  # the records went with them
        assert store.change_history_span()[0] == 2


def _make_old_store(path) -> list[dict]:
    """A store as written before the change history: the last run's record in table
    ``story_changes`` and its time and count in ``meta``. Made by today's store, then turned
    back with the old schema's own statements."""
    from tests.test_story_changes import _story

    stories = [_story("st-a", ["a1", "a2"]).to_dict(), _story("st-b", ["b1"]).to_dict()]
    with Store(path) as store:
        store.replace_stories(stories)
        store.record_story_moves({"st-gone": "st-a"})
        stories = store.stories()
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        DROP TABLE change_runs; DROP TABLE change_records;
        CREATE TABLE story_changes (story_id TEXT PRIMARY KEY, data TEXT NOT NULL);
        INSERT INTO story_changes VALUES ('st-a', '{"kind": "merged", "added": 1, "removed": 0,
            "merged_from": ["st-gone"], "split_from": [], "text": "merged (from st-gone)"}');
        INSERT INTO meta VALUES ('story_changes_at', '2024-03-04T06:00:00+00:00');
        INSERT INTO meta VALUES ('story_changes_summary', '1 merged');
        """
    )
    conn.close()
    return stories


def test_an_old_store_upgrades_in_place_keeping_its_last_run(tmp_path):
    db = tmp_path / "old.db"
    stories = _make_old_store(db)
    with Store(db) as store:
        at, changes = store.story_changes()
        assert datetime.fromisoformat(at) == T0 and changes["st-a"]["text"] == "merged (from st-gone)"
        assert store.story_changes_summary()[1] == "1 merged"
        assert store.stories() == stories and store.story_moved("st-gone")[0] == "st-a"
        assert store.integrity_check() == "ok"
        store.record_story_changes({"st-b": _grew(1)}, "1 grew", at=_at(1))
    with Store(db) as again:  # opened again: moved once, the new run after it
        assert [r.summary for r in again.story_change_runs()] == ["1 merged", "1 grew"]
        assert again.get_meta("story_changes_at") is None and again.get_meta("story_changes_summary") is None
        tables = {r[0] for r in again.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "story_changes" not in tables and {"change_runs", "change_records"} <= tables


def test_an_old_store_whose_last_run_changed_nothing_keeps_that_run(tmp_path):
    db = tmp_path / "old.db"
    _make_old_store(db)
    conn = sqlite3.connect(db)
    conn.executescript("DELETE FROM story_changes; UPDATE meta SET value='no story changed'"
                       " WHERE key='story_changes_summary';")
    conn.close()
    with Store(db) as store:
        assert store.story_changes()[1] == {} and store.story_changes_summary()[1] == "no story changed"
    fresh = tmp_path / "fresh.db"
    Store(fresh).close()
    with Store(fresh) as store:  # a store no run wrote: nothing to move, no run made up
        assert store.change_history_span() == (0, None)
