"""The Export tab says what the downloads hold when it is not what the page shows: the whole
comparison, every outlet, the stored script, UTC times (the offsets index the stored text)."""

from __future__ import annotations

import pytest

from dashboard import times
from dashboard.app import export_note
from tests import test_dashboard_app as app_tests
from tests.test_dashboard_app import app, no_errors, open_story

base_workspace = app_tests.base_workspace
seed_story_id = app_tests.seed_story_id
workspace = app_tests.workspace


def test_the_note_names_each_way_the_files_differ_from_the_page() -> None:
    plain = export_note(3, 3, "Original", times.DEFAULT)
    assert "all 3 outlets" in plain and "side by side" not in plain and "converted" not in plain
    assert "times in" not in plain and "offsets point into the stored" in plain
    taipei = times.by_key("Asia/Taipei")
    note = export_note(5, 2, "繁體", taipei)
    assert "not only the 2 side by side" in note
    assert "not converted to 繁體" in note
    assert f"times in UTC (not {taipei.short})" in note


@pytest.mark.slow
def test_the_export_tab_says_what_the_files_hold(workspace, seed_story_id) -> None:
    at = open_story(app().run(), seed_story_id)
    at.radio(key="script").set_value("繁體").run()
    side = at.multiselect(key=f"side_by_side_{seed_story_id}")
    side.set_value(side.options[:2]).run()
    no_errors(at)
    notes = [c.value for c in at.caption if c.value.startswith("The files hold the whole comparison")]
    assert len(notes) == 1, [c.value for c in at.caption]
    assert "not converted to 繁體" in notes[0]
    assert len(side.options) > 2 and "not only the 2 side by side" in notes[0]
