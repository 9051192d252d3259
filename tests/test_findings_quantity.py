"""comparison.findings.quantity: figures of the same category, event and unit dimension."""

from comparison import compare
from tests.comparison_helpers import article, of_type


def _numbers(*texts_a_b):
    a = article("qa", "Outlet A", texts_a_b[0])
    b = article("qb", "Outlet B", texts_a_b[1])
    return of_type(compare([a, b], use_dense=False), "number")


def test_vaguer_figure_is_precision_and_other_count_a_contradiction():
    found = _numbers("At least three people were killed in the fire.", "Three people were killed in the fire.")
    assert [f.kind for f in found] == ["precision"]
    found = _numbers("Police said 12 people were injured in the clashes.",
                     "Police said 18 people had been injured in the clashes.")
    assert [f.kind for f in found] == ["contradiction"]


def test_units_are_converted_before_comparing():
    found = _numbers("The town lies 40 miles north of Kabul.", "The town lies 64 km north of Kabul.")
    assert [f.kind for f in found] == ["agree"]


def test_counts_of_different_events_are_not_compared():
    found = _numbers("Police arrested 20 protesters on Monday.", "Five people were killed on Monday.")
    assert not [f for f in found if f.kind != "unique"]


def test_two_vague_readings_of_one_range_agree():
    """数千 and 数以千计 (thousands) are one reading in other words; several hundred vs
    hundreds to thousands is not (the narrower covers little of the wider)."""
    found = _numbers("周日数千名民众走上街头抗议。", "周日数以千计的民众走上街头抗议。")
    assert "precision" not in [f.kind for f in found]
    found = _numbers("Several hundred prisoners escaped from the jail on Sunday.",
                     "Hundreds to thousands of prisoners escaped from the jail on Sunday.")
    assert [f.kind for f in found if f.kind != "unique"] == ["precision"]


def test_about_a_round_figure_is_as_vague_as_the_round_figure():
    """"about 1,000" and "1,000" (a round count, read as rounded) both say about a thousand;
    "about 40 km" vs "40 km" stays a precision difference (40 is read exactly)."""
    found = _numbers("About 1,000 police officers joined the search on Wednesday.",
                     "1,000 police officers joined the search on Wednesday.")
    assert [f.kind for f in found if f.kind != "unique"] == ["agree"]
    found = _numbers("The camp lies about 40 km north of the city.", "The camp lies 40 km north of the city.")
    assert [f.kind for f in found if f.kind != "unique"] == ["precision"]


def test_a_weekday_numeral_is_no_part_of_the_figure_after_it():
    from comparison.numbers import extract_quantities

    assert [(q.text, q.low) for q in extract_quantities("周三千名警员参与搜捕。")] == [("千名", 1000)]
    assert [(q.text, q.low) for q in extract_quantities("每周三千人次。")] == [("三千人", 3000)]


def test_an_age_groups_bound_is_no_figure():
    from comparison.numbers import extract_quantities

    assert [q.text for q in extract_quantities("65岁以上人口占13.5%")] == ["13.5%"]
    assert [q.text for q in extract_quantities("60岁及以上人口为2.6亿")] == ["2.6亿"]
    assert [q.text for q in extract_quantities("死者年龄为65岁")] == ["65岁"]


def test_clock_times_are_no_figures():
    """10:30, 0130GMT and 1400 GMT are times of day, not counts."""
    from comparison.numbers import extract_quantities
    from comparison.numbers_en import extract_quantities_en

    assert [q.text for q in extract_quantities("滑坡发生于上午10:30(0130GMT)左右，130栋房屋受损。")] == ["130栋"]
    assert [q.text for q in extract_quantities_en("At 1400 GMT, 200 people had left.")] == ["200"]


