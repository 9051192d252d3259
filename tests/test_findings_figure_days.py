"""A number finding shows the day a figure's sentence names ("for Sunday 11 Jul"), and an article's
publication time, where a label or the text shows it, as "published ... UTC": a trial reader took
a bare "07-13 11:20" beside a figure for the day the figure is about. Articles are made up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from comparison import compare
from comparison.docs import day_stamp, published_stamp
from comparison.report import to_markdown
from tests.comparison_helpers import article, exact, of_type

MONDAY_NIGHT = datetime(2021, 7, 12, 21, 42, tzinfo=UTC)
TUESDAY = datetime(2021, 7, 13, 11, 20, tzinfo=UTC)


def _numbers(articles, kind: str = "contradiction") -> list:
    comparison = compare(articles, use_dense=False)
    exact(comparison, articles)
    return of_type(comparison, "number", kind)


def test_both_figures_of_sunday_say_so_and_the_label_says_published() -> None:
    articles = [
        article("a1", "Outlet A", "卫生部门周日报告了6923例新增病例。", language="zh", published=MONDAY_NIGHT),
        article("a2", "Outlet A", "岛上的抗议活动持续第二天。", language="zh", published=MONDAY_NIGHT - timedelta(hours=20)),
        article("b", "Outlet B", "周日，该国确诊了6750个新增病例。", language="zh", published=TUESDAY),
    ]
    found = _numbers(articles)
    assert len(found) == 1
    why = found[0].why
    assert "Outlet A (published 12 Jul 21:42 UTC): 6923例 (= 6,923) for Sunday 11 Jul" in why
    assert "Outlet B: 6750个 (= 6,750) for Sunday 11 Jul" in why
    assert "07-12" not in why and "\n" not in why
    # The Markdown report shows the finding's own text (the dashboard shows Finding.why too).
    assert why in to_markdown(compare(articles, use_dense=False), articles).replace("\\", "")


def test_an_english_weekday_is_resolved_against_each_publication() -> None:
    found = _numbers([
        article("a", "Outlet A", "Health officials reported 6,923 new cases on Sunday.", published=MONDAY_NIGHT),
        article("b", "Outlet B", "On Sunday, health officials reported 6,750 new cases.", published=TUESDAY),
    ])
    assert len(found) == 1
    assert "Outlet A: 6,923 (= 6,923) for Sunday 11 Jul" in found[0].why
    assert "Outlet B: 6,750 (= 6,750) for Sunday 11 Jul" in found[0].why


def test_a_figure_whose_sentence_names_no_day_shows_none() -> None:
    found = _numbers([
        article("a", "Outlet A", "The flood killed 12 people in the valley.", published=MONDAY_NIGHT),
        article("b", "Outlet B", "The flood killed 15 people in the valley.", published=TUESDAY),
    ])
    assert len(found) == 1 and " for " not in found[0].why.split(":", 1)[1]


def test_the_start_of_a_period_is_no_figures_day() -> None:
    found = _numbers([
        article("a", "Outlet A", "自7月1日以来，洪水已造成12人死亡。", language="zh", published=MONDAY_NIGHT),
        article("b", "Outlet B", "自7月1日以来，洪水已造成15人死亡。", language="zh", published=TUESDAY),
    ])
    assert len(found) == 1 and "Thursday" not in found[0].why  # (1 July 2021: a total since, not of that day)


def test_a_figure_only_one_outlet_reports_shows_its_day() -> None:
    comparison = compare([
        article("a", "Outlet A", "On Sunday, the storm destroyed 40 houses in the valley.", published=TUESDAY),
        article("b", "Outlet B", "The storm hit the valley on Sunday.", published=TUESDAY),
    ], use_dense=False)
    unique = [f.why for f in of_type(comparison, "number", "unique")]
    assert any(w.startswith("only Outlet A reports 40") and w.endswith(" for Sunday 11 Jul") for w in unique), unique


def test_a_statements_day_is_no_day_of_the_figure_after_it() -> None:
    # 周一公布，3月…: the figure is March's, published on Monday (its clause names its own period).
    found = _numbers([
        article("a", "Outlet A", "某国统计局周一公布，3月工业产值同比上涨4.2%。", language="zh", published=TUESDAY),
        article("b", "Outlet B", "某國統計局今天公布，3月工業產值年漲4.2%，其中，汽車產量大幅下降3.6%。", language="zh",
                published=TUESDAY),
        article("c", "Outlet C", "某国统计局公布，3月工业产值同比上涨4.2%，汽车产量下降3.6%。", language="zh",
                published=TUESDAY),
    ], kind="agree")
    assert found and not any("day " in f.why for f in found), [f.why for f in found]  # no "for Monday 12 Jul"


def test_a_running_count_after_a_statements_day_keeps_that_day() -> None:
    # 今天表示，罹难者增至66人: the count as of that day (its clause names no period of its own).
    found = _numbers([
        article("a", "Outlet A", "卫生官员今天表示，罹难者增至66人。", language="zh", published=TUESDAY),
        article("b", "Outlet B", "卫生官员今天表示，罹难者增至52人。", language="zh", published=TUESDAY),
    ])
    assert found and "for Tuesday 13 Jul" in found[0].why, [f.why for f in found]


def test_stamps() -> None:
    assert published_stamp(datetime(2021, 7, 13, 19, 20, tzinfo=timezone(timedelta(hours=8)))) == (
        "published 13 Jul 11:20 UTC")
    assert published_stamp(TUESDAY, day=False) == "published 11:20 UTC"
    assert day_stamp(date(2021, 7, 11), date(2021, 7, 13)) == "Sunday 11 Jul"
    assert day_stamp(date(2020, 12, 31), date(2021, 1, 2)) == "Thursday 31 Dec 2020"
