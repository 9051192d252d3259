"""A regrouped story keeps the id of the stored story it shares most articles with, not of its
earliest article: a full re-run where the earliest article leaves a story keeps the story's id
on the bulk, in the local engine, the dashboard's regroup and the Ray engine alike. Made-up
articles, the lexical backend: nothing is downloaded."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from clustering import build_story, pipeline, story_id_for
from clustering.model import Member, Story
from store.sqlite import Store
from tests.test_clustering_hourly_run import FOOTBALL
from tests.test_clustering_partial_run import FOLDERS, _ids, _partition, _write


def _owner(store: Store) -> dict[str, str]:
    return {m.article_id: s.id for s in pipeline.load_stories(store) for m in s.members}


def _story(sid: str, ids: list[str]) -> Story:
    day = datetime(2024, 3, 4, tzinfo=UTC)
    return Story(sid, sid, day, day, ["x"], [Member(i, 1.0) for i in ids])


def _folders(tmp_path: Path) -> list[Path]:
    """The dam story's two days and a football report a day before them."""
    early = FOOTBALL[0].replace("2024-03-05T20", "2024-03-03T20")
    return [_write(tmp_path, "d1", FOLDERS["d1"]), _write(tmp_path, "d2", FOLDERS["d2"]),
            _write(tmp_path, "foot", [early])]


def _named_after_the_football(store: Store) -> str:
    """An earlier grouping put the football report in the dam story, named after it (its
    earliest article); returns that id."""
    dam, rovers = _ids(store, "orvina"), _ids(store, "Rovers")
    old_id = story_id_for(rovers[0])
    both = dam + rovers
    store.replace_stories([build_story(old_id, store.articles(both), dict.fromkeys(both, 0.9)).to_dict()])
    return old_id


@pytest.mark.parametrize("how", ["run", "recluster"])
def test_a_full_rerun_keeps_the_id_on_the_bulk_when_the_earliest_article_leaves(tmp_path, how):
    folders = _folders(tmp_path)
    with Store(tmp_path / "w.db") as store:
        pipeline.run(folders, store, model="lexical")
        old_id = _named_after_the_football(store)
        if how == "run":
            stories = pipeline.run(folders, store, model="lexical").stories
        else:  # the dashboard's regroup
            stories = pipeline.recluster(store, model="lexical")
        dam, rovers = _ids(store, "orvina"), _ids(store, "Rovers")
        owner = _owner(store)
        assert _partition(store) == {frozenset(dam), frozenset(rovers)}
        assert {owner[i] for i in dam} == {old_id}
        assert owner[rovers[0]] != old_id
        assert {s.id for s in stories} == {old_id, owner[rovers[0]]}


def test_the_ray_engine_keeps_ids_by_overlap_as_the_local_engine_does(tmp_path):
    pytest.importorskip("ray")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    from engines import get_engine

    folders = [str(f) for f in _folders(tmp_path)]
    with Store(tmp_path / "w.db") as store, get_engine("ray", num_cpus=2, compare="none") as engine:
        engine.run(folders, store, model="lexical")
        old_id = _named_after_the_football(store)
        engine.run(folders, store, model="lexical")
        owner = _owner(store)
        assert {owner[i] for i in _ids(store, "orvina")} == {old_id}
        assert owner[_ids(store, "Rovers")[0]] != old_id


def test_overlap_ids_take_the_largest_overlaps_first_each_old_id_once():
    stored = [_story("st-old1", ["a", "b", "c"]), _story("st-old2", ["d", "e"]), _story("st-else", ["z"])]
    run = [_story("st-a", ["a"]), _story("st-b", ["b", "c", "d"]), _story("st-e", ["e", "f"]),
           _story(story_id_for("y"), ["y"]), _story("st-else", ["q"])]
    renamed = [s.id for s in pipeline.overlap_ids(run, stored[:2], {"st-old1", "st-old2", "st-else"})]
    # b,c,d share 2 with st-old1 (the largest overlap); e,f then take st-old2; a shares only st-old1,
    # taken: it keeps its own id, as does y (shares nothing); q's id is a stored story's: another.
    assert renamed[:4] == ["st-a", "st-old1", "st-old2", story_id_for("y")]
    assert renamed[4] not in {"st-else", "st-old1", "st-old2"} and len(set(renamed)) == 5


def test_an_upload_never_overwrites_a_story_holding_its_new_articles_id(tmp_path):
    """Ids no longer follow the earliest article, so a new story of an upload named after its
    earliest article may find that id held by a stored story (of other articles): it takes another."""
    import articles as articles_stage

    with Store(tmp_path / "w.db") as store:
        pipeline.run([_write(tmp_path, "rates", FOLDERS["rates"])], store, model="lexical")
        articles_stage.ingest([_write(tmp_path, "d1", FOLDERS["d1"])], store)  # an upload, not grouped yet
        first = _ids(store, "orvina")
        # The rate story happens to hold the id the dam reports' new story would be named after.
        (rate_story,) = store.stories()
        store.replace_stories([{**rate_story, "id": story_id_for(min(store.articles(first),
                                                                     key=lambda a: (a.published, a.id)).id)}])
        taken = store.stories()[0]["id"]
        pipeline.update_stories(store, first, model="lexical")
        owner = _owner(store)
        assert owner[_ids(store, "Astoria")[0]] == taken and owner[first[0]] != taken


@pytest.mark.parametrize("order", ["big first", "small first"])
def test_a_hand_merge_keeps_the_id_of_the_larger_story(tmp_path, order):
    """Merging a lone report into a story keeps the story's id, whichever is listed first and
    whichever article is earliest: a link to the story stays on it, and the lone report's old id
    follows it there (store.story_moved)."""
    from clustering import edits

    folders = _folders(tmp_path)
    with Store(tmp_path / "w.db") as store:
        pipeline.run(folders, store, model="lexical")
        owner = _owner(store)
        dam, rovers = _ids(store, "orvina"), _ids(store, "Rovers")
        big, small = owner[dam[0]], owner[rovers[0]]
        assert big != small and len(dam) > len(rovers)
        merged = edits.merge_stories(store, [big, small] if order == "big first" else [small, big])
        assert merged == big
        assert set(_owner(store)[i] for i in dam + rovers) == {big}
        assert store.story_moved(small)[0] == big
