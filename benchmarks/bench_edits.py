"""Replaying a journalist's edit log on fresh stories (``clustering.edits.replay_edits``).

A batch re-clustering re-applies every logged edit (moves, merges, splits) to the new stories.
Synthetic stories of invented articles (no data needed): ``--stories`` stories of 1-6 articles
each and ``--edits`` edits drawn at random (seeded). Prints the time and the stories after.

    python benchmarks/bench_edits.py [--stories 10000] [--edits 2000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def synthetic(n_stories: int, n_edits: int, seed: int = 0):
    """(stories, edits, articles by id): invented articles, random moves, merges and splits."""
    from articles.model import Article
    from clustering import build_story

    rng = random.Random(seed)
    start = datetime(2021, 7, 1, tzinfo=UTC)
    stories, articles, groups = [], {}, []
    for s in range(n_stories):
        members = []
        for k in range(rng.randint(1, 6)):
            a = Article(id=f"a{s}-{k}", outlet=f"outlet{k}", title=f"story {s} report {k}", url=None,
                        published=start + timedelta(minutes=s * 7 + k), language="en", script=None,
                        paragraphs=[f"Report {k} of happening {s}."])
            articles[a.id] = a
            members.append(a)
        groups.append([a.id for a in members])
        stories.append(build_story(f"st-{s}", members, {a.id: 0.5 for a in members}))
    ids = list(articles)
    edits = []
    for _ in range(n_edits):
        op = rng.choice(["move", "move", "merge", "split"])
        if op == "move":
            target = rng.randrange(n_stories)
            edits.append(("move", {"article_id": rng.choice(ids), "to_story_id": f"st-{target}",
                                   "anchor_ids": groups[target]}))
        elif op == "merge":
            a, b = rng.sample(range(n_stories), 2)
            edits.append(("merge", {"groups": [groups[a], groups[b]]}))
        else:
            edits.append(("split", {"article_ids": rng.sample(ids, 2)}))
    return stories, edits, articles


def main() -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description=__doc__)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=2_000)
    args = parser.parse_args()
    from clustering.edits import replay_edits

    stories, edits, articles = synthetic(args.stories, args.edits)
    started = time.perf_counter()
    after = replay_edits(stories, edits, articles)
    seconds = time.perf_counter() - started
    print(f"replay: {len(edits)} edits over {len(stories)} stories ({len(articles)} articles): {seconds:.2f} s, "
          f"{len(after)} stories after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
