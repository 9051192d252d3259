"""Clustering time and peak memory for 1k, 10k and 67k NBW articles.

    python benchmarks/bench_clustering.py [--sizes 1000 10000 67048] [--db data/scale-67k.db]

Articles: ../shared/corpus/nbw-2021h1.jsonl.gz (Jan-Jun 2021), the first N in time
order. Vectors: the default backend's vectors cached in the scale store
(benchmarks/prepare_scale_store.py builds it: embedding 67k takes about an hour)
when every one of the N articles has one; otherwise lexical + entity features
only. Each line says which. Every size runs in a fresh subprocess so its peak
RSS (ru_maxrss, the whole process incl. Python and libraries) is its own;
the time covers StoryClusterer.fit (features, neighbor graph, both stages,
stories), not reading or embedding. Says so and exits 0 when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "nbw-2021h1.jsonl.gz"
SCALE_DB = ROOT / "data" / "scale-67k.db"


def _load(n: int, db: Path):
    """The first ``n`` articles (by time) and their cached dense vectors, if all are cached."""
    import numpy as np

    from store.sqlite import Store

    if db.exists():
        with Store(db) as store:
            articles = store.articles()
            if len(articles) >= min(n, 60_000):
                articles = articles[:n]
                try:
                    from embeddings import article_text, embedding_key, get_backend

                    name = get_backend().name
                    keys = [embedding_key(article_text(a)) for a in articles]
                    found = store.get_embeddings(name, keys)
                    if len(found) == len(set(keys)):
                        return articles, np.vstack([found[k] for k in keys]), name
                    missing = len(set(keys)) - len(found)
                    return articles, None, f"lexical+entities only ({missing} of {n} not embedded yet)"
                except Exception as exc:  # noqa: BLE001 - the benchmark still runs lexically
                    return articles, None, f"lexical+entities only (no dense backend: {exc})"
    from articles import read_path

    articles = []
    for item in read_path(CORPUS, max_bytes=1 << 30):
        if hasattr(item, "paragraphs"):
            articles.append(item)
    articles.sort(key=lambda a: (a.published, a.id))
    return articles[:n], None, "lexical+entities only (no scale store with vectors)"


def _child(n: int, db: Path) -> None:
    from clustering import StoryClusterer

    articles, vectors, vectors_used = _load(n, db)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    clusterer = StoryClusterer().fit(articles, vectors)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sizes = [len(s.members) for s in clusterer.stories_]
    print(json.dumps({
        "articles": len(articles),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak / 1024),
        "rss_before_fit_mb": round(before / 1024),
        "stories": len(sizes),
        "multi_article_stories": sum(s > 1 for s in sizes),
        "largest_story": max(sizes) if sizes else 0,
        "max_block_elements": clusterer.neighbor_stats_.max_block_elements,
        "vectors": vectors_used,
    }))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 67048])
    parser.add_argument("--db", type=Path, default=SCALE_DB)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.db)
        return 0
    if not CORPUS.exists() and not args.db.exists():
        print(f"{CORPUS} is absent (../shared is not beside this clone): nothing to benchmark")
        return 0
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n), "--db", str(args.db)],
            capture_output=True, text=True, check=False,
        )
        if out.returncode != 0:
            print(f"n={n}: failed: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"clustering n={r['articles']} time={r['seconds']}s peak_rss={r['peak_rss_mb']}MB "
            f"(before fit {r['rss_before_fit_mb']}MB) stories={r['stories']} "
            f"multi={r['multi_article_stories']} largest={r['largest_story']} "
            f"max_block={r['max_block_elements']} vectors={r['vectors']}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
