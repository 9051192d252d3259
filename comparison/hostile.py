"""Hostile but valid inputs for the cost tests and benchmarks (issue 12).

- ``numbers_pair``: two articles sharing one sentence of 3,000 numbers;
- ``long_english_pair``: a 50,000-word English article beside a short one;
- ``repetitive_story``: 12 articles of 50 sentences of 300 characters drawn from 的 and 了, every
  sentence a near-copy of every other (the worst case for word-by-word comparison);
- ``long_runs_pair``: sentences of one long run each (digits, Chinese numerals, dates, weekdays):
  a pattern that starts anywhere inside a run must not cost the run's length each time;
- ``syndicated_story``: one wire report carried by hundreds of outlets, each copy with a figure or
  two changed (every pair of articles aligns sentence by sentence: cost by the square of the copies).
Built from a fixed seed, so every run compares the same texts.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from articles.model import Article

_PUBLISHED = datetime(2021, 7, 8, 12, 0, tzinfo=UTC)
_WORDS = ("the", "police", "said", "on", "Monday", "that", "about", "prisoners", "escaped", "from", "a", "jail",
          "in", "the", "north", "of", "country", "while", "officials", "reported", "more", "than", "people",
          "were", "killed", "and", "dozens", "injured", "according", "to", "Reuters", "miles", "km")


def _article(article_id: str, outlet: str, paragraphs: list[str], language: str) -> Article:
    return Article(id=article_id, outlet=outlet, title=f"{outlet} report", url=None, published=_PUBLISHED,
                   language=language, script="Hans" if language == "zh" else None, paragraphs=paragraphs)


def numbers_sentence(count: int = 3000, separator: str = "，", seed: int = 7) -> str:
    rng = random.Random(seed)
    return "统计显示" + separator.join(f"{rng.randint(2, 99999)}人" for _ in range(count)) + "。"


def numbers_pair(count: int = 3000, separator: str = "，") -> list[Article]:
    shared = numbers_sentence(count, separator)
    return [
        _article("hostile-a", "Outlet A", ["塔利班周三攻占了该市，约有200名囚犯逃脱。", shared], "zh"),
        _article("hostile-b", "Outlet B", ["塔利班周三攻占该市后，大约600名囚犯逃出监狱。", shared], "zh"),
    ]


def long_english_text(words: int = 50_000, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    paragraphs, current = [], []
    for n in range(words):
        token = str(rng.randint(2, 900)) if n % 17 == 5 else rng.choice(_WORDS)
        current.append(token)
        if n % 23 == 22:
            current[-1] += "."
        if len(current) >= words // 2:  # two huge paragraphs: the segmenter must cope
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def long_english_pair(words: int = 50_000) -> list[Article]:
    return [
        _article("long-en", "Outlet L", long_english_text(words), "en"),
        _article("short-en", "Outlet S", ["About 200 prisoners escaped from the jail on Monday, police said."], "en"),
    ]


def repetitive_story(articles: int = 12, sentences: int = 50, length: int = 300, seed: int = 5) -> list[Article]:
    rng = random.Random(seed)
    return [_article(f"rep-{i:02d}", f"Outlet {i:02d}",
                     ["".join(rng.choice("的了") for _ in range(length)) + "。" for _ in range(sentences)], "zh")
            for i in range(articles)]


def long_runs(length: int = 40_000) -> list[str]:
    """One paragraph per run, each about ``length`` characters without a sentence end."""
    return ["数字" + "9" * length + "人。", "数字" + "九" * length + "个区的三个。", "百分之" + "九" * length + "。",
            "日期" + "7月5日" * (length // 4) + "。", "On " + "Monday " * (length // 7) + "."]


def long_runs_pair(length: int = 40_000) -> list[Article]:
    return [
        _article("runs-a", "Outlet A", ["塔利班周三攻占了该市，约有200名囚犯逃脱。", *long_runs(length)], "zh"),
        _article("runs-b", "Outlet B", ["塔利班周三攻占该市后，大约600名囚犯逃出监狱。"], "zh"),
    ]



_WIRE_REPORT = (
    "About 200 prisoners escaped from the central jail on Wednesday after fighters stormed the city, "
    "a provincial official said.",
    "The fighters seized the police headquarters and the governor's office, 40 miles north of the capital.",
    "Three police officers and two civilians were killed, and 17 people were wounded, the official said.",
    "The governor said reinforcements had arrived on Thursday morning and the city was calm.",
    "The ministry of defence said 45 fighters had been killed in the operation.",
)


def syndicated_story(copies: int = 320, seed: int = 3) -> list[Article]:
    """``copies`` near-identical copies of one wire report, each from its own outlet, a figure or
    two changed in some (as sites edit a wire copy)."""
    rng = random.Random(seed)

    def edited(sentence: str) -> str:
        return " ".join(str(int(w) + rng.choice((0, 0, 1))) if w.isdigit() else w for w in sentence.split())

    return [_article(f"wire-{i:03d}", f"Site {i:03d}", [edited(s) for s in _WIRE_REPORT], "en")
            for i in range(copies)]
