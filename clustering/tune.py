"""Grid search behind the defaults in clustering/clusterer.py (DEFAULTS).

    python -m clustering.tune [--no-dense] [--thresholds 0.1 0.12 ...] [--dense-weights 0 0.25 ...]
        [--entity-weights ...] [--local-dense-shifts 0 0.5 ...] [--singleton-attach 0 0.7 ...]
        [--short-text-boosts 0 4 ...]

For each setting prints ECB+ BCubed F1 (English event clusters with hard
negatives, no dates) and the NBW labeled set's pairwise F1 (Chinese news,
both scripts, 4-9 July 2021), plus their mean: ONE configuration has to hold
on both (no per-dataset tuning). Dense vectors come from the evaluation cache
(data/eval-cache.db; embedded on first use).
"""

from __future__ import annotations

import argparse
import itertools

from clustering.clusterer import DEFAULTS, StoryClusterer
from clustering.datasets import bcubed, load_ecbplus
from clustering.evaluate import _vectors
from clustering.nbw_eval import (
    DEMO_INPUTS,
    labeled_articles,
    load_labels,
    pairwise_scores,
    read_articles,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clustering.tune", description=__doc__.split("\n")[0])
    parser.add_argument("--no-dense", action="store_true")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.10, 0.12, 0.14, 0.16, 0.18])
    parser.add_argument("--topic-thresholds", type=float, nargs="+", default=[DEFAULTS["topic_threshold"]])
    parser.add_argument("--dense-weights", type=float, nargs="+", default=[DEFAULTS["dense_weight"]])
    parser.add_argument("--entity-weights", type=float, nargs="+", default=[DEFAULTS["entity_weight"]])
    parser.add_argument("--local-dense-shifts", type=float, nargs="+", default=[DEFAULTS["local_dense_shift"]])
    parser.add_argument("--singleton-attach", type=float, nargs="+", default=[DEFAULTS["singleton_attach"]])
    parser.add_argument("--short-text-boosts", type=float, nargs="+",
                        default=[DEFAULTS["short_text_dense_boost"]])
    args = parser.parse_args(argv)
    use_dense = not args.no_dense

    ecb = load_ecbplus()
    ecb_vectors, backend = _vectors(ecb.articles, None, use_dense) if ecb else (None, "none")
    nbw = read_articles(DEMO_INPUTS)
    nbw_vectors, _ = _vectors(nbw, None, use_dense)
    gold = labeled_articles(nbw, load_labels())
    print(f"vectors={backend}")
    for threshold, topic, dense, entity, shift, attach, boost in itertools.product(
        args.thresholds, args.topic_thresholds, args.dense_weights, args.entity_weights,
        args.local_dense_shifts, args.singleton_attach, args.short_text_boosts,
    ):
        params = dict(threshold=threshold, lexical_only_threshold=threshold,
                      topic_threshold=topic, dense_weight=dense,
                      entity_weight=entity, lexical_weight=1.0 - entity,
                      local_dense_shift=shift, singleton_attach=attach,
                      short_text_dense_boost=boost)
        line = " ".join(f"{k}={v:g}" for k, v in params.items())
        ecb_f1 = float("nan")
        if ecb:
            labels = StoryClusterer(**params).fit_predict(ecb.articles, ecb_vectors)
            p, r, ecb_f1 = bcubed(labels.tolist(), ecb.gold)
            line += f" | ecb p={p:.3f} r={r:.3f} f1={ecb_f1:.3f}"
        clusterer = StoryClusterer(**params).fit(nbw, nbw_vectors)
        story_of = {m.article_id: s.id for s in clusterer.stories_ for m in s.members}
        scores = pairwise_scores(story_of, gold)
        line += (f" | nbw p={scores['pair_p']:.3f} r={scores['pair_r']:.3f} "
                 f"f1={scores['pair_f1']:.3f} false_merges={scores['false_merges']}")
        line += f" | mean_f1={(ecb_f1 + scores['pair_f1']) / 2:.3f}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
