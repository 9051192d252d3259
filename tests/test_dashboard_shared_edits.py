"""Two journalists on one story (AppTest, the real app script): a page another journalist's edit
changed says so, and a story merged away under a reader's page leads her to where its articles
went. The other journalist acts through the store (the same edits the app calls)."""

from __future__ import annotations

from html import unescape

import pytest

from clustering import edits
from dashboard.app import CHANGED_MEANWHILE, changed_meanwhile
from store import Store
from tests import test_dashboard_app as app_tests
from tests.test_dashboard_app import app, no_errors, open_story

base_workspace = app_tests.base_workspace
seed_story_id = app_tests.seed_story_id
workspace = app_tests.workspace

pytestmark = pytest.mark.slow


def _members(db, story_id: str) -> list[str]:
    with Store(db) as store:
        return [m["article_id"] for m in store.story(story_id)["members"]]


def _another_story(db, story_id: str) -> str:
    with Store(db) as store:
        return next(s["id"] for s in store.stories() if s["id"] != story_id)


def test_a_split_clicked_on_a_page_someone_changed_is_not_dropped_silently(workspace, seed_story_id) -> None:
    at = open_story(app().run(), seed_story_id)
    members = _members(workspace, seed_story_id)
    kept = members[-1]
    at.multiselect(key="split_articles").set_value([kept]).run()
    assert not [w.value for w in at.warning]
    # Meanwhile another editor moves every other article away: the split would now take the
    # whole story, so its button is disabled in the run the click starts.
    other = _another_story(workspace, seed_story_id)
    with Store(workspace) as store:
        for aid in members[:-1]:
            edits.move_article(store, aid, other)
    at.button(key="do_split").click().run()
    no_errors(at)
    assert changed_meanwhile(edit_clicked=True) in [w.value for w in at.warning]
    assert "edit you clicked just now was not applied" in changed_meanwhile(edit_clicked=True)
    assert _members(workspace, seed_story_id) == [kept]  # nothing split
    # The next run of the same page, unchanged since, says nothing more.
    at.run()
    assert not [w.value for w in at.warning if w.value.startswith(CHANGED_MEANWHILE)]


def test_a_story_merged_away_under_a_readers_page_leads_to_its_articles(workspace, seed_story_id) -> None:
    at = open_story(app().run(), seed_story_id)
    with Store(workspace) as store:
        # A merge keeps the id of the story holding most of it: another story first grows
        # past the reader's (articles moved in from the others), so hers is the one merged away.
        others = sorted((s for s in store.stories() if s["id"] != seed_story_id), key=lambda s: -len(s["members"]))
        bulk, size = others[0]["id"], len(store.story(seed_story_id)["members"])
        for story in others[1:]:
            if len(store.story(bulk)["members"]) > size:
                break
            for member in story["members"]:
                edits.move_article(store, member["article_id"], bulk)
        merged = edits.merge_stories(store, [seed_story_id, bulk])
    assert merged != seed_story_id
    at.radio(key="script").set_value(at.radio(key="script").options[2]).run()  # any click
    no_errors(at)
    assert at.session_state["story_id"] == merged
    assert any(f"Story {seed_story_id} was merged into this one" in unescape(i.value) for i in at.info)
    assert at.query_params["story"] == merged


def test_a_reload_keeps_the_script_the_time_zone_and_the_rejected_files(workspace, seed_story_id) -> None:
    at = open_story(app().run(), seed_story_id)
    at.radio(key="script").set_value("繁體").run()
    at.selectbox(key="time_zone").set_value("Asia/Taipei").run()
    app_tests.uploader_of(at).set_value(
        [("broken.jsonl", b'{"title": "no closing brace"\n', "application/jsonl")]).run()
    at.button(key="add_uploads").click().run()
    no_errors(at)
    assert app_tests.run_jobs(workspace) == 1
    address = {k: at.query_params[k] for k in ("story", "script", "tz")}
    assert address == {"story": seed_story_id, "script": "hant", "tz": "Asia/Taipei"}

    reloaded = app()  # a reload: a new session opened at the same address
    for key, value in address.items():
        reloaded.query_params[key] = value
    reloaded.run()
    no_errors(reloaded)
    assert reloaded.session_state["story_id"] == seed_story_id
    assert reloaded.radio(key="script").value == "繁體"
    assert reloaded.selectbox(key="time_zone").value == "Asia/Taipei"
    assert any("broken.jsonl" in unescape(c.value) for c in reloaded.sidebar.caption)
    # Back to the defaults: the address names them no more.
    reloaded.radio(key="script").set_value("Original").run()
    assert "script" not in reloaded.query_params


