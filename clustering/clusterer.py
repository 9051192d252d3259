"""StoryClusterer: articles (+ optional dense vectors) -> stories, batch or incremental."""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import multiprocessing
import os
from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from articles.model import Article
from clustering.features import (
    ArticleDocuments,
    CorpusTerms,
    Features,
    TermWeights,
    _l2_normalized_rows,
    publication_days,
    section_count,
    split_segments,
    unique_with_inverse,
)
from clustering.graph import (
    NeighborStats,
    Similarity,
    attach_singletons,
    average_linkage,
    dense_baseline,
    neighbor_edges,
    symmetric_edges,
)
from clustering.memory import keep_freed_memory, start_forked_pool, stop_forked_pool
from clustering.model import Member, Story

# Defaults chosen by clustering/tune.py (see clustering/README.md for the figures).
DEFAULTS = {
    # Measured with python -m clustering.tune (ECB+ BCubed F1 / NBW pair F1), see
    # clustering/README.md: dense e5 + lexical + entities with the topic-local dense
    # baseline (shift 0.65) and singleton attachment (0.7): 0.943 / 0.899;
    # lexical + entities only (no dense model), threshold 0.10: 0.935 / 0.685.
    "threshold": 0.16,
    "lexical_only_threshold": 0.10,
    "topic_threshold": 0.06,
    "lexical_weight": 0.6,
    "entity_weight": 0.4,
    "dense_weight": 0.6,
    "local_dense_shift": 0.65,
    "singleton_attach": 0.7,
    # Pairs whose shorter text has < 100 distinct terms weigh the dense score up to
    # 5x (graph.Similarity): ECB+ F1 0.943 -> 0.952, NBW unchanged (long articles).
    "short_text_terms": 100,
    "short_text_dense_boost": 4.0,
    "time_grace_days": 1.0,
    "time_scale_days": 4.0,
}
# Bumped whenever the same parameters would group articles differently, so stores
# holding stories of an older clusterer can tell (clustering.pipeline.stories_outdated).
ALGORITHM_VERSION = "3"  # 3: local dense baseline, singleton attachment, short-text boost
# Corpus-wide TF-IDF drops the n-grams more than this share of articles use
# ("表示", "the"): they carry no event identity and dominate sparse product cost.
CORPUS_MAX_DF = 0.3
# Fits of at least this many articles run inside clustering.memory.keep_freed_memory.
_KEEP_MEMORY_ROWS = 5000


def story_id_for(earliest_article_id: str) -> str:
    """Stable story id: a hash of its earliest member's id."""
    return "st-" + hashlib.sha1(earliest_article_id.encode("utf-8")).hexdigest()[:12]


