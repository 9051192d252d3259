"""Labeled data for training and measuring the stories stage (one documented place).

* Story labels of our own: ``evaluation/stories/<window>/`` in the repo (``gold.jsonl``:
  reconciled sampled-anchor labels following ``../shared/eval/stories/labeling.md``;
  ``candidates.jsonl``: the candidates each anchor was judged against; see
  ``evaluation/stories/README.md``). The articles of a window come from ``../shared``.
* ECB+ and SemEval-2022 Task 8 live in ``../shared/eval`` (absent on a fresh clone:
  loaders return None).
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from articles.model import Article

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
ECBPLUS = SHARED / "eval" / "ecbplus" / "docs.jsonl"
SEMEVAL = SHARED / "eval" / "semeval2022-task8" / "training_set.csv"
STORY_LABELS = REPO / "evaluation" / "stories"
JULY_FOLDER = SHARED / "corpus" / "nbw-2021-07"
H1_JSONL = SHARED / "corpus" / "nbw-2021h1.jsonl.gz"
# ECB+ and SemEval texts carry no date: the epoch marks "unknown" (see
# features.publication_days), so time proximity is neutral for them.
UNKNOWN_DATE = datetime(1970, 1, 1, tzinfo=UTC)

# Labeled windows: name -> (source, first day, last day). The sources are ../shared corpora
# (the July folder is keyed by file name, the JSON Lines by record id, as labeled).
WINDOWS = {
    "jul12-14": (JULY_FOLDER, "2021-07-12", "2021-07-14"),
    "may10-13": (H1_JSONL, "2021-05-10", "2021-05-13"),
    "jun14-17": (H1_JSONL, "2021-06-14", "2021-06-17"),
    "mar02-05": (H1_JSONL, "2021-03-02", "2021-03-05"),
    "apr12-15": (H1_JSONL, "2021-04-12", "2021-04-15"),
    "jan18-21": (H1_JSONL, "2021-01-18", "2021-01-21"),
    "feb22-25": (H1_JSONL, "2021-02-22", "2021-02-25"),
    "mar09-12": (H1_JSONL, "2021-03-09", "2021-03-12"),
    "apr26-29": (H1_JSONL, "2021-04-26", "2021-04-29"),
    "jul01-03": (JULY_FOLDER, "2021-07-01", "2021-07-03"),
}
# Dates held out for acceptance (issue: stories): never labeled, tuned or trained on here.
HELD_OUT_DAYS = (("2021-07-05", "2021-07-08"), ("2021-03-16", "2021-03-19"))


def _plain_article(doc_id: str, text: str, outlet: str, language: str) -> Article:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title = lines[0] if lines else doc_id
    return Article(
        id=doc_id,
        outlet=outlet,
        title=title[:200],
        url=None,
        published=UNKNOWN_DATE,
        language=language,
        script=None,
        paragraphs=lines[1:] or [title],
    )


@dataclass
class EcbPlus:
    articles: list[Article]
    gold: list[str]  # gold cluster per article
    topics: list[str]


def load_ecbplus(path: Path = ECBPLUS) -> EcbPlus | None:
    if not path.exists():
        return None
    articles, gold, topics = [], [], []
    with path.open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            articles.append(_plain_article(doc["doc"], doc["text"], "ecbplus", "en"))
            gold.append(str(doc["cluster"]))
            topics.append(str(doc["topic"]))
    return EcbPlus(articles, gold, topics)


@dataclass
class SemEvalPairs:
    first: list[Article]
    second: list[Article]
    overall: list[float]  # 1 = same event ... 4 = unrelated
    languages: list[str]  # "zh-zh", "zh-en", ...


def load_semeval(path: Path = SEMEVAL) -> SemEvalPairs | None:
    if not path.exists():
        return None
    csv.field_size_limit(sys.maxsize)
    first, second, overall, languages = [], [], [], []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            pair = row["pair_id"]
            first.append(_plain_article(pair + "/1", row["text1"], "semeval", row["lang1"]))
            second.append(_plain_article(pair + "/2", row["text2"], "semeval", row["lang2"]))
            overall.append(float(row["Overall"]))
            languages.append(f"{row['lang1']}-{row['lang2']}")
    return SemEvalPairs(first, second, overall, languages)


# ---- labeled windows ---------------------------------------------------------------------
@dataclass
class GoldRow:
    """One sampled anchor: its same-story articles and those that count neither way."""

    anchor: str
    same: list[str]
    dontcare: list[str]


@dataclass
class LabeledWindow:
    name: str
    articles: list[Article]  # Article.id = the key the labels use
    gold: list[GoldRow]
    candidates: dict[str, list[str]]  # anchor -> the candidates it was judged against


def read_gold(path: Path) -> list[GoldRow]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            rows.append(GoldRow(d["anchor"], list(d["same"]), list(d.get("dontcare", []))))
    return rows


def _jsonl_records(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def window_articles(source: Path, first: str, last: str) -> list[Article]:
    """The articles of ``source`` published (UTC day) in [first, last], keyed as labeled."""
    found: list[Article] = []
    if source.is_dir():
        from articles import read_path

        for path in sorted(source.iterdir()):
            # File names carry the local day; a UTC day may be one off.
            if not _shift(first, -1) <= path.name[:10] <= _shift(last, 1):
                continue
            for item in read_path(path):
                if isinstance(item, Article) and first <= item.published.strftime("%Y-%m-%d") <= last:
                    item.id = path.name
                    found.append(item)
        return found
    for r in _jsonl_records(source):
        if first <= r["date"][:10] <= last:
            found.append(
                Article(
                    id=r["id"], outlet=r["outlet"], title=r["title"], url=r.get("url") or None,
                    published=datetime.fromisoformat(r["date"].replace("Z", "+00:00")),
                    language="zh", script=None, paragraphs=r["text"].split("\n"),
                )
            )
    return found


def _shift(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def load_window(name: str) -> LabeledWindow | None:
    """A labeled window (None when its ../shared corpus is absent)."""
    source, first, last = WINDOWS[name]
    folder = STORY_LABELS / name
    if not source.exists() or not (folder / "gold.jsonl").exists():
        return None
    candidates = {}
    for line in (folder / "candidates.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            candidates[d["anchor"]] = d["candidates"]
    return LabeledWindow(name, window_articles(source, first, last), read_gold(folder / "gold.jsonl"), candidates)


def sampled_bcubed(gold: list[GoldRow], story_of: dict[str, str]) -> dict:
    """Sampled BCubed over the anchors, as ``../shared/eval/stories/score.py`` computes it."""
    members: dict[str, set[str]] = defaultdict(set)
    for article, story in story_of.items():
        members[story].add(article)
    precision = recall = 0.0
    worst = []
    for row in gold:
        truth = {row.anchor, *row.same}
        predicted = members[story_of[row.anchor]] if row.anchor in story_of else {row.anchor}
        counted = predicted - set(row.dontcare)
        hit = len(counted & truth)
        p, r = hit / len(counted), hit / len(truth)
        precision += p
        recall += r
        worst.append((p * r, p, r, row.anchor, len(predicted), len(truth)))
    n = len(gold)
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"bcubed_p": precision, "bcubed_r": recall, "bcubed_f1": f1, "anchors": n,
            "worst": sorted(worst)[:8]}


def bcubed(predicted: list, gold: list) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (Bagga & Baldwin), item-averaged."""
    n = len(gold)
    pair_counts = Counter(zip(predicted, gold, strict=False))
    predicted_sizes = Counter(predicted)
    gold_sizes = Counter(gold)
    precision = sum(c * c / predicted_sizes[p] for (p, _), c in pair_counts.items()) / n
    recall = sum(c * c / gold_sizes[g] for (_, g), c in pair_counts.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
