"""What the pair scorer knows about two articles: one row of named numbers per pair.

The feature list is :data:`FEATURES`; :func:`pair_features` computes it for any pairs of a
:class:`~clustering.corpus.CorpusFeatures`. Everything here is a similarity or a signal,
never a decision: the learned :class:`~clustering.scorer.PairScorer` (the same-story model's
first stage) weighs them.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp

from clustering.corpus import CorpusFeatures
from clustering.neighbourhood import Neighbourhood, SortedScores, neighbourhood, stable

# Name -> what it measures. The order is the column order of the feature matrix.
FEATURES: dict[str, str] = {
    "dense": "embedding cosine of the two articles (title + lead)",
    "dense_rel": "that cosine above the two articles' usual cosine to their neighbours",
    "dense_rank": "how high each ranks the other by embedding cosine among its candidates (1 = first)",
    "dense_topic": "embedding cosine of what each says beyond its neighbours' shared topic (vector minus their mean)",
    "title_dense": "embedding cosine of the two titles",
    "text": "TF-IDF cosine of title + body (character bigrams, words)",
    "text_rel": "that cosine above the two articles' usual TF-IDF cosine to their neighbours",
    "text_rank": "how high each ranks the other by TF-IDF cosine among its candidates (1 = first)",
    "title": "TF-IDF cosine of the titles",
    "names": "TF-IDF cosine of names (people, places, organizations, transliterations); across languages, at least the IDF-weighted cosine of the known places both name, matched across scripts (geo.places: 喀布尔 is Kabul)",
    "numbers": "TF-IDF cosine of the numbers (counts, years, amounts)",
    "no_numbers": "1 when either article has no number: 'numbers' says nothing then",
    "event_days": "overlap (Jaccard) of the days the two say their happening took place on (7月5日, Monday, yesterday; a digest names none)",
    "event_days_differ": "1 when both name days and share none",
    "section": "best TF-IDF cosine of a roundup's section with the other article (else text)",
    "days_apart": "days between the publications (capped at 7)",
    "next_day": "1 when published more than 20 hours apart",
    "date_unknown": "1 when either date is unknown (time says nothing then)",
    "same_outlet": "1 when both come from one outlet",
    "series": "same outlet x title cosine x published on different days (recurring series)",
    "numbers_next_day": "numbers cosine when published on different days (a series repeats its names, not its numbers)",
    "numbers_differ_next_day": "1 when both carry numbers, share none, and are published on different days",
    "title_next_day": "title cosine when published on different days",
    "dense_next_day": "embedding cosine when published on different days",
    "no_dense": "1 when no embedding model is available (lexical features only)",
    "short": "how short the shorter text is (1 = a headline, 0 = >= 100 distinct terms)",
    "cross_language": "1 when the two are in different languages (lexical overlap says little)",
    "dense_cross": "embedding cosine when the languages differ (else 0)",
    "dense_centered_cross": "when the languages differ, embedding cosine after taking each language's mean vector out (else 0)",
}
FEATURE_NAMES = list(FEATURES)
# What the features are without an embedding model (the scorer learns that regime too).
DENSE_FEATURES = ("dense", "dense_rel", "dense_rank", "dense_topic", "title_dense", "dense_next_day", "dense_cross",
                  "dense_centered_cross")


def without_dense(X: np.ndarray) -> np.ndarray:
    """The rows of ``X`` as :func:`pair_features` gives them when no vectors are available."""
    X = np.array(X, dtype=np.float64, copy=True)
    for name in DENSE_FEATURES:
        X[:, FEATURE_NAMES.index(name)] = 0.0
    X[:, FEATURE_NAMES.index("no_dense")] = 1.0
    return X
MAX_DAYS = 7.0
SHORT_TERMS = 100.0
PAIR_CHUNK = 5_000
DOT_THREADS = min(2, os.cpu_count() or 1)


def row_dots(matrix: sp.csr_matrix, i: np.ndarray, j: np.ndarray, threads: int | None = None) -> np.ndarray:
    """``matrix[i[p]] . matrix[j[p]]`` for every pair p (sparse rows), chunked (``threads``:
    default DOT_THREADS; 1 inside callers that already run in threads)."""
    return _cross_dots(matrix, i, matrix, j, threads)


def dense_dots(vectors: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    out = np.zeros(len(i), dtype=np.float64)
    for start in range(0, len(i), PAIR_CHUNK):
        a = vectors[i[start : start + PAIR_CHUNK]]
        b = vectors[j[start : start + PAIR_CHUNK]]
        out[start : start + PAIR_CHUNK] = np.einsum("ij,ij->i", a, b)
    return out


def _pair_mean(per_article: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    return (per_article[i] + per_article[j]) / 2


def reciprocal_rank(context_sorted: SortedScores, pairs: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Per pair, the mean over its two articles of 1 / (the other's rank among that article's
    candidates by ``score``; 1 = none closer)."""
    return 0.5 / context_sorted.rank(pairs[:, 0], score) + 0.5 / context_sorted.rank(pairs[:, 1], score)


