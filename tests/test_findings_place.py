"""comparison.findings.place: directions as bearings, places at their level."""

from comparison import compare
from tests.comparison_helpers import article, of_type


def _places(text_a, text_b, language="en"):
    a = article("pa", "Outlet A", text_a, language=language)
    b = article("pb", "Outlet B", text_b, language=language)
    return of_type(compare([a, b], use_dense=False), "place")


def test_west_vs_north_west_is_precision_north_vs_south_a_contradiction():
    assert [f.kind for f in _places("Fighters seized the town in the west of the province on Monday.",
                                    "Fighters seized the town in the north-west of the province on Monday.")
            ] == ["precision"]
    assert [f.kind for f in _places("Fighters seized the town in the north of the province on Monday.",
                                    "Fighters seized the town in the south of the province on Monday.")
            ] == ["contradiction"]


def test_a_city_vs_a_named_place_is_precision():
    found = _places("塔利班周三攻占了巴德吉斯省的一座城市。", "塔利班周三攻占了巴德吉斯省首府瑙堡市。", "zh")
    assert "precision" in [f.kind for f in found]


def test_the_city_is_not_vaguer_than_a_place_of_another_kind():
    """"The city" leaves a city unnamed, not the prefecture around it; 大城市 is no name."""
    found = _places("泥石流周六冲毁了这座城市的数十栋房屋。", "泥石流周六冲毁了静冈县的数十栋房屋。", "zh")
    assert "precision" not in [f.kind for f in found]
    found = _places("军队周六在多个城市开枪。", "军队周六在多个大城市开枪。", "zh")
    assert "precision" not in [f.kind for f in found]
