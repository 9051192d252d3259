"""``python -m clustering.evaluate``: the default configuration on labeled data it was NOT trained on.

Every figure is out-of-sample and says what the pair scorer was trained on:

* each labeled window (``evaluation/stories/``): the scorer is refitted on every OTHER dataset,
  the window's articles are clustered with the default parameters, and sampled BCubed is
  computed over its anchors (as ``../shared/eval/stories/score.py`` does);
* ECB+: two folds by topic (the scorer refitted without the fold's topics), BCubed over all;
* SemEval-2022 Task 8: five folds of pairs, Pearson of P(same story) with -Overall
  (gold runs 1 = same event ... 4 = unrelated).

Grouping parameters: each window is reported twice. First with the shipped ``threshold`` and
``missing_weight``, which were chosen by this same leave-one-window-out over all the
development windows (so those two numbers saw every window); then nested, with the
:data:`GROUPING_GRID` entry that scores best on the OTHER windows only (each scored by a
scorer trained without it and without the reported window): the nested line is the honest
figure. ``k`` and ``window_days`` stay at their defaults.
Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from clustering import grouping
from clustering.clusterer import StoryClusterer
from clustering.datasets import SHARED, WINDOWS, bcubed, load_ecbplus, load_window, sampled_bcubed
from clustering.scorer import SameStoryModel

# Grouping parameters tried when choosing them on development windows (nested: never on
# the window being reported).
GROUPING_GRID = (
    *({"linkage": "average", "threshold": t, "missing_weight": m} for t in (0.5, 0.6, 0.7, 0.8) for m in (0.1, 0.35)),
    *({"linkage": "additive", "threshold": t, "missing_log_odds": m}
      for t in (0.6, 0.65, 0.7, 0.75) for m in (-0.25, -0.5, -1.0)),
)


def _described(params: dict) -> str:
    """The grouping parameters that matter for its linkage, as key=value words."""
    unused = {"average": "missing_log_odds", "additive": "missing_weight"}.get(params.get("linkage"))
    return " ".join(f"{key}={value}" for key, value in params.items() if key not in ("tuned_on", unused))


def _clusterer_with(scorer: SameStoryModel, folder: Path, name: str, **params) -> StoryClusterer:
    path = folder / f"{name}.json"
    scorer.save(path)
    return StoryClusterer(model_path=str(path), **params)


@dataclass
class WindowCase:
    """A labeled window's candidate pairs and their features, computed once: any scorer
    and any grouping parameters can then be tried on it (what fit would do, step by step)."""

    name: str
    ids: list[str]  # articles in canonical order
    pairs: np.ndarray
    X: np.ndarray
    gold: list
    roundup: np.ndarray  # per article: a digest (placed by headline after grouping)
    headline: np.ndarray  # per pair: title cosine where a digest is in it
    copies: np.ndarray | None = None  # per article: its copy group (grouped as one text)

    @classmethod
    def build(cls, name: str, model: str | None = None, **params) -> WindowCase | None:
        from clustering.clusterer import canonical_order, headline_cosines
        from clustering.neighbourhood import neighbourhood
        from clustering.pair_features import pair_features
        from clustering.training import vectors_for

        window = load_window(name)
        if window is None:
            return None
        vectors, titles = vectors_for(window.articles, model)
        order = canonical_order(window.articles)
        articles = [window.articles[i] for i in order]
        clusterer = StoryClusterer(**params)
        corpus = clusterer.prepare(articles, vectors[order], titles[order])
        pairs, known = clusterer.candidate_pairs(corpus, with_scores=True)
        X = pair_features(corpus, pairs, neighbourhood(corpus, pairs, known), known)
        return cls(name, [a.id for a in articles], pairs, X, window.gold, corpus.roundup,
                   headline_cosines(corpus, pairs), corpus.copies)

    def proba(self, scorer: SameStoryModel, story_context: bool = False) -> np.ndarray:
        return scorer.predict_proba(len(self.ids), self.pairs, self.X, story_context)

    def score(self, proba: np.ndarray, params: dict) -> dict:
        """Sampled BCubed of the grouping ``params`` (:data:`GROUPING_GRID`'s keys) over ``proba``."""
        labels = grouping.group(len(self.ids), self.pairs, proba, **params, copies=self.copies)
        labels = grouping.place_roundups(labels, self.pairs, proba, self.headline, self.roundup, params["threshold"])
        result = sampled_bcubed(self.gold, {i: str(label) for i, label in zip(self.ids, labels.tolist(), strict=True)})
        result["articles"] = len(self.ids)
        return result


def choose_grouping(cases: dict[str, WindowCase], sets: dict, held: str, fit, story_context: bool = False,
                    linkage: str = "average") -> dict:
    """The :data:`GROUPING_GRID` entry of ``linkage`` with the best mean F1 over the windows other than
    ``held``, each scored by a scorer trained without ``held`` and without itself."""
    grid = [params for params in GROUPING_GRID if params["linkage"] == linkage]
    totals = np.zeros(len(grid))
    tuned = [name for name in cases if name != held]
    for name in tuned:
        proba = cases[name].proba(fit([s for key, s in sets.items() if key not in (held, name)]), story_context)
        for g, params in enumerate(grid):
            totals[g] += cases[name].score(proba, params)["bcubed_f1"]
    return dict(grid[int(np.argmax(totals))], tuned_on=tuned)


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
        proba = clusterer.score_pairs(sub, pairs)
        labels = clusterer.place_roundups(sub, clusterer.group(len(rows), pairs, proba, sub.copies), pairs, proba)
        predicted[rows] = [f"{h}-{label}" for label in labels.tolist()]
    p, r, f = bcubed(predicted.tolist(), data.gold)
    return {"bcubed_p": p, "bcubed_r": r, "bcubed_f1": f, "clusters": len(set(predicted.tolist())),
            "gold_clusters": len(set(data.gold))}


def evaluate_semeval(sets, semeval, fit, story_context: bool = False) -> dict | None:
    if semeval is None:
        return None
    pair_set, overall, languages = semeval
    # The scorer's graded score is its log-odds (decision_function), what SemEval's Pearson
    # compares with the 1-4 ratings; the probability squashes both ends (shown beside it),
    # and Spearman, blind to any monotone rescaling, says how well the pairs are ranked.
    score = np.zeros(len(overall))
    for fold in range(5):
        test = pair_set.groups == fold
        model = fit(list(sets.values()), exclude={"semeval": test})
        direct = model.direct_log_odds(pair_set.candidate_features())
        score[test] = model.log_odds_in_context(
            len(pair_set.corpus), pair_set.candidates, direct, pair_set.pairs[test],
            model.direct_log_odds(pair_set.features()[test]), story_context)
    proba = 1.0 / (1.0 + np.exp(-score))
    gold = -overall
    zh_en = (languages == "zh-en") | (languages == "en-zh")

    def pearson(values: np.ndarray, mask: np.ndarray) -> float:
        return float(np.corrcoef(values[mask], gold[mask])[0, 1]) if mask.sum() >= 3 else float("nan")

    return {
        "pearson_all": pearson(score, np.ones(len(gold), bool)),
        "pearson_zh": pearson(score, languages == "zh-zh"),
        "pearson_zh_en": pearson(score, zh_en),
        "pearson_zh_en_probability": pearson(proba, zh_en),
        "spearman_zh_en": float(spearmanr(score[zh_en], gold[zh_en])[0]) if zh_en.sum() >= 3 else float("nan"),
        "pairs": len(gold),
    }


def _figures(result: dict) -> str:
    return (f"bcubed_p={result['bcubed_p']:.3f} bcubed_r={result['bcubed_r']:.3f} "
            f"bcubed_f1={result['bcubed_f1']:.3f} anchors={result['anchors']} articles={result['articles']}")


def run_evaluation(model: str | None = None, out=print, **params) -> dict:
    from functools import partial

    from clustering.train import fit_on as fit_both
    from clustering.training import load_pair_sets, semeval_pairs

    clusterer = StoryClusterer(**params)
    # The context stage is fitted only when it is used (it costs three more fits).
    fit_on = partial(fit_both, context=clusterer.story_context)
    start = time.time()
    sets = load_pair_sets(clusterer, model)
    semeval = semeval_pairs(clusterer, model) if "semeval" in sets else None
    results: dict = {}
    cases = _window_cases(sets, model, params, out)
    _evaluate_windows(cases, sets, clusterer, _fitted_once(fit_on), out, results)
    with tempfile.TemporaryDirectory() as tmp:
        ecb = evaluate_ecbplus(sets, Path(tmp), fit_on, **params)
    if ecb is not None:
        results["ecbplus"] = ecb
        out(
            f"ecbplus (tested by topic halves; scorer trained on the other half + the rest): "
            f"bcubed_p={ecb['bcubed_p']:.3f} bcubed_r={ecb['bcubed_r']:.3f} bcubed_f1={ecb['bcubed_f1']:.3f} "
            f"clusters={ecb['clusters']}/{ecb['gold_clusters']}"
        )
    sem = evaluate_semeval(sets, semeval, fit_on, clusterer.story_context)
    if sem is not None:
        results["semeval"] = sem
        out(
            f"semeval (tested by 5 folds of pairs; scorer trained on the other folds + the rest): "
            f"pearson_all={sem['pearson_all']:.3f} pearson_zh={sem['pearson_zh']:.3f} "
            f"pearson_zh_en={sem['pearson_zh_en']:.3f} (of the log-odds; of the probability "
            f"{sem['pearson_zh_en_probability']:.3f}; spearman {sem['spearman_zh_en']:.3f}) pairs={sem['pairs']}"
        )
    out(f"({time.time() - start:.0f}s)")
    return results


def _window_cases(sets: dict, model: str | None, params: dict, out) -> dict[str, WindowCase]:
    """Each labeled window whose labels and articles are present, features computed once."""
    cases = {}
    for name in WINDOWS:
        case = WindowCase.build(name, model, **params) if name in sets else None
        if case is None:
            out(f"{name}: labels or ../shared articles missing (skipped)")
        else:
            cases[name] = case
    return cases


def _fitted_once(fit_on):
    """``fit_on`` memoized by the names of the sets trained on: a scorer depends only on them,
    and choose_grouping asks for "without a and b" for a as for b."""
    fitted: dict[frozenset, object] = {}

    def fit_without(chosen):
        key = frozenset(s.name for s in chosen)
        if key not in fitted:
            fitted[key] = fit_on(chosen)
        return fitted[key]

    return fit_without


def _evaluate_windows(cases: dict, sets: dict, clusterer: StoryClusterer, fit_without, out, results: dict) -> None:
    """Each window scored by a scorer trained without it: with the shipped grouping, then
    (nested) with the grouping chosen on the other windows only."""
    for name, case in cases.items():
        others = [s for key, s in sets.items() if key != name]
        scorer = fit_without(others)
        trained = ", ".join(s.name for s in others)
        proba = case.proba(scorer, clusterer.story_context)
        shipped = clusterer.grouping_params()
        result = case.score(proba, shipped)
        results[name] = result
        out(f"{name} (tested; scorer trained on {trained}; shipped grouping {_described(shipped)}, "
            f"chosen on all windows): {_figures(result)}")
        if len(cases) > 2:
            chosen = choose_grouping(cases, sets, name, fit_without, clusterer.story_context, clusterer.linkage)
            nested = case.score(proba, {k: v for k, v in chosen.items() if k != "tuned_on"})
            results[name + " (nested)"] = nested
            out(f"{name} (tested; grouping {_described(chosen)} chosen on {', '.join(chosen['tuned_on'])} "
                f"only): {_figures(nested)}")


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, prog="python -m clustering.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=None, help="embedding backend (default: the product default)")
    parser.add_argument("--story-context", action="store_true",
                        help="evaluate with the same-story model's story-context stage on (off by default)")
    parser.add_argument("--linkage", choices=grouping.LINKAGES, default="average",
                        help="grouping linkage of every line, ECB+ included (default average; additive is opt-in, "
                             "see clustering/README.md)")
    parser.add_argument("--threshold", type=float, default=None,
                        help="the grouping threshold of the first line per window and of ECB+ (default: the shipped one)")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"{SHARED} is absent: the labeled datasets' articles live there (nothing to evaluate).")
        return 0
    chosen = {} if args.threshold is None else {"threshold": args.threshold}
    run_evaluation(args.model, story_context=args.story_context, linkage=args.linkage, **chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