def test_a_bare_figure_in_brackets_after_a_measure_is_a_conversion():
    """"10 billion euros (8.5 billion pounds)": "pounds" is not read (weight or money?); the
    bracketed figure is the same sum converted, not a count to set against other figures."""
    from comparison.numbers_en import extract_quantities_en
    from comparison.subjects import is_conversion

    text = "The fund holds 10 billion euros (8.5 billion pounds)."
    money, gloss = extract_quantities_en(text)
    assert is_conversion(money, gloss, text)
    text = "Three people were killed (two of them children)."
    people, children = extract_quantities_en(text)
    assert not is_conversion(people, children, text)


def test_a_counts_breakdown_is_compared_only_with_breakdowns():
    """"three bank workers - two women and a man -": the two is a part of the three, not
    another count of the dead."""
    found = _numbers("Three bank workers were killed in the fire on Wednesday.",
                     "The three bank workers - two women and a man - were killed in the fire on Wednesday.")
    assert "contradiction" not in [f.kind for f in found]


def test_figures_of_an_earlier_happening_are_compared_only_with_that_day():
    """A report of today's blast that recounts a bombing months before (comparison.background):
    the earlier bombing's toll is no count of today's dead; the same earlier day in two
    outlets is still one fact."""
    found = _numbers("A bomb killed 13 people in the city today.",
                     "A bomb killed 13 people in the city today. On March 2, a car bomb killed at least 4 "
                     "people in another city.")
    assert "contradiction" not in [f.kind for f in found]
    found = _numbers("今天，该市一辆巴士发生爆炸，造成13人死亡。",
                     "3月2日，该国一家酒店发生汽车炸弹袭击，造成至少4人死亡。")
    assert "contradiction" not in [f.kind for f in found]
    found = _numbers("On March 2, a car bomb killed 4 people in the city.",
                     "On March 2, a car bomb killed 6 people in the city.")
    assert "contradiction" in [f.kind for f in found]


def test_a_happening_dated_to_a_month_long_past_is_an_earlier_one():
    """去年3月 (a month that ended over a week before publication) dates an earlier happening as a
    day does; a statistic of a past period (2020年的GDP, released weeks later) is the story's own."""
    from comparison.docs import build_docs
    from tests.comparison_helpers import article

    def background(text):
        doc = build_docs([article("e", "Outlet", text, language="zh")])[0]
        return {q.text: s.background for q, s in zip(doc.facts.quantities, doc.subjects, strict=True)}

    assert background("今天，该市一家酒店倒塌，造成8人死亡。去年3月，另一座城市的一家酒店倒塌，造成29人死亡。") == {
        "8人": False, "29人": True}
    assert background("2016年，一辆卡车冲入人群，造成86人死亡。") == {"86人": True}
    assert background("本月3日，该市一家酒店倒塌，造成8人死亡。") == {"8人": False}
    assert background("统计局今天公布，2020年国内生产总值为101.5986万亿元。") == {"101.5986万亿元": False}
    # A second reviewer's cases: a period that describes a thing, a start, a running total's
    # beginning, or last month's tally (news for weeks after it ends) dates no earlier happening.
    assert background("这座建于1990年的大楼倒塌，造成8人死亡。") == {"8人": False}
    assert background("这是2015年以来最严重的袭击，造成8人死亡。") == {"8人": False}
    assert background("2019年12月，新冠疫情在武汉爆发，迄今已造成400人死亡。") == {"400人": False}
    assert background("6月份，警方共逮捕了300名嫌犯。") == {"300名": False}
    # The second review's: the period must open its clause and stand nearest the figure.
    assert background("2015年，他当选议员；这次袭击造成8人死亡。") == {"8人": False}
    assert background("挺过3波疫情大流行的2020年，该国的病例增加了300例。")["300例"] is False
    assert background("早在2016年，一辆卡车冲入人群，造成86人死亡。") == {"86人": True}
    assert background("而在2019年，一栋商业大楼在装修期间倒塌，10人死亡。") == {"10人": True}


