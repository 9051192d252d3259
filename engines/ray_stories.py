"""Stories on Ray: the clusterer's three parts run as Ray tasks, with the local partition.

The StoryClusterer decomposes (``clustering.candidates``, ``clustering.pair_features`` +
``clustering.scorer``, ``clustering.grouping``); here each part runs where it can:

1. ``prepare`` on the driver (tokens and corpus-wide weights; cheap next to embedding);
2. ``candidate_pairs`` per time shard, as one task each: a shard's rows plus every
   article within ``window_days`` on either side (and every undated one) give exactly
   its rows' candidates;
3. the same-story model's first stage per shard, one task each: a pair's features use
   statistics over all pairs of both its articles (``clustering.neighbourhood``), built once
   on the driver and handed to each shard for its rows (exact); its second stage (story
   context: sparse products over every pair's first stage) on the driver;
4. connected components of the pairs with ``P >= threshold`` (driver, linear);
5. ``group_component`` per component, components batched into tasks, in parallel;
6. ``grouping.renumber`` (by each story's smallest article index: deterministic), member
   scores, and the clusterer's own stories.

A clusterer without these parts is fitted on the driver instead (same partition).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from articles.model import Article
from clustering.model import Story

DECOMPOSITION = ("prepare", "candidate_pairs", "direct_scores", "scores_in_context", "group_component", "_finish")
# Time shards: this many days of articles each (plus the window's padding).
SHARD_DAYS = 7.0
# Components grouped per task (small components are many: batch them).
COMPONENT_ROWS_PER_TASK = 5_000


def decomposes(clusterer) -> bool:
    """True when ``clusterer`` offers every part the distributed run calls."""
    return all(callable(getattr(clusterer, name, None)) for name in DECOMPOSITION) and hasattr(
        clusterer, "threshold") and hasattr(clusterer, "window_days")


def stories_on_ray(ray, clusterer, articles: Sequence[Article], vectors: np.ndarray | None,
                   titles: np.ndarray | None = None, stats: dict | None = None,
                   shard_days: float = SHARD_DAYS) -> list[Story]:
    """Stories of ``articles``: distributed when the clusterer decomposes, else on the driver."""
    stats = stats if stats is not None else {}
    if not decomposes(clusterer) or not len(articles):
        stats["stories_mode"] = "driver"
        clusterer.fit(list(articles), vectors, titles)
        return list(clusterer.stories_)
    stats["stories_mode"] = "distributed"
    distributed_fit(ray, clusterer, articles, vectors, titles, stats, shard_days)
    return list(clusterer.stories_)


def time_shards(days: np.ndarray, shard_days: float, window_days: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(rows, padded_rows)`` per shard of ``shard_days`` (sorted global indices).

    padded_rows: the shard's rows, every dated article within ``window_days`` before or
    after the shard, and every undated one; undated rows (NaN) form one last shard padded
    with everything (the candidate search compares them with every article, or past
    ``clustering.candidates.UNDATED_EXHAUSTIVE_MAX`` with those filed under their cell).
    """
    days = np.asarray(days, dtype=np.float64)
    known = ~np.isnan(days)
    unknown = np.flatnonzero(~known)
    out = []
    if known.any():
        start = days[known].min()
        shard_of = np.full(len(days), -1, dtype=np.int64)
        shard_of[known] = np.floor((days[known] - start) / shard_days).astype(np.int64)
        for shard in np.unique(shard_of[known]):
            rows = np.flatnonzero(shard_of == shard)
            low = start + shard * shard_days - window_days
            high = start + (shard + 1) * shard_days + window_days
            near = known & (days >= low) & (days <= high)
            out.append((rows, np.union1d(np.flatnonzero(near), unknown)))
    if len(unknown):
        out.append((unknown, np.arange(len(days))))
    return out


def _candidates(clusterer, sub, padded: np.ndarray, rows: np.ndarray):
    """Global candidate pairs of ``rows`` and their cosines, found inside the padded shard."""
    pairs, known = clusterer.candidate_pairs(sub, rows=np.searchsorted(padded, rows), with_scores=True)
    return padded[pairs].reshape(-1, 2), known


def _score(clusterer, sub, pairs: np.ndarray, context, known: dict) -> np.ndarray:
    return np.asarray(clusterer.direct_scores(sub, pairs, context, known), dtype=np.float64)


def _group(clusterer, parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]]) -> list[np.ndarray]:
    return [np.asarray(clusterer.group_component(rows, pairs, proba, copies)) for rows, pairs, proba, copies in parts]


