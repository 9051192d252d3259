"""What each article's neighbourhood looks like: per-article statistics over the candidate pairs.

A pair's cosine alone says little: e5 rates unrelated Chinese news at 0.85-0.93, and during a
big running topic (a war, an election) every article shares its vocabulary with dozens of
others. The pair features therefore compare a pair with its articles' neighbourhoods, the
pairs the candidate search found for them (:mod:`clustering.candidates`):

* the mean dense and TF-IDF cosine of each article to its candidates (is this pair closer
  than usual?);
* each article's candidate cosines, sorted, so a pair's rank among them is a lookup, also for
  a pair the search did not return (training meets such pairs: annotators judged them);
* each article's vector minus its candidates' mean vector (the running topic they share),
  so what two articles share beyond their topic can be measured.

The statistics come from the candidate pairs of the corpus being clustered and only from
them: training (``clustering.training``) builds them the same way, so the scorer sees the
features it was trained on. :meth:`Neighbourhood.subset` keeps them whole for a shard.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

# Rank lookup keys: row * _STRIDE + (1 - cosine); cosine in [-1, 1], so 1 - cosine in [0, 2].
_STRIDE = 4.0
# Cosines closer than this count as equal in ranks (they are rounded to 1e-6 by stable()).
TIE = 1.5e-6


def stable(cosines: np.ndarray) -> np.ndarray:
    """Cosines rounded to 1e-6: a block product and a row-wise product of the same vectors
    differ in the last float bits, which must not reorder ranks or flip a tree's split."""
    return np.round(np.asarray(cosines, dtype=np.float64), 6)


@dataclass
class SortedScores:
    """Per article, its candidate cosines as ``1 - cosine``, ascending (CSR layout)."""

    indptr: np.ndarray  # (n + 1,)
    distances: np.ndarray  # 1 - cosine, ascending within each row

    def __post_init__(self) -> None:
        # Lookup keys row * _STRIDE + distance (a subset rebuilds them for its own rows).
        rows = np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))
        self._keys = rows * _STRIDE + self.distances

    @classmethod
    def build(cls, n: int, pairs: np.ndarray, cosines: np.ndarray) -> SortedScores:
        owners = np.concatenate([pairs[:, 0], pairs[:, 1]]).astype(np.int64)
        distances = 1.0 - np.clip(np.concatenate([cosines, cosines]), -1.0, 1.0)
        order = np.lexsort((distances, owners))
        indptr = np.searchsorted(owners[order], np.arange(n + 1), side="left")
        return cls(indptr, distances[order])

    def rank(self, rows: np.ndarray, cosines: np.ndarray) -> np.ndarray:
        """1 + how many of each row's candidates are closer than ``cosines`` by more than
        rounding noise (:data:`TIE`: the same pair's cosine from a block product and from
        a row-wise product may differ by one rounding step)."""
        query = rows * _STRIDE + (1.0 - np.clip(cosines, -1.0, 1.0)) - TIE
        return np.searchsorted(self._keys, query, side="left") - self.indptr[rows] + 1

    def subset(self, rows: np.ndarray) -> SortedScores:
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        take = np.concatenate([np.arange(s, e) for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
                              or [np.zeros(0, np.int64)])
        return SortedScores(np.concatenate([[0], np.cumsum(ends - starts)]), self.distances[take])


@dataclass
class Neighbourhood:
    """Per-article statistics over the candidate pairs (see the module docstring)."""

    dense_mean: np.ndarray  # (n,) mean dense cosine to the candidates (0 without vectors)
    text_mean: np.ndarray  # (n,) mean TF-IDF cosine to the candidates
    dense_sorted: SortedScores | None
    text_sorted: SortedScores
    residual: np.ndarray | None  # (n, d) float32: vector minus its candidates' mean, L2-normalized

    def subset(self, rows: np.ndarray) -> Neighbourhood:
        rows = np.asarray(rows, dtype=np.int64)
        return Neighbourhood(
            self.dense_mean[rows], self.text_mean[rows],
            None if self.dense_sorted is None else self.dense_sorted.subset(rows),
            self.text_sorted.subset(rows),
            None if self.residual is None else self.residual[rows],
        )


def _means(n: int, pairs: np.ndarray, cosines: np.ndarray) -> np.ndarray:
    sums = np.bincount(pairs[:, 0], cosines, n) + np.bincount(pairs[:, 1], cosines, n)
    counts = np.bincount(pairs[:, 0], minlength=n) + np.bincount(pairs[:, 1], minlength=n)
    fallback = float(cosines.mean()) if len(cosines) else 0.0
    return np.where(counts > 0, sums / np.maximum(counts, 1), fallback)


def topic_residual(vectors: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Each vector minus the mean vector of its candidates, L2-normalized (float32): what an
    article says beyond the running topic its neighbours share."""
    n = len(vectors)
    if not len(pairs):
        return np.asarray(vectors, dtype=np.float32)
    ones = np.ones(len(pairs), dtype=np.float32)
    adjacency = sp.coo_matrix(
        (np.concatenate([ones, ones]), (np.concatenate([pairs[:, 0], pairs[:, 1]]),
                                        np.concatenate([pairs[:, 1], pairs[:, 0]]))), shape=(n, n),
    ).tocsr()
    counts = np.asarray(adjacency.sum(axis=1)).ravel()
    centroid = np.asarray(adjacency @ vectors, dtype=np.float32) / np.maximum(counts, 1)[:, None]
    residual = np.asarray(vectors, dtype=np.float32) - centroid
    norms = np.linalg.norm(residual, axis=1, keepdims=True)
    return residual / np.maximum(norms, 1e-9)


def neighbourhood(corpus, pairs: np.ndarray, known: dict[str, np.ndarray] | None = None) -> Neighbourhood:
    """The :class:`Neighbourhood` of ``corpus`` over its candidate ``pairs``. ``known``: the
    pairs' cosines ("dense", "text") when the candidate search already computed them."""
    from clustering.pair_features import dense_dots, row_dots

    known = known or {}
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    n = len(corpus)
    text = stable(known["text"] if "text" in known else row_dots(corpus.text, pairs[:, 0], pairs[:, 1]))
    if corpus.dense is None:
        dense_mean, dense_sorted, residual = np.zeros(n), None, None
    else:
        dense = stable(known["dense"] if "dense" in known else dense_dots(corpus.dense, pairs[:, 0], pairs[:, 1]))
        dense_mean, dense_sorted = _means(n, pairs, dense), SortedScores.build(n, pairs, dense)
        residual = topic_residual(corpus.dense, pairs)
    return Neighbourhood(dense_mean, _means(n, pairs, text), dense_sorted, SortedScores.build(n, pairs, text),
                         residual)
