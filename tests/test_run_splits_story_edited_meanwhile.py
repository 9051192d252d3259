"""A batch run that splits a stored story so that its id goes to none of the parts (each part
shares more articles with another stored story, whose id it takes) while a journalist uploads or
moves an article into that story. The run read the stories before the upload and writes under
the write lock after it: the article joined meanwhile belongs with the part holding most of the
story's articles (where a move's anchors and the redirect of the old id lead), not alone under
the old id, and a reader of the old id is sent there (``store.story_moved``).

The interleaving is made deterministic through the store API (no timing): a step of the run
between its read and its write is wrapped so that another connection writes in between, as the
dashboard does. Made-up articles, the lexical backend."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import articles as articles_stage
from clustering import build_story, edits, pipeline, story_id_for
from store.sqlite import Store
from tests.test_clustering_partial_run import FOLDERS, _ids, _write
from tests.test_clustering_upload_during_run import UPLOADED
from tests.test_edits_store_ids import _article, _workspace

MIXED, DAM, RATES = "st-zzzz", "st-bbbb", "st-cccc"


def _mixed_up(store: Store) -> None:
    """Stored stories an older grouping got wrong: MIXED holds two dam reports and a rate report,
    DAM the other two dam reports, RATES the other rate report. A re-run gives the dam part DAM's
    id (a 2-2 tie: the smaller id) and the rates part RATES's: MIXED's id goes to neither."""
    dam, rates = _ids(store, "orvina"), _ids(store, "Astoria")
    groups = {MIXED: [*dam[:2], rates[0]], DAM: dam[2:], RATES: rates[1:]}
    store.replace_stories([build_story(sid, store.articles(ids), dict.fromkeys(ids, 0.9)).to_dict()
                           for sid, ids in groups.items()])


def _into_mixed(db: Path, folder: Path, how: str) -> str:
    """Another connection uploads ``folder``'s one article into MIXED: as ``update_stories``
    grows the story holding most of its fitted group ("upload"), or by a hand move ("move");
    returns the article's id."""
    with Store(db) as other:
        (uploaded,) = articles_stage.ingest([folder], other).article_ids
        if how == "move":
            edits.move_article(other, uploaded, MIXED)
        else:
            (mixed,) = [s for s in pipeline.load_stories(other) if s.id == MIXED]
            other.put_stories([pipeline.grown_story(mixed, {uploaded: 0.6}, other.articles).to_dict()])
    return uploaded


def _wrap(monkeypatch, module, name: str, then) -> list[str]:
    """``module.name`` runs ``then()`` once after itself; what ``then`` returned is listed."""
    step, done = getattr(module, name), []

    def step_then(*args, **kwargs):
        result = step(*args, **kwargs)
        if not done:
            done.append("running")
            done[:] = [then()]
        return result

    monkeypatch.setattr(module, name, step_then)
    return done


def _check(store: Store, uploaded: str) -> None:
    dam = _ids(store, "orvina")
    assert store.story_of_article(uploaded) == DAM
    assert {store.story_of_article(i) for i in dam} == {DAM}
    assert {store.story_of_article(i) for i in _ids(store, "Astoria")} == {RATES}
    assert store.story(MIXED) is None
    assert store.story_moved(MIXED)[0] == DAM  # the reader of the old id is sent to the dam story
    assert store.membership_problems() == {}  # every stored article in exactly one story


@pytest.mark.parametrize("how", ["upload", "move"])
def test_an_article_joined_to_a_story_the_run_splits_away_goes_with_its_bulk(tmp_path, monkeypatch, how):
    folders = [_write(tmp_path, name, FOLDERS[name]) for name in ("d1", "d2", "rates")]
    upload = _write(tmp_path, "upload", UPLOADED)
    with Store(tmp_path / "w.db") as store:
        pipeline.run(folders, store, model="lexical")
        _mixed_up(store)
        done = _wrap(monkeypatch, pipeline, "fit_stories", lambda: _into_mixed(store.path, upload, how))
        result = pipeline.run(folders, store, model="lexical")
        assert {s.id for s in result.stories} >= {DAM, RATES}
        assert MIXED not in {s.id for s in result.stories}
        _check(store, done[0])
        # A later run keeps it there (the upload, or the replayed move, holds).
        monkeypatch.undo()
        pipeline.run(folders, store, model="lexical")
        _check(store, done[0])


