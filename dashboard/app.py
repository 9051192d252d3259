"""The Streamlit dashboard: story list, story view, why grouped, edits, uploads, exports.

``app.py`` at the repository root only calls :func:`main`. Everything shown from
an article is either rendered by an element that displays plain text
(dataframes, charts, st.text) or escaped by :mod:`dashboard.text` first.

The server only reads and makes small edits: building the workspace, uploads,
regrouping and comparisons are jobs for the background worker
(:mod:`dashboard.worker`), whose progress every session sees. Each thread uses
its own store connection (``store.Store`` is per-thread inside).
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

import pandas as pd
import streamlit as st

from articles.model import Article
from articles.outlets import edition_names, reader_outlet
from articles.tabular import CSV_ENCODING
from counted import counted
from dashboard import actions, address, aligned, auth, explain, panels, storylist, times, workspace
from dashboard import worker as worker_control
from dashboard.outlet_names import StoryOutlets, story_outlets
from dashboard.panels import session_logged_in
from dashboard.relabel import relabel
from dashboard.text import (
    KIND_COLOURS,
    KIND_LABELS,
    KIND_MEANINGS,
    SCRIPTS,
    SHOWN,
    chart_export_guarded,
    escape,
    export_guarded,
    finding_in_script,
    fit,
    highlight,
    in_script,
    kinds_help,
    outlet_in_script,
    plain_markdown,
    shown_ems,
)
from store import StaleStoryError, Store
from store.stories import CHANGE_HISTORY_DAYS, MAX_CHANGE_RUNS

if TYPE_CHECKING:  # loaded when a story is opened, not for the list
    from clustering.model import Story
    from comparison.model import Comparison, Finding

MAX_SIDE_BY_SIDE = 4
# How many stories the "open a story" picker offers (the table shows them all).
PICKER_LIMIT = 500
# The list's "Changed since" choices: hours back from now; None for the last run's record alone
# (the "Last run" column) or, for PICK_MOMENT, a day and time the reader picks in the zone shown.
PICK_MOMENT = "A day and time…"
CHANGED_SINCE = {"Last run": None, "Last 6 hours": 6, "Last 24 hours": 24, "Last 7 days": 24 * 7,
                 PICK_MOMENT: None}
# The list's choices as the page's address names them (dashboard.address); PICK_MOMENT is
# named by its day and time instead ("2021-07-12T10:00", in the zone shown).
_CHANGED_IN_ADDRESS = {"6h": "Last 6 hours", "24h": "Last 24 hours", "7d": "Last 7 days"}
_SORT_IN_ADDRESS = {"size": "Size", "recent": "Most recent", "oldest": "Oldest", "changed": "Recently changed"}


# ---- cached data ----------------------------------------------------------
@st.cache_resource(show_spinner=False)
def get_store(path: str) -> Store:
    # One Store per workspace, shared: it opens a connection per thread.
    return Store(path)


# How long after a server's first page is drawn its story-view modules start loading (1.2 s of
# imports holding the interpreter; scikit-learn's, 1.2 s more, last: no story view needs it since
# session 42): not while the browser lays out that
# page's table, nor while the next sessions after a restart draw theirs (measured on 2 cores,
# session 41: at 3 s they made a second session's list 0.6 s slower, at 8 s not).
WARM_IMPORTS_DELAY_S = 8.0
# What the warm-up loads, in this order: the story view's modules (its timeline, the facts
# tables' colours, the edit checks, the shared names, the comparison it reads), then the
# clusterer, which no story view needs (an edit loads it, and the "Why, according to the model"
# button): scikit-learn, 1.2 s of imports, last; with it what an edit and that button load on
# first use (a story's change record; the explanation, its vectors' reader and the default embedding
# model's runtime, ONNX Runtime; the scorer's tree predictors, 0.6 s more of scikit-learn: clustering.scorer's
# _predictors). tests/test_dashboard_cold_start.py checks that an edit and the button load
# nothing more once these are loaded.
WARMED_MODULES = ("altair", "pandas.io.formats.style", "clustering.edits", "clustering.features",
                  "comparison.story", "clustering.clusterer", "clustering.changes", "clustering.explain",
                  "clustering.pipeline", "embeddings.e5", "onnxruntime",
                  "sklearn.ensemble._hist_gradient_boosting.predictor")


def warmed() -> bool:
    """Whether the warm-up's modules are all loaded (by it, or by a click that came first)."""
    return all(module in sys.modules for module in WARMED_MODULES)


@st.cache_resource(show_spinner=False)
def _warm_imports() -> bool:
    """Load the clustering and comparison modules in the background once per server, a few
    seconds after its first page, so that page does not wait for them and opening a story is
    quick (a story opened sooner loads them itself: an import is done once, whichever asks)."""

    def load() -> None:
        for module in WARMED_MODULES:
            importlib.import_module(module)

    timer = threading.Timer(WARM_IMPORTS_DELAY_S, load)
    timer.name, timer.daemon = "parallax-warm-imports", True
    timer.start()
    return True


@st.cache_data(show_spinner=False, max_entries=8)
def cached_frame(path: str, fingerprint: tuple) -> pd.DataFrame:
    store = get_store(path)
    return storylist.story_frame(store.stories(), storylist.heads_from_rows(store.article_heads()),
                                 store.story_changes()[1])


@st.cache_data(show_spinner=False, max_entries=8)
def cached_changes_since(path: str, fingerprint: tuple, since: datetime) -> tuple[dict[str, dict], int, str | None]:
    """({story id: what the runs since ``since`` changed in it, combined}, how many runs, when
    the workspace was built when that was since then, else None). The run that built it is no
    change: counted, every story of a fresh workspace was "new" since any moment before it."""
    runs = get_store(path).story_change_runs(since)
    built = next((r.at for r in runs if r.built), None)
    changed = [r for r in runs if not r.built]
    return storylist.combine_changes(r.changes for r in changed), len(changed), built


@st.cache_data(show_spinner=False)
def cached_seed_ids(seeds: str) -> list[str]:
    return workspace.seed_article_ids(Path(seeds))


def _story(store: Store, story_id: str) -> Story | None:
    from clustering.model import Story

    data = store.story(story_id)
    return Story.from_dict(data) if data else None


# ---- entry point ----------------------------------------------------------
# The browser tab's icon: the half-filled circle of the "◐ Parallax" title, drawn as an SVG (sent
# inline as a data: address). Not "◐" itself: Streamlit takes a string that is neither an emoji
# nor a Material icon for an image address, so the tab asked the server for /◐ and got the
# page's HTML (no icon); not ":material/contrast:" either, which the browser fetches from
# fonts.gstatic.com (a dashboard on a desk's network calls no third party).
PAGE_ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
             '<circle cx="8" cy="8" r="7" fill="#fff" stroke="#000" stroke-width="1.5"/>'
             '<path d="M8 1A7 7 0 0 0 8 15Z"/></svg>')


def main() -> None:
    st.set_page_config(page_title="Parallax", page_icon=PAGE_ICON, layout="wide")
    panels.full_run_started()
    try:
        _page()
    finally:
        panels.full_run_ended()


def _page() -> None:
    role = panels.login_gate()
    path = str(workspace.db_path())
    store = get_store(path)
    if workspace.needs_bootstrap(store):
        store.enqueue_job(panels.jobs.BOOTSTRAP, {}, priority=100, unique=True)
        worker_control.ensure_worker(Path(path))  # the page shows its progress
    try:
        _draw(store, path, role)
    finally:
        # Otherwise once the page is drawn (also when a click reruns it): a restarted server's
        # first page no longer waits while the worker starts on the same cores.
        worker_control.ensure_worker(Path(path))
    _warm_imports()  # after the page is drawn: it would compete with the first render


def _draw(store: Store, path: str, role: str) -> None:
    """The page: the sidebar, then the story open in this session or the story list."""
    fingerprint = store.fingerprint()
    frame = cached_frame(path, fingerprint)
    listed = set(frame["id"])

    address.drop_unknown()
    _sync_story_from_url(store, listed)
    script, zone = panels.sidebar(store, path, fingerprint, len(frame), role)
    # Drawn on every run, empty or not: a notice in it never moves what follows, so the story's
    # tabs stay the ones drawn before and keep the tab open (they fell back to Facts when an
    # edit's "Story renamed." or the warning below was written above them).
    notices = st.container()
    with notices:
        _flash(zone)

    story_id = st.session_state.get("story_id")
    # The versions of the stories this page shows are read before the stories themselves: a
    # regrouping landing in between makes the next edit conflict (shown to the journalist),
    # never apply to stories other than those drawn.
    seen = _seen_versions(store) if story_id else {}
    story = _story(store, story_id) if story_id and story_id in listed else None
    if story is not None:
        if _changed_since_drawn(story.id, seen):
            notices.warning(changed_meanwhile(_edit_clicked()))
        story_view(store, path, frame, story, script, zone, role, seen)
    else:
        st.session_state["drawn_story"] = None
        story_list_view(store, path, fingerprint, script, zone)
    ignored = address.ignored_note()  # read by the views drawn above: said above them
    if ignored:
        notices.info(escape(ignored))


CHANGED_MEANWHILE = (
    "This story changed since your page was drawn (someone else's edit, or new articles "
    "grouped into it): it now shows the current version."
)
EDIT_NOT_APPLIED = "The edit you clicked just now was not applied: check the story and try again."
# The edit buttons of the "Why grouped" tab (move, split, merge, rename).
_EDIT_BUTTONS = ("do_move", "do_split", "do_merge", "do_rename")


def changed_meanwhile(edit_clicked: bool) -> str:
    """The warning on a page another journalist's edit (or an upload) changed; it speaks of an
    edit not applied only when the click was an edit's (a switch of time zone is not one)."""
    return f"{CHANGED_MEANWHILE} {EDIT_NOT_APPLIED}" if edit_clicked else CHANGED_MEANWHILE


