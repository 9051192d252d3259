"""comparison.findings.quote: the same quotation across outlets (in the same words or in
other words), and quotes only one carries."""

from comparison import compare
from tests.comparison_helpers import ESCAPE_A, ESCAPE_B, article, of_type


def test_same_speaker_quoted_in_other_words_is_framing():
    """"The situation is very bad, the fighting is in the city" vs "The Taliban are in the city
    and the situation is very bad": one quotation of Shams, worded two ways."""
    found = of_type(compare([ESCAPE_A, ESCAPE_B], use_dense=False), "quote")
    assert [f.kind for f in found] == ["framing"] and "Hessamuddin Shams" in found[0].why


def test_same_speaker_quoted_in_the_same_words_agrees():
    a = article("qa", "Outlet A", '"We will rebuild every house," said Mayor Anna Berg on Monday.')
    b = article("qb", "Outlet B", 'Mayor Anna Berg said on Monday: "We will rebuild every house."')
    found = of_type(compare([a, b], use_dense=False), "quote")
    assert [f.kind for f in found] == ["agree"] and "Anna Berg" in found[0].why


def test_a_quote_only_one_outlet_has_is_unique():
    a = article("qa", "Outlet A", '"We will rebuild every house," said Mayor Anna Berg on Monday.')
    b = article("qb", "Outlet B", "The storm destroyed 40 houses on Monday, officials said.")
    found = of_type(compare([a, b], use_dense=False), "quote")
    assert [f.kind for f in found] == ["unique"] and "Anna Berg" in found[0].why