def test_an_english_happening_dated_to_a_month_long_past_is_an_earlier_one():
    from comparison.docs import build_docs
    from tests.comparison_helpers import article

    def background(text):
        doc = build_docs([article("e", "Outlet", text)])[0]
        return {q.text: s.background for q, s in zip(doc.facts.quantities, doc.subjects, strict=True)}

    assert background("In March 2020, a car bomb killed 40 people in the city.") == {"40": True}
    assert background("In March 2020, the virus arrived and has killed 400 people so far.") == {"400": False}


def test_an_event_word_belongs_to_the_figure_it_sits_beside():
    """至少4人死亡12人受伤: 死亡 is the 4's, 受伤 the 12's; an English verb before its object
    ("and killing 10 people") is the object's, not the figure before it."""
    from comparison.docs import build_docs
    from tests.comparison_helpers import article

    def events(text, language="en"):
        doc = build_docs([article("e", "Outlet", text, language=language)])[0]
        return {q.text: sorted(s.events) for q, s in zip(doc.facts.quantities, doc.subjects, strict=True)}

    assert events("一家酒店发生爆炸，造成至少4人死亡12人受伤。", "zh") == {"至少4人": ["killed"], "12人": ["injured"]}
    assert events("The blast left 10 people killed and 80 injured.") == {"10": ["killed"], "80": ["injured"]}
    assert "killed" not in events("The quake hit, flattening seven villages and killing at least 10 people.")["seven"]


def test_a_modifier_before_a_word_for_people_is_no_counted_category():
    """九名中国公民 counts citizens, not countries (国 only modifies 公民)."""
    from comparison.docs import build_docs
    from tests.comparison_helpers import article

    doc = build_docs([article("m", "Outlet", "事件造成多人死亡，另有九名中国公民受伤，28国表示慰问。", language="zh")])[0]
    family = {q.text: s.family for q, s in zip(doc.facts.quantities, doc.subjects, strict=True)}
    assert family["九名"] == "" and family["28国"] == "countries"


def test_a_partitive_count_is_a_part_of_the_same_event_not_another_count_of_the_whole():
    """13人死亡，其中包括九名中国公民: nine killed, a part of the 13; compared with another
    outlet's part (six), never with its whole (13)."""
    found = _numbers("巴士爆炸造成13人死亡，其中包括九名中国公民。", "巴士爆炸造成13人死亡，其中包括六名中国公民。")
    assert [f.kind for f in found if f.kind != "unique"].count("contradiction") == 1
    found = _numbers("The bus blast killed 13 people, including nine Chinese engineers.",
                     "The bus blast killed 13 people.")
    assert "contradiction" not in [f.kind for f in found]


def test_a_part_is_not_set_against_another_outlets_whole_and_an_english_participle_is_its_figures():
    """Review fixes: 九名 (a part of 13) vs 12人 (another outlet's whole) is no fact pair; "killed 3
    people, injuring 12": injuring is the 12's."""
    from comparison.docs import build_docs
    from tests.comparison_helpers import article

    found = _numbers("巴士爆炸造成13人死亡，其中包括九名中国公民。", "巴士爆炸造成12人死亡。")
    assert not [f for f in found if f.kind != "unique" and "九名" in f.why]
    doc = build_docs([article("p", "Outlet", "The attack killed 3 people, injuring 12.")])[0]
    assert {q.text: sorted(s.events) for q, s in zip(doc.facts.quantities, doc.subjects, strict=True)} == {
        "3": ["killed"], "12": ["injured"]}


def test_the_same_figure_of_people_named_otherwise_is_framing():
    found = _numbers("Nine Chinese workers were killed in the blast.", "Nine Chinese citizens were killed in the blast.")
    assert [f.kind for f in found] == ["framing"]
    assert "Chinese workers vs Chinese citizens" in found[0].why
    # Words the category lexicon files as one kind (soldiers, guards) are no rewording.
    found = _numbers("Two soldiers were killed in the blast.", "Two guards were killed in the blast.")
    assert [f.kind for f in found] == ["agree"]