def _sections_by_owner(corpus: CorpusFeatures) -> tuple[np.ndarray, np.ndarray]:
    """(section rows sorted by owner, stably: each owner's in document order; where each
    article's run of them starts, one entry per article plus the end)."""
    order = np.argsort(corpus.section_owner, kind="stable")
    return order, np.searchsorted(corpus.section_owner[order], np.arange(len(corpus) + 1))


def _section_best(corpus: CorpusFeatures, i: np.ndarray, j: np.ndarray, text: np.ndarray) -> np.ndarray:
    """Best section-vs-article cosine where one of the pair is a roundup, else ``text``."""
    best = text.copy()
    if not len(corpus.section_owner):
        return best
    order, starts = _sections_by_owner(corpus)
    pair_rows, section_rows, other_rows = [], [], []
    for roundup, other in ((i, j), (j, i)):
        involved = np.flatnonzero(corpus.roundup[roundup])
        counts = starts[roundup[involved] + 1] - starts[roundup[involved]]
        pair_rows.append(np.repeat(involved, counts))
        section_rows.append(order[np.concatenate(
            [np.arange(starts[r], starts[r + 1]) for r in roundup[involved].tolist()] or [np.zeros(0, np.int64)]
        )])
        other_rows.append(np.repeat(other[involved], counts))
    pair_rows = np.concatenate(pair_rows)
    if not len(pair_rows):
        return best
    values = _cross_dots(corpus.sections, np.concatenate(section_rows), corpus.text, np.concatenate(other_rows))
    np.maximum.at(best, pair_rows, values)
    return best


def best_sections(corpus: CorpusFeatures, roundups: np.ndarray, others: np.ndarray) -> list[int]:
    """For each (roundup, other) pair, which of the roundup's sections (their order in
    :func:`clustering.features.paragraph_groups`) is closest to the other article by TF-IDF
    cosine: the one that reports the other's story (0 when it has none)."""
    roundups, others = np.asarray(roundups, dtype=np.int64), np.asarray(others, dtype=np.int64)
    if not len(roundups) or not len(corpus.section_owner):
        return [0] * len(roundups)
    order, starts = _sections_by_owner(corpus)
    counts = starts[roundups + 1] - starts[roundups]
    section_rows = order[np.concatenate([np.arange(starts[r], starts[r + 1]) for r in roundups.tolist()])]
    values = _cross_dots(corpus.sections, section_rows, corpus.text, np.repeat(others, counts))
    # Sections of one owner are in their document order (a stable sort), so the position
    # within a pair's block is the section's index.
    out, at = [], 0
    for n in counts.tolist():
        out.append(int(np.argmax(values[at:at + n])) if n else 0)
        at += n
    return out


