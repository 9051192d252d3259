"""An upload that joins a story while a batch run fits (the dashboard's upload beside an hourly
``python -m clustering``) is kept: the run grows the story from the copy it read before fitting,
and writes it under the store's write lock with the members joined meanwhile
(``pipeline.with_stored_joins`` in ``store_run_stories``). The interleaving is made
deterministic: the run's fit is wrapped so that between its read and its write another store
connection uploads a follow-up, as ``dashboard.jobs`` does. Made-up articles, lexical features."""

from __future__ import annotations

from pathlib import Path

import articles as articles_stage
from clustering import build_story, pipeline
from store.sqlite import Store
from tests.test_clustering_partial_run import _ids, _rec, _write

# A third report of the dam burst, uploaded while hour 2's run fits.
UPLOADED = [_rec(11, "delta", "2024-03-05T08:00:00Z", "Korvina dam burst: governor Ilse Marek says 12 killed",
                 "Twelve people were killed when the Korvina dam burst on Monday, governor Ilse Marek said, "
                 "and 300 homes in the lower town were flooded. Rescuers in boats searched for survivors.")]


def _story_of(store: Store) -> dict[str, str]:
    return {m.article_id: s.id for s in pipeline.load_stories(store) for m in s.members}


def upload_while(monkeypatch, module, name: str, db: Path, folder: Path, uploaded: list) -> None:
    """Wrap ``module.name`` (a step of the run between its read and its write) so that after it
    another connection uploads ``folder`` and groups it as the dashboard does; the ids it stored
    are appended to ``uploaded``."""
    step = getattr(module, name)

    def step_then_upload(*args, **kwargs):
        result = step(*args, **kwargs)
        if uploaded:  # once: the upload's own grouping fits through the same step
            return result
        uploaded.append("uploading")
        with Store(db) as other:
            ids = list(articles_stage.ingest([folder], other).article_ids)
            pipeline.update_stories(other, article_ids=ids, model="lexical")
        uploaded[:] = ids
        return result

    monkeypatch.setattr(module, name, step_then_upload)


def test_an_upload_joining_a_story_while_a_run_grows_it_stays(hours, tmp_path, monkeypatch):
    store, folders = hours
    pipeline.run([folders["h01"]], store, model="lexical")
    (dam_id,) = {s.id for s in pipeline.load_stories(store)}
    uploaded: list[str] = []
    upload_while(monkeypatch, pipeline, "fit_stories", store.path, _write(tmp_path, "upload", UPLOADED), uploaded)
    result = pipeline.run([folders["h02"]], store, model="lexical")
    assert len(uploaded) == 1
    # The run grew the dam story from its earlier copy (without the upload) ...
    assert uploaded[0] not in {m.article_id for s in result.stories for m in s.members}
    # ... and the stored story keeps the upload beside the run's follow-ups.
    owner = _story_of(store)
    assert owner[uploaded[0]] == dam_id
    assert {owner[i] for i in _ids(store, "orvina")} == {dam_id}
    assert len(_ids(store, "orvina")) == 5
    assert result.changes[dam_id]["kind"] == "grew"


def test_an_upload_joining_a_story_a_rerun_regroups_stays(hours, tmp_path, monkeypatch):
    """The same for a story the run replaces (a re-run over a folder it holds articles of): the
    run's story keeps the id, and the upload with it."""
    store, folders = hours
    pipeline.run([folders["h01"], folders["h02"]], store, model="lexical")
    dam_id = _story_of(store)[_ids(store, "orvina")[0]]
    uploaded: list[str] = []
    upload_while(monkeypatch, pipeline, "fit_stories", store.path, _write(tmp_path, "upload", UPLOADED), uploaded)
    result = pipeline.run([folders["h02"]], store, model="lexical")
    assert {a.id for a in result.context} == set(_ids(store, "orvina")) - {a.id for a in result.articles} - set(
        uploaded)
    owner = _story_of(store)
    assert len(uploaded) == 1 and {owner[i] for i in _ids(store, "orvina")} == {dam_id}
    assert len(_ids(store, "orvina")) == 5


def test_with_stored_joins_adds_only_members_no_run_story_holds(hours):
    """A stored story's members the run moved elsewhere stay where the run put them; the ones no
    run story holds join the run's story of the same id with their stored score and pin."""
    store, folders = hours
    articles_stage.ingest([folders["h01"], folders["h02"]], store)
    a, b = _ids(store, "orvina")[:2]
    c = _ids(store, "Astoria")[0]
    by_id = {x.id: x for x in store.articles()}
    stored = build_story("st-1", [by_id[a], by_id[b], by_id[c]], {a: 1.0, b: 0.5, c: 0.9}, {c})
    run = [build_story("st-1", [by_id[a]], {a: 1.0}), build_story("st-2", [by_id[b]], {b: 1.0})]
    out = pipeline.with_stored_joins(run, [stored], store.articles)
    assert [sorted(s.article_ids) for s in out] == [sorted([a, c]), [b]]
    joined = {m.article_id: m for m in out[0].members}[c]
    assert (joined.score, joined.pinned) == (0.9, True)
    assert pipeline.with_stored_joins(run, [], store.articles) == run
