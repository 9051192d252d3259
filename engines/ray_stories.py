"""Stories on Ray: the clusterer's decomposition run as Ray tasks, exactly.

The stories stage splits into (clustering/CLUSTER_API contract):
``prepare`` (corpus-wide document counts, summed shard by shard) ->
``candidate_pairs`` per time shard (each shard padded by ``window_days`` on both
sides, so its rows' candidates are exact) -> ``score_pairs`` per batch of pairs ->
connected components of the edges with ``proba >= edge_floor`` ->
``group_component`` per component, in parallel -> labels renumbered by each
group's smallest article index (deterministic, as ``group`` numbers them).

A clusterer without that decomposition (the StoryClusterer before it lands) is
fitted on the driver instead: the same partition, without the parallelism.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from articles.model import Article
from clustering.model import Story

DECOMPOSITION = ("prepare", "candidate_pairs", "score_pairs", "group_component", "stories")
# Time shards: this many days of articles each (plus the window's padding).
SHARD_DAYS = 7
# Pairs scored per task.
PAIR_BATCH = 200_000
# Components grouped per task (small components are many: batch them).
COMPONENT_ROWS_PER_TASK = 5_000


def decomposes(clusterer) -> bool:
    """True when ``clusterer`` offers every method of the decomposition."""
    return all(callable(getattr(clusterer, name, None)) for name in DECOMPOSITION) and hasattr(
        clusterer, "edge_floor")


def stories_on_ray(ray, clusterer, articles: Sequence[Article], vectors: np.ndarray | None,
                   stats: dict | None = None) -> list[Story]:
    """Stories of ``articles``: distributed when the clusterer decomposes, else on the driver."""
    stats = stats if stats is not None else {}
    if not decomposes(clusterer):
        stats["stories_mode"] = "driver (clusterer has no decomposition yet)"
        clusterer.fit(list(articles), vectors)
        return list(clusterer.stories_)
    stats["stories_mode"] = "distributed"
    corpus, labels = distributed_labels(ray, clusterer, articles, vectors, stats)
    return list(clusterer.stories(corpus, labels))


def time_shards(articles: Sequence[Article], shard_days: int, window_days: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(rows, padded_rows)`` per shard of ``shard_days``: padded_rows add every article
    within ``window_days`` before or after the shard (sorted global indices)."""
    if not articles:
        return []
    times = np.array([a.published.timestamp() for a in articles])
    order = np.argsort(times, kind="stable")
    start = times[order[0]]
    width = shard_days * 86400.0
    pad = timedelta(days=window_days).total_seconds()
    shard_of = np.floor((times - start) / width).astype(np.int64)
    out = []
    for shard in np.unique(shard_of):
        rows = np.flatnonzero(shard_of == shard)
        low, high = start + shard * width - pad, start + (shard + 1) * width + pad
        padded = np.flatnonzero((times >= low) & (times < high))
        out.append((rows, padded))
    return out


def _document_counts(clusterer, articles: list[Article]):
    """One shard's document counts (``CorpusFeatures.document_counts``; summable)."""
    count = getattr(clusterer, "document_counts", None)
    if count is None:
        import clustering

        count = clustering.CorpusFeatures.document_counts
    return count(articles)