def _edit_clicked() -> bool:
    """Whether this run was started by a click on an edit button (read before they are drawn)."""
    return any(st.session_state.get(key) is True for key in _EDIT_BUTTONS)


def _changed_since_drawn(story_id: str, seen: dict[str, int]) -> bool:
    """Whether the story this run draws changed since this session's previous run drew it.

    Without this, a click on an edit button that the change disabled (a split of what is
    now the whole story) was dropped without a word, and the page changed under the reader.
    """
    drawn = st.session_state.get("drawn_story")
    st.session_state["drawn_story"] = story_id
    now = st.session_state.get("seen_versions") or {}
    return drawn == story_id and seen.get(story_id) != now.get(story_id)


def _sync_story_from_url(store: Store, listed: set[str]) -> None:
    """?story=ID opens that story, ?article=ID the story of that article in the reader.

    Links can be shared; the URL follows the open story.
    """
    if "story_id" in st.session_state:
        current = st.session_state["story_id"]
        if current and current not in listed and listed:
            # The story this session shows was merged away (another journalist's edit, a
            # regrouping) since its last run: follow its articles, saying so.
            open_story(_where_it_went(store, current, listed))
        return
    wanted = st.query_params.get("story")
    article_id = st.query_params.get("article")
    if article_id and not wanted:
        wanted = store.story_of_article(article_id)
        if wanted in listed:
            st.session_state["reader_article"] = article_id
        elif listed:  # left in the address, the list's links and a reload carried it on
            st.session_state["story_note"] = (f"No article {article_id} in this workspace: showing the story list",
                                              None)
            st.query_params.pop("article", None)
    if wanted and wanted not in listed and listed and not article_id:
        wanted = _where_it_went(store, wanted, listed)
        if wanted:
            st.query_params["story"] = wanted
        else:
            st.query_params.pop("story", None)  # said once, not on every rerun of the list
    if wanted and wanted in listed:
        st.session_state["story_id"] = wanted


def _where_it_went(store: Store, story_id: str, listed: set[str]) -> str | None:
    """The story now holding the articles of a story id that is gone (merged into another),
    or None (the list); either way the page says so once."""
    moved = store.story_moved(story_id)
    if moved is not None and moved[0] in listed:
        st.session_state["story_note"] = (f"Story {story_id} was merged into this one", moved[1])
        return moved[0]
    st.session_state["story_note"] = (f"No story {story_id} in this workspace: showing the story list", None)
    return None


# Widgets whose options belong to one story: reset when another story opens.
_PER_STORY_KEYS = ("reader_article", "move_article", "move_target", "split_articles", "merge_with", "rename_label")


def open_story(story_id: str | None) -> None:
    if story_id != st.session_state.get("story_id"):
        for key in _PER_STORY_KEYS:
            st.session_state.pop(key, None)
        st.query_params.pop("side", None)  # the outlets side by side belong to the story left
        st.query_params.pop("article", None)  # the article a link opened, in the story left
    st.session_state["story_id"] = story_id
    if story_id:
        st.query_params["story"] = story_id
    else:
        st.query_params.pop("story", None)


def _one_line(exc: BaseException) -> str:
    """An error as one escaped line (messages may quote file or article text)."""
    lines = str(exc).strip().splitlines()
    return escape(f"{type(exc).__name__}: {lines[0] if lines else ''}"[:300])


def _flash(zone: times.Zone = times.DEFAULT) -> None:
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message)
    note = st.session_state.pop("story_note", None)  # where a link to a replaced story id led
    if note:
        text, at = note
        st.info(escape(text + (f" ({times.shown(datetime.fromisoformat(at), zone)})." if at else ".")))


# ---- story list -----------------------------------------------------------
def story_list_view(store: Store, path: str, fingerprint: tuple, script: str, zone: times.Zone) -> None:
    frame = cached_frame(path, fingerprint)
    if frame.empty:
        panels.workspace_building(store)
        return
    st.header("Stories")
    _seed_shortcut(path, frame, script)
    built = frame.attrs.get(storylist.BUILT_BY_LAST_RUN, False)
    since = _changed_since(zone)
    n_runs, built_since = 0, None
    if since is not None:
        changes, n_runs, built_since = cached_changes_since(path, fingerprint, since)
        frame = storylist.with_changes(frame, changes)
    shown, no_match = _filtered_stories(frame, zone, script)
    sort = st.session_state.get("sort", storylist.DEFAULT_SORT)
    if shown.empty:  # no empty table to click in: say which filter to loosen
        st.info(escape(no_match))
        _changes_caption(store, zone, since, n_runs, frame, built, built_since, sort)
        return
    st.caption(f"{len(shown):,} of {counted(len(frame), 'story', 'stories')} "
               f"{'matches' if len(shown) == 1 else 'match'}. Click a row to open it.")
    _changes_caption(store, zone, since, n_runs, frame, built, built_since, sort)
    table = _story_table_frame(shown, script, zone)
    if since is None:
        built_when = _built_when(store, zone) if built else None
    else:
        built_when = times.shown(datetime.fromisoformat(built_since), zone) if built_since else None
    _story_table(table, zone, "Last run" if since is None else "Changed since",
                 change_column_help(since is not None, built_when))
    _story_picker(table)


def _changed_since(zone: times.Zone) -> datetime | None:
    """Draw the "Changed since" choice; the moment it names (aware UTC), None for the last run
    alone. Relative choices are taken to the minute, so reruns within one reuse the list."""
    _changed_since_from_address()
    row = st.container(horizontal=True, key="changed_since_row")  # wraps when narrow: see _filtered_stories
    choice = row.selectbox(
        "Changed since", list(CHANGED_SINCE), key="changed_since", width=CONTROL_WIDTHS["changed_since"],
        help="What the grouping runs (hourly runs, regroups, uploads) changed in each story since then, "
             "their records combined: the last run's alone, the last hours', or since a day and time "
             f"you pick. The store keeps the last {MAX_CHANGE_RUNS} runs of at most {CHANGE_HISTORY_DAYS} days.")
    if choice == PICK_MOMENT:
        state = st.session_state
        if "changed_since_day" not in state or "changed_since_time" not in state:
            start = times.local(datetime.now(UTC) - timedelta(hours=24), zone)  # this hour yesterday
            state["changed_since_day"], state["changed_since_time"] = start.date(), time(start.hour)
        day_ = row.date_input(f"Day ({zone.short})", key="changed_since_day", width=CONTROL_WIDTHS["day"])
        clock = row.time_input(f"Time ({zone.short})", key="changed_since_time", width=CONTROL_WIDTHS["time"])
        address.keep("changed", f"{day_.isoformat()}T{clock.strftime('%H:%M')}")
        return times.wall_moment(day_, clock, zone)
    address.keep("changed", address.code_of(_CHANGED_IN_ADDRESS, choice, None))
    hours = CHANGED_SINCE.get(choice)
    if hours is None:
        return None
    return (datetime.now(UTC) - timedelta(hours=hours)).replace(second=0, microsecond=0)


def _changed_since_from_address() -> None:
    """A new session's "Changed since" from its address: a relative choice's code, or the
    day and time a picked moment names (anything else is ignored, and said so)."""
    address.restore("changed_since", "changed", changed_since_of)
    moment = st.session_state.get("changed_since")
    if isinstance(moment, datetime):
        state = st.session_state
        state["changed_since"] = PICK_MOMENT
        state["changed_since_day"], state["changed_since_time"] = moment.date(), time(moment.hour, moment.minute)


def changed_since_of(code: str) -> str | datetime:
    """The "Changed since" choice an address's ``changed=`` names: a relative choice ("24h"), or
    the day and time of a picked moment ("2021-07-12T10:00", naive: in the zone shown); raises
    ValueError for anything else."""
    return _CHANGED_IN_ADDRESS.get(code) or datetime.fromisoformat(code).replace(tzinfo=None)


def _changes_caption(store: Store, zone: times.Zone, since: datetime | None, n_runs: int,
                     frame: pd.DataFrame, built: bool = False, built_since: str | None = None,
                     sort: str = storylist.DEFAULT_SORT) -> None:
    """One line on the changes the list shows: the last run's count (or, when that run built
    the workspace, that it did: a first look has nothing changed to show), or how many runs
    since the moment chosen changed how many stories (and where the kept history starts, when
    the moment is before it; when the workspace was built since then, :func:`since_build_line`).
    The 'Recently changed' hint only when a story changed and the list (``sort``, its order)
    is not sorted that way already."""
    changed = int((~frame["unchanged"]).sum())
    hint = (" Sort by 'Recently changed' to list those stories first."
            if changed and sort != "Recently changed" else "")
    if since is None:
        at, summary = store.story_changes_summary()
        if at and summary:
            when = times.shown(datetime.fromisoformat(at), zone)
            st.caption(escape(f"Workspace built ({when}): {counted(len(frame), 'story', 'stories')}. {BUILT_NOTE}"
                              if built else f"Last run ({when}): {summary}.{hint}"))
        return
    if built_since:  # the history starts with the workspace: nothing older to speak of
        latest = times.shown(frame["last_published"].max().to_pydatetime(), zone) if len(frame) else None
        st.caption(escape(since_build_line(times.shown(since, zone), times.shown(datetime.fromisoformat(built_since), zone),
                                           n_runs, changed, latest, sort) + hint))
        return
    text = (f"Since {times.shown(since, zone)}: {counted(n_runs, 'run')} changed "
            f"{counted(changed, 'story', 'stories')}.")
    _, oldest = store.change_history_span()
    if oldest and since < datetime.fromisoformat(oldest):
        text += f" The oldest run kept is of {times.shown(datetime.fromisoformat(oldest), zone)}."
    st.caption(escape(text + hint))


