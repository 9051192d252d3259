"""Clustering time and peak memory for 1k, 10k and 67k NBW articles.

    python benchmarks/bench_clustering.py [--sizes 1000 10000 67048] [--repeat 3] [--db data/scale-67k.db]

Articles: ../shared/corpus/nbw-2021h1.jsonl.gz (Jan-Jun 2021), the first N in time
order. Vectors: the default backend's vectors (texts and titles) cached in the scale
store (benchmarks/prepare_scale_store.py builds it: embedding 67k takes about two hours
on 2 cores) when every one of the N articles has them; otherwise, with
``--random-vectors``, random unit vectors stand in for them (the same dense cost; the
stories are then meaningless), else lexical + entity features only. Each line says which. Every run is a fresh subprocess, so its memory is its
own; the time covers StoryClusterer.fit (features, neighbor graph, both stages,
stories: features, candidate search, pair scoring, grouping), not reading or embedding. Memory: the fit's peak RSS, the largest
worker process's peak RSS, and the peak of the whole process tree's proportional
set size (PSS: pages shared between the fit and its forked workers counted
once), sampled every 0.25 s. CPU: user and system seconds of the fit and its
workers. The first line measures how long this machine takes to touch memory
the process never had (a VM whose host backs memory lazily makes that slow, and
the fit's system time with it). ``--undated``: the same articles with their publication
dates removed (an archive without dates: every article is compared with every other, the
candidate search's worst case, which grows with the square of N). Says so and exits 0 when
../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data_paths import DATA_DIR  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "nbw-2021h1.jsonl.gz"
SCALE_DB = DATA_DIR / "scale-67k.db"


def _load(n: int, db: Path, random_vectors: bool = False):
    """The first ``n`` articles (by time), their vectors and title vectors, and what they are."""
    import numpy as np

    articles, vectors, titles, used = _load_cached(n, db)
    if vectors is None and random_vectors:
        rng = np.random.default_rng(0)
        vectors = rng.normal(size=(len(articles), 384)).astype(np.float32)
        titles = rng.normal(size=(len(articles), 384)).astype(np.float32)
        used = "random unit vectors (dense cost stand-in; " + used + ")"
    return articles, vectors, titles, used


def _load_cached(n: int, db: Path):
    """The first ``n`` articles (by time) and their cached dense vectors, if all are cached."""
    import numpy as np

    from store.sqlite import Store

    if db.exists():
        with Store(db) as store:
            articles = store.articles()
            if len(articles) >= min(n, 60_000):
                articles = articles[:n]
                try:
                    from embeddings import article_text, embedding_key, get_backend, title_text

                    name = get_backend().name
                    keys = [embedding_key(article_text(a)) for a in articles]
                    title_keys = [embedding_key(title_text(a)) for a in articles]
                    found = store.get_embeddings(name, sorted(set(keys) | set(title_keys)))
                    if all(k in found for k in keys + title_keys):
                        return (articles, np.vstack([found[k] for k in keys]),
                                np.vstack([found[k] for k in title_keys]), name)
                    missing = sum(k not in found for k in keys)
                    return articles, None, None, f"lexical+entities only ({missing} of {n} not embedded yet)"
                except Exception as exc:  # noqa: BLE001 - the benchmark still runs lexically
                    return articles, None, None, f"lexical+entities only (no dense backend: {exc})"
    from articles import read_path

    articles = []
    for item in read_path(CORPUS, max_bytes=1 << 30):
        if hasattr(item, "paragraphs"):
            articles.append(item)
    articles.sort(key=lambda a: (a.published, a.id))
    return articles[:n], None, None, "no scale store with vectors"


def _tree_pss_mb() -> float:
    """Proportional set size of this process and its descendants, in MB."""
    import os

    total = 0
    pending = [os.getpid()]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    pending.extend(int(c) for c in f.read().split())
        except (OSError, StopIteration, ValueError):
            continue  # the process ended meanwhile, or no /proc (not Linux)
    return total / 1024


def _child(n: int, db: Path, random_vectors: bool, story_context: bool = False, undated: bool = False) -> None:
    import dataclasses
    import threading
    from datetime import UTC, datetime

    from clustering import StoryClusterer

    articles, vectors, titles, vectors_used = _load(n, db, random_vectors)
    if undated:  # the epoch is "no date" (clustering.corpus.publication_days)
        articles = [dataclasses.replace(a, published=datetime(1970, 1, 1, tzinfo=UTC)) for a in articles]
        vectors_used += "; publication dates removed"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_pss = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.25):
            peak_pss[0] = max(peak_pss[0], _tree_pss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    usage_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    clusterer = StoryClusterer(n_jobs=2, story_context=story_context).fit(articles, vectors, titles)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    sampler.join()
    peak = usage.ru_maxrss
    sizes = [len(s.members) for s in clusterer.stories_]
    print(json.dumps({
        "articles": len(articles),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak / 1024),
        "rss_before_fit_mb": round(before / 1024),
        "worker_peak_rss_mb": round(workers.ru_maxrss / 1024),
        "tree_peak_pss_mb": round(peak_pss[0]),
        "user_s": round(usage.ru_utime - usage_before.ru_utime + workers.ru_utime, 1),
        "system_s": round(usage.ru_stime - usage_before.ru_stime + workers.ru_stime, 1),
        "stories": len(sizes),
        "multi_article_stories": sum(s > 1 for s in sizes),
        "largest_story": max(sizes) if sizes else 0,
        "candidate_pairs": len(clusterer.pairs_),
        "vectors": vectors_used,
    }))


def _first_touch_seconds_per_gb(megabytes: int = 512) -> float:
    """Seconds per GB to touch memory this process never had (in a fresh process)."""
    code = (
        "import time, numpy as np; t = time.perf_counter(); "
        f"np.ones({megabytes} * 2**17); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip()) * 1024 / megabytes


def main() -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 67048])
    parser.add_argument("--db", type=Path, default=SCALE_DB)
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (fresh processes)")
    parser.add_argument("--random-vectors", action="store_true",
                        help="random unit vectors when the scale store has no vectors (cost stand-in)")
    parser.add_argument("--story-context", action="store_true",
                        help="with the same-story model's story-context stage (opt-in)")
    parser.add_argument("--undated", action="store_true",
                        help="publication dates removed (every article compared with every other)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.db, args.random_vectors, args.story_context, args.undated)
        return 0
    if not CORPUS.exists() and not args.db.exists():
        print(f"{CORPUS} is absent (../shared is not beside this clone): nothing to benchmark")
        return 0
    print(f"machine: {os.cpu_count()} cores; touching fresh memory takes "
          f"{_first_touch_seconds_per_gb():.2f} s/GB now", flush=True)
    for n in args.sizes:
        times = []
        for _ in range(args.repeat):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(n), "--db", str(args.db)]
                + (["--random-vectors"] if args.random_vectors else [])
                + (["--story-context"] if args.story_context else [])
                + (["--undated"] if args.undated else []),
                capture_output=True, text=True, check=False,
            )
            if out.returncode != 0:
                last = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode
                print(f"n={n}: failed: {last}")
                break
            r = json.loads(out.stdout.strip().splitlines()[-1])
            times.append(r["seconds"])
            print(
                f"clustering n={r['articles']} time={r['seconds']}s (cpu user={r['user_s']}s "
                f"system={r['system_s']}s) peak_rss={r['peak_rss_mb']}MB (before fit "
                f"{r['rss_before_fit_mb']}MB) worker_peak_rss={r['worker_peak_rss_mb']}MB "
                f"tree_peak_pss={r['tree_peak_pss_mb']}MB stories={r['stories']} "
                f"multi={r['multi_article_stories']} largest={r['largest_story']} "
                f"candidate_pairs={r['candidate_pairs']} vectors={r['vectors']}",
                flush=True,
            )
        if len(times) > 1:
            print(f"clustering n={n}: median {statistics.median(times)}s over {len(times)} runs "
                  f"(min {min(times)}s, max {max(times)}s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
