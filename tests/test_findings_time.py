"""comparison.findings.time: the day and part of day of the same event."""

from comparison import compare
from tests.comparison_helpers import article, of_type


def _dates(text_a, text_b, language="en"):
    a = article("ta", "Outlet A", text_a, language=language)
    b = article("tb", "Outlet B", text_b, language=language)
    return of_type(compare([a, b], use_dense=False), "date")


def test_same_event_other_day_is_a_contradiction():
    found = _dates("枪手7月6日凌晨打死了总统莫伊兹。", "枪手7月7日凌晨打死了总统莫伊兹。", "zh")
    assert "contradiction" in [f.kind for f in found]


def test_night_vs_morning_of_the_same_day_is_a_contradiction():
    found = _dates("叛军7月6日晚上攻占了该市。", "叛军7月6日上午攻占了该市。", "zh")
    assert [f.kind for f in found] == ["contradiction"]
    assert "time of day" in found[0].why


def test_dates_of_different_events_are_not_compared():
    # A handover date and a withdrawal deadline in one sentence.
    found = _dates("美军7月2日移交了巴格拉姆基地，所有外国军队将在9月11日前撤离。",
                   "美军9月11日前撤离，巴格拉姆基地7月2日已移交。", "zh")
    assert not [f for f in found if f.kind == "contradiction"]


def test_weekend_vs_a_day_of_it_is_precision():
    found = _dates("Two protesters were killed in the capital on Sunday, officials said.",
                   "Two protesters were killed in the capital at the weekend, officials said.")
    assert [f.kind for f in found] == ["precision"]


def test_a_sentence_giving_both_days_is_no_other_day():
    # One outlet gives the figure of each day; the other, one of them.
    found = _dates("全市确诊人数5日新增310例，4日新增352例。", "全市4日新增确诊病例352例。", "zh")
    assert not [f for f in found if f.kind == "contradiction"]


def test_a_day_of_another_event_in_the_sentence_keeps_the_contradiction():
    found = _dates("枪手7月6日凌晨打死了总统莫伊兹，7月7日警方逮捕了两名嫌犯。", "枪手7月7日凌晨打死了总统莫伊兹。", "zh")
    assert "contradiction" in [f.kind for f in found]


def test_a_day_announced_ahead_is_this_months():
    """15日起 (from the 15th on) and 将于15日 in a report of the 10th: the 15th to come; a bare
    15日 after the 10th is last month's (news reports what happened)."""
    from datetime import date, datetime

    from comparison.extract import extract_dates

    published = datetime(2021, 7, 10, 4, 0)
    assert [d.value for d in extract_dates("央行宣布15日起下调存款准备金率。", published)] == [date(2021, 7, 15)]
    assert [d.value for d in extract_dates("会议将于15日举行。", published)] == [date(2021, 7, 15)]
    assert [d.value for d in extract_dates("该公司15日宣布破产。", published)] == [date(2021, 6, 15)]


def test_a_month_against_a_day_of_it_is_precision():
    found = _dates("The new stadium was opened in March, the city said.",
                   "The new stadium was opened on March 12, the city said.")
    assert [f.kind for f in found] == ["precision"]
    found = _dates("新体育馆原定去年9月初启用。", "新体育馆原定去年9月6日启用。", "zh")
    assert [f.kind for f in found] == ["precision"]


def test_month_words_resolve_to_spans_of_days():
    from datetime import date, datetime

    from comparison.extract import extract_dates
    from comparison.extract_en import extract_dates_en

    published = datetime(2021, 1, 6, 4, 0)
    (x,) = extract_dates("新规去年7月实施。", published)
    assert (x.text, x.days, x.precision) == ("去年7月", (date(2020, 7, 1), date(2020, 7, 31)), "month")
    (x,) = extract_dates("工程9月底完工。", published)
    assert x.days == (date(2020, 9, 21), date(2020, 9, 30))
    (x,) = extract_dates_en("The vote was scheduled for last September.", date(2021, 1, 6))
    assert x.days == (date(2020, 9, 1), date(2020, 9, 30))
    assert extract_dates_en("May I ask a question?", date(2021, 1, 6)) == []
    (x,) = extract_dates_en("It opened in early May 2019.", date(2021, 1, 6))
    assert x.days == (date(2019, 5, 1), date(2019, 5, 10))