def since_build_line(since: str, built: str, n_runs: int, changed: int, latest: str | None,
                     sort: str = storylist.DEFAULT_SORT) -> str:
    """The "Changed since" line when the workspace was built after the moment chosen (times as
    shown). Building it is no change (every story would be new, which says nothing to a
    journalist looking at them for the first time): the line counts the runs after the build,
    and with none, says so and points at the newest coverage by publication time instead (the
    'Most recent' hint only when the list, ``sort`` its order, is not sorted that way already:
    it read as a fault there)."""
    if n_runs:
        return (f"Since {since}: the workspace was built ({built}), then {counted(n_runs, 'run')} changed "
                f"{counted(changed, 'story', 'stories')}.")
    newest = f" Its newest article was published {latest}." if latest else ""
    if latest and sort != "Most recent":
        newest = newest[:-1] + ": sort by 'Most recent' to list the latest coverage first."
    return (f"Since {since}: no story changed. The workspace was built since then ({built}), "
            f"and no run has changed a story after that.{newest}")


# The "Last run" column after the run that built the workspace: empty on every row (each story
# "new" is noise), which read as a fault beside "Workspace built": the caption and the column's
# help say why.
BUILT_NOTE = ("The 'Last run' column stays empty until a later run (hourly run, regroup, upload) "
              "changes a story.")


def _built_when(store: Store, zone: times.Zone) -> str | None:
    """When the last run, the one that built the workspace, ran (in ``zone``)."""
    at, _ = store.story_changes_summary()
    return times.shown(datetime.fromisoformat(at), zone) if at else None


def change_column_help(since_chosen: bool, built_when: str | None = None) -> str:
    """The help of the story table's change column: what a run changed in each story (the
    last run's, or the runs' since the moment 'Changed since' names, ``since_chosen``); after
    the run that built the workspace (``built_when``: its time), why the column is empty."""
    if built_when and not since_chosen:
        return (f"The last grouping run built the workspace ({built_when}): every story is new, so no "
                f"row says so. {BUILT_NOTE} It then says what that run changed in each: new, grew, "
                "changed, merged, split.")
    if built_when:
        return (f"What the runs after the workspace was built ({built_when}) changed in the story: new, "
                "grew, changed, merged, split; empty when unchanged. The build itself is not counted "
                "(every story would be new).")
    return ("What the last grouping run (hourly run, regroup, upload), or the runs since the moment "
            "'Changed since' names, changed in the story: new, grew, changed, merged, split; empty when "
            "unchanged. Sort by 'Recently changed' to list those first.")


# The keyword box names no example term: "e.g. 塔吉克, 塔利班, Taliban" offered an English word
# the demo workspace (all Chinese) never matches, and any fixed term misses some workspace.
# The list's controls' widths (px), each fitting its longest choice with its arrow or calendar
# ("Outlets, then size", "2021/07/01 – 2021/07/09"); the rows holding them wrap in narrow windows.
CONTROL_WIDTHS = {"changed_since": 190, "day": 150, "time": 120, "sort": 210, "dates": 250}
# Short enough to show whole in a box 200 px wide (a window 900 px wide): the help says the rest.
KEYWORD_PLACEHOLDER = "Words of a name or headline"
KEYWORD_HELP = ("Stories whose name or an article's headline holds every word typed (separated by spaces), "
                "in either script (简体 and 繁體 both match) and any case. Outlets are chosen under 'Outlets'.")


def _filtered_stories(frame: pd.DataFrame, zone: times.Zone, script: str = SCRIPTS[0]) -> tuple[pd.DataFrame, str]:
    """Draw the list's filters; the stories they leave, in the chosen order, and what to
    loosen when they leave none (:func:`storylist.no_match_line`). The Dates filter's days
    are those of the zone times are shown in; the Outlets filter names outlets in the
    script chosen, as the table's "Covered by" does."""
    # Canonical names are what the filter matches; the reader sees the names stories show.
    shown = storylist.filter_labels(frame)
    all_outlets = sorted(shown, key=lambda o: shown[o])
    lo = times.day(frame["first_published"].min(), zone)
    hi = times.day(frame["last_published"].max(), zone)

    _filters_from_address(all_outlets)
    # Rows that wrap (a horizontal container), each control as wide as its longest choice: in
    # fixed columns a window 900 px wide cut them off ("Recently ch", "Multi-outle…").
    top = st.container(horizontal=True, key="list_filters_top")
    keyword = top.text_input("Keyword", key="keyword", placeholder=KEYWORD_PLACEHOLDER, help=KEYWORD_HELP)
    sort = top.selectbox("Sort by", list(storylist.SORTS), key="sort", width=CONTROL_WIDTHS["sort"])
    dates = top.date_input(f"Dates ({zone.short})", min_value=lo, max_value=hi, key=_dates_key(lo, hi),
                           help=f"Stories with coverage on these days, as days run in {zone.short}.",
                           width=CONTROL_WIDTHS["dates"])
    row = st.container(horizontal=True, vertical_alignment="bottom", key="list_filters_outlets")
    outlets = row.multiselect("Outlets", all_outlets, key=relabel("outlets", script), placeholder="All outlets",
                              format_func=lambda o: filter_label_in_script(shown.get(o, o), script))
    multi_only = row.toggle("Multi-outlet stories only", value=True, key="multi_only")
    _filters_to_address(keyword, sort, dates, (lo, hi), outlets, multi_only)

    since, until = _date_range(dates)
    shown = storylist.sort_stories(
        storylist.filter_stories(
            frame,
            keyword=keyword,
            outlets=outlets,
            since=since,
            until=until,
            multi_outlet_only=multi_only,
            zone=zone,
        ),
        sort,
    )
    narrowed = (since, until) != (None, None) and (since, until) != (lo, hi)
    return shown, storylist.no_match_line(keyword, outlets, narrowed, multi_only)


def _filters_from_address(all_outlets: list[str]) -> None:
    """A new session's list filters from its address (the Dates filter: :func:`_dates_key`)."""
    address.restore("keyword", "q", str)
    address.restore("sort", "sort", address.decoder(_SORT_IN_ADDRESS))
    address.restore_list("outlets", "outlet", all_outlets)
    address.restore("multi_only", "multi", address.decoder({"0": False}))


def _filters_to_address(keyword: str, sort: str, dates, bounds: tuple, outlets: list[str], multi_only: bool) -> None:
    """The list's filters into the page's address, each only when it is not the default."""
    address.keep("q", keyword)
    address.keep("sort", address.code_of(_SORT_IN_ADDRESS, sort, storylist.DEFAULT_SORT))
    picked = tuple(dates) if isinstance(dates, (tuple, list)) else ()
    if len(picked) == 2:  # a range half picked keeps the address's until it is whole
        address.keep("dates", None if picked == tuple(bounds) else f"{picked[0]}..{picked[1]}")
    address.keep("outlet", list(outlets))
    address.keep("multi", None if multi_only else "0")


def dates_from_address(raw: str, lo: date, hi: date) -> tuple[date, date]:
    """The Dates range an address names ("2021-07-10..2021-07-12"), kept inside the
    workspace's days (``lo``, ``hi``); the whole range when it names none that parses."""
    return dates_within(raw, lo, hi) or (lo, hi)


def dates_within(raw: str, lo: date, hi: date) -> tuple[date, date] | None:
    """The Dates range an address names, kept inside ``lo``..``hi``; None when it names no
    range (not two days) or none of those days."""
    try:
        start, end = (date.fromisoformat(d) for d in raw.split(".."))
    except ValueError:
        return None
    start, end = max(start, lo), min(end, hi)
    return (start, end) if start <= end else None


def filter_label_in_script(label: str, script: str) -> str:
    """An Outlets filter label (storylist.filter_labels: "China Digital Times · 中国数字时代") in
    the script chosen, each name as the table's "Covered by" writes it: in 繁體 the table said
    大紀元, 德國之聲 and the filter offered 大纪元, 德国之声."""
    return " · ".join(outlet_in_script(name, script) for name in label.split(" · "))


def _story_table_frame(shown: pd.DataFrame, script: str, zone: times.Zone = times.DEFAULT) -> pd.DataFrame:
    """The listed stories as the table shows them: text in the reader's script, naive times
    in the zone shown (its header names it)."""
    table = shown[["label", "n_outlets", "n_articles", "last_published", "outlets", "change", "id"]].copy()
    table["label"] = [in_script(t, script, w) for t, w in zip(shown["label"], shown["label_script"], strict=True)]
    # Name by name: an outlet's own Traditional name is not a character conversion of the list.
    table["outlets"] = shown["outlet_names"].map(
        lambda names: ", ".join(sorted(outlet_in_script(n, script) for n in names))
    )
    table["last_published"] = times.wall_clock(table["last_published"], zone)
    return table


# Rows the story table shows before it scrolls (460 px).
_STORY_TABLE_ROWS = 12
# What changed comes before the outlets: the long "Covered by" list pushed it past the right edge
# of a 1400-pixel window.
STORY_TABLE_COLUMNS = ["label", "n_outlets", "n_articles", "last_published", "change", "outlets"]


def story_table_height(rows: int) -> int | str:
    """The story table's height: a short list as tall as its rows (a fixed 460 px showed up to 12
    empty rows under it), a longer one 460 px, scrolled."""
    return 460 if rows > _STORY_TABLE_ROWS else "content"


def _story_table(table: pd.DataFrame, zone: times.Zone, change_header: str = "Last run",
                 change_help: str | None = None) -> None:
    """The clickable story table; a click on a row opens its story. ``change_header``: the
    change column's title ("Last run", or "Changed since" the moment the list's choice names);
    ``change_help``: its help (:func:`change_column_help`)."""
    # The selection callback only gets a row number: it maps it back through these ids.
    st.session_state["listed_ids"] = list(table["id"])
    st.dataframe(
        export_guarded(table),
        hide_index=True,
        width="stretch",
        height=story_table_height(len(table)),
        column_order=STORY_TABLE_COLUMNS,
        column_config={
            "label": st.column_config.TextColumn("Story", width="large"),
            "n_outlets": st.column_config.NumberColumn("Outlets", width="small"),
            "n_articles": st.column_config.NumberColumn("Articles", width="small"),
            "last_published": st.column_config.DatetimeColumn(
                f"Latest ({zone.short})", format="YYYY-MM-DD HH:mm"
            ),
            "outlets": st.column_config.TextColumn("Covered by"),
            "change": st.column_config.TextColumn(
                change_header, help=change_help or change_column_help(change_header != "Last run")),
        },
        on_select=_open_selected_row,
        selection_mode="single-row",
        key="story_table",
    )


