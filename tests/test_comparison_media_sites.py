"""A medium's news site and the medium that runs it are one source (新华网 / 新华社; made-up
sentences)."""

from __future__ import annotations

from comparison import compare
from tests.comparison_helpers import article


def test_a_news_site_and_its_medium_are_one_source() -> None:
    a = article("a", "甲报", "据新华网报道，某地暴雨造成300人受灾。", language="zh")
    b = article("b", "乙台", "中国官媒新华社报道，某地暴雨造成300人受灾。", language="zh")
    found = [(f.kind, f.fact_type, f.why) for f in compare([a, b], use_dense=False).findings
             if f.fact_type in ("attribution", "source")]
    assert found == [("agree", "source", "乙台 and 甲报 both cite 新华社")], found


def test_two_media_stay_two_sources() -> None:
    a = article("a", "甲报", "据新华网报道，某地暴雨造成300人受灾。", language="zh")
    b = article("b", "乙台", "据中新社报道，某地暴雨造成300人受灾。", language="zh")
    kinds = sorted(f.kind for f in compare([a, b], use_dense=False).findings if f.fact_type == "source")
    assert kinds == ["unique", "unique"], kinds
