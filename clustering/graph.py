"""Fused pairwise similarity, sparse neighbor graphs and average linkage over them.

Nothing here allocates an n x n array: similarities are computed for one block
of query rows at a time against the candidates inside the time window, and only
each row's top ``k`` neighbors above a floor are kept as graph edges.
"""

from __future__ import annotations

import heapq
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from clustering.features import Features


@dataclass
class Similarity:
    """How the per-feature similarities fuse into one 0..1-ish score.

    ``fused = time_factor * (w_lex * lex + w_ent * ent + w_dense * dense')`` with
    weights renormalized over the blocks present (no dense vectors: lexical +
    entities only), ``dense' = (cos - baseline) / (1 - baseline)`` and
    ``time_factor = exp(-max(0, days_apart - grace) / scale)`` (1 when a date is unknown).

    Short texts lean on the dense vectors: when the shorter text of a pair has fewer
    than ``short_text_terms`` distinct lexical terms, the dense weight grows by up to
    ``short_text_dense_boost`` x (``1 + boost * (1 - terms / short_text_terms)``) and
    the weights are renormalized. Two one-sentence reports of one event share few
    words (TF-IDF cosine is low and noisy) but read alike to the model; long
    articles are untouched.
    """

    lexical_weight: float
    entity_weight: float
    dense_weight: float
    dense_baseline: float
    time_grace_days: float
    time_scale_days: float
    short_text_terms: int = 0
    short_text_dense_boost: float = 0.0

    def weights(self, has_dense: bool) -> tuple[float, float, float]:
        dense = self.dense_weight if has_dense else 0.0
        total = self.lexical_weight + self.entity_weight + dense
        return self.lexical_weight / total, self.entity_weight / total, dense / total

    def time_factor(self, days_a: np.ndarray, days_b: np.ndarray) -> np.ndarray:
        return self.time_factor_of_apart(np.abs(days_a[:, None] - days_b[None, :]))

    def time_factor_of_apart(self, apart: np.ndarray, overwrite: bool = False) -> np.ndarray:
        """``exp(-max(0, apart - grace) / scale)`` as float32, 1 where a day is unknown.

        Computed in place (the same float64 operations, in the same order, as
        the straightforward expression): a neighbor block is millions of
        entries and each temporary array cost as much as the exponential.
        """
        factor = apart if overwrite else apart.copy()
        np.subtract(factor, self.time_grace_days, out=factor)
        np.maximum(factor, 0.0, out=factor)
        np.negative(factor, out=factor)
        np.divide(factor, self.time_scale_days, out=factor)
        np.exp(factor, out=factor)
        unknown = np.isnan(factor)
        if unknown.any():
            factor[unknown] = 1.0
        return factor.astype(np.float32)

    def content_block(self, a: Features, b: Features) -> np.ndarray:
        """Fused content similarity of every row of ``a`` with every row of ``b`` (no time)."""
        has_dense = a.dense is not None and b.dense is not None
        w_lex, w_ent, w_dense = self.weights(has_dense)
        # In place where possible: the same float32 operations, fewer block-sized temporaries.
        block = (a.lexical @ b.lexical.T).toarray()
        block *= np.float32(w_lex)
        if w_ent:
            entities = (a.entities @ b.entities.T).toarray()
            entities *= np.float32(w_ent)
            block += entities
        if has_dense and w_dense:
            terms_a, terms_b = _term_counts(a), _term_counts(b)
            boosting = self._short_text_boost(terms_a, terms_b, per_pair=False) is not None
            # In place: the same float32 operations without block-sized temporaries.
            dense = a.dense @ b.dense.T
            dense -= np.float32(self.dense_baseline)
            if not boosting:
                dense *= np.float32(w_dense / (1.0 - self.dense_baseline))
                block += dense
            else:
                # Per pair: raw weights, the dense one boosted, renormalized.
                dense /= np.float32(1.0 - self.dense_baseline)
                total = self.lexical_weight + self.entity_weight + self.dense_weight
                # A pair's boost is the larger of its texts' own (_text_boost): the
                # same float32 value, made per text instead of per pair.
                boosted = np.maximum(
                    (self.dense_weight * self._text_boost(terms_a)).astype(np.float32)[:, None],
                    (self.dense_weight * self._text_boost(terms_b)).astype(np.float32)[None, :],
                )
                block *= np.float32(total)  # back to raw weights
                dense *= boosted
                block += dense
                boosted += np.float32(self.lexical_weight + self.entity_weight)
                block /= boosted
        return block

    def _short_text_boost(
        self, terms_a: np.ndarray, terms_b: np.ndarray, per_pair: bool = True
    ) -> np.ndarray | bool | None:
        """``1 + boost * shortness`` per pair (broadcast), or None when no text is short
        (``per_pair=False``: just True instead of the array)."""
        if not (self.short_text_terms and self.short_text_dense_boost):
            return None
        if not terms_a.size or not terms_b.size:
            return None
        if min(int(terms_a.min()), int(terms_b.min())) >= self.short_text_terms:
            return None
        if not per_pair:
            return True
        return self._text_boost(np.minimum(terms_a, terms_b))

    def _text_boost(self, shorter_terms: np.ndarray) -> np.ndarray:
        """``1 + boost * max(0, 1 - terms / short_text_terms)`` as float32. It never
        grows with ``terms`` (each float step is monotone), so a pair's boost, that
        of its shorter text, is the larger of its two texts' own boosts."""
        shorter = shorter_terms.astype(np.float32)
        shortness = np.maximum(0.0, 1.0 - shorter / np.float32(self.short_text_terms))
        return 1.0 + np.float32(self.short_text_dense_boost) * shortness

    def block(self, a: Features, b: Features) -> np.ndarray:
        return self.content_block(a, b) * self.time_factor(a.days, b.days)

    def pairs(self, a: Features, b: Features) -> np.ndarray:
        """Similarity of row i of ``a`` with row i of ``b`` (for labeled pairs)."""
        has_dense = a.dense is not None and b.dense is not None
        w_lex, w_ent, w_dense = self.weights(has_dense)
        lex = np.asarray(a.lexical.multiply(b.lexical).sum(axis=1)).ravel()
        ent = np.asarray(a.entities.multiply(b.entities).sum(axis=1)).ravel()
        fused = w_lex * lex + w_ent * ent
        if has_dense and w_dense:
            cos = np.einsum("ij,ij->i", a.dense, b.dense)
            dense = (cos - self.dense_baseline) / (1.0 - self.dense_baseline)
            boost = self._short_text_boost(_term_counts(a), _term_counts(b))
            if boost is None:
                fused += w_dense * dense
            else:
                boosted = self.dense_weight * boost
                fused = (fused * (self.lexical_weight + self.entity_weight + self.dense_weight)
                         + boosted * dense) / (self.lexical_weight + self.entity_weight + boosted)
        apart = np.abs(a.days - b.days)
        factor = np.exp(-np.maximum(apart - self.time_grace_days, 0.0) / self.time_scale_days)
        return fused * np.where(np.isnan(factor), 1.0, factor)