def _story_picker(table: pd.DataFrame) -> None:
    """A searchable picker over the listed stories (the first PICKER_LIMIT of them)."""
    labels = dict(zip(table["id"], table["label"], strict=True))
    picked = st.selectbox(
        "Or pick a story",
        list(table["id"])[:PICKER_LIMIT],
        index=None,
        format_func=lambda sid: labels.get(sid, sid),
        placeholder="Type to search the listed stories…",
        key="story_picker",
    )
    if picked:
        # Cleared, or back on the list the picker would still hold this story and reopen it.
        st.session_state.pop("story_picker", None)
        open_story(picked)
        st.rerun()


def _seed_shortcut(path: str, frame: pd.DataFrame, script: str) -> None:
    """A one-click way to the reference example (the seed articles' story), when present."""
    store = get_store(path)
    story_ids = workspace.seed_story_ids(store, cached_seed_ids(str(workspace.seeds_dir())))
    labels = dict(zip(frame["id"], frame["label"], strict=True))
    written_in = dict(zip(frame["id"], frame["label_script"], strict=True))
    # The story showing most seeds first: the reference case compares Al Jazeera with VOA.
    for sid in story_ids[:2]:
        if sid in labels and st.button(
            f"Seed example: {plain_markdown(labels[sid], script, written_in[sid])}",
            key=f"seed_{sid}",
            icon=":material/star:",
            help="The story of the project's reference articles (VOA / Al Jazeera on "
            "Tajikistan mobilizing reservists at the Afghan border).",
        ):
            open_story(sid)
            st.rerun()


def _open_selected_row() -> None:
    selection = st.session_state.get("story_table")
    rows = selection.selection.rows if selection else []
    listed = st.session_state.get("listed_ids", [])
    if rows and rows[0] < len(listed):
        open_story(listed[rows[0]])


def _dates_key(lo, hi) -> str:
    """The Dates filter's state key, its range first brought up to the workspace's dates: a
    session that uploads articles of new days sees them (the whole range grows with the
    workspace; a range the journalist narrowed is only kept inside the new bounds)."""
    state = st.session_state
    old, chosen = state.get("dates_bounds"), state.get("dates")
    if chosen is None:  # first run, or the list was not drawn last run (Streamlit drops its state)
        raw = st.query_params.get("dates", "")
        state["dates"], state["dates_bounds"] = dates_from_address(raw, lo, hi), (lo, hi)
        if raw and dates_within(raw, lo, hi) is None:
            address.ignore("dates", raw, f"no days of this workspace's {lo} to {hi}")
    elif old != (lo, hi):
        picked = tuple(chosen) if isinstance(chosen, (tuple, list)) else ()
        if old is None or len(picked) != 2 or picked == tuple(old):
            state["dates"] = (lo, hi)
        else:  # an end left at the old bound follows the new one
            start = lo if picked[0] == old[0] else max(picked[0], lo)
            end = hi if picked[1] == old[1] else min(picked[1], hi)
            state["dates"] = (start, end) if start <= end else (lo, hi)
        state["dates_bounds"] = (lo, hi)
    return "dates"


def _date_range(value) -> tuple:
    if isinstance(value, (tuple, list)):
        if len(value) == 2:
            return value[0], value[1]
        if len(value) == 1:
            return value[0], None
        return None, None
    return value, value


# ---- story view -----------------------------------------------------------
def story_view(
    store: Store, path: str, frame: pd.DataFrame, story: Story, script: str, zone: times.Zone, role: str,
    seen: dict[str, int] | None = None,
) -> None:
    if st.button("← All stories", key="back"):
        open_story(None)
        st.rerun()
    articles = workspace.story_articles(store, story)  # members, then roundups' sections
    _story_header(story, articles, script, zone)
    comp, note = _comparison(store, story.id, articles)
    names = story_outlets(articles, comp)
    by_id = {a.id: a for a in articles}
    outlets_in_story = _outlets_by_coverage(articles, comp, names, _seed_outlets(store, by_id, names))
    chosen = _side_by_side(story.id, outlets_in_story, script)
    _story_tabs(store, story, frame, articles, comp, note, names, outlets_in_story, chosen, script, zone, role,
                seen or {})


def _story_header(story: Story, articles: list[Article], script: str, zone: times.Zone) -> None:
    """The story's name, its counts and dates, and the timeline of its articles."""
    st.header(plain_markdown(story.label, script, storylist.title_script(story.label, articles)))
    members = set(story.article_ids)
    names = story_outlets(articles, None)
    st.caption(
        story_counts(len(story.outlets), articles, members, names)
        + f" · {times.shown_range(story.first_published, story.last_published, zone)}"
    )
    _timeline(timeline_frame(articles, members, script, zone, names), zone)


def story_counts(n_outlets: int, articles: list[Article], members: set[str], names: StoryOutlets) -> str:
    """The header's counts: the story's own articles and outlets, the roundups' sections, and
    the outlets in all when a section's outlet has no article of its own here ("4 articles from 4
    outlets + 3 sections of roundups filed under other stories, 5 outlets in all"): the timeline
    has a row for it, the side-by-side picker offers it and the Export tab's note counts it."""
    own, sections = story_parts(articles, members)
    text = f"{own} from {counted(n_outlets, 'outlet')}"
    if not sections:
        return text
    own_outlets = {names.of(a) for a in articles if a.id in members}
    every_outlet = {names.of(a) for a in articles}
    in_all = f", {counted(len(every_outlet), 'outlet')} in all" if every_outlet - own_outlets else ""
    return f"{text} + {sections}{in_all}"


def _side_by_side(story_id: str, outlets_in_story: list[str], script: str) -> list[str]:
    """The outlets the tabs set side by side: those picked (kept in the page's address when they
    are not the first three), else the first ones."""
    side_key = f"side_by_side_{story_id}"
    # The address names the outlets chosen when they are not the first three (a reload keeps them).
    address.restore_list(side_key, "side", outlets_in_story, MAX_SIDE_BY_SIDE)
    st.session_state.setdefault(side_key, outlets_in_story[:3])
    chosen = st.multiselect(
        f"Outlets side by side (2-{MAX_SIDE_BY_SIDE})",
        outlets_in_story,
        max_selections=MAX_SIDE_BY_SIDE,
        format_func=lambda o: outlet_in_script(o, script),
        key=relabel(side_key, script),
    )
    address.keep("side", None if chosen == outlets_in_story[:3] else chosen)
    return chosen or outlets_in_story[:MAX_SIDE_BY_SIDE]


def _story_tabs(store: Store, story: Story, frame: pd.DataFrame, articles: list[Article], comp: Comparison | None,
                note: str | None, names: StoryOutlets, outlets_in_story: list[str], chosen: list[str], script: str,
                zone: times.Zone, role: str, seen: dict[str, int]) -> None:
    """The story's tabs, each over the outlets ``chosen`` (the Export tab: the whole comparison)."""
    by_id = {a.id: a for a in articles}
    tabs = st.tabs(
        ["Facts", "Aligned", "Numbers", "Naming", "Sources & quotes", "Reader", "Why grouped", "Export"]
    )
    with tabs[0]:
        if note:
            st.info(f"Shown within the comparison budget: {escape(note)}.")
        if comp is not None:
            language_notes(comp)
            _facts_table(comp.findings, by_id, chosen, script, names, key=f"facts_{story.id}")
    with tabs[1]:
        if comp is not None:
            aligned.aligned_panel(comp, chosen, script, names.of_article,
                                  {a.id: a.script for a in articles}, key=f"aligned_{story.id}")
    with tabs[2]:
        if comp is not None:
            numbers = [f for f in comp.findings if f.fact_type in ("number", "date")]
            _facts_table(numbers, by_id, chosen, script, names, key=f"numbers_{story.id}")
    with tabs[3]:
        if comp is not None:
            _naming_table(comp, chosen, script, names)
    with tabs[4]:
        if comp is not None:
            _sources_and_quotes(comp, by_id, chosen, script, names)
    with tabs[5]:
        _reader(articles, comp, chosen, script, zone, names, set(story.article_ids))
    with tabs[6]:
        _why_grouped(store, story, frame, by_id, comp, script, zone, role, seen)
    with tabs[7]:
        if comp is not None:
            st.caption(export_note(len(outlets_in_story), len(chosen), script, zone))
            _export(story, comp, articles, store)


def language_notes(comp: Comparison) -> None:
    """Say which articles are in a language the comparison does not read: their facts are in
    no finding, so an "only one outlet" finding may be in them too."""
    from comparison.compare import not_read_notes  # with the story, never for the list

    for line in not_read_notes(comp.notes):
        st.info(f"{escape(line)}.")


def _comparison(store: Store, story_id: str, articles: list[Article]) -> tuple[Comparison | None, str | None]:
    """The stored comparison, or a progress bar while the worker makes it (never computed here)."""
    try:
        comp, note = actions.comparison_of(store, story_id, articles)
    except Exception as exc:  # noqa: BLE001 - one line for the user
        st.error(f"Could not read this story's comparison: {_one_line(exc)}")
        return None, None
    if comp is not None or len(articles) < 2:
        return comp, note
    last = store.latest_job(panels.jobs.COMPARE, {"story_id": story_id})
    if last is not None and last["state"] == "failed":
        st.error(f"Could not compare this story: {escape(last['message'])}")
        if st.button("Try again", key="retry_compare"):
            actions.queue_comparison(store, story_id)
            st.rerun()
        return None, None
    panels.comparison_pending(store, actions.queue_comparison(store, story_id))
    return None, None


