"""Story-context features: what the other articles say about a pair.

The pair scorer (:mod:`clustering.pair_features`, :class:`~clustering.scorer.PairScorer`) judges
two articles by themselves. Two reports of one developing story often share little text (a
preview and its outcome), while both are clearly the same story as a third article; two
articles of one topic often resemble each other yet are linked to different happenings. So the
second stage of the same-story model (:class:`~clustering.scorer.SameStoryModel`) reads, for a
pair (a, b), the first stage's probabilities over all candidate pairs: whom a and b are each
likely the same story as, and how strongly. :data:`CONTEXT_FEATURES` documents each column.

Everything here is a sparse-matrix computation over the candidate pairs (linear in their
number: no n x n matrix), in use and in training alike (``clustering/training.py`` computes the
first stage's probabilities out of fold, so the second stage is trained on the values it meets).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from clustering.pair_features import row_dots

CONTEXT_FEATURES: dict[str, str] = {
    "direct": "the pair scorer's log-odds for the two articles themselves (their own features)",
    "shared_cosine": "cosine of the two articles' rows of first-stage probabilities (whom both resemble)",
    "shared_jaccard": "overlap (Jaccard) of the articles each is as likely as not the same story as",
    "shared_count": "log(1 + how many articles both are as likely as not the same story as)",
    "fewer_links": "log(1 + the smaller of the two articles' counts of such links)",
    "more_links": "log(1 + the larger of the two counts)",
    "two_step": "the strongest path through one third article: max over w of min(P(a, w), P(w, b))",
}
CONTEXT_NAMES = list(CONTEXT_FEATURES)
# "As likely as not": the probability at which a first-stage link counts as a link.
LIKELY = 0.5
# Links weaker than this are left out of the two-step path (they cannot make it strong, and
# they are most of the candidate pairs). Chosen on the development windows among 0, 0.2, 0.4
# (window F1 0.912, 0.914, 0.913: flat; see clustering/README.md).
PATH_FLOOR = 0.2
_CHUNK = 200_000


def probability_matrix(n: int, pairs: np.ndarray, proba: np.ndarray, floor: float = 0.0) -> sp.csr_matrix:
    """Symmetric n x n sparse matrix of the pairs' probabilities (rows sorted by column)."""
    keep = proba >= floor
    i, j, p = pairs[keep, 0], pairs[keep, 1], proba[keep]
    matrix = sp.coo_matrix((np.r_[p, p], (np.r_[i, j], np.r_[j, i])), shape=(n, n)).tocsr()
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix


def two_step(matrix: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """max over w of min(M[a, w], M[w, b]) per query pair (0 without a common neighbour).

    Walks the shorter of the two rows and looks each neighbour up in the other row (a
    binary search over the matrix' sorted (row, column) keys), in bounded chunks."""
    n = matrix.shape[0]
    degree = np.diff(matrix.indptr)
    swap = degree[a] > degree[b]
    a, b = np.where(swap, b, a), np.where(swap, a, b)
    keys = np.repeat(np.arange(n, dtype=np.int64), degree) * n + matrix.indices
    out = np.zeros(len(a))
    if not len(keys):
        return out
    for start in range(0, len(a), _CHUNK):
        qa, qb = a[start:start + _CHUNK], b[start:start + _CHUNK]
        walked = degree[qa]
        query = np.repeat(np.arange(len(qa)), walked)
        offsets = np.arange(walked.sum()) - np.repeat(np.cumsum(walked) - walked, walked)
        entry = np.repeat(matrix.indptr[qa], walked) + offsets
        wanted = qb[query].astype(np.int64) * n + matrix.indices[entry]
        found = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        hit = keys[found] == wanted
        value = np.where(hit, np.minimum(matrix.data[entry], matrix.data[found]), 0.0)
        np.maximum.at(out, start + query, value)
    return out


def context_features(n: int, pairs: np.ndarray, proba: np.ndarray, direct: np.ndarray,
                     query: np.ndarray | None = None) -> np.ndarray:
    """The :data:`CONTEXT_FEATURES` of ``query`` (default: ``pairs``), from the first stage's
    probabilities ``proba`` of every candidate pair ``pairs`` of ``n`` articles; ``direct``: the
    first stage's log-odds of the query pairs."""
    query = pairs if query is None else query
    if not len(query):
        return np.zeros((0, len(CONTEXT_NAMES)))
    a, b = query[:, 0], query[:, 1]
    weights = probability_matrix(n, pairs, proba)
    links = (weights >= LIKELY).astype(np.float64)
    norm = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    cosine = row_dots(weights, a, b) / np.maximum(norm[a] * norm[b], 1e-9)
    shared = row_dots(links, a, b)
    degree = np.asarray(links.sum(axis=1)).ravel()
    linked = np.asarray(links[a, b]).ravel()
    union = degree[a] + degree[b] - shared - 2 * linked
    return np.column_stack([
        direct,
        cosine,
        shared / np.maximum(union, 1.0),
        np.log1p(shared),
        np.log1p(np.minimum(degree[a], degree[b])),
        np.log1p(np.maximum(degree[a], degree[b])),
        two_step(probability_matrix(n, pairs, proba, PATH_FLOOR), a, b),
    ])
