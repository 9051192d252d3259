"""The Markdown report lists the aligned sentence pairs of two languages (a Chinese report against
an English one) in a section of their own: no words are compared across languages, so the
worded-otherwise section, which lists pairs with marked words, never showed them."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from articles.model import Article
from comparison import report
from comparison.model import Comparison

DAY = datetime(2021, 2, 10, tzinfo=UTC)
EN = Article("en1", "经济学人", "Protests grow", None, DAY, "en", None, ["The army declared a year-long emergency."])
ZH = Article("zh1", "美国之音", "示威扩大", None, DAY, "zh", "Hans", ["军方宣布国家进入为期一年的紧急状态。"])
ZH2 = Article("zh2", "德国之声", "示威继续", None, DAY, "zh", "Hans", ["军方宣布紧急状态为期一年。"])


def _side(article: Article, differs: list) -> dict:
    return {"article_id": article.id, "outlet": article.outlet, "start": 0, "end": len(article.text),
            "text": article.text, "differs": differs}


def _pair(a: Article, b: Article, score: float, same: bool, differs: bool = False) -> dict:
    return {"a": _side(a, [[0, 2]] if differs else []), "b": _side(b, [[0, 2]] if differs else []),
            "score": score, "same_language": same}


@given(st.lists(st.floats(0.5, 1.0), min_size=0, max_size=4), st.booleans())
def test_each_cross_language_pair_is_listed_once_surest_first(scores: list[float], worded: bool) -> None:
    aligned = [_pair(EN, ZH, s, False) for s in scores] + ([_pair(ZH, ZH2, 0.9, True, True)] if worded else [])
    comparison = Comparison(article_ids=["en1", "zh1", "zh2"], aligned=aligned)
    text = report.to_markdown(comparison, [EN, ZH, ZH2])
    assert ("## Aligned across languages" in text) == bool(scores)
    assert ("## Aligned sentences worded otherwise (1)" in text) == worded
    if scores:
        section = text.split("## Aligned across languages")[1]
        assert section.count("«The army declared a year-long emergency.»") == len(scores)
        shown = [float(x.split(")")[0]) for x in section.split("(alignment ")[1:]]
        assert shown == sorted(shown, reverse=True)
