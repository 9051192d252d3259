"""Each compared article has its own label, even two of one outlet published in the same minute
(the sources, notes and aligned pairs are keyed by it)."""

from __future__ import annotations

from datetime import timedelta

from comparison import compare
from comparison.docs import article_labels
from comparison.report import to_markdown
from tests.comparison_helpers import PUBLISHED, article


def test_labels_add_the_minute_then_a_number_only_where_needed() -> None:
    later = PUBLISHED + timedelta(minutes=5)
    arts = [article("a", "Reuters", "x"), article("b", "Reuters", "y"), article("c", "AP", "z"),
            article("d", "Reuters", "w", published=later), article("e", "Reuters", "v")]
    assert article_labels(arts) == ["Reuters (07-08 12:00)", "Reuters (07-08 12:00) #2", "AP",
                                    "Reuters (07-08 12:05)", "Reuters (07-08 12:00) #3"]
    assert article_labels([article("a", "Reuters", "x"), article("b", "AP", "y")]) == ["Reuters", "AP"]


def test_two_articles_of_one_outlet_in_one_minute_keep_their_sources_apart() -> None:
    arts = [article("s1", "Reuters", "Eight people were killed in a mine blast in Shanxi on Monday, Xinhua said."),
            article("s2", "Reuters", "Nine people were killed in a mine blast in Shanxi on Monday, AFP said."),
            article("s3", "AP", "A mine explosion in Shanxi killed eight people on Monday.")]
    comparison = compare(arts, use_dense=False)
    assert len(comparison.sources) == 3
    first, second = comparison.sources["Reuters (07-08 12:00)"], comparison.sources["Reuters (07-08 12:00) #2"]
    assert first != second and len(first) == len(second) == 1
    md = to_markdown(comparison, arts)
    assert "- **Reuters (07-08 12:00) #2**, 2021-07-08 12:00 UTC:" in md
