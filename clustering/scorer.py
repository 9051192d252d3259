"""The one same-story model: P(two articles report the same happening).

A scikit-learn logistic regression over the standardized :data:`~clustering.pair_features.FEATURES`,
fitted by ``python -m clustering.train`` on labeled pairs (see ``clustering/models/DATA_CARD.md``)
and shipped as a small JSON file (``clustering/models/pair_scorer.json``): feature names,
means, scales, coefficients, intercept and where they came from. Being linear in standardized
features, every probability splits into per-feature contributions (log-odds), which is what
"why grouped" shows: the model's own reasons, not a re-derivation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from clustering.pair_features import FEATURE_NAMES, FEATURES

DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "pair_scorer.json"


@dataclass(frozen=True)
class PairScorer:
    """A fitted linear model over pair features (immutable: safe to share between threads)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    meta: dict = field(default_factory=dict, compare=False)

    def _matrix(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64).reshape(-1, len(FEATURE_NAMES))
        columns = [FEATURE_NAMES.index(name) for name in self.features]
        return (X[:, columns] - self.mean) / self.scale

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """Log-odds of "same story" for each row of :func:`~clustering.pair_features.pair_features`."""
        return self._matrix(X) @ self.coef + self.intercept

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(same story) per pair (a 1-d array: the positive class only)."""
        return 1.0 / (1.0 + np.exp(-self.decision_function(X)))

    def contributions(self, x: np.ndarray) -> list[tuple[str, float, float, str]]:
        """One pair's reasons: (feature, its value, its log-odds contribution, what it means),
        largest effect first; the contributions plus the intercept give the log-odds."""
        x = np.asarray(x, dtype=np.float64).reshape(1, -1)
        parts = (self._matrix(x) * self.coef).ravel()
        values = x.ravel()[[FEATURE_NAMES.index(n) for n in self.features]]
        rows = [
            (name, float(v), float(c), FEATURES[name])
            for name, v, c in zip(self.features, values, parts, strict=True)
        ]
        return sorted(rows, key=lambda r: -abs(r[2]))

    def to_dict(self) -> dict:
        return {
            "kind": "logistic-regression-over-standardized-features",
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, d: dict) -> PairScorer:
        unknown = [f for f in d["features"] if f not in FEATURES]
        if unknown:
            raise ValueError(f"pair model uses features this code does not compute: {unknown}")
        return cls(
            tuple(d["features"]),
            np.asarray(d["mean"], dtype=np.float64),
            np.asarray(d["scale"], dtype=np.float64),
            np.asarray(d["coef"], dtype=np.float64),
            float(d["intercept"]),
            d.get("meta", {}),
        )

    def save(self, path: Path | str) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @property
    def version(self) -> str:
        """Identifies the fitted model (stories record which model made them)."""
        return str(self.meta.get("version", "unversioned"))


def fit_scorer(X: np.ndarray, y: np.ndarray, C: float = 1.0, sample_weight=None, meta=None) -> PairScorer:
    """Fit the model on labeled pairs (rows of ``pair_features``; y = 1 same story)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit((X - scaler.mean_) / scale, y, sample_weight=sample_weight)
    return PairScorer(
        tuple(FEATURE_NAMES), scaler.mean_.copy(), scale, model.coef_.ravel().copy(),
        float(model.intercept_[0]), dict(meta or {}),
    )


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> PairScorer:
    return PairScorer.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def load_scorer(path: Path | str | None = None) -> PairScorer:
    """The shipped model (or the one at ``path``)."""
    path = Path(path or DEFAULT_MODEL)
    return _load(str(path), path.stat().st_mtime)