def test_the_dashboard_opens_the_old_id_on_the_story_holding_the_upload(tmp_path, monkeypatch):
    """A journalist's page on the old id (its address) opens the dam story after the run, with the
    upload in it and the note that says where the story went."""

    from tests.test_clustering_partial_run import dashboard_store
    from tests.test_story_changes import assert_link_redirects

    db = dashboard_store(tmp_path, monkeypatch)
    folders = [_write(tmp_path, name, FOLDERS[name]) for name in ("d1", "d2", "rates")]
    upload = _write(tmp_path, "upload", UPLOADED)
    with Store(db) as store:
        pipeline.run(folders, store, model="lexical")
        _mixed_up(store)
        done = _wrap(monkeypatch, pipeline, "fit_stories", lambda: _into_mixed(db, upload, "upload"))
        pipeline.run(folders, store, model="lexical")
        _check(store, done[0])
    assert_link_redirects(MIXED, DAM)


def test_the_ray_engine_puts_it_with_the_bulk_too(tmp_path, monkeypatch):
    pytest.importorskip("ray")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    from engines import get_engine, outputs

    folders = [str(_write(tmp_path, name, FOLDERS[name])) for name in ("d1", "d2", "rates")]
    upload = _write(tmp_path, "upload", UPLOADED)
    with Store(tmp_path / "w.db") as store, get_engine("ray", num_cpus=1, compare="none") as engine:
        engine.run(folders, store, model="lexical")
        _mixed_up(store)
        # Between the engine's read of the stories and its import of the run.
        done: list[str] = []
        import_into_store = outputs.import_into_store

        def upload_then_import(into, result, **options):
            done.append(_into_mixed(store.path, upload, "upload"))
            return import_into_store(into, result, **options)

        monkeypatch.setattr(outputs, "import_into_store", upload_then_import)
        engine.run(folders, store, model="lexical")
        _check(store, done[0])


def test_store_level_the_upload_follows_the_part_holding_most_of_its_story(tmp_path):
    """The same at the store level, the run's stories given as it computed them: story a0 split
    three articles to one and one to another, each part named after a larger stored story."""
    groups = [["a0", "a1", "a2", "a3"], ["b0", "b1", "b2", "b3", "b4"], ["c0", "c1", "c2", "c3", "c4"]]
    store = _workspace(tmp_path / "ws.db", groups)
    stored = pipeline.load_stories(store)
    by_id = {a.id: a for a in store.articles()}
    parts = [["a0", "a1", "a2", *groups[1]], ["a3", *groups[2]]]
    run = pipeline.overlap_ids([build_story(story_id_for(p[0]), [by_id[i] for i in p], dict.fromkeys(p, 0.5))
                                for p in parts], stored)
    a, b, c = (story_id_for(g[0]) for g in groups)
    assert [s.id for s in run] == [b, c]
    store.add_article(_article("u0", 60))  # an upload joins story a0 while the run fits
    (story_a,) = [s for s in stored if s.id == a]
    store.put_stories([pipeline.grown_story(story_a, {"u0": 0.6}, store.articles).to_dict()])
    pipeline.store_run_stories(store, run, replaced=[a, b, c])
    assert store.story_of_article("u0") == b
    assert store.story(a) is None and store.story_moved(a)[0] == b
    assert store.membership_problems() == {}
    store.close()


def test_with_stored_joins_leaves_a_story_the_run_did_not_replace(tmp_path):
    """A story the run did not read (not ``replaced``) that meanwhile took one of the run's
    articles by a hand move keeps its own members: they do not follow that article."""
    store = _workspace(tmp_path / "ws.db", [["a0", "a1"], ["d0", "d1"]])
    by_id = {a.id: a for a in store.articles()}
    run = [build_story(story_id_for("a0"), [by_id["a0"], by_id["a1"]], {"a0": 0.5, "a1": 0.5})]
    d = story_id_for("d0")
    stored = [build_story(d, [by_id[i] for i in ("d0", "d1", "a1")], {"d0": 0.5, "d1": 0.5, "a1": 0.0})]
    assert pipeline.with_stored_joins(run, stored, store.articles, replaced=[story_id_for("a0")]) == run
    store.close()


def test_the_replaced_ids_survive_the_ray_outputs_folder(tmp_path):
    """A run written to Parquet and imported later follows the same stories."""
    pytest.importorskip("pyarrow")
    from engines.outputs import Outputs, read_parquet, write_parquet

    write_parquet(tmp_path / "out", Outputs([], [], replaced=["st-a", "st-b"]))
    assert read_parquet(tmp_path / "out").replaced == ["st-a", "st-b"]
