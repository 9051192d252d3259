"""What a run changed, and ids that outlive a regrouping: each story's change since the stored
state (new, grew, changed, merged, split, unchanged) in the run's outputs and the store; a story
whose members and label stay keeps its version (an editor's pending edit still applies); a
regrouped story keeps the id of the stored story it shares most articles with; a replaced id
leads to the story now holding its articles (the comparison CLI, the dashboard's ``?story=``).
Made-up articles, the lexical backend: nothing is downloaded."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from html import unescape

import pytest

from clustering import build_story, edits, pipeline
from clustering.changes import change_counts, change_text, story_changes
from clustering.model import Member, Story
from dashboard.app import BUILT_NOTE
from store.sqlite import Store
from tests.test_clustering_hourly_run import FOOTBALL
from tests.test_clustering_hourly_run import _story_of as _owner
from tests.test_clustering_partial_run import (
    _ids,
    _write,
    dashboard_store,
    two_day_folders,
)
from tests.test_story_ids import _folders, _named_after_the_football


def _story(sid: str, ids: list[str]) -> Story:
    day = datetime(2024, 3, 4, tzinfo=UTC)
    return Story(sid, sid, day, day, ["x"], [Member(i, 1.0) for i in ids])


# ---- the change of each story --------------------------------------------------------------
def test_story_changes_name_each_kind():
    before = [_story("st-grow", ["a", "b"]), _story("st-same", ["c", "d"]), _story("st-m1", ["e", "f"]),
              _story("st-m2", ["g", "h"]), _story("st-big", ["i", "j", "k"]), _story("st-lose", ["l", "m", "n"])]
    after = [_story("st-grow", ["a", "b", "new1", "new2"]), _story("st-same", ["c", "d"]),
             _story("st-m1", ["e", "f", "g", "h"]), _story("st-big", ["i", "j"]), _story("st-part", ["k"]),
             _story("st-lose", ["l", "m"]), _story("st-fresh", ["new3"]), _story("st-n", ["n"])]
    changes, moved = story_changes(before, after)
    kinds = {sid: c["kind"] for sid, c in changes.items()}
    assert kinds == {"st-grow": "grew", "st-same": "unchanged", "st-m1": "merged", "st-big": "changed",
                     "st-part": "split", "st-lose": "changed", "st-fresh": "new", "st-n": "split"}
    assert moved == {"st-m2": "st-m1"}
    assert change_text(changes["st-grow"]) == "grew (+2 articles)"
    assert change_text(changes["st-m1"]) == "merged (from st-m2)"
    assert change_text(changes["st-part"]) == "split from st-big"
    assert change_text(changes["st-big"]) == "changed (-1 article)"
    assert change_text({"kind": "changed", "added": 2, "removed": 1}) == "changed (+2 -1 articles)"
    assert change_counts(changes.values()) == "1 new story, 1 grew, 2 changed, 1 merged, 2 split"
    assert change_counts([changes["st-same"]]) == "no story changed"


def test_an_hourly_run_says_what_changed_in_its_outputs_and_the_store(hours, tmp_path):
    from clustering.__main__ import main as cli_main

    store, folders = hours
    db = str(store.path)
    out1, out2 = tmp_path / "out1", tmp_path / "out2"
    assert cli_main([str(folders["h01"]), "--out", str(out1), "--db", db, "--model", "lexical"]) == 0
    first = json.loads((out1 / "stories.json").read_text("utf-8"))
    assert [s["change"]["kind"] for s in first] == ["new"]
    assert "Since the previous run: 1 new story." in (out1 / "stories.md").read_text("utf-8")
    dam_id = first[0]["id"]
    assert cli_main([str(folders["h02"]), "--out", str(out2), "--db", db, "--model", "lexical"]) == 0
    stories = {s["id"]: s for s in json.loads((out2 / "stories.json").read_text("utf-8"))}
    assert stories[dam_id]["change"] == {"kind": "grew", "added": 2, "removed": 0, "merged_from": [],
                                         "split_from": [], "text": "grew (+2 articles)"}
    (rates_id,) = set(stories) - {dam_id}
    assert stories[rates_id]["change"]["kind"] == "new"
    md = (out2 / "stories.md").read_text("utf-8")
    assert "Since the previous run: 1 new story, 1 grew." in md
    assert f"`{dam_id}` [grew (+2 articles)]" in md and f"`{rates_id}` [new]" in md
    with (out2 / "assignments.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {(r["story_id"], r["story_change"]) for r in rows} == {(dam_id, "grew (+2 articles)"), (rates_id, "new")}
    # The store keeps the last run's changes (what the dashboard lists first) and their count.
    with Store(db) as again:
        at, kept = again.story_changes()
        assert at and {sid: c["kind"] for sid, c in kept.items()} == {dam_id: "grew", rates_id: "new"}
        assert again.story_changes_summary()[1] == "1 new story, 1 grew"


def test_the_cli_summary_counts_the_changes(hours, tmp_path, capsys):
    from clustering.__main__ import main as cli_main

    store, folders = hours
    db = str(store.path)
    cli_main([str(folders["h01"]), "--out", str(tmp_path / "o1"), "--db", db, "--model", "lexical"])
    capsys.readouterr()
    cli_main([str(folders["h01"]), "--out", str(tmp_path / "o2"), "--db", db, "--model", "lexical"])
    assert "since the previous run: no story changed" in capsys.readouterr().err


def test_a_full_rerun_says_the_bulk_changed_and_the_leaver_split(tmp_path):
    folders = _folders(tmp_path)
    with Store(tmp_path / "w.db") as store:
        pipeline.run(folders, store, model="lexical")
        old_id = _named_after_the_football(store)
        pipeline.recluster(store, model="lexical")
        rovers = _owner(store)[_ids(store, "Rovers")[0]]
        kinds = {sid: c["kind"] for sid, c in store.story_changes()[1].items()}
        assert kinds == {old_id: "changed", rovers: "split"}
        assert store.story_changes()[1][rovers]["text"] == f"split from {old_id}"


# ---- where a replaced id went ----------------------------------------------------------------
def _split_by_hand(store: Store) -> tuple[str, str]:
    """The dam story stored as two (one per day) under made-up ids, as an older grouping had it."""
    d1, d2 = (sorted(a.id for a in store.articles() if "orvina" in a.title and day in a.published.isoformat())
              for day in ("2024-03-04", "2024-03-05"))
    rest = [Story.from_dict(s) for s in store.stories() if not set(d1) & {m["article_id"] for m in s["members"]}]
    halves = [build_story("st-aaaa", store.articles(d1), dict.fromkeys(d1, 1.0)),
              build_story("st-bbbb", store.articles(d2), dict.fromkeys(d2, 1.0))]
    store.replace_stories([s.to_dict() for s in [*halves, *rest]])
    return "st-aaaa", "st-bbbb"


def test_a_merged_away_id_leads_to_the_story_holding_its_articles(tmp_path):
    folders = two_day_folders(tmp_path)
    with Store(tmp_path / "w.db") as store:
        pipeline.run(folders, store, model="lexical")
        kept, gone = _split_by_hand(store)
        pipeline.run(folders, store, model="lexical")
        assert {_owner(store)[i] for i in _ids(store, "orvina")} == {kept}  # 2 and 2: the smaller old id
        new_id, at = store.story_moved(gone)
        assert new_id == kept and at
        assert store.story_moved(kept) is None and store.story_moved("st-never") is None
        assert store.story_changes()[1][kept]["kind"] == "merged"
        # A later merge of that story by hand: the old id follows to the newest holder.
        pipeline.run([_write(tmp_path, "foot", FOOTBALL)], store, model="lexical")
        rovers = _owner(store)[_ids(store, "Rovers")[0]]
        merged = edits.merge_stories(store, [rovers, kept])
        assert store.story_moved(gone)[0] == merged
        assert {store.story_moved(sid)[0] for sid in (rovers, kept) if sid != merged} == {merged}


def test_the_comparison_cli_follows_a_merged_away_id(tmp_path, capsys):
    from comparison.__main__ import main as compare_main

    folders = two_day_folders(tmp_path)
    db = tmp_path / "w.db"
    with Store(db) as store:
        pipeline.run(folders, store, model="lexical")
        kept, gone = _split_by_hand(store)
        pipeline.run(folders, store, model="lexical")
    out = tmp_path / "cmp.json"
    assert compare_main([gone, "--db", str(db), "--out", str(out), "--lexical"]) == 0
    err = capsys.readouterr().err
    assert f"story '{gone}' was merged into '{kept}' (" in err and "UTC); comparing that" in err
    assert len(json.loads(out.read_text("utf-8"))["articles"]) == 4
    assert compare_main(["st-000000000000", "--db", str(db), "--out", str(out), "--lexical"]) == 2
    assert "no story 'st-000000000000'" in capsys.readouterr().err


def test_ids_moved_are_bounded_and_forgotten_when_held_again(tmp_path, monkeypatch):
    import store.stories as tables

    monkeypatch.setattr(tables, "MAX_STORY_MOVES", 3)
    with Store(tmp_path / "w.db") as store:
        store.replace_stories([_story("st-live", ["a"]).to_dict()])
        for n in range(5):
            store.record_story_moves({f"st-old{n}": "st-live"}, at=f"2024-03-0{n + 1}T00:00:00+00:00")
        assert [store.story_moved(f"st-old{n}") for n in range(5)][:2] == [None, None]
        assert store.story_moved("st-old4") == ("st-live", "2024-03-05T00:00:00+00:00")
        store.record_story_moves({"st-old4": "st-other"}, at="2024-03-06T00:00:00+00:00")  # the latest only
        assert store.story_moved("st-old4") is None  # st-other is no story
        store.record_story_moves({"st-live": "st-x"})  # an id a story holds is never redirected
        assert store.story_moved("st-live") is None


# ---- the dashboard ---------------------------------------------------------------------------
def test_the_story_list_sorts_the_last_runs_changes_first():
    from dashboard import storylist

    day = datetime(2024, 3, 4, tzinfo=UTC)
    stories = [Story(sid, sid, day, day.replace(hour=h), ["x"], [Member(f"{sid}-a", 1.0)])
               for sid, h in (("st-old", 9), ("st-grew", 1), ("st-new", 2))]
    changes = {"st-grew": {"kind": "grew", "text": "grew (+2 articles)"}, "st-new": {"kind": "new", "text": "new"}}
    frame = storylist.story_frame(stories, {}, changes)
    assert list(storylist.sort_stories(frame, "Recently changed")["id"]) == ["st-new", "st-grew", "st-old"]
    assert list(storylist.sort_stories(frame, "Most recent")["id"])[0] == "st-old"
    assert dict(zip(frame["id"], frame["change"], strict=True)) == {
        "st-old": "", "st-grew": "grew (+2 articles)", "st-new": "new"}


@pytest.fixture()
def dashboard_workspace(tmp_path, monkeypatch):
    db = dashboard_store(tmp_path, monkeypatch)
    folders = two_day_folders(tmp_path)
    with Store(db) as store:
        pipeline.run(folders, store, model="lexical")
        kept, gone = _split_by_hand(store)
        pipeline.run(folders, store, model="lexical")
    return db, kept, gone


def _app():
    from streamlit.testing.v1 import AppTest

    from dashboard.workspace import REPO_ROOT

    return AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)


def assert_link_redirects(gone: str, kept: str) -> None:
    """The dashboard opened on ``?story=gone`` shows story ``kept``, saying the first went into it."""
    at = _app()
    at.query_params["story"] = gone
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["story_id"] == kept
    assert any(f"Story {gone} was merged into this one (" in unescape(i.value) for i in at.info)


def test_the_dashboard_opens_a_merged_away_story_link_on_its_new_story(dashboard_workspace):
    _, kept, gone = dashboard_workspace
    assert_link_redirects(gone, kept)


def test_the_dashboard_says_when_a_linked_story_is_unknown(dashboard_workspace):
    at = _app()
    at.query_params["story"] = "st-000000000000"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("No story st-000000000000" in unescape(i.value) for i in at.info)
    assert not at.session_state["story_id"] if "story_id" in at.session_state else True
    assert len(at.dataframe(key="story_table").value) == 1  # the story list


def test_the_dashboard_lists_the_last_runs_changes(dashboard_workspace):
    _, kept, _ = dashboard_workspace
    at = _app().run()
    assert not at.exception, [e.value for e in at.exception]
    at.selectbox(key="sort").select("Recently changed").run()
    table = at.dataframe(key="story_table").value
    assert list(table["id"])[0] == kept and table["change"].iloc[0].startswith("merged (from st-bbbb")
    assert any("Last run" in unescape(c.value) and "1 merged" in unescape(c.value) for c in at.caption)


def test_a_run_that_made_every_story_built_the_workspace():
    from dashboard import storylist

    day = datetime(2024, 3, 4, tzinfo=UTC)
    stories = [Story(sid, sid, day, day, ["x"], [Member(f"{sid}-a", 1.0)]) for sid in ("st-a", "st-b")]
    new = {"kind": "new", "text": "new"}
    assert storylist.built_by({"st-a": new, "st-b": new}, ["st-a", "st-b"])
    assert not storylist.built_by({"st-a": new}, ["st-a", "st-b"])  # st-b was there before, unchanged
    assert not storylist.built_by({"st-a": new, "st-b": {"kind": "grew"}}, ["st-a", "st-b"])
    assert not storylist.built_by({}, [])
    built = storylist.story_frame(stories, {}, {"st-a": new, "st-b": new})
    assert built.attrs[storylist.BUILT_BY_LAST_RUN] and set(built["change"]) == {""} and built["unchanged"].all()
    later = storylist.story_frame(stories, {}, {"st-a": new})
    assert storylist.BUILT_BY_LAST_RUN not in later.attrs and list(later["change"]) == ["new", ""]


def _columns(at) -> dict:
    """The story table's column settings as the page sends them (label, help...)."""
    return json.loads(at.dataframe(key="story_table").proto.columns)