def test_a_weekday_announced_ahead_is_the_coming_one():
    from datetime import date

    from comparison.extract_en import extract_dates_en

    wednesday = date(2010, 5, 5)
    assert [d.value for d in extract_dates_en("A vote will be held Thursday.", wednesday)] == [date(2010, 5, 6)]
    assert [d.value for d in extract_dates_en("A vote was held Thursday.", wednesday)] == [date(2010, 4, 29)]


def test_evening_right_after_a_day():
    from comparison.slots import extract_parts_of_day

    assert [(p.text, p.hours) for p in extract_parts_of_day("他周日晚发表声明。", "他周日晚发表声明。", False)] == [
        ("晚", (18, 24))]
    assert extract_parts_of_day("节日晚会在周日举行。", "节日晚会在周日举行。", False) == []


def test_pairs_above_threshold_include_pairs_that_are_not_best_counterparts():
    """Every pair of two outlet groups past the threshold, once, lower document first; the
    alignment itself keeps one counterpart per sentence and article."""
    from types import SimpleNamespace

    import numpy as np

    from comparison.findings import Context

    docs = [SimpleNamespace(group=0), SimpleNamespace(group=1), SimpleNamespace(group=1)]
    flat = [(0, 0), (0, 1), (1, 0), (2, 0)]
    matrix = np.array([[1, .9, .95, .2], [.9, 1, .91, .5], [.95, .91, 1, .99], [.2, .5, .99, 1]])
    ctx = Context(docs, SimpleNamespace(matrix=matrix, threshold=0.88), flat, {}, {})
    assert sorted(ctx.pairs_above_threshold()) == [(0, 0, 1, 0), (0, 1, 1, 0)]
    assert list(ctx.pairs_above_threshold(lambda d, k: k == 0)) == [(0, 0, 1, 0)]


def _happening_hours(text_a, text_b):
    from comparison.compare import build_context
    from comparison.findings.time import _happening_hour_findings
    from comparison.slots import extract_clock_times

    docs, _ctx, _notes = build_context([article("ta", "Outlet A", text_a), article("tb", "Outlet B", text_b)])
    clocks = [extract_clock_times(doc.article.text, doc.simple, doc.english) for doc in docs]
    timed = {(d, doc.sentence_at(t.start)) for d, doc in enumerate(docs) for t in [*clocks[d], *doc.facts.parts_of_day]}
    return _happening_hour_findings(docs, clocks, timed, [])


def test_the_hour_of_one_kind_of_happening_is_compared_story_wide():
    """Whether or not the sentences align, two outlets give the attack's hour: one is vaguer."""
    found = _happening_hours("The attack took place at about 10 a.m. local time, the foreign ministry said.",
                             "Gunmen ambushed a convoy of aid trucks on the road north of the city at 10:15 a.m., "
                             "a park ranger told Reuters by telephone, and tried to take hostages.")
    assert [f.kind for f in found] == ["precision"]
    assert "the attack" in found[0].why


def test_happening_hours_never_contradict_and_need_one_hour_per_article():
    assert _happening_hours("The attack took place at 6 a.m. local time, the ministry said.",
                            "Gunmen ambushed a convoy of aid trucks on the road at 6 p.m., a ranger said.") == []
    two_attacks = _happening_hours(
        "A first attack came at 6 a.m. in the north of the city. A second attack followed at 9 p.m. on the "
        "southern market, the army said.",
        "Gunmen ambushed a convoy of aid trucks on the road at about 6 a.m., a ranger said.")
    assert two_attacks == []


def test_a_bare_day_after_a_full_date_and_a_joiner_is_in_its_month():
    from datetime import datetime

    from comparison.extract import extract_dates

    found = extract_dates("初选定在去年7月11日到12日举行。", datetime(2021, 1, 7))
    assert [(d.text, str(d.value)) for d in found] == [("去年7月11日", "2020-07-11"), ("12日", "2020-07-12")]


