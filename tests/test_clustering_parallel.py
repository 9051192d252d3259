"""The fast paths of the clusterer give exactly what the plain ones give.

Term counting (vectorized keys, tokenized in worker processes), stage 2 in worker
processes, the sparse singleton attachment and the allocator setting must not
change a single value: these tests compare them with a plain count, with one
process, and with the dense rule, on the demo corpus and on random graphs.
"""

from __future__ import annotations

import math
import multiprocessing
import platform
import re
import sys
from collections import Counter

import numpy as np
import pytest
import scipy.sparse as sp

import clustering.features as features_module
from clustering import StoryClusterer
from clustering.clusterer import _KEEP_MEMORY_ROWS
from clustering.features import ArticleDocuments, CorpusTerms, entity_tokens, word_tokens
from clustering.graph import attach_singletons, symmetric_edges
from clustering.memory import _set_numpy_hugepage, keep_freed_memory
from clustering.nbw_eval import DEMO_INPUTS, read_articles
from tests.test_clustering import _precomputed_vectors

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="worker processes need fork"
)
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@pytest.fixture(scope="module")
def articles():
    return read_articles(DEMO_INPUTS)


@pytest.fixture(scope="module")
def documents(articles):
    handmade = [
        "塔吉克斯坦动员2万名预备役军人 Tajikistan mobilizes 20,000 reservists, says Rahmon",
        "塔吉克斯坦 塔吉克斯坦 塔 A",
        "Only English: Biden said on Thursday that the U.S. military mission ends August 31.",
        "",
        "數字 1,200 與 3.5 萬",
    ]
    return handmade + list(ArticleDocuments(articles[:300], 3000)[:])


def _plain_counts(document: str) -> Counter:
    """Every lexical term of one document, counted the obvious way."""
    counts: Counter = Counter()
    for run in CJK_RUN.findall(document):
        if len(run) == 1:
            counts[ord(run)] += 1
        for a, b in zip(run, run[1:], strict=False):
            counts[(ord(a) << 16) | ord(b)] += 1
    latin = CJK_RUN.sub(lambda m: m.group(0)[0], document)
    counts.update(("w", token) for token in word_tokens(latin))
    return counts


def test_term_counts_equal_a_plain_count(documents):
    terms = CorpusTerms(documents, batch_size=64)
    vocabulary = terms.lexical_counts.vocabulary
    assert np.all(np.diff(vocabulary) > 0)
    matrix = terms.lexical_tf
    for row, document in enumerate(documents):
        expected = {}
        for term, count in _plain_counts(document).items():
            key = terms.words.ids[term[1]] if isinstance(term, tuple) else term
            expected[int(np.searchsorted(vocabulary, key))] = np.float32(math.log(count) + 1.0)
        start, stop = matrix.indptr[row], matrix.indptr[row + 1]
        got = dict(zip(matrix.indices[start:stop].tolist(), matrix.data[start:stop].tolist(), strict=True))
        assert got == pytest.approx(expected, rel=1e-6), row
        assert list(matrix.indices[start:stop]) == sorted(got)  # canonical CSR rows
    # Entity tokens: the same check on their own vocabulary.
    for row, document in enumerate(documents[:50]):
        tokens = Counter(entity_tokens(document))
        start, stop = terms.entity_tf.indptr[row], terms.entity_tf.indptr[row + 1]
        got = dict(zip(terms.entity_tf.indices[start:stop].tolist(),
                       terms.entity_tf.data[start:stop].tolist(), strict=True))
        expected = {
            int(np.searchsorted(terms.entity_counts.vocabulary, terms.entity_names.ids[t])): math.log(c) + 1.0
            for t, c in tokens.items()
        }
        assert got == pytest.approx(expected, rel=1e-6), row


def _same_matrix(a: sp.csr_matrix, b: sp.csr_matrix) -> bool:
    return (a.shape == b.shape and np.array_equal(a.indptr, b.indptr)
            and np.array_equal(a.indices, b.indices) and np.array_equal(a.data, b.data))


