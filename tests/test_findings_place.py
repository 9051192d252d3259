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


def test_a_generic_noun_before_the_name_it_introduces_is_no_vaguer_place():
    """"the northern city of Larissa", 港口城市宁波, 首府萨拉（Sala）: the noun names the place."""
    found = _places("Riots broke out in the northern city of Larissa on Monday.",
                    "Riots broke out in Larissa on Monday.")
    assert "precision" not in [f.kind for f in found]
    found = _places("周一，洪水冲毁了港口城市宁波的数十栋房屋。", "周一，洪水冲毁了宁波市的数十栋房屋。", "zh")
    assert "precision" not in [f.kind for f in found]
    found = _places("车队周二在首府萨拉（Sala）北方遇袭。", "车队周二在萨拉市（Sala）北方遇袭。", "zh")
    assert "precision" not in [f.kind for f in found]


def test_bare_diqu_is_an_area_not_a_district():
    from comparison.compare import build_context
    from comparison.findings.place import _names_itself
    from comparison.slots import Place
    from tests.comparison_helpers import article as make

    text = "受影响地区包括宁海区。叛军攻占了该地区。"
    docs, _ctx, _notes = build_context([make("pc", "Outlet C", text, language="zh")], None)
    bare = Place(3, 5, "地区", "district", None, True)
    determined = Place(text.index("该地区") + 1, text.index("该地区") + 3, "地区", "district", None, True)
    assert _names_itself(docs[0], bare, []) and not _names_itself(docs[0], determined, [])


def test_an_unnamed_city_with_a_bearing_against_a_capital_is_precision():
    """"the provincial capital" picks out one city by what it means; "a north-western city"
    does not say which: one place, said vaguer (English and Chinese)."""
    for a_text, b_text, language in (
            ("The rebels entered the provincial capital on Friday, officials said.",
             "The rebels entered a north-western city on Friday, officials said.", "en"),
            ("叛军周五占领了该省首府，官员说。", "叛军周五占领了西北部一座城市，官员说。", "zh")):
        a = article("pa", "Outlet A", a_text, language=language)
        b = article("pb", "Outlet B", b_text, language=language)
        found = of_type(compare([a, b], use_dense=False), "place")
        assert [f.kind for f in found] == ["precision"], (language, [f.why for f in found])


def test_a_bearing_from_a_place_is_not_compared_with_a_part_of_another():
    # "south of Piura" points from the city; "northern Peru" is a part of the country.
    assert _places("The quake struck 40 km south of Piura on Thursday.",
                   "The quake struck northern Peru on Thursday.") == []
    assert [f.kind for f in _places("The quake struck 40 km south of Piura on Thursday.",
                                    "The quake struck 40 km north of Piura on Thursday.")] == ["contradiction"]
    assert _places("地震发生在皮乌拉以南40公里处。", "地震发生在秘鲁北部。", "zh") == []


def test_a_direction_with_a_distance_is_a_bearing_and_the_far_north_a_part():
    assert [f.kind for f in _places("地震发生在皮乌拉以南38公里处。", "地震发生在皮乌拉西北方38公里处。", "zh")
            ] == ["contradiction"]
    assert [f.kind for f in _places("The quake hit the far north of Peru on Thursday.",
                                    "The quake hit southern Peru on Thursday.")] == ["contradiction"]


def test_a_noun_before_a_bearing_keeps_it_a_bearing_and_a_height_is_no_distance():
    from comparison.slots import extract_places

    (north,) = [p for p in extract_places("Rebels seized the town north of Kabul.", "", [], True) if p.direction is not None]
    assert north.relative
    text = "秘鲁北部2000米高的山区"
    assert [p.relative for p in extract_places(text, text, [], False) if p.direction is not None] == [False]


def test_a_compass_word_opening_a_place_name_is_no_direction():
    """"North Torvia" and "South Torvia" are names (a capitalized compass word before a
    capitalized word), not bearings: no direction finding between them, nor one agreeing on
    "North"; "northern Torvia" stays a part of Torvia."""
    found = _places("Delegates met in Galen, the capital of North Torvia province, on Monday.",
                    "Delegates met in Galen, the capital of North Torvia province, on Monday.")
    assert not [f for f in found if "direction" in f.why]
    found = _places("The storm hit northern Torvia on Monday.", "The storm hit southern Torvia on Monday.")
    assert [f.kind for f in found] == ["contradiction"]