def test_counted_words_that_are_no_rewording():
    from comparison.findings.quantity import counted_wording
    from comparison.numbers import Quantity

    def q(counted: str) -> Quantity:
        return Quantity(0, 2, "两名", 2, 2, False, "名", counted, 2, 2 + len(counted))

    assert counted_wording(q("中国工人"), q("中国公民")) == "中国工人 vs 中国公民"
    assert counted_wording(q("士兵"), q("巴基斯坦士兵")) == ""  # one inside the other: vaguer
    assert counted_wording(q("涉嫌暗杀海地总统"), q("嫌疑人")) == ""  # no word for people
    assert counted_wording(q("人员"), q("士兵")) == ""  # too plain to be another name


def test_the_place_of_a_wire_dateline_is_no_place_of_the_claim():
    from comparison.compare import build_context

    a = article("qa", "Outlet A", "（中央社記者楊明珠東京14日專電）日本福島外海昨晚觀測到規模7.3強震，已知有152人受傷。", language="zh")
    b = article("qb", "Outlet B", "当地时间13日晚，日本福岛东部海域发生7.3级以上强震，共有152人受伤。", language="zh")
    docs, _ctx, _ = build_context([a, b], None)
    assert not any("东京" in s.where for s in docs[0].subjects)


def test_synonyms_for_the_same_people_are_no_rewording():
    found = _numbers("Thirteen US service members were killed in the blast.", "Thirteen US troops were killed in the blast.")
    assert [f.kind for f in found] == ["agree"]
    from comparison.findings.quantity import counted_wording
    from comparison.numbers import Quantity

    def q(counted: str) -> Quantity:
        return Quantity(0, 2, "两名", 2, 2, False, "名", counted, 2, 2 + len(counted))

    assert counted_wording(q("死者"), q("遇难者")) == ""  # ending alike: no word of its own
    assert counted_wording(q("中国籍员工"), q("中国雇员")) == ""


def test_a_dateline_pattern_inside_body_text_keeps_its_place():
    from comparison.docs import _DATELINE_ZH_RE

    assert not _DATELINE_ZH_RE.search("合作社在河南郑州11日电商平台上架")
    assert _DATELINE_ZH_RE.search("新华社北京7月7日电 今天")


def test_grades_of_injury_are_facts_of_their_own():
    """6人重伤 vs 4人重伤 contradict; 16人受伤 (all injured) and 12人轻伤 (lightly injured) are no
    count of the seriously injured."""
    from comparison import compare
    from tests.comparison_helpers import article

    a = article("ia", "Outlet A", "火灾造成18人死亡，六人重伤、10人轻伤。", language="zh")
    b = article("ib", "Outlet B", "火灾造成18人死亡、16人受伤，其中4人重伤、12人轻伤。", language="zh")
    found = [f for f in compare([a, b], use_dense=False).findings if f.kind == "contradiction"]
    pairs = {(f.why.split("vs")[0].split(":")[-1].strip(), f.why.split("vs")[1].split(":")[-1].strip()) for f in found}
    assert any("六人" in f.why and "4人" in f.why for f in found), pairs
    assert not any("16人" in f.why and ("六人" in f.why or "10人" in f.why) for f in found), pairs


def test_one_value_written_with_other_digits_agrees_and_about_n_stays_vaguer():
    from comparison import compare
    from tests.comparison_helpers import article

    def kinds(x, y):
        a = article("wa", "Outlet A", x, language="zh")
        b = article("wb", "Outlet B", y, language="zh")
        return {f.kind for f in compare([a, b], use_dense=False).findings if f.fact_type == "number"}

    assert kinds("中国去年出口总额32.1557万亿人民币。", "中国去年出口总额321557亿元。") == {"agree"}
    assert kinds("事故造成约53人死亡。", "事故造成53人死亡。") == {"precision"}
    assert kinds("人口为14.1亿。", "人口为14亿1178万。") == {"precision"}


