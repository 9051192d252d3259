"""The one same-story model: P(two articles report the same happening).

Two stages of gradient-boosted trees (scikit-learn's ``HistGradientBoostingClassifier``):
the pair scorer over the pair features (:data:`~clustering.pair_features.FEATURES`), then the
story-context stage over :data:`~clustering.context.CONTEXT_FEATURES` (the pair's own log-odds
and what the first stage says of both articles' other candidate pairs). Fitted by
``python -m clustering.train`` on labeled pairs (see ``clustering/models/DATA_CARD.md``) and
shipped as a small JSON file (``clustering/models/pair_scorer.json``: the trees' nodes, the
learning rate, where the data came from). Trees, not a linear model: undated archives (ECB+) and dated news weigh the same
evidence differently, and a linear model trained on both lost accuracy on the news.

Every probability splits into per-feature contributions to the log-odds (each tree's path,
the change of the node value at each split credited to the split's feature), which is what
"why grouped" shows: the model's own reasons, not a re-derivation.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from clustering.context import CONTEXT_FEATURES, CONTEXT_NAMES, context_features
from clustering.pair_features import FEATURE_NAMES, FEATURES

DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "pair_scorer.json"
# The boosting settings (python -m clustering.train; chosen by window cross-validation,
# see clustering/README.md).
TREE_PARAMS = {"max_iter": 200, "learning_rate": 0.05, "max_leaf_nodes": 15, "early_stopping": False,
               "min_samples_leaf": 40, "l2_regularization": 1.0, "random_state": 0}
# The context stage reads 7 features; fewer trees (chosen on the development windows with the
# windows' experiment: 100 trees at these settings, see clustering/README.md).
CONTEXT_TREE_PARAMS = {"max_iter": 100}
_THREADS = min(2, os.cpu_count() or 1)  # OpenMP threads per tree prediction (same result)
_NODE_FIELDS = ("value", "feature_idx", "num_threshold", "missing_go_to_left", "left", "right", "is_leaf")


@dataclass(frozen=True, eq=False)
class PairScorer:
    """A fitted tree ensemble over pair features (immutable: safe to share between threads)."""

    features: tuple[str, ...]
    baseline: float  # raw score before any tree (log-odds of the training prior)
    learning_rate: float
    trees: tuple[dict[str, np.ndarray], ...]
    meta: dict = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        """The columns its input has: the pair features, or the context features (stage 2)."""
        return FEATURE_NAMES if self.features[0] in FEATURES else CONTEXT_NAMES

    @property
    def meanings(self) -> dict[str, str]:
        return FEATURES if self.features[0] in FEATURES else CONTEXT_FEATURES

    def _matrix(self, X: np.ndarray) -> np.ndarray:
        columns = self.columns
        X = np.asarray(X, dtype=np.float64).reshape(-1, len(columns))
        if tuple(columns) == self.features:
            return np.ascontiguousarray(X)
        return np.ascontiguousarray(X[:, [columns.index(name) for name in self.features]])

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """Log-odds of "same story" for each row of :func:`~clustering.pair_features.pair_features`."""
        X = self._matrix(X)
        raw = np.full(len(X), self.baseline)
        for predictor in _predictors(self):
            raw += predictor(X)
        return raw

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(same story) per pair (a 1-d array: the positive class only)."""
        return 1.0 / (1.0 + np.exp(-self.decision_function(X)))

    def contributions(self, x: np.ndarray) -> list[tuple[str, float, float, str]]:
        """One pair's reasons: (feature, its value, its log-odds contribution, what it means),
        largest effect first. They add up, with :meth:`bias`, to the pair's log-odds."""
        x = self._matrix(x)[0]
        totals = np.zeros(len(self.features))
        for tree in self.trees:
            node = 0
            while not tree["is_leaf"][node]:
                f = int(tree["feature_idx"][node])
                child = int(tree["left"][node] if x[f] <= tree["num_threshold"][node] else tree["right"][node])
                totals[f] += self._node_value(tree, child) - self._node_value(tree, node)
                node = child
        meanings = self.meanings
        rows = [(name, float(x[k]), float(totals[k]), meanings[name]) for k, name in enumerate(self.features)]
        return sorted(rows, key=lambda r: -abs(r[2]))

    @property
    def bias(self) -> float:
        """The log-odds every pair starts from (prior + each tree's root value)."""
        return self.baseline + sum(self._node_value(tree, 0) for tree in self.trees)

    def _node_value(self, tree: dict, node: int) -> float:
        # Leaves hold shrunk values; inner nodes the unshrunk mean the leaves came from.
        value = float(tree["value"][node])
        return value if tree["is_leaf"][node] else value * self.learning_rate

    # ---- the JSON file ------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "kind": "histogram-gradient-boosting (scikit-learn), binary log-loss",
            "features": list(self.features),
            "baseline": self.baseline,
            "learning_rate": self.learning_rate,
            "trees": [{k: tree[k].tolist() for k in _NODE_FIELDS} for tree in self.trees],
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, d: dict) -> PairScorer:
        unknown = [f for f in d["features"] if f not in FEATURES and f not in CONTEXT_FEATURES]
        if unknown:
            raise ValueError(f"pair model uses features this code does not compute: {unknown}")
        trees = tuple({k: np.asarray(tree[k]) for k in _NODE_FIELDS} for tree in d["trees"])
        return cls(tuple(d["features"]), float(d["baseline"]), float(d["learning_rate"]), trees, d.get("meta", {}))

    def save(self, path: Path | str) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8")

    @property
    def version(self) -> str:
        """Identifies the fitted model (stories record which model made them)."""
        return str(self.meta.get("version", "unversioned"))


