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


def test_an_outlets_editions_in_two_languages_are_compared_with_each_other() -> None:
    # Reuters' English and Chinese services are edited apart: their figures are set against
    # each other (they are one outlet for the story list, two editions for the comparison).
    from articles.outlets import edition_names
    from comparison.compare import compare
    from tests.comparison_helpers import article

    english = article("en", "路透", "A landslide in Nepal killed 12 people on Sunday, officials said.", language="en")
    chinese = article("zh", "路透", "尼泊尔官员说，周日尼泊尔山体滑坡造成15人死亡。", language="zh")
    comparison = compare([english, chinese], use_dense=False)
    numbers = [f for f in comparison.findings if f.fact_type == "number" and f.kind != "unique"]
    assert numbers and {s.article_id for f in numbers for s in f.spans} == {"en", "zh"}
    # Two editions going by one name get the language; two outlets by one name, the outlet too.
    bbc_en, bbc_zh = article("b1", "BBC", "x", language="en"), article("b2", "BBC", "x", language="zh")
    other = article("o1", "Reuters", "x", language="en")  # a source that calls itself Reuters
    assert edition_names([bbc_en, bbc_zh, english, chinese]) == {
        "b1": "BBC (en)", "b2": "BBC (zh)", "en": "Reuters", "zh": "路透"}
    assert edition_names([english, other]) == {"en": "Reuters (路透, en)", "o1": "Reuters (Reuters, en)"}
