"""A page left open follows the workspace's counts: the sidebar's counts are a fragment that
re-reads the store's fingerprint on a timer (only it reruns, never the page)."""

from __future__ import annotations

import pytest

from dashboard import panels
from store import Store
from tests import test_dashboard_app as app_tests
from tests.test_dashboard_app import app, no_errors

base_workspace = app_tests.base_workspace
workspace = app_tests.workspace


def test_the_counts_line_says_when_the_page_is_behind() -> None:
    assert panels.counts_line("w.db", (5, 2), (5, 2)) == "Workspace `w.db`: 5 articles, 2 stories."
    behind = panels.counts_line("w.db", (7, 3), (5, 2))
    assert behind.startswith("Workspace `w.db`: 7 articles, 3 stories.")
    assert "drawn at 5 articles, 2 stories: click anything" in behind
    # The demo's counts as the README writes them (newcomer trial D7: "2186 articles, 1138 stories").
    assert panels.counts_line("w.db", (2186, 1138), (2186, 1138)) == "Workspace `w.db`: 2,186 articles, 1,138 stories."


def _counts_script() -> None:
    """A fragment's own rerun (no full run under way) of a page drawn at 1 article, 1 story."""
    import os

    from dashboard import panels
    from store import Store

    store = Store(os.environ["PARALLAX_DB"])
    panels._workspace_counts(store, "parallax.db", ("x", 1, 1), 1)


@pytest.mark.slow
def test_the_counts_fragment_reads_the_store_on_its_own_reruns(workspace) -> None:
    from streamlit.testing.v1 import AppTest

    with Store(workspace) as store:
        n_articles, n_stories = store.count_articles(), store.count_stories()
    at = AppTest.from_function(_counts_script, default_timeout=app_tests.TIMEOUT).run()
    no_errors(at)
    line = at.caption[0].value
    assert line.startswith(f"Workspace `parallax.db`: {n_articles:,} articles, {n_stories:,} stories.")
    assert "click anything" in line
    assert panels.COUNTS_EVERY_S >= 10  # a timer on the counts, not a busy page


@pytest.mark.slow
def test_the_full_page_shows_the_counts_it_drew(workspace) -> None:
    at = app().run()
    no_errors(at)
    with Store(workspace) as store:
        expected = f"{store.count_articles():,} articles, {store.count_stories():,} stories."
    assert any(expected in c.value and "click anything" not in c.value for c in at.sidebar.caption)