def test_injury_grades_read_inside_longer_words_and_critical_is_no_grade_of_its_own():
    from comparison import compare
    from tests.comparison_helpers import article

    def contradictions(x, y):
        a = article("ga", "Outlet A", x, language="zh")
        b = article("gb", "Outlet B", y, language="zh")
        return [f for f in compare([a, b], use_dense=False).findings if f.kind == "contradiction"]

    assert contradictions("火灾造成18人死亡，重伤者4人。", "火灾造成18人死亡，伤者16人。") == []
    assert contradictions("火灾造成6人重伤。", "火灾造成2人伤势危重。") == []


def test_critical_injuries_are_a_grade_of_their_own():
    from comparison import compare
    from tests.comparison_helpers import article

    a = article("ca", "Outlet A", "事故造成6人重伤、2人伤势危重。", language="zh")
    b = article("cb", "Outlet B", "事故造成6人重伤、3人伤势危重。", language="zh")
    found = [f for f in compare([a, b], use_dense=False).findings if f.kind == "contradiction"]
    assert any("2人" in f.why and "3人" in f.why for f in found)
    assert not any("6人" in f.why and ("2人" in f.why or "3人" in f.why) for f in found)


def test_counts_of_one_unlisted_thing_are_compared():
    """A counted noun the category lexicon does not list ("smugglers", "kayaks") still anchors
    two counts of it: the same figure agrees instead of being each outlet's own fact, and another
    figure of the same noun and act is compared; counts of two unlisted nouns stay apart."""
    found = _numbers("The coastguard said it detained 14 smugglers near the harbour on Friday.",
                     "Fourteen smugglers were detained near the harbour on Friday, the coastguard said.")
    assert [f.kind for f in found] == ["agree"]
    found = _numbers("Rescuers found 14 kayaks on the lake.", "Rescuers found 14 canoes on the lake.")
    assert "agree" not in [f.kind for f in found]


def test_head_noun_reads_the_last_word_singular():
    from comparison.subjects import _head_noun

    assert _head_noun("heavily armed smugglers", True) == "smuggler"
    assert _head_noun("glass", True) == "glass"
    assert _head_noun("", True) == ""
    assert _head_noun("名走私者", False) == "名走私者"


def test_head_noun_never_fails_and_comes_from_the_phrase():
    from hypothesis import given
    from hypothesis import strategies as st

    from comparison.subjects import _head_noun

    @given(st.text(max_size=40), st.booleans())
    def check(phrase, english):
        head = _head_noun(phrase, english)
        assert not head or head.rstrip("s") in (phrase.lower() if english else phrase)

    check()


def test_ages_of_two_persons_are_not_compared():
    """Two people of a story: the passer-by who called the police and the victim. Their ages
    are two facts; two outlets' ages of one woman are still compared."""
    found = _numbers("A 41-year-old man who saw the car called the police.",
                     "A 58-year-old woman was found injured in the car park.")
    assert not [f for f in found if f.kind in ("contradiction", "agree", "precision")]
    found = _numbers("The suspect, 29-year-old Tomas Verhoek, was held on Sunday.",
                     "A 58-year-old woman was found injured in the car park on Sunday.")
    assert not [f for f in found if f.kind in ("contradiction", "agree", "precision")]
    found = _numbers("A 58-year-old woman was found injured in the car park on Sunday.",
                     "A 60-year-old woman was found injured in the car park on Sunday.")
    assert [f.kind for f in found if f.kind != "unique"] == ["contradiction"]


def test_the_person_after_an_age_is_read_without_function_words():
    from comparison.numbers_en import extract_quantities_en
    from comparison.subjects import _age_person

    def person(text):
        return [_age_person(text, q) for q in extract_quantities_en(text) if q.dimension == "age"]

    assert person("A 41-year-old man was held.") == ["man"]
    assert person("The 41-year-old was held.") == [""]
    assert person("Smith, 41, was held.") in ([], [""])


