"""Labeled data for measuring the clustering: ECB+, SemEval-2022 Task 8, NBW labels.

ECB+ and SemEval live in ../shared (absent on a fresh clone: loaders return
None); the NBW labeled set ships in tests/fixtures/clustering/nbw_labels.json.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from articles.model import Article

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
ECBPLUS = SHARED / "eval" / "ecbplus" / "docs.jsonl"
SEMEVAL = SHARED / "eval" / "semeval2022-task8" / "training_set.csv"
NBW_LABELS = REPO / "tests" / "fixtures" / "clustering" / "nbw_labels.json"
# ECB+ and SemEval texts carry no date: the epoch marks "unknown" (see
# features.publication_days), so time proximity is neutral for them.
UNKNOWN_DATE = datetime(1970, 1, 1, tzinfo=UTC)


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


def load_ecbplus(path: Path = ECBPLUS) -> EcbPlus | None:
    if not path.exists():
        return None
    articles, gold = [], []
    with path.open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            articles.append(_plain_article(doc["doc"], doc["text"], "ecbplus", "en"))
            gold.append(str(doc["cluster"]))
    return EcbPlus(articles, gold)


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


def bcubed(predicted: list, gold: list) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (Bagga & Baldwin), item-averaged."""
    from collections import Counter

    n = len(gold)
    pair_counts = Counter(zip(predicted, gold, strict=False))
    predicted_sizes = Counter(predicted)
    gold_sizes = Counter(gold)
    precision = sum(c * c / predicted_sizes[p] for (p, _), c in pair_counts.items()) / n
    recall = sum(c * c / gold_sizes[g] for (_, g), c in pair_counts.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
