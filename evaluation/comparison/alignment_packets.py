"""Build and merge sentence-alignment labeling packets (evaluation/comparison/alignment.json).

    PARALLAX_MODEL_DIR=/work/models python -m evaluation.comparison.alignment_packets build STORY... --out DIR
    python -m evaluation.comparison.alignment_packets merge DIR --annotations A.json B.json [--session N]

``build``: for every two articles of a development story (never a held-out one), each sentence
of the shorter (sentences of at least ``MIN_ALIGN_CHARS``; at most ``--max-items`` a pair, evenly
spaced) becomes an item with up to six candidate sentences of the other article: its top 3 by
character TF-IDF cosine and top 3 by dense cosine, listed in article order with no scores, so the
annotators never see a ranking or the tool's alignment. Writes DIR/packet-STORY.md (for the
annotators, with ALIGNMENT_GUIDE.md) and DIR/key-STORY.json (item -> sentences).

``merge``: two annotators' answers (item id -> candidate numbers) for one packet's key; a pair
both judge the same way is added to alignment.json (``annotators``: 2), a pair they split on is
left out and counted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold.json"
LABELS = HERE / "alignment.json"
CANDIDATES_PER_SIMILARITY = 3


def _story(story_id: str) -> dict:
    stories = {s["id"]: s for s in json.loads(GOLD.read_text(encoding="utf-8"))["stories"]}
    story = stories[story_id]
    if story.get("heldout"):
        raise SystemExit(f"{story_id}: a held-out comparison; its sentences are never labeled for tuning")
    return story


def build(story_id: str, out: Path, backend, max_items: int) -> int:
    from comparison.align import MAX_DENSE_CHARS, MIN_ALIGN_CHARS, lexical_similarity
    from comparison.docs import build_docs
    from comparison.evaluate import load_story

    story = _story(story_id)
    by_file = load_story(HERE / story_id, story["files"])
    files = list(by_file)
    docs = build_docs([by_file[f] for f in files])
    items, lines = {}, []
    for x in range(len(files)):
        for y in range(x + 1, len(files)):
            a, b = (x, y) if len(docs[x].sentences) <= len(docs[y].sentences) else (y, x)
            ka = [k for k, s in enumerate(docs[a].sentences) if len(s.text) >= MIN_ALIGN_CHARS]
            kb = [k for k, s in enumerate(docs[b].sentences) if len(s.text) >= MIN_ALIGN_CHARS]
            if not ka or not kb:
                continue
            if len(ka) > max_items:
                ka = [ka[int(i)] for i in np.linspace(0, len(ka) - 1, max_items).round()]
            texts = [docs[a].sentences[k].text for k in ka] + [docs[b].sentences[k].text for k in kb]
            lexical = lexical_similarity(texts)[: len(ka), len(ka):]
            vectors = np.asarray(backend.embed([t[:MAX_DENSE_CHARS] for t in texts]), dtype=np.float32)
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
            dense = (vectors[: len(ka)] @ vectors[len(ka):].T)
            for row, k in enumerate(ka):
                picks = set(np.argsort(-lexical[row])[:CANDIDATES_PER_SIMILARITY].tolist())
                picks |= set(np.argsort(-dense[row])[:CANDIDATES_PER_SIMILARITY].tolist())
                candidates = [kb[c] for c in sorted(picks)]
                item = str(len(items) + 1)
                items[item] = {"story": story_id, "a_file": files[a], "a_sentence": k,
                               "a_text": docs[a].sentences[k].text, "b_file": files[b],
                               "candidates": [[c, docs[b].sentences[c].text] for c in candidates]}
                lines.append(f"### item {item}\nA: {docs[a].sentences[k].text}")
                lines += [f"[{n}] {text}" for n, (_c, text) in enumerate(items[item]["candidates"], 1)]
                lines.append("")
    out.mkdir(parents=True, exist_ok=True)
    (out / f"packet-{story_id}.md").write_text("\n".join(lines), encoding="utf-8")
    (out / f"key-{story_id}.json").write_text(json.dumps(items, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(items)


def merge(key_path: Path, answers: list[Path], session: str) -> tuple[int, int, int]:
    """(positives, negatives, split) added to alignment.json from two annotators' answers."""
    key = json.loads(key_path.read_text(encoding="utf-8"))
    votes = [json.loads(p.read_text(encoding="utf-8")) for p in answers]
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    known = {(p["story"], p["a_file"], p["a_sentence"], p["b_file"], p["b_sentence"]) for p in labels["pairs"]}
    pos = neg = split = 0
    for item, entry in key.items():
        if any(item not in v for v in votes):
            raise SystemExit(f"{key_path}: item {item} has no answer in every annotation")
        for n, (kb, text) in enumerate(entry["candidates"], 1):
            said = {n in {int(x) for x in v[item]} for v in votes}
            if len(said) > 1:
                split += 1
                continue
            pair = (entry["story"], entry["a_file"], entry["a_sentence"], entry["b_file"], kb)
            if pair in known:
                continue
            known.add(pair)
            same = said.pop()
            labels["pairs"].append({"story": entry["story"], "a_file": entry["a_file"], "a_sentence": entry["a_sentence"],
                                    "a_text": entry["a_text"], "b_file": entry["b_file"], "b_sentence": kb,
                                    "b_text": text, "same": int(same), "annotators": len(votes)})
            pos += same
            neg += not same
    stats = labels.setdefault("stats", {})
    story = next(iter(key.values()))["story"] if key else key_path.stem
    stats[f"session{session}:{story}"] = {"pos": pos, "neg": neg, "disagree": split, "annotators": len(votes)}
    _write_labels(labels)
    return pos, neg, split


def _write_labels(labels: dict) -> None:
    """alignment.json as it has always been laid out: the header on the first line, one pair a line."""
    head = {k: v for k, v in labels.items() if k != "pairs"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "pairs": [']
    rows = [json.dumps(p, ensure_ascii=False) for p in labels["pairs"]]
    lines += [row + "," for row in rows[:-1]] + rows[-1:] + ["]}"]
    LABELS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.comparison.alignment_packets",
                                     description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("stories", nargs="+")
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--max-items", type=int, default=45, help="items per article pair (default 45)")
    m = sub.add_parser("merge")
    m.add_argument("key", type=Path)
    m.add_argument("--annotations", type=Path, nargs=2, required=True)
    m.add_argument("--session", default="16")
    args = parser.parse_args(argv)
    if args.command == "build":
        import embeddings

        backend = embeddings.get_backend()
        for story in args.stories:
            print(f"{story}: {build(story, args.out, backend, args.max_items)} items")
    else:
        pos, neg, split = merge(args.key, args.annotations, args.session)
        print(f"added positives {pos}, negatives {neg}; split (left out) {split}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
