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


def test_one_weekday_name_for_two_days_says_which_days() -> None:
    """'on Monday' in reports a week apart names two Mondays: the note gives each day, not the
    one word ('days differ: Monday' told the reader nothing)."""
    from datetime import timedelta

    from tests.comparison_helpers import PUBLISHED

    a = article("sa", "Outlet A", SAID.format(day="Monday"))
    b = article("sb", "Outlet B", SAID.format(day="Monday"), published=PUBLISHED + timedelta(days=7))
    whys = [f.why for f in compare([a, b], use_dense=False).findings if f.kind == "agree" and f.fact_type == "statement"]
    note = whys[0].split("days differ: ")[1]
    days = note.split(" / ")
    assert len(days) == 2 and days[0] != days[1] and all(d.startswith("Monday (") for d in days), whys
