"""The story's timeline tells its own articles from the roundups' sections it shows (newcomer
trial D5: a header of "4 articles from 4 outlets + 3 sections of roundups" over 7 alike dots on 5
outlet rows): one shape each, named in a legend in the header's own words. Made-up articles,
the lexical backend."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html import unescape

from dashboard import times
from dashboard.app import story_counts, story_parts, timeline_frame
from dashboard.outlet_names import story_outlets
from store import Store
from tests.comparison_helpers import article
from tests.test_story_changes import _app

ROUNDUP = article("r", "Roundup Daily", "Flood waters rose in the valley overnight.", "", "Markets were calm.",
                  published=datetime(2024, 3, 4, 9, tzinfo=UTC))


def test_story_parts_count_articles_and_sections_in_the_headers_words() -> None:
    own = [article(i, o, "The dam broke.") for i, o in (("a", "Reuters"), ("b", "AP"))]
    assert story_parts(own, {"a", "b"}) == ("2 articles", "")
    assert story_parts([*own, ROUNDUP], {"a", "b"}) == ("2 articles", "1 section of roundups filed under other stories")
    frame = timeline_frame([*own, ROUNDUP], {"a", "b"}, "original", times.DEFAULT, story_outlets([*own, ROUNDUP], None))
    assert list(frame["as"]) == ["2 articles", "2 articles", "1 section of roundups filed under other stories"]
    assert list(frame["outlet"]) == ["Reuters", "AP", "Roundup Daily"]


def test_the_header_counts_the_outlets_a_roundup_section_adds() -> None:
    """The seed story read "4 articles from 4 outlets + 3 sections of roundups ..." over a timeline
    of 5 outlet rows, a picker of 5 outlets and an Export note of "all 5 outlets of the story"."""
    own = [article(i, o, "The dam broke.") for i, o in (("a", "Reuters"), ("b", "AP"))]
    roundup_of_ap = article("s", "AP", "Flood waters rose.", "", "Markets were calm.")

    def counts(articles):
        return story_counts(2, articles, {"a", "b"}, story_outlets(articles, None))

    assert counts(own) == "2 articles from 2 outlets"
    assert counts([*own, roundup_of_ap]) == (
        "2 articles from 2 outlets + 1 section of roundups filed under other stories")
    assert counts([*own, roundup_of_ap, ROUNDUP]) == (
        "2 articles from 2 outlets + 2 sections of roundups filed under other stories, 3 outlets in all")


def _chart_spec(at) -> dict:
    (chart,) = at.get("vega_lite_chart")
    return json.loads(chart.proto.spec)


def test_the_timeline_marks_roundup_sections_apart(tmp_path, monkeypatch) -> None:
    from clustering import pipeline
    from tests.test_clustering_partial_run import dashboard_store, two_day_folders

    db = dashboard_store(tmp_path, monkeypatch)
    folders = two_day_folders(tmp_path)
    with Store(db) as store:
        pipeline.run(folders, store, model="lexical")
        store.add_article(ROUNDUP)
        story = max(store.stories(), key=lambda s: len(s["members"]))
        story["mentions"] = [{"article_id": "r", "score": 0.9, "section": 0}]  # as the clusterer files one
        store.put_stories([story])
        n = len(story["members"])
    at = _app()
    at.query_params["story"] = story["id"]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    sections = "1 section of roundups filed under other stories"
    captions = [unescape(c.value) for c in at.caption]
    # Roundup Daily has no article of its own in the story: the header counts it in all.
    assert any(c.startswith(f"{n} articles from ") and f" + {sections}, " in c and " outlets in all · " in c
               for c in captions), captions
    spec = _chart_spec(at)
    shape = spec["encoding"]["shape"]
    assert shape["field"] == "as" and shape["scale"] == {"domain": [f"{n} articles", sections],
                                                         "range": ["circle", "diamond"]}
    assert shape["legend"]["labelLimit"] == 0  # the header's words whole beside their marks (Vega cuts at 160 px)
    # One above the other: side by side, the two ran past the chart in a 900 px window (session 43).
    assert shape["legend"]["columns"] == 1


def test_the_timelines_data_keeps_a_would_be_formula_as_text_and_shows_it_as_written() -> None:
    """The chart's "Show data" table and its "Download as CSV" write the chart's data as it is:
    an outlet or a title starting with = + - @ gets the tables' apostrophe there
    (dashboard.text.chart_export_guarded), and the axis and tooltips show the fields the chart
    computes from it, the text as written."""
    import pandas as pd

    from dashboard.text import SHOWN, chart_export_guarded

    frame = pd.DataFrame({"outlet": ["=cmd|' /C calc'!A0", "Reuters"], "title": ["-5 dead in blast", "'=quoted"],
                          "as": ["2 articles", "2 articles"], "n": [-1, 2]})
    guarded, shown = chart_export_guarded(frame)
    assert list(guarded["outlet"]) == ["'=cmd|' /C calc'!A0", "Reuters"]
    assert list(guarded["title"]) == ["'-5 dead in blast", "'=quoted"]  # (already text: as it was)
    assert list(guarded["n"]) == [-1, 2] and list(guarded["as"]) == ["2 articles", "2 articles"]
    assert set(shown) == {f"outlet{SHOWN}", f"title{SHOWN}", f"as{SHOWN}"}
    # One character class of every character a formula starts with, the apostrophe taken off.
    assert shown[f"title{SHOWN}"] == ('test(regexp("^\'[=+@\\t\\r-]"), datum["title"]) '
                                      '? substring(datum["title"], 1) : datum["title"]')


def test_the_timeline_chart_encodes_the_shown_fields_of_guarded_data(tmp_path, monkeypatch) -> None:
    from clustering import pipeline
    from dashboard.text import SHOWN
    from tests.test_clustering_partial_run import dashboard_store, two_day_folders

    db = dashboard_store(tmp_path, monkeypatch)
    hostile = article("h", "=HYPERLINK(\"http://example.com\")", "+1 flood waters rose in the valley overnight.",
                      published=datetime(2024, 3, 4, 9, tzinfo=UTC))
    with Store(db) as store:
        pipeline.run(two_day_folders(tmp_path), store, model="lexical")
        store.add_article(hostile)
        story = max(store.stories(), key=lambda s: len(s["members"]))
        story["mentions"] = [{"article_id": "h", "score": 0.9, "section": 0}]
        store.put_stories([story])
    at = _app()
    at.query_params["story"] = story["id"]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    assert spec["encoding"]["y"]["field"] == f"outlet{SHOWN}"
    assert [t["field"] for t in spec["encoding"]["tooltip"]] == [f"outlet{SHOWN}", "published", f"title{SHOWN}", "as"]
    assert {c["as"] for c in spec["transform"]} >= {f"outlet{SHOWN}", f"title{SHOWN}"}
    from streamlit import dataframe_util

    (dataset,) = chart.proto.datasets
    data = dataframe_util.convert_arrow_bytes_to_pandas_df(dataset.data.data)
    assert list(data["title"]).count("'" + hostile.title) == 1
    assert list(data["outlet"]).count("'" + hostile.outlet) == 1
    assert sum(str(v).startswith("'") for v in [*data["title"], *data["outlet"]]) == 2  # the others as they were


def test_the_readers_picker_marks_a_roundup_section_apart() -> None:
    """A roundup's section read as one more article of its outlet ("法广 · … 国际纵横"): the
    reader's picker marks it first, in the header's words; the story's own articles are as they were."""
    from dashboard.app import SECTION_MARK, reader_choice

    own = article("a", "Reuters", "The dam broke.", published=datetime(2024, 3, 4, 7, tzinfo=UTC))
    names = story_outlets([own, ROUNDUP], None)
    assert reader_choice(own, False, names, "original", times.DEFAULT) == "Reuters · 03-04 07:00 UTC · The dam broke."
    section = reader_choice(ROUNDUP, True, names, "original", times.DEFAULT)
    start = f"{SECTION_MARK} · Roundup Daily · 03-04 09:00 UTC · "
    # Its headline shortened to the room the longer start leaves (the reader's heading shows it whole).
    assert section.startswith(start) and section.endswith("…")
    assert ROUNDUP.title.startswith(section.removeprefix(start)[:-1]) and len(section) < len(start) + len(ROUNDUP.title)
    assert SECTION_MARK == "§ section of a roundup"


def test_the_reader_says_which_article_is_a_roundups_section(tmp_path, monkeypatch) -> None:
    from clustering import pipeline
    from tests.test_clustering_partial_run import dashboard_store, two_day_folders

    db = dashboard_store(tmp_path, monkeypatch)
    with Store(db) as store:
        pipeline.run(two_day_folders(tmp_path), store, model="lexical")
        store.add_article(ROUNDUP)
        story = max(store.stories(), key=lambda s: len(s["members"]))
        story["mentions"] = [{"article_id": "r", "score": 0.9, "section": 0}]  # as the clusterer files one
        store.put_stories([story])
    at = _app()
    at.query_params["story"] = story["id"]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (picker,) = [s for s in at.selectbox if s.label == "Article"]
    marked = [o for o in picker.options if o.startswith("§ section of a roundup · ")]
    assert len(marked) == 1 and "Roundup Daily" in marked[0]
    assert len(picker.options) > 1  # the story's own articles shown, unmarked
    picker.set_value("r").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(unescape(c.value).endswith(" · a section of a roundup filed under another story") for c in at.caption)
