"""Chinese extraction faults of session 42 (helper h42a), each on made-up sentences: agencies
listed before an adverb of a whole (均, 都, 皆) and their verb, a Latin agency name in a Chinese list
of voices, and 很多/好多/许多 with a measure word of people read whole as an unquantified count."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from comparison import compare
from comparison.extract import extract_all, extract_sources
from comparison.slots import extract_attributions
from comparison.text import to_simplified
from tests.comparison_helpers import article, of_type

PUBLISHED = datetime(2023, 9, 14, 6, 0, tzinfo=UTC)
INF = float("inf")


def _voices(text: str) -> list[tuple[str, str, str]]:
    return [(text[a.start:a.end], a.kind, a.who) for a in extract_attributions(text, to_simplified(text), False)]


@pytest.mark.parametrize("adverb", ["均", "都", "皆", "也"])
@pytest.mark.parametrize("verb", ["报道，", "報導，", "表示，", "报道称，"])
def test_agencies_listed_before_an_adverb_of_a_whole_are_each_a_voice(adverb: str, verb: str):
    """法新社与美联社均报道，… gave no voice (was: none; with 表示, one voice 美联社均)."""
    text = f"塔斯社与韩联社{adverb}{verb}山洪冲毁了一座木桥。"
    assert _voices(text) == [("塔斯社", "agency", "塔斯社"), ("韩联社", "agency", "韩联社")]
    assert [s.text for s in extract_sources(text)] == ["塔斯社", "韩联社"]


def test_an_adverb_of_a_whole_closing_a_name_is_the_names():
    """都 closing a dictionary word (东京都, 成都) is the name's end, no adverb."""
    assert _voices("东京都政府表示，山洪冲毁了一座木桥。") == [("东京都政府", "official", "东京都政府")]
    assert _voices("四川成都报道，山洪冲毁了一座木桥。") == []
    assert _voices("卫生部与教育部均表示，学校将延期开学。") == [
        ("卫生部", "official", "卫生部"), ("教育部", "official", "教育部")]


@pytest.mark.parametrize(("voice", "name"), [("发言人张国均", "张国均"), ("警方发言人陈均", "陈均"),
                                           ("消防局长黄志均", "黄志均")])
def test_a_given_name_ending_in_an_adverb_of_a_whole_keeps_it(voice: str, name: str):
    """(review h42r2) 均 closing a recognised person's name is the name's: 发言人张国均表示 was the
    voice 发言人张国 (张国均说 no person voice at all)."""
    facts = extract_all(f"{voice}表示，山洪冲毁了一座木桥。", PUBLISHED, "zh")
    assert [a.who for a in facts.attributions] == [voice]
    facts = extract_all(f"{name}说，山洪冲毁了一座木桥。", PUBLISHED, "zh")
    assert [(a.who, a.kind) for a in facts.attributions] == [(name, "person")]


@pytest.mark.parametrize("joiner", ["及", "和", "与"])
@pytest.mark.parametrize("latin", ["NHK", "CNN", "BBC"])
def test_a_latin_agency_name_after_a_joiner_is_its_own_voice(joiner: str, latin: str):
    """日本共同社及NHK报道 was one voice of no kind (据…) or none at all (…报道，)."""
    for text in (f"日本共同社{joiner}{latin}报道，山洪冲毁了一座木桥。", f"据日本共同社{joiner}{latin}报道，山洪冲毁了一座木桥。"):
        assert _voices(text) == [("日本共同社", "agency", "共同社"), (latin, "agency", latin)], text
    assert _voices(f"韩联社{joiner}{latin}报道，山洪冲毁了一座木桥。") == [
        ("韩联社", "agency", "韩联社"), (latin, "agency", latin)]


def test_a_latin_agency_name_alone_is_a_press_voice():
    assert _voices("CNN表示，山洪冲毁了一座木桥。") == [("CNN", "agency", "CNN")]
    # a medium named with its country is the agency of its own name
    assert _voices("据日本共同社报道，山洪冲毁了一座木桥。") == [("日本共同社", "agency", "共同社")]


def test_one_agency_named_with_and_without_its_country_is_one_voice():
    a = article("ka", "Outlet A", "日本共同社报道，山洪冲毁了40座木桥。", language="zh", published=PUBLISHED)
    b = article("kb", "Outlet B", "共同社报道，山洪冲毁了40座木桥。", language="zh", published=PUBLISHED)
    assert of_type(compare([a, b], use_dense=False), "attribution") == []


def _figures(text: str) -> list[tuple[str, float, float, str]]:
    facts = extract_all(text, PUBLISHED)
    for q in facts.quantities:
        assert text[q.start:q.end] == q.text
    return [(q.text, q.low, q.high, q.counted) for q in facts.quantities]


