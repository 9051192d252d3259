"""A figure for a place the article itself shows to lie inside another (甘肃省石门镇, "Marlow in
Kent") counts that part, not the whole: against a count for the whole (the setting, or the place
it lies in) it is no contradiction; against a count for the same part it still is. Made-up
sentences (real province names, invented towns); no labeled story is quoted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from comparison import compare
from tests.comparison_helpers import article, of_type

PROVINCES = ["甘肃省", "云南省", "河北省"]
TOWNS = ["石门镇", "柳林镇", "青山乡", "白水县"]


def _number_kinds(first: list[str], second: list[str], language: str = "zh") -> list[str]:
    a = article("sa", "Outlet A", *first, language=language)
    b = article("sb", "Outlet B", *second, language=language)
    return [f.kind for f in of_type(compare([a, b], use_dense=False), "number") if f.kind != "unique"]


@settings(max_examples=8, deadline=None)
@given(st.sampled_from(PROVINCES), st.sampled_from(TOWNS), st.booleans())
def test_a_town_inside_a_province_is_no_contradiction_of_the_province(province: str, town: str, named: bool) -> None:
    whole = f"山体滑坡在{province}造成12人死亡，官员说" if named else "山体滑坡共造成12人死亡，官员说"
    kinds = _number_kinds([f"周一，{province}发生山体滑坡", f"{province}{town}有3人死亡，官员说"],
                          [f"周一，{province}发生山体滑坡", whole])
    assert "contradiction" not in kinds, kinds


def test_the_same_town_still_contradicts() -> None:
    kinds = _number_kinds(["周一，甘肃省发生山体滑坡", "甘肃省石门镇有3人死亡，官员说"],
                          ["周一，甘肃省发生山体滑坡", "甘肃省石门镇有5人死亡，官员说"])
    assert kinds == ["contradiction"], kinds


def test_a_province_named_differently_is_still_the_whole() -> None:
    kinds = _number_kinds(["周一四川发生山体滑坡", "甘肃省石门镇有3人死亡"], ["周一四川发生山体滑坡", "甘肃有12人死亡"])
    assert "contradiction" not in kinds, kinds


def test_an_english_town_in_a_county() -> None:
    kinds = _number_kinds(["Floods hit Varnshire on Monday.", "Three people died in Elmford in Varnshire, police said."],
                          ["Floods hit Varnshire on Monday.", "Twelve people died in Varnshire, police said."],
                          language="en")
    assert "contradiction" not in kinds, kinds


def test_without_a_place_of_its_own_the_counts_still_meet() -> None:
    kinds = _number_kinds(["周一，甘肃省发生山体滑坡", "滑坡造成3人死亡，官员说"], ["周一，甘肃省发生山体滑坡", "滑坡造成12人死亡，官员说"])
    assert kinds == ["contradiction"], kinds
