"""Unquantified quantifiers (许多, 大批, 一些, 部分, many, a number of, some) against a count: made-up
sentences.

A word saying "more than one" and no figure, before a noun of people or buildings, is read as a
vague figure open above (2..inf, as 多名): against a count of the same fact the count's outlet is
the more precise one (a precision finding), never a contradiction; alone it is no fact to list
("only A reports many protesters"), and two such words are no finding. Before other nouns
(许多国家, 一些专家认为, "many times", "some say") it is no figure. No labeled story is quoted.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparison import compare
from comparison.docs import compatible
from comparison.extract import extract_all
from comparison.figure_pairs import log_ratio, wordy
from comparison.numbers import extract_quantities
from comparison.numbers_en import extract_quantities_en
from tests.comparison_helpers import PUBLISHED, article, exact, of_type

ZH = "警方周日在托尔维克拘留了{}，官员说。"
EN = "Police detained {} in Torvik on Sunday, officials said."


def _compare(first: str, second: str, language: str):
    template = ZH if language == "zh" else EN
    articles = [article("oa", "Outlet A", template.format(first), language=language),
                article("ob", "Outlet B", template.format(second), language=language)]
    comparison = compare(articles, use_dense=False)
    exact(comparison, articles)
    return comparison


@pytest.mark.parametrize("vague, count, language", [
    ("许多抗议者", "40名抗议者", "zh"), ("部分示威者", "至少9000名示威者", "zh"), ("大批示威者", "120名示威者", "zh"),
    ("一些抗议者", "四十名抗议者", "zh"), ("若干抗议者", "40名抗议者", "zh"), ("部分的示威者", "40名示威者", "zh"),
    ("many protesters", "40 protesters", "en"), ("a number of protesters", "about 40 protesters", "en"),
    ("some protesters", "40 protesters", "en"), ("numerous protesters", "more than 100 protesters", "en"),
    # a number word of an order of size is a figure: the quantifier is the vaguer
    ("许多抗议者", "数十名抗议者", "zh"), ("many protesters", "dozens of protesters", "en"),
])
def test_a_vague_word_against_a_count_is_precision(vague: str, count: str, language: str) -> None:
    comparison = _compare(vague, count, language)
    numbers = of_type(comparison, "number")
    assert [f.kind for f in numbers] == ["precision"], [f.why for f in numbers]
    (finding,) = numbers
    assert "Outlet A is vaguer" in finding.why
    assert sorted(s.text for s in finding.spans) == sorted([vague, count])
    # the shared statement says the outlets differ, not a plain agreement
    statements = of_type(comparison, "statement", "agree")
    assert statements and all("they differ: precision (number)" in f.why for f in statements)


@pytest.mark.parametrize("first, second, language", [
    ("许多抗议者", "大批抗议者", "zh"), ("一些抗议者", "多名抗议者", "zh"), ("不少抗议者", "许多抗议者", "zh"),
    ("many protesters", "numerous protesters", "en"), ("some protesters", "a lot of protesters", "en"),
])
def test_two_vague_words_are_no_finding(first: str, second: str, language: str) -> None:
    assert of_type(_compare(first, second, language), "number") == []


@pytest.mark.parametrize("text, language", [("警方周日在托尔维克拘留了许多抗议者。", "zh"),
                                            ("Police detained many protesters in Torvik on Sunday.", "en")])
def test_a_vague_word_alone_is_no_unique_figure(text: str, language: str) -> None:
    a = article("oa", "Outlet A", text, language=language)
    b = article("ob", "Outlet B", "托尔维克周日发生抗议。" if language == "zh" else "Protests broke out in Torvik on Sunday.",
                language=language)
    comparison = compare([a, b], use_dense=False)
    assert of_type(comparison, "number") == []
    assert not any("许多" in f.why or "many" in f.why for f in comparison.findings if f.kind == "unique")


@pytest.mark.parametrize("text", [
    "许多国家派出了代表团。", "一些专家认为局势会好转。", "大部分示威者被捕。", "第一批难民抵达。", "只有部分建筑倒塌。",
    "他多一些耐心。", "许多年来他住在这里。", "大量个人信息被泄露。", "不少于40人被捕。", "许多国家派出军队。",
    "大量逮捕党员。",
])
def test_no_figure_zh(text: str) -> None:
    # (the whole reading: the counted phrase cut at its noun, 个人信息 and 国家 no people)
    assert not [q for q in extract_all(text, PUBLISHED).quantities if q.unquantified], text


@pytest.mark.parametrize("text", [
    "We met many times.", "Some say the talks failed.", "How many people died is unclear.",
    "Not many people came.", "Many of the protesters were freed.", "Many countries sent envoys.",
    "In many cases the tests failed.",
])
def test_no_figure_en(text: str) -> None:
    assert not [q for q in extract_quantities_en(text) if q.unquantified], text


def test_some_before_a_figure_stays_an_approximator() -> None:
    (q,) = extract_quantities_en("Some 600 prisoners escaped.")
    assert not q.unquantified and q.low == 540 and q.high == 660


@pytest.mark.parametrize("text, word, noun", [
    ("警方拘留了许多抗议者。", "许多", "抗议者"), ("大量房屋被毁。", "大量", "房屋"), ("众多居民撤离。", "众多", "居民"),
    ("大批軍隊部署在邊境。", "大批", "軍隊"),
])
def test_read_zh(text: str, word: str, noun: str) -> None:
    (q,) = [q for q in extract_all(text, PUBLISHED).quantities if q.unquantified]
    assert (q.text, q.counted, q.low, math.isinf(q.high), q.vague) == (word, noun, 2, True, True)
    assert text[q.start:q.end] == word and text[q.counted_start:q.counted_end] == noun


@pytest.mark.parametrize("text, word, noun", [
    ("Police detained many protesters.", "many", "protesters"), ("Lots of homes were destroyed.", "Lots of", "homes"),
    ("A number of Cuban soldiers fled.", "A number of", "Cuban soldiers"), ("Countless residents fled.", "Countless", "residents"),
])
def test_read_en(text: str, word: str, noun: str) -> None:
    (q,) = [q for q in extract_quantities_en(text) if q.unquantified]
    assert (q.text, q.counted, q.low, math.isinf(q.high)) == (word, noun, 2, True)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 10**7))
def test_open_range_meets_every_count(n: int) -> None:
    (many,) = [q for q in extract_quantities("警方拘留了许多抗议者。") if q.unquantified]
    (count,) = extract_quantities(f"警方拘留了{n}名抗议者。")
    assert compatible(many, count)  # never a contradiction
    assert wordy(many) and log_ratio(many, count) == 0.0  # the figure-pair features: a count inside the range


@pytest.mark.parametrize("text", [
    "许多年来人们一直在这里抗议。", "很多年前居民就搬走了。", "一些天来警察一直在巡逻。", "许多次警察驱散了人群。",
    "In some cases police fired on the crowd.", "For many years people protested here.",
    "On many days residents fled.",
])
def test_a_time_phrase_or_another_plural_after_the_quantifier_counts_no_one(text: str) -> None:
    # (second review: "some cases police" ended at police, a people noun, and was read as "some police")
    quantities = extract_all(text, PUBLISHED).quantities
    assert not [q for q in quantities if q.unquantified], text


@pytest.mark.parametrize("text, noun", [("许多年轻人走上街头。", "年轻人"), ("Many young protesters were held.", "young protesters")])
def test_a_word_that_opens_like_a_time_word_still_counts(text: str, noun: str) -> None:
    (q,) = [q for q in extract_all(text, PUBLISHED).quantities if q.unquantified]
    assert q.counted == noun


def test_some_cases_is_no_vague_count_against_a_figure() -> None:
    a = article("oa", "Outlet A", "In some cases police killed protesters in Torvik on Sunday.")
    b = article("ob", "Outlet B", "Police killed 40 protesters in Torvik on Sunday.")
    comparison = compare([a, b], use_dense=False)
    assert not of_type(comparison, "number", "precision"), [f.why for f in comparison.findings]


def test_the_quantifiers_are_checked_against_the_figures_once() -> None:
    # Second review: each quantifier was checked against every figure of the text (76,000
    # characters of figures and quantifiers: 9 s); the figures' characters are now marked once.
    from comparison.numbers import with_unquantified

    text = "许多人死亡，40人受伤，一些房屋倒塌，很多40名抗议者。" * 50
    everything = extract_quantities(text)
    found = [q for q in everything if not q.unquantified]
    extra = [q for q in everything if q.unquantified]

    class Counting(list):
        reads = 0

        def __iter__(self):
            Counting.reads += 1
            return super().__iter__()

    merged = with_unquantified(Counting(found), extra)
    assert Counting.reads <= 3, Counting.reads
    assert [(q.start, q.text) for q in merged] == [(q.start, q.text) for q in everything]
    # 许多 and 一些 per sentence (许多人 is read whole since session 41, was 多人; 很多40名 the figure)
    assert sum(q.unquantified for q in merged) == 100


@pytest.mark.parametrize("vague, count", [("大量房屋", "300间房屋"), ("许多民宅", "300间民宅")])
def test_a_quantifier_of_buildings_meets_houses_counted_with_jian(vague: str, count: str) -> None:
    # Second review: 间, the common measure word of houses, was a unit of its own, so 大量房屋倒塌
    # never met 300间房屋倒塌 (only B's figure listed) though buildings are what the quantifier counts.
    articles = [article("oa", "Outlet A", f"地震周日在托尔维克造成{vague}倒塌。", language="zh"),
                article("ob", "Outlet B", f"地震周日在托尔维克造成{count}倒塌。", language="zh")]
    numbers = of_type(compare(articles, use_dense=False), "number")
    assert [f.kind for f in numbers] == ["precision"], [f.why for f in numbers]


def test_houses_counted_with_jian_and_zuo_are_one_count() -> None:
    articles = [article("oa", "Outlet A", "地震周日在托尔维克造成200间房屋倒塌。", language="zh"),
                article("ob", "Outlet B", "地震周日在托尔维克造成300座房屋倒塌。", language="zh")]
    assert [f.kind for f in of_type(compare(articles, use_dense=False), "number")] == ["contradiction"]