def _merge_pairs(found: list[tuple[np.ndarray, dict]], n: int) -> tuple[np.ndarray, dict]:
    """The union of the shards' pairs, sorted, each once (a pair two shards found carries
    the same cosines from both)."""
    pairs = np.concatenate([p for p, _ in found]) if found else np.zeros((0, 2), np.int64)
    keys, first = np.unique(pairs[:, 0] * n + pairs[:, 1], return_index=True)
    merged = np.stack([keys // n, keys % n], axis=1).astype(np.int64)
    names = found[0][1].keys() if found else ("text", "dense")
    known = {k: np.concatenate([s[k] for _, s in found])[first] if found else np.zeros(0) for k in names}
    return merged, known


def distributed_fit(ray, clusterer, articles: Sequence[Article], vectors: np.ndarray | None,
                    titles: np.ndarray | None, stats: dict, shard_days: float = SHARD_DAYS):
    """Fit ``clusterer`` part by part on Ray; leaves the state ``fit`` leaves
    (``corpus_``, ``pairs_``, ``proba_``, ``labels_``, ``scores_``, ``stories_``)."""
    from clustering import candidates as candidate_search
    from clustering import grouping
    from clustering.clusterer import canonical_order
    from clustering.neighbourhood import neighbourhood

    # The local engine's order (publication time, id), so ties break the same way.
    order = canonical_order(articles)
    articles = [articles[i] for i in order]
    vectors = None if vectors is None else np.asarray(vectors)[order]
    titles = None if titles is None else np.asarray(titles)[order]
    n = len(articles)
    remote = ray.remote(num_cpus=1)
    cand_task, score_task, group_task = remote(_candidates), remote(_score), remote(_group)
    c_ref = ray.put(clusterer)

    corpus = clusterer.prepare(articles, vectors, titles)
    shards = time_shards(corpus.days, shard_days, float(clusterer.window_days))
    stats["shards"] = len(shards)

    # Candidate pairs, one task per padded time shard.
    refs = [cand_task.remote(c_ref, corpus.subset(padded), padded, rows) for rows, padded in shards]
    pairs, known = _merge_pairs(ray.get(refs), n)
    pairs, known = candidate_search.with_copy_pairs(corpus, pairs, known)  # as a whole-corpus search adds them
    stats["candidate_pairs"] = int(len(pairs))
    context = neighbourhood(corpus, pairs, known)

    direct = _score_by_shard(ray, score_task, c_ref, corpus, shards, pairs, context, known, stats)
    proba = clusterer.scores_in_context(n, pairs, direct)
    labels = _group_components(ray, group_task, c_ref, clusterer.threshold, n, pairs, proba, stats, corpus.copies)

    # The state fit() leaves, and the clusterer's own stories.
    clusterer.articles_, clusterer.embeddings_, clusterer.title_embeddings_ = articles, vectors, titles
    clusterer.corpus_, clusterer.pairs_, clusterer.context_, clusterer.proba_ = corpus, pairs, context, proba
    return clusterer._finish(grouping.renumber(labels), order)


def _score_by_shard(ray, score_task, c_ref, corpus, shards, pairs: np.ndarray, context,
                    known: dict, stats: dict) -> np.ndarray:
    """Every pair's first-stage log-odds, one task per shard: the pairs whose first article is
    in the shard, with their articles' neighbourhoods (whole: built over every pair). The
    second stage reads all of them, so the driver runs it."""
    owner = np.full(len(corpus), -1, dtype=np.int64)
    for s, (rows, _) in enumerate(shards):
        owner[rows] = s
    direct = np.zeros(len(pairs))
    jobs = []
    for s in range(len(shards)):
        own = np.flatnonzero(owner[pairs[:, 0]] == s)
        if not len(own):
            continue
        sub_rows = np.unique(pairs[own])
        local = np.searchsorted(sub_rows, pairs[own])
        ref = score_task.remote(c_ref, corpus.subset(sub_rows), local, context.subset(sub_rows),
                                {k: v[own] for k, v in known.items()})
        jobs.append((ref, own))
    stats["scored_pairs"] = int(len(pairs))
    for ref, own in jobs:
        direct[own] = ray.get(ref)
    return direct


def _group_components(ray, group_task, c_ref, threshold: float, n: int, pairs: np.ndarray,
                      proba: np.ndarray, stats: dict, copies: np.ndarray | None = None) -> np.ndarray:
    """Labels (each story's smallest article index) from grouping every connected
    component of the pairs with ``P >= threshold`` on its own, components batched into tasks
    (``copies``: every article's copy group, ``CorpusFeatures.copies``)."""
    from clustering import grouping

    labels = np.arange(n, dtype=np.int64)
    tasks, batch, size = [], [], 0
    for rows, component_pairs, component_proba in grouping.split_components(n, pairs, proba, threshold):
        batch.append((rows, component_pairs, component_proba, None if copies is None else copies[rows]))
        size += len(rows)
        if size >= COMPONENT_ROWS_PER_TASK:
            tasks.append((group_task.remote(c_ref, batch), [b[0] for b in batch]))
            batch, size = [], 0
    if batch:
        tasks.append((group_task.remote(c_ref, batch), [b[0] for b in batch]))
    stats["component_tasks"] = len(tasks)
    for ref, owners in tasks:
        for rows, local in zip(owners, ray.get(ref), strict=True):
            labels[rows] = rows[local]
    return labels
