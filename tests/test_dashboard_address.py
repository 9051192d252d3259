"""A reload keeps the story list's filters and a story's outlets side by side (AppTest, the
real app script): the page's address carries them, only when they are not the defaults, and
a pasted address naming values the page does not offer is ignored without an error."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from tests import test_dashboard_app as app_tests
from tests.test_dashboard_app import app, listed_ids, no_errors, open_story

base_workspace = app_tests.base_workspace
seed_story_id = app_tests.seed_story_id
workspace = app_tests.workspace

pytestmark = pytest.mark.slow



def _reload(at):
    """A new session opened at ``at``'s address (what a browser reload does)."""
    reloaded = app()
    for key, value in at.query_params.items():
        reloaded.query_params[key] = value
    return reloaded.run()


def test_a_plain_list_has_a_plain_address(workspace) -> None:
    at = app().run()
    no_errors(at)
    assert dict(at.query_params) == {}


def test_a_reload_keeps_the_list_filters(workspace, seed_story_id) -> None:
    at = app().run()
    at.toggle(key="multi_only").set_value(False).run()
    outlets = at.multiselect(key="outlets").options
    at.multiselect(key="outlets").set_value(outlets[:2]).run()
    at.selectbox(key="sort").select("Most recent").run()
    at.selectbox(key="changed_since").select("Last 7 days").run()
    lo, hi = at.date_input(key="dates").value
    at.date_input(key="dates").set_value((lo, hi - timedelta(days=1))).run()
    at.text_input(key="keyword").input("a").run()
    no_errors(at)
    shown = listed_ids(at)
    assert shown, "the test's filters should leave a story to open"
    assert at.query_params["sort"] == "recent" and at.query_params["multi"] == "0"
    assert at.query_params["changed"] == "7d" and at.query_params["q"] == "a"
    assert at.query_params["dates"] == f"{lo}..{hi - timedelta(days=1)}"

    reloaded = _reload(at)
    no_errors(reloaded)
    assert reloaded.toggle(key="multi_only").value is False
    assert reloaded.multiselect(key="outlets").value == outlets[:2]
    assert reloaded.selectbox(key="sort").value == "Most recent"
    assert reloaded.selectbox(key="changed_since").value == "Last 7 days"
    assert tuple(reloaded.date_input(key="dates").value) == (lo, hi - timedelta(days=1))
    assert reloaded.text_input(key="keyword").value == "a"
    assert listed_ids(reloaded) == shown

    # Opening a story and coming back keeps them too (the list's widgets were not drawn).
    open_story(reloaded, shown[0])
    reloaded.button(key="back").click().run()
    no_errors(reloaded)
    assert reloaded.text_input(key="keyword").value == "a"
    assert reloaded.selectbox(key="sort").value == "Most recent"
    # Back to the defaults: the address names them no more.
    reloaded.text_input(key="keyword").input("").run()
    reloaded.selectbox(key="sort").select("Outlets, then size").run()
    assert "q" not in reloaded.query_params and "sort" not in reloaded.query_params


def test_a_reload_keeps_a_picked_changed_since_moment(workspace) -> None:
    at = app().run()
    at.selectbox(key="changed_since").select("A day and time…").run()
    day = at.date_input(key="changed_since_day").value
    at.time_input(key="changed_since_time").set_value(time(9, 30)).run()
    assert at.query_params["changed"] == f"{day}T09:30"
    reloaded = _reload(at)
    no_errors(reloaded)
    assert reloaded.selectbox(key="changed_since").value == "A day and time…"
    assert reloaded.date_input(key="changed_since_day").value == day
    assert reloaded.time_input(key="changed_since_time").value == time(9, 30)


def test_a_reload_keeps_the_outlets_side_by_side(workspace, seed_story_id) -> None:
    at = open_story(app().run(), seed_story_id)
    side = at.multiselect(key=f"side_by_side_{seed_story_id}")
    assert "side" not in at.query_params  # the default three
    picked = [side.options[-1], side.options[0]]
    side.set_value(picked).run()
    no_errors(at)
    assert list(at.query_params["side"]) == picked

    reloaded = _reload(at)
    no_errors(reloaded)
    assert reloaded.session_state["story_id"] == seed_story_id
    assert reloaded.multiselect(key=f"side_by_side_{seed_story_id}").value == picked
    # Another story's page does not carry them.
    reloaded.button(key="back").click().run()
    assert "side" not in reloaded.query_params


