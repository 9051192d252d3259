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


def test_a_speaker_quoted_twice_is_compared_once_with_each_quotation():
    """Each quotation meets its best partner only: two quotations of one speaker in each
    outlet give two comparisons, not four."""
    a = article("qc", "Outlet A",
                'Mayor Anna Berg said on Monday: "We will rebuild every house."',
                'Mayor Anna Berg also said: "The river will be dredged before winter."')
    b = article("qd", "Outlet B",
                'Mayor Anna Berg said on Monday: "We shall rebuild each and every house."',
                'Mayor Anna Berg also said: "The river will be dredged before winter."')
    found = of_type(compare([a, b], use_dense=False), "quote")
    assert sorted(f.kind for f in found) == ["agree", "framing"]
    framing = next(f for f in found if f.kind == "framing")
    assert all("house" in s.text for s in framing.spans)



def test_a_title_inside_another_word_names_no_speaker():
    """院长 in 法院长期以来, 常委 in 常委会: no title, so no name is read after it."""
    from comparison.extract import _TITLED_NAME_RE

    assert _TITLED_NAME_RE.search("最高法院长期以来表示反对") is None
    m = _TITLED_NAME_RE.search("常委会发言人表示反对")
    assert m is None or not m.group("name").startswith("会")


def test_a_quote_in_other_words_says_which_words_differ():
    from comparison.findings.quote import _differing_words

    assert _differing_words("victims of a murderous act", "a raw murderous act") == "victims of / —; — / raw"
    assert "约" in _differing_words("“海地警方于8日下午4时左右展开行动”", "「海地警方7月8日下午约4时展开行动」")
    assert _differing_words("我们支持古巴人民和平集会的权利", "我们对古巴的战斗呼吁深表关切") == ""  # other words altogether


def test_english_quotes_with_curly_apostrophes_differ_by_words():
    from comparison.findings.quote import _differing_words

    assert _differing_words("We’re victims of a murderous act", "We’re facing a raw murderous act") == (
        "victims of / facing; — / raw")


def test_one_speakers_two_english_statements_are_two_quotations():
    # Character n-grams join any two English texts; one statement shares a run of its words.
    a = article("qa", "Outlet A", '"Data center transformation is a key focal point for HP," said John McCain, '
                                  "senior vice president.", language="en")
    b = article("qb", "Outlet B", '"The datacenter is the foundation of IT for enterprises," said John McCain, '
                                  "senior vice president.", language="en")
    found = of_type(compare([a, b], use_dense=False), "quote")
    assert sorted(f.kind for f in found) == ["unique", "unique"]
    # A run of small words is no shared wording; a word changed in one statement is.
    from comparison.findings.quote import _one_english_statement

    assert not _one_english_statement("This is a tragic loss for all of us.", "This is a sad time for the Kraft family.")
    assert _one_english_statement("This is a sad day for the Kraft family.", "This is a sad time for the Kraft family.")


def test_a_count_in_numerals_or_digits_is_the_same_words():
    from comparison.findings.quote import _same_words

    assert _same_words("目前已造成九名中方人员、三名巴方人员遇难，", "目前已造成9名中方人员、3名巴方人员遇难。巴方正在调查")
    assert not _same_words("目前已造成九名中方人员遇难", "目前已造成8名中方人员遇难")
    # An approximate count (四五个) is no number; a digit before 万 is no part of a numeral.
    assert not _same_words("有四五个人受伤", "有45个人受伤")
    assert not _same_words("造成2万名平民死亡", "造成二十一万名平民死亡")


def test_a_speaker_both_quote_saying_other_things_is_named_with_the_words():
    a = article("qa", "Outlet A", "The quake shook the city on Thursday.",
                "\"We felt a very strong shaking,\" said Maria Lopez, a resident of Piura.")
    b = article("qb", "Outlet B", "The quake shook the city on Thursday.",
                "\"It was terrifying,\" said Maria Lopez, who lives in Piura.")
    found = [f for f in of_type(compare([a, b], use_dense=False), "quote") if f.kind == "unique"]
    whys = sorted(f.why for f in found)
    assert whys == ["only Outlet A quotes Maria Lopez saying \u201cWe felt a very strong shaking\u201d",
                    "only Outlet B quotes Maria Lopez saying \u201cIt was terrifying\u201d"]
