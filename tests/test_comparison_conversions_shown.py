"""The conversion shown beside a figure (docs.fmt, docs.fmt_pair): a metric unit of the figure's
own scale, and none where the figure is already in it or both sides use one unit."""

from comparison import compare
from comparison.docs import fmt, fmt_pair
from comparison.numbers import Quantity
from tests.comparison_helpers import article


def _q(value, unit, dimension, factor, text):
    return Quantity(start=0, end=len(text), text=text, low=value, high=value, vague=False, unit=unit,
                    dimension=dimension, factor=factor)


def test_a_rainfall_figure_is_never_shown_in_km():
    comparison = compare([article("a", "甲报", "暴雨造成当地降雨量达250毫米，洪水冲毁道路。", language="zh"),
                          article("b", "乙报", "暴雨造成当地降雨量达300毫米，洪水冲毁道路。", language="zh")])
    texts = [f.why for f in comparison.findings if f.fact_type == "number"]
    assert texts and not any("km" in t for t in texts)
    assert any("250毫米 (= 250)" in t for t in texts)


def test_english_lengths_in_a_unit_of_their_scale():
    assert fmt(_q(100, "mm", "length", 0.001, "100 mm")) == "100 mm (= 100)"
    assert fmt(_q(40, "miles", "length", 1609.344, "40 miles")) == "40 miles (= 40; 64.4 km)"
    assert fmt(_q(6, "inches", "length", 0.0254, "6 inches")) == "6 inches (= 6; 15.2 cm)"
    assert fmt(_q(30, "feet", "length", 0.3048, "30 feet")) == "30 feet (= 30; 9.14 m)"
    assert fmt(_q(30, "分钟", "duration", 60.0, "30分钟")) == "30分钟 (= 30)"
    assert fmt(_q(5, "公里", "length", 1000.0, "5公里")) == "5公里 (= 5)"
    assert fmt(_q(2, "周", "duration", 604800.0, "2周")) == "2周 (= 2; 14 days)"


def test_a_pair_in_one_unit_shows_no_conversion_and_two_units_meet_in_one():
    miles40, miles50 = _q(40, "miles", "length", 1609.344, "40 miles"), _q(50, "miles", "length", 1609.344, "50 miles")
    assert fmt_pair(miles40, miles50) == ("40 miles (= 40)", "50 miles (= 50)")
    km80 = _q(80, "km", "length", 1000.0, "80 km")
    assert fmt_pair(miles40, km80) == ("40 miles (= 40; 64.4 km)", "80 km (= 80)")
    mm100, inches6 = _q(100, "mm", "length", 0.001, "100 mm"), _q(6, "inches", "length", 0.0254, "6 inches")
    assert fmt_pair(mm100, inches6) == ("100 mm (= 100; 10 cm)", "6 inches (= 6; 15.2 cm)")
    cm30 = _q(30, "cm", "length", 0.01, "30 cm")
    assert fmt_pair(_q(250, "mm", "length", 0.001, "250 mm"), cm30) == ("250 mm (= 250; 25 cm)", "30 cm (= 30)")
