"""comparison.findings.naming: the naming table pairs only the names one state is given (台湾政府 /
中华民国政府; 中国政府 / 中共政府), never two states' institutions as one actor (made-up sentences)."""

from __future__ import annotations

from comparison import compare
from tests.comparison_helpers import article


def test_the_naming_table_pairs_one_states_names_only() -> None:
    a = article("na", "甲台", "台湾政府表示，将加强防疫。", language="zh")
    b = article("nb", "乙报", "中华民国政府表示，将加强防疫。", language="zh")
    c = article("nc", "丙网", "中国政府表示，将加强防疫。", language="zh")
    d = article("nd", "丁刊", "中共政府表示，将加强防疫。", language="zh")
    comparison = compare([a, b, c, d], use_dense=False)
    rows = [sorted(n for names in row["names"].values() for n in names) for row in comparison.naming]
    assert ["中华民国政府", "台湾政府"] in rows
    assert ["中共政府", "中国政府"] in rows
    assert not any("台湾政府" in r and "中国政府" in r for r in rows), rows


def test_one_states_four_names_are_one_row_of_the_naming_table() -> None:
    """中共政府, 中国政府, 北京政府 and 大陆政府 were three rows (one per pair of prefixes, 中国政府 in
    each); they name one state's government: one row, and a finding only for a pair of prefixes
    whose choice is itself a framing (never 中共 vs 北京)."""
    texts = {"na": ("甲台", "中共政府表示，将加强防疫。"), "nb": ("乙报", "中国政府表示，将加强防疫。"),
             "nc": ("丙网", "北京政府表示，将加强防疫。"), "nd": ("丁刊", "大陆政府表示，将加强防疫。")}
    comparison = compare([article(i, outlet, text, language="zh") for i, (outlet, text) in texts.items()],
                         use_dense=False)
    rows = [sorted(n for names in row["names"].values() for n in names) for row in comparison.naming]
    assert rows == [["中共政府", "中国政府", "北京政府", "大陆政府"]]
    whys = [f.why for f in comparison.findings if f.fact_type == "entity"]
    assert len(whys) == 3 and all("中国政府" in why for why in whys), whys


def test_a_titles_short_form_is_the_same_title() -> None:
    from comparison.findings.naming import _same_title

    assert _same_title("香港特首", "香港特区行政长官", set())
    assert _same_title("行政长官", "特首", set())
    assert not _same_title("特首", "市长", set())
