"""The shipped int8 export next to the portable one (7-bit weights) and float32, on this CPU.

    PARALLAX_MODEL_DIR=/work/models .venv/bin/python benchmarks/bench_int8_variants.py [--pairs N]

Why: the shipped export's vectors differ slightly between CPUs with and without AVX-512 VNNI
(saturating 16-bit sums on AVX2), so the figures that use vectors move with the machine
(``embeddings.e5.quantize_int8``). This prints, for the first N SemEval-2022 pairs of
``../shared/eval/semeval2022-task8`` (title + body, first 600 characters as the clustering reads
them), each variant's rate, the Pearson correlation of its raw cosine with the annotators'
similarity per language pair (no fitted model involved), and its cosine to the float32 vectors.
Run it on two machines to see which variant gives the same figures on both. The portable
export is built into a temporary folder (about a minute). Prints a message and exits 0 when
the data is absent. Session 17, VNNI machine, all pairs: zh-en 0.736 / 0.730 / 0.740,
zh-zh 0.848 / 0.847 / 0.848 (shipped / portable / float32); mean cosine to float32 0.9991 /
0.9989, minimum 0.9968 / 0.9976.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=0, help="first N pairs (default: all)")
    args = parser.parse_args(argv)
    from clustering.datasets import SEMEVAL, load_semeval

    pairs = load_semeval()
    if pairs is None:
        print(f"bench_int8_variants: {SEMEVAL} not found; nothing to measure")
        return 0
    from embeddings import article_text
    from embeddings.e5 import E5Backend, _OnnxRunner, export_onnx, quantize_int8

    n = args.pairs or len(pairs.overall)
    left = [article_text(a) for a in pairs.first[:n]]
    right = [article_text(a) for a in pairs.second[:n]]
    dissimilarity = np.asarray(pairs.overall[:n], dtype=float)  # 1 = same event ... 4 = unrelated
    languages = np.asarray(pairs.languages[:n])
    backend = E5Backend()
    fp32 = export_onnx(backend.model_dir, quantized=False)
    vectors = {}
    with tempfile.TemporaryDirectory() as tmp:
        portable = Path(tmp) / "portable.onnx"
        quantize_int8(fp32, portable, reduce_range=True)
        for name, path in (("shipped", None), ("portable", portable), ("float32", fp32)):
            if path is not None:
                backend._run = _OnnxRunner(path)
            started = time.perf_counter()
            a, b = backend.embed(left), backend.embed(right)
            seconds = time.perf_counter() - started
            vectors[name] = (a, b)
            cosine = np.sum(a * b, axis=1)
            per_language = [
                f"{lang} {np.corrcoef(cosine[languages == lang], -dissimilarity[languages == lang])[0, 1]:.3f}"
                for lang in sorted(set(languages)) if (languages == lang).sum() > 20
            ]
            print(f"{name:9s} {2 * n / seconds:6.1f} texts/s  Pearson: " + ", ".join(per_language))
    ref_a, ref_b = vectors["float32"]
    for name in ("shipped", "portable"):
        a, b = vectors[name]
        to_float = np.concatenate([np.sum(a * ref_a, axis=1), np.sum(b * ref_b, axis=1)])
        print(f"{name:9s} cosine to float32: mean {to_float.mean():.5f}, min {to_float.min():.5f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
