"""The one same-story model: P(two articles report the same happening).

Gradient-boosted trees (scikit-learn's ``HistGradientBoostingClassifier``) over the pair
features (:data:`~clustering.pair_features.FEATURES`), fitted by ``python -m clustering.train``
on labeled pairs (see ``clustering/models/DATA_CARD.md``) and shipped as a small JSON file
(``clustering/models/pair_scorer.json``: the trees' nodes, the learning rate, where the data
came from). Trees, not a linear model: undated archives (ECB+) and dated news weigh the same
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

from clustering.pair_features import FEATURE_NAMES, FEATURES

DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "pair_scorer.json"
# The boosting settings (python -m clustering.train; chosen by window cross-validation,
# see clustering/README.md).
TREE_PARAMS = {"max_iter": 200, "learning_rate": 0.05, "max_leaf_nodes": 15, "early_stopping": False,
               "min_samples_leaf": 40, "l2_regularization": 1.0, "random_state": 0}
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

    def _matrix(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64).reshape(-1, len(FEATURE_NAMES))
        if tuple(FEATURE_NAMES) == self.features:
            return np.ascontiguousarray(X)
        return np.ascontiguousarray(X[:, [FEATURE_NAMES.index(name) for name in self.features]])

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
        rows = [(name, float(x[k]), float(totals[k]), FEATURES[name]) for k, name in enumerate(self.features)]
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
        unknown = [f for f in d["features"] if f not in FEATURES]
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


def fit_scorer(X: np.ndarray, y: np.ndarray, sample_weight=None, meta=None, **params) -> PairScorer:
    """Fit the model on labeled pairs (rows of ``pair_features``; y = 1 same story)."""
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
        tuple(FEATURE_NAMES), float(np.ravel(model._baseline_prediction)[0]),
        float(model.learning_rate), tuple(trees), dict(meta or {}),
    )


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> PairScorer:
    return PairScorer.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def load_scorer(path: Path | str | None = None) -> PairScorer:
    """The shipped model (or the one at ``path``)."""
    path = Path(path or DEFAULT_MODEL)
    return _load(str(path), path.stat().st_mtime)
