"""``python -m clustering.train``: fit the pair scorer on every labeled dataset and ship it.

Writes ``clustering/models/pair_scorer.json`` (or ``--out``): a logistic regression over the
standardized pair features, with the training data's counts recorded in its ``meta``. What the
data is and how it was labeled: ``clustering/models/DATA_CARD.md``. Needs ``../shared`` (the
labeled windows' articles, ECB+, SemEval) and computes vectors once into ``data/eval-cache.db``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from clustering.scorer import DEFAULT_MODEL, PairScorer, fit_scorer

# Regularization of the logistic regression (sklearn's C): chosen by leave-one-dataset-out
# log-loss on the development data (python -m clustering.evaluate --choose-c).
DEFAULT_C = 1.0


def fit_on(sets, C: float = DEFAULT_C, exclude=None, meta=None) -> PairScorer:
    from clustering.training import stack

    X, y, w = stack(list(sets), exclude)
    return fit_scorer(X, y, C=C, sample_weight=w, meta=meta)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clustering.train", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--C", type=float, default=DEFAULT_C)
    parser.add_argument("--model", default=None, help="embedding backend (default: the product default)")
    args = parser.parse_args(argv)
    from clustering.datasets import SHARED
    from clustering.training import load_pair_sets

    if not SHARED.exists():
        print(f"{SHARED} is absent: the labeled datasets' articles live there (nothing trained).")
        return 1
    sets = load_pair_sets(model=args.model)
    counts = {name: {"pairs": int(len(s.y)), "same": int(s.y.sum())} for name, s in sets.items()}
    X = np.vstack([s.features() for s in sets.values()])
    digest = hashlib.sha1(X.tobytes()).hexdigest()[:10]
    meta = {
        "version": f"{datetime.now(UTC):%Y%m%d}-{digest}",
        "trained_on": counts,
        "C": args.C,
        "command": "python -m clustering.train",
    }
    scorer = fit_on(sets.values(), args.C, meta=meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    scorer.save(args.out)
    print(f"wrote {args.out} (version {meta['version']})")
    for name, c in counts.items():
        print(f"  {name}: {c['pairs']} pairs, {c['same']} same story")
    for name, coef in sorted(zip(scorer.features, scorer.coef, strict=True), key=lambda r: -abs(r[1])):
        print(f"  coef {name:>15} {coef:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
