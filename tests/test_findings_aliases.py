"""comparison.findings.aliases: an outlet's own short or other name, set in brackets."""

from comparison import compare
from comparison.findings.aliases import _ABBREVIATION_RE
from tests.comparison_helpers import article


def _framing(text_a, text_b):
    a = article("aa", "Outlet A", text_a)
    b = article("ab", "Outlet B", text_b)
    return [f for f in compare([a, b], use_dense=False).findings
            if f.kind == "framing" and f.fact_type == "entity" and "abbreviated" in f.why]


def test_each_outlets_abbreviation_of_one_full_name_is_framing():
    found = _framing("中非共和国（简称中非）首都班吉周一发生爆炸。", "中非共和国（以下简称中非共）首都班吉周一发生爆炸。")
    assert found and "中非共" in found[0].why
    assert all(s.text.startswith("（") for s in found[0].spans)


def test_the_same_abbreviation_is_no_difference():
    assert not _framing("中非共和国（简称中非）首都班吉周一发生爆炸。", "中非共和國（簡稱中非）首都班吉周一發生爆炸。")


def test_abbreviation_markers_in_both_languages():
    assert _ABBREVIATION_RE.search("刚果民主共和国（简称刚果(金)）").group("short") == "刚果(金)"
    assert _ABBREVIATION_RE.search("the Islamic State (hereafter IS) said").group("short") == "IS"
    assert _ABBREVIATION_RE.search("首都（图）") is None


def _glossed(text_a, text_b):
    a = article("aa", "Outlet A", text_a)
    b = article("ab", "Outlet B", text_b)
    return [f for f in compare([a, b], use_dense=False).findings if "glossed" in f.why]


def test_a_name_glossed_with_the_name_the_other_outlet_uses_is_framing():
    found = _glossed("法国总统马克龙会见了德国总理默克尔（梅克尔）。", "法国总统马克龙会见了德国总理梅克尔。")
    assert found and found[0].kind == "framing" and "默克尔" in found[0].why
    assert found[0].spans[0].text == "默克尔（梅克尔）"


def test_a_bracket_that_holds_no_name_is_no_gloss():
    assert not _glossed("抗议者聚集在首都（图）街头。", "抗议者聚集在首都街头，图为现场。")
    # Both outlets gloss the same pair: the same names.
    assert not _glossed("德国总理默克尔（梅克尔）发表讲话。", "德国总理梅克尔（默克尔）发表讲话。")


def test_the_naming_table_lists_each_outlets_short_and_glossed_names():
    a = article("aa", "Outlet A", "中非共和国（简称中非）首都班吉周一发生爆炸。德国总理默克尔（梅克尔）表示关切。")
    b = article("ab", "Outlet B", "中非共和国（以下简称中非共）首都班吉周一发生爆炸。德国总理梅克尔表示关切。")
    rows = {row["actor"]: row["names"] for row in compare([a, b], use_dense=False).naming}
    assert rows["中非共和国"] == {"Outlet A": ["中非"], "Outlet B": ["中非共"]}
    assert rows["梅克尔"] == {"Outlet A": ["默克尔"], "Outlet B": ["梅克尔"]}