def test_the_dashboard_says_a_first_build_plainly_then_the_changes(tmp_path, monkeypatch):
    """A fresh workspace is no change: one line saying it was built, no "new" on every row, no
    'Recently changed' hint; a run that changes nothing says so without the hint either."""
    db = dashboard_store(tmp_path, monkeypatch)
    folders = two_day_folders(tmp_path)
    with Store(db) as store:
        pipeline.run(folders, store, model="lexical")
        assert store.count_stories() == 1
    at = _app().run()
    assert not at.exception, [e.value for e in at.exception]
    captions = [unescape(c.value) for c in at.caption]
    assert any(c.startswith("Workspace built (") and c.endswith(f"): 1 story. {BUILT_NOTE}") for c in captions), captions
    assert not any("Last run (" in c or "Recently changed" in c for c in captions), captions
    assert set(at.dataframe(key="story_table").value["change"]) == {""}
    # The empty "Last run" column says why in its help (it read as a fault), with the build's time.
    (change,) = [c for c in _columns(at).values() if c.get("label") == "Last run"]
    built_at = next(c for c in captions if c.startswith("Workspace built (")).split("(", 1)[1].split(")")[0]
    assert change["help"].startswith(f"The last grouping run built the workspace ({built_at}): ")
    assert BUILT_NOTE in change["help"]
    with Store(db) as store:
        pipeline.run(folders, store, model="lexical")  # the same files again: nothing changes
    at = _app().run()
    captions = [unescape(c.value) for c in at.caption]
    assert any(c.startswith("Last run (") and c.endswith("): no story changed.") for c in captions), captions
    assert not any("Recently changed" in c for c in captions), captions
    (change,) = [c for c in _columns(at).values() if c.get("label") == "Last run"]
    assert change["help"].startswith("What the last grouping run ") and BUILT_NOTE not in change["help"]


