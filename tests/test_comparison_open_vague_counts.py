"""Vague people counts with no bound above, rates, and weekdays before 报: made-up sentences.

多名/多人/若干名 say "more than one" and nothing of how many: against any larger figure they are
the vaguer reading (precision), never a contradiction; they still say more than one (low 2).
数名 and "several" say "a few" and keep their bound (several vs 100 stays a contradiction), as do
the order-of-size words (dozens, 数十). 一天 as the "per" of a rate (一天停电数小时) is no length of
time; 周日报告了 keeps its weekday. No labeled story is quoted."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparison import compare
from comparison.extract import extract_dates
from comparison.numbers import extract_quantities
from tests.comparison_helpers import PUBLISHED, article, of_type

ZH = "周三，托尔维克市发生骚乱，警方逮捕了{}示威者，官员说。"
EN = "On Wednesday police arrested {} protesters in Torvik after the riot, officials said."


def _kinds(first: str, second: str, language: str = "zh") -> list[str]:
    template = ZH if language == "zh" else EN
    a = article("oa", "Outlet A", template.format(first), language=language)
    b = article("ob", "Outlet B", template.format(second), language=language)
    return [f.kind for f in of_type(compare([a, b], use_dense=False), "number") if f.kind != "unique"]


@pytest.mark.parametrize("vague", ["多名", "若干名"])
@pytest.mark.parametrize("exact", ["100名", "至少100名", "一百多名", "2300名"])
def test_many_against_a_larger_figure_is_precision(vague: str, exact: str) -> None:
    assert _kinds(vague, exact) == ["precision"], (vague, exact)


@pytest.mark.parametrize("first, second, language", [("数名", "100名", "zh"), ("several", "100", "en"),
                                                     ("dozens of", "500", "en"), ("数十名", "500名", "zh")])
def test_words_of_a_few_and_of_an_order_of_size_keep_their_bound(first: str, second: str, language: str) -> None:
    assert _kinds(first, second, language) == ["contradiction"], (first, second)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 10**6))
def test_many_people_read_open_above(n: int) -> None:
    (many,) = extract_quantities("有多名官员受伤。")
    assert many.low == 2 and math.isinf(many.high)
    assert many.low <= n <= many.high
    assert extract_quantities("若干年后他回国。") == [] and extract_quantities("多年来他住在这里。") == []


@pytest.mark.parametrize("text", ["电力短缺，一天停电数小时。", "他一周工作六天。", "她一个月回家两次。"])
def test_the_per_of_a_rate_is_no_duration(text: str) -> None:
    assert not [q for q in extract_quantities(text) if q.dimension == "duration" and q.low == 1]


@pytest.mark.parametrize("text", ["居民忍受了一周的停电。", "一天之内发生三起事故。", "罢工持续了一天，约200人参加。"])
def test_a_length_of_one_stays(text: str) -> None:
    assert [q for q in extract_quantities(text) if q.dimension == "duration" and q.low == 1]


def test_a_rate_against_a_length_is_no_contradiction() -> None:
    a = article("ra", "Outlet A", "托尔维克电力短缺，一天停电数小时，居民不满。", language="zh")
    b = article("rb", "Outlet B", "托尔维克居民已经忍受了一周的停电，居民不满。", language="zh")
    assert not of_type(compare([a, b], use_dense=False), "number", "contradiction")


def test_a_weekday_before_a_report_verb_is_read() -> None:
    for text in ("卫生官员周一报告了300起新增病例。", "官员周一报道说，有人受伤。", "该部周一报称，有人受伤。"):
        assert [d.text for d in extract_dates(text, PUBLISHED)] == ["周一"], text
    for text in ("《星期日报》刊文。", "这份周日报很畅销。"):
        assert extract_dates(text, PUBLISHED) == [], text
