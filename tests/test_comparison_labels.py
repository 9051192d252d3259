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
    assert article_labels(arts) == ["Reuters (published 8 Jul 12:00 UTC)", "Reuters (published 8 Jul 12:00 UTC) #2", "AP",
                                    "Reuters (published 8 Jul 12:05 UTC)", "Reuters (published 8 Jul 12:00 UTC) #3"]
    assert article_labels([article("a", "Reuters", "x"), article("b", "AP", "y")]) == ["Reuters", "AP"]


def test_two_articles_of_one_outlet_in_one_minute_keep_their_sources_apart() -> None:
    arts = [article("s1", "Reuters", "Eight people were killed in a mine blast in Shanxi on Monday, Xinhua said."),
            article("s2", "Reuters", "Nine people were killed in a mine blast in Shanxi on Monday, AFP said."),
            article("s3", "AP", "A mine explosion in Shanxi killed eight people on Monday.")]
    comparison = compare(arts, use_dense=False)
    assert len(comparison.sources) == 3
    first, second = comparison.sources["Reuters (published 8 Jul 12:00 UTC)"], comparison.sources["Reuters (published 8 Jul 12:00 UTC) #2"]
    assert first != second and len(first) == len(second) == 1
    md = to_markdown(comparison, arts)
    # The time once: the label holds it (it was also written after the label).
    assert "- **Reuters (published 8 Jul 12:00 UTC) #2**: " in md and "UTC) #2**, " not in md
    assert "- **AP**, 2021-07-08 12:00 UTC: " in md


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


def _written(article_id: str, outlet: str, text: str, script: str):
    from dataclasses import replace

    return replace(article(article_id, outlet, text, language="zh"), script=script)


def test_an_outlet_is_labelled_in_the_script_its_articles_are_written_in() -> None:
    from articles.outlets import edition_names, name_in_script, outlet_labels, reader_outlet

    liberty = _written("t1", "自由时报", "林劍說，台灣將加強防務。", "Hant")
    dw = _written("t2", "德国之声", "德國之聲報導，台灣將加強防務。", "Hant")
    xinhua = _written("s1", "新华社", "新华社报道，台湾将加强防务。", "Hans")
    names = edition_names([liberty, dw, xinhua])
    assert names == {"t1": "自由時報", "t2": "德國之聲", "s1": "新华社"}
    assert article_labels([liberty, dw, xinhua]) == ["自由時報", "德國之聲", "新华社"]
    assert reader_outlet(liberty) == "自由時報" and reader_outlet(xinhua) == "新华社"
    # An outlet with a Simplified article among its Traditional ones: its (Simplified) canonical
    # name; an article telling no script apart does not count.
    mixed = [liberty, _written("t3", "自由时报", "自由时报报道。", "Hans")]
    assert set(edition_names(mixed).values()) == {"自由时报"}
    assert edition_names([liberty, _written("t4", "自由时报", "2021", None)])["t4"] == "自由時報"
    assert outlet_labels([liberty, dw, xinhua]) == {"自由时报": "自由時報", "德国之声": "德國之聲", "新华社": "新华社"}
    assert outlet_labels(mixed) == {"自由时报": "自由时报"}
    # The outlet's own Traditional name when the table knows it (a character conversion would
    # write 亞洲新聞臺); a name already Traditional stays as written; English names stay.
    assert name_in_script("亚洲新闻台", "Hant") == "亞洲新聞台"
    assert name_in_script("台灣新聞網", "Hant") == "台灣新聞網"
    assert name_in_script("自由時報", "Hans") == "自由时报"
    assert name_in_script("Reuters", "Hant") == "Reuters"
