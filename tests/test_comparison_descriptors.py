"""The descriptor producer: one claim, its actors named with other words (framing)."""

from __future__ import annotations

from comparison import compare
from tests.comparison_helpers import article


def _framings(first: str, second: str, language: str = "en"):
    arts = [article("a", "Reuters", first, language=language), article("b", "AP", second, language=language)]
    comparison = compare(arts, use_dense=False)
    return arts, [f for f in comparison.findings if f.kind == "framing" and "names its actors" in f.why]


def test_rioters_vs_demonstrators_in_one_claim_is_framing_with_both_words():
    arts, found = _framings(
        "Rioters set fire to a bank in central Athens on Wednesday, police said.",
        "Demonstrators set fire to a bank in central Athens on Wednesday, police said.")
    assert len(found) == 1
    words = {(s.article_id, s.text) for s in found[0].spans}
    assert words == {("a", "Rioters"), ("b", "Demonstrators")}
    for s in found[0].spans:
        text = next(a.text for a in arts if a.id == s.article_id)
        assert text[s.start:s.end] == s.text


def test_words_of_one_register_or_a_shared_word_are_no_framing():
    _, synonyms = _framings(
        "Protesters set fire to a bank in central Athens on Wednesday, police said.",
        "Demonstrators set fire to a bank in central Athens on Wednesday, police said.")
    _, shared = _framings(
        "Rioters and protesters set fire to a bank in central Athens on Wednesday, police said.",
        "Rioters set fire to a bank in central Athens on Wednesday, police said.")
    _, two_actors = _framings(
        "Police fired tear gas at protesters in central Athens on Wednesday, officials said.",
        "Gunmen fired tear gas at the crowd in central Athens on Wednesday, officials said.")
    _, jets = _framings(
        "Fighter jets struck rebels near the border on Wednesday, the army said.",
        "Fighter jets struck insurgents near the border on Wednesday, the army said.")
    assert not synonyms and not shared and not two_actors
    assert len(jets) == 1 and {s.text for s in jets[0].spans} == {"rebels", "insurgents"}


def test_chinese_descriptors_and_singular_forms():
    _, found = _framings("塔利班激进分子周三攻占了巴达赫尚省的一个地区，官员说。",
                         "塔利班武装分子周三攻占了巴达赫尚省的一个地区，官员说。", language="zh")
    assert len(found) == 1 and {s.text for s in found[0].spans} == {"激进分子", "武装分子"}
    _, singular = _framings("A rioter threw a petrol bomb at the bank in central Athens on Wednesday.",
                            "A protester threw a petrol bomb at the bank in central Athens on Wednesday.")
    assert len(singular) == 1
