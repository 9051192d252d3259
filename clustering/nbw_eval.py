"""The NBW labeled set: hand-labeled stories inside the demo corpus (seeds/).

``tests/fixtures/clustering/nbw_labels.json`` lists groups of source files,
one specific event each. The whole demo slice (2,186 articles, 4-9 July 2021)
is clustered; then every pair of labeled articles is checked: same group ->
should share a story, different groups -> should not.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np

from articles.model import Article
from clustering.clusterer import StoryClusterer
from clustering.datasets import NBW_LABELS, REPO

DEMO_INPUTS = [
    REPO / "seeds" / "nbw-2021-07",
    REPO / "seeds" / "000_299cce44e7b57b22.txt",
    REPO / "seeds" / "001_bd7e773d7b869fe3.txt",
]
EVAL_CACHE = REPO / "data" / "eval-cache.db"


def read_articles(inputs: list[Path]) -> list[Article]:
    """Articles of ``inputs`` via the real reader, duplicates merged (source paths kept)."""
    from articles import iter_files, read_path

    by_id: dict[str, Article] = {}
    for path in iter_files(inputs):
        for item in read_path(path):
            if not isinstance(item, Article):
                continue
            if item.id in by_id:
                by_id[item.id].source_paths.extend(
                    p for p in item.source_paths if p not in by_id[item.id].source_paths
                )
            else:
                by_id[item.id] = item
    return sorted(by_id.values(), key=lambda a: (a.published, a.id))


def load_labels(path: Path = NBW_LABELS) -> dict[str, list[str]]:
    return json.loads(path.read_text(encoding="utf-8"))["groups"]


def labeled_articles(articles: list[Article], groups: dict[str, list[str]]) -> dict[str, str]:
    """article id -> gold group, matching the labeled files to the articles read from them."""
    group_of_path = {
        str((REPO / p).resolve()): group for group, paths in groups.items() for p in paths
    }
    gold: dict[str, str] = {}
    for article in articles:
        for source in article.source_paths:
            group = group_of_path.get(str(Path(source.split("#", 1)[0]).resolve()))
            if group:
                gold[article.id] = group
    return gold


def pairwise_scores(story_of: dict[str, str], gold: dict[str, str]) -> dict:
    """Precision/recall/F1 of 'same story' over all pairs of labeled articles."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same_predicted = story_of.get(a) is not None and story_of.get(a) == story_of.get(b)
        tp += same_gold and same_predicted
        fp += (not same_gold) and same_predicted
        fn += same_gold and not same_predicted
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"pair_p": p, "pair_r": r, "pair_f1": f, "pairs": tp + fn, "false_merges": fp}


def evaluate_nbw(model: str | None = None, use_dense: bool = True, clusterer=None) -> dict | None:
    if not NBW_LABELS.exists() or not DEMO_INPUTS[0].exists():
        return None
    articles = read_articles(DEMO_INPUTS)
    vectors, backend = None, "none"
    if use_dense:
        from clustering.pipeline import embed
        from store.sqlite import Store

        with Store(EVAL_CACHE) as cache:  # vectors cached by content hash across runs
            vectors, backend = embed(articles, cache, model=model)
    clusterer = clusterer or StoryClusterer()
    clusterer.fit(articles, vectors)
    story_of = {m.article_id: s.id for s in clusterer.stories_ for m in s.members}
    gold = labeled_articles(articles, load_labels())
    result = pairwise_scores(story_of, gold)
    result["vectors"] = backend
    result["labeled"] = len(gold)
    result["stories"] = len(clusterer.stories_)
    result["articles"] = len(articles)
    result["mean_story_size"] = float(np.mean([len(s.members) for s in clusterer.stories_]))
    return result