def _seed_outlets(store: Store, by_id: dict[str, Article], names: StoryOutlets) -> list[str]:
    """The seed examples' outlets (Al Jazeera, VOA) when this story has articles of theirs
    and holds a seed: the reference case is shown side by side first."""
    seeds = cached_seed_ids(str(workspace.seeds_dir()))
    if not any(a in by_id for a in seeds):
        return []
    outlets = [names.of(a) for a in store.articles(seeds)]
    present = {names.of(a) for a in by_id.values()}
    return [o for o in dict.fromkeys(outlets) if o in present]


def story_parts(articles: list[Article], members: set[str]) -> tuple[str, str]:
    """The story's own articles (``members``) and the roundups' sections it shows, counted in
    words ("4 articles", "3 sections of roundups filed under other stories"; "" for no
    section): the header's words and the timeline legend's, so the two agree."""
    n_sections = sum(a.id not in members for a in articles)
    sections = f"{counted(n_sections, 'section')} of roundups filed under other stories" if n_sections else ""
    return counted(len(articles) - n_sections, "article"), sections


def timeline_frame(articles: list[Article], members: set[str], script: str, zone: times.Zone,
                   names: StoryOutlets) -> pd.DataFrame:
    """One row per dot of the story's timeline; ``as``: whether it is one of the story's own
    articles or a roundup's section, in the header's words (:func:`story_parts`): its "4
    articles + 3 sections" are the legend's two marks among 7 dots (a roundup's outlet may
    add a row of its own)."""
    own, sections = story_parts(articles, members)
    return pd.DataFrame(
        {
            # Naive wall-clock times in the zone: Vega shows a naive time as written.
            "published": times.wall_clock(pd.Series([a.published for a in articles]), zone),
            "outlet": [outlet_in_script(names.of(a), script) for a in articles],
            "title": [in_script(a.title, script, a.script) for a in articles],
            "as": [own if a.id in members else sections for a in articles],
        }
    )


TIMELINE_LEGEND_ROW = 24  # px: the height a legend line adds to the timeline


def _timeline(data: pd.DataFrame, zone: times.Zone) -> None:
    """The dots of :func:`timeline_frame`: a circle per article, a diamond per roundup section
    (a legend names both when the story has sections). Its "Show data" table, and that table's
    "Download as CSV", hold the data guarded as every table's is (:func:`chart_export_guarded`);
    the axis and tooltips show the outlets and titles as written."""
    import altair as alt  # only the story view draws charts

    kinds = list(dict.fromkeys(data["as"]))  # (the header's own words: never a would-be formula)
    # The legend's two marks one above the other (labelLimit 0: whole words): side by side they
    # ran past a 900 px window's chart ("10 sections of roundups filed under othe").
    shape = alt.Shape("as:N", scale=alt.Scale(domain=kinds, range=["circle", "diamond"][: len(kinds)]),
                      legend=alt.Legend(title=None, orient="top", labelLimit=0, columns=1) if len(kinds) > 1 else None)
    guarded, shown = chart_export_guarded(data)
    chart = (
        alt.Chart(guarded)
        .transform_calculate(**shown)
        .mark_point(size=140, opacity=0.8, filled=True)
        .encode(
            x=alt.X("published:T", title=f"Published ({zone.short})", axis=alt.Axis(format="%b %d %H:%M")),
            y=alt.Y(f"outlet{SHOWN}:N", title=None),
            color=alt.Color(f"outlet{SHOWN}:N", legend=None),
            shape=shape,
            tooltip=[
                alt.Tooltip(f"outlet{SHOWN}:N", title="Outlet"),
                alt.Tooltip("published:T", title=f"Published ({zone.short})", format="%Y-%m-%d %H:%M"),
                alt.Tooltip(f"title{SHOWN}:N", title="Title"),
                alt.Tooltip("as:N", title="In this story as"),
            ],
        )
        .properties(height=60 + 36 * data["outlet"].nunique() + (TIMELINE_LEGEND_ROW * len(kinds) if len(kinds) > 1 else 0))
    )
    st.altair_chart(chart, width="stretch")


def _outlets_by_coverage(
    articles: list[Article], comp: Comparison | None, names: StoryOutlets, first: list[str] = ()
) -> list[str]:
    """The story's outlet editions (:mod:`dashboard.outlet_names`): ``first`` (the seed
    outlets), then those with the most findings (then articles)."""
    outlet_of = {a.id: names.of(a) for a in articles}
    weight: dict[str, int] = defaultdict(int)
    for a in articles:
        weight[names.of(a)] += 1
    if comp is not None:
        for f in comp.findings:
            for o in {outlet_of.get(s.article_id) for s in f.spans} - {None}:
                weight[o] += 10
    ranked = sorted(weight, key=lambda o: (-weight[o], o))
    head = [o for o in first if o in weight]
    return head + [o for o in ranked if o not in head]


def _quoted(f: Finding, by_id: dict[str, Article]) -> list[tuple[str, str | None]]:
    """Each span of ``f`` with the script its article is written in (:func:`finding_in_script`)."""
    return [(s.text, by_id[s.article_id].script if s.article_id in by_id else None) for s in f.spans]


def finding_rows(
    findings: list[Finding], by_id: dict[str, Article], outlets: list[str], script: str,
    names: StoryOutlets | None = None,
) -> pd.DataFrame:
    """One row per finding that involves a chosen outlet; a column per outlet (``outlets``:
    editions, as ``names`` tells an article's; its outlet without ``names``). Indexed by the
    finding's place in ``findings``, so a row keeps naming its finding whichever outlets are chosen."""
    names = names or StoryOutlets()
    rows, index = [], []
    for position, f in enumerate(findings):
        per_outlet: dict[str, list[str]] = defaultdict(list)
        for span in f.spans:
            article = by_id.get(span.article_id)
            if article is None:
                continue
            # Each span as its own article writes it (a Traditional report's words stay its own).
            shown = in_script(span.text, script, article.script)
            if shown not in per_outlet[names.of(article)]:
                per_outlet[names.of(article)].append(shown)
        if not set(per_outlet) & set(outlets):
            continue
        row = {
            "kind": KIND_LABELS.get(f.kind, f.kind),
            "fact": f.fact_type,
            "subject": in_script(f.subject, script),
        }
        for outlet in outlets:
            row[outlet_in_script(outlet, script)] = " / ".join(per_outlet.get(outlet, []))
        row["why"] = finding_in_script(f.why, script, _quoted(f, by_id))
        row["_kind"] = f.kind
        row["_minor"] = bool(getattr(f, "minor", False))
        rows.append(row)
        index.append(position)
    columns = [
        "kind",
        "fact",
        "subject",
        *[outlet_in_script(o, script) for o in outlets],
        "why",
        "_kind",
        "_minor",
    ]
    return pd.DataFrame(rows, columns=columns, index=pd.Index(index, dtype="int64"))


_WRAPPED_ROW_HEIGHT = 96  # pixels: five lines of text (a longer one stays one clipped line: click its row)


def _facts_table(
    findings: list[Finding], by_id: dict[str, Article], outlets: list[str], script: str,
    names: StoryOutlets, key: str,
) -> None:
    frame = finding_rows(findings, by_id, outlets, script, names)
    if frame.empty:
        st.info("No aligned facts for these outlets.")
        return
    _legend()
    counts = frame["_kind"].value_counts()
    present = [k for k in KIND_COLOURS if k in counts]
    shown = st.pills(
        "Show",
        present,
        selection_mode="multi",
        default=present,
        format_func=lambda k: f"{KIND_LABELS[k]} ({counts[k]})",
        help=kinds_help(present),
        key=f"{key}_kinds",
    )
    frame = frame[frame["_kind"].isin(shown or present)]
    minor = int(frame["_minor"].sum())
    if minor and not st.toggle(
        f"Include {minor} minor one-outlet sentences (no checkable fact)",
        value=False,
        key=f"{key}_minor",
    ):
        frame = frame[~frame["_minor"]]
    whole = frame  # (the rows as read, for the finding shown whole below the table)
    # The selection callback only gets a row's place in the table: it maps it back through these
    # (each finding's place in the comparison and its reason: another comparison of the story,
    # after an upload, may hold another finding at that place).
    shown_rows = st.session_state[f"{key}_rows"] = [(int(i), frame.at[i, "why"]) for i in frame.index]
    frame = frame.drop(columns="_minor").reset_index(drop=True)
    kinds = frame.pop("_kind")
    styled = export_guarded(frame, lambda style: style.apply(
        lambda row: [f"background-color: {KIND_COLOURS.get(kinds[row.name], '#fff')}"] * len(row),
        axis=1,
    ))
    outlet_columns = [c for c in frame.columns if c not in ("kind", "fact", "subject", "why")]
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        height=min(720, 38 + _WRAPPED_ROW_HEIGHT * len(frame)),
        # Rows taller than 4rem let Streamlit wrap a cell's text: the reasons and spans
        # are sentences, cut off at one line before.
        row_height=_WRAPPED_ROW_HEIGHT,
        column_order=["kind", "subject", *outlet_columns, "why", "fact"],
        column_config={
            name: st.column_config.TextColumn(name, width=width)
            for name, width in facts_column_widths(outlet_columns).items()
        },
        on_select=lambda: _pick_finding(key),
        selection_mode="single-row",
        key=f"{key}_table",
    )
    picked = st.session_state.get(f"{key}_picked")
    if picked in shown_rows:
        _finding_whole(whole.loc[picked[0]], outlet_columns)
    else:
        st.caption("Click a row to read its finding whole below: the reason and each outlet's words, however long.")


