"""comparison.findings.broader_places: a glossed place name inside another outlet's."""

from comparison import compare
from tests.comparison_helpers import article, of_type


def _entities(text_a: str, text_b: str):
    a = article("pa", "Outlet A", text_a, language="zh")
    b = article("pb", "Outlet B", text_b, language="zh")
    return [f for f in of_type(compare([a, b], use_dense=False), "entity") if f.kind == "precision"]


def test_a_place_whose_gloss_another_outlets_gloss_contains_is_broader():
    found = _entities("爆炸发生在科希斯坦区（Kohistan）。", "爆炸发生在上科希斯坦县（Upper Kohistan）。")
    assert len(found) == 1
    assert "is broader than" in found[0].why and "Outlet A" in found[0].why.split("is broader")[0]


def test_people_and_outlets_naming_both_places_are_left_alone():
    assert not _entities("拜登（Biden）发表讲话。", "美国总统乔·拜登（Joe Biden）发表讲话。")
    assert not _entities("科希斯坦区（Kohistan）与上科希斯坦县（Upper Kohistan）都受灾。",
                         "上科希斯坦县（Upper Kohistan）受灾。")


def test_only_a_part_of_place_word_makes_a_narrower_place():
    # Two countries, a province named after a district, a state named like a county: none is
    # one place said broadly (a reviewer's cases).
    assert not _entities("难民来自苏丹（Sudan）。", "难民来自南苏丹（South Sudan）。")
    assert not _entities("爆炸发生在开伯尔区（Khyber）。", "爆炸发生在开伯尔-普赫图赫瓦省（Khyber Pakhtunkhwa）。")
    assert not _entities("他住在约克郡（York）。", "他住在纽约州（New York）。")
    # Rendered otherwise and glued: still the same area, said narrower.
    assert len(_entities("爆炸发生在科希斯坦区（Kohistan）。", "爆炸发生在上柯赫斯坦地区（UpperKohistan）。")) == 1