def _term_counts(features: Features) -> np.ndarray:
    """Distinct lexical terms per row (what "short" is measured in)."""
    return np.diff(features.lexical.indptr)


def dense_baseline(dense: np.ndarray | None, samples: int = 4000, seed: int = 0) -> float:
    """Mean cosine of random article pairs: what 'unrelated' looks like for this backend.

    e5 scores unrelated Chinese news around 0.85-0.93, a lexical backend near 0;
    subtracting the corpus' own baseline puts both on one scale.
    """
    if dense is None or len(dense) < 3:
        return 0.0
    rng = np.random.default_rng(seed)
    a = rng.integers(0, len(dense), samples)
    b = rng.integers(0, len(dense), samples)
    keep = a != b
    cos = np.einsum("ij,ij->i", dense[a[keep]], dense[b[keep]])
    return float(min(np.mean(cos), 0.95))


@dataclass
class NeighborStats:
    """What the neighbor search did (the memory test reads ``max_block_elements``)."""

    blocks: int = 0
    max_block_elements: int = 0


def neighbor_edges(
    features: Features,
    similarity: Similarity,
    n_neighbors: int,
    min_similarity: float,
    window_days: float,
    chunk_size: int = 512,
    queries: np.ndarray | None = None,
    targets: np.ndarray | None = None,
    stats: NeighborStats | None = None,
    workers: int = 1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Top-``n_neighbors`` edges (i, j, similarity) of each query row among the targets.

    Rows are processed in time-sorted blocks of ``chunk_size``; each block only
    meets the targets published within ``window_days`` of it (undated rows meet
    everything), so memory is ``workers x chunk_size x window`` whatever n is.
    ``workers`` > 1 computes that many blocks at once, in threads.
    """
    n = len(features)
    queries = np.arange(n) if queries is None else np.asarray(queries)
    targets = np.arange(n) if targets is None else np.asarray(targets)
    days = features.days
    # Sort targets by day (undated last) so a window is a contiguous slice.
    target_days = days[targets]
    order = np.argsort(np.where(np.isnan(target_days), np.inf, target_days), kind="stable")
    targets = targets[order]
    target_days = target_days[order]
    dated_targets = int(np.sum(~np.isnan(target_days)))
    undated_targets = targets[dated_targets:]
    query_days = days[queries]
    queries = queries[np.argsort(np.where(np.isnan(query_days), np.inf, query_days), kind="stable")]

    # Gather the targets once in time order: each window is then a contiguous
    # slice (cheap) instead of a fancy-indexed copy of thousands of rows.
    sorted_targets = features.take(targets)
    # Where each row sits among the sorted targets (-1: not a target).
    sorted_position = np.full(n, -len(targets) - 1, dtype=np.int64)
    sorted_position[targets] = np.arange(len(targets))

    def block_edges(start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int] | None:
        """The kept edges of one block of query rows, and the block's size."""
        rows = queries[start : start + chunk_size]
        row_days = days[rows]
        if np.any(np.isnan(row_days)):
            lo, hi = 0, len(targets)  # undated rows meet every target
        else:
            lo = np.searchsorted(target_days[:dated_targets], row_days.min() - window_days, "left")
            hi = np.searchsorted(target_days[:dated_targets], row_days.max() + window_days, "right")
        if hi < len(targets) and len(undated_targets):
            # The dated window plus the undated targets (sorted last): not one slice.
            picked = np.concatenate([np.arange(lo, hi), np.arange(dated_targets, len(targets))])
            cols = targets[picked]
            column_features = sorted_targets.take(picked)
            contiguous = False
        else:
            cols = targets[lo:hi]
            column_features = sorted_targets.slice(lo, hi)
            contiguous = True
        if len(cols) == 0:
            return None
        content = similarity.content_block(features.take(rows), column_features)
        k = min(n_neighbors, len(cols))
        if k <= 0:
            return None
        column_days = days[cols]
        if contiguous:
            # Each query row sits at one known column of a contiguous window.
            at = sorted_position[rows] - lo
            inside = (at >= 0) & (at < len(cols))
            self_rows, self_cols = np.flatnonzero(inside), at[inside]
        else:
            self_rows, self_cols = np.nonzero(rows[:, None] == cols[None, :])
        picked = None
        if min_similarity > 0:
            picked = _top_candidates(
                content, row_days, column_days, self_rows, self_cols, similarity,
                k, min_similarity, window_days,
            )
        if picked is None:
            picked = _top_exact(
                content, row_days, column_days, self_rows, self_cols, similarity,
                k, min_similarity, window_days,
            )
        top, top_sim = picked
        keep = top_sim >= min_similarity
        return (
            np.repeat(rows, top.shape[1]).reshape(len(rows), top.shape[1])[keep],
            cols[top][keep],
            top_sim[keep].astype(np.float32),
            content.size,
        )

    starts = range(0, len(queries), chunk_size)
    if workers > 1 and len(starts) > 1:
        # Blocks are independent, and their cost is scipy's sparse products and
        # numpy's array operations, which release the GIL: threads share the
        # features without copies. map() keeps block order, so the edges (and
        # every result built on them) are the same as one block after another.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(block_edges, starts))
    else:
        results = [block_edges(start) for start in starts]
    found = [r for r in results if r is not None]
    if stats is not None:
        for *_, size in found:
            stats.blocks += 1
            stats.max_block_elements = max(stats.max_block_elements, size)
    if not found:
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([], dtype=np.float32)
    return (
        np.concatenate([r[0] for r in found]),
        np.concatenate([r[1] for r in found]),
        np.concatenate([r[2] for r in found]),
    )


def _top_exact(
    block: np.ndarray, row_days: np.ndarray, column_days: np.ndarray,
    self_rows: np.ndarray, self_cols: np.ndarray, similarity: Similarity,
    k: int, min_similarity: float, window_days: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``k`` best columns of the fused block (content x time factor; self
    pairs and pairs beyond the window excluded) and their values."""
    apart = np.abs(row_days[:, None] - column_days[None, :])
    too_far = apart > window_days
    block *= similarity.time_factor_of_apart(apart, overwrite=True)
    # No self edges; no edges across more than the window.
    block[self_rows, self_cols] = -np.inf
    block[too_far] = -np.inf
    n_cols = block.shape[1]
    top = np.argpartition(-block, k - 1, axis=1)[:, :k] if k < n_cols else (
        np.broadcast_to(np.arange(n_cols), (block.shape[0], n_cols))
    )
    return top, np.take_along_axis(block, top, axis=1)


def _top_candidates(
    content: np.ndarray, row_days: np.ndarray, column_days: np.ndarray,
    self_rows: np.ndarray, self_cols: np.ndarray, similarity: Similarity,
    k: int, min_similarity: float, window_days: float,
) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`_top_exact`'s kept edges at a fraction of the cost.

    The time factor is <= 1, so only pairs whose content similarity already
    reaches ``min_similarity`` (~6% of a block) can become edges: the time factor
    (float64, most of a block's cost) is computed for those alone, with the same
    operations per value. The kept set (the row's top ``k`` among the values >=
    ``min_similarity``) is then the same unless two such values tie at the k-th
    place, where which one a partial sort keeps depends on the whole row: such
    rows are recomputed in full.
    """
    cand_rows, cand_cols = np.nonzero(content >= min_similarity)
    apart = np.abs(row_days[cand_rows] - column_days[cand_cols])
    too_far = apart > window_days
    values = content[cand_rows, cand_cols] * similarity.time_factor_of_apart(apart, overwrite=True)
    values[too_far] = -np.inf
    block = np.full(content.shape, -np.inf, dtype=np.float32)
    block[cand_rows, cand_cols] = values
    block[self_rows, self_cols] = -np.inf
    n_cols = block.shape[1]
    if k >= n_cols:
        top = np.broadcast_to(np.arange(n_cols), (block.shape[0], n_cols))
        return top, np.take_along_axis(block, top, axis=1)
    # (Partitioning the negated block at k - 1 is 4x faster than the block at
    # n - k: most entries are -inf, and introselect handles them from the left.)
    top = np.argpartition(-block, k - 1, axis=1)[:, :k]
    top_sim = np.take_along_axis(block, top, axis=1)
    values = block[cand_rows, cand_cols]  # self pairs now excluded too
    valid = values >= min_similarity
    over = np.bincount(cand_rows[valid], minlength=block.shape[0]) > k
    if over.any():
        kth = top_sim.min(axis=1)
        reaching = np.bincount(cand_rows[valid & (values >= kth[cand_rows])], minlength=block.shape[0])
        tied = np.flatnonzero(over & (reaching > k))
        if len(tied):
            # Duplicate articles tie often. numpy partitions each row on its own,
            # so these rows are redone exactly as the full computation does them.
            exact = content[tied]
            apart_rows = np.abs(row_days[tied][:, None] - column_days[None, :])
            too_far = apart_rows > window_days
            exact *= similarity.time_factor_of_apart(apart_rows, overwrite=True)
            position = np.full(block.shape[0], -1, dtype=np.int64)
            position[tied] = np.arange(len(tied))
            is_tied = position[self_rows] >= 0
            exact[position[self_rows[is_tied]], self_cols[is_tied]] = -np.inf
            exact[too_far] = -np.inf
            tied_top = np.argpartition(-exact, k - 1, axis=1)[:, :k]
            top[tied] = tied_top
            top_sim[tied] = np.take_along_axis(exact, tied_top, axis=1)
    return top, top_sim


def symmetric_edges(
    i: np.ndarray, j: np.ndarray, s: np.ndarray, n: int
) -> sp.csr_matrix:
    """Undirected graph: an edge found from either side counts once."""
    graph = sp.coo_matrix((s, (i, j)), shape=(n, n)).tocsr()
    graph.sum_duplicates()
    # Keep max(s_ij, s_ji): the same pair found twice has the same value anyway.
    return graph.maximum(graph.T).tocsr()


def average_linkage(
    graph: sp.csr_matrix,
    threshold: float,
    initial_labels: np.ndarray | None = None,
    frozen: np.ndarray | None = None,
) -> np.ndarray:
    """Average-linkage agglomeration over a sparse similarity graph.

    Two clusters merge while the mean similarity over ALL their member pairs is
    >= ``threshold``; pairs without an edge count as 0 (they were not among
    either side's nearest neighbors), which keeps loosely chained groups apart.

    ``initial_labels`` start from given groups (incremental mode); clusters
    whose label is in ``frozen`` never merge with each other (existing stories
    keep their identity: new articles join them or form new stories).
    """
    n = graph.shape[0]
    if initial_labels is None:
        initial_labels = np.arange(n)
    _, cluster_of = np.unique(initial_labels, return_inverse=True)
    n_clusters = int(cluster_of.max()) + 1 if n else 0
    size = np.bincount(cluster_of, minlength=n_clusters).tolist()
    is_frozen = [False] * n_clusters
    if frozen is not None:
        frozen_set = set(np.asarray(frozen).tolist())
        for node, label in enumerate(initial_labels.tolist()):
            if label in frozen_set:
                is_frozen[cluster_of[node]] = True

    coo = graph.tocoo()
    ci = cluster_of[coo.row]
    cj = cluster_of[coo.col]
    keep = ci < cj  # each undirected pair once, no within-cluster edges
    pair_graph = sp.coo_matrix(
        (coo.data[keep].astype(np.float64), (ci[keep], cj[keep])), shape=(n_clusters, n_clusters)
    ).tocsr()
    pair_graph.sum_duplicates()
    # Each cluster's neighbors and summed similarities (both directions; the two
    # triangles are disjoint, so adding them copies the values).
    both = (pair_graph + pair_graph.T).tocsr()
    neighbor_ids = both.indices.tolist()
    neighbor_sums = both.data.tolist()
    bounds = both.indptr.tolist()
    sums: list[dict[int, float]] = [
        dict(zip(neighbor_ids[bounds[x] : bounds[x + 1]], neighbor_sums[bounds[x] : bounds[x + 1]], strict=True))
        for x in range(n_clusters)
    ]

    members: list[list[int]] = [[] for _ in range(n_clusters)]
    for node, cluster in enumerate(cluster_of.tolist()):
        members[cluster].append(node)
    alive = [True] * n_clusters
    # The merge order is that of one heap holding every candidate pair as
    # (-average, first, second), where ``first`` is the cluster of the pair that
    # merged last (both unmerged: the smaller id). Instead of that heap (at 63k
    # articles 1.5 million entries, 98% stale when popped), each cluster keeps
    # its own best such key, and the heap holds one entry per cluster: the same
    # minimum, hence the same merges, in a few percent of the heap operations.
    last_merge = [0] * n_clusters  # step of the cluster's last merge (0: never)
    best: list[tuple[float, int, int] | None] = [None] * n_clusters
    stamp = [0] * n_clusters
    heap: list[tuple[float, int, int, int, int]] = []
    heappop, heappush = heapq.heappop, heapq.heappush

    def best_of(x: int) -> tuple[float, int, int] | None:
        found = None
        frozen_x, size_x, last_x = is_frozen[x], size[x], last_merge[x]
        for y, total in sums[x].items():
            if frozen_x and is_frozen[y]:
                continue
            average = total / (size_x * size[y])
            if average < threshold or (found is not None and -average > found[0]):
                continue  # not eligible, or strictly worse than the best so far
            last_y = last_merge[y]
            if last_x > last_y:
                key = (-average, x, y)
            elif last_y > last_x:
                key = (-average, y, x)
            else:
                key = (-average, x, y) if x < y else (-average, y, x)
            if found is None or key < found:
                found = key
        return found

    for x in range(n_clusters):
        key = best_of(x)
        best[x] = key
        if key is not None:
            heap.append((key[0], key[1], key[2], x, 0))
    heapq.heapify(heap)

    step = 0
    while heap:
        _, a, b, owner, owner_stamp = heappop(heap)
        if stamp[owner] != owner_stamp or not alive[owner]:
            continue
        # Merge the smaller neighbor map into the larger one.
        sums_a, sums_b = sums[a], sums[b]
        if len(sums_a) < len(sums_b):
            a, b = b, a
            sums_a, sums_b = sums_b, sums_a
        alive[b] = False
        sums_a.pop(b, None)
        for c, total in sums_b.items():
            if c == a:
                continue
            merged = sums_a.get(c, 0.0) + total
            sums_a[c] = merged
            neighbor = sums[c]
            neighbor.pop(b, None)
            neighbor[a] = merged
        sums[b] = {}
        size[a] += size[b]
        is_frozen[a] = is_frozen[a] or is_frozen[b]
        members[a].extend(members[b])
        members[b] = []
        step += 1
        last_merge[a] = step
        stamp[b] += 1
        # a's pairs all changed (and are now oriented (a, c)).
        key = best_of(a)
        best[a] = key
        stamp[a] += 1
        if key is not None:
            heappush(heap, (key[0], key[1], key[2], a, stamp[a]))
        size_a, frozen_a = size[a], is_frozen[a]
        for c, total in sums_a.items():
            current = best[c]
            if current is not None and (current[1] in (a, b) or current[2] in (a, b)):
                key = best_of(c)  # its best pair changed or is gone: look again
            else:
                key = current
                if not (frozen_a and is_frozen[c]):
                    average = total / (size_a * size[c])
                    if average >= threshold:
                        candidate = (-average, a, c)
                        if current is None or candidate < current:
                            key = candidate
                if key is current:
                    continue
            best[c] = key
            stamp[c] += 1
            if key is not None:
                heappush(heap, (key[0], key[1], key[2], c, stamp[c]))

    labels = np.empty(n, dtype=np.int64)
    next_label = 0
    for cluster in range(n_clusters):
        if alive[cluster] and members[cluster]:
            labels[members[cluster]] = next_label
            next_label += 1
    return labels


def attach_singletons(
    graph: sp.csr_matrix,
    labels: np.ndarray,
    min_similarity: float,
    movable: np.ndarray | None = None,
) -> np.ndarray:
    """Each article alone in its cluster joins the multi-article cluster it is most
    similar to on average (over all that cluster's members, missing edges = 0),
    when that average is >= ``min_similarity``.

    Average linkage leaves an article alone when its mean similarity to a story
    falls short of the merge threshold; short reports (one or two sentences)
    often do, though they clearly point at one story of their topic and nowhere
    else. Measured on ECB+ (clustering/README.md): 0.7 x threshold lifts recall
    without merging events. ``movable``: the only rows that may move (incremental
    mode: the new articles; existing stories stay as they are).
    """
    _, labels = np.unique(labels, return_inverse=True)
    sizes = np.bincount(labels)
    alone = np.flatnonzero(sizes[labels] == 1)
    if movable is not None:
        alone = np.intersect1d(alone, movable)
    if not len(alone) or len(sizes) < 2 or not (sizes > 1).any():
        return labels
    n = len(labels)
    membership = sp.csr_matrix(
        (np.ones(n, dtype=np.float64), (np.arange(n), labels)), shape=(n, len(sizes))
    )
    average = (graph[alone] @ membership).tocsr()
    if min_similarity <= 0:
        # A story without edges (average 0) could win: only the dense row knows.
        dense = average.toarray() / sizes[None, :]
        dense[:, sizes == 1] = -np.inf  # singletons join stories, not each other
        best = np.argmax(dense, axis=1)
        joins = dense[np.arange(len(alone)), best] >= min_similarity
    else:
        # Sparse: a lone article has edges to a handful of stories, and the dense
        # (alone x stories) array was most of the time (and GBs) at 63k articles.
        # The stories it has no edge to average 0 < min_similarity, so the best
        # story is the first column (numpy's argmax tie rule) of its row maximum.
        average.sum_duplicates()
        average.sort_indices()
        values = average.data / sizes[average.indices]
        values[sizes[average.indices] == 1] = -np.inf  # singletons join stories, not each other
        row_of = np.repeat(np.arange(len(alone)), np.diff(average.indptr))
        row_max = np.full(len(alone), -np.inf)
        nonempty = np.flatnonzero(np.diff(average.indptr))
        if len(nonempty):
            row_max[nonempty] = np.maximum.reduceat(values, average.indptr[:-1][nonempty])
        hit = np.flatnonzero(values == row_max[row_of])
        first_hit = hit[np.r_[True, row_of[hit][1:] != row_of[hit][:-1]]] if len(hit) else hit
        best = np.zeros(len(alone), dtype=np.int64)
        best[row_of[first_hit]] = average.indices[first_hit]
        joins = row_max >= min_similarity
    result = labels.copy()
    result[alone[joins]] = best[joins]
    return np.unique(result, return_inverse=True)[1]