# The facts table's columns in pixels: they fit the page's ~850 with two outlets, so the reasons
# show whole; "kind" and "fact" hold their longest word on one line ("contradiction" and
# "attribution" are 79 and 63 px in Streamlit's 14 px Source Sans, plus 8 px of padding a side:
# at 90 and 60 px they broke as "contradictio/n" and "statemen/t").
FACTS_COLUMN_WIDTHS = {"kind": 105, "subject": 70, "why": 260, "fact": 85}
FACTS_OUTLETS_WIDTH = 330  # shared by the outlets' columns, at least 120 each


def facts_column_widths(outlet_columns: list[str]) -> dict[str, int]:
    """Each column's width in the facts table, the outlets' columns included."""
    each = max(120, FACTS_OUTLETS_WIDTH // max(len(outlet_columns), 1))
    return {**FACTS_COLUMN_WIDTHS, **{c: each for c in outlet_columns}}


def _pick_finding(key: str) -> None:
    """The row clicked in a facts table, kept by the finding it shows (a kind filter changed
    later moves the rows; the finding stays the one clicked, or none when it is filtered out)."""
    rows = st.session_state[f"{key}_table"].selection.rows
    shown_rows = st.session_state.get(f"{key}_rows", [])
    st.session_state[f"{key}_picked"] = shown_rows[rows[0]] if rows and rows[0] < len(shown_rows) else None


def _finding_whole(row: pd.Series, outlet_columns: list[str]) -> None:
    """One finding of the facts table in full: a reason longer than the table's row is cut
    there (five lines; a longer one stays one clipped line)."""
    with st.container(border=True):
        st.markdown(finding_heading(row["kind"], row["fact"], row["subject"]))
        st.markdown(escape(row["why"]))
        for outlet in outlet_columns:
            if row[outlet]:
                st.markdown(f"**{escape(outlet)}**: {escape(row[outlet])}")


def finding_heading(kind: str, fact: str, subject: str) -> str:
    """The heading of a finding shown whole: kind (bold) · fact · subject, escaped; an empty part
    gets no separator (a date or statement has often no subject: 'precision · date', not
    'precision · date ·')."""
    return " · ".join([f"**{escape(kind)}**", *(escape(part) for part in (fact, subject) if part)])


def _legend() -> None:
    # Our own fixed markup only (no article text), so HTML is safe here; a chip's hover
    # text says what its kind means.
    chips = " ".join(
        f'<span title="{escape(KIND_MEANINGS[k])}" style="background:{KIND_COLOURS[k]};padding:2px 8px;'
        f'border-radius:4px;margin-right:4px">{KIND_LABELS[k]}</span>'
        for k in KIND_COLOURS
    )
    st.markdown(chips, unsafe_allow_html=True)


def _naming_table(comp: Comparison, outlets: list[str], script: str, names: StoryOutlets) -> None:
    rows = []
    for entry in comp.naming:
        called = names.per_outlet(entry.get("names", {}), outlets)
        if sum(bool(v) for v in called.values()) == 0:
            continue
        row = {"actor": in_script(entry.get("actor", ""), script)}
        for outlet in outlets:
            row[outlet_in_script(outlet, script)] = in_script(
                ", ".join(called[outlet]), script, names.script_of.get(outlet)
            )
        rows.append(row)
    if not rows:
        st.info("No naming differences found for these outlets.")
        return
    st.caption("How each outlet names the same actor.")
    st.dataframe(export_guarded(pd.DataFrame(rows)), hide_index=True, width="stretch", key="naming_table")


def _sources_and_quotes(
    comp: Comparison, by_id: dict[str, Article], outlets: list[str], script: str, names: StoryOutlets
) -> None:
    st.markdown("**Sources cited**")
    sources = names.per_outlet(comp.sources, outlets)
    source_rows = [
        {"outlet": outlet_in_script(o, script),
         "sources": in_script(", ".join(sources[o]), script, names.script_of.get(o))}
        for o in outlets
    ]
    st.dataframe(export_guarded(pd.DataFrame(source_rows)), hide_index=True, width="stretch", key="sources_table")
    st.markdown("**People quoted**")
    quotes = [
        q
        for q in comp.quotes
        if (a := by_id.get(q.get("article_id", ""))) is not None and names.of(a) in outlets
    ]
    if not quotes:
        st.caption("No quotes found for these outlets.")
        return
    st.dataframe(
        export_guarded(quote_rows(quotes, by_id, script)),
        hide_index=True,
        width="stretch",
        column_config={"quote": st.column_config.TextColumn("quote", width="large"),
                       "speaker": st.column_config.TextColumn("speaker", help=SPEAKER_HELP)},
        key="quotes_table",
    )


def quote_rows(quotes: list[dict], by_id: dict[str, Article], script: str) -> pd.DataFrame:
    """The "People quoted" table: each quote's outlet, speaker (NO_SPEAKER when none was read)
    and words, in the reader's script."""
    return pd.DataFrame({
        "outlet": [outlet_in_script(q.get("outlet", ""), script) for q in quotes],
        "speaker": [in_script(q.get("speaker") or NO_SPEAKER, script, by_id[q["article_id"]].script) for q in quotes],
        "quote": [in_script(q.get("text", ""), script, by_id[q["article_id"]].script) for q in quotes],
    }, columns=["outlet", "speaker", "quote"])


# The "People quoted" speaker of a quote the comparison found no speaker for: an empty cell read
# as a fault of the table (demo seed story, several rows of one outlet), not as "not found".
NO_SPEAKER = "(not found)"
SPEAKER_HELP = ("Who the article says spoke the quote, as it names them (\"unnamed (他)\": a pronoun alone). "
                f"{NO_SPEAKER}: no speaker was read in the sentences around it.")


# How the reader names a roundup's section filed under another story (the header counts them
# as "sections of roundups filed under other stories"): its picker choice and its source line.
SECTION_MARK = "§ section of a roundup"
SECTION_NOTE = "a section of a roundup filed under another story"


def reader_choice(article: Article, section: bool, names: StoryOutlets, script: str, zone: times.Zone) -> str:
    """An article as the reader's picker offers it: outlet · time · title, the zone named (the
    findings beside it say "published 12 Jul 00:50 UTC"); a roundup's section filed under
    another story (``section``) marked first, as the header counts it apart: it read as one
    more article of the outlet ("法广 · … 国际纵横")."""
    choice = (f"{outlet_in_script(names.of(article), script)} · {times.shown(article.published, zone, '%m-%d %H:%M')} · ")
    if section:
        choice = f"{SECTION_MARK} · {choice}"
    # The headline shortened to the box a 900 px window gives it (the reader's heading below
    # shows it whole): cut off mid-character, the choices of one outlet looked alike. A section's
    # longer start leaves it READER_TITLE_MIN_EMS (the widths are counted generously).
    room = max(READER_CHOICE_EMS - shown_ems(choice), READER_TITLE_MIN_EMS)
    return choice + fit(in_script(article.title, script, article.script), room)


# How wide (ems) the reader's article choice is drawn, counted generously: its box in a 900 px
# window holds 27.9 ems of its 14 px font (CJK at exactly 1 em: kept a little under).
READER_CHOICE_EMS = 26.0
READER_TITLE_MIN_EMS = 8.0


def _reader(
    articles: list[Article], comp: Comparison | None, outlets: list[str], script: str, zone: times.Zone,
    names: StoryOutlets, members: set[str],
) -> None:
    """The reader: one article of the outlets chosen, its findings highlighted. ``members``:
    the story's own articles (the others are roundups' sections)."""
    readable = [a for a in articles if names.of(a) in outlets] or articles
    if not readable:
        return
    titles = {a.id: a for a in readable}
    picked = st.selectbox(
        "Article",
        list(titles),
        format_func=lambda aid: reader_choice(titles[aid], aid not in members, names, script, zone),
        key=relabel("reader_article", script, zone.key),
    )
    article = titles.get(picked) or readable[0]
    by_id = {a.id: a for a in articles}
    marks = []
    if comp is not None:
        for f in comp.findings:
            for span in f.spans:
                if span.article_id == article.id:
                    marks.append(
                        (
                            span.start,
                            span.end,
                            f.kind,
                            f"{KIND_LABELS.get(f.kind, f.kind)}: {finding_in_script(f.why, script, _quoted(f, by_id))}",
                        )
                    )
    st.subheader(plain_markdown(article.title, script, article.script))
    line = source_line(plain_markdown(outlet_in_script(names.of(article), script)),
                       times.shown(article.published, zone), article.url)
    st.caption(line if article.id in members else f"{line} · {SECTION_NOTE}")
    if marks:
        _legend()
        present = [k for k in KIND_COLOURS if any(m[2] == k for m in marks)]
        # Agreements are often whole sentences: off by default, so differences stand out.
        wanted = st.pills(
            "Highlight",
            present,
            selection_mode="multi",
            default=[k for k in present if k != "agree"],
            format_func=lambda k: KIND_LABELS[k],
            help=kinds_help(present),
            key=f"reader_kinds_{article.id}",
        )
        marks = [m for m in marks if m[2] in (wanted or [])]
    # highlight() escapes every character of the article; only its <mark>s are markup.
    st.markdown(highlight(article.text, marks, script, article.script), unsafe_allow_html=True)


def source_line(outlet: str, when: str, url: str | None) -> str:
    """The reader's line under a title, as markdown: outlet (given escaped) · time · address; an
    article without an address (a seed, a pasted text) gets no trailing separator."""
    return " · ".join(part for part in (outlet, escape(when), address_link(url)) if part)


# What an address keeps as written inside a markdown link's (...): no space, quote, bracket or
# parenthesis (percent-encoded), which would end the link or open markup.
_HREF_SAFE = "-._~:/?#@!$&'*+,;=%"


# The longest address shown whole in the link's text (the link itself goes to the whole address).
MAX_ADDRESS_SHOWN = 300
_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _decoded_run(m: re.Match) -> str:
    """A run of percent-escapes decoded where a browser's address bar decodes it: letters of any
    script (亚洲), not bytes of no UTF-8 character, controls (a line break would end the link's
    paragraph), spaces, format characters (U+202E would show the address reversed) nor the
    reserved characters (an escaped '/' or '?' shown bare reads as another address)."""
    raw = bytes.fromhex(m.group(0).replace("%", ""))
    out, i = [], 0
    for ch in raw.decode("utf-8", errors="surrogateescape"):
        size = 1 if "\udc80" <= ch <= "\udcff" else len(ch.encode("utf-8"))
        if ("\udc80" <= ch <= "\udcff" or ch.isspace() or unicodedata.category(ch)[0] in "CZ"
                or ch in _RESERVED_SHOWN_ESCAPED):
            out.append("".join(f"%{b:02X}" for b in raw[i:i + size]))
        else:
            out.append(ch)
        i += size
    return "".join(out)


_RESERVED_SHOWN_ESCAPED = "%/?#[]@!$&'()*+,;=:"


def address_link(url: str | None) -> str:
    """An article's web address as markdown: a link whose text is the address decoded
    ('https://www.rfi.fr/cn/亚洲/20210705-阿富汗-面对塔利班…' rather than a line of '%E4%BA%9A…'),
    as a browser's address bar shows it (controls, spaces, format characters, undecodable bytes
    and reserved characters stay escaped; past MAX_ADDRESS_SHOWN characters cut with '…'); escaped
    text for anything but an http(s) address with a host."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or url[:1] <= " ":
        return escape(url)
    shown = "".join(quote(c, safe="") if c.isspace() or unicodedata.category(c)[0] == "C" else c for c in url)
    shown = _PERCENT_RUN.sub(_decoded_run, shown)
    if len(shown) > MAX_ADDRESS_SHOWN:
        shown = shown[:MAX_ADDRESS_SHOWN - 1] + "…"
    return f"[{escape(shown)}]({quote(url, safe=_HREF_SAFE)})"


def _why_grouped(
    store: Store,
    story: Story,
    frame: pd.DataFrame,
    by_id: dict[str, Article],
    comp: Comparison | None,
    script: str,
    zone: times.Zone,
    role: str,
    seen: dict[str, int],
) -> None:
    _members_table(_member_rows(story, by_id, comp, script, zone), zone)
    _model_reasons(store, story, by_id, script)
    if role == auth.EDITOR:
        _edit_panel(story, frame, by_id, script, store, seen)


def _member_rows(
    story: Story, by_id: dict[str, Article], comp: Comparison | None, script: str,
    zone: times.Zone = times.DEFAULT,
) -> list[dict]:
    """One row per article of the story (members, then roundups' sections, most similar
    first): what it shares with the others."""
    shared = shared_subjects(comp, by_id) if comp is not None else {}
    entities = explain.shared_entities(list(by_id.values()))
    rows = []
    listed = [(m, "member") for m in sorted(story.members, key=lambda m: -m.score)]
    listed += [(m, "roundup section") for m in sorted(story.mentions, key=lambda m: -m.score)]
    for m, role_here in listed:
        a = by_id.get(m.article_id)
        if a is None:
            continue
        rows.append(
            {
                "title": in_script(a.title, script, a.script),
                "outlet": outlet_in_script(reader_outlet(a), script),
                "in this story as": role_here,
                "published": times.local(a.published, zone).replace(tzinfo=None),  # header names the zone
                "similarity": float(m.score),
                "pinned": bool(getattr(m, "pinned", False)),
                "shared names & numbers": in_script(", ".join(entities.get(a.id, [])), script),
                "shared facts": in_script(", ".join(shared.get(a.id, [])), script),
            }
        )
    return rows


def _members_table(rows: list[dict], zone: times.Zone) -> None:
    st.dataframe(
        export_guarded(pd.DataFrame(rows)),
        hide_index=True,
        width="stretch",
        column_config={
            "title": st.column_config.TextColumn("title", width=260),
            "shared names & numbers": st.column_config.TextColumn(
                "shared names & numbers", width="large"
            ),
            "similarity": st.column_config.ProgressColumn(
                "similarity", min_value=0.0, max_value=1.0, format="%.2f"
            ),
            "published": st.column_config.DatetimeColumn(
                f"published ({zone.short})", format="YYYY-MM-DD HH:mm"
            ),
            "pinned": st.column_config.CheckboxColumn("placed by hand"),
        },
        column_order=[
            "title",
            "outlet",
            "in this story as",
            "similarity",
            "shared names & numbers",
            "shared facts",
            "published",
            "pinned",
        ],
        key="members_table",
    )


# The "Why, according to the model" table's columns, in order, and its title columns' width (px).
REASONS_COLUMNS = ["title", "P(same happening)", "strongest reasons", "closest in the story"]
REASONS_TITLE_WIDTH = 220
REASONS_P_WIDTH = 150  # its header whole ("small" cut it to "P(same hap")


@st.cache_data(show_spinner=False, max_entries=32)
def cached_reasons(_store: Store, path: str, story_id: str, version: int | None,
                   member_ids: tuple[str, ...]) -> list:
    """The model's reasons for a story's members, once per story version and membership in
    this server (any session: what they say depends on the stored story only)."""
    from clustering.explain import explain_stored_story

    return explain_stored_story(_store, list(member_ids))


def reasons_shown_key(story_id: str) -> str:
    """The session's record that it asked for a story's model reasons (they stay shown)."""
    return f"reasons_shown_{story_id}"


# A fragment: the click reruns the button and its table only, not the whole story view (its
# tabs' tables drawn again: 2.5 s of the 3 s a click took on a loaded 2-core server, session 43).
@st.fragment
def _model_reasons(store: Store, story: Story, by_id: dict[str, Article], script: str) -> None:
    """The pair scorer's own reasons, on request (it reads the story's vectors and features);
    once asked, kept on screen through the page's later runs (an edit control picked below
    dropped them: a plain button is pressed for one run only)."""
    if not session_logged_in():  # logged out since the fragment was drawn: show nothing
        return
    if len(story.members) < 2 or len(story.members) > 200:
        return
    if st.button("Why, according to the model", key=f"reasons_{story.id}"):
        st.session_state[reasons_shown_key(story.id)] = True
    if not st.session_state.get(reasons_shown_key(story.id)):
        return
    # The import inside the spinner: clicked before the warm-up ran, it loads the model's code
    # (scikit-learn, seconds on a loaded server) with nothing on screen saying so.
    with st.spinner(reasons_spinner_label(warmed()), show_time=True):
        members = tuple(m.article_id for m in story.members)
        explained = cached_reasons(store, str(store.path), story.id,
                                   store.story_versions([story.id]).get(story.id), members)
    rows = []
    for e in explained:
        article, partner = by_id.get(e.article_id), by_id.get(e.partner_id or "")
        if article is None:
            continue
        rows.append({
            "title": in_script(article.title, script, article.script),
            "closest in the story": in_script(partner.title, script, partner.script) if partner else "",
            "P(same happening)": e.probability,
            "strongest reasons": "; ".join(
                [f"{r.feature} {'+' if r.contribution >= 0 else ''}{r.contribution:.2f}" for r in e.reasons]
                + ([e.note] if e.note else [])
            ),
        })
    # The probability and reasons beside each title, the titles at a set width: sized to their
    # headlines, the two title columns filled a 1280 px window and the reasons, the point of the
    # button, were off to the right behind a scroll bar.
    st.dataframe(export_guarded(pd.DataFrame(rows)), hide_index=True, width="stretch",
                 column_order=REASONS_COLUMNS, column_config={
        "title": st.column_config.TextColumn("title", width=REASONS_TITLE_WIDTH),
        "P(same happening)": st.column_config.ProgressColumn(
            "P(same happening)", min_value=0.0, max_value=1.0, format="%.2f", width=REASONS_P_WIDTH),
        "strongest reasons": st.column_config.TextColumn("strongest reasons", width="large"),
        "closest in the story": st.column_config.TextColumn("closest in the story", width=REASONS_TITLE_WIDTH),
    })
    st.caption("Reasons: each feature's contribution to the log-odds (+ towards one happening) "
               "for the article and its closest partner, from the same model that grouped them.")


def reasons_spinner_label(loaded: bool) -> str:
    """What the "Why, according to the model" button's spinner says: that it scores each article
    against the story, and, before the model's code is loaded (``loaded``), that it loads that first."""
    scoring = "scoring each article against its closest partner in the story"
    if loaded:
        return f"The grouping model is {scoring} …"
    return f"Loading the grouping model (the first time, a few seconds), then {scoring} …"


