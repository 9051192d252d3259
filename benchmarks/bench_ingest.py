"""Ingest throughput and peak memory over the NBW July 2021 corpus.

    .venv/bin/python benchmarks/bench_ingest.py [--corpus DIR] [--no-tracemalloc]

Ingests the 4,877 files of ../shared/corpus/nbw-2021-07 plus both seeds into a
temporary store and prints articles/s, peak memory and the counts (stored,
duplicates, rejected: must be 0). A second pass re-ingests the same files to
time the unchanged-file skip; a third, under tracemalloc, measures the Python
heap peak (tracemalloc slows Python down, so it is timed apart).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles import ingest, iter_files  # noqa: E402
from store.sqlite import Store  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "nbw-2021-07"
SEEDS = [ROOT / "seeds" / "000_299cce44e7b57b22.txt", ROOT / "seeds" / "001_bd7e773d7b869fe3.txt"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the heap-peak pass")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus} (../shared is absent): nothing to benchmark")
        return 0

    inputs = [args.corpus, *SEEDS]
    files = list(iter_files(inputs))
    total_bytes = sum(f.stat().st_size for f in files)
    print(f"input: {len(files):,} files, {total_bytes / 1e6:.1f} MB ({args.corpus} + 2 seeds)")

    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "bench.db") as store:
            start = time.perf_counter()
            report = ingest(inputs, store)
            elapsed = time.perf_counter() - start
            read = report.stored + report.duplicates
            print(f"first ingest: {elapsed:.2f} s, {read / elapsed:,.0f} articles/s, "
                  f"{len(files) / elapsed:,.0f} files/s, {total_bytes / 1e6 / elapsed:.1f} MB/s")
            print(f"  stored {report.stored:,}, duplicates {report.duplicates:,}, "
                  f"rejected {len(report.rejected)}")
            for rejection in report.rejected[:20]:
                print(f"  REJECTED {rejection}")

            start = time.perf_counter()
            again = ingest(inputs, store)
            elapsed_again = time.perf_counter() - start
            print(f"re-ingest (unchanged files skipped): {elapsed_again:.2f} s, "
                  f"{again.unchanged_files:,} files unchanged, stored {again.stored}, "
                  f"duplicates {again.duplicates}, rejected {len(again.rejected)}")
        db_size = (Path(tmp) / "bench.db").stat().st_size
        print(f"store size: {db_size / 1e6:.1f} MB")

        maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
        print(f"peak RSS of the process (ru_maxrss): {maxrss_mb:.0f} MB")

        if not args.no_tracemalloc:
            with Store(Path(tmp) / "traced.db") as store:
                tracemalloc.start()
                start = time.perf_counter()
                ingest(inputs, store)
                traced_elapsed = time.perf_counter() - start
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
            print(f"peak Python heap during ingest (tracemalloc): {peak / 1e6:.1f} MB "
                  f"(traced pass {traced_elapsed:.1f} s)")

    if report.rejected:
        print(f"FAIL: {len(report.rejected)} rejected (expected 0)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
