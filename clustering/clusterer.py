"""StoryClusterer: articles (+ optional dense vectors) -> stories, batch or incremental."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from articles.model import Article
from clustering.features import FeatureBuilder, Features
from clustering.graph import (
    NeighborStats,
    Similarity,
    average_linkage,
    dense_baseline,
    neighbor_edges,
    symmetric_edges,
)
from clustering.model import Member, Story

# Defaults chosen by clustering/tune.py (see clustering/README.md for the figures).
DEFAULTS = {
    "threshold": 0.16,
    "lexical_weight": 0.5,
    "entity_weight": 0.3,
    "dense_weight": 0.2,
    "time_grace_days": 1.0,
    "time_scale_days": 4.0,
}


def story_id_for(earliest_article_id: str) -> str:
    """Stable story id: a hash of its earliest member's id."""
    return "st-" + hashlib.sha1(earliest_article_id.encode("utf-8")).hexdigest()[:12]


class StoryClusterer:
    """Groups articles into stories (one specific event each), scikit-learn style.

    Parameters are the similarity fusion weights, the merge ``threshold`` on the
    average fused similarity between two groups, the time handling and the
    neighbor-graph sizes. Learned state lives in trailing-underscore attributes:
    ``labels_``, ``stories_``, ``article_ids_``, ``features_``, ``similarity_``.

    ``fit_predict(articles, embeddings)`` clusters a batch; ``partial_fit(new_articles,
    new_embeddings)`` adds articles: they join existing stories (which are never
    split or merged) or form new ones among themselves.
    """

    def __init__(
        self,
        threshold: float = DEFAULTS["threshold"],
        lexical_weight: float = DEFAULTS["lexical_weight"],
        entity_weight: float = DEFAULTS["entity_weight"],
        dense_weight: float = DEFAULTS["dense_weight"],
        time_grace_days: float = DEFAULTS["time_grace_days"],
        time_scale_days: float = DEFAULTS["time_scale_days"],
        window_days: float = 10.0,
        n_neighbors: int = 30,
        min_edge_similarity: float = 0.04,
        chunk_size: int = 512,
        max_chars: int = 3000,
    ):
        self.threshold = threshold
        self.lexical_weight = lexical_weight
        self.entity_weight = entity_weight
        self.dense_weight = dense_weight
        self.time_grace_days = time_grace_days
        self.time_scale_days = time_scale_days
        self.window_days = window_days
        self.n_neighbors = n_neighbors
        self.min_edge_similarity = min_edge_similarity
        self.chunk_size = chunk_size
        self.max_chars = max_chars

    # ---- public API ------------------------------------------------------
    def fit(self, articles: Sequence[Article], embeddings: np.ndarray | None = None):
        articles = list(articles)
        self._check(articles, embeddings)
        self.articles_ = articles
        self.embeddings_ = None if embeddings is None else np.asarray(embeddings, np.float32)
        self._featurize()
        n = len(articles)
        if n == 0:
            self.labels_ = np.array([], dtype=np.int64)
            self.stories_ = []
            return self
        graph = self._graph(queries=None)
        labels = average_linkage(graph, self.threshold)
        self._finish(labels, story_ids={})
        return self

    def fit_predict(self, articles: Sequence[Article], embeddings: np.ndarray | None = None):
        return self.fit(articles, embeddings).labels_

    def partial_fit(self, new_articles: Sequence[Article], new_embeddings: np.ndarray | None = None):
        """Add articles: each joins an existing story or starts a new one.

        Existing stories keep their ids and members; only neighbors within
        ``window_days`` are looked at, so old stories stop attracting articles.
        """
        if not hasattr(self, "labels_"):
            return self.fit(new_articles, new_embeddings)
        new_articles = list(new_articles)
        self._check(new_articles, new_embeddings)
        known = {a.id for a in self.articles_}
        keep = [i for i, a in enumerate(new_articles) if a.id not in known]
        if not keep:
            return self
        new_articles = [new_articles[i] for i in keep]
        if (self.embeddings_ is None) != (new_embeddings is None):
            raise ValueError("partial_fit needs embeddings exactly when fit had them")
        n_old = len(self.articles_)
        old_labels = self.labels_
        old_ids = {label: story.id for label, story in zip(self._story_labels, self.stories_, strict=False)}
        self.articles_ = self.articles_ + new_articles
        if self.embeddings_ is not None:
            self.embeddings_ = np.vstack([self.embeddings_, np.asarray(new_embeddings)[keep]])
        self._featurize()
        n = len(self.articles_)
        graph = self._graph(queries=np.arange(n_old, n))
        initial = np.concatenate([old_labels, old_labels.max(initial=-1) + 1 + np.arange(n - n_old)])
        labels = average_linkage(graph, self.threshold, initial, frozen=np.unique(old_labels))
        # Carry story ids over: a cluster holding old articles keeps their story's id.
        story_ids = {}
        for label in np.unique(labels):
            old = old_labels[labels[:n_old] == label]
            if len(old):
                story_ids[int(label)] = old_ids[int(old[0])]
        pinned = {m.article_id for s in self.stories_ for m in s.members if m.pinned}
        self._finish(labels, story_ids, pinned)
        return self

    def init_from_stories(
        self,
        articles: Sequence[Article],
        embeddings: np.ndarray | None,
        stories: Sequence[Story],
    ):
        """Adopt stories made earlier (e.g. loaded from the store) as the learned state,
        so that :meth:`partial_fit` adds to them. Articles outside every story
        become singleton stories."""
        articles = list(articles)
        self._check(articles, embeddings)
        self.articles_ = articles
        self.embeddings_ = None if embeddings is None else np.asarray(embeddings, np.float32)
        self._featurize()
        index = {a.id: i for i, a in enumerate(articles)}
        labels = np.full(len(articles), -1, dtype=np.int64)
        story_ids: dict[int, str] = {}
        pinned: set[str] = set()
        for label, story in enumerate(stories):
            rows = [index[m.article_id] for m in story.members if m.article_id in index]
            if not rows:
                continue
            labels[rows] = label
            story_ids[label] = story.id
            pinned.update(m.article_id for m in story.members if m.pinned)
        unassigned = np.flatnonzero(labels < 0)
        labels[unassigned] = len(stories) + np.arange(len(unassigned))
        _, labels = np.unique(labels, return_inverse=True)
        remapped = {}
        for story in stories:
            rows = [index[m.article_id] for m in story.members if m.article_id in index]
            if rows:
                remapped[int(labels[rows[0]])] = story.id
        self._finish(labels, remapped, pinned)
        return self

    def similarity_of(self, a: Features, b: Features) -> np.ndarray:
        """Fused similarity of row i of ``a`` with row i of ``b``."""
        return self.similarity_.pairs(a, b)

    # ---- internals ---------------------------------------------------------
    @staticmethod
    def _check(articles: list[Article], embeddings: np.ndarray | None) -> None:
        if embeddings is not None and len(embeddings) != len(articles):
            raise ValueError(
                f"{len(articles)} articles but {len(embeddings)} embedding rows"
            )

    def _featurize(self) -> None:
        self.builder_ = FeatureBuilder(max_chars=self.max_chars).fit(self.articles_)
        self.features_ = self.builder_.transform(self.articles_, self.embeddings_)
        self.similarity_ = Similarity(
            lexical_weight=self.lexical_weight,
            entity_weight=self.entity_weight,
            dense_weight=self.dense_weight,
            dense_baseline=dense_baseline(self.features_.dense),
            time_grace_days=self.time_grace_days,
            time_scale_days=self.time_scale_days,
        )

    def _graph(self, queries: np.ndarray | None) -> sp.csr_matrix:
        self.neighbor_stats_ = NeighborStats()
        i, j, s = neighbor_edges(
            self.features_,
            self.similarity_,
            n_neighbors=self.n_neighbors,
            min_similarity=self.min_edge_similarity,
            window_days=self.window_days,
            chunk_size=self.chunk_size,
            queries=queries,
            stats=self.neighbor_stats_,
        )
        return symmetric_edges(i, j, s, len(self.features_))

    def membership_scores(self, labels: np.ndarray) -> np.ndarray:
        """Each article's fused similarity (0..1) to its story's centroid."""
        n = len(labels)
        n_labels = int(labels.max()) + 1 if n else 0
        assign = sp.csr_matrix(
            (np.ones(n, dtype=np.float32), (labels, np.arange(n))), shape=(n_labels, n)
        )
        f = self.features_
        w_lex, w_ent, w_dense = self.similarity_.weights(f.dense is not None)
        lex_centroids = normalize(assign @ f.lexical)
        ent_centroids = normalize(assign @ f.entities)
        score = w_lex * np.asarray(f.lexical.multiply(lex_centroids[labels]).sum(axis=1)).ravel()
        score += w_ent * np.asarray(f.entities.multiply(ent_centroids[labels]).sum(axis=1)).ravel()
        if f.dense is not None and w_dense:
            dense_centroids = normalize(np.asarray(assign @ f.dense))
            cos = np.einsum("ij,ij->i", f.dense, dense_centroids[labels])
            base = self.similarity_.dense_baseline
            score += w_dense * (cos - base) / (1.0 - base)
        sizes = np.bincount(labels, minlength=n_labels)
        score = np.where(sizes[labels] == 1, 1.0, score)
        return np.clip(score, 0.0, 1.0)

    def _finish(
        self, labels: np.ndarray, story_ids: dict[int, str], pinned: set[str] | None = None
    ) -> None:
        pinned = pinned or set()
        self.labels_ = labels
        scores = self.membership_scores(labels)
        by_label: dict[int, list[int]] = {}
        for row, label in enumerate(labels.tolist()):
            by_label.setdefault(label, []).append(row)
        stories = []
        story_labels = []
        for label, rows in by_label.items():
            members = [self.articles_[r] for r in rows]
            earliest = min(members, key=lambda a: (a.published, a.id))
            story = build_story(
                story_ids.get(label) or story_id_for(earliest.id),
                members,
                {self.articles_[r].id: float(scores[r]) for r in rows},
                pinned,
            )
            stories.append(story)
            story_labels.append(label)
        order = sorted(range(len(stories)), key=lambda k: stories[k].first_published)
        self.stories_ = [stories[k] for k in order]
        self._story_labels = [story_labels[k] for k in order]
        self.article_ids_ = [a.id for a in self.articles_]


def build_story(
    story_id: str,
    members: Sequence[Article],
    scores: dict[str, float],
    pinned: set[str] | frozenset[str] = frozenset(),
) -> Story:
    """A :class:`Story` from its member articles: label, time span, outlets."""
    ranked = sorted(members, key=lambda a: (-scores.get(a.id, 0.0), a.published, a.id))
    scripts = Counter(a.script for a in members)
    majority_script = scripts.most_common(1)[0][0]
    headline = next(a for a in ranked if a.script == majority_script)
    by_time = sorted(members, key=lambda a: (a.published, a.id))
    outlets = list(dict.fromkeys(a.outlet for a in by_time))
    return Story(
        id=story_id,
        label=headline.title,
        first_published=by_time[0].published,
        last_published=by_time[-1].published,
        outlets=outlets,
        members=[
            Member(a.id, round(float(scores.get(a.id, 0.0)), 4), a.id in pinned) for a in ranked
        ],
    )