@lru_cache(maxsize=8)
def _predictors(scorer: PairScorer):
    """Compiled per-tree predictors (scikit-learn's own, rebuilt from the nodes)."""
    from sklearn.ensemble._hist_gradient_boosting.common import PREDICTOR_RECORD_DTYPE
    from sklearn.ensemble._hist_gradient_boosting.predictor import TreePredictor

    empty = np.zeros((0, 8), dtype=np.uint32)
    no_categories = np.zeros(len(scorer.features), dtype=np.uint32)
    out = []
    for tree in scorer.trees:
        nodes = np.zeros(len(tree["value"]), dtype=PREDICTOR_RECORD_DTYPE)
        for k in _NODE_FIELDS:
            nodes[k] = tree[k]
        predictor = TreePredictor(nodes, empty, empty)
        out.append(lambda X, p=predictor: p.predict(X, empty, no_categories, _THREADS))
    return tuple(out)


def fit_scorer(X: np.ndarray, y: np.ndarray, sample_weight=None, meta=None, columns=None, **params) -> PairScorer:
    """Fit trees on labeled pairs (rows of ``pair_features``, or of ``context_features`` with
    ``columns=CONTEXT_NAMES``; y = 1 same story)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(**{**TREE_PARAMS, **params})
    model.fit(np.asarray(X, dtype=np.float64), y, sample_weight=sample_weight)
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        if nodes["is_categorical"].any():  # never: no categorical features are declared
            raise ValueError("categorical splits are not supported")
        trees.append({k: nodes[k].copy() for k in _NODE_FIELDS})
    return PairScorer(
        tuple(columns or FEATURE_NAMES), float(np.ravel(model._baseline_prediction)[0]),
        float(model.learning_rate), tuple(trees), dict(meta or {}),
    )


@dataclass(frozen=True, eq=False)
class SameStoryModel:
    """The one same-story model: P(two articles report the same happening), in two stages.

    ``direct`` (trees over the pair features) judges two articles by themselves; ``context``
    (trees over :data:`~clustering.context.CONTEXT_FEATURES`) reweighs that log-odds by what the
    first stage says of both articles' other candidate pairs (shared likely links, the strongest
    path through a third article). A file without a ``context`` stage is the direct one alone.
    """

    direct: PairScorer
    context: PairScorer | None = None
    meta: dict = field(default_factory=dict)

    def direct_log_odds(self, X: np.ndarray) -> np.ndarray:
        """Stage 1: each pair's log-odds from its own features (rows of ``pair_features``)."""
        return self.direct.decision_function(X)

    def context_rows(self, n: int, pairs: np.ndarray, direct: np.ndarray, query: np.ndarray | None = None,
                     query_direct: np.ndarray | None = None) -> np.ndarray:
        """Stage 2's input for ``query`` (default ``pairs``): ``pairs`` are every candidate pair of
        the ``n`` articles, ``direct`` their stage-1 log-odds (``query_direct``: the query's)."""
        proba = _sigmoid(direct)
        return context_features(n, pairs, proba, direct if query is None else query_direct, query)

    def log_odds_in_context(self, n: int, pairs: np.ndarray, direct: np.ndarray, query: np.ndarray | None = None,
                            query_direct: np.ndarray | None = None, use_context: bool = True) -> np.ndarray:
        """Final log-odds of ``query`` (default: ``pairs``) given every candidate pair's stage 1
        (stage 1's own log-odds without a context stage, or with ``use_context`` False)."""
        if self.context is None or not use_context:
            return direct if query is None else query_direct
        return self.context.decision_function(self.context_rows(n, pairs, direct, query, query_direct))

    def predict_proba(self, n: int, pairs: np.ndarray, X: np.ndarray, use_context: bool = True) -> np.ndarray:
        """P(same story) of every candidate pair ``pairs`` of ``n`` articles (``X``: their pair features)."""
        if not len(pairs):
            return np.zeros(0)
        return _sigmoid(self.log_odds_in_context(n, pairs, self.direct_log_odds(X), use_context=use_context))

    def explain(self, x: np.ndarray, n: int, pairs: np.ndarray, direct: np.ndarray,
                query: np.ndarray, use_context: bool = True) -> tuple[float, list[tuple[str, float, float, str]]]:
        """One pair's P(same story) and its reasons, largest first: (feature, value, log-odds
        contribution, meaning). ``x``: the pair's features; ``pairs``/``direct``: every
        candidate pair of the ``n`` articles and its stage-1 log-odds. With a context stage,
        the reasons are that stage's, and the "direct" reason names the pair's own strongest
        features (stage 1's contributions, which add up to its value)."""
        return self.explain_many(x, n, pairs, direct, query, use_context)[0]

    def explain_many(self, X: np.ndarray, n: int, pairs: np.ndarray, direct: np.ndarray, queries: np.ndarray,
                     use_context: bool = True) -> list[tuple[float, list[tuple[str, float, float, str]]]]:
        """:meth:`explain` of each row of ``X`` (the features of the pairs ``queries``), the trees
        run once over all rows: a story's members explained one at a time ran every tree once per
        member (39 times on the demo's largest story, each run starting the trees' threads: 1.7 s
        of CPU on a loaded 2-core server, 0.1 s at rest). Each row's figures are its own, as alone."""
        queries = np.asarray(queries).reshape(-1, 2)
        X = np.asarray(X, dtype=np.float64).reshape(len(queries), -1)
        owns = [self.direct.contributions(x) for x in X]
        queries_direct = self.direct_log_odds(X)
        if self.context is None or not use_context:
            return [(float(p), own) for p, own in zip(_sigmoid(queries_direct), owns, strict=True)]
        rows = self.context_rows(n, pairs, direct, queries, queries_direct)
        log_odds = self.context.decision_function(rows)
        out = []
        for own, row, odds in zip(owns, rows, log_odds, strict=True):
            top = ", ".join(f"{name} {part:+.2f}" for name, _, part, _ in own[:3])
            reasons = [(name, value, part, f"{meaning} (its largest: {top})" if name == "direct" else meaning)
                       for name, value, part, meaning in self.context.contributions(row)]
            out.append((float(_sigmoid(np.array([odds]))[0]), reasons))
        return out

    def to_dict(self) -> dict:
        out = {"kind": "same-story model: pair scorer, then story context", "direct": self.direct.to_dict(),
               "meta": self.meta}
        if self.context is not None:
            out["context"] = self.context.to_dict()
        return out

    @classmethod
    def from_dict(cls, d: dict) -> SameStoryModel:
        if "direct" not in d:  # a single-stage file
            return cls(PairScorer.from_dict(d), None, d.get("meta", {}))
        context = PairScorer.from_dict(d["context"]) if d.get("context") else None
        return cls(PairScorer.from_dict(d["direct"]), context, d.get("meta", {}))

    def save(self, path: Path | str) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8")

    @property
    def version(self) -> str:
        return str(self.meta.get("version", self.direct.version))


def _sigmoid(log_odds: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(log_odds, dtype=np.float64)))


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> SameStoryModel:
    return SameStoryModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def load_scorer(path: Path | str | None = None) -> SameStoryModel:
    """The shipped model (or the one at ``path``)."""
    path = Path(path or DEFAULT_MODEL)
    return _load(str(path), path.stat().st_mtime)