def edit_spinner_label(loaded: bool) -> str:
    """What an edit's spinner says; before the grouping code is loaded (``loaded``), that it is."""
    return "Saving the edit …" if loaded else "Saving the edit (loading the grouping code the first time) …"


def shared_subjects(comp: Comparison, by_id: dict[str, Article]) -> dict[str, list[str]]:
    """Per article, what it reports that another outlet's article in the story also reports.

    Read off the comparison's findings (a finding whose spans come from two outlet editions or
    more, as the comparison sets them against each other), so it shows what the articles
    actually share.
    """
    shared: dict[str, list[str]] = defaultdict(list)
    edition = edition_names(by_id.values())
    for f in comp.findings:
        outlets = {edition[s.article_id] for s in f.spans if s.article_id in by_id}
        if len(outlets) < 2:
            continue
        for s in f.spans:
            label = f.subject or s.text
            if label and label not in shared[s.article_id]:
                shared[s.article_id].append(label)
    return shared


def _seen_versions(store: Store) -> dict[str, int]:
    """Story versions as this session last saw them (the page before the click).

    A button's action runs in the rerun its click starts; the versions it must
    check are those of the page the journalist clicked on, kept from the
    previous run, not those of the store now.
    """
    current = store.story_versions()
    seen = st.session_state.get("seen_versions") or current
    st.session_state["seen_versions"] = current
    return seen


