"""A developing story (session trial): a toll that rises through the day is reported by outlets
hours apart (comparison.report_times). A later, higher figure of a running count, or one above
an earlier lower bound ("at least 15", 至少15人), is an update (precision), not a contradiction;
figures of reports at about the same time are still compared as values. Articles are made up; no labeled story is quoted."""

from __future__ import annotations

from datetime import UTC, datetime

from comparison import compare
from comparison.numbers import extract_quantities
from comparison.numbers_en import extract_quantities_en
from tests.comparison_helpers import ESCAPE_A, ESCAPE_B, article, exact, of_type


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 8, 11, hour, minute, tzinfo=UTC)


def _numbers(a, b):
    found = of_type(compare([a, b], use_dense=False), "number")
    return [f for f in found if f.kind != "unique"]


def test_lower_bounds_are_read_as_floors_in_both_languages() -> None:
    for text in ("至少15人死亡", "不少于15人死亡", "逾15人死亡", "超过15人死亡", "15人以上死亡"):
        (q,) = extract_quantities(text)
        assert q.floor and q.low == 15, text
    for text in ("at least 15 people died", "more than 15 people died", "no fewer than 15 people died"):
        q = extract_quantities_en(text)[0]
        assert q.floor and q.low == 15, text
    for text in ("约15人死亡", "15人死亡", "近15人死亡"):
        assert not extract_quantities(text)[0].floor, text
    assert not extract_quantities_en("about 15 people died")[0].floor


def test_a_larger_figure_than_a_lower_bound_hours_later_is_worded_as_a_possible_update() -> None:
    """至少15人 / "at least 15" is the count the reporter has (15-15.75: numbers._apply_qualifier);
    a larger figure of a report at about the same time is another count (a contradiction, as
    two outlets' "at least 30" vs "at least 50" are); hours later the values still differ (a
    contradiction) but the finding says it is perhaps an update and names the later report."""
    for lang, bound, larger in (("zh", "山体滑坡已造成至少15人死亡。", "山体滑坡已造成16人死亡。"),
                                ("en", "The landslide killed at least 15 people, officials said.",
                                 "The landslide killed 16 people, officials said.")):
        a = article("a", "Outlet A", bound, language=lang, published=at(3, 10))
        b = article("b", "Outlet B", larger, language=lang, published=at(3, 40))
        assert [f.kind for f in _numbers(a, b)] == ["contradiction"], lang
        b = article("b", "Outlet B", larger, language=lang, published=at(8, 20))
        found = _numbers(a, b)
        assert [f.kind for f in found] == ["contradiction"], lang
        assert "perhaps an update" in found[0].why and "(published 08:20 UTC) vs earlier Outlet A" in found[0].why
        # The bound published after the larger figure updates nothing: compared as values.
        a = article("a", "Outlet A", bound, language=lang, published=at(9, 0))
        assert [f.kind for f in _numbers(a, b)] == ["contradiction"], lang
    # A later figure below an earlier bound is no update of it.
    a = article("a", "Outlet A", "警方称，至少有15名嫌疑人被捕。", language="zh", published=at(3, 10))
    b = article("b", "Outlet B", "警方称，共有12名嫌疑人被捕。", language="zh", published=at(9, 0))
    assert [f.kind for f in _numbers(a, b)] == ["contradiction"]


def test_a_running_toll_reported_hours_apart_is_worded_as_a_possible_update() -> None:
    early = article("a", "Outlet A", "山体滑坡已造成12人死亡。", language="zh", published=at(3, 10))
    late = article("b", "Outlet B", "山体滑坡已造成16人死亡。", language="zh", published=at(8, 20))
    found = _numbers(early, late)
    assert [f.kind for f in found] == ["contradiction"]
    assert "perhaps an update" in found[0].why
    assert "16人 (= 16) (published 08:20 UTC) vs earlier Outlet A: 12人 (= 12) (published 03:10 UTC)" in found[0].why
    exact(compare([early, late], use_dense=False), [early, late])
    early = article("a", "Outlet A", "The landslide killed 12 people, officials said.", published=at(3, 10))
    late = article("b", "Outlet B", "The landslide killed 16 people, officials said.", published=at(8, 20))
    assert ["perhaps an update" in f.why for f in _numbers(early, late)] == [True]
    # At about the same time the same figures differ as values.
    late = article("b", "Outlet B", "The landslide killed 16 people, officials said.", published=at(4, 0))
    assert ["perhaps an update" in f.why for f in _numbers(early, late)] == [False]
    # A toll adds up: a lower total hours later is set against the earlier one as a value.
    late = article("b", "Outlet B", "The landslide killed 9 people, officials said.", published=at(8, 20))
    assert ["perhaps an update" in f.why for f in _numbers(early, late)] == [False]
    # The missing are a count of the moment: fewer hours later is an update too.
    early = article("a", "Outlet A", "山体滑坡造成5人失踪。", language="zh", published=at(3, 10))
    late = article("b", "Outlet B", "山体滑坡造成3人失踪。", language="zh", published=at(8, 20))
    found = _numbers(early, late)
    assert [f.kind for f in found] == ["contradiction"] and "lower in the later report" in found[0].why


