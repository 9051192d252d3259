"""A picker whose labels follow the script or the time zone is sent its new labels when they change.

Streamlit keeps a keyed selectbox or multiselect when only its option labels change, and the
browser went on showing (and sending back) the chosen option's old label: '美国之音 · 07-05
22:41 UTC' above a caption in UTC+8, simplified chips after 繁體, and the reader fell back to
the story's first article. ``dashboard.relabel`` sets the value again on such a change, which
makes Streamlit send the browser the chosen options' labels (``set_value`` with their text).
"""

from __future__ import annotations

import pytest

from tests import test_dashboard_app as app_tests
from tests.test_dashboard_app import app, no_errors, open_story

base_workspace = app_tests.base_workspace
seed_story_id = app_tests.seed_story_id
workspace = app_tests.workspace

pytestmark = pytest.mark.slow


def _sent(widget) -> str | list[str] | None:
    """The label(s) the browser is told to show for a picker; None when it is told nothing."""
    proto = widget.proto
    if not proto.set_value:
        return None
    return list(proto.raw_values) if hasattr(proto, "raw_values") else proto.raw_value  # multiselect, selectbox


def test_the_reader_and_the_side_by_side_chips_get_their_new_labels(workspace, seed_story_id) -> None:
    at = open_story(app().run(), seed_story_id)
    at.selectbox(key="reader_article").select_index(1).run()  # not the first: a fall back would not show
    no_errors(at)
    picked = at.selectbox(key="reader_article").value
    side_key = f"side_by_side_{seed_story_id}"
    chips = at.multiselect(key=side_key).value
    # A click that changes no label: nothing is sent again.
    at.radio(key="script").set_value("Original").run()
    assert _sent(at.selectbox(key="reader_article")) is None

    at.selectbox(key="time_zone").select("Asia/Taipei").run()
    no_errors(at)
    reader = at.selectbox(key="reader_article")
    assert reader.value == picked
    label = reader.format_func(picked)
    assert " UTC+8 · " in label and _sent(reader) == label, (label, _sent(reader))
    assert _sent(at.multiselect(key=side_key)) is None  # outlet names have no time

    at.radio(key="script").set_value("繁體").run()
    no_errors(at)
    reader = at.selectbox(key="reader_article")
    side = at.multiselect(key=side_key)
    assert reader.value == picked and side.value == chips
    assert _sent(reader) == reader.format_func(picked) != label
    assert _sent(side) == [side.format_func(o) for o in chips]
    assert any(side.format_func(o) != o for o in chips), chips  # some outlet name is converted

    at.radio(key="script").set_value("繁體").run()  # the same choice again: nothing re-sent
    assert _sent(at.selectbox(key="reader_article")) is None and _sent(at.multiselect(key=side_key)) is None


def test_the_outlets_filter_names_outlets_in_the_script_chosen(workspace) -> None:
    """In 繁體 the story table's "Covered by" said 大紀元, 德國之聲 while the Outlets filter offered
    大纪元, 德国之声; an outlet picked keeps its chip, in the new script."""
    from dashboard.text import SCRIPT_TRADITIONAL, outlet_in_script

    at = app().run()
    original = list(at.multiselect(key="outlets").options)
    converted = [" · ".join(outlet_in_script(n, SCRIPT_TRADITIONAL) for n in o.split(" · ")) for o in original]
    picked = next(i for i, (o, c) in enumerate(zip(original, converted, strict=True)) if o != c)
    canonical = original[picked].split(" · ")[-1]  # a label ends with the outlet's canonical name
    at.multiselect(key="outlets").select(canonical).run()
    assert at.multiselect(key="outlets").value == [canonical]
    at.radio(key="script").set_value(SCRIPT_TRADITIONAL).run()
    no_errors(at)
    outlets = at.multiselect(key="outlets")
    assert list(outlets.options) == converted
    assert outlets.value == [canonical] and _sent(outlets) == [converted[picked]]
