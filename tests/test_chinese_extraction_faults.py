"""Chinese extraction faults of session 41 (helper h41b), each on made-up sentences: voices
cited in one list, vague counts with any measure word, the vague word's exact span, a period
after a figure taking over the statement's day, and a qualified thing (核心X, 其他X) measured."""

from __future__ import annotations

from datetime import UTC, datetime

from comparison import compare
from comparison.extract import extract_all, extract_sources
from comparison.slots import extract_attributions
from comparison.text import to_simplified
from tests.comparison_helpers import article, of_type

PUBLISHED = datetime(2023, 9, 14, 6, 0, tzinfo=UTC)


def _voices(text: str) -> list[tuple[str, str, str]]:
    return [(text[a.start:a.end], a.kind, a.who) for a in extract_attributions(text, to_simplified(text), False)]


def test_every_agency_of_a_cited_list_is_a_voice_with_its_own_span():
    assert _voices("综合法新社和塔斯社报道，山火烧毁了一片林地。") == [
        ("法新社", "agency", "法新社"), ("塔斯社", "agency", "塔斯社")]
    assert _voices("据中新社、路透社报道，大桥已经合龙。") == [
        ("中新社", "agency", "中新社"), ("路透社", "agency", "路透社")]
    assert _voices("卫生部与教育部表示，学校将延期开学。") == [
        ("卫生部", "official", "卫生部"), ("教育部", "official", "教育部")]
    # a joiner inside a word, or a conjunct naming no voice, splits nothing
    assert [v[0] for v in _voices("中华人民共和国商务部表示，谈判仍在进行。")] == ["中华人民共和国商务部"]
    assert [v[0] for v in _voices("日本和韩国官员表示，谈判仍在进行。")] == ["日本和韩国官员"]
    # a conjunct not ending in a voice's head is part of one name (a bureau of two portfolios)
    assert [v[0] for v in _voices("市政府规划与建设局局长表示，博物馆下月重开。")] == ["市政府规划与建设局局长"]


def test_a_joiner_inside_a_name_leaves_the_lists_other_joiners():
    """和 inside 共和国 joins nothing, but a list holding such a name is still a list at its other
    joiners: 中华人民共和国商务部和财政部 is two voices (was one, named by the whole run)."""
    voices = _voices("中华人民共和国商务部和财政部周一表示，将加强合作。")
    assert [v[0] for v in voices] == ["中华人民共和国商务部", "财政部"], voices
    assert [v[0] for v in _voices("中华人民共和国商务部周一表示，将加强合作。")] == ["中华人民共和国商务部"]


def test_every_agency_of_a_list_before_report_is_cited():
    text = "塔斯社和法新社报道，山火烧毁了一片林地。"
    assert [(s.text, s.start) for s in extract_sources(text)] == [("塔斯社", 0), ("法新社", 4)]
    assert [s.text for s in extract_sources("他拒绝了塔斯社的采访，法新社未获回应。")] == []


def test_a_voice_cited_with_others_is_no_other_voice():
    # (agencies are kept apart by the agency's relay rule; offices by the list they share)
    a = article("la", "Outlet A", "卫生部与教育部表示，山火烧毁了40栋木屋。", language="zh")
    b = article("lb", "Outlet B", "教育部表示，山火烧毁了40栋木屋。", language="zh")
    assert of_type(compare([a, b], use_dense=False), "attribution") == []
    c = article("lc", "Outlet C", "交通部表示，山火烧毁了40栋木屋。", language="zh")
    assert [f.kind for f in of_type(compare([a, c], use_dense=False), "attribution")] == ["framing"]


def _figures(text: str) -> list[tuple[str, float, float, str]]:
    facts = extract_all(text, PUBLISHED)
    for q in facts.quantities:
        assert text[q.start:q.end] == q.text
    return [(q.text, q.low, q.high, q.counted) for q in facts.quantities]


def test_a_vague_numeral_counts_with_any_counting_measure_word():
    inf = float("inf")
    assert _figures("山洪冲毁多间民房，多座桥梁和多辆货车受损。") == [
        ("多间", 2, inf, "民房"), ("多座", 2, inf, "桥梁"), ("多辆", 2, inf, "货车")]
    assert _figures("港口停泊的数艘货轮和若干架直升机被毁。") == [("数艘", 2, 9, "货轮"), ("若干架", 2, inf, "直升机")]
    # not before a measure of time or of times, nor 国 (multinational)
    assert _figures("他多次呼吁撤军，多年来多国部队的损失增长了数倍。") == []
    # nor where the measure word opens another word (多起来: become more; 多批评: criticise more)
    assert _figures("游客渐渐多起来，商家希望少些多批评。") == []


def test_a_vague_numeral_word_keeps_its_whole_span():
    assert _figures("广场上很多名示威者和许多人在围观。")[:2] == [
        ("很多名", 2, float("inf"), "示威者"), ("许多", 2, float("inf"), "人")]
    a = article("va", "Outlet A", "化工厂爆炸造成许多人受伤。", language="zh")
    b = article("vb", "Outlet B", "化工厂爆炸造成45人受伤。", language="zh")
    comparison = compare([a, b], use_dense=False)
    found = of_type(comparison, "number")
    assert [f.kind for f in found] == ["precision"]
    assert "许多" in found[0].why and "多人" not in found[0].why.replace("许多人", "")
    assert [s.text for s in found[0].spans] == ["许多人", "45人"]


