"""Readings a Taiwan desk's trial (h37t, CNA against Simplified-script outlets) found wrong:
ROC-calendar years (民國110年, 110年4月2日), CNA's page furniture (a related-reading list, a credit
with its date code, a photo credit) and Taiwan's words for a detention. Inputs are made up here;
no corpus story is quoted."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from comparison.extract import extract_all, extract_dates
from comparison.furniture import furniture_spans

PUBLISHED = datetime(2025, 5, 15, 1, 0, tzinfo=UTC)  # 15 May, 09:00 in Taipei


def _days(text: str) -> list[tuple[str, date]]:
    return [(d.text, d.value) for d in extract_dates(text, PUBLISHED)]


def test_roc_years_are_the_gregorian_year_less_1911() -> None:
    assert _days("民國112年3月5日發生地震。") == [("民國112年3月5日", date(2023, 3, 5))]
    assert _days("他在114年4月2日抵達。") == [("114年4月2日", date(2025, 4, 2))]
    assert _days("民國一百一十二年三月五日") == [("民國一百一十二年三月五日", date(2023, 3, 5))]
    (year,) = extract_dates("民國99年的舊案", PUBLISHED)
    assert (year.value, year.last, year.precision) == (date(2010, 1, 1), date(2010, 12, 31), "year")
    # A bare year of one or two digits is no ROC year (a sentence of ten years and six months).
    assert all(d.value.year != 1921 for d in extract_dates("判處有期徒刑10年6月", PUBLISHED))
    # The ROC year of a date is no count either.
    assert extract_all("民國112年3月5日，兩人受傷。", PUBLISHED).quantities[0].text == "兩人"


@settings(max_examples=80, deadline=None)
@given(roc=st.integers(min_value=100, max_value=150), month=st.integers(1, 12), day=st.integers(1, 28),
       era=st.booleans(), traditional=st.booleans())
def test_an_roc_date_reads_as_its_gregorian_date(roc: int, month: int, day: int, era: bool,
                                                 traditional: bool) -> None:
    prefix = ("民國" if traditional else "民国") if era else ""
    written = f"{prefix}{roc}年{month}月{day}日"
    found = _days(f"消息指出，{written}當天發生事故。")
    assert found == [(written, date(roc + 1911, month, day))]
    assert found[0][1] == _days(f"消息指出，{roc + 1911}年{month}月{day}日當天發生事故。")[0][1]


def _furniture(text: str) -> list[str]:
    return [text[a:b] for a, b in furniture_spans(text)]


def test_a_credit_closing_a_paragraph_with_its_date_code_is_furniture() -> None:
    text = "颱風過境，三人受傷。（編輯：王大明）1140515\n"
    assert _furniture(text) == ["（編輯：王大明）1140515"]
    assert _furniture("颱風過境。\n（编辑：李小华）1140515") == ["（编辑：李小华）1140515"]
    # A sentence in brackets after a sentence is no credit.
    assert _furniture("颱風過境。（他表示：三人受傷）") == []


def test_a_related_reading_list_runs_to_the_end_and_a_photo_credit_is_furniture() -> None:
    text = "颱風過境，三人受傷。\n延伸閱讀\n另一颱風12人死亡 港口停航3天"
    assert _furniture(text) == ["延伸閱讀\n另一颱風12人死亡 港口停航3天"]
    assert "延伸閱讀" not in "".join(_furniture("他說延伸閱讀很重要。\n三人受傷。"))
    assert _furniture("港口淹水。中央社記者林大同攝 114年5月14日\n") == ["中央社記者林大同攝 114年5月14日"]
    assert _furniture("港口淹水（记者张三摄）") == ["记者张三摄"]
    assert _furniture("記者會上攝影師拍下畫面。") == []
    facts = extract_all("颱風過境，三人受傷。\n延伸閱讀\n另一颱風12人死亡", PUBLISHED)
    assert [q.text for q in facts.quantities] == ["三人"]


def test_furniture_sentences_are_no_claims_of_the_article() -> None:
    from comparison.compare import compare
    from tests.comparison_helpers import article

    a = article("a", "中央社", "颱風昨天登陸，3人死亡。中央社記者林大同攝 114年5月14日",
                "（中央社台北15日電）颱風昨天登陸，3人死亡。（編輯：王大明）1140515", "延伸閱讀",
                "另一颱風12人死亡 港口停航3天", language="zh", published=PUBLISHED)
    b = article("b", "联合早报", "台风昨天登陆，造成12人死亡。", language="zh", published=PUBLISHED)
    findings = compare([a, b], use_dense=False).findings
    texts = [s.text for f in findings for s in f.spans]
    assert not any(x in t for t in texts for x in ("延伸閱讀", "林大同", "王大明", "港口停航"))
    assert not [f for f in findings if f.kind == "agree" and f.fact_type == "number"]


def test_taiwan_words_for_a_detention_are_an_arrest_and_make_no_framing() -> None:
    from comparison.compare import compare
    from tests.comparison_helpers import article

    a = article("a", "中央社", "大火造成3人罹難，負責人遭檢方聲押後，法院裁定20萬元交保。", language="zh")
    b = article("b", "联合早报", "法院开羁押庭，裁定负责人20万元交保。", language="zh")
    findings = compare([a, b], use_dense=False).findings
    assert not [f for f in findings if f.kind == "framing"]
    assert [f.kind for f in findings if f.fact_type == "number" and "20" in f.spans[0].text] == ["agree"]


def _time_kinds(first: str, second: str) -> list[str]:
    from comparison.compare import compare
    from tests.comparison_helpers import article

    a = article("a", "中央社", first, language="zh", published=PUBLISHED)
    b = article("b", "联合早报", second, language="zh", published=PUBLISHED)
    return [f.kind for f in compare([a, b], use_dense=False).findings if f.fact_type == "date"
            and any(c.isdigit() for s in f.spans for c in s.text)]


def test_a_span_end_or_a_time_announced_ahead_is_no_contradiction_of_the_happening() -> None:
    assert "contradiction" in _time_kinds("港区今天下午2時30分全面停電，居民受困電梯。",
                                          "港区今天晚上8时全面停电，居民受困电梯。")
    assert "contradiction" not in _time_kinds("港区今天下午2時30分全面停電，居民受困電梯。",
                                              "港区今天全面停电，居民受困电梯，晚上8时将全面恢复供电。")
    assert "contradiction" not in _time_kinds("港区今天下午2時起全面停電，居民受困電梯。",
                                              "港区今天全面停电至晚上8时，居民受困电梯。")


@settings(max_examples=60, deadline=None)
@given(hour=st.integers(1, 11), minute=st.integers(0, 59),
       before=st.sampled_from(["", "至", "将于", "直到"]), after=st.sampled_from(["", "起", "将"]))
def test_clock_roles_read_the_words_around_the_time(hour: int, minute: int, before: str, after: str) -> None:
    from comparison.slots import clock_role, extract_clock_times

    text = f"港区停电{before}下午{hour}时{minute}分{after}，居民受困。"
    (clock,) = extract_clock_times(text, text, False)
    role = clock_role(text, clock.start, clock.end, False)
    expected = ("until" if before in ("至", "直到") else "ahead" if before == "将于" or after == "将"
                else "from" if after == "起" else "at")
    assert role == expected


def test_a_figure_inside_a_since_clause_is_the_earlier_happenings() -> None:
    from comparison.compare import compare
    from tests.comparison_helpers import article

    a = article("a", "联合早报", "国防部说，28架军机今天飞入西南空域，创统计以来最多纪录。", language="zh",
                published=PUBLISHED)
    b = article("b", "法广", "国防部说，这是自今年3月10日25架军机飞入西南空域后，创统计以来最多纪录。",
                language="zh", published=PUBLISHED)
    numbers = [f for f in compare([a, b], use_dense=False).findings if f.fact_type == "number"]
    assert not [f for f in numbers if f.kind == "contradiction"]


@settings(max_examples=60, deadline=None)
@given(month=st.integers(1, 4), day=st.integers(1, 28), n=st.integers(2, 999),
       close=st.sampled_from(["后", "之后", "以来"]))
def test_a_since_clause_holds_its_figure_only_before_the_closing_word(month: int, day: int, n: int,
                                                                      close: str) -> None:
    from comparison.subjects import _inside_since_clause

    inside = f"这是自{month}月{day}日{n}架军机飞入{close}，最多的一次。"
    total = f"自{month}月{day}日{close}，已有{n}架军机飞入。"
    for text, expected in ((inside, True), (total, False)):
        facts = extract_all(text, PUBLISHED)
        (d,) = [x for x in facts.dates if x.precision == "day"]
        (q,) = facts.quantities
        assert d.since and _inside_since_clause(text, d, q) is expected


def test_a_count_at_the_time_the_sentence_before_names_is_that_happenings() -> None:
    from comparison.compare import compare
    from tests.comparison_helpers import article

    a = article("a", "联合早报", "列车出轨事故已造成40人死亡，120人受伤。", language="zh", published=PUBLISHED)
    b = article("b", "美国之音", "列车出轨事故已造成41人死亡。",
                "此前最严重的列车事故发生在1975年。在当时的港区，列车起火，造成58人死亡。",
                language="zh", published=PUBLISHED)
    numbers = [f for f in compare([a, b], use_dense=False).findings if f.fact_type == "number"]
    assert not [f for f in numbers for s in f.spans if s.text.startswith("58")
                and f.kind in ("contradiction", "agree", "precision")]
    assert [f.kind for f in numbers if any(s.text.startswith("41") for s in f.spans)] == ["contradiction"]


def test_power_in_taiwan_and_mainland_units_is_one_measure() -> None:
    from comparison.docs import compatible
    from comparison.numbers import extract_quantities
    from comparison.numbers_en import extract_quantities_en

    (tw,) = extract_quantities("機組跳脫，約影響220萬瓩電力。")
    (cn,) = extract_quantities("机组跳脱，约影响220万千瓦电力。")
    (en,) = extract_quantities_en("about 2,200 MW of capacity")
    assert tw.dimension == cn.dimension == en.dimension == "power"
    assert compatible(tw, cn) and compatible(cn, en)
    (other,) = extract_quantities("机组跳脱，约影响300万千瓦电力。")
    assert not compatible(tw, other)
    (energy,) = extract_quantities("全年發電3億瓩時")
    assert energy.dimension == "energy"


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 9999), big=st.sampled_from(["", "萬", "万"]))  # one of a unit is no figure
def test_a_kilowatt_figure_reads_alike_in_both_unit_names(n: int, big: str) -> None:
    from comparison.numbers import extract_quantities

    (a,) = extract_quantities(f"減少{n}{big}瓩電力")
    (b,) = extract_quantities(f"减少{n}{big}千瓦电力")
    assert a.dimension == b.dimension == "power"
    assert a.base_low == b.base_low == n * (1e4 if big else 1) * 1e3


def _voices(text: str) -> list[str]:
    from tests.comparison_helpers import chinese_voices

    return chinese_voices(text)


def test_a_negated_speech_act_is_no_voice_and_adverbs_are_no_part_of_one() -> None:
    assert _voices("疫調結果仍待釐清，其餘還沒辦法全部說明清楚。") == []
    assert _voices("他拒絕說明原因。") == []
    assert _voices("一名不願透露姓名的官員說，有3人死亡。") == ["不願透露姓名的官員"]
    assert _voices("衛生局隨即說明，兩人確診。") == ["衛生局"]
    assert _voices("主任檢察官周大華則說，將提起抗告。") == ["主任檢察官周大華"]
    assert _voices("时任部长的李大同也宣布请辞。") == ["时任部长的李大同"]
    # 接著 keeps its Traditional 著 in the Simplified copy (OpenCC reads 著 as a Simplified character too).
    assert _voices("指揮官林大同緊接著宣布，警戒升級。") == ["指揮官林大同"]
    assert _voices("部长接着表示，两人受伤。") == ["部长"]


@settings(max_examples=40, deadline=None)
@given(office=st.sampled_from(["衛生局", "消防署", "經濟部", "交通部", "市政府"]),
       adverb=st.sampled_from(["", "則", "也", "隨即"]), verb=st.sampled_from(["說", "表示", "指出"]),
       negation=st.sampled_from(["", "還沒辦法", "無法", "尚未"]))
def test_a_voice_is_its_office_and_a_negated_act_none(office: str, adverb: str, verb: str, negation: str) -> None:
    voices = _voices(f"據悉，{office}{adverb}{negation}{verb}，兩人受傷。")
    assert voices == ([] if negation else [office])


def _persons(text: str) -> list[str]:
    return [e.text for e in extract_all(text, PUBLISHED).entities if e.kind == "PER"]


def test_a_given_name_ending_in_zhong_is_whole() -> None:
    assert "陳立中" in _persons("指揮官陳立中今天宣布，國內新增12例。")
    assert "陈立中" in _persons("陈立中表示，国内新增12例。")
    assert not any(p.endswith("中") for p in _persons("張三在會議中表示，3人受傷。"))


@settings(max_examples=40, deadline=None)
@given(surname=st.sampled_from(["陳", "林", "黃", "張", "李", "王"]), given_name=st.sampled_from(["立", "建", "國", "志", "文"]),
       after=st.sampled_from(["表示", "今天宣布", "說", "，"]))
def test_a_name_in_zhong_keeps_its_last_character(surname: str, given_name: str, after: str) -> None:
    name = f"{surname}{given_name}中"
    persons = _persons(f"衛生局長{name}{after}國內新增12例。")
    assert not any(name.startswith(p) and p != name for p in persons)


def test_slash_dates_in_a_range_or_before_a_weekday_are_days_and_fractions_are_not() -> None:
    assert _days("指揮中心宣布，5/16-5/29全國警戒升至第三級。") == [("5/16", date(2025, 5, 16)),
                                                                    ("5/29", date(2025, 5, 29))]
    assert _days("5/16（五）起實施") == [("5/16", date(2025, 5, 16))]
    assert _days("約有1/3的人受傷") == [] and _days("比數3/4落後") == []


@settings(max_examples=60, deadline=None)
@given(month=st.integers(1, 12), day=st.integers(1, 28), length=st.integers(0, 20),
       dash=st.sampled_from(["-", "至", "~"]))
def test_a_slash_range_reads_as_its_two_days(month: int, day: int, length: int, dash: str) -> None:
    from datetime import timedelta

    first = date(2025, month, day)
    last = first + timedelta(days=length)
    written = f"{first.month}/{first.day}{dash}{last.month}/{last.day}"
    found = [v for _, v in _days(f"當局宣布，{written}停止營業。")]
    assert [(v.month, v.day) for v in found] == [(first.month, first.day), (last.month, last.day)]
