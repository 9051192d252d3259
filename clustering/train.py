"""``python -m clustering.train``: fit the pair scorer on every labeled dataset and ship it.

Writes ``clustering/models/pair_scorer.json`` (or ``--out``): the same-story model, gradient-
boosted trees over the pair features and, as its opt-in second stage, over the story-context
features (``clustering/context.py``), with the training data's counts recorded in its ``meta``. What the
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

from clustering.context import CONTEXT_NAMES, context_features
from clustering.pair_features import without_dense
from clustering.scorer import (
    CONTEXT_TREE_PARAMS,
    DEFAULT_MODEL,
    TREE_PARAMS,
    SameStoryModel,
    fit_scorer,
)


def fit_on(sets, exclude=None, meta=None, context: bool = True) -> SameStoryModel:
    """The same-story model fitted on these pair sets (``exclude``: name -> mask of pairs to
    leave out): the pair scorer on every pair, then (``context``) the context stage on the
    pairs' context features, computed from pair-scorer log-odds out of fold
    (:func:`out_of_fold_direct`)."""
    from clustering.training import stack

    sets = list(sets)
    X, y, w = stack(sets, exclude)
    direct = fit_scorer(X, y, sample_weight=w, meta=meta)
    if not context:
        return SameStoryModel(direct, None, dict(meta or {}))
    X, y, w = context_rows(sets, out_of_fold_direct(sets, exclude), exclude)
    context = fit_scorer(X, y, sample_weight=w, columns=CONTEXT_NAMES, **CONTEXT_TREE_PARAMS)
    return SameStoryModel(direct, context, dict(meta or {}))


def out_of_fold_direct(sets, exclude=None) -> dict[str, dict[str, np.ndarray]]:
    """Per set, the pair scorer's log-odds of its candidate pairs and labeled pairs, each from
    a scorer fitted without the fold of the pair's first article (and without ``exclude``)."""
    from clustering.training import CROSS_FOLDS, stack

    out = {s.name: {} for s in sets}
    for fold in range(CROSS_FOLDS):
        held = {s.name: s.folds[s.pairs[:, 0]] == fold for s in sets}
        if exclude:
            held = {name: mask | exclude.get(name, False) for name, mask in held.items()}
        X, y, w = stack(sets, held)
        scorer = fit_scorer(X, y, sample_weight=w)
        for s in sets:
            for kind, pairs, features in (("candidates", s.candidates, s.candidate_features()),
                                          ("labeled", s.pairs, s.features())):
                mine = s.folds[pairs[:, 0]] == fold
                for regime, rows in (("", features), ("lexical ", without_dense(features))):
                    values = out[s.name].setdefault(regime + kind, np.zeros(len(pairs)))
                    values[mine] = scorer.decision_function(rows[mine])
    return out


def context_rows(sets, direct: dict, exclude=None):
    """X, y, weight of the context stage: each set's labeled pairs, with and without dense
    features (the lexical copy at :data:`~clustering.training.LEXICAL_COPY_WEIGHT`)."""
    from clustering.training import LEXICAL_COPY_WEIGHT

    X, y, w = [], [], []
    for s in sets:
        keep = np.ones(len(s.y), dtype=bool)
        if exclude and s.name in exclude:
            keep &= ~exclude[s.name]
        n = len(s.corpus)
        for regime, weight in (("", 1.0), ("lexical ", LEXICAL_COPY_WEIGHT)):
            graph = direct[s.name][regime + "candidates"]
            rows = context_features(n, s.candidates, 1.0 / (1.0 + np.exp(-graph)),
                                    direct[s.name][regime + "labeled"], s.pairs)
            X.append(rows[keep])
            y.append(s.y[keep])
            w.append(s.weight[keep] * weight)
    return np.vstack(X), np.concatenate(y), np.concatenate(w)


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, prog="python -m clustering.train", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
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
        "params": TREE_PARAMS,
        "context_params": CONTEXT_TREE_PARAMS,
        "command": "python -m clustering.train",
    }
    scorer = fit_on(sets.values(), meta=meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    scorer.save(args.out)
    print(f"wrote {args.out} (version {meta['version']})")
    for name, c in counts.items():
        print(f"  {name}: {c['pairs']} pairs, {c['same']} same story")
    for stage in (scorer.direct, scorer.context):
        usage = np.zeros(len(stage.features))
        for tree in stage.trees:
            inner = ~tree["is_leaf"].astype(bool)
            usage += np.bincount(tree["feature_idx"][inner], minlength=len(stage.features))
        print("  splits per feature: " + ", ".join(
            f"{name} {int(k)}" for k, name in sorted(zip(usage, stage.features, strict=True), reverse=True) if k))
    return 0


if __name__ == "__main__":
    sys.exit(main())