@pytest.mark.parametrize("quantifier", ["很多", "好多", "许多"])
@pytest.mark.parametrize("measure", ["名", "位"])
def test_a_many_word_with_a_measure_of_people_counts_any_noun_whole(quantifier: str, measure: str):
    """很多名游客 gave no figure (游客 is no noun the lexicon counts; after 名 it is people)."""
    assert _figures(f"暴雨中{quantifier}{measure}登山客被困山顶。") == [
        (f"{quantifier}{measure}", 2, INF, "登山客")]


@pytest.mark.parametrize("sentence", ["纪念碑上刻着很多名字。", "地震中许多名胜古迹受损。", "很多名牌商店暂停营业。",
                                      "洪水淹没了好多位置较低的农田。", "很多名义上的救援并未到位。"])
def test_a_measure_of_people_opening_a_word_is_no_measure(sentence: str):
    """(review h42r2) 名/位 after 很多 opening a dictionary word (名字, 名胜古迹, 名牌, 位置, 名义) is
    no measure of people: 很多名字 was a count of people, the noun 字."""
    assert _figures(sentence) == []


def test_haoduo_before_people_is_one_unquantified_word():
    """好多人 was cut to 多人 (a vague numeral); now 好多 whole, as 许多人 is read."""
    assert _figures("暴雨中好多人被困山顶。") == [("好多", 2, INF, "人")]
    # not a comparative (好多了: much better), nor before a noun of no people or buildings
    assert _figures("他的病情好多了。") == []
    assert _figures("好多国家派来了救援队。") == []
    assert _figures("好多年来村民一直守在山上。") == []


def test_haoduo_against_a_figure_is_the_vaguer_reading():
    a = article("ha", "Outlet A", "化工厂爆炸造成好多人受伤。", language="zh", published=PUBLISHED)
    b = article("hb", "Outlet B", "化工厂爆炸造成45人受伤。", language="zh", published=PUBLISHED)
    found = of_type(compare([a, b], use_dense=False), "number")
    assert [f.kind for f in found] == ["precision"]
    assert [s.text for s in found[0].spans][0].startswith("好多")


def test_a_count_of_storeys_is_its_own_measure_no_count_of_people():
    """这座6层的建筑物 was a bare 6, set against the dead of the same sentence (6 vs 52人)."""
    assert [(t, low, unit) for t, low, _h, unit in (
        (q.text, q.low, q.high, q.unit) for q in extract_all("消防员从这座8层的建筑物中抬出遗体。", PUBLISHED).quantities)] == [
        ("8层", 8, "层")]
    assert [q.text for q in extract_all("火势蔓延到第8层，3人死亡。", PUBLISHED).quantities] == ["3人"]
    # the storeys are what is counted, whatever noun follows (was 樓高 in 8層樓高的工廠, none before 的)
    for text in ("消防员从这座8层的建筑物中抬出遗体。", "一座8層樓高的工廠昨天起火。"):
        assert [q.counted for q in extract_all(text, PUBLISHED).quantities] == [text[text.index("8") + 1]]
    a = article("sa", "Outlet A", "消防员从这座8层的建筑物中抬出遗体。", language="zh", published=PUBLISHED)
    b = article("sb", "Outlet B", "消防员从这座大楼中抬出40具遗体。", language="zh", published=PUBLISHED)
    assert of_type(compare([a, b], use_dense=False), "number", "contradiction") == []


def _number_findings(*texts: tuple[str, ...]) -> list[tuple[str, str]]:
    published = datetime(2021, 7, 13, 6, 0, tzinfo=UTC)
    articles = [article(f"p{n}", f"Outlet {n}", *paragraphs, language="zh", published=published)
                for n, paragraphs in enumerate(texts)]
    return [(f.kind, f.why) for f in of_type(compare(articles, use_dense=False), "number")]


def test_a_period_before_a_verb_of_occurring_dates_an_earlier_happening():
    """某医院4月曾遭大火，造成…110人受伤 (a July report recounting April) was undated, so its 110
    met this week's 逾百人 as a precision finding; now April's toll, as a fronted 4月， is."""
    found = _number_findings(
        ("某市一家医院今天发生火灾，造成40人死亡。", "邻国首都一家医院4月曾遭大火重创，造成至少80人死亡，110人受伤。"),
        ("某市一家医院今天发生火灾，造成40人死亡，逾百人受伤。",))
    assert not any("110人" in why for kind, why in found if kind != "unique"), found
    assert not any("110人" in why and kind != "unique" for kind, why in _number_findings(
        ("某市一家医院今天发生火灾，造成40人死亡。", "邻国首都一家医院4月发生类似爆炸，至少80人身亡、110人受伤。"),
        ("某市一家医院今天发生火灾，造成40人死亡，逾百人受伤。",)))
    # a day nearer the figure is its own (4月曾发生火灾，今天再次起火: today's toll)
    found = _number_findings(("这家医院4月曾发生火灾，今天再次起火，造成110人受伤。",), ("这家医院今天起火，逾百人受伤。",))
    assert [k for k, why in found if "110人" in why] == ["precision"], found


