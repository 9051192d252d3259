"""Discrepancy precision and recall against hand-annotated comparisons.

    PARALLAX_MODEL_DIR=/work/models python -m comparison.evaluate [--gold evaluation/comparison/gold.json] [--lexical]

Development stories (``"heldout": false``: the extractors, lexicons, the figure-pair model and the
fitted alignment model were developed on them) and held-out stories (never
tuned on) are scored separately, overall and per severity (contradiction,
precision, framing). The data and its origin: evaluation/comparison/ORIGIN.md.

A predicted discrepancy (contradiction, precision, framing) matches a gold one when
it has a span in each of the gold's two articles overlapping any occurrence of one
of that article's annotated phrases. Scores are printed strict (the kind must match
too) and lenient (any discrepancy kind), overall and per kind.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

DISCREPANCY_KINDS = ("contradiction", "precision", "framing")
DEFAULT_GOLD = Path(__file__).resolve().parent.parent / "evaluation" / "comparison" / "gold.json"


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    found, start = [], text.find(phrase)
    while start >= 0:
        found.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return found


def _side_matches(finding, article_id: str, ranges: list[tuple[int, int]]) -> bool:
    return any(
        s.article_id == article_id and any(s.start < e and st < s.end for st, e in ranges)
        for s in finding.spans
    )


def annotated_pairs(story: dict) -> list[tuple[str, list[str], str, list[str]]]:
    """(file, phrases, file, phrases) of each annotated discrepancy and of each pair of files
    of each annotated agreement: the two sides of one fact."""
    items = [(g["a"]["file"], g["a"]["text"], g["b"]["file"], g["b"]["text"]) for g in story["discrepancies"]]
    for g in story.get("agreements", []):
        pairs = list(g["texts"].items())
        for x in range(len(pairs)):
            for y in range(x + 1, len(pairs)):
                items.append((pairs[x][0], [pairs[x][1]], pairs[y][0], [pairs[y][1]]))
    return items


_BARE_DAY = re.compile(r"^date:\s*(\d{4}-\d{2}-\d{2})\s*$", re.M)


def load_story(folder: Path, files: list[str]):
    from articles import read_path

    by_file = {}
    for name in files:
        path = folder / name
        items = [a for a in read_path(str(path)) if hasattr(a, "paragraphs")]
        if not items:
            items = _read_with_noon(path)
        if not items:
            raise SystemExit(f"{path}: could not be read as an article")
        by_file[name] = items[0]
    return by_file


def _read_with_noon(path: Path) -> list:
    """The ingest stage rejects a front-matter date with no time ("date: 2010-05-05",
    the ECB+ files of evaluation/comparison): read such a file as published at noon
    UTC that day (the same calendar day from UTC-11 to UTC+11)."""
    import tempfile

    from articles import read_path

    text = path.read_text(encoding="utf-8")
    if not _BARE_DAY.search(text):
        return []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy.write_text(_BARE_DAY.sub(r"date: \1T12:00:00.000Z", text, count=1), encoding="utf-8")
        items = [a for a in read_path(str(copy)) if hasattr(a, "paragraphs")]
    for a in items:
        a.source_paths = [str(path)]
    return items


def held_out_round(story: dict) -> str:
    """The round a held-out story joined in (``"heldout_round"``; the issue's own set has none)."""
    return story.get("heldout_round", ORIGINAL_ROUND)


# The held-out comparisons before session 22 (the four and three added later) carry no round.
ORIGINAL_ROUND = "the first 7"


def evaluate(gold_path: Path, use_dense: bool = False, verbose: bool = False,
             heldout: bool | None = None, progress: bool = False, heldout_round: str | None = None) -> dict:
    """Scores over the gold stories (``heldout``: only held-out ones, only
    development ones, or all when None; ``heldout_round``: only the held-out stories of that round)."""
    from comparison import compare

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    scores = {"totals": {k: Counter() for k in ("strict", "lenient")},
              "per_kind": {k: Counter() for k in DISCREPANCY_KINDS},
              "per_fact": {},  # recall per (kind, fact type) of the gold discrepancies
              "other": Counter()}
    stories = [s for s in gold["stories"] if (heldout is None or bool(s.get("heldout")) == heldout)
               and (heldout_round is None or (s.get("heldout") and held_out_round(s) == heldout_round))]
    if progress:
        from tqdm import tqdm

        stories = tqdm(stories, desc="comparing annotated stories", unit="story", leave=False)
    for story in stories:
        by_file = load_story(gold_path.parent / story["id"], story["files"])
        comparison = compare(list(by_file.values()), use_dense=use_dense, max_articles=None)  # (as annotated: all)
        _score_agreements_and_unique(story, by_file, comparison, scores["other"])
        predicted = [f for f in comparison.findings if f.kind in DISCREPANCY_KINDS]
        _score_discrepancies(story, by_file, predicted, scores, verbose)
    return scores


def gold_sides(discrepancy: dict, by_file: dict) -> list[tuple[str, list[tuple[int, int]]]]:
    """(article id, character ranges of its annotated phrases) for both sides of a gold discrepancy."""
    sides = []
    for side in ("a", "b"):
        article = by_file[discrepancy[side]["file"]]
        sides.append((article.id, [r for phrase in discrepancy[side]["text"] for r in occurrences(article.text, phrase)]))
    return sides


def _score_discrepancies(story: dict, by_file: dict, predicted: list, scores: dict, verbose: bool) -> None:
    """Count one story's gold discrepancies found (strict: of the same kind; lenient: any
    discrepancy kind) and its discrepancy findings that match one, into ``scores``."""
    totals, per_kind = scores["totals"], scores["per_kind"]
    matched_strict: set[int] = set()
    matched_lenient: set[int] = set()
    for g in story["discrepancies"]:
        sides = gold_sides(g, by_file)
        hits = [n for n, f in enumerate(predicted) if all(_side_matches(f, aid, ranges) for aid, ranges in sides)]
        strict_hits = [n for n in hits if predicted[n].kind == g["kind"]]
        totals["strict"]["gold"] += 1
        totals["lenient"]["gold"] += 1
        per_kind[g["kind"]]["gold"] += 1
        fact = scores["per_fact"].setdefault(f"{g['kind']}/{g.get('fact_type', '?')}", Counter())
        fact["gold"] += 1
        fact["found"] += bool(strict_hits)
        if strict_hits:
            totals["strict"]["found"] += 1
            per_kind[g["kind"]]["found"] += 1
            matched_strict.update(strict_hits)
        if hits:
            totals["lenient"]["found"] += 1
            matched_lenient.update(hits)
        if verbose:
            mark = "OK " if strict_hits else ("~  " if hits else "MISS")
            print(f"  [{story['id']}] {mark} {g['kind']}/{g.get('fact_type', '?')}: {g['a']['text'][0]} vs {g['b']['text'][0]}")
    for n, f in enumerate(predicted):
        totals["strict"]["predicted"] += 1
        totals["lenient"]["predicted"] += 1
        per_kind[f.kind]["predicted"] += 1
        if n in matched_strict:
            totals["strict"]["correct"] += 1
            per_kind[f.kind]["correct"] += 1
        if n in matched_lenient:
            totals["lenient"]["correct"] += 1
        if verbose and n not in matched_lenient:
            print(f"  [{story['id']}] FALSE {f.kind}/{f.fact_type}: {f.why[:120]}")


def _score_agreements_and_unique(story: dict, by_file: dict, comparison, counts: Counter) -> None:
    """Gold agreements found as 'agree' findings (every pair of their articles
    that belongs to different outlets), and gold unique facts found as 'unique'."""
    from articles.outlets import edition_names

    agree = [f for f in comparison.findings if f.kind == "agree"]
    edition = edition_names(by_file.values())  # the comparison sets editions against each other
    for g in story.get("agreements", []):
        items = list(g["texts"].items())
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                (fa, ta), (fb, tb) = items[x], items[y]
                a, b = by_file[fa], by_file[fb]
                if edition[a.id] == edition[b.id]:
                    continue
                counts["agreement pairs"] += 1
                ra, rb = occurrences(a.text, ta), occurrences(b.text, tb)
                if any(_side_matches(f, a.id, ra) and _side_matches(f, b.id, rb) for f in agree):
                    counts["agreement pairs found"] += 1
    unique = [f for f in comparison.findings if f.kind == "unique"]
    headline = [f for f in unique if not f.minor]
    for g in story.get("unique", []):
        article = by_file[g["file"]]
        counts["unique facts"] += 1
        ranges = occurrences(article.text, g["text"])
        if any(_side_matches(f, article.id, ranges) for f in unique):
            counts["unique facts found"] += 1
        if any(_side_matches(f, article.id, ranges) for f in headline):
            counts["unique facts in headline"] += 1
    counts["unique findings"] += len(unique)
    counts["unique headline findings"] += len(headline)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def _print_scores(result: dict) -> None:
    for mode, c in result["totals"].items():
        print(f"  {mode:13s} precision {_ratio(c['correct'], c['predicted'])} ({c['correct']}/{c['predicted']})"
              f"  recall {_ratio(c['found'], c['gold'])} ({c['found']}/{c['gold']})")
    for kind, c in result["per_kind"].items():
        print(f"  {kind:13s} precision {_ratio(c['correct'], c['predicted'])} ({c['correct']}/{c['predicted']})"
              f"  recall {_ratio(c['found'], c['gold'])} ({c['found']}/{c['gold']})")
    facts = sorted(result.get("per_fact", {}).items(), key=lambda kv: -kv[1]["gold"])
    print("  recall by what differs: " + ", ".join(
        f"{name} {c['found']}/{c['gold']}" for name, c in facts))
    o = result["other"]
    print(f"  agreements found {_ratio(o['agreement pairs found'], o['agreement pairs'])}"
          f" ({o['agreement pairs found']}/{o['agreement pairs']} pairs),"
          f" unique facts found {_ratio(o['unique facts found'], o['unique facts'])}"
          f" ({o['unique facts found']}/{o['unique facts']}),"
          f" in headline findings {_ratio(o['unique facts in headline'], o['unique facts'])};"
          f" unique findings: {o['unique headline findings']} headline of {o['unique findings']}")


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, prog="python -m comparison.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD,
                        help="the annotated comparisons (default evaluation/comparison/gold.json)")
    parser.add_argument("--lexical", action="store_true", help="align without the dense model")
    parser.add_argument("--dense", action="store_true", help=argparse.SUPPRESS)  # the default; kept for old calls
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list matches, misses and false alarms (development stories only)")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"{args.gold}: gold file not found; nothing to evaluate")
        return 0
    dense = not args.lexical
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    counts = Counter(bool(s.get("heldout")) for s in gold["stories"])
    print(f"discrepancies against {args.gold} ({'dense+lexical' if dense else 'lexical'} alignment); "
          "strict = the kind must match too, lenient = any discrepancy kind")
    for title, which in ((f"DEVELOPMENT stories ({counts[False]}; tuned on: extractors, lexicons, the "
                          "alignment and figure-pair models were developed on them)", False),
                         (f"HELD-OUT stories ({counts[True]}; never tuned on, never looked at per finding)", True)):
        result = evaluate(args.gold, use_dense=dense, verbose=args.verbose and not which, heldout=which,
                          progress=True)
        print(f"{title}:")
        _print_scores(result)
    rounds = Counter(held_out_round(s) for s in gold["stories"] if s.get("heldout"))
    if len(rounds) > 1:  # each round of held-out stories on its own too (comparable across sessions)
        for name, n in sorted(rounds.items(), key=lambda item: (item[0] != ORIGINAL_ROUND, item[0])):
            result = evaluate(args.gold, use_dense=dense, heldout=True, progress=True, heldout_round=name)
            print(f"HELD-OUT stories, {name} ({n}):")
            _print_scores(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
