"""The "Why grouped" explanation of a stored story: read from stored vectors without loading the
embedding model, each member's strongest pair explained in one pass of the trees, the same
reasons as before (session 43: the button took 6-9 s on the demo's largest story)."""

from __future__ import annotations

import numpy as np
import pytest

from store import Store
from tests import test_dashboard_app as app_tests

base_workspace = app_tests.base_workspace

pytestmark = pytest.mark.slow


def _largest(store: Store) -> list[str]:
    story = max(store.stories(), key=lambda s: len(s["members"]))
    return [m["article_id"] for m in story["members"]]


def _as_tuples(explained) -> list[tuple]:
    return [(e.article_id, e.partner_id, e.probability, [(r.feature, r.value, r.contribution, r.meaning)
                                                        for r in e.reasons], e.note) for e in explained]


def test_a_stored_story_is_explained_from_its_stored_vectors_without_the_model(base_workspace, monkeypatch) -> None:
    """Every vector in the store: no embedding model is loaded (it took 1 s and more per click
    only to name the cache), and the explanation is the one made with the model loaded."""
    import embeddings
    from clustering.explain import explain_stored_story, explain_story
    from clustering.pipeline import embed_both

    with Store(base_workspace) as store:
        ids = _largest(store)
        articles = store.articles(ids)
        backend = embeddings.get_backend(None)
        expected = explain_story(ids, articles, embeddings.embed_articles(articles, backend, store),
                                 embeddings.embed_titles(articles, backend, store), top=3)
        assert backend.calls == 0  # the fixture's run stored every vector

        def no_model(name=None):
            raise AssertionError("the embedding model was loaded")

        monkeypatch.setattr(embeddings, "get_backend", no_model)
        assert embed_both(articles, store)[2] == backend.name
        assert _as_tuples(explain_stored_story(store, ids)) == _as_tuples(expected)


def test_a_vector_missing_from_the_store_is_embedded_as_before(base_workspace, tmp_path) -> None:
    """One article's vectors missing: the model is loaded and embeds it (the fast path only
    reads a story whose vectors are all stored)."""
    import dataclasses
    import shutil

    import embeddings
    from clustering.pipeline import embed_both

    db = tmp_path / "parallax.db"
    shutil.copy(base_workspace, db)
    with Store(db) as store:
        articles = store.articles(_largest(store))
        vectors, titles, name = embed_both(articles, store)
        backend = embeddings.get_backend(None)
        assert name == backend.name == embeddings.stored_name(None)
        changed = dataclasses.replace(articles[0], title="A headline of our own making")
        again, again_titles, _ = embed_both([changed, *articles[1:]], store)
        assert np.array_equal(again[1:], vectors[1:]) and np.array_equal(again_titles[1:], titles[1:])
        assert not np.array_equal(again_titles[0], titles[0])
        assert np.allclose(again_titles[0], embeddings.embed_titles([changed], backend)[0], atol=1e-6)


def test_explaining_many_pairs_at_once_says_what_each_says_alone(base_workspace) -> None:
    """SameStoryModel.explain_many: every row's probability and reasons exactly as
    SameStoryModel.explain gives them one pair at a time."""
    from clustering.clusterer import StoryClusterer
    from clustering.neighbourhood import neighbourhood
    from clustering.pair_features import pair_features
    from clustering.pipeline import embed_both

    with Store(base_workspace) as store:
        articles = store.articles(_largest(store))
        vectors, titles, _ = embed_both(articles, store)
    clusterer = StoryClusterer()
    corpus = clusterer.prepare(articles, vectors, titles)
    candidates, known = clusterer.candidate_pairs(corpus, with_scores=True)
    context = neighbourhood(corpus, candidates, known)
    direct = clusterer.direct_scores(corpus, candidates, context, known) if clusterer.story_context else None
    queries = np.array([(a, b) for a in range(len(articles)) for b in range(a + 1, len(articles))][:40])
    features = pair_features(corpus, queries, context)
    model = clusterer.scorer
    many = model.explain_many(features, len(corpus), candidates, direct, queries, clusterer.story_context)
    alone = [model.explain(features[k:k + 1], len(corpus), candidates, direct, queries[k:k + 1],
                           clusterer.story_context) for k in range(len(queries))]
    assert len(many) == len(queries) >= 2
    assert many == alone
