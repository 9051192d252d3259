"""A few, said in words only (多名, 多人, 若干名, 数名, 几位; several, a few): like an unquantified
quantifier, alone such a count is no fact for "only X reports" (numbers.names_no_figure); the
statement holding it stays unique, and a figure beside it is still a fact. Made-up sentences."""

from __future__ import annotations

import pytest

from comparison import compare
from comparison.numbers import extract_quantities, names_no_figure
from comparison.numbers_en import extract_quantities_en
from tests.comparison_helpers import article, of_type

OTHER_ZH = "托尔维克周一爆发大规模抗议活动。"
OTHER_EN = "Large protests broke out in Torvik on Monday."


@pytest.mark.parametrize("text, language", [
    ("警方周一在托尔维克逮捕了多名抗议者。", "zh"), ("警方周一在托尔维克逮捕了数名抗议者。", "zh"),
    ("警方周一在托尔维克逮捕了若干名抗议者。", "zh"), ("托尔维克周一有多人被捕。", "zh"),
    ("Police arrested several protesters in Torvik on Monday.", "en"),
    ("Police arrested a few protesters in Torvik on Monday.", "en"),
])
def test_a_few_in_words_alone_is_no_unique_figure(text: str, language: str) -> None:
    comparison = compare([article("oa", "Outlet A", text, language=language),
                          article("ob", "Outlet B", OTHER_ZH if language == "zh" else OTHER_EN, language=language)],
                         use_dense=False)
    assert of_type(comparison, "number", "unique") == []


def test_a_statement_with_a_few_in_words_stays_unique() -> None:
    a = article("oa", "Outlet A", OTHER_EN, "Later, several officers were hurt when a bomb exploded near the parliament.")
    comparison = compare([a, article("ob", "Outlet B", OTHER_EN)], use_dense=False)
    assert any(f.spans[0].text.startswith("Later, several officers") for f in of_type(comparison, "statement", "unique"))


def test_a_figure_beside_a_few_in_words_is_still_unique() -> None:
    a = article("oa", "Outlet A", OTHER_EN, "Later, 12 officers were hurt and several protesters were arrested.")
    comparison = compare([a, article("ob", "Outlet B", OTHER_EN)], use_dense=False)
    figures = [f.why for f in of_type(comparison, "number", "unique")]
    assert any("12" in t for t in figures) and not any("several" in t for t in figures)


def test_which_words_name_no_figure() -> None:
    zh = {q.text: names_no_figure(q) for q in extract_quantities("警方逮捕了多名抗议者、十几名记者、数十名学生和3名警察。")}
    assert zh == {"多名": True, "十几名": False, "数十名": False, "3名": False}
    en = {q.text: names_no_figure(q) for q in extract_quantities_en("Police held several protesters, dozens of students and 3 officers.")}
    assert en == {"several": True, "dozens": False, "3": False}
