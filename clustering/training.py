"""Labeled pairs for the pair scorer, from every labeled dataset (see ``clustering/datasets.py``).

Each dataset becomes a :class:`PairSet`: its corpus features, pairs, labels (1 = same story)
and a group per pair for cross-validation. Pairs are those the scorer meets in use (the
candidate search's pairs) plus, in labeled windows, every pair an annotator judged.

* labeled window: (anchor, candidate) judged same -> 1, judged not -> 0, split between
  annotators -> left out; two articles both in an anchor's story -> 1; a member of an
  anchor's story and a candidate judged not in it -> 0 (inferred: a story is one story;
  these hard negatives are the topic neighbours the scorer meets among all candidate
  pairs in use, not only next to anchors); a candidate-search
  pair of an anchor with an article it was never judged against -> 0 (the labeling
  retrieval shows 50 candidates; a same-story article outside them is rare);
* ECB+: candidate-search pairs, 1 when both articles are in one gold event cluster;
  groups = topics;
* SemEval-2022 Task 8: each pair, 1 when the mean "Overall" rating is <= 2 (same event or
  mostly), weight 0.5 (scraped pages, machine-translated Chinese side).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clustering.clusterer import StoryClusterer
from clustering.corpus import CorpusFeatures
from clustering.datasets import REPO, LabeledWindow, load_ecbplus, load_semeval, load_window
from clustering.neighbourhood import Neighbourhood, neighbourhood
from clustering.pair_features import pair_features, without_dense

EVAL_CACHE = REPO / "data" / "eval-cache.db"  # vectors of the evaluation corpora, by text hash
SEMEVAL_SAME = 2.0
SEMEVAL_WEIGHT = 0.5
# The context stage is trained on first-stage scores computed out of fold: each window whole
# in one of these folds, ECB+ by topic, SemEval by pair (clustering.train.fit_on).
CROSS_FOLDS = 3


@dataclass
class PairSet:
    name: str
    corpus: CorpusFeatures
    pairs: np.ndarray  # (m, 2) row indices into corpus
    y: np.ndarray
    weight: np.ndarray
    groups: np.ndarray  # cross-validation group of each pair
    X: np.ndarray | None = None
    context: Neighbourhood | None = None  # over the candidate search's pairs, as in use
    candidates: np.ndarray | None = None  # the candidate search's pairs (the context stage reads them)
    known: dict | None = None  # their cosines from the candidate search
    folds: np.ndarray | None = None  # per article: its cross-fitting fold (clustering.train)
    candidate_X: np.ndarray | None = None

    def features(self) -> np.ndarray:
        if self.X is None:
            self.X = pair_features(self.corpus, self.pairs, self.context)
        return self.X

    def candidate_features(self) -> np.ndarray:
        if self.candidate_X is None:
            self.candidate_X = pair_features(self.corpus, self.candidates, self.context, self.known)
        return self.candidate_X


def vectors_for(articles, model: str | None = None):
    """Article and title vectors from the evaluation cache (data/eval-cache.db)."""
    from clustering.pipeline import embed_both
    from store.sqlite import Store

    with Store(EVAL_CACHE) as cache:
        vectors, titles, _ = embed_both(articles, cache, model=model)
    return vectors, titles


def window_pairs(window: LabeledWindow, clusterer: StoryClusterer, model: str | None = None) -> PairSet:
    vectors, titles = vectors_for(window.articles, model)
    corpus = clusterer.prepare(window.articles, vectors, titles)
    row = {article_id: r for r, article_id in enumerate(corpus.ids)}
    searched, known = clusterer.candidate_pairs(corpus, with_scores=True)
    context = neighbourhood(corpus, searched, known)
    labels: dict[tuple[int, int], int] = {}
    group: dict[tuple[int, int], int] = {}

    def put(a: str, b: str, value: int, anchor: int) -> None:
        if a in row and b in row and a != b:
            key = (min(row[a], row[b]), max(row[a], row[b]))
            if labels.get(key) != 1:  # a positive from any anchor wins
                labels[key] = value
            group.setdefault(key, anchor)

    for n, gold in enumerate(window.gold):
        truth = [gold.anchor, *gold.same]
        dontcare = set(gold.dontcare)
        for candidate in window.candidates.get(gold.anchor, []):
            if candidate not in dontcare:
                put(gold.anchor, candidate, int(candidate in gold.same), n)
        for x in range(len(truth)):
            for y in range(x + 1, len(truth)):
                put(truth[x], truth[y], 1, n)
        judged = set(window.candidates.get(gold.anchor, [])) | dontcare
        # Inferred: the anchor's story is one story, so each member of it and each candidate
        # judged not in it report different happenings (hard negatives: topic neighbours).
        rejected = [c for c in window.candidates.get(gold.anchor, []) if c not in dontcare and c not in gold.same]
        for member in gold.same:
            for other in rejected:
                put(member, other, 0, n)
        if gold.anchor in row:
            a = row[gold.anchor]
            for i, j in searched[(searched[:, 0] == a) | (searched[:, 1] == a)].tolist():
                other = corpus.ids[j if i == a else i]
                if other not in judged:
                    put(gold.anchor, other, 0, n)
    keys = sorted(labels)
    pairs = np.array(keys, dtype=np.int64).reshape(-1, 2)
    return PairSet(
        window.name, corpus, pairs, np.array([labels[k] for k in keys]), np.ones(len(keys)),
        np.array([group[k] for k in keys]), context=context, candidates=searched, known=known,
    )


def ecbplus_pairs(clusterer: StoryClusterer, model: str | None = None) -> PairSet | None:
    data = load_ecbplus()
    if data is None:
        return None
    vectors, titles = vectors_for(data.articles, model)
    corpus = clusterer.prepare(data.articles, vectors, titles)
    pairs, known = clusterer.candidate_pairs(corpus, with_scores=True)
    gold = np.asarray(data.gold)
    topics = np.unique(np.asarray(data.topics), return_inverse=True)[1]
    return PairSet(
        "ecbplus", corpus, pairs, (gold[pairs[:, 0]] == gold[pairs[:, 1]]).astype(int),
        np.ones(len(pairs)), topics[pairs[:, 0]], context=neighbourhood(corpus, pairs, known),
        candidates=pairs, known=known, folds=topics % CROSS_FOLDS,
    )


def semeval_pairs(clusterer: StoryClusterer, model: str | None = None) -> tuple[PairSet, np.ndarray, np.ndarray] | None:
    """The SemEval pair set, its gold Overall ratings and language pairs."""
    data = load_semeval()
    if data is None:
        return None
    texts = data.first + data.second
    vectors, titles = vectors_for(texts, model)
    corpus = clusterer.prepare(texts, vectors, titles)
    n = len(data.first)
    pairs = np.stack([np.arange(n), np.arange(n, 2 * n)], axis=1)
    candidates, known = clusterer.candidate_pairs(corpus, with_scores=True)
    overall = np.asarray(data.overall)
    pair_set = PairSet(
        "semeval", corpus, pairs, (overall <= SEMEVAL_SAME).astype(int),
        np.full(n, SEMEVAL_WEIGHT), np.arange(n) % 5, context=neighbourhood(corpus, candidates, known),
        candidates=candidates, known=known, folds=np.tile(np.arange(n) % CROSS_FOLDS, 2),
    )
    return pair_set, overall, np.asarray(data.languages)


def load_pair_sets(clusterer: StoryClusterer | None = None, model: str | None = None) -> dict[str, PairSet]:
    """Every labeled pair set available (windows need ../shared; missing ones are skipped)."""
    from clustering.datasets import WINDOWS

    clusterer = clusterer or StoryClusterer()
    sets: dict[str, PairSet] = {}
    for n, name in enumerate(WINDOWS):
        window = load_window(name)
        if window is not None:
            sets[name] = window_pairs(window, clusterer, model)
            sets[name].folds = np.full(len(sets[name].corpus), n % CROSS_FOLDS)
    ecb = ecbplus_pairs(clusterer, model)
    if ecb is not None:
        sets["ecbplus"] = ecb
    sem = semeval_pairs(clusterer, model)
    if sem is not None:
        sets["semeval"] = sem[0]
    return sets


# Each pair also enters as it looks without an embedding model, at this weight, so the scorer
# serves the lexical-only fallback too.
LEXICAL_COPY_WEIGHT = 0.3


def stack(sets: list[PairSet], exclude: dict[str, np.ndarray] | None = None):
    """X, y, weight of several pair sets (``exclude``: name -> mask of pairs to leave out),
    each pair twice: as it is, and without dense features (:data:`LEXICAL_COPY_WEIGHT`)."""
    X, y, w = [], [], []
    for s in sets:
        keep = np.ones(len(s.y), dtype=bool)
        if exclude and s.name in exclude:
            keep &= ~exclude[s.name]
        X += [s.features()[keep], without_dense(s.features()[keep])]
        y += [s.y[keep], s.y[keep]]
        w += [s.weight[keep], s.weight[keep] * LEXICAL_COPY_WEIGHT]
    return np.vstack(X), np.concatenate(y), np.concatenate(w)
