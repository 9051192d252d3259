"""A shared statement whose outlets name other days says so: the time producer compares days
only for the same kind of event, so "inspect on Monday" vs "inspect on Tuesday" must not read as
full agreement (a false agreement is worse than none)."""

from comparison import compare
from tests.comparison_helpers import article

SAID = "Engineers will inspect the river bridge in Carlow on {day}, the county council said."


def _statements(day_a: str, day_b: str) -> list[str]:
    a = article("sa", "Outlet A", SAID.format(day=day_a))
    b = article("sb", "Outlet B", SAID.format(day=day_b))
    return [f.why for f in compare([a, b], use_dense=False).findings if f.kind == "agree" and f.fact_type == "statement"]


def test_other_days_in_a_shared_statement_are_named() -> None:
    whys = _statements("Monday", "Tuesday")
    assert whys and "days differ: Monday / Tuesday" in whys[0], whys


def test_the_same_day_is_no_difference() -> None:
    whys = _statements("Monday", "Monday")
    assert whys and "days differ" not in whys[0], whys
