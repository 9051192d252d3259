"""Chinese figure readings of session 43 (helper h43b), each on made-up two-outlet reports: 中共
after a noun (the localizer 中 and a total 共), a count saying who was there or what they were
(现场有200人, 42人是军人) against a toll, shares of change of other periods or bases, 高达/多达/之多 as the value itself, and an
outlet's later report restating its earlier figure beside the update under another voice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from comparison import compare
from comparison.docs import build_docs, gong_is_total
from comparison.extract import extract_all
from tests.comparison_helpers import article, number_contradictions, of_type

PUBLISHED = datetime(2023, 9, 14, 6, 0, tzinfo=UTC)


def _numbers(first: str, second: str) -> list[tuple[str, str]]:
    a = article("na", "Outlet A", first, language="zh", published=PUBLISHED)
    b = article("nb", "Outlet B", second, language="zh", published=PUBLISHED)
    return [(f.kind, f.why) for f in of_type(compare([a, b], use_dense=False), "number")]


# ---------------------------------------------------------------- 中共 after a noun --

@pytest.mark.parametrize("text", ["暴雨中共造成12人遇难", "这次事故中共有3人死亡", "洪水中共转移3000人",
                                  "这些人中共有5人受伤", "爆炸中共12人受伤", "火灾中共救出20人", "此次行动中共抓获12名嫌犯",
                                  "工作人员中共有21人受伤"])
def test_zhong_gong_after_a_noun_is_in_and_a_total(text: str):
    assert gong_is_total(text, text.index("中共") + 2)


@pytest.mark.parametrize("text", ["中共造成了这场灾难", "指责中共造成12人死亡", "在中共造成的灾难中", "全会中共中央发布通知",
                                  "三名中共官员", "北京中共官员说", "纪念中共成立100周年", "报道遭遇中共打压的3名记者",
                                  "选出中共第十九届中央委员", "提醒人们中共起源于一场运动", "动员中共百年庆典"])
def test_zhong_gong_as_the_party_stays_no_total(text: str):
    assert not gong_is_total(text, text.index("中共") + 2)


def test_a_total_after_zhong_gong_holds_a_citys_count():
    """暴雨中共造成12人遇难 is the whole (共: in all), 某市有9人遇难 a part of it: no contradiction (was one,
    the 共 read as the party's name)."""
    assert number_contradictions("暴雨中共造成12人遇难。", "郑州市有9人遇难。") == []
    assert number_contradictions("暴雨造成12人遇难。", "暴雨造成9人遇难。") != []  # (no total: still one)


def test_zhong_gong_after_a_noun_names_no_party():
    facts = extract_all("河南暴雨中共造成12人遇难，中共官员表示将调查。", PUBLISHED, "zh")
    starts = [e.start for e in facts.entities if e.text == "中共"]
    assert starts == ["河南暴雨中共造成12人遇难，中共官员表示将调查。".index("中共官员")]


# ------------------------------------------------- who was there, what they were --

@pytest.mark.parametrize(("first", "second"), [
    ("一架军机在南部坠毁，机上42人是军人。", "一架军机在南部坠毁，45人遇难。"),
    ("一架军机在南部坠毁，机上42人是军人，3人是平民。", "一架军机在南部坠毁，50人遇难。"),
    ("一架军机周日在南部坠毁，机上共有45人。", "一架军机周日在南部坠毁，至少50人遇难。"),
    ("工厂发生火灾时，现场有200人。", "工厂发生火灾，180人受伤。"),
    ("该工厂约有300名员工，火灾造成52人死亡。", "工厂火灾造成52人死亡，280人受伤。"),
])
def test_a_count_of_who_was_there_is_no_toll(first: str, second: str):
    """42人是军人 says what the people were, 现场有200人 who was there: neither is set against a count
    of the dead or the injured (were contradictions)."""
    assert number_contradictions(first, second) == []


def test_a_part_of_a_toll_saying_what_they_were_keeps_the_toll():
    """其中42人是军人 after a toll counts the soldiers among the dead: still compared with another part."""
    assert number_contradictions("爆炸造成45人死亡，其中42人是军人。", "爆炸造成45人死亡，其中40人是军人。") != []


def test_a_toll_opening_the_text_keeps_its_event_word():
    """The text's start is no figure before: 死亡人数达到45人 opening an article was read with no event
    (its 死亡 taken as a previous figure's word)."""
    doc = build_docs([article("t", "Outlet T", "死亡人数达到45人。", language="zh", published=PUBLISHED)])[0]
    assert doc.subjects[0].events == {"killed"}


# ----------------------------------------------------- pulled out and rescued: one count --

def test_the_pulled_out_and_the_rescued_are_one_count():
    """已救出15人 against 16人全数获救: one count that differs (session 43 tried the pulled-out as a
    count apart and dropped it on the development stories)."""
    assert number_contradictions("隧道坍塌后，受困的16人全数获救。", "隧道坍塌后，搜救人员已救出15人。") != []
    assert number_contradictions("大楼倒塌后，14人获救。", "大楼倒塌后，12人获救。") != []


# ------------------------------------------------- shares of other periods or bases --

@pytest.mark.parametrize(("first", "second"), [
    ("国家统计局公布，6月份社会消费品零售总额同比增长5%。", "国家统计局公布，6月份社会消费品零售总额环比增长2%。"),
    ("国家统计局公布，一季度国内生产总值增长18.3%。", "国家统计局公布，上半年国内生产总值增长12.7%。"),
    ("国家统计局公布，今年上半年出口增长38.6%。", "国家统计局公布，今年前5个月出口增长40.2%。"),
    ("国家统计局公布，前三季度工业产值增长9.8%。", "国家统计局公布，第三季度工业产值增长4.9%。"),
])
def test_shares_of_change_of_other_periods_or_bases_are_other_facts(first: str, second: str):
    assert number_contradictions(first, second) == []


def test_shares_of_one_period_and_basis_still_differ():
    assert number_contradictions("国家统计局公布，1-5月出口同比增长40.2%。", "国家统计局公布，前5个月出口同比增长42.3%。") != []
    assert number_contradictions("国家统计局公布，6月CPI同比上涨1.1%。", "国家统计局公布，6月CPI同比上涨1.3%。") != []


# ---------------------------------------------------------------- 高达, 多达, 之多 --

@pytest.mark.parametrize("figure", ["高达50人", "多达50人", "50人之多"])
def test_an_emphatic_qualifier_keeps_the_value(figure: str):
    """高达/多达/之多 stress a figure as large; they bound nothing (were read as 'up to': 40-50)."""
    q = extract_all(f"这场火灾的遇难者{figure}。", PUBLISHED, "zh").quantities[0]
    assert (q.text, q.low, q.high, q.vague) == (figure, 50.0, 50.0, False)
    assert number_contradictions(f"这场火灾的遇难者{figure}。", "火灾造成48人死亡。") != []
    assert ("agree", f"same figure for 人 (killed): Outlet A: {figure} (= 50); Outlet B: 50人 (= 50)") in _numbers(
        f"这场火灾的遇难者{figure}。", "火灾造成50人死亡。")


def test_at_most_stays_a_bound_above():
    q = extract_all("火灾造成最多50人死亡。", PUBLISHED, "zh").quantities[0]
    assert (q.low, q.high, q.vague) == (40.0, 50.0, True)


# ------------------------------------------------- an update told under two voices --

def _reports(*specs: tuple[str, str, int, str]) -> list[tuple[str, str]]:
    articles = [article(i, outlet, text, language="zh", published=PUBLISHED + timedelta(hours=h))
                for i, outlet, h, text in specs]
    return [(f.kind, f.why) for f in of_type(compare(articles, use_dense=False), "number")]


def test_a_later_report_restating_its_earlier_figure_beside_the_update_stays_an_update():
    """An outlet's 06:00 report: 路透社说至少10人死亡; its 11:00 report tells that again and 法新社's
    newer 13. Its 10 is its own earlier figure, no source disagreeing with another outlet's 13 (was
    a contradiction 至少10人 vs 13人, and no update)."""
    found = _reports(("a1", "Outlet A", 0, "路透社说，暴雨造成至少10人死亡。"),
                     ("a2", "Outlet A", 5, "路透社说，暴雨造成至少10人死亡。法新社最新报道说，暴雨造成13人死亡。"),
                     ("b", "Outlet B", 5, "暴雨造成13人死亡。"))
    assert [k for k, _why in found] == ["update", "agree"]
    assert found[0][1].startswith("Outlet A updated 人 (killed) from 至少10人")


def test_one_report_crediting_two_figures_to_two_voices_still_compares_each():
    found = _reports(("a2", "Outlet A", 5, "路透社说，暴雨造成至少10人死亡。据法新社报道，暴雨造成13人死亡。"),
                     ("b", "Outlet B", 5, "暴雨造成12人死亡。"))
    assert [k for k, _why in found] == ["contradiction"]
    assert "also 13人 (= 13) vs 12人 (= 12)" in found[0][1]


@pytest.mark.parametrize(("text", "present"), [("现场有200人。", True), ("机上共载有45人，", True),
                                               ("42人是军人。", True), ("该厂约有300名员工。", True),
                                               ("至少有40人被围困致死。", False), ("有3人下落不明。", False),
                                               ("所有200名乘客。", False), ("是否有200人。", True)])
def test_who_was_there_is_read_from_the_words_around_the_count(text: str, present: bool):
    """有 and a count closing its clause says who was there; a verb phrase after the count tells what
    befell them (有 opening the pivot of a 兼语 sentence)."""
    from comparison.subjects import present_count

    q = extract_all(text, PUBLISHED, "zh").quantities[0]
    assert present_count(q, text) is present


def test_the_dead_counted_after_a_verb_of_having_are_a_toll():
    """死者有45人 names the dead as 遇难者有45人 does (死者: an event word of the killed), no count of who
    was there: it still meets another outlet's toll (was read as presence and met none)."""
    assert number_contradictions("空难发生后，死者有45人。", "空难发生后，48人遇难。") != []
    assert number_contradictions("空难发生后，死者有45人。", "空难发生后，45人遇难。") == []


@pytest.mark.parametrize("text", ["一架客机坠毁，机上有45人，全部遇难。", "渔船翻覆，船上共有12人，均已获救。",
                                  "车上载有30人，无一生还。"])
def test_a_count_followed_by_what_befell_them_all_is_no_presence(text: str):
    """机上有45人，全部遇难: the next clause's adverb of the whole group (lexicons.quantifiers.
    WHOLE_GROUP_ADVERBS_ZH) tells what befell every one of them, so 45 is the toll, no count of who
    was there (was presence, and 45 vs another outlet's 47 all killed was no finding)."""
    from comparison.subjects import present_count

    q = extract_all(text, PUBLISHED, "zh").quantities[0]
    assert not present_count(q, text)


def test_a_count_of_who_was_there_before_another_clause_stays_presence():
    from comparison.subjects import present_count

    for text in ("工厂发生火灾时，现场有200人，其中12人死亡。", "一架客机坠毁，机上有45人，都柏林机场已关闭。"):
        q = extract_all(text, PUBLISHED, "zh").quantities[0]
        assert present_count(q, text), text
