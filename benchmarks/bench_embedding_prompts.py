"""Which e5 prompt separates same-event article pairs better: ``query: `` or ``passage: ``?

    .venv/bin/python benchmarks/bench_embedding_prompts.py [--pairs 300]

On SemEval-2022 Task 8 pairs (../shared/eval/semeval2022-task8/training_set.csv;
``Overall`` 1 = same event ... 4 = unrelated), embeds both sides (title + body,
first 600 characters, like ``embeddings.article_text``) with the default E5
runtime under each prompt, and prints the Pearson correlation of the pair cosine
with -Overall (higher is better), overall and for the zh-zh / zh-en pairs, plus
the mean cosine of same-event (Overall <= 1.5) and unrelated (>= 3.5) pairs.
Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "eval" / "semeval2022-task8" / "training_set.csv"


def load_pairs(limit: int) -> list[dict]:
    csv.field_size_limit(10**8)
    with open(DATA, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("text1") and r.get("text2")]
    # Chinese pairs first (what Parallax reads), then others, up to the limit.
    rows.sort(key=lambda r: (r["lang1"] != "zh" and r["lang2"] != "zh", r["pair_id"]))
    return rows[:limit]


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=300)
    args = parser.parse_args(argv)
    if not DATA.is_file():
        print(f"bench_embedding_prompts: {DATA} not found; nothing to measure")
        return 0
    from embeddings.e5 import E5Backend

    pairs = load_pairs(args.pairs)
    left = [r["text1"][:600] for r in pairs]
    right = [r["text2"][:600] for r in pairs]
    overall = np.array([float(r["Overall"]) for r in pairs])
    langs = np.array([f"{r['lang1']}-{r['lang2']}" for r in pairs])
    print(
        f"{len(pairs)} SemEval-2022 pairs: "
        + ", ".join(
            f"{k} {int(v)}" for k, v in zip(*np.unique(langs, return_counts=True), strict=True)
        )
    )
    for prompt in ("query: ", "passage: "):
        backend = E5Backend(prompt=prompt)
        a = backend.embed(left)
        b = backend.embed(right)
        cos = np.sum(a * b, axis=1)
        parts = [f"pearson_all={np.corrcoef(cos, -overall)[0, 1]:.3f}"]
        for name, mask in (
            ("zh", langs == "zh-zh"),
            ("zh_en", (langs == "zh-en") | (langs == "en-zh")),
        ):
            if mask.sum() > 2:
                parts.append(f"pearson_{name}={np.corrcoef(cos[mask], -overall[mask])[0, 1]:.3f}")
        same, unrelated = overall <= 1.5, overall >= 3.5
        parts.append(
            f"same_event_cos={cos[same].mean():.3f} unrelated_cos={cos[unrelated].mean():.3f} "
            f"gap={cos[same].mean() - cos[unrelated].mean():.3f}"
        )
        print(f"prompt {prompt.strip()!r}: " + " ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
