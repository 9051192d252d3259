"""Candidate search: which pairs of articles the pair scorer looks at.

Every article's ``k`` nearest neighbours by dense cosine and its ``k`` nearest by TF-IDF
cosine, among the articles published within ``window_days`` of it (articles of unknown date
are compared with every article). Rows are processed in blocks of consecutive publication
time, so memory is ``block x window``, never ``n x n``, and a time shard padded by
``window_days`` on each side yields exactly the pairs of its own rows (the Ray engine relies
on it). Ties are broken by the lower article index, so the result is deterministic. When every
row is searched and the rows are in time order (a fit), each TF-IDF product is computed once:
a block meets only itself and the rows after it, and reads its cosines with earlier rows from
their blocks' products (:func:`_symmetric_search`; the same pairs and cosines, to the bit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # corpus.prepare reads undated_cells from here
    from clustering.corpus import CorpusFeatures

BLOCK_ROWS = 512
# Articles without a publication date cannot be searched within a time window. Up to
# UNDATED_EXHAUSTIVE_MAX of them, each is compared with every article (exact). Past it (and with
# dense vectors), they are bounded the way an inverted-file index bounds a nearest-neighbour
# search: k-means on the dense vectors of the undated articles cuts them into cells of about
# CELL_ROWS; every article (dated or not) is filed under its CELL_PROBES nearest centroids, and an
# undated article is compared with the articles filed under the cell of its nearest centroid
# (CELL_PROBES x CELL_ROWS undated ones, and the dated ones filed there). The cost is linear in
# the number of articles, not quadratic. A dated article then meets undated ones only from their
# side. The cells are recomputed at every fit: past the cap, adding articles (partial_fit, an
# upload) can change the candidates of undated articles it does not touch.
UNDATED_EXHAUSTIVE_MAX = 20_000
CELL_ROWS = 2_000
CELL_PROBES = 3
# Past this many undated articles, a fit says in one line what their search costs.
UNDATED_NOTE_MIN = 5000


def undated_cells(days: np.ndarray, dense: np.ndarray | None) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(cell of every article, its CELL_PROBES nearest cells) when the undated articles are
    too many to compare with everything and dense vectors exist; else (None, None)."""
    unknown = np.flatnonzero(np.isnan(days))
    if len(unknown) <= UNDATED_EXHAUSTIVE_MAX or dense is None:
        return None, None
    from sklearn.cluster import MiniBatchKMeans

    n_cells = int(np.ceil(len(unknown) / CELL_ROWS))
    kmeans = MiniBatchKMeans(n_clusters=n_cells, random_state=0, n_init=1, batch_size=4096)
    # A vector with a NaN (a broken model output) counts as zeros: it must not stop the fit.
    kmeans.fit(np.nan_to_num(np.asarray(dense[unknown], dtype=np.float32)))
    centres = kmeans.cluster_centers_.astype(np.float32)
    centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)
    n_probes = min(CELL_PROBES, n_cells)
    probes = np.empty((len(days), n_probes), dtype=np.int64)
    for start in range(0, len(days), 20_000):  # bounded memory: rows x cells per chunk
        scores = np.nan_to_num(dense[start:start + 20_000]) @ centres.T
        top = np.argpartition(-scores, n_probes - 1, axis=1)[:, :n_probes] if n_probes < n_cells else (
            np.tile(np.arange(n_cells), (len(scores), 1)))
        # Nearest first; ties by the lower cell (deterministic).
        values = np.take_along_axis(scores, top, axis=1)
        probes[start:start + 20_000] = np.take_along_axis(top, np.lexsort((top, -values), axis=1), axis=1)
    return probes[:, 0].copy(), probes


def undated_note(days: np.ndarray, cells: np.ndarray | None = None) -> str | None:
    """A one-line note when many articles have no publication date (``days``: NaN = none)."""
    undated = int(np.isnan(days).sum())
    if undated < UNDATED_NOTE_MIN:
        return None
    if cells is not None:
        return (f"{undated} of {len(days)} articles have no publication date: each is compared with the "
                "articles (dated or not) filed under its cell of similar articles, not with every article")
    return (f"{undated} of {len(days)} articles have no publication date: each is compared with every "
            "article, so grouping them takes time that grows with the square of their number")