def _number_why(first: str, second: str) -> str:
    a = article("pa", "Outlet A", first, language="zh", published=PUBLISHED)
    b = article("pb", "Outlet B", second, language="zh", published=PUBLISHED)
    found = of_type(compare([a, b], use_dense=False), "number")
    assert len(found) == 1, [f.why for f in found]
    return found[0].why


def test_a_period_named_for_a_figure_takes_over_the_statements_day():
    other = "渔业局表示，共有75艘渔船沉没。"
    for first in ("渔业局局长9日说，上半年共有60艘渔船沉没。",  # before the figure, its own clause
                  "渔业局局长9日说，共有60艘渔船在前三季度沉没。",  # right after it
                  "渔业局局长9日说，今年以来，共有60艘渔船沉没。",  # a clause of its own between
                  "渔业局局长9日说，过去两周共有60艘渔船沉没。"):
        assert "9 Sep" not in _number_why(first, other), first
    # no period: the statement's day is the count's as-of day, as before
    assert " for Saturday 9 Sep" in _number_why("渔业局局长9日说，共有60艘渔船沉没。", other)
    # a day named in the figure's own clause stays its day
    assert " for Saturday 9 Sep" in _number_why("渔业局说，上半年的统计显示，9日有60艘渔船沉没。", other)


def test_names_a_period_reads_periods_not_days_or_offices():
    from comparison.subjects import names_a_period

    for words in ("下半年", "全年", "第二季度", "前4个月", "年初以来", "近两周", "最近三个月", "过去48小时"):
        assert names_a_period(words, 0, len(words)), words
    for words in ("前天", "近日", "目前", "前两天", "前任局长", "过去的做法", "3年前"):
        assert not names_a_period(words, 0, len(words)), words


def test_a_year_of_a_grade_or_an_age_or_inside_a_word_is_no_period():
    """年 of 年级 (a school grade) or 年龄 (an age), and 年内 across two words (青年|内部), name no
    period: the statement's day stays the figure's (a period word had cancelled it)."""
    from comparison.subjects import names_a_period

    for words in ("全年级学生", "全年龄段", "青年内部"):
        assert not names_a_period(words, 0, len(words)), words
    for words in ("全年", "年内完成", "此前两周"):  # still periods
        assert names_a_period(words, 0, len(words)), words
    other = "教育局表示，共有75名学生获奖。"
    assert " for Saturday 9 Sep" in _number_why("教育局局长9日说，全年级共有60名学生获奖。", other)


def _agreed_statements(first: list[str], second: list[str]) -> list[list[str]]:
    a = article("qa", "Outlet A", *first, language="zh", published=PUBLISHED)
    b = article("qb", "Outlet B", *second, language="zh", published=PUBLISHED)
    return [[s.text for s in f.spans] for f in of_type(compare([a, b], use_dense=False), "statement", "agree")]


def test_a_share_of_a_qualified_thing_pairs_no_sentence_of_another_thing():
    first = ["统计部门周三公布了上月的物价数据。", "扣除食品和能源的核心物价指数同比上涨2.3%，涨幅与上月持平。",
             "食品价格同比下降1.2%。"]
    second = ["统计部门公布上月物价数据。", "食品价格下降1.2%，服装价格上涨0.5%。", "其他用品和服务价格上涨2.3%。"]
    paired = _agreed_statements(first, second)
    assert [first[2], second[1]] in paired  # one thing, one value: still one statement
    assert not any(first[1] in spans for spans in paired), paired  # 核心… vs 其他…: two things
    # the qualified thing against itself still pairs
    same = ["统计部门公布上月物价数据。", "核心物价指数上涨2.3%。", "食品价格下降1.2%，服装价格上涨0.5%。"]
    assert [first[1], same[1]] in _agreed_statements(first, same)


def test_thing_qualifiers_are_restrictive_modifiers_opening_words():
    from comparison.subjects import thing_qualifiers

    assert thing_qualifiers("核心cpi|up") == "核心"
    assert thing_qualifiers("其他用品及服务价格|down") == "其他"
    assert thing_qualifiers("非食品价格|up") == thing_qualifiers("扣除能源的非食品价格|up") == "非"
    assert thing_qualifiers("南非出口|up") == thing_qualifiers("非洲猪肉价格|down") == thing_qualifiers("cpi|up") == ""


def test_a_list_of_voices_is_looked_up_around_the_voice_not_scanned():
    from comparison.slots import MAX_LISTED_VOICES, Attribution, listed_together

    class CountingList(list):
        reads = 0

        def __getitem__(self, k):
            CountingList.reads += 1
            return super().__getitem__(k)

        def __iter__(self):
            CountingList.reads += len(self)
            return super().__iter__()

    n = 5000  # a hostile text: 5,000 agencies in one list
    simple = "、".join(["新华社"] * n)
    voices = CountingList(Attribution(4 * i, 4 * i + 3, "新华社", "agency", "新华社") for i in range(n))
    middle = voices[n // 2]
    CountingList.reads = 0
    found = listed_together(simple, voices, middle)
    assert len(found) == 2 * MAX_LISTED_VOICES + 1 and middle in found
    assert CountingList.reads < 200, CountingList.reads  # bisection and the neighbours, not a scan