def test_unknown_values_in_a_pasted_address_are_ignored(workspace, seed_story_id) -> None:
    at = app()
    for key, value in {"sort": "sideways", "changed": "yesterday-ish", "dates": "2021-13-40..x",
                       "outlet": ["No Such Outlet"], "multi": "maybe", "script": "latin", "tz": "Mars/Base"}.items():
        at.query_params[key] = value
    at.run()
    no_errors(at)
    assert at.selectbox(key="sort").value == "Outlets, then size"
    assert at.selectbox(key="changed_since").value == "Last run"
    assert at.multiselect(key="outlets").value == []
    assert at.toggle(key="multi_only").value is True
    lo_hi = at.date_input(key="dates").value
    assert len(lo_hi) == 2 and lo_hi[0] <= lo_hi[1]

    story = app()
    story.query_params["story"] = seed_story_id
    story.query_params["side"] = ["No Such Outlet"]
    story.run()
    no_errors(story)
    assert len(story.multiselect(key=f"side_by_side_{seed_story_id}").value) >= 2


def test_what_the_page_ignores_in_its_address_is_said_once_and_taken_out(workspace, seed_story_id) -> None:
    """A parameter the page does not read (?from=yesterday) and a value it does not offer stayed
    in the address after the page ignored them: a copied link carried them on. Now one line
    names them and the address drops them; a kept choice stays."""
    from html import unescape

    at = app()
    for key, value in {"from": "yesterday", "sort": "sideways", "changed": "yesterday-ish", "q": "a",
                       "outlet": ["No Such Outlet"]}.items():
        at.query_params[key] = value
    at.run()
    no_errors(at)
    notes = [unescape(i.value) for i in at.info if "Ignored in the page's address" in unescape(i.value)]
    assert notes == ["Ignored in the page's address: from=yesterday (no such setting); "
                     "changed=yesterday-ish (not a choice this page offers); sort=sideways (not a choice this "
                     "page offers); outlet=No Such Outlet (not a choice this page offers). "
                     "It now names only what the page shows."], notes
    assert dict(at.query_params) == {"q": "a"}
    at.text_input(key="keyword").input("").run()  # any rerun: said once
    assert not [i for i in at.info if "Ignored in the page's address" in unescape(i.value)]

    # A long value is cut in the note; a day range naming none of the workspace's days is ignored too.
    long = app()
    long.query_params["utm_source"] = "x" * 500
    long.query_params["dates"] = "1999-01-01..1999-01-02"
    long.run()
    no_errors(long)
    (note,) = [unescape(i.value) for i in long.info if "Ignored in the page's address" in unescape(i.value)]
    assert f"utm_source={'x' * 39}… (no such setting)" in note and "dates=1999-01-01..1999-01-02 (no days" in note
    assert dict(long.query_params) == {}


def test_an_article_link_is_followed_then_left_or_said_unknown(workspace, seed_story_id) -> None:
    """?article=ID opens its story; back on the list the address no longer names the article (a
    reload reopened it). An id no article has is said and taken out of the address."""
    from html import unescape

    from store import Store

    with Store(workspace) as store:
        article_id = store.story(seed_story_id)["members"][0]["article_id"]
    at = app()
    at.query_params["article"] = article_id
    at.run()
    no_errors(at)
    assert at.session_state["story_id"] == seed_story_id
    at.button(key="back").click().run()
    no_errors(at)
    assert "article" not in at.query_params and "story" not in at.query_params

    gone = app()
    gone.query_params["article"] = "no-such-article"
    gone.run()
    no_errors(gone)
    assert any("No article no-such-article in this workspace" in unescape(i.value) for i in gone.info)
    assert "article" not in gone.query_params
