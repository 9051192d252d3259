"""The story list's keyword box names no example term: "e.g. 塔吉克, 塔利班, Taliban" offered an
English word the demo workspace (all Chinese) never matches. Made-up articles, the lexical backend."""

from __future__ import annotations

from dashboard.app import KEYWORD_HELP, KEYWORD_PLACEHOLDER
from store import Store
from tests.test_story_changes import _app


def test_the_keyword_box_says_what_it_searches_and_names_no_term(tmp_path, monkeypatch) -> None:
    from clustering import pipeline
    from tests.test_clustering_partial_run import dashboard_store, two_day_folders

    db = dashboard_store(tmp_path, monkeypatch)
    with Store(db) as store:
        pipeline.run(two_day_folders(tmp_path), store, model="lexical")
        (story,) = store.stories()
    at = _app().run()
    assert not at.exception, [e.value for e in at.exception]
    box = at.text_input(key="keyword")
    assert box.placeholder == KEYWORD_PLACEHOLDER and box.help == KEYWORD_HELP
    assert "e.g." not in box.placeholder and "Taliban" not in box.placeholder
    # What it says it searches, it finds: a word of the story's name, in another case.
    at.toggle(key="multi_only").set_value(False).run()
    word = max(story["label"].split(), key=len)
    box.input(word.upper()).run()
    assert not at.exception, [e.value for e in at.exception]
    assert list(at.dataframe(key="story_table").value["id"]) == [story["id"]]
