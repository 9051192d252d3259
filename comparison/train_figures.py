"""Fit the figure-pair model on the development comparisons (never the held-out ones).

    PARALLAX_MODEL_DIR=/work/models python -m comparison.train_figures [--gold evaluation/comparison/gold.json]

Rows: every pair of figures with different values that two outlets' articles of
a development story offer as candidates (``comparison.findings.quantity.figure_rows``:
one dimension, each figure's best-aligned partners). Positive: both figures lie
in the two sides of one annotated discrepancy or agreement. Negative: the rest.
Annotators marked every discrepancy of their stories, so a pair of different
values left unmarked is not a discrepancy: the labels are complete for these rows
(equal values, whose agreements were marked only in part, never enter).

C (regularization) is the one of C_GRID with the best leave-one-story-out average
precision. The decision cut maximizes F-beta (beta 1 by default) of out-of-fold probabilities,
folds = stories; it is the median of that maximum over 200 resamples of the stories, since
the curve is flat and its single maximum jumped from 0.75 to 0.97 as stories were added.
Two fits, as for the alignment model: one whose "aligned" feature comes from
the dense sentence model, one from the lexical fallback (no model files).
Writes comparison/figure_model.json; the data card is FIGURE_MODEL.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from comparison.evaluate import DEFAULT_GOLD, annotated_pairs, load_story, occurrences
from comparison.figure_pairs import FEATURES, MODEL_PATH


def story_rows(story: dict, folder: Path, backend, described: list | None = None) -> tuple[list[list[float]], list[int]]:
    """Feature rows and labels of one story's candidate figure pairs (``described``, when
    given, receives a one-line description of each row, for reading errors)."""
    from comparison.compare import build_context
    from comparison.findings.quantity import figure_rows

    by_file = load_story(folder, story["files"])
    files = list(by_file)
    docs, ctx, _notes = build_context([by_file[f] for f in files], backend)
    sides = []
    for fa, ta, fb, tb in annotated_pairs(story):
        ra = [r for phrase in ta for r in occurrences(by_file[fa].text, phrase)]
        rb = [r for phrase in tb for r in occurrences(by_file[fb].text, phrase)]
        sides.append((files.index(fa), ra, files.index(fb), rb))

    def inside(doc, i: int, ranges) -> bool:
        q = doc.facts.quantities[i]
        return any(q.start < end and start < max(q.end, q.counted_end) for start, end in ranges)

    rows, labels = [], []
    for d1, doc1 in enumerate(docs):
        for d2 in range(d1 + 1, len(docs)):
            doc2 = docs[d2]
            if doc1.group == doc2.group:
                continue
            _equal, pending, features = figure_rows(doc1, d1, doc2, d2, ctx.score, ctx.threshold)
            for (i, j), row in zip(pending, features, strict=True):
                positive = any(
                    (da, db) == (d1, d2) and inside(doc1, i, ra) and inside(doc2, j, rb)
                    or (da, db) == (d2, d1) and inside(doc2, j, ra) and inside(doc1, i, rb)
                    for da, ra, db, rb in sides)
                rows.append(row)
                labels.append(int(positive))
                if described is not None:
                    q1, q2 = doc1.facts.quantities[i], doc2.facts.quantities[j]
                    described.append(f"{story['id']}: {doc1.simple[max(0, q1.start - 8):q1.end + 8]!r} vs "
                                     f"{doc2.simple[max(0, q2.start - 8):q2.end + 8]!r}")
    return rows, labels


C_GRID = (0.03, 0.1, 0.3, 1.0)
# The cut is the median of the F-beta-maximizing cuts of this many story resamples.
BOOTSTRAP = 200


def story_out_average_precision(x: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float) -> float:
    """Average precision of leave-one-story-out probabilities (how well unseen stories' pairs rank)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score
    from sklearn.model_selection import LeaveOneGroupOut, cross_val_predict

    model = LogisticRegression(class_weight="balanced", C=c, max_iter=2000)
    proba = cross_val_predict(model, x, y, groups=groups, cv=LeaveOneGroupOut(), method="predict_proba")[:, 1]
    return float(average_precision_score(y, proba))


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, prog="python -m comparison.train_figures", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--beta", type=float, default=1.0, help="the cut maximizes F-beta (default 1)")
    parser.add_argument("--C", type=float, default=None, dest="c",
                        help="inverse regularization (default: the best story-out average precision of "
                             f"{', '.join(f'{c:g}' for c in C_GRID)})")
    args = parser.parse_args(argv)
    from tqdm import tqdm

    import embeddings
    from comparison.train_align import fit

    backend = embeddings.get_backend()
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    stories = [s for s in gold["stories"] if not s.get("heldout")]  # never the held-out ones
    fits = {}
    for variant, with_backend in (("dense", backend), ("lexical", None)):
        rows, labels, groups = [], [], []
        for n, story in enumerate(tqdm(stories, desc=f"development stories ({variant})", unit="story")):
            r, y = story_rows(story, args.gold.parent / story["id"], with_backend)
            rows += r
            labels += y
            groups += [n] * len(y)
        x, y, g = np.asarray(rows, dtype=np.float64), np.asarray(labels), np.asarray(groups)
        ap = {c: story_out_average_precision(x, y, g, c) for c in C_GRID}
        c = args.c if args.c is not None else max(ap, key=ap.get)
        fits[variant] = {"pairs": int(len(y)), "positives": int(y.sum()),
                         "story_out_average_precision": {f"{k:g}": round(v, 3) for k, v in ap.items()},
                         **fit(x, y, g, list(range(len(FEATURES))), args.beta, FEATURES, c, bootstrap=BOOTSTRAP)}
    result = {
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "command": "PARALLAX_MODEL_DIR=/work/models python -m comparison.train_figures"
                   + (f" --beta {args.beta:g}" if args.beta != 1.0 else "") + (f" --C {args.c:g}" if args.c else ""),
        "backend": backend.name,
        "data": {"stories": [s["id"] for s in stories]},
        **fits,
    }
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
