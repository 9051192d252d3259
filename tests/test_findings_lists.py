"""The lists producer: one claim naming a longer or shorter list of names."""

from __future__ import annotations

import pytest

from comparison import compare
from tests.comparison_helpers import article


def _lists(*articles):
    return [f for f in compare(list(articles), use_dense=False).findings if f.why.startswith("the same claim names other")]


def test_a_shorter_list_of_the_same_claim_is_vaguer():
    a = article("la", "Outlet A", "Klitschko retained his WBA, IBF and WBO heavyweight title belts on Saturday.")
    b = article("lb", "Outlet B", "Klitschko retained his IBF, WBO, WBA & IBO heavyweight title belts on Saturday.")
    [found] = _lists(a, b)
    assert found.kind == "precision" and "ibo" in found.why and "Outlet B lists more" in found.why
    assert {s.article_id for s in found.spans} == {"la", "lb"}


def test_two_lists_that_share_names_and_differ_both_ways():
    # (one sentence each: "announced on Monday" is shared wording that aligns them clearly)
    a = article("ca", "Outlet A", "欧盟周一宣布，还制裁了来自俄罗斯、利比亚、南苏丹和朝鲜的官员。", language="zh")
    b = article("cb", "Outlet B", "欧盟周一宣布，还制裁了来自缅甸、朝鲜、俄罗斯、利比亚、厄立特里亚的官员。", language="zh")
    [found] = _lists(a, b)
    assert "南苏丹" in found.why and "厄立特里亚" in found.why


@pytest.mark.parametrize(("text_a", "text_b", "language"), [
    # the same list in another order
    ("Klitschko retained his WBA, IBF and WBO heavyweight title belts on Saturday.",
     "Klitschko retained his IBF, WBO and WBA heavyweight title belts on Saturday.", "en"),
    # a lone name against a list
    ("习近平和总理李克强事发后立即下达指示，要求全力救治伤员。", "习近平事发后立即下达指示，要求全力救治伤员。", "zh"),
    # one name written two ways
    ("The US, Britain and France condemned the attack on Tuesday.",
     "The United States, Britain and France condemned the attack on Tuesday.", "en"),
    ("东京都、千叶县和埼玉县宣布进入紧急状态。", "東京、千葉和埼玉縣宣布進入緊急狀態。", "zh"),
    # commas alone, or names of two kinds, make no list
    ("He flew from Hamburg, Germany to Paris on Tuesday.", "He flew from Berlin, Germany to Paris on Tuesday.", "en"),
    ("在北京，李克强会见了默克尔。", "在北京，李克强和王毅会见了默克尔。", "zh"),
])
def test_no_list_difference(text_a, text_b, language):
    a = article("na", "Outlet A", text_a, language=language)
    b = article("nb", "Outlet B", text_b, language=language)
    assert _lists(a, b) == []