def test_changed_since_on_a_fresh_workspace_counts_no_change(tmp_path, monkeypatch):
    """Just built, the workspace's "Changed since: Last 24 hours" listed every story as changed
    (the build made each "new"). The build is no change: the list says nothing changed after it
    and points at the newest coverage by publication time; a run after it is listed."""
    db = dashboard_store(tmp_path, monkeypatch)
    with Store(db) as store:
        pipeline.run(two_day_folders(tmp_path), store, model="lexical")
        (sid,) = [s["id"] for s in store.stories()]
        latest = store.story(sid)["last_published"]
    at = _app().run()
    at.selectbox(key="changed_since").select("Last 24 hours").run()
    assert not at.exception, [e.value for e in at.exception]
    assert set(at.dataframe(key="story_table").value["change"]) == {""}
    captions = [unescape(c.value) for c in at.caption]
    (line,) = [c for c in captions if c.startswith("Since ")]
    newest = datetime.fromisoformat(latest).astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    assert ": no story changed. The workspace was built since then (" in line, line
    assert f"Its newest article was published {newest} UTC: sort by 'Most recent'" in line, line
    assert "Recently changed" not in line
    (change,) = [c for c in _columns(at).values() if c.get("label") == "Changed since"]
    assert "The build itself is not counted" in change["help"]

    with Store(db) as store:  # a later run grows the story
        store.record_story_changes({sid: {"kind": "grew", "added": 1, "text": "grew (+1 article)"}}, "1 grew")
    at = _app().run()
    at.selectbox(key="changed_since").select("Last 24 hours").run()
    assert list(at.dataframe(key="story_table").value["change"]) == ["grew (+1 article)"]
    assert any(c.startswith("Since ") and "the workspace was built (" in c and "then 1 run changed 1 story." in c
               for c in (unescape(c.value) for c in at.caption))


