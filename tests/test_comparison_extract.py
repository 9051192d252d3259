"""Extractors of the comparison stage, on real sentences of the corpus (seeds/)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comparison.extract import (
    extract_dates,
    extract_entities,
    extract_quotes,
    extract_sources,
    same_entity,
)
from comparison.numbers import extract_quantities, parse_chinese_integer
from comparison.numbers_en import extract_quantities_en
from comparison.text import split_sentences, to_simplified

# VOA, 5 Jul 2021 22:41 UTC (seeds/001_bd7e773d7b869fe3.txt)
VOA_PUBLISHED = datetime(2021, 7, 5, 22, 41, 17, tzinfo=UTC)
# Al Jazeera, 8 Jul 2021 04:56 UTC (seeds/000_299cce44e7b57b22.txt)
AJ_PUBLISHED = datetime(2021, 7, 8, 4, 56, 2, tzinfo=UTC)

VOA_LEAD = (
    "据路透社从杜尚别报道，塔吉克斯坦总统拉赫蒙星期一(7月5日)下令动员两万名后备役军人，"
    "以加强与阿富汗交界处的防御。在此之前，一千多名阿富汗安全部队成员在塔利班激进分子的攻势下越境逃入塔吉克斯坦。"
)
AJ_TAJIK = (
    "塔吉克斯坦当局表示，他们将动员2万名部队加强对与南部邻国边界的保护，这是因为塔利班在阿富汗最北部巴达赫尚省推进，"
    "一千多名阿富汗士兵越过了阿富汗-塔吉克边界。"
)


def _exact(text: str, items) -> None:
    for item in items:
        assert text[item.start:item.end] == item.text


def _one(quantities, text):
    matches = [q for q in quantities if q.text == text]
    assert len(matches) == 1, [q.text for q in quantities]
    return matches[0]


@pytest.mark.parametrize(
    "chars, value",
    [("一千零三十七", 1037), ("两万", 20000), ("二十六", 26), ("十", 10), ("一百零五", 105),
     ("三亿五千万", 350_000_000)],
)
def test_chinese_integers(chars, value):
    assert parse_chinese_integer(chars) == value


def test_quantities_of_the_seed_lead_sentences():
    voa = extract_quantities(VOA_LEAD)
    _exact(VOA_LEAD, voa)
    reservists = _one(voa, "两万名")
    assert (reservists.low, reservists.high, reservists.vague) == (20000, 20000, False)
    assert reservists.counted == "后备役军人"
    more_than_1000 = _one(voa, "一千多名")
    assert (more_than_1000.low, more_than_1000.high, more_than_1000.vague) == (1001, 1999, True)
    assert more_than_1000.counted.startswith("阿富汗安全部队")

    # The counted noun's end comes from the word segmenter (extract_all), not from
    # a list of verbs that follow it in these sentences.
    from comparison.extract import extract_all

    aj = extract_all(AJ_TAJIK, AJ_PUBLISHED).quantities
    _exact(AJ_TAJIK, aj)
    troops = _one(aj, "2万名")
    # A round figure is read as rounded (implied precision), and shown so.
    assert troops.rounded and (troops.low, troops.high) == (19000, 21000) and troops.counted == "部队"


def test_exact_count_vague_words_percent_and_part_of_total():
    text = (
        "塔吉克斯坦边防局说，在1037名阿富汗军人经过塔吉克斯坦的允许逃过边界线后。"
        "来自巴达赫尚省的议员扎比胡拉·阿提克对路透社说，塔利班攻占了该省28个区的26个。"
        "一名阿富汗官员证实，有数百人越境逃入塔吉克斯坦。美国军方周二表示，其驻阿富汗部队已完成90%以上的撤军。"
        "成百上千的阿富汗安全部队成员仓皇逃离。塔吉克官员说，他们允许152人从伊什卡希姆入境。有百分之九十的人。"
        "而且1,037 soldiers。"
    )
    from comparison.extract import extract_all

    found = extract_all(text, VOA_PUBLISHED).quantities
    _exact(text, found)
    q = _one(found, "1037名")
    assert (q.low, q.vague, q.counted) == (1037, False, "阿富汗军人")
    part = _one(found, "26个")
    assert part.total == 28 and part.counted == "区"
    hundreds = _one(found, "数百人")
    assert hundreds.vague and (hundreds.low, hundreds.high) == (200, 999)
    pct = _one(found, "90%以上")
    assert pct.percent and pct.vague and (pct.low, pct.high) == (90, 100)
    assert _one(found, "成百上千").vague
    assert _one(found, "152人").low == 152
    assert _one(found, "百分之九十").low == 90
    assert _one(found, "1,037").low == 1037


def test_qualified_numbers_are_ranges():
    # AJ and RFI on the Qala-i-Naw jail; VOA's figure (seeds/nbw-2021-07)
    text = "约有 200 名囚犯从巴德吉斯的中央监狱逃脱。并从中心监狱释放了大约600名囚犯。近千名士兵，超过1000名。"
    found = extract_quantities(text)
    _exact(text, found)
    about_200 = _one(found, "约有 200 名")
    assert about_200.vague and about_200.low < 200 < about_200.high and about_200.counted == "囚犯"
    about_600 = _one(found, "大约600名")
    assert about_600.high < 700 and about_600.counted == "囚犯"
    assert about_200.high < about_600.low  # incompatible
    over = _one(found, "超过1000名")
    assert (over.low, over.high, over.vague) == (1000, 1050, True)  # "over" read as up to 5% more
    near = _one(found, "近千名")
    assert near.high == 1000 and near.low < 1000


def test_numbers_that_are_not_quantities():
    text = "他们一直在推进，一名阿富汗官员证实，第三个区，7月5日，在经历了20年的战争之后。"
    found = [q.text for q in extract_quantities(text)]
    assert "一直" not in "".join(found)
    assert not any(t.startswith("一名") for t in found)
    assert not any("三个" in t for t in found)


def test_a_big_unit_after_more_or_a_vague_numeral_multiplies_it():
    text = "全市有1200多万人口，另有50余万名学生、十几万人和几百万美元，共数十亿美元。"
    found = extract_quantities(text)
    _exact(text, found)
    assert (_one(found, "1200多万人").low, _one(found, "1200多万人").high) == (12_010_000, 12_990_000)
    assert (_one(found, "50余万名").low, _one(found, "50余万名").high) == (510_000, 590_000)
    assert (_one(found, "十几万人").low, _one(found, "十几万人").high) == (110_000, 190_000)
    assert _one(found, "几百万美元").low == 2_000_000
    assert _one(found, "数十亿美元").high == 9_900_000_000
    assert not any(q.text.startswith("万") for q in found)
    assert not extract_quantities("他们多万")  # 多 alone is no numeral before 万


def test_figures_written_in_digits_and_unit_characters_are_one_figure():
    text = "新增6万2322人，累计101万4千多例，拨款1千9百万美元，共14亿1178万人，截获近1万5千件。"
    found = extract_quantities(text)
    _exact(text, found)
    assert _one(found, "6万2322人").low == 62_322
    many = _one(found, "101万4千多例")
    assert (many.low, many.high) == (1_014_001, 1_014_999)
    assert _one(found, "1千9百万美元").low == 19_000_000
    assert _one(found, "14亿1178万人").low == 1_411_780_000
    assert _one(found, "近1万5千件").high == 15_000
    assert len(found) == 5  # no stray 2322人 or 4千多例


def test_a_unit_character_alone_is_a_word_unless_it_counts_something():
    assert [q.text for q in extract_quantities("每百人接种8剂，亿万富翁，数以百万计的学生")] == ["8剂", "数以百万计"]
    assert [q.text for q in extract_quantities("千名警员和近万人")] == ["千名", "近万人"]


def test_a_measure_with_more_inside_is_a_vague_duration_and_an_anniversary_is_none():
    found = {q.text: q for q in extract_quantities("他失踪了两个多月，被关押9年2个多月，一个多小时后获释。")}
    assert (found["两个多月"].low, found["两个多月"].high, found["两个多月"].unit) == (2, 3, "个月")
    assert (found["9年2个多月"].low, found["9年2个多月"].high) == (110, 111)
    assert found["一个多小时"].unit == "小时" and found["一个多小时"].vague
    assert not extract_quantities("六四30周年纪念，十週年點燈")


def test_simple_fractions_are_shares_of_what_follows():
    found = {q.text: q for q in extract_quantities("近三分之二的居民和一半以上的议员，他的另一半，百万分之二")}
    assert set(found) == {"近三分之二", "一半以上", "百万分之二"}
    assert found["百万分之二"].high < 0.001  # two parts per million, as a percentage
    assert found["近三分之二"].percent and found["近三分之二"].high == pytest.approx(70) and found["近三分之二"].counted == "居民"
    assert (found["一半以上"].low, found["一半以上"].high) == (47.5, 100.0)
    text = "More than two dozen soldiers; a third of the vote; between half and two-thirds of homes; half an hour."
    english = {q.text: q for q in extract_quantities_en(text)}
    assert set(english) == {"More than two dozen", "a third", "between half and two-thirds"}
    assert english["More than two dozen"].low == 24
    assert english["a third"].counted == "vote" and english["a third"].percent
    both = english["between half and two-thirds"]
    assert (both.low, both.counted) == (47.5, "homes") and both.high == pytest.approx(70)


def test_ranges_of_shares_one_in_n_and_half_a_dozen():
    assert [(q.text, q.low, q.high) for q in extract_quantities("增长15-30%，增長15%~30%，比分4-3")][:2] == [
        ("15-30%", 15, 30), ("15%~30%", 15, 30)]
    english = {q.text: q for q in extract_quantities_en(
        "It fell by 15-30% since 1915; one in five employees have left; half a dozen studies; won 4-3.")}
    assert (english["15-30%"].low, english["15-30%"].high, english["15-30%"].percent) == (15, 30, True)
    assert english["one in five"].percent and english["one in five"].counted == "employees"
    assert english["half a dozen"].low == 6
    assert "4" not in english and "4-3" not in english  # a score after "won": no range, no count (session 40)


def test_what_a_second_reader_found_in_the_new_readings():
    read = {q.text: (q.low, q.high) for q in extract_quantities(
        "新增病例超过6万7月以来上升，月薪2萬5，一万五千人中有三千五人，被关押了一年兩個多月，"
        "过半数的选民，晋级四分之一决赛，二十分之一，年薪百万，十余万人，年满18周岁，出口增长150%以上")}
    assert read["超过6万"] == (60_000, 63_000)  # not 6万7: 7月 is a month
    assert read["2萬5"] == (25_000, 25_000)
    assert read["三千五人"] == (3_500, 3_500)
    assert read["一年兩個多月"] == (14, 15)
    assert read["过半数"] == (47.5, 100)
    assert read["二十分之一"] == (4.75, 5.25)
    assert read["百万"] == (1e6, 1e6) and read["十余万人"] == (110_000, 190_000)
    assert "四分之一" not in read and "18周岁" in read
    assert read["150%以上"][1] > 150
    english = [q.text for q in extract_quantities_en(
        "In the first half of the year a quarter of a million homes, half the size of Texas, were sold.")]
    assert english == []


def test_several_people_in_chinese_is_a_vague_count_as_in_english():
    found = {q.text: q for q in extract_quantities("警方逮捕了多名抗议者，另有数名示威者受伤。")}
    assert (found["多名"].low, found["多名"].high, found["多名"].vague) == (2, math.inf, True)  # "more than one", no bound above
    assert found["多名"].counted == "抗议者"
    assert (found["数名"].low, found["数名"].high) == (2, 9)
    # Not a count of people: for years, repeatedly, "more people", "how many".
    assert not extract_quantities("多年来他多次访问，数次被拒，更多人被捕，人数达到多少")
    assert not extract_quantities("大多数人、少数人、无数人和差不多人人都知道")
    # 半数人 is a share (half of them), not a count
    assert [(q.text, q.percent) for q in extract_quantities("半数人都知道")] == [("半数", True)]


def test_dates_absolute_weekday_and_relative():
    found = extract_dates(VOA_LEAD, VOA_PUBLISHED)
    _exact(VOA_LEAD, found)
    assert [(d.text, d.value, d.relative) for d in found] == [("星期一(7月5日)", date(2021, 7, 5), False)]

    text = "星期日的越境事件凸显了局势的迅速恶化。周日的逃离是目前确定的最大的一次。两天前，美国正式撤出了巴格拉姆机场，这是所有外国军队在9月11日前撤离阿富汗的计划的一部分。"
    found = extract_dates(text, VOA_PUBLISHED)
    _exact(text, found)
    values = {d.text: d.value for d in found}
    assert values == {"星期日": date(2021, 7, 4), "周日": date(2021, 7, 4),
                      "两天前": date(2021, 7, 4), "9月11日": date(2021, 9, 11)}

    aj = "周三，塔利班向阿富汗北部和西部地区推进。今天在加拉诺发生的事情。2021年7月4日，在阿富汗北部。每周三开会，周边地区。"
    found = extract_dates(aj, AJ_PUBLISHED)
    _exact(aj, found)
    values = {d.text: d.value for d in found}
    assert values == {"周三": date(2021, 7, 7), "今天": date(2021, 7, 8), "2021年7月4日": date(2021, 7, 4)}


def test_weekday_resolves_in_utc_plus_8():
    # 23:00 UTC on Sunday 4 Jul is already Monday 5 Jul in UTC+8: 星期一 is that Monday.
    late_sunday_utc = datetime(2021, 7, 4, 23, 0, tzinfo=UTC)
    (found,) = extract_dates("星期一，拉赫蒙下令", late_sunday_utc)
    assert found.value == date(2021, 7, 5)
    (found,) = extract_dates("上周三，拉赫蒙下令", late_sunday_utc)
    assert found.value == date(2021, 6, 30)


def test_entities_and_name_variants():
    text = "阿富汗总统穆罕默德·阿什拉夫·加尼与拉赫蒙通了电话。俄罗斯外交部长谢尔盖·拉夫罗夫在印度尼西亚首都雅加达发表声明。"
    found = extract_entities(text)
    _exact(text, found)
    people = {e.text for e in found if e.kind == "PER"}
    assert {"穆罕默德·阿什拉夫·加尼", "谢尔盖·拉夫罗夫"} <= people
    places = {e.text for e in found if e.kind == "LOC"}
    assert {"阿富汗", "俄罗斯"} <= places
    assert same_entity("加尼", "穆罕默德·阿什拉夫·加尼")
    assert same_entity("阿什拉夫·加尼", "穆罕默德·阿什拉夫·加尼")
    assert same_entity("拉赫蒙", "塔吉克斯坦总统拉赫蒙")
    assert same_entity("拉夫羅夫", "拉夫罗夫")  # Traditional vs Simplified
    assert same_entity("赫萨穆丁-沙姆斯", "胡萨姆丁·沙姆斯")  # RFI vs Al Jazeera
    assert not same_entity("加尼", "拉赫蒙")
    assert not same_entity("穆罕默德·阿什拉夫·加尼", "穆罕默德·贾瓦德·扎里夫")
    # One family name, other given names: two people (brothers, a minister and a protester).
    assert not same_entity("安娜·科瓦尔", "伊万·科瓦尔")
    assert not same_entity("雷纳托·米格·佩雷拉", "克拉拉·佩雷拉")
    assert same_entity("米格尔·迪亚斯·罗卡", "米格尔·迪亚兹·罗卡")  # a given name rendered otherwise


def test_hyphenated_names_are_one_entity():
    text = "巴德吉斯省的省长赫萨穆丁-沙姆斯（Hessamuddin Shams）今天在Facebook发布的一段视频中说。"
    people = [e.text for e in extract_entities(text) if e.kind == "PER"]
    assert "赫萨穆丁-沙姆斯" in people


def test_quotes_with_speakers():
    text = (
        "扎里夫呼吁“阿富汗人民及其政治领导人为他们国家的未来做出艰难的决定”，与此同时，塔利班发言人表示。\n"
        "普赖斯补充说：“在多哈举行的阿富汗内部谈判仍在继续，我们感谢卡塔尔在主持这些会谈中发挥的作用。”\n"
        "声明还说，拉赫蒙对阿富汗安全部队成员“强行越境”表示了关切。"
    )
    entities = extract_entities(text)
    found = extract_quotes(text, entities)
    _exact(text, found)
    speakers = {q.text[:6]: q.speaker for q in found}
    assert speakers == {"“阿富汗人民": "扎里夫", "“在多哈举行": "普赖斯"}  # scare quote skipped


@pytest.mark.parametrize(("when", "suffix"), [("周日", "说"), ("昨天晚上", "说"), ("当地时间7日晚", "说"),
                                            ("星期一上午", "在声明中说"), ("", "说")])
def test_a_time_before_the_speech_verb_is_no_part_of_the_speaker(when, suffix):
    """发言人周日说: the speaker is the spokesman, said on Sunday (a time is when, not who)."""
    text = f"约旦政府发言人{when}{suffix}：“局势已经得到控制，请民众保持冷静。”"
    found = extract_quotes(text, extract_entities(text))
    _exact(text, found)
    assert [q.speaker for q in found] == ["约旦政府发言人"]


def test_cited_sources_are_normalized():
    text = (
        "据路透社从杜尚别报道，塔吉克斯坦总统拉赫蒙下令。政府消息人士星期一早些时候对路透社说。"
        "塔斯社报道说，莫斯科表示。一名阿富汗安全消息人士告诉半岛电视台说。法新社电稿说。"
        "路透社援引巴德吉斯省省长的话说。\n（本文依据了路透社的报道。)"
    )
    found = extract_sources(text)
    _exact(text, found)
    names = [s.source for s in found]
    assert set(names) == {"路透社", "塔斯社", "半岛电视台", "法新社", "匿名消息人士"}
    assert names.count("路透社") == 4
    # Mentioning an agency without citing it is not a citation.
    assert extract_sources("他批评了路透社和法新社的立场。") == []


def test_sentences_keep_multi_sentence_quotes_whole():
    text = (
        "他对路透社说：“塔利班切断了所有道路。这些人无处可走，只能越过边境。”双方的和平会谈仍然无果。\n"
        "威尔逊星期三在推特上说：“塔利班的攻势带来了困苦。它侵犯了阿富汗人的人权。”"
    )
    sentences = split_sentences(text)
    _exact(text, sentences)
    assert [s.text for s in sentences] == [
        "他对路透社说：“塔利班切断了所有道路。这些人无处可走，只能越过边境。”",
        "双方的和平会谈仍然无果。",
        "威尔逊星期三在推特上说：“塔利班的攻势带来了困苦。它侵犯了阿富汗人的人权。”",
    ]


def test_english_sentences_and_traditional_script():
    text = "Tajikistan will mobilise 20,000 reservists. More than 1,000 Afghan troops crossed."
    assert [s.text for s in split_sentences(text, "en")] == [
        "Tajikistan will mobilise 20,000 reservists.", "More than 1,000 Afghan troops crossed."]
    traditional = "塔吉克斯坦總統拉赫蒙下令動員兩萬名後備役軍人。"
    assert len(to_simplified(traditional)) == len(traditional)
    q = _one(extract_quantities(traditional), "兩萬名")
    assert q.low == 20000 and q.counted == "後備役軍人"


def test_pronoun_speaker_is_not_the_last_name_seen():
    # VOA seed: the quote after a list of leaders is an unnamed Afghan official's.
    text = (
        "总统办公室说，拉赫蒙还与乌兹别克斯坦总统米尔济约耶夫、哈萨克斯坦总统托卡耶夫等中亚近邻领导人通了电话。\n"
        "“无处可走”\n一名阿富汗官员证实，有数百人越境逃入塔吉克斯坦，但具体人数不详。\n"
        "他对路透社说：“塔利班切断了所有道路，这些人无处可走，只能越过边境。”"
    )
    (quote,) = extract_quotes(text, extract_entities(text))
    assert quote.speaker == "unnamed (他)"
    assert text[quote.speaker_start:quote.speaker_end] == "他"


def test_pronoun_speaker_is_the_subject_of_the_preceding_sentence():
    # Zaobao (haiti-embassy fixture): NER misses 欧江安, the title+name rule finds her.
    zaobao = (
        "台湾外交部发言人欧江安告诉法新社，大使馆的保安人员昨天黎明时分发现一群武装份子闯入使馆庭院后，"
        "立即通知使馆人员和海地警方。她说：“应海地政府的要求，并且为了协助逮捕嫌犯，使馆允许海地警方进入。”"
    )
    (quote,) = extract_quotes(zaobao, extract_entities(zaobao))
    assert quote.speaker == "欧江安"
    # RFI (haiti-manhunt fixture): the subject earlier in the same sentence.
    rfi = '海地临时总理克劳德-约瑟夫似乎暂时控制了国家。早些时候，他在一次用克里奥尔语的演讲中宣布，他已决定"宣布全国进入戒严状态"。'
    (quote,) = extract_quotes(rfi, extract_entities(rfi))
    assert quote.speaker == "克劳德-约瑟夫"
    # "They" is never resolved to one person.
    plural = "拉赫蒙会见了两国外长。他们说：“边境局势正在迅速恶化，需要立即采取行动。”"
    (quote,) = extract_quotes(plural, extract_entities(plural))
    assert quote.speaker == "unnamed (他们)"


@pytest.mark.parametrize(
    "sentence, figure, counted",
    [
        # VOA seed: 三个 counts the 区 of 28个区的26个, not "区政府军未经一战便拱".
        ("来自巴达赫尚省的议员扎比胡拉·阿提克对路透社说，塔利班攻占了该省28个区的26个，"
         "其中三个区政府军未经一战便拱手让给了反叛分子。", "三个", "区"),
        # Epoch Times (haiti-embassy): the phrase stops before the verb.
        ("11名武装人士破窗潜入中华民国驻海地大使馆，经我馆通报海地警方。", "11名", "武装人士"),
        # CNA, Traditional (atami-landslide).
        ("目前已確認2名女性不幸罹難。", "2名", "女性"),
        # RFI (haiti-manhunt): LAC tags 雇佣兵 as a verb; a known counted noun stays.
        ("他补充说：\"四名雇佣兵被杀，两名在我们的控制下被拦截\"。", "四名", "雇佣兵"),
        # Al Jazeera seed: 地区中 -> 地区.
        ("塔利班还控制了巴德吉斯省 7 个地区中的 6 个。", "7 个", "地区"),
        # DW (haiti-embassy): a verb right after the measure word counts no noun.
        ("另外2名遭到拘捕。", "2名", ""),
        # Al Jazeera seed: the regex stops at 向 (a stop character); the token is 方向.
        ("路透社援引巴德吉斯省省长胡萨姆丁·沙姆斯的话说，塔利班早上从三个方向袭击了瑙堡。", "三个", "方向"),
        # Zaobao: a relative clause before 的 is kept (the head noun is read after 的).
        ("11名涉嫌暗杀海地总统的嫌犯试图逃跑时，闯入大使馆。", "11名", "涉嫌暗杀海地总统"),
    ],
)
def test_counted_noun_stops_at_the_noun_phrase_boundary(sentence, figure, counted):
    from comparison.extract import extract_all

    facts = extract_all(sentence, VOA_PUBLISHED)
    q = _one(facts.quantities, figure)
    assert q.counted == counted
    if counted:
        assert sentence[q.counted_start:q.counted_end] == counted
    else:
        assert q.counted_start == -1


@given(st.integers(min_value=1, max_value=10**9))
def test_reading_as_rounded_only_widens_round_counts_and_keeps_the_value(value):
    from comparison.numbers import Quantity, read_as_rounded

    q = Quantity(0, 1, str(value), float(value), float(value), False)
    read_as_rounded([q])
    assert q.low <= value <= q.high
    assert q.high - q.low <= 0.1 * value + 1e-9
    round_count = value >= 100 and value % 100 == 0
    assert q.rounded == round_count and (q.low == q.high) == (not round_count)


def test_that_year_after_days_and_words_that_only_look_like_days():
    published = datetime(2021, 2, 7, tzinfo=UTC)
    read = {m.text: m.value for m in extract_dates("2019年3月，他被捕；同年5月获释。", published)}
    assert read["同年5月"] == date(2019, 5, 1)  # the year named before, not the publication's
    assert not extract_dates("他于该年10月底曾与市长见面", published)  # no year named: no date
    # 当前|天洋城 is no 前天; 签署后5日 is five days after; 背号18号 is a shirt number
    assert not extract_dates("当前天洋城二手房价格，完成签署后5日，将穿上背号18号的球衣", published)


def test_a_date_without_its_year_is_read_nearest_the_publication_day_past_first():
    from comparison.extract import extract_dates, unstated_year
    from comparison.extract_en import extract_dates_en

    # Six months either way: the past wins (the primary of 11 July, read in January).
    published = datetime(2021, 1, 6, 3, tzinfo=UTC)
    assert extract_dates("民主派定在7月11日到12日举行初选", published)[0].value == date(2020, 7, 11)
    assert extract_dates_en("The primary was held on July 11.", date(2021, 1, 6))[0].value == date(2020, 7, 11)
    assert unstated_year(date(2021, 12, 28), 1, 5) == 2022  # a week ahead, not a year back
    assert unstated_year(date(2021, 1, 2), 12, 30) == 2020


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 12), st.integers(1, 31))
def test_an_unstated_year_puts_the_date_within_seven_months_of_publication(reference, month, day):
    from comparison.extract import unstated_year

    year = unstated_year(reference, month, day)
    when = date(year, month, min(day, 28))
    if (month, day) != (2, 29):  # read in a year that has it, however far
        assert -214 <= (when - reference).days <= 214


def test_29_february_is_read_in_a_year_that_has_it():
    from comparison.extract import unstated_year

    assert unstated_year(date(2023, 9, 1), 2, 29) == 2024
    assert unstated_year(date(2025, 1, 5), 2, 29) == 2024
    published = datetime(2025, 1, 5, 3, tzinfo=UTC)
    assert extract_dates("2月29日发生地震", published)[0].value == date(2024, 2, 29)


def test_counts_of_years_halves_and_years_with_months_are_durations():
    from comparison.numbers import extract_quantities

    def read(text):
        return [(q.text, q.low, q.high, q.unit, q.dimension) for q in extract_quantities(text)]

    assert read("他担任警官约19年。")[0][3:] == ("年", "duration")
    assert read("他被判处22年半徒刑。") == [("22年半", 22.5, 22.5, "年", "duration")]
    assert read("谈判持续了一个半小时。") == [("一个半小时", 1.5, 1.5, "小时", "duration")]
    assert read("禁赛期减为4年3个月。") == [("4年3个月", 51.0, 51.0, "个月", "duration")]
    assert read("减至四年又三个月。") == [("四年又三个月", 51.0, 51.0, "个月", "duration")]
    assert read("二十多年来首次。")[0][1:] == (21.0, 29.0, "年", "duration")
    # Calendar years, decades, grades and plans are no durations.
    for text in ("1989年的事件", "19年底", "八十年代", "三年级学生", "五年计划", "二〇二一年"):
        assert not [q for q in read(text) if q[4] == "duration"], text


def test_seconds_millimetres_and_taiwan_metric_units_are_measures():
    from comparison.numbers import extract_quantities
    from comparison.numbers_en import extract_quantities_en

    def read(text, reader=extract_quantities):
        return [(q.text, q.base_low, q.dimension) for q in reader(text)]

    assert read("在16公尺深處發現殘骸") == [("16公尺", 16.0, "length")]
    assert read("城区平均降雨量101.1毫米")[0][2] == "length"
    assert read("盘旋了将近40秒")[0][2] == "duration"
    # Minutes and seconds are one duration (分 alone is no unit: points, cents).
    assert read("开赛1分57秒就进球") == [("1分57秒", 117.0, "duration")]
    assert read("跪壓9分鐘29秒") == [("9分鐘29秒", 569.0, "duration")]
    assert not [q for q in read("他得了3分") if q[2] == "duration"]
    assert read("hovered for 30 seconds", extract_quantities_en) == [("30 seconds", 30.0, "duration")]
    assert read("120 mm of rain", extract_quantities_en)[0][2] == "length"
    assert not read("the second round", extract_quantities_en)


def test_the_minutes_of_a_clock_time_are_no_figure():
    from comparison.numbers import extract_quantities

    for text in ("昨天下午2時36分從雅加達起飛", "14时40分，是记录中", "两点四十分开始"):
        assert not extract_quantities(text), text
    assert [q.text for q in extract_quantities("他在36分钟后离开")] == ["36分钟"]
    # The seconds of a clock time are no duration (a reviewer's catch).
    assert not extract_quantities("凌晨2时36分15秒发生地震")
    assert [q.text for q in extract_quantities("持续了3小时")] == ["3小时"]


def test_english_years_and_over_a_span_of_time():
    from comparison.numbers_en import extract_quantities_en

    def read(text):
        return [(q.text, q.low, q.high, q.dimension) for q in extract_quantities_en(text)]

    assert read("an officer for 19 years") == [("19 years", 19.0, 19.0, "duration")]
    assert read("he was 19 years old")[0][3] == "age"
    # "loans over three years" spreads them across three years; "for over ten years" is more.
    assert read("110 billion euros in loans over three years")[1] == ("three years", 3.0, 3.0, "duration")
    assert read("jailed for over ten years")[0][:2] == ("over ten years", 10.0)


def test_a_share_in_tenths_may_be_cut_or_rounded():
    from comparison.numbers import extract_quantities

    (q,) = extract_quantities("城镇人口占比达六成三。")
    assert (q.low, q.high, q.percent) == (62.5, 64.0, True)  # 63.89% is 六成三 too
    (q,) = extract_quantities("七成受访者支持。")
    assert (q.low, q.high) == (65.0, 75.0)


def test_clock_times_in_tokenized_english_are_no_counts():
    from comparison.numbers_en import extract_quantities_en

    text = ("Police said , at around 4 . 30am on Monday , four men rammed the window . A magnitude 5 . 9 quake "
            "hit at 10 : 15 p . m . local time , killing 12 people . It cost 2 million euros , a source said . ")
    assert [q.text for q in extract_quantities_en(text)] == ["four", "5 . 9", "12", "2 million euros"]


def test_a_magnitude_written_before_its_number():
    from comparison.numbers import extract_quantities

    (q,) = extract_quantities("昨晚觀測到規模7.3強震。")
    assert (q.low, q.dimension) == (7.3, "magnitude")
    assert extract_quantities("规模庞大的100人")[0].dimension == "count"


def test_review_cases_of_durations_and_clock_minutes():
    from comparison.numbers import extract_quantities
    from comparison.numbers_en import extract_quantities_en

    assert [(q.text, q.low) for q in extract_quantities("法院判处他1年3个月有期徒刑。")] == [("1年3个月", 15.0)]
    assert not [q for q in extract_quantities("连续3天半夜出动，10年半导体") if q.low % 1]  # no half there
    assert not extract_quantities("他在21年来到北京")  # came in '21: no count of years
    # A count after a colon is a count; two digits after an hour's colon before p.m./GMT are minutes.
    assert [q.text for q in extract_quantities_en("SRINAGAR, Jun 21: 12 militants were killed")] == ["21", "12"]
    assert [q.text for q in extract_quantities_en("Update 2: 50 people were killed")] == ["2", "50"]
    assert [q.text for q in extract_quantities_en("at about 12 : 00 GMT on Thursday , 12 killed")] == ["12"]


def test_review_cases_of_days_and_times():
    from comparison.extract import extract_dates
    from comparison.slots import extract_clock_times

    published = datetime(2021, 7, 8, 4, 0)
    assert [d.text for d in extract_dates("警方发言人说：“昨天有30人死亡。”", published)] == ["昨天"]
    assert [d.text for d in extract_dates("他说：“今天凌晨发生了爆炸”", published)] == ["今天"]
    for text in ("The explosion was at 4 pm on Monday", "in Las Vegas at 10 pm"):
        assert len(extract_clock_times(text, text, True)) == 1, text
    assert not extract_clock_times("as of 4 pm, 12 dead", "as of 4 pm, 12 dead", True)


def test_a_code_written_apart_from_its_number_is_no_count():
    from comparison.numbers import extract_quantities

    assert [q.text for q in extract_quantities("这架遇难的SJY 182航班载有62人。")] == ["62人"]
    assert [q.text for q in extract_quantities("MH 370客机载有239人")] == ["239人"]


def test_aged_years_is_an_age_and_as_of_reads_past_pm():
    from comparison.extract import extract_all
    from comparison.numbers_en import extract_quantities_en

    assert [q.dimension for q in extract_quantities_en("the victim, aged 25 years, died")] == ["age"]
    assert [q.dimension for q in extract_quantities_en("jailed for 25 years")] == ["duration"]
    facts = extract_all("As of 4 p.m. Monday, 12 people had died.", datetime(2021, 7, 8, 12), "en")
    assert [(d.text, d.since) for d in facts.dates] == [("Monday", True)]


def test_percentage_points_and_fractions_of_a_measure():
    """个百分点 / "percentage points" measure a difference of percentages (their own dimension);
    a fraction of a measure (0.5公里) is a figure, one of a thing (一名官员) is not."""
    from comparison.numbers_en import extract_quantities_en

    [q] = extract_quantities("城镇人口比重上升14.21个百分点。")
    assert (q.text, q.dimension, q.low) == ("14.21个百分点", "percentage points", 14.21)
    [q] = extract_quantities("央行下调存款准备金率0.5个百分点。")
    assert (q.text, q.dimension) == ("0.5个百分点", "percentage points")
    assert [q.text for q in extract_quantities("距离只有0.5公里。")] == ["0.5公里"]
    assert extract_quantities("一名官员说。") == [] and extract_quantities("一个月后。") == []
    [q] = extract_quantities_en("Unemployment rose 0.5 percentage points.")
    assert q.dimension == "percentage points"


def test_a_half_that_starts_the_next_word_leaves_the_whole_units():
    assert [(q.text, q.low) for q in extract_quantities("连续3天半夜出动。")] == [("3天", 3.0)]
    assert extract_quantities("10年半导体") == []


def test_this_week_and_parts_of_this_or_last_month_are_spans():
    """本周, 本月初, 上个月底 and 本月12日 are read against the publication day (Thursday
    8 July 2021); 本周末 is the coming weekend, 上周末 the weekend of last week."""
    thursday = datetime(2021, 7, 8, tzinfo=UTC)

    def days(text):
        from comparison.extract import extract_all

        return [(d.text, d.value, d.value if d.last is None else d.last) for d in extract_all(text, thursday, "zh").dates]

    assert days("本周") == [("本周", date(2021, 7, 5), date(2021, 7, 11))]
    assert days("本月初") == [("本月初", date(2021, 7, 1), date(2021, 7, 10))]
    assert days("上个月底") == [("上个月底", date(2021, 6, 21), date(2021, 6, 30))]
    assert days("本月12日") == [("本月12日", date(2021, 7, 12), date(2021, 7, 12))]
    assert days("本月早些时候") == [] and days("近日") == []  # too vague to pin a claim
    assert days("本周末") == [("本周末", date(2021, 7, 10), date(2021, 7, 11))]
    assert days("上周末") == [("上周末", date(2021, 7, 3), date(2021, 7, 4))]
    assert days("本周三") == [("本周三", date(2021, 7, 7), date(2021, 7, 7))]


def test_words_that_only_start_with_this_week_and_other_weekends():
    from comparison.extract import extract_all

    def days(text, day):
        return [(d.text, d.value, d.last) for d in extract_all(text, datetime(2021, 7, day, tzinfo=UTC), "zh").dates]

    for word in ("这周围的居民", "本周期内", "本周刊记者", "本周年纪念", "当月底开业"):
        assert days(word, 8) == [], word
    assert days("下周末", 5) == [("下周末", date(2021, 7, 17), date(2021, 7, 18))]
    assert days("上个周末", 10) == [("上个周末", date(2021, 7, 3), date(2021, 7, 4))]
    assert days("上周末", 11) == [("上周末", date(2021, 7, 3), date(2021, 7, 4))]
    assert days("本周末", 11) == [("本周末", date(2021, 7, 10), date(2021, 7, 11))]


def test_passing_a_total_is_more_than_it():
    [q] = extract_quantities("国内生产总值突破100万亿元大关。")
    assert q.low == 1e14 and q.high > 1e14
    assert [q.text for q in extract_quantities("超市里有3人。")] == ["3人"]


def test_passing_is_read_only_before_a_large_figure_and_a_name_ending_in_chao_is_no_qualifier():
    assert [(q.text, q.low, q.high) for q in extract_quantities("中锋马超20岁。")] == [("20岁", 20.0, 20.0)]
    assert all(q.low == q.high for q in extract_quantities("部队突破3道防线。"))
    [q] = extract_quantities("人口突破百万。")
    assert q.low == 1e6 and q.high > 1e6


def test_a_range_with_a_bare_first_figure_takes_the_second_ones_unit():
    [q] = extract_quantities("学生年龄在7至16岁之间。")
    assert (q.low, q.high, q.dimension, q.span) == (7.0, 16.0, "age", True)
    [q] = extract_quantities("距离约3至5公里。")
    assert q.dimension == "length" and q.high == 5.5  # 约 widens the whole span (test_comparison_approximate_spans)


def test_a_span_of_ages_is_compared_only_with_another_span():
    from comparison import compare
    from tests.comparison_helpers import article

    a = article("aa", "Outlet A", "火灾造成18名学生死亡，学生年龄在7岁至16岁之间。", language="zh")
    b = article("ab", "Outlet B", "火灾造成18名学生死亡，其中一名9岁男孩。", language="zh")
    assert not [f for f in compare([a, b], use_dense=False).findings
                if f.kind in ("precision", "contradiction") and "岁" in f.why]


def test_a_transliterated_name_the_recogniser_cuts_short_is_read_whole():
    # LAC reads 总理内 | 塔尼亚 | 胡说 (胡说 is a word); jieba's general dictionary knows the name.
    from comparison.extract import extract_entities

    people = [e.text for e in extract_entities("以色列总理内塔尼亚胡说，这是一场重大灾难。") if e.kind == "PER"]
    assert people == ["内塔尼亚胡"]
    # A name the recogniser reads whole stays as it is; the repair never reaches into a place before it.
    assert [e.text for e in extract_entities("美国国务卿布林肯说") if e.kind == "PER"] == ["布林肯"]
    assert [(e.text, e.kind) for e in extract_entities("以色列总理内塔尼亚胡表示")][0] == ("以色列", "LOC")
    # The dictionary also lists 由李强, 赖斯说 and 和保罗: a name never takes in the sentence's words.
    for text, name in (("会议由李强主持。", "李强"), ("美国国务卿赖斯说，双方同意。", "赖斯"), ("特朗普和保罗会面。", "保罗")):
        assert name in [e.text for e in extract_entities(text) if e.kind == "PER"]


def test_a_qualifier_that_ends_another_word_is_no_qualifier():
    def read(text):
        return [(q.text, q.low, q.high) for q in extract_quantities(text)]

    assert read("附近多位居民表示") == [("多位", 2, math.inf)]  # "nearby", not "nearly"
    assert read("签约3名球员") == [("3名", 3.0, 3.0)]  # "signed", not "about"
    assert read("近200人死亡") == [("近200人", 170.0, 200.0)]
    assert read("约3名球员")[0][0] == "约3名"


def test_a_name_in_quotation_marks_before_its_verb_is_no_quotation():
    from comparison.extract import extract_quotes

    assert extract_quotes("微信公众号“苏州发布”今天发布消息说，被困人员总数应为23名。") == []
    said = extract_quotes("“我们不会退让，”他说。")
    assert [q.text for q in said] == ["“我们不会退让，”"]
    assert [q.text for q in extract_quotes("“绝不可能”，外交部发言人说。")] == ["“绝不可能”"]


def test_approaching_keeps_nearly_and_new_york_is_no_about():
    def read(text):
        return [(q.text, q.low, q.high) for q in extract_quantities(text)]

    assert read("逼近100万人") == [("近100万人", 850000.0, 1000000.0)]
    assert read("周日纽约5万人上街") == [("5万人", 50000.0, 50000.0)]


def test_a_short_quotation_before_its_speaker_stays_a_quotation():
    from comparison.extract import extract_quotes

    assert [q.speaker for q in extract_quotes("“我们不会退让”他说。")] == ["unnamed (他)"]
    assert [q.speaker for q in extract_quotes("“绝不接受”外交部发言人汪文斌说。")] == ["外交部发言人汪文斌"]
    assert extract_quotes("据“中国消防”通报，坍塌建筑为三层钢混结构。") == []


def test_a_clock_times_am_before_its_time_zone_ends_no_sentence():
    from hypothesis import given
    from hypothesis import strategies as st

    from comparison.lexicons.timewords import TIME_ZONES
    from comparison.text import split_sentences

    text = "The ferry sank at 06:10 a.m. GMT (2:10 a.m. EDT), the coastguard said. Divers went down."
    assert [s.text for s in split_sentences(text, "en")] == [
        "The ferry sank at 06:10 a.m. GMT (2:10 a.m. EDT), the coastguard said.", "Divers went down."]
    assert len(split_sentences("They met at 9 a.m. Officials said so.", "en")) == 2

    @given(st.integers(min_value=1, max_value=12), st.sampled_from(["a.m.", "p.m."]), st.sampled_from(TIME_ZONES))
    def check(hour, half, zone):
        sentences = split_sentences(f"The vote closed at {hour} {half} {zone} on Friday. Counting began.", "en")
        assert [s.text for s in sentences][-1] == "Counting began."
        assert len(sentences) == 2

    check()
