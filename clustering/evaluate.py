"""``python -m clustering.evaluate``: the DEFAULT configuration on labeled data, one line per dataset.

* ecbplus: BCubed P/R/F1 of ``StoryClusterer().fit_predict`` on ../shared/eval/ecbplus/docs.jsonl
  (gold = ``cluster``; ECB+ has no dates, so time proximity is neutral there);
* semeval: Pearson correlation of the fused pair similarity with the SemEval-2022
  Task 8 ``Overall`` score. Gold runs 1 = same event ... 4 = unrelated, so the
  sign is flipped (we correlate with ``-Overall``): higher = better;
* nbw: pairwise precision/recall/F1 of same-story decisions on the NBW pairs labeled in
  tests/fixtures/clustering/nbw_labels.json (clustered inside the demo corpus slice).

Options: ``--model NAME`` (embedding backend; default: the product default),
``--no-dense`` (lexical + entities only). Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from clustering.clusterer import StoryClusterer
from clustering.datasets import SHARED, bcubed, load_ecbplus, load_semeval


def _vectors(articles, model: str | None, use_dense: bool):
    """Dense vectors (cached by content hash in data/eval-cache.db across runs)."""
    if not use_dense:
        return None, "none"
    from clustering.nbw_eval import EVAL_CACHE
    from clustering.pipeline import embed
    from store.sqlite import Store

    with Store(EVAL_CACHE) as cache:
        return embed(articles, cache, model=model)


def evaluate_ecbplus(model: str | None = None, use_dense: bool = True, clusterer=None) -> dict | None:
    data = load_ecbplus()
    if data is None:
        return None
    vectors, backend = _vectors(data.articles, model, use_dense)
    clusterer = clusterer or StoryClusterer()
    labels = clusterer.fit_predict(data.articles, vectors)
    p, r, f = bcubed(labels.tolist(), data.gold)
    return {"bcubed_p": p, "bcubed_r": r, "bcubed_f1": f, "clusters": len(set(labels.tolist())),
            "gold_clusters": len(set(data.gold)), "vectors": backend}


def semeval_similarities(model: str | None = None, use_dense: bool = True, clusterer=None):
    """Fused similarity of every SemEval pair (features fitted on all SemEval texts)."""
    data = load_semeval()
    if data is None:
        return None, None
    texts = data.first + data.second
    vectors, backend = _vectors(texts, model, use_dense)
    clusterer = clusterer or StoryClusterer()
    clusterer.articles_ = texts
    clusterer.embeddings_ = vectors
    clusterer._featurize()
    n = len(data.first)
    rows_a, rows_b = np.arange(n), np.arange(n, 2 * n)
    f = clusterer.features_
    return data, (clusterer.similarity_of(f.take(rows_a), f.take(rows_b)), backend)


def evaluate_semeval(model: str | None = None, use_dense: bool = True, clusterer=None) -> dict | None:
    data, result = semeval_similarities(model, use_dense, clusterer)
    if data is None:
        return None
    similarity, backend = result
    gold = -np.asarray(data.overall)  # flip: 1 = same event ... 4 = unrelated
    languages = np.asarray(data.languages)

    def pearson(mask: np.ndarray) -> float:
        if mask.sum() < 3:
            return float("nan")
        return float(np.corrcoef(similarity[mask], gold[mask])[0, 1])

    return {
        "pearson_all": pearson(np.ones(len(gold), bool)),
        "pearson_zh": pearson(languages == "zh-zh"),
        "pearson_zh_en": pearson((languages == "zh-en") | (languages == "en-zh")),
        "pairs": len(gold),
        "vectors": backend,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clustering.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=None, help="embedding backend (default: the product default)")
    parser.add_argument("--no-dense", action="store_true", help="lexical + entity features only")
    args = parser.parse_args(argv)
    use_dense = not args.no_dense
    if not SHARED.exists():
        print(f"{SHARED} is absent: no ECB+/SemEval data to evaluate on (nothing to do).")
    else:
        start = time.time()
        ecb = evaluate_ecbplus(args.model, use_dense)
        if ecb is None:
            print("ecbplus: docs.jsonl not found under ../shared/eval/ecbplus (skipped)")
        else:
            print(
                f"ecbplus bcubed_p={ecb['bcubed_p']:.3f} bcubed_r={ecb['bcubed_r']:.3f} "
                f"bcubed_f1={ecb['bcubed_f1']:.3f} clusters={ecb['clusters']}/{ecb['gold_clusters']} "
                f"vectors={ecb['vectors']} ({time.time() - start:.0f}s)"
            )
        start = time.time()
        sem = evaluate_semeval(args.model, use_dense)
        if sem is None:
            print("semeval: training_set.csv not found under ../shared/eval/semeval2022-task8 (skipped)")
        else:
            print(
                f"semeval pearson_all={sem['pearson_all']:.3f} pearson_zh={sem['pearson_zh']:.3f} "
                f"pearson_zh_en={sem['pearson_zh_en']:.3f} pairs={sem['pairs']} "
                f"vectors={sem['vectors']} (sign flipped: gold 1=same..4=unrelated) ({time.time() - start:.0f}s)"
            )
    from clustering.nbw_eval import evaluate_nbw

    nbw = evaluate_nbw(args.model, use_dense)
    if nbw is None:
        print("nbw: labeled set or demo corpus missing (skipped)")
    else:
        print(
            f"nbw pair_p={nbw['pair_p']:.3f} pair_r={nbw['pair_r']:.3f} pair_f1={nbw['pair_f1']:.3f} "
            f"pairs={nbw['pairs']} vectors={nbw['vectors']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
