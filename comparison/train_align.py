"""Fit the claim-alignment model on the development comparisons (never the held-out ones).

    PARALLAX_MODEL_DIR=/work/models python -m comparison.train_align [--gold evaluation/comparison/gold.json]

Positive pairs: the sentences holding the two sides of an annotated discrepancy
or agreement (different outlets). Negatives: the other sentences of the partner's
article for each sentence that has an annotated counterpart (the choice the
aligner makes; some are unannotated matches, so the labels lean toward
"different" and the fitted cut is conservative). One logistic
regression with the dense feature, one without (used when no dense model
loads); the decision cut maximizes F0.5 (precision first) of out-of-fold
probabilities (folds = stories). Writes comparison/align_model.json; the data card is ALIGN_MODEL.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from comparison.align import FEATURES, MODEL_PATH, pair_features
from comparison.evaluate import DEFAULT_GOLD, annotated_pairs, load_story, occurrences

ALIGNMENT_LABELS = DEFAULT_GOLD.parent / "alignment.json"


def story_pairs(story: dict, folder: Path, backend, aligned: list[dict] | None = None) -> tuple[np.ndarray, np.ndarray]:
    from comparison.claims import build_claims
    from comparison.docs import build_docs

    by_file = load_story(folder, story["files"])
    files = list(by_file)
    docs = build_docs([by_file[f] for f in files])
    for doc in docs:
        doc.claims = build_claims(doc)
    flat = [(d, k) for d, doc in enumerate(docs) for k in range(len(doc.sentences))]
    index_of = {pair: i for i, pair in enumerate(flat)}
    features, _ = pair_features(docs, flat, backend)
    positives: set[tuple[int, int]] = set()

    def sentences_of(file: str, phrases: list[str]) -> list[int]:
        d = files.index(file)
        doc = docs[d]
        out = []
        for phrase in phrases:
            for start, _end in occurrences(doc.article.text, phrase):
                k = doc.sentence_at(start)
                if k >= 0:
                    out.append(index_of[(d, k)])
        return out

    for fa, ta, fb, tb in annotated_pairs(story):
        for i in sentences_of(fa, ta):
            for j in sentences_of(fb, tb):
                positives.add((min(i, j), max(i, j)))
    if aligned:
        return _labeled_pairs(aligned, files, docs, index_of, features, positives)
    # Candidates: every sentence of the partner's article for each sentence that has
    # an annotated counterpart (the decision align_articles makes: which sentence
    # of that article, if any, states the same claim), both ways.
    partner_articles: dict[int, set[int]] = {}
    for i, j in positives:
        partner_articles.setdefault(i, set()).add(flat[j][0])
        partner_articles.setdefault(j, set()).add(flat[i][0])
    rows, labels, seen = [], [], set()
    for i, articles in partner_articles.items():
        for j in range(len(flat)):
            if flat[j][0] not in articles:
                continue
            pair = (min(i, j), max(i, j))
            if pair in seen:
                continue
            seen.add(pair)
            rows.append([float(features[f][pair[0], pair[1]]) for f in FEATURES])
            labels.append(1 if pair in positives else 0)
    return np.asarray(rows, dtype=np.float32), np.asarray(labels)


def _labeled_pairs(aligned, files, docs, index_of, features, positives) -> tuple[np.ndarray, np.ndarray]:
    """Rows of the sentence pairs annotators judged (``alignment.json``: counterpart or not),
    plus the sentences holding the two sides of an annotated discrepancy or agreement
    (counterparts by definition). A judged sentence is found by its text (see
    :func:`relocated`); one no longer found is skipped, with a count printed. Two judgments that
    now fall on one pair (a splitter joined two sentences) keep "counterpart" if either was."""
    labels: dict[tuple[int, int], int] = {}
    stale = moved = 0
    for item in aligned:
        a, b = files.index(item["a_file"]), files.index(item["b_file"])
        ka = relocated(docs[a], item["a_sentence"], item["a_text"])
        kb = relocated(docs[b], item["b_sentence"], item["b_text"])
        if ka is None or kb is None:
            stale += 1
            continue
        moved += (ka, kb) != (item["a_sentence"], item["b_sentence"])
        i, j = index_of[(a, ka)], index_of[(b, kb)]
        pair = (min(i, j), max(i, j))
        labels[pair] = max(labels.get(pair, 0), int(item["same"]))
    if stale or moved:
        print(f"alignment labels: {moved} found at another sentence index (the splitter changed), "
              f"{stale} no longer found (skipped)")
    for pair in positives:
        labels[pair] = 1
    pairs = sorted(labels)
    rows = [[float(features[f][i, j]) for f in FEATURES] for i, j in pairs]
    return np.asarray(rows, dtype=np.float32).reshape(-1, len(FEATURES)), np.asarray([labels[p] for p in pairs])


# A judged sentence is recognised by this many of its first characters.
LABEL_PROBE_CHARS = 40


def relocated(doc, index: int, text: str) -> int | None:
    """The index the judged sentence ``text`` (judged as sentence ``index``) has now.

    Labels name sentences by index, and the sentence splitter and ingest's cleaning change over
    time (a dropped link list or dateline shifts every later index): a label read by its index
    alone would silently fall on another sentence or be lost. The sentence is found by its
    opening characters in the article, the occurrence nearest the old index when there are
    several; None when the text is no longer in the article."""
    probe = " ".join(text.split())[:LABEL_PROBE_CHARS]
    if index < len(doc.sentences) and " ".join(doc.sentences[index].text.split())[:LABEL_PROBE_CHARS] == probe:
        return index
    if not probe:
        return None
    body = doc.article.text
    found: set[int] = set()
    start = body.find(probe)
    while start >= 0:
        k = doc.sentence_at(start)
        if k >= 0:
            found.add(k)
        start = body.find(probe, start + 1)
    if not found:  # whitespace differs from the stored text: compare sentence texts
        found = {k for k, s in enumerate(doc.sentences) if probe in " ".join(s.text.split())}
    return min(found, key=lambda k: (abs(k - index), k)) if found else None


def fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray, columns: list[int], beta: float = 0.5,
        names: tuple[str, ...] = FEATURES, c: float = 1.0, bootstrap: int = 0) -> dict:
    """A balanced logistic regression on ``columns`` of x, and the cut that maximizes
    F-beta of its out-of-fold probabilities (folds = groups, i.e. stories).

    ``bootstrap``: when > 0, the cut is the median of the F-beta-maximizing cuts of that many
    resamples of the stories (with replacement): on a flat precision-recall curve the single
    maximum jumps with one story more or less, the median does not."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import precision_recall_curve
    from sklearn.model_selection import GroupKFold, cross_val_predict

    model = LogisticRegression(class_weight="balanced", C=c, max_iter=1000)
    data = x[:, columns]
    folds = min(len(set(groups)), 5)
    proba = cross_val_predict(model, data, y, groups=groups, cv=GroupKFold(n_splits=folds),
                              method="predict_proba")[:, 1]
    precision, recall, cuts = precision_recall_curve(y, proba)
    # F-beta, beta < 1 by default: precision weighs more than recall (a false
    # alignment makes false agreements and contradictions; a missed one only a
    # "one outlet only").
    beta2 = beta * beta
    f1 = (1 + beta2) * precision * recall / np.maximum(beta2 * precision + recall, 1e-9)
    best = int(np.argmax(f1[:-1]))
    if bootstrap:
        cut = _bootstrap_cut(y, proba, groups, beta, bootstrap)
        best = int(np.searchsorted(cuts, cut))
        best = min(best, len(cuts) - 1)
    model.fit(data, y)
    return {"features": [names[c] for c in columns], "coef": [round(float(v), 5) for v in model.coef_[0]],
            "intercept": round(float(model.intercept_[0]), 5), "threshold": round(float(cuts[best]), 5),
            "C": c, "out_of_fold": {"precision": round(float(precision[best]), 3), "recall": round(float(recall[best]), 3),
                            f"f{beta:g}": round(float(f1[best]), 3)}, "beta": beta}


