"""StoryClusterer on the demo corpus (seeds/) and on synthetic data.

The demo corpus is read with the real reader. Dense vectors: the default
backend's precomputed vectors when the repo ships them (seeds/embeddings-*.npz,
made by ``python -m embeddings.precompute``), else lexical + entity features only
(embedding 2,186 articles in a test would take minutes on 2 cores).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from articles.model import Article
from clustering import StoryClusterer
from clustering.features import Features
from clustering.graph import (
    NeighborStats,
    Similarity,
    attach_singletons,
    average_linkage,
    neighbor_edges,
    symmetric_edges,
)
from clustering.nbw_eval import DEMO_INPUTS, labeled_articles, load_labels, read_articles

ROOT = Path(__file__).resolve().parent.parent


def _precomputed_vectors(articles: list[Article]) -> np.ndarray | None:
    files = sorted((ROOT / "seeds").glob("embeddings-*.npz"))
    if not files:
        return None
    from embeddings import article_text, embedding_key

    data = np.load(files[0], allow_pickle=False)
    index = {str(k): i for i, k in enumerate(data["keys"])}
    rows = [index.get(embedding_key(article_text(a))) for a in articles]
    if any(r is None for r in rows):
        return None
    return data["vectors"][rows].astype(np.float32)


@pytest.fixture(scope="module")
def demo():
    articles = read_articles(DEMO_INPUTS)
    vectors = _precomputed_vectors(articles)
    clusterer = StoryClusterer().fit(articles, vectors)
    gold = labeled_articles(articles, load_labels())
    return articles, vectors, clusterer, gold


def _story_of(clusterer: StoryClusterer) -> dict[str, str]:
    return {m.article_id: s.id for s in clusterer.stories_ for m in s.members}


def _group(gold: dict[str, str], name: str) -> list[str]:
    return [i for i, g in gold.items() if g.startswith(name)]


@pytest.mark.slow
def test_seed_roundup_joins_the_tajikistan_story_only(demo):
    articles, _, clusterer, gold = demo
    story_of = _story_of(clusterer)
    by_path = {Path(p).name: a.id for a in articles for p in a.source_paths}
    roundup = by_path["000_299cce44e7b57b22.txt"]
    voa = by_path["001_bd7e773d7b869fe3.txt"]
    tajik = _group(gold, "tajikistan")
    assert {roundup, voa} <= set(tajik) and len(tajik) == 3
    assert {story_of[i] for i in tajik} == {story_of[voa]}, "roundup, VOA and RFI of 5 July together"
    for other in ("qala-i-naw", "bagram", "biden"):
        for article_id in _group(gold, other):
            assert story_of[article_id] != story_of[roundup], other
    story = next(s for s in clusterer.stories_ if s.id == story_of[voa])
    assert story.label and {"美国之音", "法广"} <= set(story.outlets)


@pytest.mark.slow
def test_traditional_and_simplified_reports_land_together(demo):
    articles, _, clusterer, gold = demo
    story_of = _story_of(clusterer)
    script = {a.id: a.script for a in articles}
    for name in ("biden", "bangladesh", "philippines", "didi"):
        members = _group(gold, name)
        hant = [i for i in members if script[i] == "Hant"]
        hans = [i for i in members if script[i] == "Hans"]
        assert hant and hans, name
        # Each CNA (Traditional) report shares its story with a Simplified one.
        for article_id in hant:
            assert any(story_of[article_id] == story_of[j] for j in hans), name


@pytest.mark.slow
def test_labeled_groups_are_not_merged(demo):
    _, _, clusterer, gold = demo
    story_of = _story_of(clusterer)
    groups_per_story: dict[str, set[str]] = {}
    for article_id, group in gold.items():
        groups_per_story.setdefault(story_of[article_id], set()).add(group)
    merged = {sid: g for sid, g in groups_per_story.items() if len(g) > 1}
    assert not merged


@pytest.mark.slow
def test_partial_fit_adds_new_days_to_existing_stories(demo):
    articles, vectors, batch, gold = demo
    cut = datetime(2021, 7, 7, 12, tzinfo=UTC)
    old = [i for i, a in enumerate(articles) if a.published < cut]
    new = [i for i, a in enumerate(articles) if a.published >= cut]
    incremental = StoryClusterer().fit(
        [articles[i] for i in old], None if vectors is None else vectors[old]
    )
    before = _story_of(incremental)
    incremental.partial_fit([articles[i] for i in new], None if vectors is None else vectors[new])
    after = _story_of(incremental)
    # Existing stories keep their ids and members.
    assert all(after[i] == sid for i, sid in before.items())
    assert len(after) == len(articles)
    ids = [a.id for a in articles]
    by_path = {Path(p).name: a.id for a in articles for p in a.source_paths}
    # The 8 July roundup joins the 5 July Tajikistan story, as in batch mode.
    roundup_joined = after[by_path["000_299cce44e7b57b22.txt"]] == after[by_path["001_bd7e773d7b869fe3.txt"]]
    assert roundup_joined
    # New-only events form their own stories, like in batch mode.
    for name in ("biden", "bangladesh"):
        members = _group(gold, name)
        assert len({after[i] for i in members}) == len({_story_of(batch)[i] for i in members}), name
    assert set(ids) == set(after)


def _synthetic_features(n: int, n_events: int, dim: int, seed: int = 0) -> tuple[Features, np.ndarray]:
    """``n`` dense vectors around ``n_events`` event centers, dated over 120 days."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(n_events, dim)).astype(np.float32)
    event = rng.integers(0, n_events, n)
    vectors = centers[event] + 0.35 * rng.normal(size=(n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    event_day = rng.uniform(0, 120, n_events)
    days = 18000 + event_day[event] + rng.uniform(0, 2, n)
    empty = sp.csr_matrix((n, 1), dtype=np.float32)
    return Features(empty, empty, vectors, days), event


def test_neighbor_graph_in_threads_equals_one_block_after_another():
    features, _ = _synthetic_features(3_000, n_events=300, dim=16, seed=3)
    lexical = _rows_with_terms([5 + (r % 40) for r in range(3_000)], vocabulary=400, seed=4)
    features = Features(lexical, lexical.copy(), features.dense, features.days)
    similarity = Similarity(0.6, 0.4, 0.6, 0.2, time_grace_days=1.0, time_scale_days=4.0,
                            short_text_terms=20, short_text_dense_boost=4.0)
    edges = [
        neighbor_edges(features, similarity, n_neighbors=10, min_similarity=0.05,
                       window_days=7.0, chunk_size=128, workers=workers)
        for workers in (1, 2, 4)
    ]
    assert len(edges[0][0]) > 3_000
    for other in edges[1:]:
        for a, b in zip(edges[0], other, strict=True):
            assert np.array_equal(a, b)


def test_neighbor_graph_never_builds_an_n_by_n_block():
    n = 20_000
    features, event = _synthetic_features(n, n_events=2_000, dim=32)
    similarity = Similarity(0.0, 0.0, 1.0, 0.0, time_grace_days=1.0, time_scale_days=4.0)
    stats = NeighborStats()
    i, j, s = neighbor_edges(features, similarity, n_neighbors=10, min_similarity=0.3,
                             window_days=7.0, chunk_size=256, stats=stats)
    assert stats.blocks >= n // 256
    assert stats.max_block_elements <= 256 * n  # one block of rows at a time
    assert stats.max_block_elements < n * n // 50  # and the time window shrinks it further
    labels = average_linkage(symmetric_edges(i, j, s, n), threshold=0.5)
    # The planted events are recovered (labels agree with events almost everywhere).
    from clustering.datasets import bcubed

    _, _, f1 = bcubed(labels.tolist(), event.tolist())
    assert f1 > 0.95


def test_average_linkage_keeps_frozen_groups_apart():
    # Two frozen groups strongly linked: they must not merge; a free node joins the closer one.
    rows = [0, 1, 2, 0, 3]
    cols = [1, 2, 3, 3, 4]
    sims = [0.9, 0.9, 0.9, 0.9, 0.8]
    graph = symmetric_edges(np.array(rows), np.array(cols), np.array(sims, dtype=np.float32), 5)
    labels = average_linkage(graph, 0.3, initial_labels=np.array([0, 0, 1, 1, 2]), frozen=[0, 1])
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
    assert labels[4] == labels[3]


def _article(i: int, title: str, body: str, day: int) -> Article:
    return Article(
        id=f"a{i}", outlet=f"outlet{i % 3}", title=title, url=None,
        published=datetime(2021, 7, 1, tzinfo=UTC) + timedelta(days=day),
        language="en", script=None, paragraphs=[body],
    )


def test_story_fields_and_stable_ids():
    articles = [
        _article(0, "Quake hits Lima", "A 7.1 earthquake struck Lima, Peru, killing 12.", 0),
        _article(1, "Lima earthquake kills 12", "The Peru earthquake near Lima killed 12 people.", 0),
        _article(2, "Peru quake toll rises", "Rescuers in Lima, Peru search after the 7.1 quake.", 1),
        _article(3, "Tokyo Olympics delayed", "Organisers in Tokyo postponed the Olympic Games.", 0),
        _article(4, "Olympics in Tokyo postponed", "The Tokyo Olympic Games were postponed by IOC.", 1),
    ]
    first = StoryClusterer().fit(articles)
    again = StoryClusterer().fit(list(reversed(articles)))
    assert sorted(s.id for s in first.stories_) == sorted(s.id for s in again.stories_)
    story_of = _story_of(first)
    assert story_of["a0"] == story_of["a1"] == story_of["a2"] != story_of["a3"] == story_of["a4"]
    quake = next(s for s in first.stories_ if s.id == story_of["a0"])
    assert quake.first_published < quake.last_published
    assert quake.outlets == ["outlet0", "outlet1", "outlet2"]
    assert quake.label in {a.title for a in articles[:3]}
    assert all(0 <= m.score <= 1 for m in quake.members)


def _rows_with_terms(term_counts: list[int], vocabulary: int = 1000, seed: int = 1) -> sp.csr_matrix:
    """L2-normalized rows with the given numbers of distinct terms (random columns)."""
    rng = np.random.default_rng(seed)
    rows = [rng.choice(vocabulary, size=k, replace=False) for k in term_counts]
    data = np.concatenate([np.full(k, 1 / np.sqrt(k), np.float32) for k in term_counts])
    indptr = np.concatenate([[0], np.cumsum(term_counts)])
    return sp.csr_matrix((data, np.concatenate(rows), indptr), shape=(len(term_counts), vocabulary))


def test_short_texts_lean_on_the_dense_score():
    # Rows 0-1: two short texts (20 terms); rows 2-3: two long ones (400 terms);
    # within each pair the dense vectors agree closely and the words barely.
    lexical = _rows_with_terms([20, 20, 400, 400])
    dense = np.array([[1, 0], [0.99, 0.141], [1, 0], [0.99, 0.141]], np.float32)
    features = Features(lexical, lexical.copy(), dense, np.full(4, np.nan))
    common = dict(lexical_weight=0.6, entity_weight=0.4, dense_weight=0.6, dense_baseline=0.5,
                  time_grace_days=1.0, time_scale_days=4.0)
    plain = Similarity(**common).block(features, features)
    boosted_similarity = Similarity(**common, short_text_terms=100, short_text_dense_boost=4.0)
    boosted = boosted_similarity.block(features, features)
    assert boosted[0, 1] > plain[0, 1] + 0.1  # short pair: the dense agreement counts more
    assert boosted[2, 3] == pytest.approx(plain[2, 3], abs=1e-6)  # long pair untouched
    # Row-wise pairs use the same rule as the blocks.
    pairs = boosted_similarity.pairs(features.take(np.array([0, 2])), features.take(np.array([1, 3])))
    assert pairs == pytest.approx([boosted[0, 1], boosted[2, 3]], abs=1e-5)


def test_attach_singletons_joins_the_story_a_lone_article_points_at():
    # Story {0, 1, 2}; article 3 resembles the story a little (mean 0.12), article 4 not at all,
    # article 5 resembles only article 4 (two singletons never pair up through this step).
    i = np.array([0, 0, 1, 3, 3, 3, 5])
    j = np.array([1, 2, 2, 0, 1, 2, 4])
    s = np.array([0.5, 0.5, 0.5, 0.2, 0.1, 0.06, 0.3], np.float32)
    graph = symmetric_edges(i, j, s, 6)
    labels = np.array([0, 0, 0, 1, 2, 3])
    attached = attach_singletons(graph, labels, min_similarity=0.1)
    assert attached[3] == attached[0]
    assert len({attached[0], attached[4], attached[5]}) == 3
    # Above the bar nothing moves; only "movable" rows may move.
    assert len(set(attach_singletons(graph, labels, min_similarity=0.13).tolist())) == 4
    kept = attach_singletons(graph, labels, min_similarity=0.1, movable=np.array([4, 5]))
    assert kept[3] != kept[0]
