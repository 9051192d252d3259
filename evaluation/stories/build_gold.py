"""Reconcile annotators' labels of one window into gold.jsonl (and candidates.jsonl).

usage: python evaluation/stories/build_gold.py WINDOW_DIR PACKET_DIR

WINDOW_DIR holds labels_A.jsonl, labels_B.jsonl, ... (one JSON a line: anchor, same,
borderline, event), written blind by independent annotators from the packets in
PACKET_DIR (made by ../shared/eval/stories/make_candidates.py). For each anchor:
same = what every annotator who labeled it marked same (and nobody borderline);
dontcare = what annotators split on or marked borderline (counts neither way, as
../shared/eval/stories/labeling.md says). An anchor only one annotator reached keeps
that annotator's labels (counted in the printed summary and in README.md).
candidates.jsonl records what each anchor was judged against (training uses it).
"""

import json
import sys
from pathlib import Path

window, packets = Path(sys.argv[1]), Path(sys.argv[2])
labels = {}
for path in sorted(window.glob("labels_*.jsonl")):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels.setdefault(row["anchor"], {})[path.stem] = row
candidates = {}
for path in sorted(packets.glob("packet_*.json")):
    for item in json.loads(path.read_text(encoding="utf-8")):
        candidates[item["anchor"]["id"]] = [c["id"] for c in item["candidates"]]
sample = json.loads((packets / "sample_ids.json").read_text(encoding="utf-8"))
single = split = 0
with (window / "gold.jsonl").open("w", encoding="utf-8") as gold, \
        (window / "candidates.jsonl").open("w", encoding="utf-8") as cands:
    for anchor in sample:
        if anchor not in labels:
            continue
        rows = list(labels[anchor].values())
        same_sets = [set(r["same"]) - {anchor} for r in rows]
        borderline = set().union(*(set(r.get("borderline", [])) for r in rows)) - {anchor}
        agreed = set.intersection(*same_sets) - borderline
        dontcare = (set.union(*same_sets) - agreed) | borderline
        single += len(rows) == 1
        split += bool(set.union(*same_sets) - set.intersection(*same_sets))
        gold.write(json.dumps({"anchor": anchor, "same": sorted(agreed), "dontcare": sorted(dontcare),
                               "annotators": len(rows)}, ensure_ascii=False) + "\n")
        cands.write(json.dumps({"anchor": anchor, "candidates": candidates[anchor]}, ensure_ascii=False) + "\n")
print(f"{window.name}: {sum(a in labels for a in sample)} anchors labeled of {len(sample)}; "
      f"{single} by one annotator only; {split} with a split between annotators")
