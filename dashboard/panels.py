"""The dashboard's sidebar and shared panels: login, uploads, background work.

Background jobs (:mod:`dashboard.jobs`) are shown to every session: what runs,
how far it got, and what the recent ones did. Panels that watch a running job
re-run on their own every second or two (``st.fragment``) and refresh the whole
page once the job changed the workspace.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import streamlit as st

from articles.ingest import unknown_outlet_lines
from counted import counted
from dashboard import actions, address, auth, jobs, times, workspace
from dashboard.text import SCRIPTS, escape, export_guarded
from store import Store

POLL_S = 1.5
# How often an open page's sidebar re-reads the workspace's counts (only those: see _workspace_counts).
COUNTS_EVERY_S = 30
_FULL_RUN = "_parallax_full_run"


def full_run_started() -> None:
    st.session_state[_FULL_RUN] = True


def full_run_ended() -> None:
    st.session_state[_FULL_RUN] = False


def _refresh_page() -> None:
    """Rerun the whole page, but only from a fragment's own rerun: during a full run it
    would cut the run short and swallow a button clicked in it (the full run already
    shows the current state)."""
    if not st.session_state.get(_FULL_RUN):
        st.rerun()


# ---- login ----------------------------------------------------------------
def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file: not configured
        return False


def login_gate() -> str:
    """The session's role; shows the login form and stops the page until one is given.

    No password hash and no OIDC configured: no login, everyone is an editor.
    """
    role = st.session_state.get("role")
    if role:
        return role
    hashes = auth.password_hashes()
    oidc = _oidc_configured()
    if not hashes and not oidc:
        _warn_when_open_to_network()
        return auth.EDITOR
    if oidc and getattr(st.user, "is_logged_in", False):
        role = auth.role_for_email(st.user.get("email"), st.user.get("email_verified"))
        st.session_state["role"] = role
        return role
    st.title("◐ Parallax")
    st.caption("This workspace is shared: log in to open it.")
    if oidc:
        st.button("Log in with your organisation's account", on_click=st.login, key="oidc_login")
    if hashes:
        with st.form("login"):
            password = st.text_input("Password", type="password", key="password")
            if st.form_submit_button("Log in"):
                found, wait = auth.login(password, _client_address())
                if found:
                    st.session_state["role"] = found
                    st.session_state.pop("password", None)
                    st.rerun()
                st.error(f"Too many wrong passwords: try again in {math.ceil(wait)} s." if wait
                         else "Wrong password.")
    st.stop()
    raise AssertionError("unreachable")  # st.stop() ends the run


def session_logged_in() -> bool:
    """Whether this session may see the workspace: it has logged in, or no login is set.

    The one check of the timed fragments (st.fragment with run_every) too: Streamlit keeps a
    session's fragments registered when a later run ends on the login form (after "Log out"),
    and a client that had logged in could still ask them to rerun."""
    if st.session_state.get("role"):
        return True
    return not auth.password_hashes() and not _oidc_configured()


def _client_address() -> str:
    """Whom the login throttle counts a try against (:func:`dashboard.auth.client_address`):
    the connection's address, or the address a proxy named in PARALLAX_TRUSTED_PROXIES
    forwards; the headers are not read unless one is named."""
    peer = st.context.ip_address
    forwarded = st.context.headers.get_all("X-Forwarded-For") if auth.trusted_proxies() else []
    return auth.client_address(peer if isinstance(peer, str) else None, forwarded)


def _warn_when_open_to_network() -> None:
    """No login set, but served beyond this machine (a hash variable left empty, say, by a
    mistyped password): say so on every page rather than let anyone edit unnoticed."""
    served_at = st.get_option("server.address")
    if auth.open_to_network(served_at):
        st.warning(
            f"This dashboard listens on {served_at or 'every network interface'} without a login: "
            "anyone who can reach it can read, upload and edit. Set "
            f"{auth.EDITOR_HASH_ENV} (README, 'Safe by default') and restart it.",
            icon="⚠️",
        )


def _logout() -> None:
    """End the login and everything the session chose: on a shared desk machine the next
    person logs in in the same tab, and found the last one's search (in the address too),
    open story and upload summary."""
    oidc = _oidc_configured() and getattr(st.user, "is_logged_in", False)
    st.session_state.clear()
    st.query_params.clear()
    if oidc:
        st.logout()


# ---- sidebar ----------------------------------------------------------------
def sidebar(
    store: Store, path: str, fingerprint: tuple, n_stories: int, role: str
) -> tuple[str, times.Zone]:
    """Draw the sidebar; the session's script and display time zone (widget state: per session)."""
    zones = [z.key for z in times.available()]
    address.restore("script", "script", address.decoder(_SCRIPT_IN_ADDRESS))
    address.restore(times.STATE_KEY, "tz", address.decoder({k: k for k in zones}))
    with st.sidebar:
        st.title("◐ Parallax")
        st.caption("How different outlets cover the same story.")
        script = st.radio(
            "Chinese script",
            SCRIPTS,
            horizontal=True,
            key="script",
            help="Convert displayed text to Simplified or Traditional characters "
            "(the stored articles are unchanged).",
        )
        zone = times.by_key(st.selectbox(
            "Times shown in",
            zones,
            format_func=lambda key: times.by_key(key).label,
            key=times.STATE_KEY,
            help="Every time and the Dates filter's days in this zone "
            "(the stored times are UTC and stay so).",
        ))
        address.keep("script", address.code_of(_SCRIPT_IN_ADDRESS, script, SCRIPTS[0]))
        address.keep("tz", address.code_of({k: k for k in zones}, zone.key, times.DEFAULT.key))
        st.divider()
        if role == auth.EDITOR:
            upload_panel(store)
        else:
            st.caption("Read-only access: you can browse and export, not add or edit.")
        background_panel(store, fingerprint)
        st.divider()
        _workspace_counts(store, Path(path).name, fingerprint, n_stories)
        if "role" in st.session_state:
            st.caption(f"Logged in as {role}.")
            st.button("Log out", on_click=_logout, key="logout")
    return script, zone


