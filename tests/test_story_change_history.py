"""What changed since a moment: the store keeps a bounded history of the grouping runs' change
records (each with its time and one-line count), stores made before it upgrade in place, and
the dashboard's list combines the runs since a moment the reader picks
(:func:`dashboard.storylist.combine_changes`). Made-up records and articles, the lexical
backend: nothing is downloaded."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_the_run_that_built_the_workspace_is_marked(tmp_path):
    """The store's first run, every story it changed new, made the workspace's first stories:
    "Changed since" counts no change in it. A first run that changed a story (a store from
    before the history) and every later run are changes."""
    with Store(tmp_path / "w.db") as store:
        store.record_story_changes({"st-a": NEW, "st-b": NEW}, "2 new stories", at=_at(0))
        store.record_story_changes({"st-c": NEW}, "1 new story", at=_at(1))
        assert [r.built for r in store.story_change_runs()] == [True, False]
        assert [r.built for r in store.story_change_runs(_at(0))] == [False]
    with Store(tmp_path / "old.db") as store:
        store.record_story_changes({"st-a": _grew(1), "st-b": NEW}, "1 new story, 1 grew", at=_at(0))
        assert [r.built for r in store.story_change_runs()] == [False]


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


# ---- combining several runs' records ---------------------------------------------------------
def _change(kind: str, added: int = 0, removed: int = 0, merged_from=(), split_from=()) -> dict:
    from clustering.changes import change_text

    change = {"kind": kind, "added": added, "removed": removed, "merged_from": sorted(merged_from),
              "split_from": sorted(split_from)}
    return {**change, "text": change_text(change)}


def test_several_runs_are_said_in_plain_words():
    from dashboard.storylist import combine_changes

    runs = [{"st-a": NEW}, {"st-a": _grew(2), "st-b": NEW}, {"st-b": _grew(1)}, {"st-b": _grew(3)}]
    made = combine_changes(runs)["st-a"]  # made after the moment: new, whatever it did next
    assert (made["kind"], made["text"], made["added"], made["runs"]) == ("new", "new", 4, 2)
    assert combine_changes(runs[1:])["st-a"]["text"] == "grew (+2 articles)"  # one run: its own words
    assert combine_changes(runs[2:])["st-b"]["text"] == "grew (+4 articles) over 2 runs"
    assert combine_changes(runs[:1] + runs[2:]) == {"st-a": {**NEW, "runs": 1}, "st-b": {
        "kind": "grew", "added": 4, "removed": 0, "merged_from": [], "split_from": [], "runs": 2,
        "text": "grew (+4 articles) over 2 runs"}}
    # st-c went into st-b, then st-b into st-a: st-a names both, and neither is listed.
    merges = [{"st-a": _grew(1), "st-b": _change("merged", 2, merged_from=["st-c"])},
              {"st-a": _change("merged", 4, merged_from=["st-b"])}]
    assert combine_changes(merges) == {"st-a": {
        "kind": "merged", "added": 5, "removed": 0, "merged_from": ["st-b", "st-c"], "split_from": [],
        "runs": 2, "text": "merged (from st-b, st-c; +5 articles) over 2 runs"}}
    moved = combine_changes([{"st-a": _change("changed", 1, 2)}, {"st-a": _grew(2)}])["st-a"]
    assert moved["text"] == "changed (+3 -2 articles) over 2 runs"
    split = [{"st-s": _change("split", 2, split_from=["st-a"])}, {"st-s": _grew(1)},
             {"st-s": _change("merged", 1, merged_from=["st-t"])}]
    assert combine_changes(split)["st-s"]["text"] == "split from st-a, merged (from st-t)"
    assert combine_changes([{"st-a": {"kind": "unchanged"}}, {}]) == {}


@st.composite
def _runs(draw) -> list[dict[str, dict]]:
    """Runs over a few ids, each record of any kind; a run merges in only ids it does not list
    (as :func:`clustering.changes.story_changes` makes them: a merged id is no story after it)."""
    pool = ["st-a", "st-b", "st-c", "st-d", "st-e"]
    runs = []
    for _ in range(draw(st.integers(0, 6))):
        listed = draw(st.lists(st.sampled_from(pool), unique=True, max_size=4))
        others = [i for i in pool if i not in listed]
        run = {}
        for sid in listed:
            kind = draw(st.sampled_from(["new", "grew", "changed", "merged", "split", "unchanged"]))
            merged = draw(st.lists(st.sampled_from(others), unique=True, max_size=2)) if others and kind in (
                "merged", "changed") else []
            run[sid] = _change(kind, draw(st.integers(0, 5)), draw(st.integers(0, 3)) if kind != "grew" else 0,
                               merged, draw(st.lists(st.sampled_from(others), max_size=1)) if others else [])
        runs.append(run)
    return runs


@settings(max_examples=300, deadline=None)
@given(_runs())
def test_combined_changes_keep_their_invariants(runs):
    from clustering.changes import KINDS
    from dashboard.storylist import combine_changes

    combined = combine_changes(runs)
    for sid, change in combined.items():
        own = []  # the story's records since it was last merged away
        for run in runs:
            if any(sid in c["merged_from"] for c in run.values()):
                own = []
            if sid in run and run[sid]["kind"] != "unchanged":
                own.append(run[sid])
        assert own, sid  # only ids a run changed, and never one merged away since
        assert change["kind"] in KINDS[:-1] and change["text"]
        assert change["added"] == sum(c["added"] for c in own)
        assert change["removed"] == sum(c["removed"] for c in own)
        assert set(change["merged_from"]) >= {m for c in own for m in c["merged_from"]}
        assert len(own) <= change["runs"] <= len(runs)
        if change["runs"] == 1:
            assert change["text"] == own[0]["text"]  # the "Last run" words
        if own[0]["kind"] in ("new", "split"):
            assert change["kind"] == own[0]["kind"]
        elif all(c["kind"] == "grew" for c in own) and change["runs"] > 1:
            assert change["text"].startswith("grew (+") and change["text"].endswith(f"over {change['runs']} runs")
    merged_away = {m for n, run in enumerate(runs) for c in run.values() for m in c["merged_from"]
                   if not any(m in later for later in runs[n + 1:])}
    assert not merged_away & set(combined)


@st.composite
def _hours(draw) -> list[list[set[str]]]:
    """Hourly states of a newsroom's stories (each a set of article ids) where every hour only
    adds articles: to existing stories or as new ones (as an upload or a quiet-news run does)."""
    states = [[{f"a{n}"} for n in range(draw(st.integers(1, 3)))]]
    fresh = 100
    for _ in range(draw(st.integers(1, 5))):
        state = [set(s) for s in states[-1]]
        for _ in range(draw(st.integers(0, 3))):
            fresh += 1
            target = draw(st.integers(0, len(state)))
            if target == len(state):
                state.append({f"a{fresh}"})
            else:
                state[target].add(f"a{fresh}")
        states.append(state)
    return states


@settings(max_examples=100, deadline=None)
@given(_hours())
def test_combined_growth_is_the_growth_since_the_moment(hours):
    """Over runs that only add articles, each story is "new" when made after the moment, and
    otherwise grew by the articles it gained since, over the runs it grew in."""
    from clustering.changes import changed_only, story_changes
    from dashboard.storylist import combine_changes
    from tests.test_story_changes import _story

    def stories(state):  # a story's id is its first article's, as the hours add in order
        return [_story(f"st-{min(s, key=lambda a: int(a[1:]))}", sorted(s)) for s in state]

    runs = [changed_only(story_changes(stories(a), stories(b))[0]) for a, b in pairwise(hours)]
    combined = combine_changes(runs)
    first = {s.id: set(s.article_ids) for s in stories(hours[0])}
    for story in stories(hours[-1]):
        gained = set(story.article_ids) - first.get(story.id, set())
        if story.id not in first:
            assert combined[story.id]["text"] == "new"
        elif not gained:
            assert story.id not in combined
        else:
            grew_in = sum(story.id in r for r in runs)
            assert combined[story.id]["added"] == len(gained) and combined[story.id]["runs"] == grew_in
            words = "article" if len(gained) == 1 else "articles"
            assert combined[story.id]["text"] == (f"grew (+{len(gained)} {words})"
                                                  + (f" over {grew_in} runs" if grew_in > 1 else ""))


# ---- the dashboard's "Changed since" --------------------------------------------------------
# Hour 3: one more report on each of hour 1's dam and hour 2's rate rise.
HOUR3 = [("gamma", "2024-03-05T22:00:00Z", "Korvina dam inquiry opens as governor Ilse Marek visits flooded town",
          "Governor Ilse Marek opened the inquiry into the Korvina dam burst that killed 12 people and "
          "flooded 300 homes in the lower town, and visited rescuers in boats."),
         ("beta", "2024-03-05T21:00:00Z", "Astoria markets steady after central bank rate rise to 4.5%",
          "Markets in Astoria were steady on Tuesday after the central bank raised its main interest rate "
          "to 4.5%, citing inflation in services.")]


@pytest.fixture()
def three_hours(tmp_path, monkeypatch):
    """A workspace grouped by three real hourly runs, 30, 10 and 1 hours ago (the store's
    clock set back for each): the dam (new, grew +2, grew +1) and the rate rise (new, grew +1)."""
    import store.stories as tables
    from clustering import pipeline
    from dashboard.worker import WORKER_ENV
    from dashboard.workspace import DB_ENV
    from tests.test_clustering_hourly_run import HOURS
    from tests.test_clustering_partial_run import _rec, _write

    monkeypatch.setenv(WORKER_ENV, "off")
    db = tmp_path / "parallax.db"
    monkeypatch.setenv(DB_ENV, str(db))
    folders = [*(_write(tmp_path, name, records) for name, records in HOURS.items()),
               _write(tmp_path, "h03", [_rec(20 + n, *r) for n, r in enumerate(HOUR3)])]
    now = datetime.now(UTC)
    with Store(db) as store:
        for hours_ago, folder in zip((30, 10, 1), folders, strict=True):
            monkeypatch.setattr(tables, "now", lambda h=hours_ago: (now - timedelta(hours=h)).isoformat())
            pipeline.run([folder], store, model="lexical")
        ids = {word: store.story_of_article(a.id) for a in store.articles() for word in ("orvina", "Astoria")
               if word in a.title}
        assert [r.summary for r in store.story_change_runs()] == ["1 new story", "1 new story, 1 grew", "2 grew"]
    monkeypatch.undo()  # the app reads the real clock; the environment again for it
    monkeypatch.setenv(WORKER_ENV, "off")
    monkeypatch.setenv(DB_ENV, str(db))
    return now, ids["orvina"], ids["Astoria"]


def _changes_listed(at) -> dict[str, str]:
    table = at.dataframe(key="story_table").value
    return dict(zip(table["id"], table["change"], strict=True))


def test_the_dashboard_lists_what_changed_since_a_moment(three_hours):
    from html import unescape

    from tests.test_story_changes import _app

    now, dam, rates = three_hours
    at = _app().run()
    assert not at.exception, [e.value for e in at.exception]
    # By default the last run's record, as before.
    assert _changes_listed(at) == {dam: "grew (+1 article)", rates: "grew (+1 article)"}
    assert any("Last run (" in unescape(c.value) and "2 grew" in unescape(c.value) for c in at.caption)
    at.selectbox(key="changed_since").select("Last 24 hours").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _changes_listed(at) == {dam: "grew (+3 articles) over 2 runs", rates: "new"}
    assert any("2 runs changed 2 stories" in unescape(c.value) for c in at.caption)
    # A day and time the reader picks (in the zone shown: UTC here), before every run kept.
    at.selectbox(key="changed_since").select("A day and time…").run()
    before = now - timedelta(hours=40)
    at.date_input(key="changed_since_day").set_value(before.date()).run()
    at.time_input(key="changed_since_time").set_value(before.time().replace(second=0, microsecond=0)).run()
    assert not at.exception, [e.value for e in at.exception]
    # The first run built the workspace (the dam's story): no change; the two runs after it are.
    assert _changes_listed(at) == {dam: "grew (+3 articles) over 2 runs", rates: "new"}
    assert any("the workspace was built (" in unescape(c.value) and "then 2 runs changed 2 stories" in unescape(c.value)
               for c in at.caption)
    later = now + timedelta(hours=2)
    at.date_input(key="changed_since_day").set_value(later.date()).run()
    at.time_input(key="changed_since_time").set_value(later.time().replace(second=0, microsecond=0)).run()
    assert set(_changes_listed(at).values()) == {""}
    assert any("0 runs changed 0 stories" in unescape(c.value) for c in at.caption)
    # The day and time are read in the zone times are shown in: 5 hours ago on a UTC+8 clock
    # (read as UTC, it would be 3 hours ahead, and no run since).
    at.selectbox(key="time_zone").select("Asia/Taipei").run()
    between = now + timedelta(hours=8 - 5)
    at.date_input(key="changed_since_day").set_value(between.date()).run()
    at.time_input(key="changed_since_time").set_value(between.time().replace(second=0, microsecond=0)).run()
    assert _changes_listed(at) == {dam: "grew (+1 article)", rates: "grew (+1 article)"}
    # "Recently changed" follows the choice; back on "Last run" the column is the last run's again.
    at.selectbox(key="changed_since").select("Last 6 hours").run()
    at.selectbox(key="sort").select("Recently changed").run()
    assert _changes_listed(at) == {dam: "grew (+1 article)", rates: "grew (+1 article)"}
    at.selectbox(key="changed_since").select("Last run").run()
    assert not at.exception and _changes_listed(at)[dam] == "grew (+1 article)"