def test_changes_caption_suggests_a_sort_only_when_another_is_active(tmp_path, monkeypatch):
    """The "Changed since" caption said "sort by 'Most recent'" (and the last run's line "Sort by
    'Recently changed'") even with the list already sorted that way: each hint only when another
    sort is active."""
    from dashboard.app import since_build_line

    assert "sort by 'Most recent'" in since_build_line("a", "b", 0, 0, "2021-07-12 10:00 UTC")
    line = since_build_line("a", "b", 0, 0, "2021-07-12 10:00 UTC", sort="Most recent")
    assert line.endswith("Its newest article was published 2021-07-12 10:00 UTC."), line
    assert "Most recent" not in line

    db = dashboard_store(tmp_path, monkeypatch)
    with Store(db) as store:
        pipeline.run(two_day_folders(tmp_path), store, model="lexical")
        (sid,) = [s["id"] for s in store.stories()]
    at = _app().run()
    at.selectbox(key="changed_since").select("Last 24 hours").run()
    at.selectbox(key="sort").select("Most recent").run()
    assert not at.exception, [e.value for e in at.exception]
    (line,) = [c for c in (unescape(c.value) for c in at.caption) if c.startswith("Since ")]
    assert "no story changed" in line and "Its newest article was published " in line, line
    assert "Most recent" not in line, line

    with Store(db) as store:  # a later run grows the story: the 'Recently changed' hint
        store.record_story_changes({sid: {"kind": "grew", "added": 1, "text": "grew (+1 article)"}}, "1 grew")
    at = _app().run()
    at.selectbox(key="changed_since").select("Last run").run()
    assert any("Sort by 'Recently changed'" in unescape(c.value) for c in at.caption)
    at.selectbox(key="sort").select("Recently changed").run()
    captions = [unescape(c.value) for c in at.caption]
    assert any(c.startswith("Last run (") and c.endswith("): 1 grew.") for c in captions), captions
    assert not any("Sort by 'Recently changed'" in c for c in captions), captions
