"""The articles of one story as the comparison reads them: sentences, facts, subjects, claims."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from articles.model import Article
from comparison.extract import Facts, extract_all
from comparison.model import Span
from comparison.numbers import Quantity
from comparison.subjects import Subject, subject_of
from comparison.text import Sentence, split_sentences, to_simplified


@dataclass
class Doc:
    article: Article
    group: int
    label: str
    sentences: list[Sentence]
    facts: Facts
    subjects: list[Subject] = field(default_factory=list)
    simple: str = ""  # the Simplified copy of the text (same length)
    claims: list = field(default_factory=list)  # comparison.claims.Claim
    _starts: list[int] = field(default_factory=list)

    def sentence_at(self, offset: int) -> int:
        import bisect

        if len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        k = bisect.bisect_right(self._starts, offset) - 1
        return k if k >= 0 and offset < self.sentences[k].end else -1

    @property
    def english(self) -> bool:
        return self.facts.english



def span(doc: Doc, start: int, end: int) -> Span:
    return Span(doc.article.id, start, end, doc.article.text[start:end])


_BASE_NAMES = {"length": ("km", 1000.0), "area": ("km²", 1e6), "mass": ("t", 1000.0), "duration": ("h", 3600.0)}


def fmt(q: Quantity) -> str:
    """"约有 200 名 (≈ 180–220)", "40 miles (= 40; 64.4 km)"."""
    if q.percent:
        return q.text.strip()
    if q.low == q.high:
        shown = f"{q.text.strip()} (= {q.low:g}"
    else:
        high = "∞" if math.isinf(q.high) else f"{q.high:g}"
        shown = f"{q.text.strip()} (≈ {q.low:g}–{high}"
    if q.factor != 1.0 and q.dimension in _BASE_NAMES:
        name, size = _BASE_NAMES[q.dimension]
        low, high = q.base_low / size, q.base_high / size
        shown += f"; {low:.3g} {name}" if low == high else f"; {low:.3g}–{high:.3g} {name}"
    return shown + ")"


def compatible(a: Quantity, b: Quantity) -> bool:
    """Overlapping ranges, in the dimension's base unit (40 miles vs 50 km: 64.4 vs 50 km)."""
    return a.base_low <= b.base_high + 1e-9 and b.base_low <= a.base_high + 1e-9


def width(q: Quantity) -> float:
    return math.inf if math.isinf(q.high) else q.base_high - q.base_low


def build_docs(articles: list[Article]) -> list[Doc]:
    outlets = sorted({a.outlet for a in articles})
    one_outlet = len(outlets) == 1
    docs: list[Doc] = []
    for n, a in enumerate(articles):
        text = a.text
        group = n if one_outlet else outlets.index(a.outlet)
        same = [b for b in articles if b.outlet == a.outlet]
        label = a.outlet if len(same) == 1 else f"{a.outlet} ({a.published:%m-%d %H:%M})"
        facts = extract_all(text, a.published, a.language)
        language = "en" if facts.english else "zh"
        doc = Doc(a, group, label, split_sentences(text, language), facts, simple=to_simplified(text))
        places = {to_simplified(e.text) for e in facts.entities if e.kind in ("LOC", "ORG", "NAME")}
        qs = facts.quantities
        doc.subjects = [
            subject_of(q, text, places, (
                qs[n - 1].end if n > 0 else 0,
                qs[n + 1].start if n + 1 < len(qs) else len(text),
            ), facts.dates, doc.simple)
            for n, q in enumerate(qs)
        ]
        docs.append(doc)
    return docs

