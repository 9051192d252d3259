"""A duration of one written without the digit (为期一周, 一個月內, 一年来; a week, one month)
is read as 1 week / 1 month / 1 year, as 两周, 两个月 and "two weeks" are read; 一 that is no
count of a duration (一起, 一致, 统一, 这一天, 前一天, 一周年, 一年一度, 一天三次, 星期一天气; once
a week, half a year) stays unread, and so does one unit locating a time (一个月后, a year ago:
one of a thing is no checkable figure, test_comparison_extract). Inputs are made up here; no labeled story is quoted."""

from __future__ import annotations

import pytest

from comparison.docs import compatible
from comparison.numbers import extract_quantities
from comparison.numbers_en import extract_quantities_en


def _durations(text: str, english: bool = False) -> list[tuple[str, float, float]]:
    found = extract_quantities_en(text) if english else extract_quantities(text)
    return [(q.text, q.low, q.high) for q in found if q.dimension == "duration"]


@pytest.mark.parametrize("frame", ["演习为期{}周。", "演習為期{}週。", "他在{}个月内完成。", "他在{}個月內完成。",
                                   "{}年来，物价上涨。", "{}天之内发生三起事故。", "演习长达{}个星期。",
                                   "工程为期{}年。", "{}周之内他回国。"])
def test_one_is_read_where_two_is(frame: str) -> None:
    (two,) = _durations(frame.format("两"))
    assert two[1:] == (2, 2)
    for one in ("一", "1"):
        (read,) = _durations(frame.format(one))
        assert read[1:] == (1, 1) and read[0].startswith(one)


# (a week, seven days, two weeks) in each language: one week compares with seven days, not with two.
_WEEKS = {"zh": (extract_quantities, ("一周", "周"), "演习为期一周。", "演习为期七天。", "演习为期两周。"),
          "en": (extract_quantities_en, ("a week", "weeks"), "The drill lasts a week.",
                 "The drill lasts seven days.", "The drill lasts two weeks.")}


@pytest.mark.parametrize("language", list(_WEEKS))
def test_a_duration_of_one_is_set_against_other_figures_of_its_unit(language: str) -> None:
    extract, (text, unit), *texts = _WEEKS[language]
    week, seven_days, two_weeks = (extract(t)[0] for t in texts)
    assert (week.text, week.unit, week.dimension) == (text, unit, "duration")
    assert compatible(week, seven_days) and not compatible(week, two_weeks)


def test_a_month_in_traditional_script_and_qualifiers_before_one() -> None:
    (month,) = extract_quantities("演習為期一個月。")
    assert (month.text, month.unit, month.dimension) == ("一個月", "个月", "duration")
    # A qualifier reads as it does before any figure: not quite a month, nearly a year.
    (short,) = extract_quantities("不到一个月")
    assert short.vague and short.high <= 1
    (year,) = extract_quantities("近一年来")
    assert year.vague and year.low < 1 <= year.high
    (nearly,) = extract_quantities_en("He was held for nearly a year.")
    assert nearly.text == "nearly a year" and nearly.vague and nearly.high <= 1


@pytest.mark.parametrize("text", ["大家一起努力。", "意见一致。", "一些人赞成。", "两岸统一。", "庆祝建党一周年。",
                                  "这一天他到了北京。", "前一天晚上下雨。", "同一天发生两起事故。", "上一周股价下跌。",
                                  "每一天都很忙。", "第一天的会议。", "一年一度的会议开幕。", "他一天三次服药。",
                                  "他一天到晚工作。", "周一上午开会。", "每周一次例会。",
                                  "星期一天气晴朗。", "周一天气转晴。", "统一天然气价格。", "礼拜一天亮前出发。",
                                  # a point in time, not a length of one (as 一名官员 is one of a thing)
                                  "一个月后他回国。", "一年前他离开。", "一周之后复工。"])
def test_one_that_counts_no_duration_is_not_read(text: str) -> None:
    assert not [d for d in _durations(text) if d[1] == 1]


@pytest.mark.parametrize("text, read", [
    ("The drill lasts a week.", "a week"), ("The drill lasts one week.", "one week"),
    ("The drill lasts 1 week.", "1 week"), ("He finished within a month.", "a month"),
    ("Prices rose for a year.", "a year"), ("It lasted one month.", "one month"),
])
def test_english_a_week_a_month_a_year(text: str, read: str) -> None:
    assert _durations(text, english=True) == [(read, 1, 1)]
    two = text.replace(read, "two " + read.split()[-1] + "s")
    assert _durations(two, english=True)[0][1:] == (2, 2)


@pytest.mark.parametrize("text", ["They meet once a week.", "It is held twice a year.", "Three times a month.",
                                  "The plan runs for half a year.", "It took a year and a half.",
                                  "In a month or two.", "Sales rose year-on-year.", "A week-long drill began.",
                                  "One of them left.", "The year ended.", "A year ago he left.",
                                  "A week later, talks resumed.", "One year on, little changed."])
def test_english_one_that_is_no_duration_is_not_read(text: str) -> None:
    assert not [d for d in _durations(text, english=True) if d[1] <= 1 <= d[2]]