def test_a_translators_and_checkers_credit_line_is_furniture():
    """CNA's translated wire copy closes with （譯者：…/核稿：…）1100703: its date code was read as a
    count (an 'update' from 1,100,703 to 1,100,704 between two reports) and its names as a claim."""
    from comparison.furniture import furniture_spans

    for text in ("山区累积雨量已达300毫米。（譯者：王大明/核稿：李小華）1100703", "（译者：王大明/核稿：李小华）"):
        start = text.index("（")
        assert [(a, b) for a, b in furniture_spans(text) if a >= start] == [(start, len(text))], text
    assert [q.text for q in extract_all("山区累积雨量已达300毫米。（譯者：王大明/核稿：李小華）1100703", PUBLISHED).quantities] == [
        "300毫米"]


@pytest.mark.parametrize("adverb", ["起初", "最初", "当初", "起先"])
def test_an_adverb_of_an_earlier_time_ends_a_voice(adverb: str):
    """警方起初表示 was the voice 警方起初 (as 警方先前表示 is 警方)."""
    assert _voices(f"警方{adverb}表示，有3人死亡。") == [("警方", "official", "警方")]


def test_a_public_unit_is_a_voice_of_its_own_in_a_list():
    """某市政府及当地消防单位表示 was one voice named by the whole list."""
    assert _voices("某市政府及当地消防单位表示，有3人死亡。") == [
        ("某市政府", "official", "某市政府"), ("当地消防单位", "official", "当地消防单位")]
    assert _voices("主管单位表示，有3人死亡。") == [("主管单位", "official", "主管单位")]


def test_that_same_year_alone_is_the_last_year_named():
    """同年，…至少25人丧生 after 2019年2月 (a report recounting earlier fires) had no date, so its toll
    was set against this week's (also 至少25人 vs 6人)."""
    published = datetime(2021, 7, 9, 6, 0, tzinfo=UTC)
    text = "2019年2月，首都一处街区发生火灾。同年，一栋商业大楼发生大火。"
    assert [(d.text, d.value, d.last, d.precision) for d in extract_all(text, published).dates][-1] == (
        "同年", date(2019, 1, 1), date(2019, 12, 31), "year")
    # not a grade or an age, nor with no year named before it
    for other in ("2019年，同年级的学生有30人。", "2019年，同年龄段的儿童。", "同年，大楼倒塌。"):
        assert [d.text for d in extract_all(other, published).dates if d.text.startswith("同年")] == [], other
    found = _number_findings(
        ("某国一家工厂昨天起火，已有52人丧生。", "2019年2月，首都一处街区发生火灾，导致至少70人死亡。同年，一栋商业大楼发生大火，至少25人丧生。"),
        ("某国一家工厂昨天起火，已有6人丧生。",))
    assert not any("25人" in why for kind, why in found if kind != "unique"), found


@pytest.mark.parametrize("unit", ["施工单位", "建设单位", "用人单位"])
def test_a_firm_named_by_its_role_is_no_public_unit(unit: str):
    """(review h42r2) 施工单位 (the contractor), 用人单位 (the employer) were official voices, as the
    public units 消防单位, 有关单位 are (1270ef2)."""
    assert _voices(f"{unit}表示，工程将延期。") == [(unit, "organization", unit)]
    assert _voices("当地消防单位表示，工程将延期。") == [("当地消防单位", "official", "当地消防单位")]


def test_a_floor_is_no_count_of_storeys() -> None:
    """A number of 层 after a word of position is a floor, no count (review h42r2: 地下二层 against
    地下三层 contradicted, and 大火从12层烧起 was a second count of a 32-storey building's storeys)."""
    from comparison.numbers import extract_quantities

    for text in ("地下二层发生火灾。", "大火从12层烧起。", "起火点在12层。", "火势蔓延至15层。"):
        assert extract_quantities(text) == [], text
    for text, figure in (("这座6层的建筑物倒塌。", "6层"), ("一栋32层的住宅楼起火。", "32层"), ("楼高32层。", "32层")):
        assert [q.text for q in extract_quantities(text)] == [figure], text