def _bootstrap_cut(y: np.ndarray, proba: np.ndarray, groups: np.ndarray, beta: float, n: int) -> float:
    """Median over ``n`` story resamples of the cut maximizing F-beta (seeded: reproducible)."""
    from sklearn.metrics import precision_recall_curve

    rng = np.random.default_rng(0)
    stories = np.unique(groups)
    beta2 = beta * beta
    found = []
    for _ in range(n):
        pick = rng.choice(stories, size=len(stories), replace=True)
        rows = np.concatenate([np.flatnonzero(groups == g) for g in pick])
        if y[rows].sum() == 0:
            continue
        precision, recall, cuts = precision_recall_curve(y[rows], proba[rows])
        f = (1 + beta2) * precision * recall / np.maximum(beta2 * precision + recall, 1e-9)
        found.append(cuts[int(np.argmax(f[:-1]))])
    return float(np.median(found))


def dense_scale(stories: list[dict], root: Path, backend) -> dict:
    """The median over the development stories of each one's (median, 99th percentile)
    sentence cosine: the band used for a story too small to measure its own."""
    from comparison.align import MAX_DENSE_CHARS, story_scale
    from comparison.docs import build_docs

    lows, highs = [], []
    for story in stories:
        by_file = load_story(root / story["id"], story["files"])
        texts = [s.text[:MAX_DENSE_CHARS] for doc in build_docs(list(by_file.values())) for s in doc.sentences]
        vectors = np.asarray(backend.embed(texts), dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        low, high = story_scale(vectors @ vectors.T)
        lows.append(low)
        highs.append(high)
    return {"backend": backend.name, "low": round(float(np.median(lows)), 5), "high": round(float(np.median(highs)), 5),
            "stories": len(stories)}


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, prog="python -m comparison.train_align", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--beta", type=float, default=0.5, help="the cut maximizes F-beta (default 0.5)")
    parser.add_argument("--alignment", type=Path, default=ALIGNMENT_LABELS,
                        help="judged sentence pairs (default: evaluation/comparison/alignment.json; "
                             "without it, pairs are inferred from the discrepancy annotations)")
    args = parser.parse_args(argv)
    from tqdm import tqdm

    import embeddings

    backend = embeddings.get_backend()
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    stories = [s for s in gold["stories"] if not s.get("heldout")]  # never the held-out ones
    judged: dict[str, list[dict]] = {}
    if args.alignment.exists():
        for item in json.loads(args.alignment.read_text(encoding="utf-8"))["pairs"]:
            judged.setdefault(item["story"], []).append(item)
        # Judged pairs and inferred ones are not mixed: only the stories with judgments.
        stories = [s for s in stories if s["id"] in judged]
    xs, ys, groups = [], [], []
    for n, story in enumerate(tqdm(stories, desc="development stories", unit="story")):
        x, y = story_pairs(story, args.gold.parent / story["id"], backend, judged.get(story["id"]))
        xs.append(x)
        ys.append(y)
        groups += [n] * len(y)
    x, y = np.concatenate(xs), np.concatenate(ys)
    groups_arr = np.asarray(groups)
    dense_cols = list(range(len(FEATURES)))
    lexical_cols = [c for c in dense_cols if "dense" not in FEATURES[c]]
    result = {
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "command": f"PARALLAX_MODEL_DIR=/work/models python -m comparison.train_align --beta {args.beta:g}",
        "backend": backend.name,
        "data": {"stories": [s["id"] for s in stories], "pairs": int(len(y)), "positives": int(y.sum()),
                 "labels": str(args.alignment.name) if judged else "inferred from the discrepancy annotations"},
        "dense": fit(x, y, groups_arr, dense_cols, args.beta),
        "dense_scale": dense_scale(stories, args.gold.parent, backend),
        "lexical": fit(x, y, groups_arr, lexical_cols, args.beta),
    }
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