@needs_fork
def test_tokenizing_in_workers_equals_one_process(documents, monkeypatch):
    monkeypatch.setattr(features_module, "_MIN_PARALLEL_BATCHES", 2)
    serial = CorpusTerms(documents, batch_size=40, n_jobs=1)
    parallel = CorpusTerms(documents, batch_size=40, n_jobs=2)
    assert _same_matrix(serial.lexical_tf, parallel.lexical_tf)
    assert _same_matrix(serial.entity_tf, parallel.entity_tf)
    assert np.array_equal(serial.lexical_counts.vocabulary, parallel.lexical_counts.vocabulary)
    assert list(serial.words.ids.items()) == list(parallel.words.ids.items())
    assert list(serial.entity_names.ids.items()) == list(parallel.entity_names.ids.items())
    # The batch size does not change the counts either.
    assert _same_matrix(serial.lexical_tf, CorpusTerms(documents, batch_size=1000).lexical_tf)


def _stories(clusterer: StoryClusterer) -> list:
    return [(s.id, s.label, [(m.article_id, m.score) for m in s.members]) for s in clusterer.stories_]


@needs_fork
def test_topics_in_worker_processes_give_the_same_stories(articles, monkeypatch):
    vectors = _precomputed_vectors(articles)
    serial = StoryClusterer(n_jobs=1).fit(articles, vectors)
    monkeypatch.setattr(StoryClusterer, "_min_parallel_rows", 0)
    monkeypatch.setattr(features_module, "_MIN_PARALLEL_BATCHES", 2)
    started = []
    original = StoryClusterer._start_topic_workers

    def recording(self, groups, indices):
        pending = original(self, groups, indices)
        started.append(pending is not None)
        return pending

    monkeypatch.setattr(StoryClusterer, "_start_topic_workers", recording)
    parallel = StoryClusterer(n_jobs=2).fit(articles, vectors)
    assert started == [True]  # the workers did run
    assert np.array_equal(serial.labels_, parallel.labels_)
    assert _stories(serial) == _stories(parallel)
    assert parallel.neighbor_stats_.blocks == serial.neighbor_stats_.blocks


def _dense_attach(graph: sp.csr_matrix, labels: np.ndarray, min_similarity: float) -> np.ndarray:
    """The rule, stated densely: a lone article joins the multi-article cluster of
    highest mean similarity (missing edges 0) when that mean is >= min_similarity."""
    _, labels = np.unique(labels, return_inverse=True)
    sizes = np.bincount(labels)
    alone = np.flatnonzero(sizes[labels] == 1)
    if not len(alone) or not (sizes > 1).any():
        return labels
    dense = graph.toarray().astype(np.float64)
    result = labels.copy()
    for row in alone:
        means = np.array([dense[row, labels == c].sum() / sizes[c] if sizes[c] > 1 else -np.inf
                          for c in range(len(sizes))])
        best = int(np.argmax(means))
        if means[best] >= min_similarity:
            result[row] = best
    return np.unique(result, return_inverse=True)[1]


def test_sparse_singleton_attachment_follows_the_dense_rule():
    rng = np.random.default_rng(7)
    for trial in range(200):
        n = int(rng.integers(4, 40))
        m = int(rng.integers(0, 4 * n))
        i, j = rng.integers(0, n, m), rng.integers(0, n, m)
        keep = i != j
        values = rng.uniform(-0.1, 0.4, m).astype(np.float32)  # continuous: no ties
        graph = symmetric_edges(i[keep], j[keep], values[keep], n)
        labels = rng.integers(0, n // 2 + 1, n)
        for min_similarity in (0.05, 0.1, -0.01):
            expected = _dense_attach(graph, labels, min_similarity)
            assert np.array_equal(attach_singletons(graph, labels, min_similarity), expected), trial


def test_keeping_freed_memory_is_scoped_and_changes_no_result(articles):
    with keep_freed_memory(False) as applied:
        assert applied is False
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    hugepage_before = _set_numpy_hugepage(True)
    with keep_freed_memory() as applied, keep_freed_memory() as nested:
        assert applied == nested
        if glibc:
            assert applied is True
            assert _set_numpy_hugepage(False) is False  # numpy's huge pages are off inside
        inside = StoryClusterer(n_jobs=1).fit(articles[:400])
    if glibc:
        assert _set_numpy_hugepage(hugepage_before) is True  # and back on after
    outside = StoryClusterer(n_jobs=1).fit(articles[:400])
    assert len(articles[:400]) < _KEEP_MEMORY_ROWS  # the fit itself did not switch it on
    assert np.array_equal(inside.labels_, outside.labels_)
