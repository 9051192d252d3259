"""Comparison time for 2-, 5- and 10-article stories (real articles), and hostile input.

    .venv/bin/python benchmarks/bench_comparison.py [--repeat 3] [--lexical-only] [--hostile-only]

Hostile but valid input (issue 12), each case in its own process so its peak
memory is its own (goals: 3,000-number sentence < 20 s and < 1 GB; a 50,000-word
English article beside a short one < 60 s and < 1.5 GB; 12 articles of 50 near-identical
300-character sentences within the dashboard's 60 s), with the dense model and without,
models loaded included.

Stories: the two seeds (2 articles), and the first 5 / 10 articles on the killing
of Haiti's president (7-9 Jul 2021, several outlets) from the NBW slice in
seeds/nbw-2021-07 (falls back to ../shared/corpus/nbw-2021-07). Model load time
(embedding backend and the LAC NER model) is measured separately, then each story
is compared with lexical alignment and with dense-confirmed alignment. Goal: under
15 s for 10 articles on 2 cores.

A 200,000-character Chinese article (real articles of 1-4 Jul 2021 from ../shared/corpus, run
together; ``--titled-names-only`` for this case alone): the time of reading names after titles
(comparison.titled_names, on the recogniser's tokens: ~2.7 s when it looped over every title
for every token, session 39) and of the whole entity reading, the recogniser's run excluded.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HAITI_TITLE_WORDS = ("海地总统", "海地:", "海地警方", "刺杀总统", "海地在总统")


def _haiti_files() -> list[Path]:
    for folder in (ROOT / "seeds" / "nbw-2021-07", ROOT.parent / "shared" / "corpus" / "nbw-2021-07"):
        if folder.is_dir():
            files = sorted(
                p for p in folder.glob("2021-07-0[789]-*.md")
                if any(w in p.name for w in HAITI_TITLE_WORDS) and "简报" not in p.name
            )
            if len(files) >= 10:
                return files
    return []


def _read(paths: list[Path]):
    from articles import read_path

    out = []
    for p in paths:
        out += [a for a in read_path(str(p)) if hasattr(a, "paragraphs")]
    return out


def _hostile_case(case: str, dense: bool) -> None:
    """Run one hostile case in this process and print time and peak memory."""
    from comparison import compare
    from comparison.hostile import (
        long_english_pair,
        long_runs_pair,
        numbers_pair,
        repetitive_story,
        syndicated_story,
    )

    t0, c0 = time.perf_counter(), time.process_time()
    arts = {"numbers": numbers_pair, "long": long_english_pair, "repetitive": repetitive_story,
            "runs": long_runs_pair, "syndicated": syndicated_story}[case]()
    result = compare(arts, use_dense=dense)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    label = {"numbers": "2 articles sharing a sentence of 3,000 numbers (goal < 20 s, < 1 GB)",
             "long": "50,000-word English article + a short one (goal < 60 s, < 1.5 GB)",
             "repetitive": "12 articles of 50 near-identical 300-character sentences (goal < 60 s)",
             "runs": "sentences of one 40,000-character run each: digits, numerals, dates, weekdays",
             "syndicated": "320 near-identical copies of one wire report (compared: MAX_COMPARED_ARTICLES)"}[case]
    print(f"  {label}, {'dense+lexical' if dense else 'lexical'}: {elapsed:.1f} s wall, {cpu:.1f} s CPU "
          f"(model loads included; load average {os.getloadavg()[0]:.1f}), "
          f"peak RSS {peak:.0f} MB, {len(result.findings)} findings; notes: {' | '.join(result.notes) or 'none'}")


def _hostile(lexical_only: bool) -> None:
    import subprocess

    print("hostile input (each case in a fresh process):")
    for case in ("numbers", "long", "repetitive", "runs", "syndicated"):
        for dense in ([False] if lexical_only else [False, True]):
            cmd = [sys.executable, __file__, "--case", case] + ([] if dense else ["--lexical-only"])
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
            print(out.stdout.rstrip() or f"  {case}: failed: {out.stderr.strip().splitlines()[-1:]}")


def main() -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lexical-only", action="store_true")
    parser.add_argument("--hostile-only", action="store_true")
    parser.add_argument("--titled-names-only", action="store_true")
    parser.add_argument("--case", choices=("numbers", "long", "repetitive", "runs", "syndicated"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        _hostile_case(args.case, dense=not args.lexical_only)
        return 0
    if args.titled_names_only:
        _long_chinese_names()
        return 0
    _hostile(args.lexical_only)
    _long_chinese_names()
    if args.hostile_only:
        return 0

    seeds = [ROOT / "seeds" / "000_299cce44e7b57b22.txt", ROOT / "seeds" / "001_bd7e773d7b869fe3.txt"]
    haiti = _haiti_files()
    if not all(p.exists() for p in seeds) or len(haiti) < 10:
        print("bench_comparison: seeds/ or the NBW slice (seeds/nbw-2021-07, ../shared/corpus) is missing; nothing to measure")
        return 0
    stories = {
        "2 articles (seeds: Al Jazeera + VOA)": _read(seeds),
        "5 articles (Haiti, 7-9 Jul)": _read(haiti[:5]),
        "10 articles (Haiti, 7-9 Jul)": _read(haiti[:10]),
    }
    backend = _loaded_models(args.lexical_only)
    modes = [("lexical", False)] + ([("dense+lexical", True)] if backend is not None else [])
    for label, arts in stories.items():
        outlets = sorted({a.outlet for a in arts})
        chars = sum(len(a.text) for a in arts)
        print(f"\n{label}: {len(arts)} articles, {chars} chars, outlets: {', '.join(outlets)}")
        for mode, dense in modes:
            _time_story(arts, mode, backend if dense else None, dense, args.repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS: {peak:.0f} MB")
    return 0


def _long_chinese_names(chars: int = 200_000) -> None:
    """Time the name reading of one ``chars``-character Chinese article made of real articles of
    1-4 Jul 2021 (their paragraphs run together), segmented once beforehand."""
    from comparison.extract import extract_entities, segment, to_simplified, token_spans
    from comparison.phonetics import established
    from comparison.titled_names import rejoin_titled_names

    folder = ROOT.parent / "shared" / "corpus" / "nbw-2021-07"
    paragraphs: list[str] = []
    for a in _read(sorted(folder.glob("2021-07-0[1-4]-*.md"))):
        if a.language == "zh" and sum(map(len, paragraphs)) < chars:
            paragraphs += a.paragraphs
    if sum(map(len, paragraphs)) < chars:
        print("bench_comparison: ../shared/corpus/nbw-2021-07 is missing; no long Chinese article measured")
        return
    simple = to_simplified("\n".join(paragraphs))[:chars]
    pieces, cursor = [], 0
    for par in simple.split("\n"):
        pieces.append((cursor, cursor + len(par)))
        cursor += len(par) + 1
    t0 = time.perf_counter()
    segmented = segment([simple[s:e] for s, e in pieces])
    segmenting = time.perf_counter() - t0
    tokens = token_spans(simple, pieces, segmented)
    established("总统")  # the general dictionary a name piece is checked against loads once (~0.6 s)
    t0 = time.perf_counter()
    rejoin_titled_names(simple, tokens)
    titled = time.perf_counter() - t0
    t0 = time.perf_counter()
    persons = sum(e.kind == "PER" for e in extract_entities(simple, segmented, pieces))
    print(f"a {len(simple):,}-character Chinese article ({len(tokens):,} tokens, {persons:,} persons): names after "
          f"titles {titled:.2f} s; all entities {time.perf_counter() - t0:.2f} s (segmenting first: {segmenting:.1f} s)")


def _loaded_models(lexical_only: bool):
    """Load the NER model and (unless ``lexical_only``) the embedding backend, timing each: the
    story timings that follow exclude model loads. Returns the backend, or None."""
    from comparison.extract import _lac

    t0 = time.perf_counter()
    _lac()
    print(f"LAC NER model load: {time.perf_counter() - t0:.2f} s")
    if lexical_only:
        return None
    try:
        import embeddings

        t0 = time.perf_counter()
        backend = embeddings.get_backend()
        backend.embed(["预热"])  # first call builds the session
        print(f"embedding backend load ({backend.name}): {time.perf_counter() - t0:.2f} s")
        return backend
    except Exception as exc:
        print(f"no embedding backend ({exc}); lexical alignment only")
        return None


def _time_story(arts, mode: str, backend, dense: bool, repeat: int) -> None:
    from comparison import compare

    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = compare(arts, backend=backend, use_dense=dense)
        times.append(time.perf_counter() - t0)
    kinds: dict[str, int] = {}
    for f in result.findings:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    print(f"  {mode:14s} best {min(times):.2f} s, mean {sum(times) / len(times):.2f} s "
          f"over {repeat} runs; findings: {kinds}")


if __name__ == "__main__":
    sys.exit(main())