class StoryClusterer:
    """Groups articles into stories (one specific event each), scikit-learn style.

    Two stages, both average linkage over a sparse neighbor graph of fused
    similarities: (1) articles group into broad topics (``topic_threshold``,
    corpus-wide IDF); (2) inside each topic the TF-IDF weights are refitted on
    the topic's own articles, so what all of them share ("Taliban",
    "Klitschko") weighs little and what tells two events apart (the place, the
    opponent, the date) weighs much; groups merge while their average fused
    similarity is >= ``threshold``. Parameters are the fusion weights, the
    thresholds, the time handling, the neighbor-graph sizes and ``n_jobs`` (workers: threads
    for the neighbor search, forked processes for term counting and stage 2 on large
    corpora; -1 = every core; results do not depend on it). Inside a topic the dense
    baseline also moves ``local_dense_shift`` of the way to the topic's own mean cosine
    (the dense counterpart of the local IDF), and an article left alone joins the story
    it resembles most on average when that is >= ``singleton_attach`` x ``threshold``. Learned state lives in trailing-underscore attributes:
    ``labels_``, ``stories_``, ``article_ids_``, ``features_``, ``similarity_``.

    ``fit_predict(articles, embeddings)`` clusters a batch; ``partial_fit(new_articles,
    new_embeddings)`` adds articles: they join existing stories (which are never
    split or merged) or form new ones among themselves.
    """

    def __init__(
        self,
        threshold: float = DEFAULTS["threshold"],
        topic_threshold: float = DEFAULTS["topic_threshold"],
        lexical_only_threshold: float = DEFAULTS["lexical_only_threshold"],
        lexical_weight: float = DEFAULTS["lexical_weight"],
        entity_weight: float = DEFAULTS["entity_weight"],
        dense_weight: float = DEFAULTS["dense_weight"],
        time_grace_days: float = DEFAULTS["time_grace_days"],
        time_scale_days: float = DEFAULTS["time_scale_days"],
        local_dense_shift: float = DEFAULTS["local_dense_shift"],
        singleton_attach: float = DEFAULTS["singleton_attach"],
        short_text_terms: int = DEFAULTS["short_text_terms"],
        short_text_dense_boost: float = DEFAULTS["short_text_dense_boost"],
        window_days: float = 10.0,
        n_neighbors: int = 30,
        min_edge_similarity: float = 0.04,
        chunk_size: int = 512,
        max_chars: int = 3000,
        roundup_min_segments: int = 3,
        roundup_min_chars: int = 1500,
        topic_terms: int | None = 150,
        n_jobs: int = -1,
    ):
        self.threshold = threshold
        self.topic_threshold = topic_threshold
        self.lexical_only_threshold = lexical_only_threshold
        self.lexical_weight = lexical_weight
        self.entity_weight = entity_weight
        self.dense_weight = dense_weight
        self.time_grace_days = time_grace_days
        self.time_scale_days = time_scale_days
        self.local_dense_shift = local_dense_shift
        self.singleton_attach = singleton_attach
        self.short_text_terms = short_text_terms
        self.short_text_dense_boost = short_text_dense_boost
        self.window_days = window_days
        self.n_neighbors = n_neighbors
        self.min_edge_similarity = min_edge_similarity
        self.chunk_size = chunk_size
        self.max_chars = max_chars
        self.roundup_min_segments = roundup_min_segments
        self.roundup_min_chars = roundup_min_chars
        self.topic_terms = topic_terms
        self.n_jobs = n_jobs

    # ---- public API ------------------------------------------------------
    def get_params(self) -> dict[str, object]:
        """The constructor parameters and their values (scikit-learn's convention)."""
        names = [p for p in inspect.signature(type(self).__init__).parameters if p != "self"]
        return {name: getattr(self, name) for name in names}

    def fit(self, articles: Sequence[Article], embeddings: np.ndarray | None = None):
        articles = list(articles)
        # Large fits keep freed memory for reuse (clustering/memory.py: page faults
        # were half of a 63k fit on this VM); the result does not depend on it.
        with keep_freed_memory(len(articles) >= _KEEP_MEMORY_ROWS):
            return self._fit(articles, embeddings)

    def _fit(self, articles: list[Article], embeddings: np.ndarray | None):
        self._check(articles, embeddings)
        self.articles_ = articles
        self.embeddings_ = None if embeddings is None else np.asarray(embeddings, np.float32)
        n = len(articles)
        if n == 0:
            self.labels_ = np.array([], dtype=np.int64)
            self.stories_ = []
            self._story_labels = []
            self.article_ids_ = []
            return self
        self._featurize()
        graph = self._graph(queries=None)
        topics = average_linkage(graph, self.topic_threshold)
        groups = _groups(topics)
        small = self._small_topics(groups)
        batched = set(small)
        larger = [index for index, rows in enumerate(groups) if len(rows) > 1 and index not in batched]
        # Stage 2 of the larger topics (each on its own) runs in worker processes when
        # there is enough of it, while this process does the small topics in one batch.
        pending = self._start_topic_workers(groups, larger)
        if pending is None and self.roundup_min_segments and larger:
            # Only roundups that share their topic are ever placed (a lone article's
            # topic is its story; small topics hold none): count just their sections.
            self._count_roundup_segments(np.concatenate([groups[index] for index in larger]))
        sub_of = self._small_topic_labels(groups, small)
        if pending is None:
            sub_of.update((index, self._topic_labels(groups[index])) for index in larger)
        else:
            sub_of.update(self._collect_topic_workers(pending))
        labels = np.empty(n, dtype=np.int64)
        next_label = 0
        for index, rows in enumerate(groups):
            sub = sub_of.get(index)
            if sub is None:  # a topic of one article
                sub = np.zeros(1, dtype=np.int64)
            labels[rows] = next_label + sub
            next_label += int(sub.max()) + 1
        self.topics_ = topics
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
        with keep_freed_memory(len(self.articles_) + len(new_articles) >= _KEEP_MEMORY_ROWS):
            return self._partial_fit(new_articles, new_embeddings)

    def _partial_fit(self, new_articles: list[Article], new_embeddings: np.ndarray | None):
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
        old_ids = {label: story.id for label, story in zip(self._story_labels, self.stories_, strict=True)}
        self.articles_ = self.articles_ + new_articles
        if self.embeddings_ is not None:
            self.embeddings_ = np.vstack([self.embeddings_, np.asarray(new_embeddings)[keep]])
        self._featurize()
        n = len(self.articles_)
        new_rows = np.arange(n_old, n)
        initial = np.concatenate([old_labels, old_labels.max(initial=-1) + 1 + np.arange(n - n_old)])
        labels = initial.copy()
        # Stage 1, as in batch mode but only over the articles dated within the window
        # of the new ones: topics, with every existing story kept whole inside one.
        window = self._window_rows(new_rows)
        topic_graph = self._graph(queries=window, targets=window)[window][:, window]
        topics = average_linkage(topic_graph, self.topic_threshold, initial[window])
        for members in _groups(topics):
            rows = window[members]
            local_new = np.flatnonzero(rows >= n_old)
            if not len(local_new):
                continue
            # Stage 2 inside the topic, with the topic's own weights: new articles join
            # its stories (frozen: never merged with each other) or form new ones.
            frozen = np.unique(initial[rows[rows < n_old]])
            local, similarity, builder = self._local_features(rows)
            sub_graph = self._edges(local, similarity, queries=local_new)
            sub = average_linkage(sub_graph, self._threshold(), initial[rows], frozen=frozen)
            if self.singleton_attach:
                # New articles left alone may still join the story they point at.
                attached = attach_singletons(sub_graph, sub, self.singleton_attach * self._threshold(),
                                             movable=local_new)
                sub = _relabel_like(sub, attached)
            if self.roundup_min_segments:
                # New roundups go where one of their sections points (old articles stay).
                placed = self._place_roundups(rows, local, builder,
                                              np.unique(sub, return_inverse=True)[1], only=local_new)
                sub = _relabel_like(sub, placed)
            # Map local clusters back: a cluster holding an old story takes its label.
            for cluster in np.unique(sub):
                in_cluster = rows[sub == cluster]
                old = in_cluster[in_cluster < n_old]
                labels[in_cluster] = initial[old[0]] if len(old) else initial[in_cluster[0]]
        _, labels = np.unique(labels, return_inverse=True)
        relabel = {int(o): int(nw) for o, nw in zip(initial[:n_old], labels[:n_old], strict=True)}
        # Carry story ids over: a cluster holding an old story keeps its id.
        story_ids = {relabel[label]: sid for label, sid in old_ids.items() if label in relabel}
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
        # Tokenize and count once: the per-topic weights re-weight these counts.
        self.terms_ = CorpusTerms(ArticleDocuments(self.articles_, self.max_chars), n_jobs=self._workers())
        self.days_ = publication_days(self.articles_)
        self._topic_features: Features | None = None
        self._segment_cache: dict[int, tuple[sp.csr_matrix, sp.csr_matrix]] = {}
        self._roundup_mask: np.ndarray | None = None  # per article list (see _roundup_rows)
        self.features_, self.weights_ = self.terms_.features(
            None, CORPUS_MAX_DF, self.embeddings_, self.days_
        )
        self.neighbor_stats_ = NeighborStats()
        self.similarity_ = Similarity(
            lexical_weight=self.lexical_weight,
            entity_weight=self.entity_weight,
            dense_weight=self.dense_weight,
            dense_baseline=dense_baseline(self.features_.dense),
            time_grace_days=self.time_grace_days,
            time_scale_days=self.time_scale_days,
            short_text_terms=self.short_text_terms,
            short_text_dense_boost=self.short_text_dense_boost,
        )

    def _threshold(self) -> float:
        """The merge threshold for the features present (without dense vectors the
        fused scores are lexical + entities only, on their own scale)."""
        return self.threshold if self.embeddings_ is not None else self.lexical_only_threshold

    def _roundup_rows(self) -> np.ndarray:
        """Boolean mask of the roundup articles (computed once per fit)."""
        mask = self.__dict__.get("_roundup_mask")
        if mask is None:
            mask = np.zeros(len(self.articles_), dtype=bool)
            if self.roundup_min_segments:
                mask[[r for r in range(len(self.articles_)) if self._is_roundup(r)]] = True
            self._roundup_mask = mask
        return mask

    def _topic_labels(self, rows: np.ndarray) -> np.ndarray:
        """Stage 2 of one topic (``rows``): its stories as local labels 0..k-1."""
        local, similarity, builder = self._local_features(rows)
        sub_graph = self._edges(local, similarity, queries=None)
        sub = average_linkage(sub_graph, self._threshold())
        if self.singleton_attach:
            sub = attach_singletons(sub_graph, sub, self.singleton_attach * self._threshold())
        if self.roundup_min_segments:
            sub = self._place_roundups(rows, local, builder, sub)
        return sub

    # Below this many articles in the larger topics, stage 2 stays in this process
    # (starting workers costs more than it saves).
    _min_parallel_rows = 5000

    def _start_topic_workers(self, groups: list[np.ndarray], indices: list[int]):
        """Start stage 2 of the topics ``indices`` in forked worker processes, or return
        None (one core, ``n_jobs=1``, little work, or no ``fork`` on this platform).

        Topics are independent and each one's work is many small scipy calls that
        hold the GIL, so threads cannot share it; forked workers see this
        clusterer's features without copying them, and send back only labels.
        Each topic is computed exactly as in this process: the stories do not
        depend on ``n_jobs``.
        """
        workers = self._workers()
        total = sum(len(groups[index]) for index in indices)
        if (workers < 2 or total < self._min_parallel_rows
                or "fork" not in multiprocessing.get_all_start_methods()):
            return None
        # Largest topics first, in tasks of about equal size (articles), so the
        # workers finish together.
        ordered = sorted(indices, key=lambda index: -len(groups[index]))
        target = max(1, total // (workers * 8))
        tasks: list[list[tuple[int, np.ndarray]]] = [[]]
        size = 0
        for index in ordered:
            if size >= target:
                tasks.append([])
                size = 0
            tasks[-1].append((index, groups[index]))
            size += len(groups[index])
        global _FORKED_CLUSTERER
        _FORKED_CLUSTERER = self
        pool = start_forked_pool(min(workers, len(tasks)))
        try:
            return pool, pool.map_async(_topic_labels_in_worker, tasks, chunksize=1)
        except BaseException:
            stop_forked_pool(pool, wait=False)
            raise

    def _collect_topic_workers(self, pending) -> dict[int, np.ndarray]:
        global _FORKED_CLUSTERER
        pool, result = pending
        try:
            found: dict[int, np.ndarray] = {}
            for labels, blocks, max_block_elements in result.get():
                found.update(labels)
                self.neighbor_stats_.blocks += blocks
                self.neighbor_stats_.max_block_elements = max(
                    self.neighbor_stats_.max_block_elements, max_block_elements
                )
            return found
        finally:
            stop_forked_pool(pool)
            _FORKED_CLUSTERER = None

    def _small_topics(self, groups: list[np.ndarray]) -> list[int]:
        """The topics :meth:`_small_topic_labels` handles in one batch: 2 to
        ``n_neighbors + 1`` articles, no roundup, no short text (whose pairs fuse
        with per-pair weights)."""
        largest = min(self.n_neighbors + 1, self.chunk_size)
        roundups = self._roundup_rows() if self.roundup_min_segments else None
        short = None
        if self.embeddings_ is not None and self.short_text_terms and self.short_text_dense_boost:
            short = np.diff(self.terms_.lexical_tf.indptr) < self.short_text_terms
        return [
            index for index, rows in enumerate(groups)
            if 2 <= len(rows) <= largest
            and (roundups is None or not roundups[rows].any())
            and (short is None or not short[rows].any())
        ]

    def _small_topic_labels(self, groups: list[np.ndarray], chosen: list[int]) -> dict[int, np.ndarray]:
        """Stage 2 of every small topic at once: {group index: its local labels}.

        Most topics hold 2-30 articles; per topic, the scipy/sklearn call
        overheads cost far more than their arithmetic. A topic of at most
        ``n_neighbors + 1`` articles keeps ALL its pairs as neighbor edges (its
        one block holds every row), so the per-topic graph is just every pair
        inside the topic above the floor and within the window. Computed here for
        all small topics in one block-diagonal sparse product (same per-pair float
        operations, in the same order, as the per-topic product), then one
        average linkage over the union of the topic graphs (disjoint components
        merge exactly as they would alone). Topics holding a roundup keep the
        per-topic path (their placement needs the topic's own weights).
        """
        if not chosen:
            return {}
        rows = np.concatenate([groups[index] for index in chosen])
        sizes = np.array([len(groups[index]) for index in chosen], dtype=np.int64)
        group_of = np.repeat(np.arange(len(chosen)), sizes)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        lexical = _block_diagonal_tfidf(self.terms_.lexical_tf[rows], group_of, sizes)
        entities = _block_diagonal_tfidf(self.terms_.entity_tf[rows], group_of, sizes)
        w_lex, w_ent, w_dense = self.similarity_.weights(self.embeddings_ is not None)
        # Every within-topic pair (i != j), i.e. the block-diagonal product's pattern.
        pair_group = np.repeat(np.arange(len(chosen)), sizes * sizes)
        within = np.arange(len(pair_group)) - np.repeat(np.cumsum(sizes * sizes) - sizes * sizes, sizes * sizes)
        i = starts[pair_group] + within // sizes[pair_group]
        j = starts[pair_group] + within % sizes[pair_group]
        off_diagonal = i != j
        i, j, pair_group = i[off_diagonal], j[off_diagonal], pair_group[off_diagonal]
        fused = _pair_values(lexical @ lexical.T, i, j) * np.float32(w_lex)
        if w_ent:
            fused += _pair_values(entities @ entities.T, i, j) * np.float32(w_ent)
        if self.embeddings_ is not None and w_dense:
            fused += self._small_dense_terms(rows, starts, sizes, i, j, w_dense)
        days = self.days_[rows]
        apart = np.abs(days[i] - days[j])
        factor = np.exp(
            -np.maximum(apart - self.similarity_.time_grace_days, 0.0) / self.similarity_.time_scale_days
        )
        fused = fused * np.where(np.isnan(factor), 1.0, factor).astype(np.float32)
        keep = (fused >= self.min_edge_similarity) & ~(apart > self.window_days)
        graph = symmetric_edges(i[keep], j[keep], fused[keep].astype(np.float32), len(rows))
        merged = average_linkage(graph, self._threshold())
        if self.singleton_attach:
            # The union of disjoint topic graphs: a lone article has edges (hence a
            # non-zero average) only towards stories of its own topic.
            merged = attach_singletons(graph, merged, self.singleton_attach * self._threshold())
        result = {}
        for k, index in enumerate(chosen):
            sub = merged[starts[k] : starts[k] + sizes[k]]
            result[index] = sub - sub.min()
        return result

    def _small_dense_terms(
        self, rows: np.ndarray, starts: np.ndarray, sizes: np.ndarray,
        i: np.ndarray, j: np.ndarray, w_dense: float,
    ) -> np.ndarray:
        """The dense term of each pair (i, j), from the same per-topic matrix product
        (rows in time order, two buffers) the per-topic path makes, so BLAS
        rounds each value alike."""
        days = self.days_[rows]
        rank = np.empty(len(rows), dtype=np.int64)  # time rank inside its topic
        offsets = np.concatenate([[0], np.cumsum(sizes * sizes)[:-1]])
        group_offset = np.repeat(offsets, sizes)
        group_size = np.repeat(sizes, sizes)
        products = []
        for start, size in zip(starts.tolist(), sizes.tolist(), strict=True):
            local_days = days[start : start + size]
            order = np.argsort(np.where(np.isnan(local_days), np.inf, local_days), kind="stable")
            rank[start + order] = np.arange(size)
            # The topic's own baseline, from its rows in topic order (as _local_features).
            baseline = self._topic_dense_baseline(self.features_.dense[rows[start : start + size]])
            base = np.float32(baseline)
            scale = np.float32(w_dense / (1.0 - baseline))
            vectors = self.features_.dense[rows[start + order]]
            products.append(((vectors @ vectors.copy().T - base) * scale).ravel())
        flat = np.concatenate(products)
        return flat[group_offset[i] + rank[i] * group_size[i] + rank[j]]

    def _local_features(self, rows: np.ndarray) -> tuple[Features, Similarity, TermWeights]:
        """Features of ``rows`` with TF-IDF weights computed on just these articles
        (the corpus-wide counts re-weighted by the rows' own document frequencies)."""
        # No max_df inside a topic: the terms all its articles share get a low
        # IDF anyway; pruning only pays (speed) on big topics.
        embeddings = None if self.embeddings_ is None else self.embeddings_[rows]
        local, weights = self.terms_.features(
            rows, 1.0 if len(rows) < 500 else 0.5, embeddings, self.days_
        )
        return local, self._local_similarity(local), weights

    def _local_similarity(self, local: Features) -> Similarity:
        """The fused similarity inside one topic: the dense baseline moves part of the way
        from the corpus' random-pair cosine to the topic's own mean cosine.

        e5 rates any two reports on one topic (two quakes on one island, two DUI
        arrests of one team's players) close; what they all share is no evidence of
        one event, exactly like the terms the local IDF down-weights. Measured on
        ECB+ and NBW together (clustering/README.md): shift 0.65 lifted NBW pair F1
        from 0.80 to 0.90 at the same ECB+ F1."""
        if local.dense is None:
            return self.similarity_
        baseline = self._topic_dense_baseline(local.dense)
        if baseline == self.similarity_.dense_baseline:
            return self.similarity_
        return dataclasses.replace(self.similarity_, dense_baseline=baseline)

    def _topic_dense_baseline(self, dense: np.ndarray) -> float:
        """The corpus baseline moved ``local_dense_shift`` of the way to the mean cosine
        of the topic's articles (``dense``: their unit vectors)."""
        n = len(dense)
        base = self.similarity_.dense_baseline
        if n < 3 or not self.local_dense_shift:
            return base
        centroid = dense.mean(axis=0, dtype=np.float64)
        # Mean cosine over distinct pairs of unit vectors, from the centroid: O(n d).
        topic_mean = (float(centroid @ centroid) * n * n - n) / (n * (n - 1))
        return min(base + self.local_dense_shift * max(topic_mean - base, 0.0), 0.97)

    def _place_roundups(
        self,
        rows: np.ndarray,
        local: Features,
        builder: TermWeights,
        sub: np.ndarray,
        only: np.ndarray | None = None,
    ) -> np.ndarray:
        """Put each roundup (a long article in several sections) in the story one of its
        sections matches best.

        A roundup's whole text resembles several stories a little; one of its
        sections resembles its own story a lot. Score = max over sections of
        the fused lexical+entity similarity to the story's centroid (built
        without the roundup), times the time factor of the gap to the story's span.
        """
        sub = sub.copy()
        w_lex, w_ent, _ = self.similarity_.weights(False)
        is_candidate = self._roundup_rows()[rows]
        if only is not None:
            allowed = np.zeros(len(rows), dtype=bool)
            allowed[np.asarray(only, dtype=np.int64)] = True
            is_candidate &= allowed
        candidates = np.flatnonzero(is_candidate).tolist()
        if not candidates or len(rows) < 2:
            return np.unique(sub, return_inverse=True)[1]
        # Per-story sums of the member vectors, computed once and only redone after
        # a move: a centroid without the roundup is its story's sum minus the roundup.
        sums: tuple | None = None
        # Every candidate's sections weighted at once (the weights are per term and
        # per row, so this equals weighting each roundup alone).
        counted = [self._segment_counts(rows[k]) for k in candidates]
        all_lex, all_ent = builder.apply(
            sp.vstack([lexical for lexical, _ in counted], format="csr"),
            sp.vstack([entities for _, entities in counted], format="csr"),
        )
        bounds = np.concatenate([[0], np.cumsum([lexical.shape[0] for lexical, _ in counted])]).tolist()
        n_candidates = len(candidates)
        # What does not depend on the story sums, for every candidate at once (each
        # value is the same sparse product entry the per-roundup products gave).
        own_lex = local.lexical[candidates]
        own_ent = local.entities[candidates]
        owner = np.repeat(np.arange(n_candidates), np.diff(bounds))
        segment_rows = np.arange(len(owner))
        self_lex = _pair_values(all_lex @ own_lex.T, segment_rows, owner)
        self_ent = _pair_values(all_ent @ own_ent.T, segment_rows, owner)
        own_nnz_lex = np.diff(own_lex.indptr)
        own_nnz_ent = np.diff(own_ent.indptr)
        # float(own.multiply(own).sum()): numpy's sum of the squared row data.
        own_sq_lex = [float(np.sum(own_lex.data[x:y] * own_lex.data[x:y]))
                      for x, y in zip(own_lex.indptr[:-1].tolist(), own_lex.indptr[1:].tolist(), strict=True)]
        own_sq_ent = [float(np.sum(own_ent.data[x:y] * own_ent.data[x:y]))
                      for x, y in zip(own_ent.indptr[:-1].tolist(), own_ent.indptr[1:].tolist(), strict=True)]
        window = 32  # candidates whose sum-dependent products are made at once
        cached: dict | None = None
        for index, k in enumerate(candidates):
            if sums is None:
                sums = _label_sums(sub, local)
                cached = None
            lex_sum, ent_sum, lex_sq, ent_sq, counts, first, last, lex_sum_t, ent_sum_t = sums
            current = int(sub[k])
            if cached is None or index >= cached["stop"]:
                # Products with the current sums for the next candidates (redone
                # after a move changes the sums).
                stop = min(index + window, n_candidates)
                lo, hi = bounds[index], bounds[stop]
                currents = sub[candidates[index:stop]]
                cached = {
                    "start": index,
                    "stop": stop,
                    "first_segment": lo,
                    # total[current] @ own.T with the sums' rows in their stored order.
                    "own_lex": (lex_sum[currents] @ own_lex[index:stop].T).toarray().diagonal(),
                    "own_ent": (ent_sum[currents] @ own_ent[index:stop].T).toarray().diagonal(),
                    "dots_lex": (all_lex[lo:hi] @ lex_sum_t).toarray(),
                    "dots_ent": (all_ent[lo:hi] @ ent_sum_t).toarray(),
                }
            seg_lo = bounds[index] - cached["first_segment"]
            seg_hi = bounds[index + 1] - cached["first_segment"]
            at = index - cached["start"]
            scores = np.zeros((seg_hi - seg_lo, len(counts)), dtype=np.float64)
            for weight, block, self_dots, own_dots, own_nnz, own_sq, squares in (
                (w_lex, cached["dots_lex"], self_lex, cached["own_lex"], own_nnz_lex, own_sq_lex, lex_sq),
                (w_ent, cached["dots_ent"], self_ent, cached["own_ent"], own_nnz_ent, own_sq_ent, ent_sq),
            ):
                dots = block[seg_lo:seg_hi].astype(np.float64)
                norms = squares.copy()
                # The roundup's own story without the roundup.
                dots[:, current] -= self_dots[bounds[index] : bounds[index + 1]]
                own_dot = float(own_dots[at]) if own_nnz[index] else 0.0
                norms[current] = squares[current] - 2.0 * own_dot + own_sq[index]
                norms = np.sqrt(np.maximum(norms, 0.0))
                with np.errstate(divide="ignore", invalid="ignore"):
                    cosine = np.where(norms > 1e-6, dots / norms, 0.0)
                scores += weight * cosine
            scores = scores.max(axis=0)
            n_labels = len(counts)
            has_others = counts.copy()
            has_others[current] -= 1
            has_others = has_others > 0
            day = local.days[k]
            if not np.isnan(day):
                first_k, last_k = first.copy(), last.copy()
                if has_others[current]:
                    mates = np.flatnonzero(sub == current)
                    mates = mates[mates != k]
                    mate_days = local.days[mates][~np.isnan(local.days[mates])]
                    first_k[current] = mate_days.min(initial=np.inf)
                    last_k[current] = mate_days.max(initial=-np.inf)
                gap = np.maximum(np.maximum(first_k - day, day - last_k), 0.0)
                factor = np.exp(
                    -np.maximum(gap - self.time_grace_days, 0.0) / self.time_scale_days
                )
                scores = scores * np.where(np.isfinite(gap), factor, 0.0)
            scores = np.where(has_others, scores, -1.0)
            best = int(np.argmax(scores)) if n_labels else current
            current_score = scores[current] if has_others[current] else -1.0
            if best != current and scores[best] >= self._threshold() and scores[best] > current_score:
                sub[k] = best
                sums = None
        _, sub = np.unique(sub, return_inverse=True)
        return sub

    def _is_roundup(self, row: int) -> bool:
        article = self.articles_[row]
        # Roundups are told apart by their sections (<h3>/<strong> headings):
        # matching paragraph groups of ordinary long reports moved too many
        # of them after their background paragraphs (measured on NBW).
        return (
            len(article.text) >= self.roundup_min_chars
            and section_count(article) >= self.roundup_min_segments
        )

    def _segment_counts(self, row: int) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """A roundup's sections counted over the corpus vocabulary (once per run)."""
        cache = self.__dict__.setdefault("_segment_cache", {})
        if row not in cache:
            self._count_segments([row])
        return cache[row]

    def _count_roundup_segments(self, rows: np.ndarray) -> None:
        """Count the sections of the roundups among ``rows``, all at once."""
        self._count_segments(np.sort(rows[self._roundup_rows()[rows]]).tolist())

    def _count_segments(self, rows: Sequence[int]) -> None:
        """Count the sections of many roundups in one vectorized pass (per-call
        overhead dominated when each of thousands of roundups was counted alone)."""
        cache = self.__dict__.setdefault("_segment_cache", {})
        segments = [split_segments(self.articles_[r]) for r in rows]
        if not segments:
            return
        lexical, entities = self.terms_.transform_documents([s for group in segments for s in group])
        start = 0
        for row, group in zip(rows, segments, strict=True):
            cache[row] = (lexical[start : start + len(group)], entities[start : start + len(group)])
            start += len(group)

    def _workers(self) -> int:
        """Workers: ``n_jobs``, -1 = every core (at most 8: each neighbor-search thread
        holds one block of ``chunk_size x window`` similarities)."""
        if self.n_jobs is None or self.n_jobs == 0:
            return 1
        if self.n_jobs < 0:
            return max(1, min(8, os.cpu_count() or 1))
        return self.n_jobs

    def _window_rows(self, rows: np.ndarray) -> np.ndarray:
        """``rows`` plus every article dated within ``window_days`` of them (and the
        undated ones, which meet everything)."""
        days = self.days_
        row_days = days[rows]
        if np.isnan(row_days).any():
            return np.arange(len(days))
        near = (days >= row_days.min() - self.window_days) & (days <= row_days.max() + self.window_days)
        near |= np.isnan(days)
        near[rows] = True
        return np.flatnonzero(near)

    def _graph(self, queries: np.ndarray | None, targets: np.ndarray | None = None) -> sp.csr_matrix:
        if not hasattr(self, "neighbor_stats_"):
            self.neighbor_stats_ = NeighborStats()
        if self.topic_terms:
            # Topics are coarse: each article's heaviest terms find its topic
            # neighbors at a fraction of the sparse-product cost.
            if self._topic_features is None:
                self._topic_features = self.features_.top_terms(self.topic_terms)
            return self._edges(self._topic_features, self.similarity_, queries, targets)
        return self._edges(self.features_, self.similarity_, queries, targets)

    def _edges(
        self,
        features: Features,
        similarity: Similarity,
        queries: np.ndarray | None,
        targets: np.ndarray | None = None,
    ) -> sp.csr_matrix:
        if not hasattr(self, "neighbor_stats_"):
            self.neighbor_stats_ = NeighborStats()
        i, j, s = neighbor_edges(
            features,
            similarity,
            n_neighbors=self.n_neighbors,
            min_similarity=self.min_edge_similarity,
            window_days=self.window_days,
            chunk_size=self.chunk_size,
            queries=queries,
            targets=targets,
            stats=self.neighbor_stats_,
            workers=self._workers(),
        )
        return symmetric_edges(i, j, s, len(features))

    def membership_scores(self, labels: np.ndarray) -> np.ndarray:
        """Each article's fused similarity (0..1) to its story's centroid."""
        n = len(labels)
        n_labels = int(labels.max()) + 1 if n else 0
        assign = sp.csr_matrix(
            (np.ones(n, dtype=np.float32), (labels, np.arange(n))), shape=(n_labels, n)
        )
        f = self.features_
        w_lex, w_ent, w_dense = self.similarity_.weights(f.dense is not None)
        sizes = np.bincount(labels, minlength=n_labels)
        shared = np.flatnonzero(sizes[labels] > 1)  # a lone member scores 1 anyway
        lex_centroids = normalize(assign @ f.lexical, copy=False)
        ent_centroids = normalize(assign @ f.entities, copy=False)
        score = w_lex * _centroid_dots(f.lexical, lex_centroids, labels, shared)
        score += w_ent * _centroid_dots(f.entities, ent_centroids, labels, shared)
        if f.dense is not None and w_dense:
            dense_centroids = normalize(np.asarray(assign @ f.dense))
            cos = np.einsum("ij,ij->i", f.dense, dense_centroids[labels])
            base = self.similarity_.dense_baseline
            score += w_dense * (cos - base) / (1.0 - base)
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


def _centroid_dots(
    matrix: sp.csr_matrix, centroids: sp.csr_matrix, labels: np.ndarray, rows: np.ndarray
) -> np.ndarray:
    """Row i's dot product with its label's centroid row, for ``rows`` (0 elsewhere), as
    float32 exactly as ``matrix.multiply(centroids[labels]).sum(axis=1)`` computes it
    (``centroids`` gets its indices sorted in place).

    That expression copies the centroid once per member (a 1,000-member story
    copies its centroid 1,000 times: gigabytes and most of the time at 63k
    articles). Here each row's centroid values are looked up at the row's own
    columns, story by story; the products are then summed per row in the order
    scipy's element-wise product lists them (descending columns when the
    centroids' indices are unsorted, as a sparse product leaves them; ascending
    when canonical), with the same ``np.add.reduceat``.
    """
    result = np.zeros(matrix.shape[0], dtype=np.float32)
    if not len(rows):
        return result
    descending = not centroids.has_canonical_format
    searchable = centroids  # sorted in place: the caller's centroids are not used again
    searchable.sort_indices()
    order = rows[np.argsort(labels[rows], kind="stable")]
    sub = matrix[order]
    values = np.zeros(sub.nnz, dtype=np.float32)
    ordered_labels = labels[order]
    label_starts = np.flatnonzero(np.r_[True, ordered_labels[1:] != ordered_labels[:-1]])
    label_stops = np.r_[label_starts[1:], len(order)]
    entry_bounds = sub.indptr
    for label, first, stop in zip(
        ordered_labels[label_starts].tolist(), label_starts.tolist(), label_stops.tolist(), strict=True
    ):
        lo, hi = int(entry_bounds[first]), int(entry_bounds[stop])
        c_lo, c_hi = searchable.indptr[label], searchable.indptr[label + 1]
        where = np.searchsorted(searchable.indices[c_lo:c_hi], sub.indices[lo:hi])
        values[lo:hi] = searchable.data[c_lo + where]
    products = sub.data * values
    lengths = np.diff(entry_bounds)
    nonempty = np.flatnonzero(lengths)
    sums = np.zeros(len(order), dtype=np.float32)
    if len(nonempty):
        if descending:
            total = len(products)
            # Reversing the whole array reverses every row and the row order.
            starts = (total - entry_bounds[1:][nonempty])[::-1]
            sums[nonempty[::-1]] = np.add.reduceat(products[::-1], starts)
        else:
            sums[nonempty] = np.add.reduceat(products, entry_bounds[:-1][nonempty])
    result[order] = sums
    return result


def _label_sums(labels: np.ndarray, local: Features) -> tuple:
    """Per label: summed lexical and entity rows, their squared norms, member counts
    and first/last publication day (NaN days ignored)."""
    n_labels = int(labels.max()) + 1
    assign = sp.csr_matrix(
        (np.ones(len(labels), np.float32), (labels, np.arange(len(labels)))),
        shape=(n_labels, len(labels)),
    )
    lex_sum = (assign @ local.lexical).tocsr()
    ent_sum = (assign @ local.entities).tocsr()
    lex_sq = np.asarray(lex_sum.multiply(lex_sum).sum(axis=1), dtype=np.float64).ravel()
    ent_sq = np.asarray(ent_sum.multiply(ent_sum).sum(axis=1), dtype=np.float64).ravel()
    counts = np.bincount(labels, minlength=n_labels)
    first = np.full(n_labels, np.inf)
    last = np.full(n_labels, -np.inf)
    dated = ~np.isnan(local.days)
    np.minimum.at(first, labels[dated], local.days[dated])
    np.maximum.at(last, labels[dated], local.days[dated])
    return lex_sum, ent_sum, lex_sq, ent_sq, counts, first, last, lex_sum.T.tocsr(), ent_sum.T.tocsr()


def _block_diagonal_tfidf(tf: sp.csr_matrix, group_of: np.ndarray, sizes: np.ndarray) -> sp.csr_matrix:
    """Each group's rows weighted by the IDF of that group alone (what
    :meth:`CorpusTerms.features` gives one group: smoothed IDF, no pruning,
    rows L2-normalized, compact columns), all groups side by side on disjoint
    columns: group g's columns are its own terms in corpus column order."""
    if not tf.nnz:
        return sp.csr_matrix((tf.shape[0], 1), dtype=np.float32)
    entry_group = np.repeat(group_of, np.diff(tf.indptr))
    keys = entry_group * np.int64(tf.shape[1]) + tf.indices
    # (np.unique with return_counts: a stable argsort merges the sorted rows.)
    distinct, column = unique_with_inverse(keys)
    df = np.bincount(column, minlength=len(distinct))
    n = sizes[distinct // tf.shape[1]]
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    data = _l2_normalized_rows((tf.data * idf[column]).astype(np.float32), tf.indptr)
    return sp.csr_matrix(
        (data, column.astype(np.int32), tf.indptr.copy()), shape=(tf.shape[0], max(len(distinct), 1))
    )


def _pair_values(product: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Entries (i, j) of a sparse matrix (0 where absent), as float32."""
    product = product.tocsr()
    product.sort_indices()
    keys = np.repeat(np.arange(product.shape[0], dtype=np.int64), np.diff(product.indptr))
    keys = keys * product.shape[1] + product.indices
    wanted = i.astype(np.int64) * product.shape[1] + j
    at = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    found = keys[at] == wanted if len(keys) else np.zeros(len(wanted), dtype=bool)
    return np.where(found, product.data[at] if len(keys) else 0.0, 0.0).astype(np.float32)


def _relabel_like(original: np.ndarray, placed: np.ndarray) -> np.ndarray:
    """Express ``placed`` (dense labels) in ``original``'s label values: each placed
    cluster takes the original label most of its members had."""
    result = original.copy()
    for cluster in np.unique(placed):
        members = np.flatnonzero(placed == cluster)
        values, counts = np.unique(original[members], return_counts=True)
        result[members] = values[np.argmax(counts)]
    return result


def _groups(labels: np.ndarray) -> list[np.ndarray]:
    """Row indices of each label, in label order."""
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    return np.split(order, bounds)


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


# The clusterer whose topics forked workers compute (set just before the fork).
_FORKED_CLUSTERER: StoryClusterer | None = None


def _topic_labels_in_worker(task: list[tuple[int, np.ndarray]]):
    """In a forked worker: stage 2 of each (topic index, rows) of ``task``, one
    thread (the workers already fill the cores)."""
    from threadpoolctl import threadpool_limits

    clusterer = _FORKED_CLUSTERER
    clusterer.n_jobs = 1
    clusterer.neighbor_stats_ = NeighborStats()
    with threadpool_limits(limits=1):
        if clusterer.roundup_min_segments:
            # This task's roundups, counted in one pass (the parent counts none).
            clusterer._count_roundup_segments(np.concatenate([rows for _, rows in task]))
        labels = [(index, clusterer._topic_labels(rows)) for index, rows in task]
    stats = clusterer.neighbor_stats_
    return labels, stats.blocks, stats.max_block_elements