def test_a_release_of_funds_or_a_report_is_no_release_of_people():
    from comparison.claims import _event_of

    def event(clause):
        slot = _event_of(clause, 0, clause)
        return slot.value if slot else None

    assert event("降准释放长期资金约1万亿元") is None
    assert event("The bank released figures on Monday") is None
    assert event("叛军周三释放了3名人质") == "escaped"
    assert event("Police released 20 prisoners on Monday") == "escaped"


def test_an_event_word_that_is_a_topic_or_a_modifier_is_not_what_the_clause_reports():
    from comparison.claims import _event_of

    def event(clause):
        slot = _event_of(clause, 0, clause)
        return slot.value if slot else None

    assert event("李家超6日中午针对上午的大抓捕召开记者会") is None  # the press conference, not the arrests
    assert event("他说被捕的民主派人士意图瘫痪政府") is None  # "the arrested democrats"
    assert event("警方周三拘捕了53人") == "arrested"
    # The noon press conference about the morning's arrests is not the arrests' time.
    found = _dates("警方1月6日早上拘捕了53名民主派人士。",
                   "保安局长6日中午针对上午的大抓捕召开记者会，他说被捕的民主派人士意图瘫痪政府。", "zh")
    assert "contradiction" not in [f.kind for f in found]


def test_an_earlier_happenings_day_is_not_todays_happenings():
    """A report of today's blast that recounts a bombing in April (comparison.background):
    two days of one kind of event, but of two happenings, so no contradiction."""
    found = _dates("今天，该国西北部一辆巴士发生爆炸，造成13人死亡。",
                   "4月21日，该国西北部一辆巴士发生爆炸，造成4人死亡。", "zh")
    assert "contradiction" not in [f.kind for f in found]
    found = _dates("枪手7月6日凌晨打死了总统莫伊兹。", "枪手7月5日凌晨打死了总统莫伊兹。", "zh")
    assert "contradiction" in [f.kind for f in found]


def test_a_date_inside_the_others_is_precision_whatever_else_the_sentence_dates():
    """2020年2月 vs 2020年2月28日, though the second sentence also names the test's day and neither
    has an event word: each date is the only one of its sentence the other overlaps."""
    found = _dates("2020年2月，仲裁庭对他做出了停赛8年的处罚。",
                   "2020年2月28日，仲裁庭宣布他在2018年9月4日的检查中拒绝配合，停赛八年。", "zh")
    assert [f.kind for f in found] == ["precision"]
    assert "2020年2月" in found[0].why


def test_a_year_is_compared_only_with_a_date_written_in_that_year():
    found = _dates("他在2018年的一次赛外检查中拒绝配合。", "他在2018年9月4日晚的一次检查中拒绝配合。", "zh")
    assert [f.kind for f in found] == ["precision"]
    # The year of publication dates nothing (2021年才过了6天), and a year never contradicts.
    found = _dates("2021年才过了6天，警方即拘捕了53人。", "2021年1月6日，警方拘捕了53人。", "zh")
    assert not found
    found = _dates("他在2017年的一次检查中拒绝配合。", "他在2018年9月4日晚的一次检查中拒绝配合。", "zh")
    assert not [f for f in found if f.kind != "agree"]


def test_counts_as_of_other_moments_are_no_other_times():
    """截至 (as of) dates the taking of a count: two outlets' counts as of 11:30 and 17:00 are two
    reports, not two times of one happening."""
    found = _dates("截止到14日上午11点半，共有127人受伤。", "截至14日下午5時，共有152人受伤。", "zh")
    assert not [f for f in found if f.kind == "contradiction"]


def test_a_quoted_name_starting_with_a_day_word_is_no_day():
    from datetime import datetime

    from comparison.extract import extract_dates

    found = extract_dates("据独立媒体“今日缅甸”报导，今日有人死亡。", datetime(2021, 3, 28, 4))
    assert [d.start for d in found] == [14]