def test_a_later_count_above_an_earlier_lower_bound_is_a_possible_update_whatever_it_counts() -> None:
    early = article("a", "Outlet A", "警方称，至少有15名嫌疑人被捕。", language="zh", published=at(3, 10))
    late = article("b", "Outlet B", "警方称，共有25名嫌疑人被捕。", language="zh", published=at(9, 0))
    found = _numbers(early, late)
    assert [f.kind for f in found] == ["contradiction"]
    assert "above an earlier lower bound" in found[0].why and "perhaps an update" in found[0].why


def test_figures_that_are_no_running_count_still_contradict_hours_apart() -> None:
    """About 200 vs about 600 escaped prisoners contradict, at the same time or hours apart
    (an escape is no toll that runs)."""
    kinds = [f.kind for f in _numbers(ESCAPE_A, ESCAPE_B) if "prisoner" in f.why]
    assert kinds == ["contradiction"]
    import dataclasses

    later = dataclasses.replace(ESCAPE_B, published=datetime(2021, 7, 8, 18, 0, tzinfo=UTC))
    kinds = [f.kind for f in _numbers(ESCAPE_A, later) if "prisoner" in f.why]
    assert kinds == ["contradiction"]
    found = _numbers(article("a", "Outlet A", "警方拘留了该公司4名经理。", language="zh"),
                     article("b", "Outlet B", "警方拘留了该公司3名经理。", language="zh"))
    assert [f.kind for f in found] == ["contradiction"]


def test_a_developing_story_of_three_outlets_reads_as_updates() -> None:
    """12 -> 15 -> 16 dead over a night: one outlet's two reports, another's "at least 15",
    a third's two reports in English. The outlets' own changes are updates; what differs
    between outlets hours apart is worded as a possible update, naming the later report."""
    articles = [
        article("x1", "新华社", "四川某县10日深夜发生山体滑坡，截至11日凌晨，已造成12人死亡，5人失踪。",
                language="zh", published=at(3, 10)),
        article("x2", "新华社", "四川某县10日深夜发生山体滑坡，截至11日上午，已造成16人死亡，3人失踪。",
                language="zh", published=at(8, 20)),
        article("z1", "中新网", "四川某县10日深夜发生山体滑坡，目前已造成至少15人死亡，4人失踪。",
                language="zh", published=at(5, 40)),
        article("r1", "Reuters", "A landslide in Sichuan killed at least 15 people overnight, with four missing.",
                published=at(5, 50)),
        article("r2", "Reuters", "A landslide in Sichuan killed 16 people overnight, with three missing.",
                published=at(8, 45)),
    ]
    comparison = compare(articles, use_dense=False)
    exact(comparison, articles)
    numbers = of_type(comparison, "number")
    assert all("perhaps an update" in f.why for f in numbers if f.kind == "contradiction"), [f.why for f in numbers]
    updates = [f.why for f in numbers if f.kind == "update"]
    assert any(w.startswith("新华社 updated") and "12人" in w and "16人" in w for w in updates), updates
    assert any(w.startswith("Reuters updated") and "at least 15" in w for w in updates), updates
    # An outlet's superseded figure is not set against other outlets' reports of other times.
    assert not [f for f in numbers if f.kind != "update" and any(s.article_id == "x1" for s in f.spans)
                and any(s.article_id in ("r1", "r2") for s in f.spans)]