def _cross_dots(a: sp.csr_matrix, rows_a: np.ndarray, b: sp.csr_matrix, rows_b: np.ndarray,
                threads: int | None = None) -> np.ndarray:
    """``a[rows_a[p]] . b[rows_b[p]]`` for every p (two matrices over the same columns).

    Chunks of PAIR_CHUNK pairs bound the memory; above one chunk they run in DOT_THREADS
    threads (scipy's sparse kernels release the GIL: 1.1 s -> 0.5 s for 600k pairs on 2
    cores). Each chunk writes its own slice, so the result does not depend on the threads."""
    out = np.zeros(len(rows_a), dtype=np.float64)

    def chunk(start: int) -> None:
        x = a[rows_a[start : start + PAIR_CHUNK]]
        y = b[rows_b[start : start + PAIR_CHUNK]]
        out[start : start + PAIR_CHUNK] = np.asarray(x.multiply(y).sum(axis=1)).ravel()

    starts = range(0, len(rows_a), PAIR_CHUNK)
    threads = DOT_THREADS if threads is None else threads
    if len(starts) < 2 or threads < 2:
        for start in starts:
            chunk(start)
        return out
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(chunk, starts))
    return out


def _event_day_overlap(corpus: CorpusFeatures, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Jaccard of the two articles' day sets (0 when either names none), and whether both
    name days and share none. A digest (``roundup``) names the days of several happenings, so
    its day set says nothing of any one of them: its pairs read as naming no day."""
    days = corpus.event_days
    shared = row_dots(days, i, j)
    sizes = np.diff(days.indptr).astype(np.float64)
    sizes[corpus.roundup] = 0.0
    union = sizes[i] + sizes[j] - shared
    known = (sizes[i] > 0) & (sizes[j] > 0)
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=known)
    # Days a day apart are not "other days": one happening reported across time zones, or
    # overnight, is "Sunday" in one report and "Monday" in the other.
    near = _cross_dots(_within_a_day(days), i, days, j, None)
    differ = (known & (near == 0)).astype(float)
    return jaccard, differ


def _within_a_day(days: sp.csr_matrix) -> sp.csr_matrix:
    """Each row's days and the days either side of them (a binary matrix of the same shape)."""
    shifted = days.copy()
    for step in (-1, 1):
        moved = days.tocoo()
        cols = moved.col + step
        keep = (cols >= 0) & (cols < days.shape[1])
        shifted = shifted + sp.csr_matrix((moved.data[keep], (moved.row[keep], cols[keep])), shape=days.shape)
    shifted.data[:] = 1.0
    return shifted.tocsr()


def pair_features(
    corpus: CorpusFeatures,
    pairs: np.ndarray,
    context: Neighbourhood | None = None,
    known: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """The :data:`FEATURES` of each pair ``(i, j)`` as a float64 matrix (pairs x features).

    ``context``: the articles' neighbourhoods (:func:`~clustering.neighbourhood.neighbourhood`
    over the corpus' candidate pairs); built from ``pairs`` when not given, which is right
    only when ``pairs`` are the candidate pairs. ``known``: the pairs' cosines the candidate
    search already computed ("text", "dense", "title", "names", "numbers").
    """
    known = known or {}
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    if context is None:
        context = neighbourhood(corpus, pairs, known)
    columns = _similarity_columns(corpus, pairs, context, known)
    columns.update(_time_and_source_columns(corpus, pairs, columns))
    return np.stack([columns[name] for name in FEATURE_NAMES], axis=1)


def _similarity_columns(corpus: CorpusFeatures, pairs: np.ndarray, context: Neighbourhood,
                        known: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """How alike the two texts are: embedding and TF-IDF cosines, raw, relative to each
    article's neighbours and as ranks; titles, names, numbers, event days, roundup sections."""
    i, j = pairs[:, 0], pairs[:, 1]
    m = len(pairs)
    columns: dict[str, np.ndarray] = {}
    if corpus.dense is not None:
        dense = stable(known["dense"] if "dense" in known else dense_dots(corpus.dense, i, j))
        columns["dense"] = dense
        columns["dense_rel"] = dense - _pair_mean(context.dense_mean, i, j)
        columns["dense_rank"] = reciprocal_rank(context.dense_sorted, pairs, dense)
        columns["dense_topic"] = stable(dense_dots(context.residual, i, j))
    else:
        dense = np.zeros(m)
        for name in ("dense", "dense_rel", "dense_rank", "dense_topic"):
            columns[name] = dense
    title_vectors = corpus.title_dense if corpus.title_dense is not None else corpus.dense
    columns["title_dense"] = stable(dense_dots(title_vectors, i, j)) if title_vectors is not None else np.zeros(m)
    text = stable(known["text"] if "text" in known else row_dots(corpus.text, i, j))
    columns["text"] = text
    columns["text_rel"] = text - _pair_mean(context.text_mean, i, j)
    columns["text_rank"] = reciprocal_rank(context.text_sorted, pairs, text)
    for name in ("title", "names", "numbers"):
        columns[name] = stable(known[name] if name in known else row_dots(getattr(corpus, name), i, j))
    columns["names"] = _with_places_across_languages(corpus, i, j, columns["names"])
    has_numbers = np.diff(corpus.numbers.indptr) > 0
    columns["no_numbers"] = (~(has_numbers[i] & has_numbers[j])).astype(float)
    columns["event_days"], columns["event_days_differ"] = _event_day_overlap(corpus, i, j)
    columns["section"] = _section_best(corpus, i, j, text)
    return columns


def _with_places_across_languages(corpus: CorpusFeatures, i: np.ndarray, j: np.ndarray,
                                  names: np.ndarray) -> np.ndarray:
    """``names``, raised for pairs in two languages to the cosine of the known places both name.

    Names as written never match across scripts (塔吉克斯坦 vs Tajikistan), so without this a
    Chinese and an English report of one event share no name. The places are the same
    evidence in another form, so they fill the same column: the scorer learns what shared names
    mean from the many pairs of one language and reads it across languages too (a column of its
    own, nonzero on a few hundred training pairs, was never split on: SemEval zh-en Pearson
    0.789 either way; in the names column 0.835, development data, 5 folds)."""
    if corpus.places is None:
        return names
    across = np.flatnonzero(corpus.language[i] != corpus.language[j])
    if not len(across):
        return names
    out = names.copy()
    places = stable(row_dots(corpus.places, i[across], j[across], threads=1))
    out[across] = np.maximum(out[across], places)
    return out


def _time_and_source_columns(corpus: CorpusFeatures, pairs: np.ndarray,
                             similar: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """When and where the two were published (days apart, one outlet, a recurring series),
    the similarities that mean less across days or languages, and how short the texts are."""
    i, j = pairs[:, 0], pairs[:, 1]
    m = len(pairs)
    columns: dict[str, np.ndarray] = {}
    gap = np.abs(corpus.days[i] - corpus.days[j])
    unknown = np.isnan(gap)
    gap = np.where(unknown, 0.0, np.minimum(gap, MAX_DAYS))
    columns["days_apart"] = gap
    next_day = (gap > 20 / 24).astype(float)
    columns["next_day"] = next_day
    columns["date_unknown"] = unknown.astype(float)
    same_outlet = (corpus.outlet[i] == corpus.outlet[j]).astype(float)
    columns["same_outlet"] = same_outlet
    title, dense = similar["title"], similar["dense"]
    columns["series"] = same_outlet * title * next_day
    columns["numbers_next_day"] = similar["numbers"] * next_day
    has_numbers = np.diff(corpus.numbers.indptr) > 0
    both_numbers = has_numbers[i] & has_numbers[j]
    columns["numbers_differ_next_day"] = (both_numbers & (similar["numbers"] == 0)) * next_day
    columns["title_next_day"] = title * next_day
    columns["dense_next_day"] = dense * next_day
    columns["no_dense"] = np.full(m, float(corpus.dense is None))
    shorter = np.minimum(corpus.terms[i], corpus.terms[j])
    columns["short"] = np.clip(1.0 - shorter / SHORT_TERMS, 0.0, 1.0)
    cross = (corpus.language[i] != corpus.language[j]).astype(float)
    columns["cross_language"] = cross
    columns["dense_cross"] = dense * cross
    columns["dense_centered_cross"] = np.zeros(m)
    if corpus.centered is not None and cross.any():
        across = np.flatnonzero(cross)
        columns["dense_centered_cross"][across] = stable(dense_dots(corpus.centered, i[across], j[across]))
    return columns