def test_an_editor_renames_a_story_and_a_stale_rename_is_refused(workspace, seed_story_id) -> None:
    at = open_story(app().run(), seed_story_id)
    with Store(workspace) as store:
        automatic = store.story(seed_story_id)["label"]
    at.text_input(key="rename_label").set_value("Tajikistan calls up 20,000 reservists").run()
    at.button(key="do_rename").click().run()
    no_errors(at)
    assert [s.value for s in at.success] == ["Story renamed."]
    assert "Tajikistan calls up 20,000 reservists" in [h.value for h in at.header]
    with Store(workspace) as store:
        assert store.story(seed_story_id)["label"] == "Tajikistan calls up 20,000 reservists"
        assert store.edits()[-1][0] == "rename"
    assert at.text_input(key="rename_label").value == "Tajikistan calls up 20,000 reservists"
    # Another editor renames it meanwhile: this page's rename is refused, not written over hers.
    at.text_input(key="rename_label").set_value("Mine").run()
    with Store(workspace) as store:
        edits.rename_story(store, seed_story_id, "Hers")
    at.button(key="do_rename").click().run()
    no_errors(at)
    assert any(w.value.startswith("Not applied") for w in at.warning), [w.value for w in at.warning]
    with Store(workspace) as store:
        assert store.story(seed_story_id)["label"] == "Hers"
    # Emptied, it has its automatic headline again.
    at.text_input(key="rename_label").set_value("").run()
    at.button(key="do_rename").click().run()
    no_errors(at)
    assert [s.value for s in at.success] == ["Story has its automatic headline again."]
    with Store(workspace) as store:
        assert store.story(seed_story_id)["label"] == automatic


def _tabs_place(at) -> tuple[int, ...]:
    """Where the story's tabs are in the page: their path of child indexes from the main area.
    The browser keeps the tab open only while this stays the same from one run to the next."""
    def walk(node, path):
        for index, child in getattr(node, "children", {}).items():
            if getattr(child, "type", None) == "tab_container":
                return (*path, index)
            found = walk(child, (*path, index))
            if found:
                return found
        return None

    return walk(at.main, ())


def test_a_notice_above_the_story_leaves_its_tabs_where_they_were(workspace, seed_story_id) -> None:
    """'Story renamed.' or another journalist's change, written above the story, used to move its
    tabs down one place: the browser drew them anew and showed Facts, not the tab the journalist
    was in ("Why grouped", where she had just renamed it). A click that is no edit says nothing of
    an edit not applied."""
    at = open_story(app().run(), seed_story_id)
    place = _tabs_place(at)
    assert place is not None
    at.text_input(key="rename_label").set_value("desk test name").run()
    at.button(key="do_rename").click().run()
    no_errors(at)
    assert [s.value for s in at.success] == ["Story renamed."]
    assert _tabs_place(at) == place
    # Another journalist renames it; this page's next click (a time zone) is told, in the same place.
    with Store(workspace) as store:
        edits.rename_story(store, seed_story_id, "another name")
    at.selectbox(key="time_zone").select("Asia/Taipei").run()
    no_errors(at)
    assert [w.value for w in at.warning] == [changed_meanwhile(edit_clicked=False)] == [CHANGED_MEANWHILE]
    assert _tabs_place(at) == place
    at.run()
    assert not at.warning and _tabs_place(at) == place