def _edit_panel(
    story: Story, frame: pd.DataFrame, by_id: dict[str, Article], script: str, store: Store,
    seen: dict[str, int],
) -> None:
    """Move, split, merge, rename; each checked against ``seen`` (the versions of the page clicked on)."""
    st.markdown("**Fix the grouping** (kept when new articles arrive)")
    scope = _EditScope(
        store, story.id, seen,
        member_ids=[m.article_id for m in story.members if m.article_id in by_id],
        article_label={aid: f"{outlet_in_script(reader_outlet(a), script)} · {in_script(a.title, script, a.script)}"
                       for aid, a in by_id.items()},
        other_labels=_other_story_labels(frame, story.id, script),
        hand_label=story.hand_label,
        script=script,
    )
    # Four groups in a row that wraps (a horizontal container), each at least EDIT_GROUP_WIDTH
    # wide: in four fixed columns a window 900 px wide cut the choices and buttons off ("法广 · 阿",
    # "Choose c", "Split into …").
    # The groups choosing headlines (move, split, merge) wider, their choices shortened to fit
    # (the full one chosen in the box's help): at 190 px a 900 px window showed "法广 · 中国机构就对滴滴"
    # for every choice, cut mid-character.
    row = st.container(horizontal=True, key="edit_controls")
    move, split, merge = (row.container(width=EDIT_PICKER_WIDTH) for _ in range(3))
    rename = row.container(width=EDIT_GROUP_WIDTH)
    with move:
        _move_control(scope)
    with split:
        _split_control(scope)
    with merge:
        _merge_control(scope)
    with rename:
        _rename_control(scope)


EDIT_GROUP_WIDTH = 190  # px: rename
EDIT_PICKER_WIDTH = 420  # px: move, split, merge, one a row in a 900 px window (its main area: 440 px)
EDIT_PICKER_EMS = 25.0  # what a choice of theirs may take (the box: 26.4 ems of its 14 px font, CJK at 1 em)


@dataclass(frozen=True)
class _EditScope:
    """What the move, split, merge and rename controls of one story read."""

    store: Store
    story_id: str
    seen: dict[str, int]  # story versions of the page clicked on
    member_ids: list[str]
    article_label: dict[str, str]  # article id -> "outlet · title"
    other_labels: dict[str, tuple[str, str]]  # the stories an edit can target, by id: label, counts
    hand_label: str | None = None  # the story's editor's headline, if it has one
    script: str = ""  # the Chinese script the labels are drawn in

    def versions(self, *story_ids: str) -> dict[str, int]:
        """The versions an edit of these stories expects (-1: not on the page clicked on)."""
        return {sid: self.seen.get(sid, -1) for sid in story_ids}

    def pick_other_story(self, label: str, key: str) -> str | None:
        """A selectbox of the stories an edit can target, none chosen at first (each shortened to
        the box, its article and outlet counts kept; the one chosen in full in the box's help)."""
        key = relabel(key, self.script)
        chosen = st.session_state.get(key)
        return st.selectbox(label, list(self.other_labels), index=None, key=key,
                            format_func=lambda sid: fit(self.other_labels[sid][0], EDIT_PICKER_EMS, self.other_labels[sid][1]),
                            help=escape("".join(self.other_labels[chosen])) if chosen in self.other_labels else None)

    def pick_article(self, label: str, key: str, multiple: bool = False):
        """A selectbox (or with ``multiple`` a multiselect) of the story's articles, "outlet ·
        headline" shortened to the box; the one chosen in full in the box's help."""
        key = relabel(key, self.script)
        shown = lambda aid: fit(self.article_label[aid], EDIT_PICKER_EMS)  # noqa: E731
        if multiple:
            return st.multiselect(label, self.member_ids, format_func=shown, key=key)
        chosen = st.session_state.get(key, self.member_ids[0] if self.member_ids else None)
        return st.selectbox(label, self.member_ids, format_func=shown, key=key,
                            help=escape(self.article_label[chosen]) if chosen in self.article_label else None)


def _other_story_labels(frame: pd.DataFrame, story_id: str, script: str) -> dict[str, tuple[str, str]]:
    """The other stories an edit can target, widest coverage first, by id: their label and its
    counts (" (12 art., 3 outlets)": kept whole when the label is shortened)."""
    others = frame[frame["id"] != story_id].sort_values(
        ["n_outlets", "n_articles"], ascending=False, kind="stable"
    )
    return {
        sid: (in_script(label, script, written_in), f" ({n:,} art., {counted(k, 'outlet')})")
        for sid, label, written_in, n, k in zip(
            others["id"], others["label"], others["label_script"], others["n_articles"], others["n_outlets"],
            strict=True,
        )
    }


def _move_control(scope: _EditScope) -> None:
    aid = scope.pick_article("Move article", "move_article")
    target = scope.pick_other_story("to story", "move_target")
    if st.button("Move", key="do_move", disabled=not (aid and target)):
        _run_edit(
            lambda: actions.move_article(scope.store, aid, target, scope.versions(scope.story_id, target)),
            None,
            "Article moved.",
        )


def _split_control(scope: _EditScope) -> None:
    picked = scope.pick_article("Split off articles", "split_articles", multiple=True)
    # Splitting off every article would leave the story empty.
    can_split = 0 < len(picked) < len(scope.member_ids)
    if st.button("Split into a new story", key="do_split", disabled=not can_split):
        _run_edit(
            lambda: actions.split_story(scope.store, scope.story_id, picked, scope.versions(scope.story_id)),
            None,
            "Story split.",
            follow_result=True,
        )


def _merge_control(scope: _EditScope) -> None:
    other = scope.pick_other_story("Merge with story", "merge_with")
    if st.button("Merge", key="do_merge", disabled=not other):
        _run_edit(
            lambda: actions.merge_stories(
                scope.store, [scope.story_id, other], scope.versions(scope.story_id, other)
            ),
            None,
            "Stories merged.",
            follow_result=True,
        )


def _rename_control(scope: _EditScope) -> None:
    from clustering.edits import MAX_LABEL_CHARS, clean_label, label_problem

    # No max_chars: Streamlit would cut a pasted headline short without a word; the limit is
    # checked here (and again by the edit), saying why.
    label = st.text_input("Rename story", value=scope.hand_label or "", key="rename_label",
                          placeholder="automatic headline",
                          help=f"At most {MAX_LABEL_CHARS} characters. Leave empty for the automatic headline.")
    wanted, problem = clean_label(label), label_problem(label)
    if problem:
        st.error(problem)
    if st.button("Rename", key="do_rename", disabled=bool(problem) or wanted == scope.hand_label):
        _run_edit(
            lambda: actions.rename_story(scope.store, scope.story_id, wanted or "", scope.versions(scope.story_id)),
            None,
            "Story renamed." if wanted else "Story has its automatic headline again.",
        )


def _run_edit(edit, open_after: str | None, message: str, follow_result: bool = False) -> None:
    try:
        with st.spinner(edit_spinner_label(warmed())):  # clicked before the warm-up: it loads the clusterer
            result = edit()
    except StaleStoryError:
        # Not applied: someone changed these stories since this page was drawn. The
        # page already shows their current state; the journalist checks and retries.
        st.warning(
            "Not applied: this story (or the other one) was changed by someone else since "
            "you opened it. The page now shows the current version: check it and try again."
        )
        return
    except Exception as exc:  # noqa: BLE001 - one line for the user
        st.error(f"The edit failed: {_one_line(exc)}")
        return
    for key in _PER_STORY_KEYS:
        st.session_state.pop(key, None)
    st.session_state.pop("seen_versions", None)
    st.session_state["flash"] = message
    if follow_result and isinstance(result, str):
        open_story(result)
    elif open_after:
        open_story(open_after)
    st.rerun()


def export_note(n_outlets: int, n_chosen: int, script: str, zone: times.Zone) -> str:
    """What the downloads hold, said next to them: not what the page shows. The files are the
    whole comparison as stored, so quotes stay verbatim and their character offsets point into
    the stored articles; converting the script or leaving outlets out would break that."""
    parts = [f"all {counted(n_outlets, 'outlet')} of the story"
             + (f" (not only the {n_chosen} side by side)" if n_chosen < n_outlets else "")]
    parts.append("the articles' text in its own script, as stored"
                 + (f" (not converted to {script})" if script != SCRIPTS[0] else ""))
    if zone.key != times.DEFAULT.key:
        parts.append(f"times in {times.DEFAULT.short} (not {zone.short})")
    return ("The files hold the whole comparison: " + "; ".join(parts)
            + ". Character offsets point into the stored articles' text.")


def _export(story: Story, comp: Comparison, articles: list[Article], store: Store) -> None:
    try:
        # Offsets into the stored articles: a roundup is shown and compared by its section.
        files = actions.exports(comp, articles, store.articles([a.id for a in articles]),
                                story=(story.id, story.label))
    except Exception as exc:  # noqa: BLE001 - one line for the user
        st.error(f"Export failed: {_one_line(exc)}")
        return
    extensions = {"Markdown": "md", "JSON": "json", "CSV": "csv"}
    # A row of buttons each as wide as its words, wrapping: in three fixed columns a 900 px window
    # cut the first to "Download Mark…".
    row = st.container(horizontal=True, key="export_buttons")
    for fmt, (content, mime) in files.items():
        row.download_button(
            f"Download {fmt}",
            # CSV with a byte-order mark, so Excel reads its Chinese cells (articles.tabular).
            data=content.encode(CSV_ENCODING if fmt == "CSV" else "utf-8"),
            file_name=f"story-{story.id}.{extensions[fmt]}",
            mime=mime,
            key=f"export_{extensions[fmt]}",
        )
