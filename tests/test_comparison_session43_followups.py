"""Follow-ups of the session 43 figure readings (helper h43e), each on made-up two-outlet reports:
a count of the kin of casualties is no casualty count, an estimate word before 高达 keeps the figure
an estimate, shares of change of two named things are other facts, and the people still sought are
no count of the caught."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from comparison.docs import build_docs
from comparison.extract import extract_all
from tests.comparison_helpers import article, number_contradictions

PUBLISHED = datetime(2023, 9, 14, 6, 0, tzinfo=UTC)


def _subjects(text: str, language: str = "zh") -> list:
    return build_docs([article("t", "Outlet T", text, language=language, published=PUBLISHED)])[0].subjects


# ------------------------------------------------------------------ the kin of casualties --

@pytest.mark.parametrize("kin", ["30名死者家属", "30名遇难者家属", "30名伤者亲属", "30名罹难者家人", "30名遇难者的家属",
                                 "30名遗属"])
def test_a_count_of_the_kin_of_casualties_is_no_toll(kin: str):
    """30名死者家属 counts the kin, not the dead: no contradiction with 35人死亡 (was one)."""
    assert number_contradictions(f"事故发生后，{kin}来到现场。", "事故造成35人死亡。") == []
    assert not _subjects(f"事故发生后，{kin}来到现场。")[0].events & {"killed", "injured"}


@pytest.mark.parametrize("kin", ["30 relatives of the dead", "30 families of the victims", "30 victims' families",
                                 "30 next of kin of the dead"])
def test_an_english_count_of_the_kin_is_no_toll(kin: str):
    assert number_contradictions(f"After the crash, {kin} gathered at the site.", "The crash killed 35 people.",
                                 "en") == []


def test_the_toll_itself_still_differs():
    assert number_contradictions("事故造成30名死者。", "事故造成35人死亡。") != []
    assert number_contradictions("The crash killed 30 people.", "The crash killed 35 people.", "en") != []


# ----------------------------------------------------------------- an estimate before 高达 --

@pytest.mark.parametrize("word", ["估计", "估算", "据估计", "大约"])
def test_an_estimate_word_before_an_emphatic_keeps_an_estimate(word: str):
    """地震死亡人数估计高达3000人: the top of an estimate (as "as many as 3000"), vague: against 2500 the
    vaguer reading, no contradiction (was one since 高达 became the value itself)."""
    text = f"地震死亡人数{word}高达3000人。"
    q = extract_all(text, PUBLISHED, "zh").quantities[0]
    assert q.vague and q.text.startswith(word) and q.low < 3000 <= q.high
    assert number_contradictions(text, "地震造成2500人死亡。") == []


def test_an_emphatic_with_no_estimate_word_stays_the_value():
    assert number_contradictions("地震死亡人数高达3000人。", "地震造成2500人死亡。") != []
    q = extract_all("签约高达50人。", PUBLISHED, "zh").quantities[0]  # (签约: no 约 of an estimate)
    assert not q.vague


@pytest.mark.parametrize(("text", "figure", "vague"), [("死亡人数多达50人。", "多达50人", False),
                                                    ("死亡人数估计多达50人。", "估计多达50人", True),
                                                    ("遇难者总数多达50人。", "多达50人", False)])
def test_duo_da_after_shu_or_ji_is_read_whole(text: str, figure: str, vague: bool):
    """人数多达50人: 多达 is the emphatic qualifier, not the 多 of a vague 数多 / 计多 (the figure was
    cut to 50人 and an estimate word before it lost)."""
    q = extract_all(text, PUBLISHED, "zh").quantities[0]
    assert (q.text, q.vague, q.high) == (figure, vague, 50.0)


# ----------------------------------------------------------- shares of two named things --

@pytest.mark.parametrize(("first", "second"), [
    ("国家统计局公布，上月CPI同比涨1.1%，环比降0.4%。", "国家统计局公布，食品价格由5月上涨0.3%转为下降1.7%。"),
    ("国家统计局公布，6月PPI同比上涨8.8%。", "国家统计局公布，6月CPI同比上涨1.1%。"),
    ("国家统计局公布，6月猪肉价格同比下降36.5%。", "国家统计局公布，6月食品价格同比下降1.7%。"),
])
def test_shares_of_change_of_two_named_things_are_other_facts(first: str, second: str):
    assert number_contradictions(first, second) == []


@pytest.mark.parametrize("name", ["居民消费价格指数", "消费者物价指数", "全国居民消费价格", "CPI"])
def test_one_index_written_two_ways_is_one_thing(name: str):
    assert number_contradictions("国家统计局公布，6月CPI同比上涨1.1%。", f"国家统计局公布，6月{name}同比上涨1.3%。") != []


def test_a_later_share_of_a_sentence_takes_the_thing_named_before_it():
    subjects = _subjects("上月CPI同比涨1.1%，环比降0.4%。食品价格下降1.7%，环比降0.5%。")
    assert [s.change_thing for s in subjects] == ["cpi", "cpi", "食品价格", "食品价格"]


# ---------------------------------------------------------- the sought are not the caught --

@pytest.mark.parametrize("sought", ["警方仍在拦截另外8名佣兵", "警方仍在追捕另外8名嫌疑人", "警方正在搜捕8名嫌疑人",
                                    "另有8名嫌疑人在逃", "警方通缉8名嫌疑人", "我们将加强搜寻，以拦截另外8名佣兵",
                                    "警方将抓捕8名嫌疑人"])
def test_the_people_still_sought_are_no_count_of_the_arrested(sought: str):
    """仍在拦截另外8名佣兵 (8 still hunted) is no update of 11名嫌疑人被逮捕 (was one)."""
    assert number_contradictions(f"{sought}。", "警方表示，11名嫌疑人已被逮捕。") == []
    assert "arrested" not in _subjects(f"{sought}。")[0].events


def test_english_people_still_at_large_are_not_the_arrested():
    assert number_contradictions("Eight suspects are still at large.", "Police said 11 suspects were arrested.",
                                 "en") == []
    assert number_contradictions("Police said 8 suspects remain on the run.", "Police said 11 suspects were arrested.",
                                 "en") == []


def test_the_arrested_still_differ_and_still_held_are_caught():
    assert number_contradictions("警方表示，8名嫌疑人已被逮捕。", "警方表示，11名嫌疑人已被逮捕。") != []
    assert "arrested" in _subjects("警方仍拘留8名嫌疑人。")[0].events
    assert "arrested" in _subjects("海警予以拦截8名偷渡者。")[0].events  # (予以: a light verb, done)


def test_one_index_written_two_ways_agrees_at_one_value():
    """6月CPI同比上涨1.1% and 6月居民消费价格指数同比上涨1.1%: one thing, one value (was no finding)."""
    from comparison import compare
    from tests.comparison_helpers import of_type

    a = article("na", "Outlet A", "国家统计局公布，6月CPI同比上涨1.1%。", language="zh")
    b = article("nb", "Outlet B", "国家统计局公布，6月居民消费价格指数同比上涨1.1%。", language="zh")
    assert [f.kind for f in of_type(compare([a, b], use_dense=False), "number")] == ["agree"]


@pytest.mark.parametrize(("first", "second"), [
    ("The bureau said consumer prices rose 1.1% in June.", "The bureau said food prices fell 1.7% in June."),
    ("The bureau said producer prices rose 8.8% in June.", "The bureau said consumer prices rose 1.1% in June."),
    ("The bureau said pork prices fell 36.5% in June.", "The bureau said food prices fell 1.7% in June."),
])
def test_english_shares_of_change_of_two_named_things_are_other_facts(first: str, second: str):
    assert number_contradictions(first, second, "en") == []


@pytest.mark.parametrize(("first", "second"), [
    ("The bureau said consumer prices rose 1.1% in June.", "The bureau said the consumer price index rose 1.3% in June."),
    ("The bureau said food prices fell 1.7% in June.", "The bureau said food prices fell 1.9% in June."),
    ("The bureau said prices rose 1.1% in June.", "The bureau said prices rose 1.3% in June."),
])
def test_english_shares_of_one_thing_still_differ(first: str, second: str):
    assert number_contradictions(first, second, "en") != []


def test_a_price_named_in_english_is_not_told_from_a_chinese_one_by_its_spelling():
    from comparison.subjects import different_changed_things

    en = _subjects("The bureau said food prices fell 1.7% in June.", "en")[0]
    zh = _subjects("国家统计局公布，6月食品价格同比下降1.7%。")[0]
    cpi = _subjects("国家统计局公布，6月CPI同比上涨1.1%。")[0]
    assert (en.change_thing, zh.change_thing, cpi.change_thing) == ("en:food prices", "食品价格", "cpi")
    assert not different_changed_things(en, zh)
    assert different_changed_things(en, cpi)
