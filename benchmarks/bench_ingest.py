"""Ingest throughput and peak memory over the NBW July 2021 corpus (or a JSON Lines file).

    .venv/bin/python benchmarks/bench_ingest.py [--corpus DIR] [--no-tracemalloc]
    .venv/bin/python benchmarks/bench_ingest.py --jsonl [FILE]

Ingests the 4,877 files of ../shared/corpus/nbw-2021-07 plus both seeds into a
temporary store and prints articles/s, peak memory and the counts (stored,
duplicates, rejected: must be 0). A second pass re-ingests the same files to
time the unchanged-file skip; a third, under tracemalloc, measures the Python
heap peak (tracemalloc slows Python down, so it is timed apart).

``--jsonl`` instead ingests one JSON Lines file (default
../shared/corpus/nbw-2021h1.jsonl.gz, 67k records, 216 MB decompressed, so the
size cap is lifted to --max-bytes) into a temporary store, alone in this
process so the peak RSS is that of this ingest, and prints articles/s and
peak RSS. With ``--since``/``--until`` (``python -m clustering``'s window) it ingests
with that window and then again with the same one, printing both times, records/s and the
counts: the records outside the dates should be cheap, and the re-run should skip the file.

    .venv/bin/python benchmarks/bench_ingest.py --jsonl SLICE.jsonl.gz --since 2021-01-10 --until 2021-01-12
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
from articles.window import DateWindow  # noqa: E402
from store.sqlite import Store  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "nbw-2021-07"
DEFAULT_JSONL = ROOT.parent / "shared" / "corpus" / "nbw-2021h1.jsonl.gz"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def bench_jsonl(path: Path, max_bytes: int, window: DateWindow | None = None) -> int:
    if not path.is_file():
        print(f"JSON Lines file not found at {path} (../shared is absent): nothing to benchmark")
        return 0
    print(f"input: {path} ({path.stat().st_size / 1e6:.1f} MB on disk)")
    rss_before = peak_rss_mb()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        passes = ["ingest", *(["re-run, same dates"] if window is not None else [])]
        for name in passes:
            start, cpu = time.perf_counter(), time.process_time()
            report = ingest(path, store, max_bytes=max_bytes, window=window)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            read = report.stored + report.duplicates + report.outside_dates
            # (CPU seconds too: on a shared machine the wall time mostly measures the others' load)
            print(f"{name}: {elapsed:.2f} s ({cpu:.2f} s CPU), {read / elapsed:,.0f} records/s "
                  f"({read:,} read: stored {report.stored:,}, duplicates {report.duplicates:,}, "
                  f"outside the dates {report.outside_dates:,}, rejected {len(report.rejected)}, "
                  f"unchanged files {report.unchanged_files})")
            for rejection in report.rejected[:10]:
                print(f"  REJECTED {rejection}")
        db_size = (Path(tmp) / "bench.db").stat().st_size
    print(f"store size: {db_size / 1e6:.1f} MB")
    print(f"peak RSS of the process (ru_maxrss): {peak_rss_mb():.0f} MB "
          f"({rss_before:.0f} MB before ingest, after imports)")
    return 0
SEEDS = [ROOT / "seeds" / "000_299cce44e7b57b22.txt", ROOT / "seeds" / "001_bd7e773d7b869fe3.txt"]


def main() -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the heap-peak pass")
    parser.add_argument("--jsonl", type=Path, nargs="?", const=DEFAULT_JSONL, default=None, metavar="FILE",
                        help=f"benchmark one JSON Lines file instead (default {DEFAULT_JSONL})")
    parser.add_argument("--max-bytes", type=int, default=1 << 30,
                        help="size cap for --jsonl (default 1 GiB: the corpus file is 216 MB decompressed)")
    parser.add_argument("--since", default=None, metavar="DATE", help="--jsonl with a window: from DATE (UTC)")
    parser.add_argument("--until", default=None, metavar="DATE", help="--jsonl with a window: to DATE, included")
    args = parser.parse_args()
    if args.jsonl is not None:
        return bench_jsonl(args.jsonl, args.max_bytes, DateWindow.of(args.since, args.until))
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

        print(f"peak RSS of the process (ru_maxrss): {peak_rss_mb():.0f} MB")

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
