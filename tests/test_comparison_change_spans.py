"""Two shares joined by 至/到 right after a verb of change are one span of the change (物价上涨
500%至900%: 500-900%), not the upper bound alone; a change by A to a level B (从5%上涨至7%,
失业率下降0.3%至5.8%) stays two figures. Made-up sentences; no labeled story is quoted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison import compare
from comparison.numbers import extract_quantities
from tests.comparison_helpers import article, of_type


@given(st.integers(1, 900), st.integers(0, 400), st.sampled_from(["上涨", "增长", "下跌", "上漲"]),
       st.sampled_from(["至", "到"]))
def test_a_span_of_shares_after_a_verb_of_change_is_one_figure(low: int, extra: int, verb: str, joint: str) -> None:
    high = low + min(extra, 4 * low)  # (further apart, "by A to B" reads as a change to a level)
    (q,) = extract_quantities(f"分析人士估计，明年物价可能{verb}{low}%{joint}{high}%。")
    assert q.percent and q.span and (q.low, q.high) == (low, high)
    assert q.text == f"{low}%{joint}{high}%"


def test_a_change_to_a_level_stays_two_figures() -> None:
    for text, shares in (("价格从5%上涨至7%。", ["5%", "7%"]), ("失业率下降0.3%至5.8%。", ["0.3%", "5.8%"]),
                         ("通胀率上升2%至3%。", ["2%", "3%"]), ("出口增长1%至40%。", ["1%", "40%"])):
        assert [q.text for q in extract_quantities(text)] == shares, text


def test_the_statement_lists_the_span_as_one_figure() -> None:
    a = article("a", "Outlet A", "瓦尔多岛周日爆发抗议。一名经济学家估计，未来几个月内瓦尔多的物价可能会上涨500%至900%。",
                language="zh")
    b = article("b", "Outlet B", "瓦尔多岛周日爆发抗议。", language="zh")
    unique = [f.why for f in of_type(compare([a, b], use_dense=False), "statement", "unique")]
    assert any("; 500%至900%;" in w for w in unique), unique