def test_the_first_run_of_a_series_is_no_total():
    """"her first 12 serves" is a part of a total ("40 of 52 serves"): no contradiction; two
    outlets' first runs are still compared."""
    found = _numbers("Kovac landed her first 12 serves and won in straight sets on Sunday.",
                     "Kovac landed 40 of 52 serves and won in straight sets on Sunday.")
    assert "contradiction" not in [f.kind for f in found]
    found = _numbers("Kovac landed her first 12 serves on Sunday.", "Kovac landed her first 14 serves on Sunday.")
    assert [f.kind for f in found if f.kind != "unique"] == ["contradiction"]


def test_speeds_are_their_own_dimension_and_converted():
    """"100 mph" and "miles an hour" are speeds (not lengths, not counts of "mph"), compared
    with speeds in km/h after conversion, never with a distance."""
    from comparison.numbers_en import extract_quantities_en

    read = [(q.dimension, q.low) for q in extract_quantities_en("The van reached 70 mph, then 90 miles an hour.")]
    assert read == [("speed", 70.0), ("speed", 90.0)]
    found = _numbers("Troopers chased the van at speeds of 100 mph on the highway.",
                     "Troopers chased the van at speeds of 161 km/h on the highway.")
    assert [f.kind for f in found if f.kind != "unique"] == ["agree"]
    found = _numbers("Troopers chased the van for 100 miles on the highway.",
                     "Troopers chased the van at 100 mph on the highway.")
    assert not [f for f in found if f.kind in ("contradiction", "agree", "precision")]


def test_parts_named_inside_baokuo_zainei_are_no_whole():
    """包括30男5女在内的35人: 30 men are a part of the 35 arrested, never set against another
    outlet's whole (35, or 32)."""
    found = _numbers("警方周三拘捕了包括30男5女在内的35人。", "警方周三拘捕了32人。")
    assert not [f for f in found if f.kind == "contradiction" and "30" in f.why]
    from comparison.numbers import extract_quantities
    from comparison.subjects import is_breakdown

    text = "警方拘捕包括30男5女在内的35人，另有3人受伤。"
    qs = extract_quantities(text)
    assert [(q.text, is_breakdown(qs[n - 1] if n else None, q, text)) for n, q in enumerate(qs)][:1] == [("30", True)]
    assert not any(is_breakdown(qs[n - 1] if n else None, q, text) for n, q in enumerate(qs) if q.text.startswith("35"))


def test_an_event_word_after_the_counted_noun_is_the_figures_own():
    """"killing one and leaving three others missing": the three are missing, not killed, so
    they are never set against another outlet's dead."""
    found = _numbers("The landslide struck on Monday, killing one and leaving three others missing.",
                     "The landslide on Monday left nine others dead, officials said.")
    assert "contradiction" not in [f.kind for f in found]
    found = _numbers("The landslide struck on Monday, leaving three others missing.",
                     "The landslide on Monday left three others missing, officials said.")
    assert [f.kind for f in found if f.kind != "unique"] == ["agree"]


def test_people_are_never_one_fact_with_things_nor_the_dead_with_the_injured():
    from comparison.subjects import Subject, other_casualties, people_and_things

    def subject(events=(), family="", generic=False):
        return Subject(family, "", "", frozenset(events), (), frozenset(), frozenset(), False, generic, "count",
                       False, False)

    assert other_casualties(subject({"killed"}), subject({"injured"}))
    assert other_casualties(subject({"missing"}), subject({"killed"}))
    assert not other_casualties(subject({"killed", "injured"}), subject({"injured"}))
    assert not other_casualties(subject({"arrested"}), subject({"killed"}))  # left to the model
    assert people_and_things(subject(generic=True), subject(family="buildings"))
    assert not people_and_things(subject(generic=True), subject(family="police"))
    found = _numbers("In the valley, 14 people were killed on Monday, officials said.",
                     "In the valley, at least six people were injured on Monday, officials said.")
    assert "contradiction" not in [f.kind for f in found]
