"""``python -m clustering.evaluate``: the default configuration on labeled data it was NOT trained on.

Every figure is out-of-sample and says what the pair scorer was trained on:

* each labeled window (``evaluation/stories/``): the scorer is refitted on every OTHER dataset,
  the window's articles are clustered with the default parameters, and sampled BCubed is
  computed over its anchors (as ``../shared/eval/stories/score.py`` does);
* ECB+: two folds by topic (the scorer refitted without the fold's topics), BCubed over all;
* SemEval-2022 Task 8: five folds of pairs, Pearson of P(same story) with -Overall
  (gold runs 1 = same event ... 4 = unrelated).

Grouping parameters (threshold 0.5, ``missing_weight``, ``edge_floor``, ``k``, ``window_days``)
were chosen on the development windows and ECB+ with these same folds (see clustering/README.md).
Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from clustering.clusterer import StoryClusterer
from clustering.datasets import SHARED, WINDOWS, bcubed, load_ecbplus, load_window, sampled_bcubed
from clustering.scorer import PairScorer


def _clusterer_with(scorer: PairScorer, folder: Path, name: str, **params) -> StoryClusterer:
    path = folder / f"{name}.json"
    scorer.save(path)
    return StoryClusterer(model_path=str(path), **params)


def evaluate_window(name: str, scorer: PairScorer, folder: Path, model=None, **params) -> dict | None:
    from clustering.training import vectors_for

    window = load_window(name)
    if window is None:
        return None
    vectors, titles = vectors_for(window.articles, model)
    clusterer = _clusterer_with(scorer, folder, name, **params)
    labels = clusterer.fit_predict(window.articles, vectors, titles)
    story_of = {a.id: str(label) for a, label in zip(window.articles, labels.tolist(), strict=True)}
    result = sampled_bcubed(window.gold, story_of)
    result["articles"] = len(window.articles)
    return result


def evaluate_ecbplus(sets, folder: Path, fit, **params) -> dict | None:
    data = load_ecbplus()
    if data is None or "ecbplus" not in sets:
        return None
    ecb = sets["ecbplus"]
    topics = np.unique(np.asarray(data.topics), return_inverse=True)[1]
    half = topics % 2
    predicted = np.empty(len(topics), dtype=object)
    for h in (0, 1):
        scorer = fit([s for s in sets.values()], exclude={"ecbplus": half[ecb.pairs[:, 0]] == h})
        clusterer = _clusterer_with(scorer, folder, f"ecb{h}", **params)
        rows = np.flatnonzero(half == h)
        sub = ecb.corpus.subset(rows)
        pairs = clusterer.candidate_pairs(sub)
        labels = clusterer.group(len(rows), pairs, clusterer.score_pairs(sub, pairs))
        predicted[rows] = [f"{h}-{label}" for label in labels.tolist()]
    p, r, f = bcubed(predicted.tolist(), data.gold)
    return {"bcubed_p": p, "bcubed_r": r, "bcubed_f1": f, "clusters": len(set(predicted.tolist())),
            "gold_clusters": len(set(data.gold))}


def evaluate_semeval(sets, semeval, fit) -> dict | None:
    if semeval is None:
        return None
    pair_set, overall, languages = semeval
    proba = np.zeros(len(overall))
    for fold in range(5):
        test = pair_set.groups == fold
        scorer = fit(list(sets.values()), exclude={"semeval": test})
        proba[test] = scorer.predict_proba(pair_set.features()[test])
    gold = -overall

    def pearson(mask: np.ndarray) -> float:
        return float(np.corrcoef(proba[mask], gold[mask])[0, 1]) if mask.sum() >= 3 else float("nan")

    return {
        "pearson_all": pearson(np.ones(len(gold), bool)),
        "pearson_zh": pearson(languages == "zh-zh"),
        "pearson_zh_en": pearson((languages == "zh-en") | (languages == "en-zh")),
        "pairs": len(gold),
    }


def run_evaluation(model: str | None = None, out=print, **params) -> dict:
    from clustering.train import fit_on
    from clustering.training import load_pair_sets, semeval_pairs

    clusterer = StoryClusterer(**params)
    start = time.time()
    sets = load_pair_sets(clusterer, model)
    semeval = semeval_pairs(clusterer, model) if "semeval" in sets else None
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in WINDOWS:
            if name not in sets:
                out(f"{name}: labels or ../shared articles missing (skipped)")
                continue
            others = [s for key, s in sets.items() if key != name]
            scorer = fit_on(others)
            result = evaluate_window(name, scorer, folder, model, **params)
            results[name] = result
            out(
                f"{name} (tested; scorer trained on {', '.join(s.name for s in others)}): "
                f"bcubed_p={result['bcubed_p']:.3f} bcubed_r={result['bcubed_r']:.3f} "
                f"bcubed_f1={result['bcubed_f1']:.3f} anchors={result['anchors']} articles={result['articles']}"
            )
        ecb = evaluate_ecbplus(sets, folder, fit_on, **params)
        if ecb is not None:
            results["ecbplus"] = ecb
            out(
                f"ecbplus (tested by topic halves; scorer trained on the other half + the rest): "
                f"bcubed_p={ecb['bcubed_p']:.3f} bcubed_r={ecb['bcubed_r']:.3f} bcubed_f1={ecb['bcubed_f1']:.3f} "
                f"clusters={ecb['clusters']}/{ecb['gold_clusters']}"
            )
        sem = evaluate_semeval(sets, semeval, fit_on)
        if sem is not None:
            results["semeval"] = sem
            out(
                f"semeval (tested by 5 folds of pairs; scorer trained on the other folds + the rest): "
                f"pearson_all={sem['pearson_all']:.3f} pearson_zh={sem['pearson_zh']:.3f} "
                f"pearson_zh_en={sem['pearson_zh_en']:.3f} pairs={sem['pairs']}"
            )
    out(f"({time.time() - start:.0f}s)")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clustering.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=None, help="embedding backend (default: the product default)")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"{SHARED} is absent: the labeled datasets' articles live there (nothing to evaluate).")
        return 0
    run_evaluation(args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
