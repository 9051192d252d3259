"""A small clusterer with the stories stage's decomposition (CLUSTER_API contract), so the
Ray engine's distributed stories run can be checked against ``fit_predict`` before the
real StoryClusterer offers it. Imported by Ray workers (``tests.ray_toy``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from clustering import build_story, story_id_for


@dataclass
class ToyCorpus:
    vectors: np.ndarray
    days: np.ndarray
    idf_total: int  # stands for corpus-wide statistics: must survive subset()
    articles: list

    def subset(self, rows) -> ToyCorpus:
        rows = np.asarray(rows)
        return ToyCorpus(self.vectors[rows], self.days[rows], self.idf_total, [self.articles[i] for i in rows])


class ToyClusterer:
    window_days = 3.0
    edge_floor = 0.55
    k = 3
    threshold = 0.8

    def document_counts(self, articles) -> Counter:
        return Counter(a.outlet for a in articles)

    def prepare(self, articles, vectors, document_counts=None) -> ToyCorpus:
        counts = document_counts if document_counts is not None else self.document_counts(articles)
        days = np.array([a.published.timestamp() / 86400 for a in articles])
        return ToyCorpus(np.asarray(vectors, dtype=np.float64), days, sum(counts.values()), list(articles))

    def candidate_pairs(self, corpus: ToyCorpus, rows=None) -> np.ndarray:
        rows = np.arange(len(corpus.days)) if rows is None else np.asarray(rows)
        pairs = set()
        for i in rows:
            near = np.flatnonzero(np.abs(corpus.days - corpus.days[i]) <= self.window_days)
            near = near[near != i]
            sims = corpus.vectors[near] @ corpus.vectors[i]
            # top k, ties broken by index (deterministic)
            best = near[np.lexsort((near, -sims))[: self.k]]
            pairs.update((min(i, j), max(i, j)) for j in best)
        return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)

    def score_pairs(self, corpus: ToyCorpus, pairs) -> np.ndarray:
        pairs = np.asarray(pairs).reshape(-1, 2)
        sims = np.einsum("ij,ij->i", corpus.vectors[pairs[:, 0]], corpus.vectors[pairs[:, 1]])
        assert corpus.idf_total > 0
        return (sims + 1) / 2

    def group_component(self, corpus: ToyCorpus, rows, pairs, proba) -> np.ndarray:
        rows = np.asarray(rows)
        strong = np.asarray(proba) >= self.threshold
        pairs = np.asarray(pairs).reshape(-1, 2)[strong]
        n = len(rows)
        graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
        return connected_components(graph, directed=False)[1]

    def group(self, corpus, pairs, proba) -> np.ndarray:
        n = len(corpus.days)
        keep = proba >= self.edge_floor
        edges = pairs[keep]
        graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
        component = connected_components(graph, directed=False)[1]
        labels = np.arange(n)
        for comp in np.unique(component):
            rows = np.flatnonzero(component == comp)
            inside = np.isin(edges, rows).all(axis=1)
            local = self.group_component(corpus.subset(rows), np.arange(len(rows)),
                                         np.searchsorted(rows, edges[inside]), proba[keep][inside])
            for value in np.unique(local):
                members = rows[local == value]
                labels[members] = members.min()
        _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
        rank = np.empty(len(first), dtype=np.int64)
        rank[np.argsort(first)] = np.arange(len(first))
        return rank[inverse]

    def fit_predict(self, articles, vectors) -> np.ndarray:
        corpus = self.prepare(articles, vectors)
        pairs = self.candidate_pairs(corpus)
        return self.group(corpus, pairs, self.score_pairs(corpus, pairs))

    def stories(self, corpus: ToyCorpus, labels) -> list:
        out = []
        for value in np.unique(labels):
            members = [corpus.articles[i] for i in np.flatnonzero(labels == value)]
            first = min(members, key=lambda a: (a.published, a.id))
            out.append(build_story(story_id_for(first.id), members, {a.id: 1.0 for a in members}, set()))
        return out