# The display choices a reload keeps (dashboard.address), as the address keeps the open story.
# {address value: choice}
_SCRIPT_IN_ADDRESS = {"hans": SCRIPTS[1], "hant": SCRIPTS[2]}


@st.fragment(run_every=COUNTS_EVERY_S)
def _workspace_counts(store: Store, name: str, fingerprint: tuple, n_stories: int) -> None:
    """The sidebar's article and story counts, re-read every COUNTS_EVERY_S seconds on their
    own, so a page left open follows other journalists' uploads. Only this fragment reruns on
    the timer, never the page, and it reads the store's cheap fingerprint (a few COUNT/MAX
    queries) through this session's own connection (``Store`` is per thread)."""
    if not session_logged_in():  # logged out since the fragment was drawn: show nothing
        return
    drawn = (fingerprint[1], n_stories)
    now = drawn if st.session_state.get(_FULL_RUN) else store.fingerprint()[1:3]
    st.caption(counts_line(name, now, drawn))


def counts_line(name: str, now: tuple[int, int], drawn: tuple[int, int]) -> str:
    """The counts caption: (articles, stories) now, and a word when they moved since the page
    (its story list) was drawn, which only a click redraws."""
    line = f"Workspace `{name}`: {counted(now[0], 'article')}, {counted(now[1], 'story', 'stories')}."
    if tuple(now) != tuple(drawn):
        line += (f" The page was drawn at {counted(drawn[0], 'article')}, "
                 f"{counted(drawn[1], 'story', 'stories')}: click anything to update it.")
    return line


# The uploader's key changes after each add (a new key is a new, empty uploader): the files
# added left in it were added again on the next click ("0 new articles, 4 already in the
# workspace"). Per session, as every widget's state is.
_UPLOAD_ROUND = "upload_round"