def test_evening_after_a_bracketed_day_and_an_evening_clock():
    found = _dates("日本福岛县当地时间13日晚发生7.3级强烈地震。", "日本福岛县星期六（2月13日）晚11点过后发生7.3级强烈地震。", "zh")
    assert [f.kind for f in found] == ["precision"]


def test_tokenized_english_clock_times_and_the_early_hours():
    from comparison.slots import extract_clock_times, extract_parts_of_day

    text = "At around 4 : 30 a . m . local time , and at 3 p . m . ( 1200 GMT ) ; in the early hours"
    assert [c.hours for c in extract_clock_times(text, text, True)] == [(4.25, 4.75), (15.0, 15.0)]
    assert [p.hours for p in extract_parts_of_day(text, text, True)] == [(0, 6)]
    found = _dates("Four men rammed the shop at around 4 . 30am on Monday , police said .",
                   "Four men rammed the shop in the early hours of Monday , police said .")
    assert "precision" in [f.kind for f in found] and "contradiction" not in [f.kind for f in found]


def test_twelve_at_night_is_midnight():
    from comparison.slots import extract_clock_times

    assert [c.hours for c in extract_clock_times("晚上12点", "晚上12点", False)] == [(24.0, 24.0)]
    assert [c.hours for c in extract_clock_times("中午12点", "中午12点", False)] == [(12.0, 12.0)]


def test_two_earlier_days_are_two_earlier_happenings():
    """In a report of 8 July, 4月21日 and 6月23日 date two past attacks: no contradiction."""
    found = _dates("今年4月21日，奎塔一家酒店发生爆炸，造成至少4人死亡。", "今年6月23日，拉合尔发生爆炸，造成至少4人死亡。", "zh")
    assert not [f for f in found if f.kind == "contradiction"]


def test_an_outlet_dating_one_kind_of_event_to_two_days_reports_two_happenings():
    """上周二逮捕9名…周一再拘捕5名: another outlet's 上周二 is the first arrests' day, and no
    contradiction with this outlet's 周一 (the dates' analog of two counts one outlet reports)."""
    from datetime import date
    from types import SimpleNamespace

    from comparison.compare import build_context
    from comparison.findings import time as timing
    from tests.comparison_helpers import article

    docs, _ctx, _ = build_context([article("a", "甲", "警方上周二逮捕9名嫌犯。", "警方周一再拘捕5名嫌犯。",
                                           language="zh")], None)
    events = timing._events_of_dates(docs[0])
    arrested = frozenset({"arrested"})
    assert set(events.values()) == {arrested}
    day = lambda d: SimpleNamespace(days=(d, d))  # noqa: E731
    assert timing._two_happenings(docs[0], day(date(2021, 6, 29)), events, arrested)
    assert not timing._two_happenings(docs[0], day(date(2021, 6, 30)), events, arrested)
    assert not timing._two_happenings(docs[0], day(date(2021, 6, 29)), events, frozenset({"killed"}))


def test_the_day_after_a_speech_verb_dates_the_statement_not_the_happening():
    """"…were arrested, the minister said Wednesday": Wednesday is when she said it. It is no
    day of the arrests, so it neither agrees with nor contradicts another outlet's arrest day."""
    found = _dates("Two smugglers were arrested near Dorvale, the interior minister said Wednesday.",
                   "Two smugglers were arrested near Dorvale on Wednesday, police said.")
    assert not [f for f in found if "arrested" in f.why]


def test_speech_day_reads_where_it_was_said():
    from comparison.claims import speech_day

    for text in ("the minister said Wednesday", "told reporters on Monday",
                 "said at a news conference Tuesday", "announced in a statement late Friday"):
        assert speech_day(text, text.rindex(" ") + 1), text
    for text in ("said he was arrested Wednesday", "were arrested on Tuesday"):
        assert not speech_day(text, text.rindex(" ") + 1), text


def test_a_part_of_the_day_inside_the_day_word_is_written_once():
    found = _dates("Rovers won the cup final last night, the club said.",
                   "Rovers won the cup final last night, the club said.")
    assert [f.kind for f in found] == ["agree"]
    assert "last night last night" not in found[0].why
