"""comparison.findings.updates: an outlet's later report changing its own figure is an update,
not a discrepancy between outlets. Articles are made up."""

from __future__ import annotations

from datetime import UTC, datetime

from comparison import compare
from comparison.findings import producers
from tests.comparison_helpers import article, exact, of_type


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 8, 11, hour, minute, tzinfo=UTC)


def test_registered_after_the_quantity_producer() -> None:
    names = [name for name, _ in producers()]
    assert names.index("updates") == names.index("quantity") + 1


def test_one_outlet_alone_updating_its_toll() -> None:
    """A story only one outlet reports: its 03:10 and 08:20 reports are one outlet's, not two."""
    articles = [article("x1", "新华社", "山体滑坡已造成12人死亡，5人失踪。", language="zh", published=at(3, 10)),
                article("x2", "新华社", "山体滑坡已造成16人死亡，5人失踪。", language="zh", published=at(8, 20))]
    comparison = compare(articles, use_dense=False)
    exact(comparison, articles)
    numbers = [f for f in of_type(comparison, "number") if f.kind != "unique"]
    assert [f.kind for f in numbers] == ["update"]
    assert numbers[0].why == "新华社 updated 人 (killed) from 12人 (= 12) (published 03:10 UTC) to 16人 (= 16) (published 08:20 UTC)"
    assert [s.article_id for s in numbers[0].spans] == ["x1", "x2"]


def test_each_change_once_from_one_report_to_the_next() -> None:
    articles = [
        article("r1", "Reuters", "The landslide killed 12 people, officials said.", published=at(3, 0)),
        article("r2", "Reuters", "The landslide killed 15 people, officials said.", published=at(6, 0)),
        article("r3", "Reuters", "The landslide killed 16 people, officials said.", published=at(9, 0)),
        article("a1", "AP", "The landslide killed 16 people, officials said.", published=at(9, 30)),
    ]
    comparison = compare(articles, use_dense=False)
    updates = sorted(f.why for f in of_type(comparison, "number", "update"))
    assert updates == ["Reuters updated people (killed) from 12 (= 12) (published 03:00 UTC) to 15 (= 15) (published 06:00 UTC)",
                       "Reuters updated people (killed) from 15 (= 15) (published 06:00 UTC) to 16 (= 16) (published 09:00 UTC)"]
    # AP's 16 agrees with Reuters' latest; Reuters' earlier figures are not set against it.
    others = [f for f in of_type(comparison, "number") if f.kind not in ("update", "unique")]
    assert [f.kind for f in others] == ["agree"]


def test_a_restated_figure_is_no_update_and_same_time_reports_are_still_compared() -> None:
    articles = [article("x1", "新华社", "山体滑坡已造成12人死亡。", language="zh", published=at(3, 10)),
                article("x2", "新华社", "山体滑坡已造成12人死亡。", language="zh", published=at(8, 20))]
    assert not of_type(compare(articles, use_dense=False), "number", "update")
    # Two reports of one outlet at one minute are no update of each other: compared as before.
    articles = [article("x1", "新华社", "山体滑坡已造成12人死亡。", language="zh", published=at(3, 10)),
                article("x2", "新华社", "山体滑坡已造成16人死亡。", language="zh", published=at(3, 10))]
    kinds = [f.kind for f in of_type(compare(articles, use_dense=False), "number") if f.kind != "unique"]
    assert kinds == ["contradiction"]