def _order_by_time(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Known-date rows sorted by (day, index), their days, and the unknown-date rows."""
    known = np.flatnonzero(~np.isnan(days))
    order = known[np.lexsort((known, days[known]))]
    return order, days[order], np.flatnonzero(np.isnan(days))


def _top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Per row, the column positions of the ``k`` highest finite scores (ties: lower column)."""
    k = min(k, scores.shape[1])
    if k <= 0:
        return np.zeros((scores.shape[0], 0), dtype=np.int64)
    # Stable: sort by (-score, column); argpartition alone would break ties arbitrarily.
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < scores.shape[1] else (
        np.tile(np.arange(scores.shape[1]), (scores.shape[0], 1))
    )
    values = np.take_along_axis(scores, part, axis=1)
    kth = values.min(axis=1, keepdims=True)
    # Rows whose k-th score is not tied outside the partition: the partition is the answer,
    # ordered by (-score, column) in one vectorized sort. Tied rows take the exact path.
    tied = (scores >= kth).sum(axis=1) > k
    top = np.take_along_axis(part, np.lexsort((part, -values), axis=1), axis=1)
    for r in np.flatnonzero(tied).tolist():
        above = np.flatnonzero(scores[r] >= kth[r, 0])
        top[r] = above[np.lexsort((above, -scores[r, above]))][:k]
    top[~np.isfinite(np.take_along_axis(scores, top, axis=1))] = -1
    return top


def candidate_pairs(
    corpus: CorpusFeatures,
    k: int = 15,
    window_days: float = 3.0,
    rows: np.ndarray | None = None,
    block_rows: int = BLOCK_ROWS,
    with_scores: bool = False,
    n_jobs: int = 1,
):
    """Candidate pairs ``(i, j)``, ``i < j``, sorted, of ``rows`` (default: every row).

    ``with_scores``: also return each pair's cosines (text, dense, title, names, numbers), computed on the way
    (the pair features need them; recomputing them per pair costs as much again).
    ``n_jobs``: threads over the blocks (scipy's sparse products and numpy's dense ones
    release the GIL); the result does not depend on it."""
    n = len(corpus)
    wanted = np.ones(n, dtype=bool) if rows is None else np.isin(np.arange(n), rows)
    order, sorted_days, unknown = _order_by_time(corpus.days)
    found: list[np.ndarray] = []
    # Unknown-date rows (and known rows, against them) are compared with everything.
    blocks = [order[s : s + block_rows] for s in range(0, len(order), block_rows)]
    if corpus.cell is not None:
        blocks += _blocks_by_cell(corpus.cell, unknown, block_rows)
    else:
        blocks += [unknown[s : s + block_rows] for s in range(0, len(unknown), block_rows)]
    blocks = [b[wanted[b]] for b in blocks]
    blocks = [b for b in blocks if len(b)]

    def one(block: np.ndarray):
        targets = _targets(corpus, block, order, sorted_days, unknown, window_days)
        return _block_pairs(corpus, block, targets, k, window_days)

    if rows is None and not len(unknown) and np.all(np.diff(order) > 0):
        # Every row, in time order: each TF-IDF product is computed once (see _symmetric_search).
        found = _symmetric_search(corpus, sorted_days, k, window_days, block_rows, n_jobs)
    elif n_jobs > 1 and len(blocks) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(n_jobs) as pool:
            found = list(pool.map(one, blocks))  # results in block order
    else:
        found = [one(b) for b in blocks]
    if not found:
        empty = np.zeros((0, 2), dtype=np.int64)
        found = [(empty, {name: np.zeros(0) for name in SCORE_NAMES})]
    pairs = np.concatenate([f[0] for f in found])
    pairs = np.sort(pairs, axis=1)
    keys, first = np.unique(pairs[:, 0] * n + pairs[:, 1], return_index=True)
    result = np.stack([keys // n, keys % n], axis=1)
    scores = {name: np.concatenate([f[1][name] for f in found])[first] for name in found[0][1]}
    if rows is None:  # a whole corpus (a shard's rows get theirs from with_copy_pairs on the union)
        result, scores = with_copy_pairs(corpus, result, scores)
    return (result, scores) if with_scores else result


SCORE_NAMES = ("text", "dense", "title", "names", "numbers")


def with_copy_pairs(corpus: CorpusFeatures, pairs: np.ndarray, scores: dict[str, np.ndarray]):
    """``pairs`` (sorted, i < j) and their ``scores``, with each copy of a text paired with the
    copy before it (``corpus.copies``, :mod:`clustering.copies`), when the search did not pair
    them: of N copies of one text each keeps only its k nearest, ties to the lower index, so
    the copies fall apart into cliques of identical edits that no pair joins (1,000 copies: 13
    components). The chain gives the scorer one pair per copy to say whether they report one
    happening (linear: each copy adds at most one pair)."""
    if corpus.copies is None or not len(corpus):
        return pairs, scores
    n = len(corpus)
    # Each group's members in row order; its first holds the label (in a subset, the label is
    # another row's number: the chain is by position, so the same however the rows are numbered).
    order = np.lexsort((np.arange(n), corpus.copies))
    same = corpus.copies[order[1:]] == corpus.copies[order[:-1]]
    chain = np.sort(np.stack([order[:-1][same], order[1:][same]], axis=1), axis=1)
    new_keys = np.setdiff1d(chain[:, 0] * n + chain[:, 1], pairs[:, 0] * n + pairs[:, 1])
    if not len(new_keys):
        return pairs, scores
    extra = np.stack([new_keys // n, new_keys % n], axis=1)
    from clustering.pair_features import dense_dots, row_dots

    added = {name: row_dots(getattr(corpus, name), extra[:, 0], extra[:, 1]) for name in ("text", "title", "names",
                                                                                           "numbers")}
    added["dense"] = (dense_dots(corpus.dense, extra[:, 0], extra[:, 1]) if corpus.dense is not None
                      else np.zeros(len(extra)))
    keys = np.concatenate([pairs[:, 0] * n + pairs[:, 1], new_keys])
    order = np.argsort(keys, kind="stable")
    merged = np.concatenate([pairs, extra])[order]
    return merged, {name: np.concatenate([scores[name], added[name]])[order] for name in scores}


def _blocks_by_cell(cell: np.ndarray, rows: np.ndarray, block_rows: int) -> list[np.ndarray]:
    """Undated rows in blocks of one cell each: the block's targets are those of each row."""
    rows = rows[np.lexsort((rows, cell[rows]))]
    change = np.flatnonzero(np.diff(cell[rows]) != 0) + 1
    return [group[s : s + block_rows] for group in np.split(rows, change) for s in range(0, len(group), block_rows)]


def _targets(corpus, block, order, sorted_days, unknown, window_days) -> np.ndarray:
    block_days = corpus.days[block]
    if np.isnan(block_days).any():
        if corpus.cell is not None:  # the articles that probe the block's cell
            return np.flatnonzero(np.isin(corpus.probes, np.unique(corpus.cell[block])).any(axis=1))
        return np.arange(len(corpus))
    lo = np.searchsorted(sorted_days, block_days.min() - window_days, side="left")
    hi = np.searchsorted(sorted_days, block_days.max() + window_days, side="right")
    if corpus.cell is not None:
        return np.sort(order[lo:hi])  # undated articles meet this block from their side
    return np.sort(np.concatenate([order[lo:hi], unknown]))


def _symmetric_search(corpus: CorpusFeatures, days: np.ndarray, k: int, window_days: float,
                      block_rows: int, n_jobs: int) -> list:
    """What the blocks give, for a corpus whose rows are all in time order with known dates,
    with each TF-IDF product computed once: a block is multiplied with itself and the rows
    after it in its window only, and its rows' cosines with earlier rows are read from the
    earlier blocks' products. Half the sparse work, the same numbers: scipy sums a sparse dot
    product over the shared terms in term order, so ``x_i . x_j`` and ``x_j . x_i`` are equal
    to the last bit (tested), and the pairs are exactly those of the block-by-block search."""
    n = len(days)
    starts = list(range(0, n, block_rows))
    ends = [min(start + block_rows, n) for start in starts]
    his = np.searchsorted(days, days[np.array(ends) - 1] + window_days, side="right")
    los = np.searchsorted(days, days[np.array(starts)] - window_days, side="left")
    forward: dict[int, np.ndarray] = {}

    def product(b: int) -> np.ndarray:  # block b against itself and the rows after it
        return (corpus.text[starts[b]:ends[b]] @ corpus.text[starts[b]:his[b]].T).toarray()

    def scores(b: int) -> np.ndarray:  # block b against its window [los[b], his[b])
        out = np.full((ends[b] - starts[b], his[b] - los[b]), -np.inf, dtype=np.float32)
        out[:, starts[b] - los[b]:] = forward[b]
        for earlier in range(b - 1, -1, -1):
            if ends[earlier] <= los[b]:
                break
            rows = slice(max(los[b], starts[earlier]) - starts[earlier], ends[earlier] - starts[earlier])
            cols = slice(starts[b] - starts[earlier], min(ends[b], his[earlier]) - starts[earlier])
            piece = forward[earlier][rows, cols].T  # columns past the earlier window: -inf (too far apart)
            out[:piece.shape[0], max(los[b], starts[earlier]) - los[b]:ends[earlier] - los[b]] = piece
        return out

    def pairs(b: int):
        return _block_pairs(corpus, np.arange(starts[b], ends[b]), np.arange(los[b], his[b]), k, window_days,
                            text=scores(b))

    found = []
    chunk = max(1, n_jobs) * 4
    pool = None
    if n_jobs > 1:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(n_jobs)
    try:
        run = pool.map if pool is not None else map
        for first in range(0, len(starts), chunk):
            batch = range(first, min(first + chunk, len(starts)))
            forward.update(zip(batch, run(product, batch), strict=True))
            found += list(run(pairs, batch))
            # Products no later block's window reaches are dropped (memory: a window of blocks).
            reach = los[min(first + chunk, len(starts) - 1)]
            for b in [b for b in forward if ends[b] <= reach]:
                del forward[b]
    finally:
        if pool is not None:
            pool.shutdown()
    return found


def _crowded_copies(corpus: CorpusFeatures, block: np.ndarray, targets: np.ndarray) -> np.ndarray | bool:
    """Where a row of ``block`` or a target is a crowded copy (``corpus.crowded``: a copy of a text
    carried by more than ``k`` articles, other than the first): no candidate pair. Searched, the
    copies' own copies would fill every one of their ``k`` places (ties to the lower index) and they
    would fill those of every article near their text; so the first copy stands for them (its pairs
    are the group's: :func:`clustering.grouping.group_component`) and :func:`with_copy_pairs`
    chains the rest. A group of ``k`` or fewer (every group in a day of real news, session 39) is
    searched as before."""
    if corpus.crowded is None or not (corpus.crowded[block].any() or corpus.crowded[targets].any()):
        return False
    return corpus.crowded[block][:, None] | corpus.crowded[targets][None, :]


def _block_pairs(corpus: CorpusFeatures, block, targets, k: int, window_days: float, text=None):
    """The block's pairs and their cosines ({"text": ..., "dense": ...}); ``text``: the
    block's TF-IDF cosines with the targets, when already computed."""
    if text is None:
        text = (corpus.text[block] @ corpus.text[targets].T).toarray()
    invalid = block[:, None] == targets[None, :]
    gap = np.abs(corpus.days[block][:, None] - corpus.days[targets][None, :])
    invalid |= gap > window_days  # NaN gaps (unknown dates) compare False: kept
    if corpus.cell is not None and np.isnan(corpus.days[block]).any():
        # An undated row meets only the articles that probe its own cell: the same pairs
        # however rows are blocked.
        allowed = (corpus.probes[targets][None, :, :] == corpus.cell[block][:, None, None]).any(axis=2)
        invalid |= np.isnan(corpus.days[block])[:, None] & ~allowed
    invalid |= _crowded_copies(corpus, block, targets)
    text[invalid] = -np.inf
    picks = [_top_k(text, k)]
    dense = None
    if corpus.dense is not None:
        dense = corpus.dense[block] @ corpus.dense[targets].T
        dense[invalid] = -np.inf
        picks.append(_top_k(dense, k))
    rows, cols = [], []
    for top in picks:
        r, c = np.nonzero(top >= 0)
        chosen = top[r, c]
        ok = ~invalid[r, chosen]
        rows.append(r[ok])
        cols.append(chosen[ok])
    r, c = np.concatenate(rows), np.concatenate(cols)
    scores = {"text": text[r, c].astype(np.float64),
              "dense": dense[r, c].astype(np.float64) if dense is not None else np.zeros(len(r))}
    # The other cosines of the chosen pairs only (a block product would compute them all).
    from clustering.pair_features import row_dots

    for name in ("title", "names", "numbers"):
        scores[name] = row_dots(getattr(corpus, name), block[r], targets[c], threads=1)  # blocks run in threads
    return np.stack([block[r], targets[c]], axis=1), scores