def _candidates(clusterer, sub, padded: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Global candidate pairs of ``rows`` found inside the padded shard ``sub``."""
    local = np.searchsorted(padded, rows)
    pairs = np.asarray(clusterer.candidate_pairs(sub, rows=local), dtype=np.int64).reshape(-1, 2)
    return padded[pairs]


def _score(clusterer, sub, rows: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    local = np.searchsorted(rows, pairs)
    return np.asarray(clusterer.score_pairs(sub, local), dtype=np.float64)


def _group(clusterer, parts: list[tuple]) -> list[np.ndarray]:
    """Local labels of each ``(sub corpus, pairs, proba)`` component (rows 0..n-1)."""
    out = []
    for sub, pairs, proba, n in parts:
        out.append(np.asarray(clusterer.group_component(sub, np.arange(n), pairs, proba)))
    return out


def _unique_pairs(parts: list[np.ndarray]) -> np.ndarray:
    pairs = np.concatenate([p for p in parts if len(p)] or [np.zeros((0, 2), np.int64)])
    pairs = np.sort(pairs, axis=1)  # i < j
    return np.unique(pairs, axis=0) if len(pairs) else pairs


def distributed_labels(ray, clusterer, articles: Sequence[Article], vectors: np.ndarray | None,
                       stats: dict) -> tuple[object, np.ndarray]:
    """The decomposition, stage by stage, as Ray tasks; returns (corpus, labels)."""
    articles = list(articles)
    n = len(articles)
    shards = time_shards(articles, SHARD_DAYS, float(clusterer.window_days))
    remote = ray.remote(num_cpus=1)
    counts_task, cand_task = remote(_document_counts), remote(_candidates)
    score_task, group_task = remote(_score), remote(_group)
    c_ref = ray.put(clusterer)

    # 1. document frequencies: counted per shard, summed (the exact corpus IDF).
    counts = ray.get([counts_task.remote(c_ref, [articles[i] for i in rows]) for rows, _ in shards])
    total = counts[0]
    for part in counts[1:]:
        total = total + part
    corpus = clusterer.prepare(articles, vectors, document_counts=total)

    # 2. candidate pairs per padded time shard.
    refs = [cand_task.remote(c_ref, corpus.subset(padded), padded, rows) for rows, padded in shards]
    pairs = _unique_pairs(ray.get(refs))
    stats["candidate_pairs"] = int(len(pairs))

    # 3. pair scores per batch.
    refs = []
    for start in range(0, len(pairs), PAIR_BATCH):
        batch = pairs[start:start + PAIR_BATCH]
        rows = np.unique(batch)
        refs.append(score_task.remote(c_ref, corpus.subset(rows), rows, batch))
    proba = np.concatenate(ray.get(refs)) if refs else np.zeros(0)

    # 4. components of the candidate graph (edges at or above the floor).
    keep = proba >= clusterer.edge_floor
    edges, kept = pairs[keep], proba[keep]
    graph = sp.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n)) if n else None
    _, component = connected_components(graph, directed=False) if n else (0, np.zeros(0, np.int64))

    # 5. grouping per component, components batched into tasks, in parallel.
    labels = np.arange(n, dtype=np.int64)  # singletons: their own group
    edge_component = component[edges[:, 0]] if len(edges) else np.zeros(0, np.int64)
    order = np.argsort(edge_component, kind="stable")
    bounds = np.searchsorted(edge_component[order], np.arange(component.max() + 2)) if n else []
    tasks, batch, batch_rows, owners = [], [], 0, []
    for comp in range(len(bounds) - 1):
        picked = order[bounds[comp]:bounds[comp + 1]]
        if not len(picked):
            continue
        rows = np.flatnonzero(component == comp)
        local = np.searchsorted(rows, edges[picked])
        batch.append((corpus.subset(rows), local, kept[picked], len(rows)))
        owners.append(rows)
        batch_rows += len(rows)
        if batch_rows >= COMPONENT_ROWS_PER_TASK:
            tasks.append((group_task.remote(c_ref, batch), owners))
            batch, batch_rows, owners = [], 0, []
    if batch:
        tasks.append((group_task.remote(c_ref, batch), owners))
    stats["component_tasks"] = len(tasks)
    for ref, owner_rows in tasks:
        for rows, local_labels in zip(owner_rows, ray.get(ref), strict=True):
            for value in np.unique(local_labels):
                members = rows[local_labels == value]
                labels[members] = members.min()

    # 6. deterministic numbering: by each group's smallest article index.
    return corpus, relabel_by_smallest(labels)


def relabel_by_smallest(labels: np.ndarray) -> np.ndarray:
    """Labels 0..k-1 numbered in the order of each group's smallest index."""
    labels = np.asarray(labels)
    if not len(labels):
        return labels.astype(np.int64)
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse]
