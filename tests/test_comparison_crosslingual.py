"""A Chinese and an English report of one event compare claim by claim (the
categories, events and units lexicons hold both languages; the dense model is
multilingual)."""

from __future__ import annotations

from comparison import compare
from tests.comparison_helpers import ESCAPE_A, article, exact, of_type

ZH = article(
    "zh", "美国之音",
    "塔利班周三攻入巴德吉斯省首府瑙堡后，大约600名囚犯从中央监狱逃脱，一名省议员说。",
    "基地位于喀布尔以北50公里处，周三被移交。",
    language="zh",
)


def test_chinese_and_english_figures_compare():
    arts = [ESCAPE_A, ZH]
    comparison = compare(arts, use_dense=False)
    exact(comparison, arts)
    prisoners = [f for f in of_type(comparison, "number") if any("600名" in s.text for s in f.spans)
                 and any("200" in s.text for s in f.spans)]
    assert [f.kind for f in prisoners] == ["contradiction"]


def test_distance_in_miles_and_kilometres_across_languages():
    comparison = compare([ESCAPE_A, ZH], use_dense=False)
    distance = [f for f in of_type(comparison, "number") if {s.text for s in f.spans} == {"40 miles", "50公里"}]
    assert [f.kind for f in distance] == ["contradiction"]
