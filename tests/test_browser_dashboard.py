"""End to end: the real `streamlit run app.py` in headless Chromium (Debian's, via Playwright).

Opens the seed story, saves a screenshot, and checks that an article quoting
``<script>`` and ``<img onerror>`` shows them as text: visible, no dialog fired,
no such element in the page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dashboard.serve import CHROMIUM, CHROMIUM_ARGS, running_app
from store import Store
from tests import test_dashboard_app as app_tests
from tests.test_dashboard_app import FIXTURES, article_ids_of

# The same small real workspace as the AppTest tests (pytest fixtures, shared).
base_workspace = app_tests.base_workspace
seed_story_id = app_tests.seed_story_id

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SCREENSHOT_DIR_ENV = "PARALLAX_SCREENSHOTS"
WAIT_MS = 90_000


@pytest.fixture()
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _wait_idle(page) -> None:
    """Streamlit shows a running indicator while the script runs; wait until it is gone."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=WAIT_MS)


def test_seed_story_and_hostile_markup_in_chromium(
    browser,
    base_workspace,
    seed_story_id,
    tmp_path: Path,
) -> None:
    db = tmp_path / "parallax.db"
    shutil.copy(base_workspace, db)
    xss_id = article_ids_of(FIXTURES / "articles" / "2021-07-06-xss-test.md")[0]
    with Store(db) as store:
        seed_label = store.story(seed_story_id)["label"]
    shots = Path(os.environ.get(SCREENSHOT_DIR_ENV) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)

    with running_app(db, log=tmp_path / "streamlit.log") as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        # The story list, then the seed story opened by its link.
        page.goto(url)
        page.get_by_role("heading", name="Stories").wait_for(timeout=WAIT_MS)
        page.goto(f"{url}/?story={seed_story_id}")
        page.get_by_role("button", name="← All stories").wait_for(timeout=WAIT_MS)
        _wait_idle(page)
        page.get_by_role("heading", name=seed_label).wait_for(timeout=WAIT_MS)
        page.get_by_role("tab", name="Facts").wait_for(timeout=WAIT_MS)
        # The facts table, once the comparison is read (the screenshot shows its wrapped rows).
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=WAIT_MS)
        _wait_idle(page)
        page.screenshot(path=str(shots / "seed-story.png"), full_page=True)
        assert (shots / "seed-story.png").stat().st_size > 10_000

        # The Aligned tab: sentence pairs side by side, the words worded otherwise marked.
        page.get_by_role("tab", name="Aligned").click()
        page.locator("mark.px-wording").first.wait_for(timeout=WAIT_MS)
        page.screenshot(path=str(shots / "seed-aligned.png"), full_page=True)

        # The article quoting hostile markup, opened by link, read in the reader.
        page.goto(f"{url}/?article={xss_id}")
        page.get_by_role("button", name="← All stories").wait_for(timeout=WAIT_MS)
        page.get_by_role("tab", name="Reader").click()
        reader = page.locator(".px-reader").first
        reader.wait_for(timeout=WAIT_MS)
        _wait_idle(page)
        page.screenshot(path=str(shots / "hostile-article.png"), full_page=True)
        heading = page.get_by_role(
            "heading", name="Security test <script>alert(1)</script> headline"
        )
        assert heading.count() >= 1
        body_text = reader.inner_text()
        assert "<script>alert(1)</script>" in body_text
        assert "<img src=x onerror=alert(1)>" in body_text
        assert "**markdown**" in body_text and "[a link](javascript:alert(1))" in body_text
        assert page.locator(".px-reader script, .px-reader img").count() == 0
        assert page.locator("img[src='x']").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        page.wait_for_timeout(500)
        assert dialogs == []


def test_streamlit_listens_on_loopback_only(base_workspace, tmp_path: Path) -> None:
    """`streamlit run app.py` with no --server.address: only this machine can connect."""
    from urllib.parse import urlparse

    from dashboard.serve import listening_addresses

    db = tmp_path / "parallax.db"
    shutil.copy(base_workspace, db)
    with running_app(db, address=None) as url:
        addresses = listening_addresses(urlparse(url).port)
    assert addresses == {"127.0.0.1"}, addresses


