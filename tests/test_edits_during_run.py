"""Review (h36r): runs writing stories read before an edit, and edits replayed by every run.
Made-up articles; store level (the run's stories are given as a run computed them)."""

from __future__ import annotations

from clustering import build_story, edits, pipeline, story_id_for
from clustering.model import Story
from tests.test_edits_store_ids import _article, _workspace


def _groups(store) -> list[list[str]]:
    return sorted(sorted(m.article_id for m in s.members) for s in pipeline.load_stories(store))


def _story(store, ids: list[str], story_id: str) -> Story:
    by_id = {a.id: a for a in store.articles(ids)}
    return build_story(story_id, [by_id[i] for i in ids], {i: 0.5 for i in ids})


def test_a_split_made_while_a_run_computed_its_stories_holds_when_the_run_touched_every_story(tmp_path):
    """The Ray engine replays the edit log when it builds its stories and writes them after
    comparing them: a split made in between must not be undone (store_run_stories replays the
    log only when it keeps a stored story beside the run's)."""
    store = _workspace(tmp_path / "ws.db", [["a0", "a1", "a2"]])
    x = story_id_for("a0")
    store.add_article(_article("n0", 30))
    run_story = _story(store, ["a0", "a1", "a2", "n0"], x)  # what the run computed (read before the split)
    edits.split_story(store, x, ["a2"])  # a journalist's split while the run compares
    pipeline.store_run_stories(store, [run_story])
    assert _groups(store) == [["a0", "a1", "n0"], ["a2"]]


def test_a_split_off_story_that_grew_is_not_split_again_by_the_next_run(tmp_path):
    """A split's part that an upload grew keeps its new member when a later run replays the log
    (a run over other articles keeps the story beside its own and replays every edit on both)."""
    store = _workspace(tmp_path / "ws.db", [["a0", "a1", "a2"], ["b0"]])
    x = story_id_for("a0")
    part = edits.split_story(store, x, ["a2"])
    store.add_article(_article("d0", 40))
    (stored_part,) = [s for s in pipeline.load_stories(store) if s.id == part]
    grown = pipeline.grown_story(stored_part, {"d0": 0.6}, store.articles)  # as update_stories grows it
    store.put_stories([grown.to_dict()])
    assert ["a2", "d0"] in _groups(store)
    # An hourly run that touched story b0 only.
    store.add_article(_article("n0", 50))
    pipeline.store_run_stories(store, [_story(store, ["b0", "n0"], story_id_for("b0"))])
    assert ["a2", "d0"] in _groups(store)
