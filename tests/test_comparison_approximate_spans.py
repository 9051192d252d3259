"""A span said with "about" (about 30 to 40, 约30至40人) is the whole span widened, and set against
the same span said exactly it is the vaguer reading (precision), as "about 40" against 40 is.
Made-up sentences; no labeled story is quoted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from comparison import compare
from comparison.numbers import ABOUT_SHARE, extract_quantities
from comparison.numbers_en import extract_quantities_en
from tests.comparison_helpers import article, of_type


@given(st.integers(2, 500), st.integers(1, 500))
def test_about_widens_both_ends_of_a_span(low: int, extra: int) -> None:
    high = low + extra
    (exact,) = extract_quantities_en(f"Between {low} and {high} people were hurt.")
    (about,) = extract_quantities_en(f"Between about {low} and {high} people were hurt.")
    assert (exact.low, exact.high) == (low, high) and not exact.approximate_span
    assert about.approximate_span
    assert abs(about.low - low * (1 - ABOUT_SHARE)) < 1e-6 and abs(about.high - high * (1 + ABOUT_SHARE)) < 1e-6
    (zh,) = extract_quantities(f"约有{low}至{high}人受伤。")
    assert zh.approximate_span and abs(zh.high - high * (1 + ABOUT_SHARE)) < 1e-6


def test_a_span_after_a_vague_figure_is_not_widened() -> None:
    (q,) = extract_quantities("200多至300人受伤。")
    assert q.high == 300 and not q.approximate_span


def test_about_a_span_against_the_span_said_exactly_is_precision() -> None:
    a = article("pa", "Outlet A", "About 30 to 40 workers were injured in the blast at the Torvik plant on Monday.")
    b = article("pb", "Outlet B", "Between 30 and 40 workers were injured in the blast at the Torvik plant on Monday.")
    found = of_type(compare([a, b], use_dense=False), "number")
    assert [f.kind for f in found if f.kind != "unique"] == ["precision"], [f.why for f in found]
    assert "Outlet A is vaguer" in found[0].why