# Every control's label and shown text in the page's main area that is cut off (wider than its
# box): labels, a toggle's label, a date range's fields, and a text box's or selectbox's value (or
# placeholder when empty), measured in the box's own font against its width inside the padding;
# controls not shown (in a tab not open) are passed over.
_CLIPPED_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const out = [];
  const shown = (e) => e.offsetParent !== null && e.clientWidth > 0;  // not in a hidden tab
  for (const e of main.querySelectorAll('[data-testid="stWidgetLabel"] p, [data-testid="stWidgetLabel"] [title], '
                                        + '[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"], '
                                        + '[data-testid="stDateInputFieldsScroller"]'))
    if (shown(e) && e.scrollWidth > e.clientWidth + 1) out.push([e.innerText, e.scrollWidth, e.clientWidth]);
  const ctx = document.createElement('canvas').getContext('2d');
  for (const e of main.querySelectorAll('input[type="text"], input:not([type])')) {
    const text = e.value || e.placeholder;
    if (!shown(e)) continue;
    const style = getComputedStyle(e);
    ctx.font = style.font;
    const need = Math.ceil(ctx.measureText(text).width);
    const room = e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (text && need > room + 1) out.push([text, need, room]);
  }
  return out;
}"""


# The choices of the open select box's list that are cut off (the list is as wide as its box).
_CLIPPED_OPTIONS_JS = """() => [...document.querySelectorAll('[role="option"], [role="option"] *')]
  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => [e.innerText, e.scrollWidth, e.clientWidth])"""


def _clipped_choices(page, name: str) -> list:
    """Open the select box ``name`` and return its shown choices that are cut off; close it."""
    page.get_by_role("combobox", name=name).click()
    page.locator('[role="option"]').first.wait_for(timeout=WAIT_MS)
    clipped = page.evaluate(_CLIPPED_OPTIONS_JS)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    return clipped


# The text of the edit panel's buttons that is cut off.
_CLIPPED_BUTTONS_JS = """() => [...document.querySelectorAll('.st-key-edit_controls button p')]
  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => [e.innerText, e.scrollWidth, e.clientWidth])"""


def test_story_list_controls_are_not_cut_off_in_narrow_windows(
    browser, base_workspace, seed_story_id, tmp_path: Path
) -> None:
    """At 900 px the list's controls were cut off ("Last 7", "Recently ch", "Multi-outle…"): each
    control's label and value is now shown whole at 900 px and at a phone's 600 px, with the
    longest choices picked (by the page's address). So are the story's edit controls at 900 px
    ("Choose c", "Split into …" in four fixed columns). Session 43: so are the headlines chosen
    in the edit controls and the reader (the box's value and its open list's choices): cut off
    mid-character at 190 px ("法广 · 中国机构就对滴滴"), they are shortened to fit, with an ellipsis;
    and the Export tab's download buttons ("Download Mark…")."""
    db = tmp_path / "parallax.db"
    shutil.copy(base_workspace, db)
    shots = Path(os.environ.get(SCREENSHOT_DIR_ENV) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with running_app(db, log=tmp_path / "streamlit.log") as url:
        for width in (900, 600):
            page = browser.new_page(viewport={"width": width, "height": 1000})
            page.goto(f"{url}/?sort=changed&changed=7d")
            page.get_by_role("heading", name="Stories").wait_for(timeout=WAIT_MS)
            page.get_by_role("switch", name="Multi-outlet stories only").wait_for(timeout=WAIT_MS)
            _wait_idle(page)
            assert page.locator("[data-testid='stMain'] input[value='Recently changed']").count() == 1
            assert page.locator("[data-testid='stMain'] input[value='Last 7 days']").count() == 1
            page.screenshot(path=str(shots / f"story-list-{width}.png"), full_page=True)
            assert page.evaluate(_CLIPPED_JS) == [], width
            page.close()

        page = browser.new_page(viewport={"width": 900, "height": 1400})
        page.goto(f"{url}/?story={seed_story_id}")
        page.get_by_role("tab", name="Why grouped").click()
        page.get_by_role("button", name="Split into a new story").wait_for(timeout=WAIT_MS)
        _wait_idle(page)
        assert page.evaluate(_CLIPPED_JS) == []
        assert page.evaluate(_CLIPPED_BUTTONS_JS) == []
        page.locator(".st-key-edit_controls").screenshot(path=str(shots / "edit-controls-900.png"))
        for name in ("Move article", "to story", "Split off articles", "Merge with story"):
            assert _clipped_choices(page, name) == [], name
        page.get_by_role("tab", name="Reader").click()
        page.get_by_role("combobox", name="Article").wait_for(timeout=WAIT_MS)
        _wait_idle(page)
        assert page.evaluate(_CLIPPED_JS) == []
        assert _clipped_choices(page, "Article") == []
        # The Export tab's download buttons ("Download Mark…" in three fixed columns).
        page.get_by_role("tab", name="Export").click()
        page.locator(".st-key-export_buttons button").first.wait_for(timeout=WAIT_MS)
        assert page.evaluate(_CLIPPED_BUTTONS_JS.replace("edit_controls", "export_buttons")) == []
        assert page.locator(".st-key-export_buttons button").count() == 3