def uploader_key_of(state) -> str:
    """The key of the file uploader a session state (``st.session_state``, or a test's) draws
    now: "uploads_0", then "uploads_1" after an add, and so on."""
    return f"uploads_{state[_UPLOAD_ROUND] if _UPLOAD_ROUND in state else 0}"


def upload_panel(store: Store) -> None:
    st.subheader("Add articles")
    key = uploader_key_of(st.session_state)
    files = st.file_uploader(
        f"Markdown or text with a front matter (title, outlet, date), HTML, RSS/Atom, JSON, "
        f"JSON Lines or CSV (gzip'd too; up to {jobs.MAX_UPLOAD_MB} MB a file; per upload up to "
        f"{jobs.MAX_UPLOAD_FILES} files, {jobs.MAX_UPLOAD_TOTAL_MB} MB in all and "
        f"{jobs.MAX_UPLOAD_RECORDS:,} records)",
        type=actions.UPLOAD_TYPES,
        accept_multiple_files=True,
        key=key,
    )
    # A callback: it runs before the page is drawn again, so that run draws the emptied uploader.
    st.button("Add to workspace", key="add_uploads", disabled=not files, type="primary",
              on_click=_add_uploads, args=(store, key))
    job_id = st.session_state.get("upload_job")
    refused = st.session_state.get("upload_refused", [])
    if job_id is None and refused:
        _upload_summary(None, refused)
    elif job_id is not None:
        job = store.job(job_id)
        if job and job["state"] in ("done", "failed"):
            _upload_summary(job, refused)
        # while it runs, the background panel shows its progress


def _add_uploads(store: Store, key: str) -> None:
    """Queue the files chosen in the uploader ``key``, then empty it (a new key)."""
    # A callback runs before the page's login gate: an editor's session only, as the button is.
    if not session_logged_in() or st.session_state.get("role", auth.EDITOR) != auth.EDITOR:
        return
    files = st.session_state.get(key) or []
    # One file's bytes at a time: Streamlit already holds every file chosen in memory.
    payload = ((f.name, f.getvalue()) for f in files)
    job_id, refused = actions.queue_upload(store, payload, workspace.uploads_dir(store))
    st.session_state["upload_job"] = job_id
    st.session_state["upload_refused"] = [[r.source_path, r.error] for r in refused]
    st.session_state[_UPLOAD_ROUND] = st.session_state.get(_UPLOAD_ROUND, 0) + 1


def _upload_summary(job: dict | None, refused: list) -> None:
    if job is not None and job["state"] == "failed":
        st.error(f"The upload failed: {escape(job['message'])}")
        return
    result = (job or {}).get("result") or {}
    rejected = refused + result.get("rejected", [])
    if job is not None:
        # The files chosen: those queued and those refused on arrival (empty, too large).
        chosen = len(job["params"]["files"]) + len(refused)
        st.success(
            f"{counted(chosen, 'file')}: {counted(result.get('stored', 0), 'new article')}, "
            f"{result.get('duplicates', 0)} already in the workspace; {jobs.upload_story_line(result)}."
        )
    for name, count in result.get("unknown_outlet", []):
        st.info(escape(unknown_outlet_lines({name: count})[0]))
    if rejected:
        st.warning(f"{counted(len(rejected), 'file or record', 'files or records')} rejected:")
        # Whole lines: a table in the narrow sidebar cut every reason short (what a plain text
        # file needs, which column a CSV lacks). Past the lines shown, the whole list as a table.
        _rejected_lines(rejected)
        if len(rejected) > MAX_REJECTED_LINES:
            with st.expander(f"All {len(rejected):,} rejected"):
                st.dataframe(
                    export_guarded(pd.DataFrame({"file": [r[0] for r in rejected],
                                                 "reason": [r[1] for r in rejected]})),
                    hide_index=True,
                    key="rejections",
                )


# ---- background work ------------------------------------------------------------
def background_panel(store: Store, fingerprint: tuple) -> None:
    """Every session sees the workspace's jobs; the panel follows them while they run."""
    if store.jobs(active=True, kinds=[jobs.BOOTSTRAP, jobs.RECLUSTER, jobs.UPLOAD], limit=1):
        _active_jobs_live(store, fingerprint)
    else:
        _recent_jobs(store)


