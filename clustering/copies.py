"""Copies: articles that carry one text (a wire report re-published by many sites).

A wire report (Reuters, AP, Xinhua, CNA) is often carried by dozens or hundreds of sites, each
with its own headline and a figure or two edited. Counted as so many independent articles, such
copies split (session 39, issue 11: 40 copies of one made-up report formed 7 stories, 320 formed
198, with e5 vectors):

* the corpus' IDF: a report carried by half the corpus has every one of its terms pruned as too
  common (``max_df``), so the copies shared almost nothing but their edited figures (P ~0.17);
* the candidate search: each copy keeps its ``k`` nearest, all copies, ties to the lower index:
  of N copies each pair is scored with probability about 2k / N (lexically the copies even fall
  apart into cliques of identical edits), and they fill the lists of the articles near their text;
* the grouping: average linkage counts the unscored pairs as P = 0 at ``missing_weight``, so
  groups of copies stopped at about 70-90 even at P ~0.97.

:func:`copy_groups` finds the copies from the lexical terms each article was counted with (the
title and lead), by one-permutation MinHash: each term is hashed once; the hash's top bits pick
one of :data:`BINS` bins and each article keeps, per bin, the smallest hash of its terms. Two
articles agree on a bin with probability their Jaccard similarity (a bin both lack counts
neither way). Articles sharing the bins of one band (:data:`BAND` bins) are compared with the
band's first article only; a pair estimated at Jaccard >= :data:`MIN_JACCARD` (a few terms of a
headline or a figure changed, not a trimmed or rewritten text) and published at most
:data:`MAX_DAYS` apart (or undated) is linked, and the groups are the linked components. Cost:
one pass over the counted terms (in chunks of :data:`SIGNATURE_ROWS` rows) and ``BINS``
comparisons per article per band, linear in the corpus, never a pair per two copies (0.2 s for
20,000 articles of 470 terms on a loaded 2-core machine).

Only a text carried by more than ``k`` articles (``corpus.prepare``'s ``crowd``) is then treated as
one, so a corpus without one clusters exactly as before (a day of real news holds copy groups
of 2-4 articles: 36 in 2-3 July 2021): its copies count as one document in the IDF
(:class:`clustering.features.GroupIdf`), its first copy alone searches and is searched for
candidates, the others chained to it one pair each (:mod:`clustering.candidates`), and the
grouping starts from the copies the scorer links as one group whose unscored pairs take the mean of
its scored ones (:mod:`clustering.grouping`).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

BINS = 64
BAND = 4  # bins per band: 16 bands; a pair at Jaccard 0.8 shares one with probability 0.9998
MIN_JACCARD = 0.8
# Fewer distinct terms than this (a bare headline): too little text to call two articles one.
MIN_TERMS = 16
MAX_DAYS = 1.0
SIGNATURE_ROWS = 4096
_EMPTY = np.uint32(np.iinfo(np.uint32).max)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64 of each value: a fixed hash, the same on every machine and run."""
    z = values.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def signatures(tf: sp.csr_matrix) -> np.ndarray:
    """Per row, the smallest hash of its terms in each of :data:`BINS` bins (``_EMPTY``: none).
    Each vocabulary term is hashed once (32 bits: the top 6 pick the bin); per counted term, a
    gather and a minimum (the memory traffic of one pass over the corpus' terms)."""
    tf = sp.csr_matrix(tf)
    term_hash = (_mix(np.arange(tf.shape[1], dtype=np.uint64)) >> np.uint64(32)).astype(np.uint32)
    out = np.full(tf.shape[0] * BINS, _EMPTY, dtype=np.uint32)
    for start in range(0, tf.shape[0], SIGNATURE_ROWS):  # bounded temporaries: a chunk's terms
        stop = min(start + SIGNATURE_ROWS, tf.shape[0])
        hashed = term_hash[tf.indices[tf.indptr[start]:tf.indptr[stop]]]
        slots = np.repeat(np.arange(start, stop, dtype=np.int64) * BINS, np.diff(tf.indptr[start:stop + 1]))
        slots += hashed >> np.uint32(32 - 6)  # top 6 bits: BINS = 64
        np.minimum.at(out, slots, hashed)
    return out.reshape(tf.shape[0], BINS)


def agreement(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard of signature rows ``a`` and ``b``: the share of bins, of those either
    row fills, on which the two agree."""
    filled = (a != _EMPTY) | (b != _EMPTY)
    same = (a == b) & filled
    return same.sum(axis=1) / np.maximum(filled.sum(axis=1), 1)


def copy_groups(tf: sp.csr_matrix, days: np.ndarray) -> np.ndarray:
    """A group id per row (the smallest row of its group): rows that are copies of one text share
    one (see the module docstring); every other row is its own group."""
    n = tf.shape[0]
    labels = np.arange(n, dtype=np.int64)
    eligible = np.flatnonzero(np.diff(sp.csr_matrix(tf).indptr) >= MIN_TERMS)
    if len(eligible) < 2:
        return labels
    sig = signatures(tf)[eligible]
    links_a, links_b = [], []
    for start in range(0, BINS, BAND):
        band = sig[:, start].astype(np.uint64)
        for column in range(start + 1, start + BAND):
            band = _mix(band ^ sig[:, column])
        _, head_of, inverse = np.unique(band, return_index=True, return_inverse=True)
        head = head_of[inverse]  # the band's first row (np.unique returns the first index)
        rows = np.flatnonzero(head != np.arange(len(eligible)))
        if not len(rows):
            continue
        ok = agreement(sig[rows], sig[head[rows]]) >= MIN_JACCARD
        gap = np.abs(days[eligible[rows]] - days[eligible[head[rows]]])
        ok &= ~(gap > MAX_DAYS)  # undated: NaN gap, not excluded (as the candidate search does)
        links_a.append(rows[ok])
        links_b.append(head[rows[ok]])
    a, b = np.concatenate(links_a or [np.zeros(0, np.int64)]), np.concatenate(links_b or [np.zeros(0, np.int64)])
    if not len(a):
        return labels
    graph = sp.csr_matrix((np.ones(len(a)), (a, b)), shape=(len(eligible), len(eligible)))
    _, component = connected_components(graph, directed=False)
    first = np.full(len(eligible), len(eligible), dtype=np.int64)
    np.minimum.at(first, component, np.arange(len(eligible)))
    labels[eligible] = eligible[first[component]]
    return labels
