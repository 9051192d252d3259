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
