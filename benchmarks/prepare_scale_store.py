"""Build the store the scale benchmarks read: the 67k-article NBW file, ingested and embedded.

Embedding 67k articles with the default model takes about an hour on 2 cores; it
is done once and cached in the store (by model and text hash), and the run can be
interrupted and resumed: vectors are written every chunk.

    python benchmarks/prepare_scale_store.py [--db data/scale-67k.db] [--limit N]

Reads ../shared/corpus/nbw-2021h1.jsonl.gz; says so and exits 0 when it is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from articles import ingest  # noqa: E402
from data_paths import DATA_DIR  # noqa: E402
from embeddings import embed_articles, get_backend  # noqa: E402
from store import Store  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "nbw-2021h1.jsonl.gz"
SCALE_DB = DATA_DIR / "scale-67k.db"  # where bench_clustering.py reads it, whatever the current folder


def main() -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(SCALE_DB), help="the store to fill (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="embed only the first N articles")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is absent (../shared is not beside this clone): nothing to prepare")
        return 0
    store = Store(args.db)
    started = time.perf_counter()
    # The file decompresses to ~90 MB: above the default per-file cap meant for uploads.
    report = ingest([CORPUS], store, progress=True, max_bytes=1 << 30)
    print(f"ingest: {report.stored} stored, {report.duplicates} duplicates, "
          f"{len(report.rejected)} rejected in {time.perf_counter() - started:.0f} s")
    articles = store.articles()[: args.limit]
    backend = get_backend()
    started = time.perf_counter()
    embed_articles(articles, backend, store, show_progress=True)
    print(f"embedded {len(articles)} articles with {backend.name} "
          f"in {time.perf_counter() - started:.0f} s (cached ones cost nothing)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
