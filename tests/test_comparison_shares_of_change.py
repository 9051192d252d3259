"""Shares of change (made-up figures): 猪肉价格下降36.5% and 豬肉價格與去年同期相比下跌36.5% report one
fact. A share right after a verb of change (lexicons.quantifiers.CHANGE_VERBS_ZH) is a change of the
words before the verb, without the basis of the change (同比, 年, 与去年同期相比: CHANGE_BASES_ZH) or a
period (6月, 上月); a name glossed by an acronym in brackets is the acronym; a rise is no fall
(CHANGE_DOWN_ZH). Equal shares of one thing in aligned sentences agree."""

from __future__ import annotations

import pytest

from comparison import compare
from comparison.subjects import changed_thing
from comparison.text import to_simplified
from tests.comparison_helpers import ScanCountingSet, article, of_type


def _share_start(simple: str) -> int:
    end = simple.rindex("%")
    start = end
    while start > 0 and (simple[start - 1].isdigit() or simple[start - 1] == "."):
        start -= 1
    return start


@pytest.mark.parametrize(("text", "changed"), [
    ("其中猪肉价格下降36.5%", "猪肉价格|down"),
    ("其中，豬肉價格大幅下降36.5%", "猪肉价格|down"),
    ("豬肉價格與去年同期相比下跌36.5%", "猪肉价格|down"),
    ("3月居民消费价格指数(CPI)同比上涨2.4%", "cpi|up"),
    ("3月消費者物價指數（CPI）年漲2.4%", "cpi|up"),
    ("某国居民消费价格上月同比上涨2.4%", "某国居民消费价格|up"),
    ("3月食品價格由上月上漲0.6%", "食品价格|up"),
    ("非食品价格上涨2.4%", "非食品价格|up"),
    ("该国人口约有12%", ""),
])
def test_the_thing_a_share_says_changed(text: str, changed: str) -> None:
    simple = to_simplified(text)
    assert changed_thing(simple, _share_start(simple)) == changed


def test_equal_shares_of_one_change_agree_and_a_rise_is_no_fall() -> None:
    a = article("a", "早报", "某国统计局公布，3月猪肉价格同比下降36.5%，蛋类价格上涨7.9%。", language="zh")
    b = article("b", "中央社", "某國統計局今天公布，3月豬肉價格與去年同期相比下跌36.5%，蛋類價格上漲7.9%。", language="zh")
    agree = of_type(compare([a, b], use_dense=False), "number", "agree")
    shown = [sorted(s.text for s in f.spans) for f in agree]
    assert any("36.5%" in " ".join(x) for x in shown), [f.why for f in agree]
    assert any("7.9%" in " ".join(x) for x in shown), [f.why for f in agree]
    c = article("c", "联合早报", "某国统计局公布，3月猪肉价格同比上涨36.5%，蛋类价格下降7.9%。", language="zh")
    agree = of_type(compare([a, c], use_dense=False), "number", "agree")
    assert not agree, [f.why for f in agree]


def test_changes_of_other_things_are_no_figures_that_differ() -> None:
    # 涨幅比上月下降0.2个百分点 (the index's rise) and 影响CPI下降约0.8个百分点 (a part's effect on it)
    # are changes of other things: a shared statement does not say "figures differ" for them.
    a = article("a", "Outlet A", "某国3月居民消费价格指数同比上涨2.4%，涨幅比上月下降0.2个百分点，其中猪肉价格下降36.5%。",
                language="zh")
    b = article("b", "Outlet B", "某国3月猪肉价格同比下降36.5%，影响居民消费价格指数下降约0.8个百分点。", language="zh")
    statements = [f.why for f in compare([a, b], use_dense=False).findings if f.fact_type == "statement"]
    assert not any("figures differ" in w for w in statements), statements


def test_a_name_the_article_glosses_with_an_acronym_elsewhere_is_that_acronym() -> None:
    # Outlet A writes 韩国居民消费价格 and glosses the index later, reversed (CPI（居民消费价格指数）);
    # outlet B writes the acronym: one change (made-up figures).
    a = article("a", "Outlet A", "根据某国统计局消息，韩国居民消费价格上月同比上涨2.4%。影响CPI（居民消费价格指数）上涨约0.5个百分点。",
                language="zh")
    b = article("b", "Outlet B", "某国统计局周五公布，3月居民消费价格指数(CPI)同比上涨2.4%。", language="zh")
    agree = of_type(compare([a, b], use_dense=False), "number", "agree")
    assert any("2.4%" in " ".join(s.text for s in f.spans) for f in agree), [f.why for f in agree]


@pytest.mark.parametrize("first, second", [
    ("某国统计局周五公布，5月CPI同比上涨1.1%。", "某国统计局周五公布，6月CPI同比上涨1.1%。"),
    ("某国统计局周五公布，6月CPI同比上涨1.1%。", "某国统计局周五公布，6月CPI环比上涨1.1%。"),
    ("某国统计局公布，3月猪肉价格与去年同期相比下降36.5%。", "某国统计局公布，3月猪肉价格比上月下降36.5%。"),
])
def test_equal_shares_of_another_month_or_basis_do_not_agree(first: str, second: str) -> None:
    # Second review: the month and the basis were cut from the thing changed, so May's CPI and
    # June's, or a change year on year and month on month, agreed at equal values.
    a, b = article("a", "Outlet A", first, language="zh"), article("b", "Outlet B", second, language="zh")
    agree = of_type(compare([a, b], use_dense=False), "number", "agree")
    assert not agree, [f.why for f in agree]


def test_the_places_before_a_thing_changed_are_looked_up_not_scanned() -> None:
    # Second review: acronym_changes scanned every place of the article for each share of change.
    from comparison.subjects import Subject, acronym_changes

    places = ScanCountingSet({"韩国", "中国", "某国"})
    subjects = [Subject("", "", "", frozenset(), (), frozenset(), frozenset(), False, False, "%", True, False,
                        changed="韩国居民消费价格|up") for _ in range(30)]
    acronym_changes(subjects, "CPI（居民消费价格指数）上涨。", places)
    assert all(s.changed == "cpi|up" for s in subjects), subjects[0].changed
    assert places.scans <= 1, places.scans