@st.fragment(run_every=POLL_S)
def _active_jobs_live(store: Store, fingerprint: tuple) -> None:
    if not session_logged_in():  # logged out since the fragment was drawn: show nothing
        return
    active = store.jobs(active=True, kinds=[jobs.BOOTSTRAP, jobs.RECLUSTER, jobs.UPLOAD])
    if not active or store.fingerprint() != fingerprint:
        _refresh_page()  # the workspace changed (or the work is done)
    _show_active(active)


def _show_active(active: list[dict]) -> None:
    st.markdown("**Background work**")
    for job in reversed(active):
        label = jobs.KIND_LABELS.get(job["kind"], job["kind"])
        text = escape(f"{label}: {job['message'] or job['state']}")
        st.progress(float(job["progress"]), text=text)


def _recent_jobs(store: Store) -> None:
    recent = store.jobs(kinds=[jobs.BOOTSTRAP, jobs.RECLUSTER, jobs.UPLOAD], limit=5)
    if not recent:
        return
    with st.expander("Recent background work", expanded=False):
        for job in recent:
            label = jobs.KIND_LABELS.get(job["kind"], job["kind"])
            result = job.get("result") or {}
            if job["state"] == "failed":
                st.caption(escape(f"{label} (failed): {job['message']}"))
            elif job["kind"] == jobs.UPLOAD:
                st.caption(
                    escape(
                        f"{label}: {result.get('stored', 0):,} new, "
                        f"{len(result.get('rejected', [])):,} rejected; {jobs.upload_story_line(result)}"
                    )
                )
                _rejected_lines(result.get("rejected", []))
            else:
                st.caption(escape(f"{label}: {job['state']}"))


# Rejected files named under each recent upload (the uploader's own summary is gone after a reload).
MAX_REJECTED_LINES = 10


def _rejected_lines(rejected: list) -> None:
    """One line per rejected file or record of an upload, ``file: reason``, the first
    MAX_REJECTED_LINES of them, then how many more."""
    for name, reason in rejected[:MAX_REJECTED_LINES]:
        st.caption(escape(f"✗ {name}: {reason}"))
    if len(rejected) > MAX_REJECTED_LINES:
        st.caption(f"+{len(rejected) - MAX_REJECTED_LINES:,} more")


def workspace_building(store: Store) -> None:
    """The main area while the workspace is being built: progress, never a blocked page."""
    st.header("Stories")
    active = store.jobs(active=True, kinds=[jobs.BOOTSTRAP], limit=1)
    if not active:
        st.info("No stories yet: add articles in the sidebar.")
        return
    _building_live(store)


@st.fragment(run_every=POLL_S)
def _building_live(store: Store) -> None:
    if not session_logged_in():  # logged out since the fragment was drawn: show nothing
        return
    active = store.jobs(active=True, kinds=[jobs.BOOTSTRAP], limit=1)
    if store.count_stories() or not active:
        _refresh_page()
        return
    job = active[0]
    st.info("First launch: the demo workspace is being built from seeds/ in the background; "
            "the stories appear here as soon as they are ready.")
    st.progress(float(job["progress"]), text=escape(job["message"] or "Waiting for the worker …"))


def comparison_pending(store: Store, job_id: int) -> None:
    """Shown where the facts go while the worker compares the story."""
    _comparison_live(store, job_id)


@st.fragment(run_every=1.0)
def _comparison_live(store: Store, job_id: int) -> None:
    if not session_logged_in():  # logged out since the fragment was drawn: show nothing
        return
    job = store.job(job_id)
    if job is None or job["state"] in ("done", "failed"):
        _refresh_page()
        return
    text = "Comparing the outlets in the background …" if job["state"] == "running" else (
        "Waiting for the background worker to compare the outlets …")
    st.progress(float(job["progress"]), text=text)
